"""School holidays in the Page file: `[page] school_holidays` gives `SH` in the hours its days,
each item is checked where it is written, and what the file says is what the loader holds."""

from __future__ import annotations

import io
import pickle
import re
import sys
from datetime import date, datetime, timedelta, timezone
from typing import Any, List, Tuple

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pageavail._calendar import SchoolHolidays
from pageavail.cli import main
from pageavail.config import ConfigError, loads_page, page_warnings
from pageavail.pageschema import starter_page

HEAD = '[page]\nid = "acme"\nname = "Acme"\nzone = "Europe/Berlin"\n'
BERLIN = loads_page(HEAD).page.zone
NOW = datetime(2026, 11, 30, tzinfo=timezone.utc)
HOURS = '[messaging]\nhours = "Mo-Su 09:00-17:00; SH off"\n'


def page_with(school_holidays: str, hours: str = HOURS) -> str:
    """A Page file whose [page] table ends with `school_holidays = <school_holidays>`."""
    return HEAD + f"school_holidays = {school_holidays}\n" + hours


def refusal(text: str) -> ConfigError:
    """The ConfigError the loader raises for *text*."""
    with pytest.raises(ConfigError) as caught:
        loads_page(text)
    return caught.value


def noon(day: date) -> datetime:
    """Midday of *day* in the Page's zone (Europe/Berlin)."""
    return datetime(day.year, day.month, day.day, 12, tzinfo=BERLIN)


# -- examples ------------------------------------------------------------------------------------


def test_ranges_and_single_days_in_both_spellings_close_the_hours_on_those_days() -> None:
    """TOML dates and YYYY-MM-DD texts, pairs and single days: SH selects exactly those days."""
    loaded = loads_page(page_with('[["2026-07-09", "2026-08-22"], 2026-10-19, [2026-12-21, "2027-01-02"]]'))
    expected = SchoolHolidays(
        [(date(2026, 7, 9), date(2026, 8, 22)), date(2026, 10, 19), (date(2026, 12, 21), date(2027, 1, 2))]
    )
    assert loaded.school_holidays == expected
    hours = loaded.page.settings.hours
    assert hours is not None
    assert hours.school_holidays == expected
    closed = [date(2026, 7, 9), date(2026, 8, 22), date(2026, 10, 19), date(2026, 12, 31), date(2027, 1, 2)]
    open_ = [date(2026, 7, 8), date(2026, 8, 23), date(2026, 10, 18), date(2026, 10, 20), date(2027, 1, 3)]
    assert [hours.is_open(noon(day)) for day in closed] == [False] * len(closed)
    assert [hours.is_open(noon(day)) for day in open_] == [True] * len(open_)


def test_without_the_key_the_loaded_page_has_no_school_holidays() -> None:
    """Leaving the key out is no school holidays, and hours without SH load as before."""
    loaded = loads_page(HEAD + '[messaging]\nhours = "Mo-Fr 09:00-17:00"\n')
    assert loaded.school_holidays is None
    assert loaded.page.settings.hours is not None
    assert loaded.page.settings.hours.school_holidays is None


def test_a_multi_line_array_with_comments_loads() -> None:
    """The list may span lines with comments and a trailing comma, as TOML allows."""
    loaded = loads_page(
        HEAD + "school_holidays = [\n"
        '  ["2026-07-09", "2026-08-22"],  # summer\n'
        "  2026-10-19,                    # a bridge day\n"
        "]\n" + HOURS
    )
    assert loaded.school_holidays == SchoolHolidays(
        [(date(2026, 7, 9), date(2026, 8, 22)), date(2026, 10, 19)]
    )


def test_the_loaded_page_compares_and_pickles_with_its_school_holidays() -> None:
    """Two loads of one file are equal, a different list is not, and pickling keeps the school holidays."""
    first = loads_page(page_with('["2026-10-19"]'))
    assert first == loads_page(page_with("[2026-10-19]"))
    assert first != loads_page(page_with('["2026-10-20"]'))
    assert pickle.loads(pickle.dumps(first)).school_holidays == first.school_holidays


# -- mistakes ------------------------------------------------------------------------------------

