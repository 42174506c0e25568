"""``pageavail forecast``: the conversations the prompt is expected to start, from page views per hour.

The page views are one number or a CSV profile of the week (7 rows of 24).
"""

from __future__ import annotations

import argparse
import math
import os
import re
from datetime import date
from typing import Dict, List, NamedTuple, TextIO, Tuple, Union

from . import wording as w
from ._cli_common import EXIT_OK, _note_lines, _read_text, _reader, _short, _write_json
from ._cli_page import _observed, _timeline, _week_picture
from ._i18n import Hours, Moment, Percent, babel_locale
from .errors import InvalidValueError
from .timeline import LoadForecast, Timeline

#: A plain decimal number (``10``, ``2.5``, ``1e3``); Python's float() also reads ``1_0`` and other digits.
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z", re.ASCII)


def _decimal(text: str) -> float:
    """*text* as a number, or NaN when it is not a plain decimal number (refused by the range checks)."""
    text = text.strip()
    return float(text) + 0.0 if _DECIMAL.match(text) else math.nan  # + 0.0: "-0" is 0, never "-0"


#: The most page views an hour may have, in the argument and in each cell of a profile.
_MOST_VISITS = 1e12
_MOST_VISITS_TEXT = "1e12"  # as the messages write it (format(1e12, "g") is "1e+12")


def _out_of_range(text: str, value: float) -> str:
    """Why *value* (read from *text* by :func:`_decimal`) is not a number of page views, or ""."""
    if _DECIMAL.match(text.strip()) is None:
        if _non_finite(text):
            return "which is not a finite number"
        return "which is not a plain decimal number such as 120 or 2.5"
    if value < 0:
        return "which is negative"
    if value > _MOST_VISITS:  # 1e400 too: it reads as infinity
        return f"which is above {_MOST_VISITS_TEXT}"
    return ""


#: The default share of prompts that start a conversation (the docs' example; give your own).
DEFAULT_CLICK_RATE = 0.03
_WEEKDAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")


class _Number(NamedTuple):
    """A decimal amount for the reader, to one decimal: "1,234.5", "1.234,5", "120"; an amount
    that one decimal would show as 0 but is not 0 keeps up to three significant digits: "0.0000025"."""

    value: float

    def format(self, tag: str) -> str:
        from babel.numbers import format_decimal

        pattern = "@##" if 0 < abs(self.value) < 0.05 else "#,##0.#"
        return str(format_decimal(self.value, pattern, locale=babel_locale(tag)))


def _figure(value: float) -> float:
    """*value* for the JSON document: to 3 decimals, but to 3 significant digits when it is below 0.1,
    so that a small amount that is not 0 (2.5e-06 conversations) is not written as 0."""
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, max(3, 2 - math.floor(math.log10(abs(value)))))


def _week_conversations(forecast: LoadForecast) -> List[List[float]]:
    """The conversations per local weekday (Mo … Su) and hour (0 … 23), summed over the period, unrounded."""
    week = [[0.0] * 24 for _ in range(7)]
    for hour in forecast.hours:
        week[hour.hour.weekday()][hour.hour.hour] += hour.conversations
    return week


