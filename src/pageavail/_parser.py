"""Response-hours text → :class:`HoursRule` values.

A hand-written recursive-descent parser over a small token list. Every error
carries the 1-based column of the offending token; features of the full
``opening_hours`` syntax that pageavail does not support are named as such.
"""

from __future__ import annotations

import re
from typing import Dict, List, NoReturn, Optional, Tuple, Union

from ._selectors import (
    MAX_DAY_OFFSET,
    MAX_EASTER_OFFSET,
    MAX_END_MINUTE,
    MAX_END_OFFSET,
    MAX_HOLIDAY_OFFSET,
    MINUTES_PER_DAY,
    DateRange,
    EasterRange,
    HoursRule,
    Month,
    NthDateRange,
    TimeSpan,
    Weekday,
    WeekdayRange,
    WeekRange,
    YearRange,
    guessed_end,
)
from .errors import (
    InvalidValueError,
    ScheduleSyntaxError,
    ScheduleTooLongError,
    UnsupportedSyntaxError,
)

__all__ = ["MAX_TEXT_LENGTH", "parse_rules"]

#: Longest response-hours text accepted, in characters. Real schedules are a few
#: dozen characters; the limit bounds parse time and memory for hostile input.
MAX_TEXT_LENGTH = 10_000

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<time>\d{1,2}:\d{2})
  | (?P<number>\d+)
  | (?P<word>[A-Za-z]+)
  | (?P<string>"[^"]*")
  | (?P<fallback>\|\|)
  | (?P<punct>[-,;/+\[\]():.])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_WEEKDAYS = {w.abbr.lower(): w for w in Weekday}
_MONTHS = {m.abbr.lower(): m for m in Month}
_MODIFIERS = {"open": False, "off": True, "closed": True}

#: Words of the full syntax that pageavail does not support, with what they are.
_UNSUPPORTED_WORDS = {
    "sunrise": "variable times (sunrise) are",
    "sunset": "variable times (sunset) are",
    "dawn": "variable times (dawn) are",
    "dusk": "variable times (dusk) are",
    "day": "day offsets are",
    "days": "day offsets are",
}

#: Why variable times are refused: a Page file names a zone, not a place.
_SUN_HINT = (
    "sunrise, sunset, dawn and dusk depend on a place, and response hours know only "
    "a time zone, not coordinates; write fixed times such as 08:00-18:00"
)

#: Selector words that are valid only at their place in a rule.
_PLACED_WORDS = {"week", "easter", "sh"}
_DAY_WORDS = {"day", "days"}

_SUN_WORDS = {"sunrise", "sunset", "dawn", "dusk"}
_HOLIDAY_OR_WEEKDAY = {*_WEEKDAYS, "ph", "sh"}

_HINT_NAMES = (
    "use two-letter weekdays (Mo Tu We Th Fr Sa Su), three-letter months (Jan … Dec), "
    "PH, off, open, or times like 09:00-17:00"
)


class _Token:
    """One token: its kind (a group of ``_TOKEN``), its text and 1-based column."""

    __slots__ = ("column", "kind", "spaced", "text")

    def __init__(self, kind: str, text: str, column: int, spaced: bool = False) -> None:
        self.kind = kind
        self.text = text
        self.column = column  # 1-based
        self.spaced = spaced  # white space follows the token

    def __repr__(self) -> str:
        return f"_Token({self.kind!r}, {self.text!r}, {self.column}, {self.spaced})"


