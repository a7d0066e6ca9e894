"""core.form_renderer writes long choice lists byte for byte as Django's widget templates do, only faster."""

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from wagtail.admin.forms.collections import SelectWithDisabledOptions

from core import form_renderer
from core.form_renderer import FAST_MIN_OPTIONS, FastChoiceRenderer

N = FAST_MIN_OPTIONS + 5
CHOICES = [(i, f"选项 {i} <b>&\"'") for i in range(N)]
GROUPED = [("第一组 <i>", CHOICES[:10]), ("", CHOICES[10:20]), ("第二组", CHOICES[20:])]


@pytest.fixture
def written_in_python(monkeypatch):
    """Names of the widget templates the renderer wrote in Python instead of rendering them."""
    written = []
    for name, function in list(form_renderer.RENDER.items()):

        def spy(widget, name=name, function=function):
            written.append(name)
            return function(widget)

        monkeypatch.setitem(form_renderer.RENDER, name, spy)
    return written


def _both(widget, name, value, attrs=None):
    django_html = widget.render(name, value, attrs=attrs, renderer=DjangoTemplates())
    fast_html = widget.render(name, value, attrs=attrs, renderer=FastChoiceRenderer())
    return django_html, fast_html


WIDGETS = [
    ("select", lambda: forms.Select(choices=CHOICES), "sel", 3, None),
    ("select, nothing chosen", lambda: forms.Select(choices=[("", "---------"), *CHOICES]), "sel", None, None),
    ("select with optgroups", lambda: forms.Select(choices=GROUPED), "grp", 25, {"id": "id_grp"}),
    ("select multiple", lambda: forms.SelectMultiple(choices=CHOICES), "m", [1, 7, 30], {"id": "id_m"}),
    (
        "select with attributes",
        lambda: forms.Select(choices=CHOICES, attrs={"data-controller": "w-action", "required": True, "x": False}),
        "a",
        "2",
        {"id": "id_a", "class": 'c "q"'},
    ),
    ("checkboxes", lambda: forms.CheckboxSelectMultiple(choices=CHOICES), "cb", [0, 4], {"id": "id_cb"}),
    ("checkboxes without id", lambda: forms.CheckboxSelectMultiple(choices=CHOICES), "cb", [], None),
    ("checkboxes in groups", lambda: forms.CheckboxSelectMultiple(choices=GROUPED), "g", [21], {"id": "id_g"}),
    (
        "checkboxes with a class",
        lambda: forms.CheckboxSelectMultiple(choices=CHOICES, attrs={"class": "w-list"}),
        "cc",
        ["3"],
        {"id": "id_cc"},
    ),
    ("safe labels", lambda: forms.Select(choices=[(i, mark_safe(f"&nbsp;{i}<br>")) for i in range(N)]), "s", 1, None),
]


@pytest.mark.parametrize("label,make,name,value,attrs", WIDGETS, ids=[w[0] for w in WIDGETS])
def test_long_lists_are_byte_for_byte_djangos(label, make, name, value, attrs, written_in_python):
    django_html, fast_html = _both(make(), name, value, attrs)
    assert len(written_in_python) == 1
    assert fast_html == django_html


def test_disabled_options_of_wagtails_collection_select(written_in_python):
    widget = SelectWithDisabledOptions(choices=CHOICES)
    widget.disabled_values = [2, 5]
    django_html, fast_html = _both(widget, "collection", 5, {"id": "id_collection"})
    assert written_in_python and fast_html == django_html
    assert '<option value="2" disabled="disabled">' in fast_html


def test_short_lists_and_other_widgets_use_djangos_templates(written_in_python):
    short = forms.Select(choices=CHOICES[:FAST_MIN_OPTIONS])
    assert _both(short, "s", 1)[0] == _both(short, "s", 1)[1]
    radios = forms.RadioSelect(choices=CHOICES)
    django_html, fast_html = _both(radios, "r", 1)
    assert fast_html == django_html and fast_html.count('type="radio"') == N
    assert written_in_python == []


@pytest.mark.django_db
def test_forms_use_it_by_default(written_in_python):
    Group.objects.bulk_create([Group(name=f"组{i}") for i in range(N)])

    class GroupsForm(forms.Form):
        groups = forms.ModelMultipleChoiceField(Group.objects.order_by("name"), widget=forms.CheckboxSelectMultiple)

    initial = {"groups": list(Group.objects.order_by("pk")[:2])}
    form = GroupsForm(initial=initial)
    assert isinstance(form.renderer, FastChoiceRenderer)
    html = str(form["groups"])
    assert html == str(GroupsForm(initial=initial, renderer=DjangoTemplates())["groups"])
    assert html.count('type="checkbox"') == Group.objects.count()
    assert html.count("checked") == 2
    assert written_in_python == [form_renderer.CHECKBOX_SELECT]
