"""Models of the inspection workbench, one module per concern (runs, words, links); import each here."""

from .words import WordEntry, WordOverride, WordWhitelist  # noqa: F401  (错敏词)