class _Parser:
    def __init__(self, text: str, validated: bool = False) -> None:
        self.text = text
        self.validated = validated  # build every value through its validating constructor
        self.tokens = _scan(text)
        self.pos = 0
        self.tok = self.tokens[0]  # the current token, tokens[pos]

    # -- token helpers -------------------------------------------------------

    def peek(self, ahead: int = 1) -> _Token:
        return self.tokens[min(self.pos + ahead, len(self.tokens) - 1)]

    def advance(self) -> _Token:
        token = self.tok
        if token.kind != "end":
            self.pos += 1
            self.tok = self.tokens[self.pos]
        return token

    def at_punct(self, text: str) -> bool:
        token = self.tok
        return token.text == text and token.kind == "punct"

    def at_list_comma(self) -> bool:
        """A comma that continues a selector list: one without white space after it.

        ``", "`` (comma and space) separates an additional rule, as the
        specification's grammar has it: ``Mo, We 10:00-12:00`` is two rules.
        """
        return self.at_punct(",") and not self.tok.spaced

    def fail(self, reason: str, token: Optional[_Token] = None) -> NoReturn:
        column = (token or self.tok).column
        raise ScheduleSyntaxError(reason, self.text, column)

    def unsupported(self, feature: str, token: Optional[_Token] = None, hint: str = "") -> NoReturn:
        """Refuse *feature*, given with its verb so that they agree: ``"periodic times ('/') are"``."""
        column = (token or self.tok).column
        reason = f"{feature} not supported by pageavail"
        if hint:
            reason += f"; {hint}"
        raise UnsupportedSyntaxError(reason, self.text, column)

    def describe(self, token: _Token) -> str:
        return "the end of the text" if token.kind == "end" else repr(token.text)

    # -- grammar -------------------------------------------------------------

    def parse(self) -> Tuple[HoursRule, ...]:
        rules: List[HoursRule] = []
        additional = fallback = False
        while True:
            rules.append(self.rule(additional, fallback))
            token = self.tok
            if token.kind == "end":
                return tuple(rules)
            if self.at_punct(";") or self.at_punct(",") or token.kind == "fallback":
                additional = token.text == ","
                fallback = token.kind == "fallback"
                self.advance()
                if self.tok.kind == "end":
                    self.fail(f"a rule must follow {token.text!r}; remove the trailing {token.text!r}")
                continue
            self.fail(f"unexpected {self.describe(token)}; {_HINT_NAMES}")

    def rule(self, additional: bool, fallback: bool = False) -> HoursRule:
        start = self.pos
        years: Tuple[YearRange, ...] = ()
        dates: Tuple[Union[DateRange, EasterRange, NthDateRange], ...] = ()
        weeks: Tuple[WeekRange, ...] = ()
        weekdays: Tuple[WeekdayRange, ...] = ()
        holidays: Tuple[int, ...] = ()
        school = False
        spans: Tuple[TimeSpan, ...] = ()
        closed = unknown = False
        all_day = modifier = False
        comment: Optional[str] = None

        if self.is_year() and not self.is_dated_month(self.pos):
            years = self.years()
        if self.is_month_word(self.tok) or self.is_dated_month(self.pos) or self.is_word("easter"):
            dates = self.dates()
        if self.is_word("week"):
            weeks = self.weeks()
        if self.pos > start and self.at_punct(":"):
            self.advance()  # 'Apr: 08:00-12:00': the colon after wide selectors, as the grammar allows
        narrowed = False
        if self.tok.kind == "word" and self.tok.text.lower() in _HOLIDAY_OR_WEEKDAY:
            weekdays, holidays, school = self.weekdays()
            if self.at_punct(":") and self.is_holiday_or_weekday(self.peek()):
                self.advance()  # 'PH: We,Fr'
            if self.is_holiday_or_weekday(self.tok):
                # 'PH We,Fr', 'SH Mo-Fr', 'Mo-We PH -1 day': the holidays on these weekdays
                narrowed = True
                first = self.tok
                more, more_holidays, more_school = self.weekdays()
                kinds = (
                    bool(weekdays),
                    bool(holidays or school),
                    bool(more),
                    bool(more_holidays or more_school),
                )
                if kinds not in ((True, False, False, True), (False, True, True, False)):
                    self.fail(
                        "join weekdays and holidays with ',' to add them ('Mo,Tu,Fr', 'Mo-Fr,PH'), or write "
                        "holidays, then the weekdays they must fall on ('PH We,Fr', 'SH Mo-Fr')",
                        first,
                    )
                weekdays, holidays, school = weekdays + more, holidays + more_holidays, school or more_school
            if self.at_punct(":"):
                self.advance()  # 'Mo-Fr: 09:00-17:00'
        if self.tok.kind == "number" and self.tok.text == "24" and self.peek().text == "/":
            self.twenty_four_seven()
            all_day = True
            if self.at_punct(":"):
                self.advance()  # '24/7: closed'
        elif self.tok.kind == "time" or self.is_hour():
            spans = self.spans()
        if self.tok.kind == "word" and self.tok.text.lower() in _MODIFIERS:
            closed = _MODIFIERS[self.advance().text.lower()]
            modifier = True
        elif self.is_word("unknown"):
            self.advance()
            unknown = modifier = True
        if self.pos == start and self.tok.kind != "string":
            if self.tok.kind in ("end", "fallback") or self.at_punct(";") or self.at_punct(","):
                self.fail(f"expected a rule before {self.describe(self.tok)}")
            self.reject(self.tok)
        if self.tok.kind == "string":
            comment = self.advance().text[1:-1]
            # '"by appointment"', 'Mo "on request"': a comment without times or a
            # modifier says the state is unknown, as in opening_hours.js.
            unknown = unknown or not (modifier or spans or all_day)
        token = self.tok
        if not (token.kind in ("end", "fallback") or self.at_punct(";") or self.at_punct(",")):
            self.reject(token)
        if self.validated:
            return HoursRule(
                years=years,
                dates=dates,
                weekdays=weekdays,
                holidays=bool(holidays),
                spans=spans,
                closed=closed,
                comment=comment,
                additional=additional,
                weeks=weeks,
                holiday_offsets=holidays or (0,),
                school_holidays=school,
                fallback=fallback,
                holiday_weekdays=narrowed,
                unknown=unknown,
            )
        # The grammar has checked every value: the fast constructor makes the same rule.
        return HoursRule._trusted(
            weekdays,
            spans,
            closed,
            additional,
            years,
            dates,
            bool(holidays),
            comment,
            weeks,
            tuple(sorted(holidays, key=_offset_order)) if len(holidays) > 1 else holidays or (0,),
            school,
            fallback,
            narrowed,
            unknown,
        )

    def is_holiday_or_weekday(self, token: _Token) -> bool:
        return token.kind == "word" and token.text.lower() in _HOLIDAY_OR_WEEKDAY

    def is_word(self, word: str, token: Optional[_Token] = None) -> bool:
        token = token or self.tok
        return token.kind == "word" and token.text.lower() == word

    def is_hour(self, ahead: int = 0) -> bool:
        """An hour without minutes that starts a time span (``10-12``, ``Mo 7-18``)."""
        token = self.peek(ahead) if ahead else self.tok
        after = self.peek(ahead + 1)
        return token.kind == "number" and len(token.text) <= 2 and after.kind == "punct" and after.text == "-"

    def day_offset(self, largest: int = MAX_DAY_OFFSET, after: str = "an n-th weekday") -> int:
        """An optional day offset: ``+1 day``, ``-2 days`` (0 when absent), at most *largest* days."""
        if not (self.at_punct("+") or self.at_punct("-")) or self.peek().kind != "number":
            return 0
        if not (self.peek(2).kind == "word" and self.peek(2).text.lower() in _DAY_WORDS):
            return 0
        sign = -1 if self.advance().text == "-" else 1
        token = self.advance()
        self.advance()  # 'day' or 'days'
        value = int(token.text)
        if not 1 <= value <= largest:
            allowed = "+1 day or -1 day" if largest == 1 else f"1 to {largest} days, before or after it"
            self.fail(
                f"a day offset from {after} is {allowed}, as in opening_hours.js (got {token.text!r})", token
            )
        return sign * value

    def reject(self, token: _Token) -> NoReturn:
        """Fail on a token that cannot come here, naming unsupported features."""
        lower = token.text.lower()
        if token.kind == "word":
            if lower in _SUN_WORDS:
                self.unsupported(_UNSUPPORTED_WORDS[lower], token, _SUN_HINT)
            if lower in ("unknown", *_MODIFIERS):
                self.fail(
                    f'{token.text!r} is out of order: write it after the times and before a "comment", '
                    f"as in 'Mo-Fr 10:00-12:00 {lower}'",
                    token,
                )
            if lower in _UNSUPPORTED_WORDS:
                self.unsupported(_UNSUPPORTED_WORDS[lower], token, "day offsets follow PH, Mo[1] or easter")
            if lower in _HOLIDAY_OR_WEEKDAY or lower in _MONTHS or lower in _PLACED_WORDS:
                self.fail(
                    f"{token.text!r} is out of order: write years, then dates, then "
                    f'weekdays and PH, then times, then off/open, then a "comment"',
                    token,
                )
            self.fail(f"unknown word {token.text!r}; {_HINT_NAMES}", token)
        if token.kind == "punct":
            if token.text == "[":
                self.fail("an n-th weekday follows a single weekday, as in Mo[1] or Su[-1]", token)
            if token.text == ":":
                self.fail("a ':' may follow only the day selectors, as in 'Mo-Fr: 09:00-17:00'", token)
            if token.text == "+":
                self.fail(
                    "a '+' follows a time (an open end, '10:00+') or starts a day offset ('+1 day')", token
                )
            if token.text == "/":
                self.unsupported("periodic times ('/') are", token)
            if token.text == "(":
                self.unsupported("computed times ('(') are", token, _SUN_HINT)
        if token.kind == "time":
            self.fail(f"times must come in pairs like 09:00-17:00 (got {token.text!r})", token)
        if token.kind == "number":
            self.fail(f"expected a time like 09:00 or 9-17, or a four-digit year (got {token.text!r})", token)
        if token.kind == "other" and token.text in "–—":
            self.fail(f"use a plain hyphen '-' instead of {token.text!r}", token)
        self.fail(f"unexpected {self.describe(token)}; {_HINT_NAMES}", token)

    # -- years ---------------------------------------------------------------

    def is_year(self, index: Optional[int] = None) -> bool:
        token = self.tokens[self.pos if index is None else index]
        return token.kind == "number" and len(token.text) == 4

    def is_month_word(self, token: _Token) -> bool:
        return token.kind == "word" and token.text.lower() in _MONTHS

    def is_dated_month(self, index: int) -> bool:
        """A year directly followed by a month starts a date (``2026 Dec 31``)."""
        return self.is_year(index) and self.is_month_word(self.tokens[min(index + 1, len(self.tokens) - 1)])

    def year(self) -> int:
        token = self.tok
        if not self.is_year():
            self.fail(f"expected a four-digit year (got {self.describe(token)})")
        if int(token.text) == 0:
            self.fail("there is no year 0000; years run from 0001 to 9999")
        self.advance()
        return int(token.text)

    def years(self) -> Tuple[YearRange, ...]:
        items = []
        while True:
            first_token = self.tok
            first = self.year()
            last = first
            if self.at_punct("-"):
                self.advance()
                last = self.year()
            if self.at_punct("+"):
                self.unsupported("open year ranges ('2026+') are")
            if last < first:
                self.fail(f"year range {first}-{last} ends before it starts", first_token)
            items.append(YearRange(first, last))
            if self.at_list_comma() and self.is_year(self.pos + 1):
                self.advance()
                continue
            return tuple(items)

    # -- dates ---------------------------------------------------------------

    def month(self) -> Month:
        token = self.tok
        if not self.is_month_word(token):
            self.fail(f"expected a month such as Jan or Dec (got {self.describe(token)})")
        self.advance()
        return _MONTHS[token.text.lower()]

    def day_number(self) -> int:
        token = self.tok
        if token.kind != "number" or len(token.text) > 2:
            self.fail(f"expected a day of the month (got {self.describe(token)})")
        if not 1 <= int(token.text) <= 31:
            self.fail(f"invalid date: a day of the month is 1 to 31 (got {int(token.text)})")
        self.advance()
        return int(token.text)

    def dates(self) -> Tuple[Union[DateRange, EasterRange, NthDateRange], ...]:
        items: List[Union[DateRange, EasterRange, NthDateRange]] = []
        while True:
            items.append(self.easter_range() if self.is_word("easter") else self.date_range())
            self.more_days(items)
            nxt = self.peek()
            if self.at_list_comma() and (
                self.is_month_word(nxt) or self.is_dated_month(self.pos + 1) or self.is_word("easter", nxt)
            ):
                self.advance()
                continue
            return tuple(items)

    def more_days(self, items: List[Union[DateRange, EasterRange, NthDateRange]]) -> None:
        """More days of the last item's month, ``Dec 24,25`` and ``Dec 24-26,31``, as in opening_hours.js."""
        last = items[-1]
        while self.at_list_comma() and self.peek().kind == "number" and len(self.peek().text) <= 2:
            if not isinstance(last, DateRange) or last.day is None or last.end_month is not None:
                return  # ',05' after a month or a range of months is no day: the caller decides
            if last.year is not None:
                self.fail(
                    "more days after a dated day are written in full, as in '2026 Dec 24,2026 Dec 25'",
                    self.peek(),
                )
            self.advance()
            token = self.tok
            day = self.day_number()
            end_day = None
            if self.at_punct("-") and self.peek().kind == "number" and len(self.peek().text) <= 2:
                self.advance()
                end_day = self.day_number()
            try:
                items.append(DateRange(month=last.month, day=day, end_day=end_day))
            except InvalidValueError as error:
                self.fail(f"invalid date: {error}", token)

    def easter_range(self) -> EasterRange:
        """``easter``, ``easter +1 day``, ``easter -2 days-easter +1 day``."""
        self.advance()
        offset = self.day_offset(MAX_EASTER_OFFSET, "easter")
        end: Optional[int] = None
        if self.at_punct("-") and self.is_word("easter", self.peek()):
            self.advance()
            end_token = self.advance()
            end = self.day_offset(MAX_EASTER_OFFSET, "easter")
            if end < offset:
                self.fail("an easter range ends before it starts; write the earlier day first", end_token)
        elif self.at_punct("-") and self.is_month_word(self.peek()):
            self.advance()
            month_token = self.tok
            month = self.month()
            if not (self.tok.kind == "number" and len(self.tok.text) <= 2):
                self.fail("a range from easter ends on a day, as in 'easter-Apr 20'", month_token)
            day = self.day_number()
            return self.mixed_easter(month_token, offset=offset, end_date=(int(month), day))
        elif self.at_punct("-") and self.is_year(self.pos + 1):
            self.unsupported(
                "a year inside an easter range is",
                hint="write the year once before the range, as in '2026 easter -2 days-easter +2 days'",
            )
        return EasterRange(offset, end)

    def mixed_easter(self, token: _Token, **fields: object) -> EasterRange:
        """An easter range with a day of the month at one end (``Dec 25-easter``, ``easter-Apr 20``)."""
        try:
            return EasterRange(**fields)  # type: ignore[arg-type]
        except InvalidValueError as error:
            self.fail(f"invalid date: {error} (February 29th is not in every year)", token)

    def nth_end_ahead(self, index: int) -> Optional[int]:
        """The index after an n-th weekday range end (``Su[-1]``, ``Su[2] +1 day``) at *index*, or None."""
        tokens = self.tokens
        last = len(tokens) - 1

        def at(i: int, kind: str, *texts: str) -> bool:
            token = tokens[min(i, last)]
            return token.kind == kind and (not texts or token.text.lower() in texts)

        if not (at(index, "word", *_WEEKDAYS) and at(index + 1, "punct", "[")):
            return None
        i = index + 2 + at(index + 2, "punct", "-")
        if not (at(i, "number") and at(i + 1, "punct", "]")):
            return None
        i += 2
        if at(i, "punct", "+", "-") and at(i + 1, "number") and at(i + 2, "word", *_DAY_WORDS):
            i += 3
        return i

    def nth_end(self, month: Month) -> Tuple[int, int, int, int, int]:
        """An n-th weekday at a range's end, after its month: ``Su[-1]``, ``Su[-1] +4 days``."""
        weekday = self.weekday()
        self.advance()  # '['
        token = self.tok
        sign = -1 if self.at_punct("-") else 1
        if sign < 0:
            self.advance()
        nth = self.nth_number(token) * sign
        self.advance()  # ']'
        offset = self.day_offset(MAX_END_OFFSET, "an n-th weekday at a range's end")
        return (int(month), 0, int(weekday), nth, offset)

    def nth_range(
        self, token: _Token, start: Tuple[int, int, int, int, int], year: Optional[int]
    ) -> NthDateRange:
        """The rest of a range with an n-th weekday at an end, from its '-': ``-Oct Su[-1]``, ``-Jan 15``."""
        if year is not None or self.is_year(self.pos + 1):
            self.unsupported(
                "a year in a range with an n-th weekday at an end is",
                token,
                hint="give the years as a year selector before the range, as in "
                "'2026-2026 Mar Su[-1]-Oct Su[-1]' or '2026-2028 Jan Su[2]-Jan 15'",
            )
        self.advance()  # '-'
        month = self.month()
        if self.nth_end_ahead(self.pos) is not None:
            end = self.nth_end(month)
        else:
            if not (self.tok.kind == "number" and len(self.tok.text) <= 2):
                self.fail(
                    "a range from an n-th weekday ends on a day or an n-th weekday of a month, "
                    "as in 'Jan Su[2]-Jan 15' or 'Mar Su[-1]-Oct Su[-1]'"
                )
            end = (int(month), self.day_number(), 0, 0, 0)
        if (start[0], start[1]) == (2, 29) or (end[0], end[1]) == (2, 29):
            self.fail(
                "Feb 29 cannot begin or end a range with an n-th weekday: February 29th is not in "
                "every year; begin or end it on Feb 28 or Mar 01",
                token,
            )
        try:
            return NthDateRange(start, end)
        except InvalidValueError as error:  # pragma: no cover - the parts were checked as they were read
            self.fail(f"invalid date: {error}", token)

    def date_range(self) -> Union[DateRange, EasterRange, NthDateRange]:
        start_token = self.tok
        year = self.year() if self.is_year() else None
        month = self.month()
        after = self.nth_end_ahead(self.pos)
        if (
            after is not None
            and self.tokens[after].kind == "punct"
            and self.tokens[after].text == "-"
            and (
                self.is_month_word(self.tokens[min(after + 1, len(self.tokens) - 1)])
                or self.is_dated_month(min(after + 1, len(self.tokens) - 1))
            )
        ):
            return self.nth_range(start_token, self.nth_end(month), year)  # 'Mar Su[-1]-Oct Su[-1]'
        day = None
        if self.tok.kind == "number" and len(self.tok.text) <= 2:
            day = self.day_number()
        end_year = end_month = end_day = None
        if (
            self.at_punct("-")
            and day is not None
            and self.is_month_word(self.peek())
            and self.nth_end_ahead(self.pos + 2) is not None
        ):
            return self.nth_range(
                start_token, (int(month), day, 0, 0, 0), year
            )  # 'Dec 20-Dec Su[-1] +4 days'
        if self.at_punct("-"):
            self.advance()
            if self.is_word("easter"):
                if day is None or year is not None:
                    self.unsupported(
                        "a range between a month or a dated day and easter is",
                        hint="start it on a day of the month, as in 'Dec 25-easter'",
                    )
                self.advance()
                end = self.day_offset(MAX_EASTER_OFFSET, "easter")
                return self.mixed_easter(start_token, start_date=(int(month), day), end_offset=end)
            if self.is_year():
                end_year = self.year()
                end_month = self.month()
            elif self.is_month_word(self.tok):
                end_month = self.month()
            if day is not None and (end_month is None or self.tok.kind == "number"):
                end_day = self.day_number()
            elif end_month is None:
                self.fail(f"expected a month or a day after '-' (got {self.describe(self.tok)})")
        try:
            return DateRange(
                month=month,
                day=day,
                year=year,
                end_month=end_month,
                end_day=end_day,
                end_year=end_year,
            )
        except InvalidValueError as error:
            self.fail(f"invalid date: {error}", start_token)

    # -- weekdays ------------------------------------------------------------

    def weekday(self) -> Weekday:
        token = self.tok
        if token.kind != "word" or token.text.lower() not in _WEEKDAYS:
            self.fail(f"expected a weekday Mo … Su (got {self.describe(token)})")
        self.advance()
        return _WEEKDAYS[token.text.lower()]

    def weekdays(self) -> Tuple[Tuple[WeekdayRange, ...], Tuple[int, ...], bool]:
        items: List[WeekdayRange] = []
        holidays: List[int] = []
        school = False
        while True:
            token = self.tok
            if self.is_word("ph"):
                self.advance()
                offset = self.day_offset(MAX_HOLIDAY_OFFSET, "PH")
                if offset in holidays:
                    named = f"{token.text} {offset:+d} day" if offset else token.text
                    self.fail(f"{named} is named twice", token)
                holidays.append(offset)
            elif self.is_word("sh"):
                self.advance()
                if school:
                    self.fail("SH is named twice", token)
                school = True
                if self.at_punct("+") or (self.at_punct("-") and self.peek().kind == "number"):
                    self.unsupported(
                        "school holiday offsets ('SH +1 day') are",
                        hint="opening_hours.js does not define them either; pass the days themselves "
                        "as school holidays, or write them as dates",
                    )
            else:
                first = self.weekday()
                last = first
                if self.at_punct("-"):
                    self.advance()
                    last = self.weekday()
                if self.at_punct("["):
                    if first != last:
                        self.fail(
                            "an n-th weekday follows a single weekday: write Mo[1],Tu[1] rather than Mo-Tu[1]"
                        )
                    nth = self.nth_entries()
                    items.append(WeekdayRange(first, first, nth, self.day_offset()))
                else:
                    items.append(_weekday_range(first, last))
            nxt = self.peek()
            if self.at_list_comma() and nxt.kind == "word" and nxt.text.lower() in _HOLIDAY_OR_WEEKDAY:
                self.advance()
                continue
            return tuple(items), tuple(holidays), school

    def nth_entries(self) -> Tuple[int, ...]:
        """``[1]``, ``[-1]``, ``[1,3]``, ``[1-2]``: which weekdays of the month, from its start or end."""
        self.advance()  # '['
        entries: List[int] = []
        while True:
            token = self.tok
            sign = 1
            if self.at_punct("-"):
                self.advance()
                sign = -1
            first = self.nth_number(token) * sign
            last = first
            if self.at_punct("-") and sign < 0:
                self.fail("write counts from the end one by one, as in [-2,-1]", token)
            if self.at_punct("-"):
                self.advance()
                last = self.nth_number(token)
                if last < first:
                    self.fail(f"the range [{first}-{last}] ends before it starts", token)
            entries.extend(range(first, last + 1))
            if self.at_punct(","):
                self.advance()
                continue
            if not self.at_punct("]"):
                self.fail(f"expected ',' or ']' in the n-th weekday (got {self.describe(self.tok)})")
            self.advance()
            return tuple(entries)

    def nth_number(self, start: _Token) -> int:
        token = self.tok
        if token.kind != "number" or not 1 <= int(token.text) <= 5:
            self.fail(
                f"an n-th weekday is 1 to 5 or -1 to -5, as in Mo[1] or Su[-1] (got {self.describe(token)})",
                token,
            )
        self.advance()
        return int(token.text)

    # -- weeks ---------------------------------------------------------------

    def week_number(self) -> int:
        token = self.tok
        if token.kind != "number" or len(token.text) > 2 or not 1 <= int(token.text) <= 53:
            self.fail(f"expected an ISO week 01 to 53 (got {self.describe(token)})")
        self.advance()
        return int(token.text)

    def weeks(self) -> Tuple[WeekRange, ...]:
        """``week 01-10``, ``week 01-53/2``, ``week 05,10-12``."""
        self.advance()  # 'week'
        items = []
        while True:
            token = self.tok
            first = self.week_number()
            last = first
            step = 1
            if self.at_punct("-") and self.peek().kind == "number":
                self.advance()
                last = self.week_number()
                if last < first:
                    self.fail(
                        f"week range {first:02d}-{last:02d} ends before it starts; write "
                        f"'week {first:02d}-53,01-{last:02d}' for a range over the year end",
                        token,
                    )
                if self.at_punct("/"):
                    self.advance()
                    step_token = self.tok
                    if step_token.kind == "number" and int(step_token.text) == 1:
                        self.fail(
                            f"a step of one week selects every week: write 'week {first:02d}-{last:02d}'"
                        )
                    if step_token.kind != "number" or not 2 <= int(step_token.text) <= 26:
                        got = self.describe(step_token)
                        self.fail(f"expected a step of 2 to 26 weeks after '/' (got {got})")
                    step = int(self.advance().text)
            items.append(WeekRange(first, last, step))
            if self.at_list_comma() and self.peek().kind == "number":
                self.advance()
                continue
            return tuple(items)

    # -- times ---------------------------------------------------------------

    def twenty_four_seven(self) -> None:
        first = self.advance()
        self.advance()  # '/'
        if not (self.tok.kind == "number" and self.tok.text == "7"):
            self.fail("expected '24/7'", first)
        self.advance()

    def minute(self, latest: int) -> int:
        token = self.tok
        if token.kind == "number" and len(token.text) <= 2:
            value = int(token.text) * 60  # an hour without minutes: '10' is 10:00
            if value > latest:
                self.fail(f"time {token.text!r} is out of range (00 to {latest // 60:02d})")
            self.advance()
            return value
        if token.kind != "time":
            if token.kind == "number":
                self.fail(f"write times like 09:00 (got {token.text!r})")
            self.fail(f"expected a time like 09:00 (got {self.describe(token)})")
        hours, minutes = token.text.split(":")
        value = int(hours) * 60 + int(minutes)
        if int(minutes) > 59 or value > latest:
            self.fail(f"time {token.text!r} is out of range (00:00 to {latest // 60:02d}:{latest % 60:02d})")
        self.advance()
        return value

    def spans(self) -> Tuple[TimeSpan, ...]:
        items = []
        while True:
            first = self.tok
            start = self.minute(MINUTES_PER_DAY - 1)
            if self.at_punct("+"):
                self.advance()  # '10:00+': open from 10:00, closing time unknown
                items.append(TimeSpan(start, start, open_end=True))
                if self.at_punct(",") and (self.peek().kind == "time" or self.is_hour(1)):
                    self.advance()
                    continue
                return tuple(items)
            if self.tok.kind == "other" and self.tok.text in "–—":
                self.fail(f"use a plain hyphen '-' instead of {self.tok.text!r}")
            if not self.at_punct("-"):
                self.fail(f"a time span needs an end, like 09:00-17:00 (got {self.describe(self.tok)})")
            self.advance()
            if self.tok.kind == "word" and self.tok.text.lower() in _UNSUPPORTED_WORDS:
                word = self.tok.text.lower()
                self.unsupported(_UNSUPPORTED_WORDS[word], hint=_SUN_HINT if word in _SUN_WORDS else "")
            end = self.minute(MAX_END_MINUTE)
            if end <= start and end <= MINUTES_PER_DAY:
                end += MINUTES_PER_DAY  # runs past midnight
            open_end = self.at_punct("+")
            if open_end:
                if guessed_end(end) > MAX_END_MINUTE:
                    self.fail(
                        "an open end after 40:00 would run past the second midnight (opening_hours.js "
                        "guesses eight more hours); end the span earlier or give the closing time",
                        first,
                    )
                self.advance()  # '10:00-12:00+': open 10-12, then unknown
            if self.at_punct("/"):
                self.unsupported("periodic times ('10:00-16:00/01:00') are")
            items.append(TimeSpan(start, end, open_end=True) if open_end else _time_span(start, end))
            if self.at_punct(",") and (self.peek().kind == "time" or self.is_hour(1)):
                self.advance()
                continue
            return tuple(items)


