"""Personal data on public pages: names are masked (张** style), phone numbers are never shown."""


def mask_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        return "*"
    return name[0] + "*" * max(len(name) - 1, 1)
