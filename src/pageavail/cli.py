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
import os
import sys
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Callable, Dict, List, Optional, Sequence, TextIO

from . import __version__
from ._calendar import HolidayCalendar
from ._catalog import validate_locale
from ._time import MAX_INSTANT, utc_seconds
from ._validate import identifier
from .config import ConfigError, ConfigReadError, LoadedPage, load_page, load_page_stream, page_warnings
from .errors import HolidayCalendarError, InvalidInstantError, PageAvailError
from .rules import Check, Decision, Prompt, Status
from .schedule import Interval, Schedule
from .timeline import Timeline

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


def _moment(at: datetime) -> str:
    return at.strftime("%a %d %b %Y %H:%M") + f" ({at.strftime('%z')[:3]}:{at.strftime('%z')[3:]})"


def _span_text(interval: Interval) -> str:
    start, end = interval.start, interval.end
    if end.date() == start.date() or (end - timedelta(microseconds=1)).date() == start.date():
        end_text = "24:00" if end.date() != start.date() else end.strftime("%H:%M")
        return f"{start:%a %d %b}  {start:%H:%M}-{end_text}"
    return f"{start:%a %d %b %H:%M} - {end:%a %d %b %H:%M}"


def _interval_json(interval: Interval) -> Dict[str, str]:
    return {"start": interval.start.isoformat(), "end": interval.end.isoformat()}


