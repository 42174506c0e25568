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
    lang = _reader(args)
    lines = [
        *_note_lines(notes),
        w.CLI_FROM_TO(
            page=loaded.page.name, id=line.page, start=Moment(line.start), end=Moment(line.end)
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
    lines.append(
        w.CLI_TOTALS(totals=Joined(tuple(parts), ", "), hours=Hours(line.active_hours_per_week())).render(
            lang
        )
    )
    lines.append(
        w.CLI_MATRIX(quarter=Percent(25), half=Percent(50), three=Percent(75), all=Percent(100)).render(lang)
    )
    names = babel_locale(lang).days["stand-alone"]["short"]
    width = max(len(names[day]) for day in range(7))
    lines.append(" " * (width + 4) + "".join(f"{h:<3d}" for h in range(0, 24, 3)))
    for day, row in enumerate(line.weekday_hour_matrix()):
        cells = "".join(_SHADES[min(4, int(share * 4 + 0.999))] if share else "·" for share in row)
        lines.append(f"  {names[day]:<{width}}  {cells}")
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
