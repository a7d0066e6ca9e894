"""索引号 under concurrent publishing: every transaction gets its own serial, no gaps, no duplicates."""

import os
import threading

import pytest
from django.db import connection, connections, transaction

from openinfo.models import IndexNumberCounter, allocate_index_number

ORG = "11430200000000001X"
THREADS, PER_THREAD = 8, 10


@pytest.mark.django_db(transaction=True)
def test_concurrent_transactions_get_distinct_consecutive_serials():
    if connection.vendor != "postgresql":
        if os.environ.get("CI"):
            pytest.fail("CI must run this test on PostgreSQL (DATABASE_URL)")
        pytest.skip("row locking is exercised on PostgreSQL (CI); SQLite serialises writers anyway")
    start = threading.Barrier(THREADS)
    numbers, errors = [], []

    def worker():
        try:
            start.wait(timeout=30)
            for _ in range(PER_THREAD):
                with transaction.atomic():
                    numbers.append(allocate_index_number(ORG, 2026))
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    expected = {f"{ORG}/2026-{n:05d}" for n in range(1, THREADS * PER_THREAD + 1)}
    assert len(numbers) == THREADS * PER_THREAD and set(numbers) == expected
    assert IndexNumberCounter.objects.get(org_code=ORG, year=2026).last_serial == THREADS * PER_THREAD


@pytest.mark.django_db
def test_allocation_starts_at_one_per_year_and_formats_five_digits():
    assert allocate_index_number(ORG, 2025) == f"{ORG}/2025-00001"
    assert allocate_index_number(ORG, 2025) == f"{ORG}/2025-00002"
    assert allocate_index_number(ORG, 2026) == f"{ORG}/2026-00001"