#: Values built before, shared between parses (they are immutable); bounded.
_SPANS: Dict[Tuple[int, int], TimeSpan] = {}
_WEEKDAY_RANGES: Dict[Tuple[Weekday, Weekday], WeekdayRange] = {}
_MAX_SHARED = 4096


def _time_span(start: int, end: int) -> TimeSpan:
    span = _SPANS.get((start, end))
    if span is None:
        span = TimeSpan(start, end)
        if len(_SPANS) < _MAX_SHARED:
            _SPANS[start, end] = span
    return span


def _weekday_range(first: Weekday, last: Weekday) -> WeekdayRange:
    found = _WEEKDAY_RANGES.get((first, last))
    if found is None:
        found = _WEEKDAY_RANGES[first, last] = WeekdayRange(first, last)
    return found


def _scan(text: str) -> List[_Token]:
    tokens = []
    size = len(text)
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind == "space":
            continue
        value = match.group()
        if kind == "other" and value == '"':
            raise ScheduleSyntaxError("unterminated comment: close it with '\"'", text, match.start() + 1)
        end = match.end()
        tokens.append(_Token(kind, value, match.start() + 1, end < size and text[end].isspace()))
    tokens.append(_Token("end", "", size + 1))
    return tokens


def _offset_order(offset: int) -> Tuple[bool, int]:
    """The canonical order of holiday offsets: ``PH`` first, then the others from the earliest."""
    return (offset != 0, offset)


