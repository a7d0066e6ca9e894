"""Wagtail's ``publish_scheduled`` (go-live and expiry times), then refresh the cached lists of every site whose
future-dated items came due since the last run (sites/shown_dates.py). The timer in deploy/ runs it every minute.

``sites`` comes before ``wagtail`` in INSTALLED_APPS, so this command answers to the name the timer calls."""

from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled

from sites import shown_dates


class Command(WagtailPublishScheduled):
    help = "发布到达上线时间的页面、下线到达下线时间的页面，并刷新有信息到达发布时间的站点的列表缓存"

    def handle(self, *args, **options):
        super().handle(*args, **options)
        if not options.get("dryrun"):
            shown_dates.release_due()
