"""WSGI entry point; production settings unless the environment names others (bench: config.settings.bench)."""

import os

from django.core.wsgi import get_wsgi_application

from config.checks import EXIT_STATUS

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
# An application server's worker that exits is usually restarted: gunicorn would print the refusal lines
# (config/checks.py) again for every new worker, forever. Status 4 is gunicorn's "application failed to load",
# which stops the whole server once; any other server just sees a non-zero exit.
APP_LOAD_ERROR = 4

try:
    application = get_wsgi_application()
except SystemExit as refused:
    if refused.code != EXIT_STATUS:
        raise
    raise SystemExit(APP_LOAD_ERROR) from None