# The common shape of response hours, read without tokens: ';'-separated rules of
# weekdays and/or times and an optional off/open, written without stray spaces
# (``Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00``). Any other text, and any
# out-of-range time, goes through the parser (which then names the problem).
_FAST_DAY = "(?:[Mm][Oo]|[Tt][Uu]|[Ww][Ee]|[Tt][Hh]|[Ff][Rr]|[Ss][Aa]|[Ss][Uu])"
_FAST_DAYS = f"{_FAST_DAY}(?:-{_FAST_DAY})?(?:,{_FAST_DAY}(?:-{_FAST_DAY})?)*"
_FAST_TIME = "[0-9]{1,2}:[0-9]{2}"
_FAST_SPANS = f"{_FAST_TIME}-{_FAST_TIME}(?:,{_FAST_TIME}-{_FAST_TIME})*"
_FAST_MODIFIER = "(?:[Oo][Ff][Ff]|[Cc][Ll][Oo][Ss][Ee][Dd]|[Oo][Pp][Ee][Nn])"
_FAST_SHAPE = (
    " *(?:(?P<days>{days})(?: +(?P<spans>{spans}))?|(?P<times>{spans}))(?: +(?P<modifier>{modifier}))? *"
)
_FAST_RULE = re.compile(_FAST_SHAPE.format(days=_FAST_DAYS, spans=_FAST_SPANS, modifier=_FAST_MODIFIER))
_FAST_ANY_RULE = re.sub(r"\(\?P<\w+>", "(?:", _FAST_RULE.pattern)
_FAST_TEXT = re.compile(f"[ \\t\\n]*{_FAST_ANY_RULE}(?:;{_FAST_ANY_RULE})*[ \\t\\n]*")
_FAST_SPAN = re.compile("([0-9]{1,2}):([0-9]{2})-([0-9]{1,2}):([0-9]{2})")


