"""The ``pageavail`` command line: the edge that reads argv and prints.

Exit codes: 0 done, 1 a check failed, 2 bad usage or bad input. Bad input never
shows a traceback: every library error becomes one ``pageavail: error:`` line,
with over-long arguments shown shortened. The edge may read the clock
(``--at now``) and standard input (``-`` for a Page file); the core never does.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import stat
import sys
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Sequence, TextIO, Tuple, Union

from . import __version__
from . import wording as w
from ._calendar import HolidayCalendar
from ._i18n import (
    Clock,
    DayTime,
    Hours,
    Joined,
    Moment,
    Percent,
    Text,
    babel_locale,
    environment_locale,
    normalize_locale,
)
from ._time import MAX_INSTANT, utc_seconds
from ._validate import identifier
from .config import (
    MAX_FILE_BYTES,
    ConfigError,
    ConfigReadError,
    LoadedPage,
    load_page,
    load_page_stream,
    page_warnings,
)
from .errors import HolidayCalendarError, InvalidInstantError, InvalidValueError, PageAvailError
from .formats import FORMATS, UnexpressibleError, dump_hours, load_hours
from .pageschema import schema_text, starter_page
from .replies import AutoReply, Message, ReplyKind, auto_reply
from .rules import Check, Decision, Prompt, Status
from .schedule import Interval, Schedule
from .timeline import LoadForecast, Timeline

__all__ = ["main"]

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2


#: Arguments longer than this are shown shortened in messages: their first
#: :data:`SHOWN_START` characters and their length.
SHOWN_ARGUMENT = 200
SHOWN_START = 60


def _short(text: str) -> str:
    """*text* for a message: as is when short, else its start and its length."""
    if len(text) <= SHOWN_ARGUMENT:
        return text
    return f"{text[:SHOWN_START]}… ({len(text):,} characters)"


def parse_instant(
    text: str, option: str = "--at", zone: Optional[tzinfo] = None, notes: Optional[List[str]] = None
) -> datetime:
    """An aware datetime from ISO 8601 text, ``now``, or a wall time in *zone*.

    Args:
        text: ``2026-12-24T10:00:00+01:00``; ``now`` (the clock); or a time
            without offset, read in *zone* when one is given.
        option: the flag, for messages.
        zone: the zone that reads a time without offset; without one such a
            time is an error.
        notes: where to say how a time without offset was read.

    Raises:
        InvalidInstantError: not an instant; a wall time skipped or repeated by
            a clock change in *zone*.
        OutOfRangeError: outside the supported instants.
    """
    from dateutil.parser import isoparse

    if text.strip().lower() == "now":
        return datetime.now(timezone.utc).replace(microsecond=0)
    try:
        value = isoparse(text)
    except (ValueError, OverflowError):
        raise InvalidInstantError(
            f"{option} must be an ISO 8601 instant such as 2026-12-24T10:00:00+01:00, or now "
            f"(got {_short(text)!r})"
        ) from None
    if value.tzinfo is None:
        if zone is None:
            raise InvalidInstantError(
                f"{option} {text!r} has no offset; add one, e.g. {value.isoformat()}+01:00 or "
                f"{value.isoformat()}Z"
            )
        value = _wall_time(value, zone, option, text)
        if notes is not None:
            notes.append(f"{option} {text} has no offset; read in {zone} as {value.isoformat()}")
    utc_seconds(value, option)
    return value


def _wall_time(wall: datetime, zone: tzinfo, option: str, text: str) -> datetime:
    """The one instant whose wall-clock time in *zone* is *wall*; an error for a gap or a fold."""
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    utc_seconds(first, option)  # the range first: the round trip below needs it
    utc_seconds(second, option)

    def exists(candidate: datetime) -> bool:
        return candidate.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) == wall

    if not exists(first) and not exists(second):
        raise InvalidInstantError(
            f"{option} {text!r} does not exist in {zone}: the clocks jump over it; "
            f"give an offset, or a time outside the jump"
        )
    if first.utcoffset() != second.utcoffset():
        raise InvalidInstantError(
            f"{option} {text!r} happens twice in {zone}: the clocks go back over it; give the offset, "
            f"{first.isoformat()} (the first time) or {second.isoformat()} (the second)"
        )
    return first


def _reader(args: argparse.Namespace) -> str:
    """The reader's locale: ``--lang``, else the environment as gettext reads it, else English."""
    if getattr(args, "lang", None) is not None:
        return normalize_locale(args.lang, "--lang")
    return environment_locale(os.environ) or "en"


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
        text = _read_text(args.text, "--from-format " + args.from_format)
        return load_hours(text, args.from_format, args.zone)
    if args.zone is None:
        raise InvalidValueError("--zone is required: the IANA zone the hours are read in, e.g. Europe/Berlin")
    calendar = None if args.holidays is None else HolidayCalendar.from_code(args.holidays)
    try:
        return Schedule.parse(args.text, zone=args.zone, holidays=calendar)
    except HolidayCalendarError:
        if calendar is not None:  # pragma: no cover - a checked calendar is not refused again
            raise
        raise HolidayCalendarError(
            f"the hours {_short(args.text)!r} use PH but no holiday calendar was given; "
            f"add --holidays DE-BE (a country[-subdivision] code)"
        ) from None