MISTAKES: List[Tuple[str, str, str]] = [
    (
        '[["2026-07-09", "2026-08-22"], "2026-10-19", ["2026-12-21", "2026-13-01"]]',
        "page.school_holidays[2][1]",
        '"2026-13-01" is not a date; write YYYY-MM-DD',
    ),  # no month 13, in the second date of the third item
    ('["2026-02-30"]', "page.school_holidays[0]", '"2026-02-30" is not a date'),  # no 30 February
    ('["26-07-09"]', "page.school_holidays[0]", '"26-07-09" is not a date; write YYYY-MM-DD'),  # short year
    ('["next summer"]', "page.school_holidays[0]", '"next summer" is not a date'),  # words
    (
        '[["2026-08-22", "2026-07-09"]]',
        "page.school_holidays[0]",
        'ends (2026-07-09) before it starts (2026-08-22); write [first, last], e.g. ["2026-07-09", "2026-08-22"]',
    ),  # reversed
    (
        '[["2026-07-09"]]',
        "page.school_holidays[0]",
        "has 1 item; a range is a [first, last] pair",
    ),  # half a pair
    ("[[2026-07-09, 2026-07-10, 2026-07-11]]", "page.school_holidays[0]", "has 3 items"),  # three dates
    (
        "[2026-07-09T10:00:00]",
        "page.school_holidays[0]",
        "is a date and time; give the day alone",
    ),  # local datetime
    ("[2026-07-09T10:00:00+02:00]", "page.school_holidays[0]", "e.g. 2026-07-09"),  # an instant
    ("[10:00:00]", "page.school_holidays[0]", "(got a time of day)"),  # a TOML time
    (
        "[20260709]",
        "page.school_holidays[0]",
        'must be a date such as 2026-07-09 or "2026-07-09" (got 20260709)',
    ),  # a number
    (
        '[["2026-07-09", true]]',
        "page.school_holidays[0][1]",
        'must be a date such as 2026-07-09 or "2026-07-09" (got true)',
    ),  # a flag in a pair
    ("[0001-01-01]", "page.school_holidays[0]", "lies outside the years 0004 to 9996"),  # too early
    ("[9999-12-31]", "page.school_holidays[0]", "lies outside the years"),  # too late
    ("[0003-12-31]", "page.school_holidays[0]", "lies outside the years 0004 to 9996"),  # the day before
    ("[9997-01-01]", "page.school_holidays[0]", "lies outside the years 0004 to 9996"),  # the day after
    ('["2026-7-9"]', "page.school_holidays[0]", '"2026-7-9" is not a date; write YYYY-MM-DD'),  # unpadded
    ('["2026-07-09 "]', "page.school_holidays[0]", "is not a date; write YYYY-MM-DD"),  # a space after
    ("[]", "page.school_holidays", "is empty; list the school holidays"),  # empty
    (
        '"2026-07-09"',
        "page.school_holidays",
        'must be a list of days and [first, last] ranges (got "2026-07-09");',
    ),  # not a list
    (
        '{ first = "2026-07-09" }',
        "page.school_holidays",
        'must be a list of days and [first, last] ranges (got { first = "2026-07-09" });',
    ),  # a table
    ("true", "page.school_holidays", "must be a list of days and [first, last] ranges (got true);"),  # a flag
    (
        '[{ first = "2026-07-09", "last day" = 2026-08-22 }]',
        "page.school_holidays[0]",
        '(got { first = "2026-07-09", "last day" = 2026-08-22 })',
    ),  # a table item, TOML keys
    ("[[nan, 1.5]]", "page.school_holidays[0][0]", "(got nan)"),  # not a number
    ("[[2026-07-09, -inf]]", "page.school_holidays[0][1]", "(got -inf)"),  # minus infinity
    ("[inf]", "page.school_holidays[0]", "(got inf)"),  # infinity
    (
        "[[2026-07-09, [" + ", ".join(["12345"] * 40) + "]]]",
        "page.school_holidays[0][1]",
        "(got [" + ", ".join(["12345"] * 11) + ",...)",
    ),  # a long value, cut short
    (
        "[{ a = " + "[" * 300 + "]" * 300 + " }]",
        "page.school_holidays[0]",
        "(got { a = " + "[" * 38 + "..." + "]" * 30 + "...)",
    ),  # a value nested deeply, cut short before Python's recursion limit
    (
        '["\\u202e2026-07-09"]',
        "page.school_holidays[0]",
        '"\\u202e2026-07-09" is not a date',
    ),  # right-to-left override, escaped
    (
        '["\\u0007\\t2026"]',
        "page.school_holidays[0]",
        '"\\u0007\\t2026" is not a date',
    ),  # a bell and a tab, escaped
    (
        '["Sommerferien \\"ä\\""]',
        "page.school_holidays[0]",
        '"Sommerferien \\"ä\\"" is not a date',
    ),  # quotes escaped, letters kept
]