def cmd_hours(args: argparse.Namespace, out: TextIO) -> int:
    """``pageavail hours TEXT --zone Z [--holidays CODE] --at ISO [--days N] [--json]``."""
    calendar = None if args.holidays is None else HolidayCalendar.from_code(args.holidays)
    try:
        schedule = Schedule.parse(args.text, zone=args.zone, holidays=calendar)
    except HolidayCalendarError:
        if calendar is not None:  # pragma: no cover - a checked calendar is not refused again
            raise
        raise HolidayCalendarError(
            f"the hours {_short(args.text)!r} use PH but no holiday calendar was given; "
            f"add --holidays DE-BE (a country[-subdivision] code)"
        ) from None
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
    holidays = f", holidays {schedule.holidays}" if schedule.holidays is not None else ""
    lines = [
        *_note_lines(notes),
        f"{schedule}   ({schedule.zone.key}{holidays})",
        f"At {_moment(status.at)}: {'OPEN' if status.is_open else 'CLOSED'}",
    ]
    if status.rule is None:
        lines.append("  decided by: no rule selects this day, so it is closed")
    else:
        lines.append(f"  decided by rule {status.rule_number}: {status.rule}")
    if status.next_change is None:
        lines.append("  next change: never")
    else:
        lines.append(f"  next change: {_moment(status.next_change)}")
    lines.append(f"Open in the next {args.days} days:")
    lines.extend(f"  {_span_text(i)}" for i in week)
    if not week:
        lines.append("  (not at all)")
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
    width = max(len(c.name) for c in checks)
    return [f"  {style.mark(c.passed)} {c.name:<{width}}  {c.text(locale)}" for c in checks]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


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
    """``pageavail explain FILE --at ISO [--visitor ID] [--last-prompted ISO] [--locale L] [--json]``."""
    if args.locale is not None:
        validate_locale(args.locale, "--locale")
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
    locale = args.locale or loaded.page.locale
    if args.json:
        _write_json(out, _explain_document(decision, prompt, locale), notes)
        return EXIT_OK
    style = _Style(out)
    page = loaded.page
    lines = [
        *_note_lines(notes),
        f"{page.name} ({page.id}) at {_moment(decision.at)}: "
        f"{style.status(decision.status.value.replace('_', ' '), decision.status is Status.ACTIVE)}",
        *_check_lines(decision.checks, locale, style),
        "  next change: " + ("never" if decision.until is None else _moment(decision.until)),
        "",
        f"Visitor prompt{'' if args.visitor is None else ' for ' + args.visitor}: "
        f"{style.status('shown' if prompt.shown else 'not shown', prompt.shown)}",
        *_check_lines(prompt.checks, locale, style),
    ]
    if prompt.payload is not None:
        payload = prompt.payload
        lines += [
            f'  "{payload.title}. {payload.body}" [{payload.action_label}] -> {payload.action_target}',
            f"  shown {payload.shown_at:%H:%M:%S}, banner until {payload.collapse_at:%H:%M:%S}, "
            + ("no expiry" if payload.expires_at is None else f"expires {_moment(payload.expires_at)}"),
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
    hours = "always" if page.settings.hours is None else str(page.settings.hours)
    lines = [
        *_note_lines(notes),
        f"ok: {page.id} ({page.name}), {page.zone.key}: {_count(len(page.team.members), 'team member')}, "
        f"{len(page.team.answerers)} can answer; {_count(len(loaded.sessions), 'session')}; hours: {hours}",
        *(f"warning: {w}" for w in warnings),
    ]
    out.write("\n".join(lines) + "\n")
    return EXIT_OK


def _timeline_document(line: Timeline) -> Dict[str, object]:
    return {
        "page": line.page,
        "from": line.start.isoformat(),
        "to": line.end.isoformat(),
        "segments": [
            {
                "status": s.status.value,
                "reason": s.reason,
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
            }
            for s in line.segments
        ],
        "totals": {status.value: spent.total_seconds() for status, spent in line.totals().items()},
        "active_hours_per_week": round(line.active_hours_per_week(), 3),
        "weekday_hour_matrix": [list(row) for row in line.weekday_hour_matrix()],
    }


_SHADES = " ░▒▓█"


def cmd_timeline(args: argparse.Namespace, out: TextIO) -> int:
    """``pageavail timeline FILE --from ISO --to ISO [--json]``."""
    loaded = _page_file(args.file)
    notes: List[str] = []
    start = parse_instant(args.start, "--from", loaded.page.zone, notes)
    end = parse_instant(args.end, "--to", loaded.page.zone, notes)
    if end < start:
        raise InvalidInstantError(
            f"--to ({end.isoformat()}) must be at or after --from ({start.isoformat()})"
        )
    line = Timeline.build(loaded.compile(), start, end)
    if args.json:
        _write_json(out, _timeline_document(line), notes)
        return EXIT_OK
    style = _Style(out)
    lines = [
        *_note_lines(notes),
        f"{loaded.page.name} ({line.page}) from {_moment(line.start)} to {_moment(line.end)}",
    ]
    for segment in line.segments:
        label = style.status(segment.status.value.replace("_", " "), segment.status is Status.ACTIVE)
        lines.append(
            f"  {segment.start:%a %d %b %H:%M} - {segment.end:%a %d %b %H:%M}  {label}"
            + ("" if segment.reason == "active" else f"  ({segment.reason})")
        )
    totals = line.totals()
    lines.append(
        "Totals: "
        + ", ".join(f"{s.value} {totals[s] / timedelta(hours=1):.1f} h" for s in Status if totals[s])
        + f"; active {line.active_hours_per_week():.1f} h per week"
    )
    lines.append("Active share by local weekday and hour (░ ▒ ▓ █ = up to 25/50/75/100 %):")
    lines.append("      " + "".join(f"{h:<3d}" for h in range(0, 24, 3)))
    for name, row in zip(("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"), line.weekday_hour_matrix()):
        cells = "".join(_SHADES[min(4, int(share * 4 + 0.999))] if share else "·" for share in row)
        lines.append(f"  {name}  {cells}")
    out.write("\n".join(lines) + "\n")
    return EXIT_OK


def _positive_days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number of days (got {_short(text)!r})") from None
    if not 1 <= value <= 366:
        raise argparse.ArgumentTypeError(f"must be from 1 to 366 (got {value})")
    return value


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
    hours.add_argument("text", metavar="TEXT", help='response hours, e.g. "Mo-Fr 09:00-17:00; PH off"')
    hours.add_argument("--zone", required=True, help="IANA zone of the hours, e.g. Europe/Berlin")
    hours.add_argument("--holidays", help="country[-subdivision] code for PH, e.g. DE-BE")
    hours.add_argument(
        "--at",
        required=True,
        help="ISO instant, e.g. 2026-12-24T10:00:00+01:00; without offset: in --zone; or now",
    )
    hours.add_argument("--days", type=_positive_days, default=7, help="days of intervals to list (default 7)")
    hours.add_argument("--json", action="store_true", help="print one JSON object")
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
    explain.add_argument("--locale", help="the visitor's locale, e.g. de-AT (default: the Page's)")
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
    timeline.set_defaults(handler=cmd_timeline)
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
