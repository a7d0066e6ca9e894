"""Admin edit-form data of a page as the browser would send it back, with changes."""

import datetime

from django.utils import timezone
from wagtail.blocks.base import BlockField
from wagtail.test.utils.form_data import nested_form_data, streamfield


def page_form_data(page, user, action="action-publish", **changes) -> dict:
    """Every field of ``page``'s edit form unchanged (stream fields and inline panels empty), then ``changes``."""
    page = page.get_latest_revision_as_object()
    form = page.get_edit_handler().get_form_class()(instance=page, for_user=user)
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, BlockField):
            data[name] = streamfield([])
            continue
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        elif isinstance(value, datetime.datetime):
            value = (timezone.localtime(value) if timezone.is_aware(value) else value).strftime("%Y-%m-%d %H:%M:%S")
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        data[name] = value
    for name in form.formsets:
        data[name] = {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000}
    data.update(changes)
    if action:
        data[action] = action.removeprefix("action-")
    return nested_form_data(data)