@pytest.mark.parametrize(("value", "key", "fragment"), MISTAKES)
def test_each_mistake_names_the_item_and_the_fix(value: str, key: str, fragment: str) -> None:
    """A bad item is refused with the key path down to the item, the line of the key, and how to write it."""
    error = refusal(page_with(value))
    assert error.key == key, str(error)
    assert error.line == 5
    assert fragment in error.problem, str(error)


def test_the_first_and_last_supported_days_load() -> None:
    """0004-01-01 and 9996-12-31, the ends of the years allowed, load as school holidays."""
    hours = loads_page(page_with('["0004-01-01", "9996-12-31"]')).page.settings.hours
    assert hours is not None
    assert not hours.is_open(noon(date(9996, 12, 31)))
    assert hours.is_open(noon(date(9996, 12, 30)))


def test_a_huge_list_is_refused_with_the_limit() -> None:
    """More than 1,000 items are refused, saying how to shorten the list; 1,000 load."""
    items = [(date(2000, 1, 1) + timedelta(days=2 * n)).isoformat() for n in range(1001)]
    error = refusal(page_with("[" + ", ".join(items) + "]"))
    assert error.key == "page.school_holidays"
    assert "lists 1,001 items; the limit is 1,000" in error.problem
    loaded = loads_page(page_with("[" + ", ".join(items[:1000]) + "]"))
    assert loaded.school_holidays is not None
    assert len(loaded.school_holidays.ranges) == 1000


def test_sh_without_the_key_names_both_and_says_what_to_add() -> None:
    """Hours that use SH in a file without school_holidays: the error is at the hours and names the key."""
    error = refusal(HEAD + HOURS)
    assert error.key == "messaging.hours"
    assert error.line == 6
    assert "use SH but [page] has no school_holidays" in error.problem
    assert 'add school_holidays = [["2026-07-09", "2026-08-22"], "2026-10-19"] to [page]' in error.problem
    assert "PH" not in error.problem


def test_sh_and_ph_together_need_both_keys() -> None:
    """PH and SH in one text: each calendar comes from its own key, and a missing one is named."""
    hours = '[messaging]\nhours = "Mo-Fr 09:00-17:00; PH off; SH off"\n'
    both = loads_page(HEAD + 'holidays = "DE-BE"\nschool_holidays = ["2026-10-19"]\n' + hours)
    schedule = both.page.settings.hours
    assert schedule is not None
    assert not schedule.is_open(noon(date(2026, 10, 19)))  # a Monday, school holiday
    assert not schedule.is_open(noon(date(2026, 12, 25)))  # a Friday, public holiday
    assert schedule.is_open(noon(date(2026, 10, 20)))
    assert "use PH" in refusal(HEAD + 'school_holidays = ["2026-10-19"]\n' + hours).problem
    assert "school_holidays" in refusal(HEAD + 'holidays = "DE-BE"\n' + hours).problem


def test_school_holidays_the_hours_do_not_use_are_warned_about() -> None:
    """The key without SH in the hours has no effect, and `check` says so; with SH it says nothing."""
    unused = loads_page(page_with('["2026-10-19"]', hours='[messaging]\nhours = "Mo-Fr 09:00-17:00"\n'))
    warnings = [w for w in page_warnings(unused, NOW) if w.key == "page.school_holidays"]
    assert len(warnings) == 1
    assert "no rule of the hours uses SH" in warnings[0].problem
    assert warnings[0].line == 5
    no_hours = loads_page(page_with('["2026-10-19"]', hours=""))
    assert any("the Page has no response hours" in w.problem for w in page_warnings(no_hours, NOW))
    used = loads_page(page_with('["2026-10-19"]'))
    assert not [w for w in page_warnings(used, NOW) if w.key == "page.school_holidays"]


def test_check_reads_the_key_from_a_file(tmp_path: Any) -> None:
    """`pageavail check` accepts a Page whose SH has school holidays, and refuses one without, naming the key."""
    good = tmp_path / "good.toml"
    good.write_text(page_with('[["2026-07-09", "2026-08-22"]]'), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["check", str(good)], out=out, err=err) == 0, err.getvalue()
    bad = tmp_path / "bad.toml"
    bad.write_text(page_with('[["2026-08-22", "2026-07-09"]]'), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["check", str(bad)], out=out, err=err) == 1
    assert (
        f"{bad}:5: page.school_holidays[0]: ends (2026-07-09) before it starts"
        in out.getvalue() + err.getvalue()
    )


