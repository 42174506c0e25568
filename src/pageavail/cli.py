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
import os
import re
import sys
from typing import Callable, Optional, Sequence, TextIO

from . import __version__
from . import wording as w
from ._cli_common import EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, SHOWN_ARGUMENT, SHOWN_START, _reader, _short
from ._cli_common import parse_instant as parse_instant  # importable from here, as before
from ._cli_forecast import DEFAULT_CLICK_RATE, cmd_forecast
from ._cli_hours import cmd_hours
from ._cli_page import cmd_check, cmd_explain, cmd_timeline
from ._cli_reply import cmd_reply
from .config import ConfigError
from .errors import PageAvailError
from .formats import FORMATS
from .pageschema import schema_text, starter_page

__all__ = ["main"]


# -- init and schema ---------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    """``pageavail init [FILE] [--force]``: a commented Page file to start from."""
    text = starter_page()
    lang = _reader(args)  # a bad --lang is refused before anything is written
    if args.file is None or args.file == "-":
        out.write(text)
        return EXIT_OK
    try:
        with open(args.file, "w" if args.force else "x", encoding="utf-8") as stream:
            stream.write(text)
    except FileExistsError:
        raise ConfigError("exists already; pass --force to overwrite it", file=_short(args.file)) from None
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        reason = getattr(error, "strerror", None) or error
        raise ConfigError(f"cannot be written: {reason}", file=_short(args.file)) from None
    out.write(w.CLI_INIT_WROTE(file=args.file).render(lang) + "\n")
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
        help="one schedule: open, closed or unknown, the deciding rule, the next change, the week ahead",
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
        "--locale",
        help="the visitor's locale (default: the Page's); {back_at} keeps the Page's language "
        "and takes only the region of a locale of that language, e.g. de-AT on a German Page",
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
            if message.startswith(short, found):  # shortened already, by the command itself
                found = message.find(head, found + len(short))
                continue
            end, taken = found + len(head), len(head)
            while end < len(message) and taken < len(arg) and message[end] == arg[taken]:
                end, taken = end + 1, taken + 1
            if taken < len(arg) and message.startswith("...", end):  # the message cut it itself
                end += 3
            message = message[:found] + short + message[end:]
            found = message.find(head, found + len(short))
    return message


#: argparse's line for a value an option refuses (its check's words, or a name outside its choices).
_BAD_VALUE = re.compile(
    r"^pageavail(?: [\w-]+)?: error: (argument \S+: (?:invalid choice: |must be ).*)$", re.M
)


def _value_error(said: str) -> str:
    """argparse's report of a bad value as the one ``pageavail: error:`` line bad input gets;
    other usage errors (a missing argument, an unknown one) keep the usage lines."""
    found = _BAD_VALUE.search(said)
    return f"pageavail: error: {found.group(1)}\n" if found else said


def _dashes_as_value(arguments: Sequence[str]) -> Optional[str]:
    """The option given ``--`` as its value (``--at=--``), which argparse drops on some Pythons
    (handing the command an empty list), or None."""
    for argument in arguments:
        if argument == "--":
            return None
        option, equals, value = argument.partition("=")
        if equals and value == "--" and option.startswith("--"):
            return option
    return None


def main(
    argv: Optional[Sequence[str]] = None, out: Optional[TextIO] = None, err: Optional[TextIO] = None
) -> int:
    """Run the command line; returns the exit code."""
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    arguments = list(sys.argv[1:] if argv is None else argv)
    dashes = _dashes_as_value(arguments)
    if dashes is not None:
        err.write(
            f"pageavail: error: argument {dashes}: '--' is not a value: give the option its value, "
            f"e.g. {dashes}=VALUE (a bare '--' ends the options)\n"
        )
        return EXIT_USAGE
    parser = build_parser()
    said = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(said):
            args = parser.parse_args(arguments)
    except SystemExit as exit_:  # argparse exits for --help, --version and usage errors
        err.write(_shorten_arguments(_value_error(said.getvalue()), arguments))
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    handler: Callable[[argparse.Namespace, TextIO], int] = args.handler
    try:
        if getattr(args, "lang", None) is not None:
            _reader(args)  # every command refuses a bad --lang, whether its output uses it or not
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
