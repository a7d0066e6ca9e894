"""The one parser of integer and choice parameters, for public pages and the API alike.

A parameter is declared once — name, Chinese label, bounds or choices, default — and the same object
- parses a page's raw query value (:meth:`IntParam.parse`: a bad value is reported in Chinese, by field, and the
  default is used), and
- types the API's parameter (:meth:`IntParam.annotation`): the OpenAPI schema shows the bounds, and validation
  runs :meth:`IntParam.parse`'s rules, so the schema refuses exactly what the server refuses.

Only ASCII digits are integers here: ``str.isdigit()`` also accepts "²" and Python's ``int()`` accepts "١٢"
(Arabic-Indic digits), "1_000" and 4,300-digit numbers — none of which a page number should be.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from django.utils.translation import get_language, gettext
from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

MAX_DIGITS = 12  # longer digit strings are refused before int() sees them
REPEATED_MESSAGE = "只能给出一个值"
# Message templates (msgids of the English catalogue, locale/en): %(label)s is the parameter's Chinese label.
INT_MESSAGE = "%(label)s应为 %(minimum)s–%(maximum)s 之间的整数"
CHOICE_MESSAGE = "%(label)s的取值无效，可选：%(options)s"
REPEATED_TEMPLATE = "%(label)s只能给出一个值"
WRONG_TYPE_TEMPLATE = "%(label)s取值类型不正确"


class ParamError(ValueError):
    """A refused parameter. ``str()`` is the Chinese message (the API and logs); :meth:`localized` is the message
    in the active language, for pages of the English mirror (its msgids are the Chinese templates, locale/en)."""

    def __init__(self, template: str, label: str, **values):
        self.template, self.label, self.values = template, label, values
        super().__init__(template % {"label": label, **values})

    def localized(self) -> str:
        language = get_language() or ""
        if language.startswith("zh"):
            return str(self)
        values = dict(self.values)
        if "options" in values:  # the Chinese option labels stay out of an English message: values only
            values["options"] = ", ".join(self.values.get("codes", ()))
        return gettext(self.template) % {"label": gettext(self.label), **values}


def _single(raw: Any) -> tuple[str, str | None]:
    """The one string value of a parameter, or an error template (a repeated parameter arrives as a list)."""
    if raw is None:
        return "", None
    if isinstance(raw, list | tuple):
        if len(raw) > 1:
            return "", REPEATED_TEMPLATE
        raw = raw[0] if raw else ""
    if isinstance(raw, bool):  # JSON true/false are not numbers or choices here
        return "", WRONG_TYPE_TEMPLATE
    return str(raw).strip(), None


class _Param:
    """What every parameter does with its ``check``: parse for pages, type for the API."""

    name: str
    label: str
    default: Any

    def check(self, raw: Any):
        raise NotImplementedError

    def schema_type(self):
        raise NotImplementedError

    @property
    def message(self) -> str:
        raise NotImplementedError

    def parse(self, raw: Any, errors: dict[str, str]):
        """For pages: the value, or the default with the message recorded under the parameter's name."""
        try:
            value = self.check(raw)
        except ValueError as error:
            errors[self.name] = error.localized() if isinstance(error, ParamError) else str(error)
            return self.default
        return self.default if value is None else value

    def from_query(self, querydict, errors: dict[str, str]):
        return self.parse(querydict.getlist(self.name), errors)

    def annotation(self, description: str = ""):
        """The API parameter's type: the schema type or absent, validated by :meth:`check`."""
        return Annotated[
            self.schema_type() | None,
            BeforeValidator(_validator(self.check, self.label)),
            Field(description=description or self.message),
        ]


