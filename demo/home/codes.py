"""Identifiers every government site carries, derived from a site's region and serial.

All of them are DEMO VALUES: the 统一社会信用代码 has a valid check character but an invented body, and the
ICP/公安 numbers follow the real formats without being real registrations.
"""

from demo.factories.sites import credit_code_for

from .data import SiteEntry

VILLAGE_SERIAL_BASE = 1000  # villages of a district take serials 1001… so they never collide with its portal


def org_code(region: str, serial: int) -> str:
    return credit_code_for(serial, region)


def site_code(region: str, serial: int) -> str:
    """网站标识码: 6-digit division code + 4 digits (portal 0001, then departments/topics in file order)."""
    return f"{region}{serial:04d}" if serial < 10000 else ""


def icp_number(entry: SiteEntry) -> str:
    return f"湘ICP备{entry.icp_base + entry.group_serial}号"


def police_record_number(entry: SiteEntry) -> str:
    return f"湘公网安备 {entry.region}02000{entry.group_serial:03d}号"
