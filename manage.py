#!/usr/bin/env python
"""Django's command-line utility.

Defaults to production settings so that a forgotten DJANGO_SETTINGS_MODULE fails closed
(production refuses to start without SECRET_KEY and ALLOWED_HOSTS). The Makefile selects dev.
"""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