@dataclass(frozen=True)
class IntParam(_Param):
    """A bounded integer parameter: ``IntParam("page", "页码", 1, 10_000, default=1)``."""

    name: str
    label: str
    minimum: int
    maximum: int
    default: int | None = None

    @property
    def message(self) -> str:
        return str(self.error())

    def error(self) -> ParamError:
        return ParamError(INT_MESSAGE, self.label, minimum=self.minimum, maximum=self.maximum)

    def check(self, raw: Any) -> int | None:
        """The value, None when absent, or ValueError with the Chinese message."""
        if isinstance(raw, int) and not isinstance(raw, bool):
            text = str(raw)
        else:
            text, problem = _single(raw)
            if problem:
                raise ParamError(problem, self.label)
        if not text:
            return None
        digits = text.removeprefix("-")
        if not (digits.isascii() and digits.isdigit()) or len(digits) > MAX_DIGITS:
            raise self.error()
        value = int(text)
        if not self.minimum <= value <= self.maximum:
            raise self.error()
        return value

    def schema_type(self):
        return Annotated[int, Field(ge=self.minimum, le=self.maximum)]


@dataclass(frozen=True)
class ChoiceParam(_Param):
    """A parameter taking one of a fixed set of values: ``ChoiceParam("sort", "排序", {"date": "时间", …})``."""

    name: str
    label: str
    choices: Mapping[str, str]  # value → Chinese label
    default: str | None = None

    @property
    def message(self) -> str:
        return str(self.error())

    def error(self) -> ParamError:
        options = "、".join(f"{value}（{label}）" if label else value for value, label in self.choices.items())
        return ParamError(CHOICE_MESSAGE, self.label, options=options, codes=tuple(self.choices))

    def check(self, raw: Any) -> str | None:
        text, problem = _single(raw)
        if problem:
            raise ParamError(problem, self.label)
        if not text:
            return None
        if text not in self.choices:
            raise self.error()
        return text

    def schema_type(self):
        return Literal[tuple(self.choices)]  # an enum in the OpenAPI schema


def choices_of(text_choices) -> dict[str, str]:
    """A Django TextChoices class as ChoiceParam choices."""
    return {str(value): str(label) for value, label in text_choices.choices}


def _validator(check, label: str):
    def validate(raw):
        if raw == "":  # the API's schema has no empty value; absent is absent (pages treat "" as absent)
            raise PydanticCustomError("govsites_param", f"{label}不能为空，不需要时请省略该参数")
        try:
            return check(raw)
        except ValueError as error:
            # A custom error type keeps pydantic from prefixing "Value error, " to the Chinese message.
            raise PydanticCustomError("govsites_param", str(error)) from None

    return validate


def single_values(querydict, names: Iterable[str], errors: dict[str, str]) -> dict[str, str]:
    """The value of each scalar parameter of a page ("" when absent); a parameter given twice is reported and
    treated as absent."""
    values = {}
    for name in names:
        found = querydict.getlist(name)
        if len(found) > 1:
            errors[name] = gettext(REPEATED_MESSAGE)  # the msgid is the Chinese (zh has no entry)
        values[name] = found[0].strip() if len(found) == 1 else ""
    return values


# Public lists never have more pages than this (100,000 pages of 20 is two million items).
PAGE = IntParam("page", "页码", 1, 100_000, default=1)
REFUSED_ATTR = "refused_parameters"


def report(request, errors: dict[str, str]) -> None:
    """Record a page's refused parameters: the page still renders (showing the messages and the defaults it used
    instead), but core.middleware.RefusedParametersMiddleware answers it with 400, so a hand-edited or hostile
    URL is not a success to link checkers and caches."""
    if errors:
        vars(request).setdefault(REFUSED_ATTR, {}).update(errors)


def command_date(value: str | None, today: datetime.date) -> datetime.date:
    """A management command's ``--date``/``--today`` (YYYY-MM-DD), ``today`` when not given; a bad value is the
    command's Chinese error (CommandError), never a traceback."""
    from django.core.management.base import CommandError

    if not value:
        return today
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期格式不正确：{value!r}，应为 YYYY-MM-DD，例如 2026-03-02") from None
