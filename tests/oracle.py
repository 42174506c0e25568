"""A deliberately naive second implementation of the day rules, for tests.

It evaluates one wall-clock minute at a time with Python sets, the slowest and
plainest way to state the opening_hours.js rules, so that the compiled,
binary-searched implementation can be checked against it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import FrozenSet, Set

import pageavail as pa


def _selects(rule: pa.HoursRule, day: date, holidays: FrozenSet[date]) -> bool:
    if rule.years and not any(y.start <= day.year <= y.end for y in rule.years):
        return False
    if rule.dates and not any(d.contains(day) for d in rule.dates):
        return False
    if not rule.weekdays and not rule.holidays:
        return True
    if any(day.isoweekday() in w.days for w in rule.weekdays):
        return True
    return rule.holidays and day in holidays


def open_minutes(schedule: pa.Schedule, day: date) -> Set[int]:
    """The open minutes (0-1439) of a local date."""
    holidays: FrozenSet[date] = frozenset()
    if schedule.holidays is not None:
        holidays = schedule.holidays.dates_in(day.year - 1, day.year)
    state: Set[int] = set()
    yesterday = day - timedelta(days=1)
    for rule in schedule.rules:
        today = _selects(rule, day, holidays)
        before = _selects(rule, yesterday, holidays)
        minutes: Set[int] = set()
        if today:
            if not rule.spans:
                minutes |= set(range(1440))
            for span in rule.spans:
                minutes |= set(range(span.start, min(span.end, 1440)))
        if before:
            for span in rule.spans:
                minutes |= set(range(0, max(span.end - 1440, 0)))
        if not (today or (before and any(s.end > 1440 for s in rule.spans))):
            continue
        if today and not rule.additional and not rule.closed:
            state = set()
        state = state - minutes if rule.closed else state | minutes
    return state


def is_open(schedule: pa.Schedule, at: datetime) -> bool:
    """Whether the wall-clock minute of *at* in the schedule's zone is open."""
    local = at.astimezone(schedule.zone)
    return local.hour * 60 + local.minute in open_minutes(schedule, local.date())
