"""``pageavail explain``, ``check`` and ``timeline``: one Page file, at an instant or over a period."""

from __future__ import annotations

import argparse
from datetime import timedelta, timezone
from typing import Dict, List, Optional, Sequence, TextIO, Tuple

from . import wording as w
from ._cli_common import (
    EXIT_CHECK_FAILED,
    EXIT_OK,
    _check_lines,
    _next_change,
    _note_lines,
    _page_file,
    _reader,
    _Style,
    _write_json,
    parse_instant,
)
from ._i18n import Clock, DayTime, Hours, Joined, Moment, Percent, babel_locale, normalize_locale
from ._validate import identifier
from .config import ConfigError, ConfigReadError, page_warnings
from .errors import InvalidInstantError
from .rules import Decision, Prompt, Status
from .timeline import Timeline


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
    end = parse_instant(args.end, "--to", loaded.page.zone, notes, end=True)
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
