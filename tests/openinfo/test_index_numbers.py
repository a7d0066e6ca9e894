"""索引号 allocation: one counter per organisation and year, five-digit serials (test_index_concurrency.py: races)."""

import pytest

from openinfo.models import allocate_index_number

ORG = "11430200000000001X"


@pytest.mark.django_db
def test_allocation_starts_at_one_per_year_and_formats_five_digits():
    assert allocate_index_number(ORG, 2025) == f"{ORG}/2025-00001"
    assert allocate_index_number(ORG, 2025) == f"{ORG}/2025-00002"
    assert allocate_index_number(ORG, 2026) == f"{ORG}/2026-00001"
