"""The fast parse (shape-matched texts, rules built without re-validation) equals the validating one."""

from __future__ import annotations

import pickle
from datetime import date
from typing import Any, List, Tuple

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail._compile import Program
from pageavail._parser import parse_rules
from pageavail._selectors import HoursRule
from pageavail.schedule import _plain_week
from pageavail.testing import hours_rules, schedules, time_spans, weekday_ranges

ALPHABET = "MoTuWeThFrSaSuJanDecPHSHoffopenclosedweekeaster0123456789:-,;/+[]() \"'\n\t|.–@"
DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su", "mo", "FR", "sU", "Mon", "Ph"]
MODIFIERS = ["off", "open", "closed", "OFF", "Open", "unknown"]


def _cased(draw: Any, word: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    return "".join(c.swapcase() if flip else c for c, flip in zip(word, flips))


@st.composite
def common_texts(draw: Any, clean: bool = False) -> str:
    """Texts of (and near, unless *clean*) the common shape: weekdays, times, off/open, separated by ';'."""

    def pick(clean_choices: List[str], choices: List[str]) -> str:
        return str(draw(st.sampled_from(clean_choices if clean else clean_choices + choices)))

    rules: List[str] = []
    for _ in range(draw(st.integers(1, 4))):
        parts = []
        if draw(st.booleans()):
            days = []
            for _ in range(draw(st.integers(1, 3))):
                day = _cased(draw, pick(DAYS[:9], DAYS[9:]))
                if draw(st.booleans()):
                    day += pick(["-"], [" -", "- "]) + _cased(draw, pick(DAYS[:9], DAYS[9:]))
                days.append(day)
            parts.append(pick([","], [", ", " ,"]).join(days))
        if not parts or draw(st.booleans()):
            spans = []
            for _ in range(draw(st.integers(1, 3))):
                hours = draw(st.lists(st.integers(0, 23 if clean else 49), min_size=2, max_size=2))
                minutes = draw(
                    st.lists(
                        st.sampled_from([0, 5, 30, 59] if clean else [0, 5, 30, 59, 60, 99]),
                        min_size=2,
                        max_size=2,
                    )
                )
                width = draw(st.sampled_from(["{:02d}", "{:d}"]))
                times = [f"{width.format(h)}:{m:02d}" for h, m in zip(hours, minutes)]
                spans.append(pick(["-"], ["–", " - "]).join(times))
            parts.append(pick([","], [", "]).join(spans))
        if draw(st.booleans()):
            parts.append(_cased(draw, pick(MODIFIERS[:5], MODIFIERS[5:])))
        rules.append(pick([" ", "  "], [""]).join(parts))
    separator = pick(["; ", ";", " ; "], [", ", " || "])
    text = separator.join(rules)
    return pick(["", " ", "\n", "\t"], []) + text + pick(["", " ", "\n"], [";"])


CALENDAR = pa.HolidayCalendar(dates=[date(2026, 1, 1), date(2026, 12, 25)])
TEXTS = (
    common_texts()
    | common_texts(clean=True)
    | schedules(max_rules=4).map(str)
    | schedules(max_rules=3, holidays=CALENDAR).map(str)
    | st.text(alphabet=ALPHABET, max_size=80)
)


def _outcome(text: str, validated: bool) -> Tuple[str, Any]:
    try:
        return "rules", parse_rules(text, _validated=validated)
    except Exception as error:  # the errors themselves are compared
        return "error", (type(error), str(error), error.args, getattr(error, "column", None))


def _same_rule(fast: HoursRule, validated: HoursRule) -> None:
    assert fast == validated
    assert hash(fast) == hash(validated)
    assert repr(fast) == repr(validated)
    assert str(fast) == str(validated)
    assert pickle.loads(pickle.dumps(fast)) == validated
    assert pickle.dumps(fast) == pickle.dumps(validated)
    assert attrs.evolve(fast) == fast  # every value passes the validating constructor
    assert attrs.astuple(fast, recurse=False) == attrs.astuple(validated, recurse=False)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_fast_parse_equals_validated_parse(text: str) -> None:
    fast, validated = _outcome(text, False), _outcome(text, True)
    assert fast[0] == validated[0], (fast, validated)
    if fast[0] == "error":
        assert fast == validated
        return
    assert len(fast[1]) == len(validated[1])
    assert fast[1] == validated[1]
    assert hash(fast[1]) == hash(validated[1])
    for a, b in zip(fast[1], validated[1]):
        _same_rule(a, b)


@settings(max_examples=200, deadline=None)
@given(common_texts() | common_texts(clean=True))
def test_schedules_from_fast_rules_are_the_same(text: str) -> None:
    try:
        fast = pa.Schedule(parse_rules(text), zone="UTC", holidays=CALENDAR)
    except pa.ScheduleSyntaxError:
        return
    validated = pa.Schedule(parse_rules(text, _validated=True), zone="UTC", holidays=CALENDAR)
    assert fast == validated
    assert str(fast) == str(validated)
    assert repr(fast) == repr(validated)
    assert hash(fast) == hash(validated)


def test_the_benchmark_text_takes_the_fast_path() -> None:
    from pageavail import _parser

    text = "Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00"
    assert _parser._fast_rules(text) == parse_rules(text, _validated=True)
    assert _parser._fast_rules('Mo-Fr 09:00-12:00 "office"') is None
    assert _parser._fast_rules("Mo 24:00-25:00") is None  # out of range: the parser names it
    assert _parser._fast_rules("Mo 09:60-10:00") is None
    assert _parser._fast_rules("Mo 10:00-49:00") is None
    assert _parser._FAST_RULE_EXACT  # rules are built by the unrolled _fast_rule


@settings(max_examples=200, deadline=None)
@given(st.lists(weekday_ranges(), max_size=3), st.lists(time_spans(), max_size=3), st.booleans())
def test_fast_rule_builds_what_trusted_builds(weekdays: Any, spans: Any, closed: bool) -> None:
    from pageavail import _parser

    fast = _parser._fast_rule(tuple(weekdays), tuple(spans), closed)
    _same_rule(fast, HoursRule._trusted(tuple(weekdays), tuple(spans), closed))
    _same_rule(fast, HoursRule(weekdays=tuple(weekdays), spans=tuple(spans), closed=closed))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(hours_rules(dates=False, comments=False), min_size=1, max_size=5)
    | common_texts(clean=True).map(parse_rules)
    | st.lists(
        st.builds(
            attrs.evolve,
            hours_rules(dates=False, comments=False),
            fallback=st.booleans(),
            additional=st.just(False),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_plain_week_equals_the_compiled_week(rules: Any) -> None:
    rules = pa.Schedule(tuple(rules), zone="UTC").rules  # a first rule is plain
    week = _plain_week(rules)
    expected = Program(rules, (), None).week()
    if week is None:
        assert any(r.fallback for r in rules) or expected is None
    else:
        assert expected is not None
        assert week.typecode == expected.typecode
        assert list(week) == list(expected)