def _visit_profile(path: str) -> List[List[float]]:
    """Page views per hour from a CSV file: 7 rows (Monday to Sunday) of 24 numbers (hours 0 to 23).

    A row may start with its weekday (``Mo`` … ``Su``, in order); a first line
    that starts with ``weekday`` is a header; blank lines and lines starting with
    ``#`` are skipped. Cells are separated by commas.

    Raises:
        InvalidValueError: the file cannot be read, or is not of that form; the
            message names the line.
    """
    where = f"--visits-per-hour {_short(path)}"
    rows: List[List[float]] = []
    for number, line in enumerate(_read_text(path, "--visits-per-hour").splitlines(), 1):
        cells = [cell.strip() for cell in line.split(",")]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not rows and cells[0].lower() == "weekday":
            continue  # the header
        if len(rows) == 7:
            raise InvalidValueError(f"{where}:{number}: an eighth row; give 7 rows, Monday to Sunday")
        # A weekday label starts with a letter and is no number: "nan" and "inf" are cells, refused as such.
        if cells[0] and cells[0][0].isalpha() and not _non_finite(cells[0]):
            expected = _WEEKDAYS[len(rows)]
            if cells[0][:2].lower() != expected:
                raise InvalidValueError(
                    f"{where}:{number}: row {len(rows) + 1} starts with {cells[0]!r}; the rows go from Mo to "
                    f"Su, so this one is {expected.capitalize()}"
                )
            cells = cells[1:]
        if len(cells) != 24:
            raise InvalidValueError(
                f"{where}:{number}: has {len(cells)} numbers; each row needs 24, for the hours 0 to 23"
            )
        row = []
        for column, cell in enumerate(cells):
            value = _decimal(cell)
            why = _out_of_range(cell, value)
            if why:
                raise InvalidValueError(
                    f"{where}:{number}: hour {column} must be a number of page views from 0 to "
                    f"{_MOST_VISITS_TEXT}: finite and not negative (got {_short(cell)!r}, {why})"
                )
            row.append(value)
        rows.append(row)
    if len(rows) != 7:
        raise InvalidValueError(
            f"{where}: has {len(rows)} rows; give 7, Monday to Sunday, of 24 numbers each"
        )
    return rows


def _non_finite(text: str) -> bool:
    """Whether *text* is a spelling of a number that is not finite (``nan``, ``inf``, ``-Infinity``)."""
    try:
        return not math.isfinite(float(text))
    except ValueError:
        return False


def _visits(text: str) -> Tuple[Union[float, List[List[float]]], str]:
    """``--visits-per-hour``: a number, or the profile of a CSV file; and how to show it."""
    value = _decimal(text)
    if math.isnan(value) and _DECIMAL.match(text.strip()) is None:
        if os.path.exists(text) or text == "-":
            return _visit_profile(text), text
        if not _non_finite(text):
            raise InvalidValueError(
                f"--visits-per-hour must be a number of page views per hour, or a CSV file of 7 rows of 24 "
                f"numbers (got {_short(text)!r}, which is neither a number nor a file)"
            ) from None
    why = _out_of_range(text, value)
    if why:
        raise InvalidValueError(
            f"--visits-per-hour must be a number of page views per hour from 0 to {_MOST_VISITS_TEXT}: "
            f"finite and not negative (got {_short(text)!r}, {why})"
        )
    return value, text


def _click_rate(text: str) -> float:
    value = _decimal(text)
    if not 0 <= value <= 1:
        raise InvalidValueError(
            f"--click-rate must be the share of prompts that start a conversation, from 0 to 1, "
            f"e.g. 0.03 (got {_short(text)!r})"
        )
    return value


def _forecast_document(
    line: Timeline, forecast: LoadForecast, visits: Union[float, List[List[float]]], rate: float, source: str
) -> Dict[str, object]:
    active_days: Dict[date, float] = {}
    for slot in line.hour_slots():
        day = slot.hour.date()
        active_days[day] = active_days.get(day, 0.0) + slot.active / 3600
    days: Dict[date, List[float]] = {}
    for hour in forecast.hours:
        figures = days.setdefault(hour.hour.date(), [0.0, 0.0, 0.0])
        figures[0] += hour.visits
        figures[1] += hour.prompts
        figures[2] += hour.conversations
    busiest = forecast.busiest_hour
    return {
        "page": line.page,
        "from": line.start.isoformat(),
        "to": line.end.isoformat(),
        "units": {
            "visits_per_hour": "page views per hour",
            "click_rate": "share of prompts that start a conversation, 0 to 1",
            "active_hours": "hours",
            "visits": "expected page views (a mean, may be fractional)",
            "prompts": "expected prompts shown (a mean, may be fractional)",
            "conversations": "expected conversations started (a mean, may be fractional)",
        },
        "visits_per_hour": visits if isinstance(visits, float) else {"file": source, "profile": visits},
        "click_rate": rate,
        "active_hours": round(sum(active_days.values()), 3),
        "visits": _figure(sum(h.visits for h in forecast.hours)),
        "prompts": _figure(forecast.prompts),
        "conversations": _figure(forecast.conversations),
        "per_day": [
            {
                "date": day.isoformat(),
                "active_hours": round(active_days.get(day, 0.0), 3),
                "visits": _figure(figures[0]),
                "prompts": _figure(figures[1]),
                "conversations": _figure(figures[2]),
            }
            for day, figures in sorted(days.items())
        ],
        "weekday_hour_conversations": [
            [_figure(cell) for cell in row] for row in _week_conversations(forecast)
        ],
        "busiest_hour": None
        if busiest is None or not busiest.conversations
        else {"hour": busiest.hour.isoformat(), "conversations": _figure(busiest.conversations)},
    }