def test_the_starter_file_offers_the_key_commented_out_and_it_loads_when_uncommented() -> None:
    """`pageavail init` lists school_holidays as an optional key; uncommented, its example loads."""
    text = starter_page()
    line = next(line for line in text.splitlines() if line.startswith("# school_holidays = "))
    assert line.startswith('# school_holidays = [["2026-07-09", "2026-08-22"], "2026-10-19"]')
    opened = text.replace(line, line[2:], 1)
    loaded = loads_page(opened)
    assert loaded.school_holidays == SchoolHolidays(
        [(date(2026, 7, 9), date(2026, 8, 22)), date(2026, 10, 19)]
    )


# -- round trip -----------------------------------------------------------------------------------

days = st.dates(date(4, 1, 1), date(9996, 12, 31))


@st.composite
def school_holiday_lists(draw: st.DrawFn) -> List[Tuple[date, date]]:
    """1 to 12 (first, last) pairs, single days among them, overlapping or apart."""
    pairs = []
    for _ in range(draw(st.integers(1, 12))):
        first = draw(days)
        length = draw(st.integers(0, 60))
        last = min(first + timedelta(days=length), date(9996, 12, 31))
        pairs.append((first, last))
    return pairs


def as_toml(pairs: List[Tuple[date, date]], forms: List[Tuple[bool, bool]]) -> str:
    """*pairs* as a TOML array: a single day alone or as a pair, each date a TOML date or a text."""
    items = []
    for (first, last), (as_text, as_pair) in zip(pairs, forms):
        spell = [f'"{d.isoformat()}"' if as_text else d.isoformat() for d in (first, last)]
        items.append(spell[0] if first == last and not as_pair else f"[{spell[0]}, {spell[1]}]")
    return "[" + ", ".join(items) + "]"


@given(school_holiday_lists(), st.data())
@example([(date(2026, 7, 9), date(2026, 8, 22)), (date(2026, 8, 23), date(2026, 8, 23))], None)
@example([(date(4, 1, 1), date(4, 1, 1)), (date(9996, 12, 31), date(9996, 12, 31))], None)
def test_what_the_file_lists_is_what_the_loader_holds_and_writing_it_back_loads_the_same(
    pairs: List[Tuple[date, date]], data: Any
) -> None:
    """Any list of ranges, in any spelling, loads as SchoolHolidays of those ranges; written back from the
    loaded value (merged ranges, as pairs) it loads equal again. Shrinks to one day in any spelling."""
    forms = (
        [(False, False)] * len(pairs)
        if data is None
        else data.draw(
            st.lists(st.tuples(st.booleans(), st.booleans()), min_size=len(pairs), max_size=len(pairs))
        )
    )
    loaded = loads_page(page_with(as_toml(pairs, forms)))
    assert loaded.school_holidays == SchoolHolidays(pairs)
    assert loaded.page.settings.hours is not None
    assert loaded.page.settings.hours.school_holidays == loaded.school_holidays
    written = list(loaded.school_holidays.ranges)
    again = loads_page(page_with(as_toml(written, [(True, True)] * len(written))))
    assert again == loaded
    text = str(loaded.school_holidays)  # "first/last, day, ...": the same days as the file
    assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?(, .*)?", text)


# -- how values are shown -------------------------------------------------------------------------


@given(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(
        lambda text: not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text)
    )
)
@example("\u202e2026-07-09")  # a right-to-left override, which would turn the line around
@example('\\"\x00\x7f\u200b\U000e0001')  # a backslash, a quote, controls and invisible characters
@example("Sommerferien ä")  # letters that print stay as they are
def test_a_text_that_is_no_date_is_quoted_as_toml_with_every_unprintable_character_escaped(text: str) -> None:
    """The message quotes the text as a TOML string that reads back as the text, and holds no character
    that a terminal does not print as itself."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - older Pythons
        import tomli as tomllib

    escaped = "".join(f"\\U{ord(char):08x}" for char in text)  # the file spells every character as an escape
    error = refusal(page_with(f'["{escaped}"]'))
    assert (error.key, error.line) == ("page.school_holidays[0]", 5), str(error)
    shown = error.problem[: error.problem.index(" is not a date")]
    assert tomllib.loads(f"x = {shown}")["x"] == text
    assert all(char.isprintable() for char in str(error)), ascii(str(error))