#: Immutable tables of the fast path: the minutes of an hour's text (``9``, ``09``; at most
#: ``48``) and of a minute's text (``00`` to ``59``); the range of each day item (``mo-fr``).
_FAST_HOURS = {
    **{f"{hour:d}": hour * 60 for hour in range(10)},
    **{f"{hour:02d}": hour * 60 for hour in range(MAX_END_MINUTE // 60 + 1)},
}
_FAST_MINUTES = {f"{minute:02d}": minute for minute in range(60)}
_FAST_DAY_ITEMS = {
    **{first: _weekday_range(day, day) for first, day in _WEEKDAYS.items()},
    **{
        f"{first}-{last}": _weekday_range(start, end)
        for first, start in _WEEKDAYS.items()
        for last, end in _WEEKDAYS.items()
    },
}


#: The fields of :class:`HoursRule`, in order, that :func:`_fast_rule` sets.
_FAST_RULE_FIELDS = (
    "years",
    "dates",
    "weekdays",
    "holidays",
    "spans",
    "closed",
    "comment",
    "additional",
    "weeks",
    "holiday_offsets",
    "school_holidays",
    "fallback",
    "holiday_weekdays",
    "unknown",
)
_FAST_TEMPLATE = HoursRule._trusted((), (), False)  # the other fields' values: as _trusted sets them
#: Whether :class:`HoursRule` has exactly these fields (else :func:`_fast_rule` calls ``_trusted``).
_FAST_RULE_EXACT = tuple(f.name for f in getattr(HoursRule, "__attrs_attrs__", ())) == _FAST_RULE_FIELDS
_new_rule = object.__new__

if _FAST_RULE_EXACT:
    (
        _set_years,
        _set_dates,
        _set_weekdays,
        _set_holidays,
        _set_spans,
        _set_closed,
        _set_comment,
        _set_additional,
        _set_weeks,
        _set_holiday_offsets,
        _set_school_holidays,
        _set_fallback,
        _set_holiday_weekdays,
        _set_unknown,
    ) = (HoursRule.__dict__[name].__set__ for name in _FAST_RULE_FIELDS)

    def _fast_rule(
        weekdays: Tuple[WeekdayRange, ...],
        spans: Tuple[TimeSpan, ...],
        closed: bool,
        template: HoursRule = _FAST_TEMPLATE,
    ) -> HoursRule:
        """``HoursRule._trusted(weekdays, spans, closed)``, set through the slots' descriptors (faster)."""
        rule: HoursRule = _new_rule(HoursRule)
        _set_years(rule, template.years)
        _set_dates(rule, template.dates)
        _set_weekdays(rule, weekdays)
        _set_holidays(rule, template.holidays)
        _set_spans(rule, spans)
        _set_closed(rule, closed)
        _set_comment(rule, template.comment)
        _set_additional(rule, template.additional)
        _set_weeks(rule, template.weeks)
        _set_holiday_offsets(rule, template.holiday_offsets)
        _set_school_holidays(rule, template.school_holidays)
        _set_fallback(rule, template.fallback)
        _set_holiday_weekdays(rule, template.holiday_weekdays)
        _set_unknown(rule, template.unknown)
        return rule

else:  # pragma: no cover - the fields of HoursRule changed: build rules as _trusted does

    def _fast_rule(
        weekdays: Tuple[WeekdayRange, ...],
        spans: Tuple[TimeSpan, ...],
        closed: bool,
        template: HoursRule = _FAST_TEMPLATE,
    ) -> HoursRule:
        """``HoursRule._trusted(weekdays, spans, closed)``."""
        return HoursRule._trusted(weekdays, spans, closed)


#: The weekdays of a day selector as commonly written (``Mo``, ``Mo-Fr``), read at once.
_FAST_DAY_TEXTS = {
    **{text.title(): (days,) for text, days in _FAST_DAY_ITEMS.items()},
    **{text: (days,) for text, days in _FAST_DAY_ITEMS.items()},
}


def _fast_rules(text: str) -> Optional[Tuple[HoursRule, ...]]:
    """The rules of a text of the common shape (see ``_FAST_TEXT``), or None for any other text.

    The text matches ``_FAST_TEXT`` exactly when, with spaces, tabs and newlines
    stripped from its ends, each of its ';'-separated parts matches ``_FAST_RULE``
    (whose parts hold no tab, newline or ';').
    """
    rules = []
    hours, minutes, items, rule_shape, spans_of, made, day_texts, make = (
        _FAST_HOURS,
        _FAST_MINUTES,
        _FAST_DAY_ITEMS,
        _FAST_RULE.fullmatch,
        _FAST_SPAN.findall,
        _SPANS,
        _FAST_DAY_TEXTS,
        _fast_rule,
    )
    for part in text.strip(" \t\n").split(";"):
        match = rule_shape(part)
        if match is None:
            return None
        days, spans_text, times, modifier = match.groups()
        weekdays: Tuple[WeekdayRange, ...] = ()
        if days is not None:
            common = day_texts.get(days)
            weekdays = tuple(map(items.__getitem__, days.lower().split(","))) if common is None else common
        if spans_text is None:
            spans_text = times
        spans: Tuple[TimeSpan, ...] = ()
        if spans_text is not None:
            found = []
            for start_hour, start_minute, end_hour, end_minute in spans_of(spans_text):
                try:
                    start = hours[start_hour] + minutes[start_minute]
                    end = hours[end_hour] + minutes[end_minute]
                except KeyError:  # an hour past 48 or a minute past 59
                    return None
                if start >= MINUTES_PER_DAY or end > MAX_END_MINUTE:
                    return None
                if end <= start and end <= MINUTES_PER_DAY:
                    end += MINUTES_PER_DAY  # runs past midnight
                span = made.get((start, end))
                found.append(_time_span(start, end) if span is None else span)
            spans = tuple(found)
        closed = False if modifier is None else _MODIFIERS[modifier.lower()]
        rules.append(make(weekdays, spans, closed))
    return tuple(rules)


def parse_rules(text: object, _validated: bool = False) -> Tuple[HoursRule, ...]:
    """Parse response-hours text into rules.

    Raises:
        ScheduleSyntaxError: the text is not valid; ``.column`` points at the problem.
        UnsupportedSyntaxError: the text uses a feature outside the subset.
        ScheduleTooLongError: the text is longer than :data:`MAX_TEXT_LENGTH`.
        InvalidValueError: *text* is not a string.
    """
    if not isinstance(text, str):
        raise InvalidValueError._for("text", "a string of response hours", text)
    if len(text) > MAX_TEXT_LENGTH:
        raise ScheduleTooLongError(
            f"response hours are {len(text)} characters long; the limit is {MAX_TEXT_LENGTH}",
            text[: MAX_TEXT_LENGTH + 1],
            MAX_TEXT_LENGTH + 1,
        )
    if not text or text.isspace():  # what strip() leaves nothing of
        raise ScheduleSyntaxError(
            "response hours are empty; write e.g. 'Mo-Fr 09:00-17:00' or '24/7'", text, 1
        )
    if not _validated:
        fast = _fast_rules(text)
        if fast is not None:
            return fast
    return _Parser(text, _validated).parse()
