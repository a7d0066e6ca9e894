#!/usr/bin/env python
"""Django's command-line utility.

On a checkout it uses the development settings, so the README's commands run as written. Production is always
explicit: config/wsgi.py and the systemd units set DJANGO_SETTINGS_MODULE=config.settings.production, which
refuses to start without its infrastructure (config/checks.py).
"""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