def _hours_document(args: argparse.Namespace, schedule: Schedule, out: TextIO) -> int:
    """``hours --to-format``: the schedule in another format; ``--at`` and ``--days`` are the
    period for the formats that need one."""
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
            "rule": None if status.rule is None else str(status.rule),
            "rule_number": status.rule_number,
            "reason": status.reason,
            "next_change": None if status.next_change is None else status.next_change.isoformat(),
            "intervals": [_interval_json(i) for i in week],
        }
        _write_json(out, document, notes)
        return EXIT_OK
    lang = _reader(args)
    where = schedule.zone.key
    if schedule.holidays is not None:
        where = w.CLI_ZONE_HOLIDAYS(zone=where, code=str(schedule.holidays)).render(lang)
    state = (w.CLI_OPEN if status.is_open else w.CLI_CLOSED)().render(lang).upper()
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
    lines.append("  " + _next_change(status.next_change).render(lang))
    lines.append(w.CLI_OPEN_NEXT_DAYS(args.days, days=args.days).render(lang))
    lines.extend(f"  {_span_text(i, lang)}" for i in week)
    if not week:
        lines.append("  " + w.CLI_NOT_AT_ALL().render(lang))
    out.write("\n".join(lines) + "\n")
    return EXIT_OK


class _Style:
    """ANSI colour on a terminal (unless NO_COLOR is set), plain text elsewhere."""

    def __init__(self, out: TextIO) -> None:
        isatty = getattr(out, "isatty", None)
        self.on = bool(isatty and isatty()) and "NO_COLOR" not in os.environ

    def paint(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.on else text

    def mark(self, passed: bool) -> str:
        return self.paint("✓", "32") if passed else self.paint("✗", "31")

    def status(self, text: str, good: bool) -> str:
        return self.paint(text.upper(), "1;32" if good else "1;31")


def _check_lines(checks: Sequence[Check], locale: str, style: _Style) -> List[str]:
    """One line per check: the mark, the sentence, and the check's name (an identifier)."""
    return [f"  {style.mark(c.passed)} {c.text(locale)}  [{c.name}]" for c in checks]


def _next_change(at: Optional[datetime]) -> Text:
    return w.CLI_NEXT_CHANGE_NEVER() if at is None else w.CLI_NEXT_CHANGE(moment=Moment(at))


def _page_file(path: str) -> LoadedPage:
    """The Page file at *path*, or from standard input for ``-``."""
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream without bytes underneath, e.g. in tests
            stream = io.BytesIO(sys.stdin.read(10_000_000).encode("utf-8", "surrogateescape"))
        return load_page_stream(stream, "<stdin>")
    return load_page(path)


def _note_lines(notes: Sequence[str]) -> List[str]:
    return [f"note: {note}" for note in notes]


def _write_json(out: TextIO, document: Dict[str, object], notes: Sequence[str]) -> None:
    """One JSON object; ``notes`` only when the command read something for the user."""
    if notes:
        document["notes"] = list(notes)
    out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def _explain_document(decision: Decision, prompt: Prompt, locale: str) -> Dict[str, object]:
    return {
        "page": decision.page,
        "at": decision.at.isoformat(),
        "status": decision.status.value,
        "reason": decision.reason,
        "checks": [c.to_dict(locale) for c in decision.checks],
        "prompt": {
            "shown": prompt.shown,
            "reason": prompt.reason,
            "checks": [c.to_dict(locale) for c in prompt.checks],
            "payload": None if prompt.payload is None else prompt.payload.to_dict(),
        },
    }


def cmd_explain(args: argparse.Namespace, out: TextIO) -> int:
    """``pageavail explain FILE --at ISO [--visitor ID] [--last-prompted ISO] [--locale L] [--lang L]
    [--json]``: ``--locale`` is the visitor's (the payload), ``--lang`` the reader's (the checks)."""
    if args.locale is not None:
        normalize_locale(args.locale, "--locale")
    lang = _reader(args)
    if args.visitor is not None:
        identifier("--visitor")(None, None, args.visitor)
    loaded = _page_file(args.file)
    notes: List[str] = []
    at = parse_instant(args.at, "--at", loaded.page.zone, notes)
    last = None
    if args.last_prompted is not None:
        last = parse_instant(args.last_prompted, "--last-prompted", loaded.page.zone, notes)
    live = loaded.compile()
    decision = live.decide(at)
    prompt = live.prompt(at, visitor=args.visitor, last_prompted=last, locale=args.locale, decision=decision)
    if args.json:
        _write_json(out, _explain_document(decision, prompt, lang), notes)
        return EXIT_OK
    style = _Style(out)
    page = loaded.page
    status = w.status_word(decision.status.value).render(lang)
    shown = (w.CLI_SHOWN if prompt.shown else w.CLI_NOT_SHOWN)().render(lang)
    state = style.status(shown, prompt.shown)
    lines = [
        *_note_lines(notes),
        w.CLI_PAGE_AT(
            page=page.name,
            id=page.id,
            moment=Moment(decision.at),
            status=style.status(status, decision.status is Status.ACTIVE),
        ).render(lang),
        *_check_lines(decision.checks, lang, style),
        "  " + _next_change(decision.until).render(lang),
        "",
        (
            w.CLI_PROMPT(state=state)
            if args.visitor is None
            else w.CLI_PROMPT_FOR(visitor=args.visitor, state=state)
        ).render(lang),
        *_check_lines(prompt.checks, lang, style),
    ]
    if prompt.payload is not None:
        payload = prompt.payload
        shown_at, collapse = Clock(payload.shown_at, seconds=True), Clock(payload.collapse_at, seconds=True)
        if payload.expires_at is None:
            banner = w.CLI_BANNER_NO_EXPIRY(shown=shown_at, collapse=collapse)
        else:
            banner = w.CLI_BANNER(shown=shown_at, collapse=collapse, expires=Moment(payload.expires_at))
        lines += [
            f'  "{payload.title}. {payload.body}" [{payload.action_label}] -> {payload.action_target}',
            "  " + banner.render(lang),
        ]
    out.write("\n".join(lines) + "\n")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    """``pageavail check FILE [--at ISO] [--json]``: validate a Page file, and warn about
    settings that keep every visitor from the prompt (in the year from ``--at``, default now)."""
    try:
        loaded = _page_file(args.file)
    except ConfigReadError:
        raise
    except ConfigError as error:
        if args.json:
            problem = {"file": error.file, "line": error.line, "key": error.key, "problem": error.problem}
            _write_json(out, {"file": error.file, "valid": False, "error": problem, "warnings": []}, [])
        else:
            out.write(f"pageavail: invalid: {error}\n")
        return EXIT_CHECK_FAILED
    notes: List[str] = []
    at = parse_instant(args.at, "--at", loaded.page.zone, notes)
    warnings = page_warnings(loaded, at)
    page = loaded.page
    if args.json:
        document: Dict[str, object] = {
            "file": loaded.file,
            "valid": True,
            "page": page.id,
            "at": at.astimezone(page.zone).isoformat(),
            "error": None,
            "warnings": [w.to_dict() for w in warnings],
        }
        _write_json(out, document, notes)
        return EXIT_OK
    lang = _reader(args)
    members, answerers, sessions = len(page.team.members), len(page.team.answerers), len(loaded.sessions)
    summary = w.CLI_CHECK_OK(
        page=page.id,
        name=page.name,
        zone=page.zone.key,
        members=w.CLI_MEMBERS(members, count=members),
        answerers=w.CLI_ANSWERERS(answerers, count=answerers),
        sessions=w.CLI_SESSIONS(sessions, count=sessions),
        hours=w.CLI_ALWAYS() if page.settings.hours is None else str(page.settings.hours),
    )
    lines = [
        *_note_lines(notes),
        "ok: " + summary.render(lang),
        *(f"warning: {warning}" for warning in warnings),
    ]
    out.write("\n".join(lines) + "\n")
    return EXIT_OK


#: What the numbers of ``timeline --json`` count in.
TIMELINE_UNITS = {
    "totals": "seconds",
    "active_hours": "hours",
    "active_hours_per_week": "hours per 7 days (null for a period shorter than a week)",
    "weekday_hour_matrix": "share of the observed time that was active, 0 to 1",
    "weekday_hour_observed_seconds": "seconds of the period in each weekday-hour (0: not in the period)",
}
WEEK = timedelta(days=7)


def _observed(line: Timeline) -> List[List[float]]:
    """Seconds of the period in each local weekday-hour (7 rows of 24)."""
    seconds = [[0.0] * 24 for _ in range(7)]
    for slot in line.hour_slots():
        seconds[slot.hour.weekday()][slot.hour.hour] += slot.observed
    return seconds


def _per_week(line: Timeline) -> Optional[float]:
    """Active hours per week, or None for a period shorter than a week (no extrapolation)."""
    if line.end.astimezone(timezone.utc) - line.start.astimezone(timezone.utc) < WEEK:
        return None
    return line.active_hours_per_week()


def _timeline_document(line: Timeline) -> Dict[str, object]:
    totals = line.totals()
    per_week = _per_week(line)
    observed = _observed(line)
    return {
        "page": line.page,
        "from": line.start.isoformat(),
        "to": line.end.isoformat(),
        "units": dict(TIMELINE_UNITS),
        "segments": [
            {
                "status": s.status.value,
                "reason": s.reason,
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
            }
            for s in line.segments
        ],
        "totals": {status.value: spent.total_seconds() for status, spent in totals.items()},
        "active_hours": round(totals[Status.ACTIVE] / timedelta(hours=1), 3),
        "active_hours_per_week": None if per_week is None else round(per_week, 3),
        "weekday_hour_matrix": [list(row) for row in line.weekday_hour_matrix()],
        "weekday_hour_observed_seconds": [[round(cell, 3) for cell in row] for row in observed],
        "weekday_hours_not_in_period": sum(1 for row in observed for cell in row if not cell),
    }


_SHADES = " ░▒▓█"


def _timeline(args: argparse.Namespace) -> Tuple[Timeline, List[str]]:
    """The timeline of ``FILE --from --to``, and the notes on how the instants were read."""
    loaded = _page_file(args.file)
    args.page_name = loaded.page.name
    notes: List[str] = []
    start = parse_instant(args.start, "--from", loaded.page.zone, notes)
    end = parse_instant(args.end, "--to", loaded.page.zone, notes)
    if end < start:
        raise InvalidInstantError(
            f"--to ({end.isoformat()}) must be at or after --from ({start.isoformat()})"
        )
    return Timeline.build(loaded.compile(), start, end), notes


def cmd_timeline(args: argparse.Namespace, out: TextIO) -> int:
    """``pageavail timeline FILE --from ISO --to ISO [--json]``."""
    line, notes = _timeline(args)
    if args.json:
        _write_json(out, _timeline_document(line), notes)
        return EXIT_OK
    style = _Style(out)
    lang = _reader(args)
    lines = [
        *_note_lines(notes),
        w.CLI_FROM_TO(
            page=args.page_name, id=line.page, start=Moment(line.start), end=Moment(line.end)
        ).render(lang),
    ]
    for segment in line.segments:
        word = w.status_word(segment.status.value).render(lang)
        label = style.status(word, segment.status is Status.ACTIVE)
        span = w.CLI_SPAN(start=DayTime(segment.start), end=DayTime(segment.end, end=True)).render(lang)
        lines.append(f"  {span}  {label}" + ("" if segment.reason == "active" else f"  [{segment.reason}]"))
    totals = line.totals()
    parts = [
        w.CLI_TOTAL(status=w.status_word(s.value), hours=Hours(totals[s] / timedelta(hours=1)))
        for s in Status
        if totals[s]
    ]
    per_week = _per_week(line)
    joined = Joined(tuple(parts), ", ")
    if per_week is None:
        lines.append(w.CLI_TOTALS_SHORT(totals=joined).render(lang))
    else:
        lines.append(w.CLI_TOTALS(totals=joined, hours=Hours(per_week)).render(lang))
    lines.append(
        w.CLI_MATRIX(quarter=Percent(25), half=Percent(50), three=Percent(75), all=Percent(100)).render(lang)
    )
    observed = _observed(line)
    lines.extend(_week_picture(line.weekday_hour_matrix(), observed, lang))
    blank = sum(1 for row in observed for cell in row if not cell)
    if blank:
        lines.append(w.CLI_MATRIX_BLANK(blank, count=blank).render(lang))
    out.write("\n".join(lines) + "\n")
    return EXIT_OK


def _week_picture(
    shares: Sequence[Sequence[float]], observed: Sequence[Sequence[float]], lang: str
) -> List[str]:
    """7 rows of 24 cells: a shade by share, ``·`` for none, blank for an hour not in the period."""
    names = babel_locale(lang).days["stand-alone"]["short"]
    width = max(len(names[day]) for day in range(7))
    lines = [" " * (width + 4) + "".join(f"{h:<3d}" for h in range(0, 24, 3))]
    for day, row in enumerate(shares):
        cells = "".join(
            " " if not observed[day][hour] else _SHADES[min(4, int(share * 4 + 0.999))] if share else "·"
            for hour, share in enumerate(row)
        )
        lines.append(f"  {names[day]:<{width}}  {cells}".rstrip())
    return lines


# -- files the commands read besides the Page ---------------------------------------------


def _read_text(path: str, option: str) -> str:
    """The UTF-8 text of the regular file at *path* (``-``: standard input), for *option*."""
    if path == "-":
        return sys.stdin.read(MAX_FILE_BYTES + 1)[:MAX_FILE_BYTES]
    where = f"{option} {_short(path)}"
    try:
        kind = os.stat(path).st_mode
        if not stat.S_ISREG(kind):
            raise InvalidValueError(f"{where}: is not a regular file; give the path of a file")
        with open(path, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InvalidValueError(f"{where}: no such file; check the path") from None
    except OSError as error:
        raise InvalidValueError(f"{where}: cannot be read: {error.strerror or error}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InvalidValueError(f"{where}: is over {MAX_FILE_BYTES:,} bytes; the limit is {MAX_FILE_BYTES:,}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidValueError(
            f"{where}: is not UTF-8 text (byte {error.start}); save it as UTF-8"
        ) from None


# -- reply -------------------------------------------------------------------------------------

#: The keys of one message of ``--history``.
HISTORY_KEYS = ("at", "from", "automatic", "text")

#: Why no reply, or which, as an identifier for JSON (the detail is in words).
_REPLY_REASONS = {
    w.REPLY_NOT_VISITOR: "not_a_visitor",
    w.REPLY_MESSAGING_OFF: "messaging_off",
    w.REPLY_AWAY_SENT: "away_message_already_sent",
    w.REPLY_NEW: "new_conversation",
    w.REPLY_NEW_NO_TEXT: "no_instant_reply_set",
    w.REPLY_UNDER_WAY: "conversation_under_way",
}


def _history_items(text: str, where: str) -> List[Tuple[str, Any]]:
    """(place, item) for each message of a JSON list or of JSON lines."""
    stripped = text.strip()
    if not stripped:
        return []
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except ValueError as error:
            raise InvalidValueError(f"{where}: not valid JSON: {error}") from None
        return [(f"{where}: message {index + 1}", item) for index, item in enumerate(items)]
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            found.append((f"{where}:{number}", json.loads(line)))
        except ValueError as error:
            raise InvalidValueError(
                f"{where}:{number}: not a JSON object ({error}); write one message a line, "
                f'e.g. {{"at": "2026-11-27T09:40:00+01:00", "from": "visitor"}}, or one JSON list'
            ) from None
    return found


def _history(path: str, conversation: str, zone: tzinfo, notes: List[str]) -> List[Message]:
    """The earlier messages of the conversation from ``--history``."""
    where = f"--history {_short(path)}"
    messages = []
    for place, item in _history_items(_read_text(path, "--history"), where):
        if not isinstance(item, dict):
            raise InvalidValueError(
                f"{place}: must be a JSON object such as "
                f'{{"at": "2026-11-27T09:40:00+01:00", "from": "visitor"}} '
                f"(got {_short(json.dumps(item))})"
            )
        unknown = sorted(set(item) - set(HISTORY_KEYS))
        if unknown:
            raise InvalidValueError(
                f"{place}: unknown key {unknown[0]!r}; the keys are {', '.join(HISTORY_KEYS)}"
            )
        for key in ("at", "from"):
            if key not in item:
                raise InvalidValueError(f"{place}: {key!r} is missing; add it")
        if not isinstance(item["at"], str):
            raise InvalidValueError(
                f"{place}: 'at' must be an ISO 8601 instant in quotes (got {item['at']!r})"
            )
        at = parse_instant(item["at"], f"{place}: at", zone, notes)
        try:
            messages.append(Message(conversation, item["from"], at, item.get("automatic")))
        except PageAvailError as error:
            raise InvalidValueError(f"{place}: {_history_problem(error)}") from None
    return messages


def _history_problem(error: PageAvailError) -> str:
    message = str(error)
    if message.startswith("'sender'"):
        return "'from' must be visitor or page" + message[message.index(" (got") :]
    return message


def _reply_reason(reply: AutoReply, status: Status) -> str:
    if reply.kind is ReplyKind.AWAY_MESSAGE:
        return f"page_{status.value}"
    if reply.message is None:  # pragma: no cover - every reply of auto_reply carries its message
        return "other"
    return _REPLY_REASONS.get(reply.message.message, "other")


def cmd_reply(args: argparse.Namespace, out: TextIO) -> int:
    """``pageavail reply FILE --at ISO --visitor ID [--history FILE] [--locale L] [--lang L] [--json]``:
    the automatic reply to the visitor's message at that instant, and why."""
    if args.locale is not None:
        normalize_locale(args.locale, "--locale")
    lang = _reader(args)
    identifier("--visitor")(None, None, args.visitor)
    if args.file == "-" and args.history == "-":
        raise InvalidValueError("the Page file and --history cannot both be read from standard input (-)")
    loaded = _page_file(args.file)
    notes: List[str] = []
    at = parse_instant(args.at, "--at", loaded.page.zone, notes)
    history = [] if args.history is None else _history(args.history, args.visitor, loaded.page.zone, notes)
    live = loaded.compile()
    status = live.decide(at).status
    message = Message(args.visitor, "visitor", at)
    reply = auto_reply(live, message, history, locale=args.locale)
    back = None if reply.back_at is None else reply.back_at.astimezone(loaded.page.zone)
    if args.json:
        document: Dict[str, object] = {
            "page": loaded.page.id,
            "at": at.astimezone(loaded.page.zone).isoformat(),
            "visitor": args.visitor,
            "status": status.value,
            "history": len(history),
            "reply": {
                "kind": reply.kind.value,
                "text": reply.text,
                "reason": _reply_reason(reply, status),
                "detail": reply.explain(lang),
                "back_at": None if back is None else back.isoformat(),
            },
        }
        _write_json(out, document, notes)
        return EXIT_OK
    style = _Style(out)
    page = loaded.page
    word = w.status_word(status.value).render(lang)
    kind = w.CLI_REPLY_KINDS[reply.kind.value]().render(lang)
    lines = [
        *_note_lines(notes),
        w.CLI_PAGE_AT(
            page=page.name,
            id=page.id,
            moment=Moment(at.astimezone(page.zone)),
            status=style.status(word, status is Status.ACTIVE),
        ).render(lang),
        w.CLI_REPLY_TO(visitor=args.visitor, kind=kind.upper()).render(lang),
        "  " + w.CLI_REPLY_WHY(reason=reply.explain(lang)).render(lang),
    ]
    if reply.text is not None:
        lines.append(f'  "{reply.text}"')
    if back is not None:
        lines.append("  " + w.CLI_REPLY_BACK(moment=Moment(back)).render(lang))
    out.write("\n".join(lines) + "\n")
    return EXIT_OK


# -- forecast ----------------------------------------------------------------------------------

#: The default share of prompts that start a conversation (the docs' example; give your own).
DEFAULT_CLICK_RATE = 0.03
_WEEKDAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")


class _Number(NamedTuple):
    """A decimal amount for the reader, to one decimal: "1,234.5", "1.234,5", "120"."""

    value: float

    def format(self, tag: str) -> str:
        from babel.numbers import format_decimal

        return str(format_decimal(self.value, "#,##0.#", locale=babel_locale(tag)))


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
        if cells[0] and cells[0][0].isalpha():
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
            try:
                value = float(cell)
            except ValueError:
                value = math.nan
            if not 0 <= value <= 1e12:
                raise InvalidValueError(
                    f"{where}:{number}: hour {column} must be a number of page views from 0 to 1e12 "
                    f"(got {_short(cell)!r})"
                )
            row.append(value)
        rows.append(row)
    if len(rows) != 7:
        raise InvalidValueError(
            f"{where}: has {len(rows)} rows; give 7, Monday to Sunday, of 24 numbers each"
        )
    return rows


def _visits(text: str) -> Tuple[Union[float, List[List[float]]], str]:
    """``--visits-per-hour``: a number, or the profile of a CSV file; and how to show it."""
    try:
        value = float(text)
    except ValueError:
        if not os.path.exists(text) and text != "-":
            raise InvalidValueError(
                f"--visits-per-hour must be a number of page views per hour, or a CSV file of 7 rows of 24 "
                f"numbers (got {_short(text)!r}, which is neither a number nor a file)"
            ) from None
        return _visit_profile(text), text
    if not 0 <= value <= 1e12:
        raise InvalidValueError(
            f"--visits-per-hour must be a number of page views per hour from 0 to 1e12 (got {_short(text)!r})"
        )
    return value, text


def _click_rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
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
    week = [[0.0] * 24 for _ in range(7)]
    for hour in forecast.hours:
        figures = days.setdefault(hour.hour.date(), [0.0, 0.0, 0.0])
        figures[0] += hour.visits
        figures[1] += hour.prompts
        figures[2] += hour.conversations
        week[hour.hour.weekday()][hour.hour.hour] += hour.conversations
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
        "visits": round(sum(h.visits for h in forecast.hours), 3),
        "prompts": round(forecast.prompts, 3),
        "conversations": round(forecast.conversations, 3),
        "per_day": [
            {
                "date": day.isoformat(),
                "active_hours": round(active_days.get(day, 0.0), 3),
                "visits": round(figures[0], 3),
                "prompts": round(figures[1], 3),
                "conversations": round(figures[2], 3),
            }
            for day, figures in sorted(days.items())
        ],
        "weekday_hour_conversations": [[round(cell, 3) for cell in row] for row in week],
        "busiest_hour": None
        if busiest is None or not busiest.conversations
        else {"hour": busiest.hour.isoformat(), "conversations": round(busiest.conversations, 3)},
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
        w.CLI_FORECAST_PER_DAY().render(lang),
    ]
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
        week: List[List[float]] = document["weekday_hour_conversations"]  # type: ignore[assignment]
        top = max(max(row) for row in week)
        lines.append(
            w.CLI_FORECAST_MATRIX(
                quarter=Percent(25), half=Percent(50), three=Percent(75), all=Percent(100)
            ).render(lang)
        )
        shares = [[cell / top for cell in row] for row in week]
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


# -- init and schema ---------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    """``pageavail init [FILE] [--force]``: a commented Page file to start from."""
    text = starter_page()
    if args.file is None or args.file == "-":
        out.write(text)
        return EXIT_OK
    try:
        with open(args.file, "w" if args.force else "x", encoding="utf-8") as stream:
            stream.write(text)
    except FileExistsError:
        raise ConfigError("exists already; pass --force to overwrite it", file=_short(args.file)) from None
    except OSError as error:
        raise ConfigError(f"cannot be written: {error.strerror or error}", file=_short(args.file)) from None
    out.write(w.CLI_INIT_WROTE(file=args.file).render(_reader(args)) + "\n")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    """``pageavail schema``: the JSON Schema (draft 2020-12) of the Page file."""
    out.write(schema_text())
    return EXIT_OK


def _positive_days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number of days (got {_short(text)!r})") from None
    if not 1 <= value <= 366:
        raise argparse.ArgumentTypeError(f"must be from 1 to 366 (got {value})")
    return value


_LANG_HELP = (
    "the reader's language for the explanations, e.g. de (default: from LANGUAGE, LC_ALL, "
    "LC_MESSAGES or LANG, else English)"
)
_FILE_HELP = "a Page file (TOML), or - to read it from standard input"
_AT_HELP = "ISO instant, e.g. 2026-12-24T10:00:00+01:00; without offset: in the Page's zone; or now"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``pageavail`` command."""
    parser = argparse.ArgumentParser(
        prog="pageavail",
        description="When a business Page counts as active now, and what its visitors see.",
    )
    parser.add_argument("--version", action="version", version=f"pageavail {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    hours = commands.add_parser(
        "hours",
        help="one schedule: open or closed, the deciding rule, the next change, the week ahead",
        description="Evaluate response hours (opening_hours syntax) at an instant.",
    )
    hours.add_argument(
        "text",
        metavar="TEXT",
        help='response hours, e.g. "Mo-Fr 09:00-17:00; PH off"; with --from-format: a file (- for stdin)',
    )
    hours.add_argument(
        "--zone",
        help="IANA zone of the hours, e.g. Europe/Berlin (required, but an iCalendar file may name it)",
    )
    hours.add_argument("--holidays", help="country[-subdivision] code for PH, e.g. DE-BE")
    hours.add_argument(
        "--at",
        help="ISO instant, e.g. 2026-12-24T10:00:00+01:00; without offset: in --zone; or now "
        "(required, but with --to-format it is the start of the period, if one is needed)",
    )
    hours.add_argument(
        "--days", type=_positive_days, default=7, help="days of intervals to list or export (default 7)"
    )
    hours.add_argument(
        "--from-format",
        choices=FORMATS,
        help="read TEXT as a file of hours in this format (Facebook Page hours, Google Business "
        "Profile hours, schema.org JSON-LD, iCalendar)",
    )
    hours.add_argument(
        "--to-format",
        choices=("opening-hours", *FORMATS),
        help="print the hours in this format instead of evaluating them",
    )
    hours.add_argument("--json", action="store_true", help="print one JSON object")
    hours.add_argument("--lang", help=_LANG_HELP)
    hours.set_defaults(handler=cmd_hours)

    explain = commands.add_parser(
        "explain",
        help="a Page's status at an instant, the checks behind it, and the visitor prompt",
        description="Decide a Page's status and prompt at an instant, with every check explained.",
    )
    explain.add_argument("file", metavar="FILE", help=_FILE_HELP)
    explain.add_argument("--at", required=True, help=_AT_HELP)
    explain.add_argument("--visitor", help="the visitor's id (omit for a visitor who is not signed in)")
    explain.add_argument("--last-prompted", help="when the visitor last saw the prompt (as --at)")
    explain.add_argument(
        "--locale", help="the visitor's locale, for the prompt's texts, e.g. de-AT (default: the Page's)"
    )
    explain.add_argument("--lang", help=_LANG_HELP)
    explain.add_argument("--json", action="store_true", help="print one JSON object")
    explain.set_defaults(handler=cmd_explain)

    check = commands.add_parser(
        "check",
        help="validate a Page file, and warn about settings that keep every visitor from the prompt",
        description="Validate a Page file; warn (exit 0) about settings that keep every visitor "
        "from the prompt.",
    )
    check.add_argument("file", metavar="FILE", help=_FILE_HELP)
    check.add_argument("--at", default="now", help="the start of the year the warnings look at (as explain)")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument("--lang", help=_LANG_HELP)
    check.set_defaults(handler=cmd_check)

    timeline = commands.add_parser(
        "timeline",
        help="a Page's status over a period: segments, totals, weekday-by-hour matrix",
        description="The Page's status from one instant to another.",
    )
    timeline.add_argument("file", metavar="FILE", help=_FILE_HELP)
    timeline.add_argument("--from", dest="start", required=True, help=_AT_HELP)
    timeline.add_argument("--to", dest="end", required=True, help=_AT_HELP)
    timeline.add_argument("--json", action="store_true", help="print one JSON object")
    timeline.add_argument("--lang", help=_LANG_HELP)
    timeline.set_defaults(handler=cmd_timeline)

    reply = commands.add_parser(
        "reply",
        help="which automatic reply goes out for a visitor's message at an instant, and why",
        description="The automatic reply (instant reply, away message or none) to a visitor's message.",
    )
    reply.add_argument("file", metavar="FILE", help=_FILE_HELP)
    reply.add_argument("--at", required=True, help="when the visitor's message arrives: " + _AT_HELP)
    reply.add_argument("--visitor", required=True, help="the visitor's id; it names the conversation")
    reply.add_argument(
        "--history",
        metavar="FILE",
        help="the conversation's earlier messages: JSON lines or a JSON list of "
        '{"at": ISO, "from": "visitor"|"page", "automatic": "instant_reply"|"away_message"}',
    )
    reply.add_argument(
        "--locale", help="the visitor's locale, for {back_at} in the reply (default: the Page's)"
    )
    reply.add_argument("--lang", help=_LANG_HELP)
    reply.add_argument("--json", action="store_true", help="print one JSON object")
    reply.set_defaults(handler=cmd_reply)

    forecast = commands.add_parser(
        "forecast",
        help="active hours and expected conversations per day and per hour of the week",
        description="The conversations the prompt is expected to start over a period.",
    )
    forecast.add_argument("file", metavar="FILE", help=_FILE_HELP)
    forecast.add_argument("--from", dest="start", required=True, help=_AT_HELP)
    forecast.add_argument("--to", dest="end", required=True, help=_AT_HELP)
    forecast.add_argument(
        "--visits-per-hour",
        dest="visits",
        required=True,
        metavar="N|CSV",
        help="page views per hour: one number, or a CSV file of 7 rows (Mo to Su) of 24 numbers (hours 0-23)",
    )
    forecast.add_argument(
        "--click-rate",
        default=str(DEFAULT_CLICK_RATE),
        metavar="R",
        help=f"the share of prompts that start a conversation, 0 to 1 (default {DEFAULT_CLICK_RATE})",
    )
    forecast.add_argument("--json", action="store_true", help="print one JSON object")
    forecast.add_argument("--lang", help=_LANG_HELP)
    forecast.set_defaults(handler=cmd_forecast)

    init = commands.add_parser(
        "init",
        help="write a commented Page file to start from",
        description="Write a commented Page file with every key (to standard output without FILE).",
    )
    init.add_argument("file", metavar="FILE", nargs="?", help="where to write it (default: standard output)")
    init.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    init.add_argument("--lang", help=_LANG_HELP)
    init.set_defaults(handler=cmd_init)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the Page file, for editors",
        description="Print the JSON Schema (draft 2020-12) of the Page file, derived from the model "
        "the loader reads it with.",
    )
    schema.set_defaults(handler=cmd_schema)
    return parser


def _shorten_arguments(message: str, argv: Sequence[str]) -> str:
    """*message* with every over-long argument of *argv* shown shortened."""
    for arg in sorted(set(argv), key=len, reverse=True):
        if len(arg) <= SHOWN_ARGUMENT:
            continue
        short, head = _short(arg), arg[:SHOWN_START]
        found = message.find(head)
        while found >= 0:  # the whole argument, or the part of it a message kept
            end, taken = found + len(head), len(head)
            while end < len(message) and taken < len(arg) and message[end] == arg[taken]:
                end, taken = end + 1, taken + 1
            if taken < len(arg) and message.startswith("...", end):  # the message cut it itself
                end += 3
            message = message[:found] + short + message[end:]
            found = message.find(head, found + len(short))
    return message


def main(
    argv: Optional[Sequence[str]] = None, out: Optional[TextIO] = None, err: Optional[TextIO] = None
) -> int:
    """Run the command line; returns the exit code."""
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    said = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(said):
            args = parser.parse_args(arguments)
    except SystemExit as exit_:  # argparse exits for --help, --version and usage errors
        err.write(_shorten_arguments(said.getvalue(), arguments))
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    handler: Callable[[argparse.Namespace, TextIO], int] = args.handler
    try:
        return handler(args, out)
    except PageAvailError as error:
        err.write(f"pageavail: error: {_shorten_arguments(str(error), arguments)}\n")
        return EXIT_USAGE


def _run() -> None:  # pragma: no cover - the console entry point
    sys.exit(run())


def run() -> int:
    """:func:`main` for a real process: output cut short by the reader (``| head``) ends quietly,
    and text the terminal's encoding cannot show (``✓`` on an ASCII terminal) is escaped."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would report the lost output at exit; point stdout at nothing instead.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_CHECK_FAILED
    return code


if __name__ == "__main__":  # pragma: no cover
    _run()