def cmd_forecast(args: argparse.Namespace, out: TextIO) -> int:
    """``pageavail forecast FILE --from ISO --to ISO --visits-per-hour N|CSV [--click-rate R] [--json]``:
    active hours and the conversations the prompt is expected to start, per day and per hour of the week."""
    visits, source = _visits(args.visits)
    rate = _click_rate(args.click_rate)
    line, notes = _timeline(args)
    forecast = line.forecast(visits, rate)
    document = _forecast_document(line, forecast, visits, rate, source)
    if args.json:
        _write_json(out, document, notes)
        return EXIT_OK
    lang = _reader(args)
    shown = _Number(visits) if isinstance(visits, float) else source
    lines = [
        *_note_lines(notes),
        w.CLI_FROM_TO(
            page=args.page_name, id=line.page, start=Moment(line.start), end=Moment(line.end)
        ).render(lang),
        w.CLI_FORECAST_INPUT(visits=shown, rate=Percent(rate * 100)).render(lang),
        w.CLI_FORECAST_TOTAL(
            conversations=_Number(forecast.conversations),
            prompts=_Number(forecast.prompts),
            hours=Hours(float(document["active_hours"])),  # type: ignore[arg-type]
        ).render(lang),
    ]
    if document["per_day"]:  # an empty period (--to at --from) has no days: no section, not a bare header
        lines.append(w.CLI_FORECAST_PER_DAY().render(lang))
    for item in document["per_day"]:  # type: ignore[attr-defined]
        day = date.fromisoformat(item["date"])
        lines.append(
            "  "
            + w.CLI_FORECAST_DAY(
                day=_ShortDay(day),
                hours=Hours(item["active_hours"]),
                conversations=_Number(item["conversations"]),
            ).render(lang)
        )
    busiest = forecast.busiest_hour
    if busiest is not None and busiest.conversations:
        lines.append(
            w.CLI_FORECAST_BUSIEST(
                moment=Moment(busiest.hour), conversations=_Number(busiest.conversations)
            ).render(lang)
        )
    if busiest is not None:  # a period with hours: the picture, all "·" when no conversation is expected
        week = _week_conversations(forecast)  # unrounded: a tiny busiest hour is still the top, not 0
        top = max(max(row) for row in week)
        lines.append(
            w.CLI_FORECAST_MATRIX(
                quarter=Percent(25), half=Percent(50), three=Percent(75), all=Percent(100)
            ).render(lang)
        )
        shares = [[cell / top if top > 0 else 0.0 for cell in row] for row in week]
        observed = _observed(line)
        lines.extend(_week_picture(shares, observed, lang))
        blank = sum(1 for row in observed for cell in row if not cell)
        if blank:
            lines.append(w.CLI_MATRIX_BLANK(blank, count=blank).render(lang))
    out.write("\n".join(lines) + "\n")
    return EXIT_OK


class _ShortDay(NamedTuple):
    """A date with its weekday, short: "Mon, Nov 23", "Mo., 23. Nov."."""

    value: date

    def format(self, tag: str) -> str:
        from babel.dates import format_skeleton

        return str(format_skeleton("MMMEd", self.value, locale=babel_locale(tag)))
