"""Field errors of a dictionary entry: empty, overlong, malformed, duplicated and overlapping entries.

Overlapping means the dictionary would contradict itself: a wrong form that another entry says is right (布署→部署
beside 部署→布署), one wrong form with two different corrections, a pattern already looked for by another entry,
or a wrong form contained in a right form (it would flag the right text too).
"""

from ..enums import WordKind
from ..models.words import WordEntry, split_words, word_error

PATTERN_FIELD = {WordKind.NAME: "variants"}
RIGHT_FIELD = {WordKind.NAME: "word", WordKind.TYPO: "correction", WordKind.SENSITIVE: "correction"}


def _describe(entry) -> str:
    return f"{entry.get_kind_display()}“{entry}”"


def _required(entry, errors: dict) -> None:
    entry.word = (entry.word or "").strip()
    if not entry.word:
        errors["word"] = "请填写词条。"
    elif message := word_error(entry.word):
        errors["word"] = message
    kind = entry.kind
    if kind == WordKind.TYPO and not (entry.correction or "").strip():
        errors["correction"] = "错别字须填写正确写法。"
    if kind == WordKind.LEADER:
        if not split_words(entry.correction):
            errors["correction"] = "领导人须填写正确职务。"
        if not (entry.leadership or "").strip():
            errors["leadership"] = "领导人须填写所属领导班子。"
        if entry.rank is None:
            errors["rank"] = "领导人须填写班子内排序。"
    if kind == WordKind.NAME and not split_words(entry.variants):
        errors["variants"] = "机构/地名须填写至少一个常见错误写法。"
    field = "variants" if kind == WordKind.NAME else "correction"
    for word in split_words(entry.variants if kind == WordKind.NAME else entry.correction):
        if field not in errors and (message := word_error(word)):
            errors[field] = message


def _own_overlap(entry, errors: dict) -> None:
    right = entry.right_forms()
    for pattern in entry.patterns():
        for form in right:
            field = PATTERN_FIELD.get(entry.kind, "word")
            if pattern == form:
                errors.setdefault(field, "错误写法与正确写法相同。")
            elif pattern in form:
                errors.setdefault(field, f"错误写法“{pattern}”包含在正确写法“{form}”中，会把正确写法也标为错误。")


def _cross_overlap(entry, others, errors: dict) -> None:
    pattern_field = PATTERN_FIELD.get(entry.kind, "word")
    right_field = RIGHT_FIELD.get(entry.kind, "correction")
    mine_right = entry.right_forms()
    for other in others:
        theirs = other.patterns()
        for pattern in entry.patterns():
            if pattern in theirs:
                if entry.kind == other.kind == WordKind.TYPO and entry.correction != other.correction:
                    message = f"“{pattern}”已有更正“{other.correction}”，同一错误写法不能有两个不同的更正。"
                elif entry.kind == other.kind and entry.word == other.word:
                    message = f"词典中已有{_describe(other)}。"
                else:
                    message = f"“{pattern}”已由{_describe(other)}匹配，不能重复。"
                errors.setdefault(pattern_field, message)
            for form in other.right_forms():
                if pattern == form or pattern in form:
                    errors.setdefault(pattern_field, f"“{pattern}”与{_describe(other)}的正确写法“{form}”冲突。")
        for form in mine_right:
            for pattern in theirs:
                if pattern == form or pattern in form:
                    errors.setdefault(right_field, f"正确写法“{form}”是{_describe(other)}的错误写法，两者矛盾。")


def entry_errors(entry: WordEntry) -> dict[str, str]:
    """Field name → Chinese message for every problem of ``entry`` against itself and the stored dictionary."""
    errors: dict[str, str] = {}
    _required(entry, errors)
    if errors:
        return errors
    _own_overlap(entry, errors)
    if errors:
        return errors
    others = WordEntry.objects.exclude(pk=entry.pk).only("kind", "word", "correction", "variants")
    same = [o for o in others if o.kind == entry.kind and o.word == entry.word]
    if same:
        other = same[0]
        if entry.kind == WordKind.TYPO and other.correction != entry.correction:
            errors["word"] = f"“{entry.word}”已有更正“{other.correction}”，同一错误写法不能有两个不同的更正。"
        else:
            errors["word"] = f"词典中已有{_describe(other)}。"
        return errors
    _cross_overlap(entry, others, errors)
    return errors
