"""Response-hours text → :class:`HoursRule` values.

A hand-written recursive-descent parser over a small token list. Every error
carries the 1-based column of the offending token; features of the full
``opening_hours`` syntax that pageavail does not support are named as such.
"""

from __future__ import annotations

import re
from typing import Dict, List, NoReturn, Optional, Tuple

from ._selectors import (
    MAX_END_MINUTE,
    MINUTES_PER_DAY,
    DateRange,
    HoursRule,
    Month,
    TimeSpan,
    Weekday,
    WeekdayRange,
    YearRange,
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
    "sunrise": "variable times (sunrise)",
    "sunset": "variable times (sunset)",
    "dawn": "variable times (dawn)",
    "dusk": "variable times (dusk)",
    "week": "week numbers (week)",
    "easter": "easter dates",
    "sh": "school holidays (SH)",
    "unknown": "the 'unknown' state",
    "day": "day offsets",
    "days": "day offsets",
}

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
    def __init__(self, text: str) -> None:
        self.text = text
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
        column = (token or self.tok).column
        reason = f"{feature} is not supported by pageavail"
        if hint:
            reason += f"; {hint}"
        raise UnsupportedSyntaxError(reason, self.text, column)

    def describe(self, token: _Token) -> str:
        return "the end of the text" if token.kind == "end" else repr(token.text)

    # -- grammar -------------------------------------------------------------

    def parse(self) -> Tuple[HoursRule, ...]:
        rules: List[HoursRule] = []
        additional = False
        while True:
            rules.append(self.rule(additional))
            token = self.tok
            if token.kind == "end":
                return tuple(rules)
            if token.kind == "fallback":
                self.unsupported("a fallback rule (||)", hint="write it as a separate ';' rule")
            if self.at_punct(";") or self.at_punct(","):
                additional = token.text == ","
                self.advance()
                if self.tok.kind == "end":
                    self.fail(f"a rule must follow {token.text!r}; remove the trailing {token.text!r}")
                continue
            self.fail(f"unexpected {self.describe(token)}; {_HINT_NAMES}")

    def rule(self, additional: bool) -> HoursRule:
        start = self.pos
        years: Tuple[YearRange, ...] = ()
        dates: Tuple[DateRange, ...] = ()
        weekdays: Tuple[WeekdayRange, ...] = ()
        holidays = False
        spans: Tuple[TimeSpan, ...] = ()
        closed = False
        comment: Optional[str] = None

        if self.is_year() and not self.is_dated_month(self.pos):
            years = self.years()
        if self.is_month_word(self.tok) or self.is_dated_month(self.pos):
            dates = self.dates()
        if self.tok.kind == "word" and (self.tok.text.lower() in _WEEKDAYS or self.tok.text.lower() == "ph"):
            weekdays, holidays = self.weekdays()
        if self.at_punct(":"):
            self.fail("remove the ':' after the day selector (write 'Mo-Fr 09:00-17:00')")
        if self.tok.kind == "number" and self.tok.text == "24" and self.peek().text == "/":
            self.twenty_four_seven()
        elif self.tok.kind == "time":
            spans = self.spans()
        if self.tok.kind == "word" and self.tok.text.lower() in _MODIFIERS:
            closed = _MODIFIERS[self.advance().text.lower()]
        if self.pos == start:
            if self.tok.kind == "string":
                self.fail("a comment must follow a rule, as in 'Mo-Fr 09:00-17:00 \"office\"'")
            if self.tok.kind in ("end", "fallback") or self.at_punct(";") or self.at_punct(","):
                self.fail(f"expected a rule before {self.describe(self.tok)}")
            self.reject(self.tok)
        if self.tok.kind == "string":
            comment = self.advance().text[1:-1]
        token = self.tok
        if not (token.kind in ("end", "fallback") or self.at_punct(";") or self.at_punct(",")):
            self.reject(token)
        return HoursRule(
            years=years,
            dates=dates,
            weekdays=weekdays,
            holidays=holidays,
            spans=spans,
            closed=closed,
            comment=comment,
            additional=additional,
        )

    def reject(self, token: _Token) -> NoReturn:
        """Fail on a token that cannot come here, naming unsupported features."""
        lower = token.text.lower()
        if token.kind == "word":
            if lower in _UNSUPPORTED_WORDS:
                self.unsupported(_UNSUPPORTED_WORDS[lower], token)
            if lower in _WEEKDAYS or lower == "ph" or lower in _MONTHS:
                self.fail(
                    f"{token.text!r} is out of order: write years, then dates, then "
                    f'weekdays and PH, then times, then off/open, then a "comment"',
                    token,
                )
            self.fail(f"unknown word {token.text!r}; {_HINT_NAMES}", token)
        if token.kind == "punct":
            if token.text == "[":
                self.unsupported("the n-th weekday of a month (Mo[1])", token)
            if token.text == "+":
                self.unsupported(
                    "open end or offsets ('+')", token, "give a closing time such as 10:00-18:00"
                )
            if token.text == "/":
                self.unsupported("periodic times ('/')", token)
            if token.text == "(":
                self.unsupported("computed times ('(')", token)
        if token.kind == "time":
            self.fail(f"times must come in pairs like 09:00-17:00 (got {token.text!r})", token)
        if token.kind == "number":
            self.fail(f"expected a time like 09:00 or a four-digit year (got {token.text!r})", token)
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
                self.unsupported("open year ranges ('2026+')")
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
        self.advance()
        return int(token.text)

    def dates(self) -> Tuple[DateRange, ...]:
        items = []
        while True:
            items.append(self.date_range())
            nxt = self.peek()
            if self.at_list_comma() and (self.is_month_word(nxt) or self.is_dated_month(self.pos + 1)):
                self.advance()
                continue
            return tuple(items)

    def date_range(self) -> DateRange:
        start_token = self.tok
        year = self.year() if self.is_year() else None
        month = self.month()
        day = None
        if self.tok.kind == "number" and len(self.tok.text) <= 2:
            day = self.day_number()
        end_year = end_month = end_day = None
        if self.at_punct("-"):
            self.advance()
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

    def weekdays(self) -> Tuple[Tuple[WeekdayRange, ...], bool]:
        items: List[WeekdayRange] = []
        holidays = False
        while True:
            token = self.tok
            if token.kind == "word" and token.text.lower() == "ph":
                self.advance()
                if holidays:
                    self.fail("PH is named twice", token)
                holidays = True
                if self.at_punct("+") or (self.at_punct("-") and self.peek().kind == "number"):
                    self.unsupported("holiday offsets ('PH +1 day')")
            else:
                first = self.weekday()
                last = first
                if self.at_punct("-"):
                    self.advance()
                    last = self.weekday()
                items.append(_weekday_range(first, last))
            if self.at_punct("["):
                self.unsupported("the n-th weekday of a month (Mo[1])")
            nxt = self.peek()
            if (
                self.at_list_comma()
                and nxt.kind == "word"
                and (nxt.text.lower() in _WEEKDAYS or nxt.text.lower() == "ph")
            ):
                self.advance()
                continue
            return tuple(items), holidays

    # -- times ---------------------------------------------------------------

    def twenty_four_seven(self) -> None:
        first = self.advance()
        self.advance()  # '/'
        if not (self.tok.kind == "number" and self.tok.text == "7"):
            self.fail("expected '24/7'", first)
        self.advance()

    def minute(self, latest: int) -> int:
        token = self.tok
        if token.kind != "time":
            if token.kind == "number":
                self.fail(f"write times with minutes, like {int(token.text):02d}:00 (got {token.text!r})")
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
            start = self.minute(MINUTES_PER_DAY - 1)
            if self.at_punct("+"):
                self.unsupported("open end ('10:00+')", hint="give a closing time such as 10:00-18:00")
            if self.tok.kind == "other" and self.tok.text in "–—":
                self.fail(f"use a plain hyphen '-' instead of {self.tok.text!r}")
            if not self.at_punct("-"):
                self.fail(f"a time span needs an end, like 09:00-17:00 (got {self.describe(self.tok)})")
            self.advance()
            if self.tok.kind == "word" and self.tok.text.lower() in _UNSUPPORTED_WORDS:
                self.unsupported(_UNSUPPORTED_WORDS[self.tok.text.lower()])
            end = self.minute(MAX_END_MINUTE)
            if end <= start and end <= MINUTES_PER_DAY:
                end += MINUTES_PER_DAY  # runs past midnight
            if self.at_punct("+"):
                self.unsupported("open end ('10:00+')", hint="give a closing time such as 10:00-18:00")
            if self.at_punct("/"):
                self.unsupported("periodic times ('10:00-16:00/01:00')")
            items.append(_time_span(start, end))
            if self.at_punct(",") and self.peek().kind == "time":
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


def parse_rules(text: object) -> Tuple[HoursRule, ...]:
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
    if not text.strip():
        raise ScheduleSyntaxError(
            "response hours are empty; write e.g. 'Mo-Fr 09:00-17:00' or '24/7'", text, 1
        )
    return _Parser(text).parse()
