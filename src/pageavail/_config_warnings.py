"""Warnings about valid Pages that cannot work: settings that keep every visitor from the prompt."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Dict, List, Optional, Tuple

import attrs

from ._config_build import LoadedPage
from ._config_errors import Path_, _format_path, _locate
from ._time import MAX_INSTANT, utc_seconds
from .errors import InvalidValueError
from .rules import rollout_bucket

#: How far ahead :func:`page_warnings` looks for open response hours.
WARNING_HORIZON = timedelta(days=366)


@attrs.frozen
class PageWarning:
    """A valid Page file with a setting that keeps every visitor from the prompt.

    Attributes:
        problem: what the setting does and how to change it.
        key: the key path, e.g. ``messaging.show_active``.
        line: the 1-based line of the key, or None when it is not written.
        file: the file's name.
    """

    problem: str
    key: str
    line: Optional[int] = None
    file: str = "<text>"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.key}: {self.problem}"

    def to_dict(self) -> Dict[str, Any]:
        """``{file, line, key, problem}`` for JSON output."""
        return {"file": self.file, "line": self.line, "key": self.key, "problem": self.problem}


def page_warnings(loaded: LoadedPage, at: datetime) -> Tuple[PageWarning, ...]:
    """What keeps every visitor of a valid Page from the "active now" prompt.

    Answers "why does no visitor ever see the prompt?" before anyone asks:
    messaging off, away by hand (until switched back, or for more than a year),
    response hours that never open in the year from *at*, nobody on the team who
    can answer messages, show-active off, the Page outside the rollout; and a
    holiday calendar or school holidays that no hours use. Sessions play no part: they change by the
    minute, while these settings hold until someone edits the file.

    Args:
        loaded: a Page as read by :func:`load_page` or :func:`loads_page`.
        at: the instant the year ahead starts at (an aware datetime).

    Raises:
        OutOfRangeError: *at* lies outside the supported instants.
    """
    if not isinstance(loaded, LoadedPage):
        raise InvalidValueError._for("loaded", "a LoadedPage from load_page or loads_page", loaded)
    utc_seconds(at, "at")
    page, text = loaded.page, loaded.text
    settings, policy = page.settings, page.policy
    found: List[PageWarning] = []

    def warn(path: Path_, problem: str) -> None:
        found.append(PageWarning(problem, _format_path(path), _locate(text, path), loaded.file))

    if not settings.enabled:
        warn(
            ["messaging", "enabled"],
            "messaging is off: visitors cannot write to the Page and none sees the prompt; "
            "set enabled = true to turn it on",
        )
    last = MAX_INSTANT - timedelta(microseconds=1)  # the last supported instant
    end = at + WARNING_HORIZON if at < last - WARNING_HORIZON else last
    start = at
    if settings.away is True:
        warn(
            ["messaging", "away"],
            "the Page is set away by hand until switched back: it never counts as active and no "
            "visitor sees the prompt; set away = false when the team answers again",
        )
    elif isinstance(settings.away, datetime) and settings.away > at:
        if settings.away >= end:
            warn(
                ["messaging", "away"],
                f"the Page is set away by hand until {settings.away.isoformat()}, more than a year "
                f"after {at.isoformat()}: no visitor sees the prompt until then; set away = false "
                f"or an earlier instant",
            )
        start = settings.away
    hours = settings.hours
    if hours is not None and settings.away is not True and start < end and not hours.intervals(start, end):
        after = "" if start is at else " (after the away time)"
        warn(
            ["messaging", "hours"],
            f"the response hours never open from {start.astimezone(page.zone).isoformat()} to "
            f"{end.astimezone(page.zone).isoformat()}{after}: the Page never counts as active; "
            f'give hours that open, e.g. "Mo-Fr 09:00-17:00"',
        )
    if not page.team.answerers:
        fix = 'give someone role = "admin", "editor" or "moderator", or tasks = ["messages"]'
        if not page.team.members:
            warn(
                ["team"],
                "the team is empty: nobody can answer messages, so the Page never counts as active; "
                f"add a [[team]] entry and {fix}",
            )
        else:
            who = "; ".join(f"{p}: {page.team.access(p).reason}" for p in sorted(page.team.members))
            found.append(
                PageWarning(
                    f"nobody on the team can answer messages ({who}), so the Page never counts as "
                    f"active; {fix}",
                    "team",
                    _locate(text, ["team", 0]),
                    loaded.file,
                )
            )
    if not settings.show_active:
        warn(
            ["messaging", "show_active"],
            'show_active = false: no visitor sees the "active now" prompt (the status is still '
            "decided and explained); set show_active = true to show it",
        )
    bucket = rollout_bucket(page.id, policy.rollout_salt)
    if policy.rollout_percent == 0:
        warn(
            ["policy", "rollout_percent"],
            "rollout_percent = 0: no Page is in the rollout, so no visitor sees the prompt; "
            "raise it (100 = every Page)",
        )
    elif not bucket < policy.rollout_percent:
        warn(
            ["policy", "rollout_percent"],
            f"the Page's rollout bucket {bucket:.1f} is not below rollout_percent = "
            f"{policy.rollout_percent:g} (salt {policy.rollout_salt!r}): the Page is not in the "
            f"rollout, so no visitor sees the prompt; raise rollout_percent above {bucket:.1f}",
        )
    hours_use_ph = settings.hours is not None and any(rule.holidays for rule in settings.hours.rules)
    if loaded.holidays is not None and not hours_use_ph:
        what = "the Page has no response hours" if settings.hours is None else "no rule of the hours uses PH"
        warn(
            ["page", "holidays"],
            f"holidays = {str(loaded.holidays)!r} has no effect: {what}; add a PH rule to the hours "
            f'(e.g. "Mo-Fr 09:00-17:00; PH off") or remove the key',
        )
    hours_use_sh = settings.hours is not None and any(rule.school_holidays for rule in settings.hours.rules)
    if loaded.school_holidays is not None and not hours_use_sh:
        what = "the Page has no response hours" if settings.hours is None else "no rule of the hours uses SH"
        warn(
            ["page", "school_holidays"],
            f"school_holidays has no effect: {what}; add an SH rule to the hours "
            f'(e.g. "Mo-Fr 09:00-17:00; SH off") or remove the key',
        )
    return tuple(found)
