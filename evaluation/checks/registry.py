"""Checks register here instead of being listed by the runner, so that a later app can add its own."""

_checks: dict[str, type] = {}


def register(check_class):
    if not check_class.name:
        raise ValueError(f"{check_class.__name__} has no name")
    if check_class.name in _checks and _checks[check_class.name] is not check_class:
        raise ValueError(f"two checks named {check_class.name!r}")
    _checks[check_class.name] = check_class
    return check_class


def all_checks():
    return [cls() for cls in _checks.values()]


def get(name):
    return _checks[name]()


def names():
    return list(_checks)
