"""Form renderer that writes long choice lists in Python instead of one template include per option.

Django renders every ``<option>`` of a select and every checkbox of a ``CheckboxSelectMultiple`` through two or
three nested template includes (~0.3 ms each). With a website group of 2,000 sites the admin has choice lists of
2,000–4,000 entries — every site (site settings' site switcher, the settings permissions of a group, 所属网站),
every group (the user list's group filter, a new review task's groups), every collection (a group's image,
document and collection permissions) — and a single such field took 1–2 s to render (docs/performance.md).

``FastChoiceRenderer`` (``settings.FORM_RENDERER``) produces exactly what Django's own templates produce for the
``select`` and ``checkbox_select`` widgets once a widget has more than ``FAST_MIN_OPTIONS`` options
(tests/core/test_form_renderer.py compares the two byte for byte); every other template, a widget whose options use
another option template, and a project override of these templates go through Django's templates unchanged.
"""

import html

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.safestring import SafeData, mark_safe

FAST_MIN_OPTIONS = 50

SELECT = "django/forms/widgets/select.html"
SELECT_OPTION = "django/forms/widgets/select_option.html"
CHECKBOX_SELECT = "django/forms/widgets/checkbox_select.html"
CHECKBOX_OPTION = "django/forms/widgets/checkbox_option.html"
OPTION_TEMPLATES = {SELECT: SELECT_OPTION, CHECKBOX_SELECT: CHECKBOX_OPTION}


def conditional_escape(text) -> str:
    """django.utils.html.conditional_escape without its lazy-string wrapper, which cost half the time here."""
    if isinstance(text, Promise):
        text = str(text)
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))


def _value(value) -> str:
    """``{{ value|stringformat:'s' }}`` under autoescape: safe input stays as it is, anything else is escaped."""
    return str(value) if isinstance(value, SafeData) else conditional_escape(str(value))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html"""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {name}" if value is True else f' {name}="{_value(value)}"')
    return "".join(parts)


# Each included template keeps its file's final newline (only the outermost render is stripped), hence the "\n"s.


def _select_option(option) -> str:
    label = conditional_escape(option["label"])
    return f'<option value="{_value(option["value"])}"{_attrs(option["attrs"])}>{label}</option>\n'


def _input(option) -> str:
    value = "" if option["value"] is None else f' value="{_value(option["value"])}"'
    kind, name = conditional_escape(option["type"]), conditional_escape(option["name"])
    return f'<input type="{kind}" name="{name}"{value}{_attrs(option["attrs"])}>\n'


def _checkbox_option(option) -> str:
    """django/forms/widgets/checkbox_option.html, which includes input_option.html"""
    if not option["wrap_label"]:
        return f"{_input(option)}\n"
    option_id = option["attrs"].get("id")
    label_for = f' for="{conditional_escape(option_id)}"' if option_id else ""
    return f"<label{label_for}>{_input(option)} {conditional_escape(option['label'])}</label>\n\n"


def _select(widget) -> str:
    out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        out.extend(f"\n  {_select_option(option)}" for option in options)
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


def _checkbox_select(widget) -> str:
    """django/forms/widgets/multiple_input.html"""
    widget_id, css_class = widget["attrs"].get("id"), widget["attrs"].get("class")
    out = ["<div"]
    if widget_id:
        out.append(f' id="{conditional_escape(widget_id)}"')
    if css_class:
        out.append(f' class="{conditional_escape(css_class)}"')
    out.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            out.append(f"\n  <div><label>{conditional_escape(group)}</label>")
        out.extend(f"<div>\n    {_checkbox_option(option)}</div>" for option in options)
        if group:
            out.append("\n  </div>")
    out.append("\n</div>")
    return "".join(out)


RENDER = {SELECT: _select, CHECKBOX_SELECT: _checkbox_select}


class FastChoiceRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if template_name in RENDER else None
        if widget is None or not self._is_plain(template_name, widget):
            return super().render(template_name, context, request=request)
        return mark_safe(RENDER[template_name](widget))

    def _is_plain(self, template_name, widget) -> bool:
        """Long enough to matter, Django's own option template, and no override of Django's templates."""
        options = [option for _group, group_options, _index in widget["optgroups"] for option in group_options]
        if len(options) <= FAST_MIN_OPTIONS:
            return False
        option_template = OPTION_TEMPLATES[template_name]
        if any(option["template_name"] != option_template for option in options):
            return False
        return self._uses_django_templates(template_name)

    def _uses_django_templates(self, template_name) -> bool:
        cache = self.__dict__.setdefault("_django_origin", {})
        if template_name not in cache:
            names = (template_name, OPTION_TEMPLATES[template_name])
            cache[template_name] = all(
                "/django/forms/templates/" in str(self.get_template(name).origin.name) for name in names
            )
        return cache[template_name]
