"""factory-boy factories, one module per app: ``demo.factories.sites``, ``.home``, ``.openinfo``, ``.interaction``."""
