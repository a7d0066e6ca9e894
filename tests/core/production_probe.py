"""Load ``config.settings.production`` once per environment, all in one Python process (tests/core/test_settings.py).

Reads ``{case: {"env": {...}, "names": [...]}}`` as JSON on stdin and writes ``{case: {"returncode", "stderr",
"values"}}`` on stdout: the exit status the settings module stopped with (0 when it loaded), what it wrote on stderr
(a traceback included, if any), and ``repr`` of the named settings when it loaded. The settings modules are
dropped from ``sys.modules`` before each case, so each one runs the module's code afresh against its environment,
as a new process would — without paying for a new interpreter and its imports per case.
"""

import contextlib
import importlib
import io
import json
import os
import sys
import traceback

SETTINGS_MODULES = ("config.settings.production", "config.settings.hardened", "config.settings.base")


def load(env: dict, names: list[str]) -> dict:
    os.environ.clear()
    os.environ.update(env)
    for module in SETTINGS_MODULES:
        sys.modules.pop(module, None)
    stderr, returncode, values = io.StringIO(), 0, {}
    with contextlib.redirect_stderr(stderr):
        try:
            settings = importlib.import_module("config.settings.production")
        except SystemExit as stop:
            returncode = stop.code
        except Exception:  # reported as a new process would report it: a traceback and status 1
            traceback.print_exc()
            returncode = 1
        else:
            values = {name: repr(getattr(settings, name)) for name in names}
    return {"returncode": returncode, "stderr": stderr.getvalue(), "values": values}


def main() -> None:
    cases = json.load(sys.stdin)
    results = {case: load(spec["env"], spec.get("names", [])) for case, spec in cases.items()}
    sys.stdout.write(json.dumps(results))


if __name__ == "__main__":
    main()
