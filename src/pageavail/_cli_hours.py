"""``pageavail hours``: one schedule evaluated at an instant, or read from and written to other formats."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from typing import Dict, List, TextIO

from . import wording as w
from ._calendar import HolidayCalendar
from ._cli_common import (
    EXIT_OK,
    _next_change,
    _note_lines,
    _read_text,
    _reader,
    _short,
    _write_json,
    parse_instant,
)
from ._i18n import Clock, DayTime, Moment
from ._time import MAX_INSTANT, resolve_zone
from .errors import HolidayCalendarError, InvalidValueError, OutOfRangeError, PageAvailError
from .formats import UnexpressibleError, dump_hours, load_hours
from .schedule import HoursState, Interval, Schedule


def _span_text(interval: Interval, lang: str) -> str:
    start, end = interval.start, interval.end
    if end.date() == start.date() or (end - timedelta(microseconds=1)).date() == start.date():
        day = DayTime(start).format(lang).rsplit(" ", 1)[0]
        return w.CLI_DAY_SPAN(day=day, start=Clock(start), end=Clock(end, end=True)).render(lang)
    return w.CLI_SPAN(start=DayTime(start), end=DayTime(end, end=True)).render(lang)


def _interval_json(interval: Interval) -> Dict[str, str]:
    return {"start": interval.start.isoformat(), "end": interval.end.isoformat()}


def _hours_schedule(args: argparse.Namespace) -> Schedule:
    """The schedule ``hours`` is about: TEXT in the opening_hours syntax, or the file
    TEXT names in ``--from-format``."""
    if args.from_format is not None:
        if args.holidays is not None:
            raise InvalidValueError(
                f"--holidays is for hours in the opening_hours syntax; a {args.from_format} document "
                "names its own closed days, so leave --holidays out"
            )
        if args.zone is None and args.from_format != "ical":
            raise InvalidValueError(
                f"--zone is required with --from-format {args.from_format}: the document names no zone"
            )
        zone = None if args.zone is None else resolve_zone(args.zone, "--zone")
        source = "- (standard input)" if args.text == "-" else _short(args.text)
        where = f"--from-format {args.from_format} {source}"
        text = _read_text(args.text, "--from-format " + args.from_format)
        try:
            return load_hours(text, args.from_format, zone)
        except PageAvailError as error:  # the document's error: say which file it is in
            try:
                named = type(error)(f"{where}: {error}")
            except TypeError:  # pragma: no cover - an error class that takes more than a message
                named = InvalidValueError(f"{where}: {error}")
            raise named from None
    if args.zone is None:
        raise InvalidValueError("--zone is required: the IANA zone the hours are read in, e.g. Europe/Berlin")
    calendar = None if args.holidays is None else HolidayCalendar.from_code(args.holidays)
    try:
        return Schedule.parse(args.text, zone=args.zone, holidays=calendar)
    except HolidayCalendarError as error:
        if " use SH " in str(error):
            raise HolidayCalendarError(
                f"the hours {_short(args.text)!r} use SH, and the command line cannot name school "
                "holidays; list their dates in the hours (e.g. 2026 Jul 09-Aug 22 off)"
            ) from None
        if calendar is not None:  # pragma: no cover - a checked calendar is not refused again
            raise
        raise HolidayCalendarError(
            f"the hours {_short(args.text)!r} use PH but no holiday calendar was given; "
            f"add --holidays DE-BE (a country[-subdivision] code)"
        ) from None


def _hours_document(args: argparse.Namespace, schedule: Schedule, out: TextIO) -> int:
    """``hours --to-format``: the schedule in another format; ``--at`` and ``--days`` are the
    period for the formats that need one."""
    if args.json:
        raise InvalidValueError(
            f"--json does not go with --to-format: the output is the {args.to_format} document itself; "
            "leave --json out"
        )
    notes: List[str] = []
    start = end = None
    if args.at is not None and args.to_format != "facebook":
        start = parse_instant(args.at, "--at", schedule.zone, notes)
        end = min(start + timedelta(days=args.days), MAX_INSTANT)
    elif args.to_format == "ical":
        raise InvalidValueError(
            "--to-format ical writes the open intervals of a period: give its start with --at "
            "(and its length with --days, default 7)"
        )
    if args.to_format == "opening-hours":
        text = str(schedule)
    else:
        try:
            text = dump_hours(schedule, args.to_format, start, end)
        except UnexpressibleError as error:
            if start is None and "start and end" in str(error):
                raise UnexpressibleError(
                    f"{error}; on the command line: --at (the first day) and --days"
                ) from None
            raise
    sys.stderr.write("".join(line + "\n" for line in _note_lines(notes)))
    out.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


def cmd_hours(args: argparse.Namespace, out: TextIO) -> int:
    """``pageavail hours TEXT --zone Z [--holidays CODE] --at ISO [--days N] [--json]``, or with
    ``--from-format`` a file of hours in a foreign format, and with ``--to-format`` the hours
    written in one."""
    schedule = _hours_schedule(args)
    if args.to_format is not None:
        return _hours_document(args, schedule, out)
    if args.at is None:
        raise InvalidValueError("--at is required: the instant to evaluate the hours at, e.g. now")
    notes: List[str] = []
    at = parse_instant(args.at, "--at", schedule.zone, notes)
    status = schedule.check(at)
    # The next change of what the output shows: open, closed or unknown (with unknown times, the
    # next change of the state; else of is_open, the same instant)
    turn = status.next_change
    if schedule.has_unknown:
        try:
            turn = schedule.next_state_change(at)
        except OutOfRangeError:
            turn = MAX_INSTANT.astimezone(schedule.zone)
    end = at + timedelta(days=args.days)
    last = MAX_INSTANT - timedelta(microseconds=1)
    if end > last:
        end = last
        notes.append(
            f"the supported instants end at {MAX_INSTANT.isoformat()}; the open intervals stop there"
        )
    week = schedule.intervals(at, end)
    if args.json:
        document: Dict[str, object] = {
            "schedule": str(schedule),
            "zone": schedule.zone.key,
            "holidays": None if schedule.holidays is None else str(schedule.holidays),
            "at": status.at.isoformat(),
            "open": status.is_open,
            "state": status.state.value,
            "rule": None if status.rule is None else str(status.rule),
            "rule_number": status.rule_number,
            "reason": status.reason,
            "next_change": None if status.next_change is None else status.next_change.isoformat(),
            "next_state_change": None if turn is None else turn.isoformat(),
            "intervals": [_interval_json(i) for i in week],
        }
        _write_json(out, document, notes)
        return EXIT_OK
    lang = _reader(args)
    where = schedule.zone.key
    if schedule.holidays is not None:
        where = w.CLI_ZONE_HOLIDAYS(zone=where, code=str(schedule.holidays)).render(lang)
    word = {HoursState.OPEN: w.CLI_OPEN, HoursState.UNKNOWN: w.CLI_UNKNOWN}.get(status.state, w.CLI_CLOSED)
    state = word().render(lang).upper()
    lines = [
        *_note_lines(notes),
        f"{schedule}   ({where})",
        w.CLI_AT_STATE(moment=Moment(status.at), state=state).render(lang),
    ]
    if status.rule is None:
        lines.append("  " + w.CLI_DECIDED_BY_NONE().render(lang))
    else:
        decided = w.CLI_DECIDED_BY_RULE(number=status.rule_number or 0, rule=str(status.rule))
        lines.append("  " + decided.render(lang))
    lines.append("  " + _next_change(turn).render(lang))
    lines.append(w.CLI_OPEN_NEXT_DAYS(args.days, days=args.days).render(lang))
    lines.extend(f"  {_span_text(i, lang)}" for i in week)
    if not week:
        lines.append("  " + w.CLI_NOT_AT_ALL().render(lang))
    out.write("\n".join(lines) + "\n")
    return EXIT_OK
