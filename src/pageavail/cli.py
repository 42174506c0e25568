"""The ``pageavail`` command line: the edge that reads argv and prints.

Exit codes: 0 done, 1 a check failed, 2 bad usage or bad input. Bad input never
shows a traceback: every library error becomes one ``pageavail: error:`` line.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from datetime import datetime, timedelta
from typing import Callable, Dict, Optional, Sequence, TextIO

from .errors import InvalidInstantError, PageAvailError
from .schedule import Interval, Schedule

__all__ = ["main"]

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2


def parse_instant(text: str, option: str = "--at") -> datetime:
    """An aware datetime from ISO 8601 text; naive text is an error."""
    from dateutil.parser import isoparse

    try:
        value = isoparse(text)
    except (ValueError, OverflowError):
        raise InvalidInstantError(
            f"{option} must be an ISO 8601 instant such as 2026-12-24T10:00:00+01:00 (got {text!r})"
        ) from None
    if value.tzinfo is None:
        raise InvalidInstantError(
            f"{option} {text!r} has no offset; add one, e.g. {value.isoformat()}+01:00 or "
            f"{value.isoformat()}Z"
        )
    return value


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
    schedule = Schedule.parse(args.text, zone=args.zone, holidays=args.holidays)
    at = parse_instant(args.at)
    status = schedule.check(at)
    week = schedule.intervals(at, at + timedelta(days=args.days))
    if args.json:
        document = {
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
        out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    calendar = f", holidays {schedule.holidays}" if schedule.holidays is not None else ""
    lines = [
        f"{schedule}   ({schedule.zone.key}{calendar})",
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


def _positive_days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number of days (got {text!r})") from None
    if not 1 <= value <= 366:
        raise argparse.ArgumentTypeError(f"must be from 1 to 366 (got {value})")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``pageavail`` command."""
    parser = argparse.ArgumentParser(
        prog="pageavail",
        description="When a business Page counts as active now, and what its visitors see.",
    )
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
    hours.add_argument("--at", required=True, help="ISO instant with offset, e.g. 2026-12-24T10:00:00+01:00")
    hours.add_argument("--days", type=_positive_days, default=7, help="days of intervals to list (default 7)")
    hours.add_argument("--json", action="store_true", help="print one JSON object")
    hours.set_defaults(handler=cmd_hours)
    return parser


def main(
    argv: Optional[Sequence[str]] = None, out: Optional[TextIO] = None, err: Optional[TextIO] = None
) -> int:
    """Run the command line; returns the exit code."""
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits for --help and for usage errors
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    handler: Callable[[argparse.Namespace, TextIO], int] = args.handler
    try:
        return handler(args, out)
    except PageAvailError as error:
        err.write(f"pageavail: error: {error}\n")
        return EXIT_USAGE


def _run() -> None:  # pragma: no cover - the console entry point
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    _run()
