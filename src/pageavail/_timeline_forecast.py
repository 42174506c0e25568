"""Forecasts: the visits a prompt meets and the conversations it starts, hour by hour.

:class:`HourForecast`, :class:`LoadForecast` and :data:`MAX_VISITS_PER_HOUR`
are public in :mod:`pageavail.timeline`; :meth:`Timeline.forecast` answers with
:func:`forecast`. Visits per hour come as one number or 7 rows of 24
(:func:`_visit_profile`); pandas values are read by :mod:`pageavail.analysis`,
imported only when one is given.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

import attrs

from ._timeline_common import _amount, _instant, _is_real, _local_hour
from ._timeline_repr import forecast_html, forecast_repr
from ._validate import collection_of
from .errors import InvalidValueError

if TYPE_CHECKING:
    from .timeline import Timeline

#: The most page views per hour a forecast accepts (a trillion): more could
#: overflow the sums to infinity.
MAX_VISITS_PER_HOUR = 1e12


@attrs.frozen
class HourForecast:
    """Expected visits, prompts shown and conversations started in one local hour."""

    hour: datetime = attrs.field(validator=_local_hour("hour"), eq=_instant)
    visits: float = attrs.field(validator=_amount("visits"))
    prompts: float = attrs.field(validator=_amount("prompts"))
    conversations: float = attrs.field(validator=_amount("conversations"))


def _hour_forecasts(value: Any) -> Tuple[HourForecast, ...]:
    return collection_of(value, HourForecast, "hours")


@attrs.frozen(repr=False)
class LoadForecast:
    """The load a prompt brings over a timeline: per hour, per day, in total.

    ``repr()`` is one short line; notebooks show a table per day (``_repr_html_``).
    """

    hours: Tuple[HourForecast, ...] = attrs.field(converter=_hour_forecasts)

    @property
    def prompts(self) -> float:
        """Prompts shown over the whole period."""
        return sum(h.prompts for h in self.hours)

    @property
    def conversations(self) -> float:
        """Conversations started over the whole period."""
        return sum(h.conversations for h in self.hours)

    def per_day(self) -> Dict[date, float]:
        """Conversations started per local date."""
        days: Dict[date, float] = {}
        for hour in self.hours:
            days[hour.hour.date()] = days.get(hour.hour.date(), 0.0) + hour.conversations
        return days

    @property
    def busiest_hour(self) -> Optional[HourForecast]:
        """The hour with the most conversations, or None for an empty period."""
        return max(self.hours, key=lambda h: h.conversations, default=None)

    def __repr__(self) -> str:
        """One short line: the hours, the prompts and the conversations."""
        return forecast_repr(self)

    def _repr_html_(self) -> str:
        """Visits, prompts and conversations per local day, for notebooks."""
        return forecast_html(self)


def forecast(line: Timeline, visits_per_hour: Any, click_rate: float) -> LoadForecast:
    """The forecast of :meth:`Timeline.forecast`: each hour's visits see the prompt in
    proportion to the share of the hour the Page is active."""
    profile = _visit_profile(visits_per_hour, line.start.tzinfo)
    click_rate = _click_rate(click_rate)
    hours = []
    for slot in line.hour_slots():
        visits = profile[slot.hour.weekday()][slot.hour.hour] * slot.observed / 3600
        prompts = visits * (slot.active / slot.observed if slot.observed else 0.0)
        hours.append(HourForecast(slot.hour, visits, prompts, prompts * click_rate))
    return LoadForecast(tuple(hours))


def _click_rate(value: Any) -> float:
    if not _is_real(value) or not 0 <= value <= 1:  # NaN fails the comparison too
        raise InvalidValueError._for("click_rate", "a number from 0 to 1", value)
    return float(value)


def _visits(value: Any) -> float:
    if not _is_real(value) or not 0 <= value <= MAX_VISITS_PER_HOUR:  # NaN and infinity fail too
        raise InvalidValueError._for(
            "visits_per_hour", f"finite numbers from 0 to {MAX_VISITS_PER_HOUR:g} (no NaN)", value
        )
    return float(value)


def _visit_profile(value: Any, zone: Any = None) -> List[List[float]]:
    """Visits per hour as 7 rows (Mo…Su) of 24 finite numbers: from one number, 7 rows of
    24 (lists, tuples, a numpy array), or a pandas value (see :meth:`Timeline.forecast`;
    read by :mod:`pageavail.analysis`, in *zone*). Only as much is read as the shape needs."""
    rule = "a number or 7 rows (Mo…Su) of 24 numbers"
    if _is_real(value):
        return [[_visits(value)] * 24 for _ in range(7)]
    if type(value).__module__.split(".")[0] == "pandas":
        from .analysis import visit_profile

        value = visit_profile(value, zone)
    if isinstance(value, (str, bytes, dict)) or value is None:
        raise InvalidValueError._for("visits_per_hour", rule, value)
    try:
        rows = [list(itertools.islice(iter(row), 25)) for row in itertools.islice(iter(value), 8)]
    except TypeError:
        raise InvalidValueError._for("visits_per_hour", rule, value) from None
    if len(rows) != 7 or any(len(row) != 24 for row in rows):
        raise InvalidValueError._for("visits_per_hour", rule, value)
    return [[_visits(item) for item in row] for row in rows]
