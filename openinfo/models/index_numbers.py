"""索引号 allocation: ``<统一社会信用代码>/<YYYY>-<NNNNN>`` (国办秘函〔2009〕6号; the 18-character credit code
replaced the 9-character organisation code as the 前段码).

One counter row per organisation and year. The row is created if missing (ignoring a concurrent insert) and
then locked with SELECT … FOR UPDATE, so two editors publishing at the same moment get consecutive serials;
on SQLite the write lock of the transaction gives the same guarantee.
"""

from django.db import models, transaction

SERIAL_DIGITS = 5


class IndexNumberCounter(models.Model):
    org_code = models.CharField("统一社会信用代码", max_length=18)
    year = models.PositiveSmallIntegerField("年份")
    last_serial = models.PositiveIntegerField("已用序号", default=0)

    class Meta:
        verbose_name = "索引号计数器"
        verbose_name_plural = "索引号计数器"
        constraints = [models.UniqueConstraint(fields=["org_code", "year"], name="unique_index_counter")]

    def __str__(self):
        return f"{self.org_code}/{self.year}: {self.last_serial}"


def format_index_number(org_code: str, year: int, serial: int) -> str:
    return f"{org_code}/{year}-{serial:0{SERIAL_DIGITS}d}"


def allocate_index_number(org_code: str, year: int) -> str:
    with transaction.atomic():
        IndexNumberCounter.objects.bulk_create(
            [IndexNumberCounter(org_code=org_code, year=year)], ignore_conflicts=True
        )
        counter = IndexNumberCounter.objects.select_for_update().get(org_code=org_code, year=year)
        counter.last_serial += 1
        if counter.last_serial >= 10**SERIAL_DIGITS:
            raise ValueError(f"{org_code} 在 {year} 年的索引号序号已用尽")
        counter.save(update_fields=["last_serial"])
        return format_index_number(org_code, year, counter.last_serial)
