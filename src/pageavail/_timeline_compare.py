"""Comparisons: two configurations side by side over the same period.

:class:`ComparisonRow` and :class:`Comparison` are public in
:mod:`pageavail.timeline`; :meth:`Timeline.compare` answers with
:func:`compare`. Frames and plots of a comparison come from
:mod:`pageavail.analysis`, imported only when asked for.
"""

from __future__ import annotations

import itertools
import math
from datetime import timedelta
from typing import TYPE_CHECKING, Any, List, Optional, Tuple

import attrs

from . import wording
from ._timeline_common import Validator, _amount, _is_real
from ._timeline_forecast import _click_rate
from ._timeline_repr import comparison_html, comparison_repr, comparison_text
from ._validate import identifier
from .errors import InvalidValueError
from .rules import Status

if TYPE_CHECKING:
    from .timeline import Timeline


def _by_hour(field: str, value: Any) -> Optional[Tuple[Tuple[float, ...], ...]]:
    """None, or 7 rows (Mo…Su) of 24 finite numbers of at least 0, as tuples."""
    if value is None:
        return None
    rule = "None or 7 rows (Mo…Su) of 24 finite numbers of at least 0"
    if isinstance(value, (str, bytes)):
        raise InvalidValueError._for(field, rule, value)
    try:
        rows = [tuple(itertools.islice(iter(row), 25)) for row in itertools.islice(iter(value), 8)]
    except TypeError:
        raise InvalidValueError._for(field, rule, value) from None
    if len(rows) != 7 or any(len(row) != 24 for row in rows):
        raise InvalidValueError._for(field, rule, value)
    for row in rows:
        for item in row:
            if not _is_real(item) or not math.isfinite(item) or item < 0:
                raise InvalidValueError._for(field, rule, item)
    return tuple(tuple(float(item) for item in row) for row in rows)


def _active_by_hour(value: Any) -> Optional[Tuple[Tuple[float, ...], ...]]:
    return _by_hour("active_by_hour", value)


def _conversations_by_hour(value: Any) -> Optional[Tuple[Tuple[float, ...], ...]]:
    return _by_hour("conversations_by_hour", value)


@attrs.frozen
class ComparisonRow:
    """One configuration's figures in a comparison.

    *active_by_hour* holds the active hours of each local weekday-hour over the
    period (7 rows, Mo…Su, of 24), *conversations_by_hour* the conversations
    started (None without a forecast).
    """

    page: str = attrs.field(validator=identifier("page"))
    active_hours: float = attrs.field(validator=_amount("active_hours"))
    active_hours_per_week: float = attrs.field(validator=_amount("active_hours_per_week"))
    prompts: Optional[float] = attrs.field(validator=_amount("prompts", optional=True))
    conversations: Optional[float] = attrs.field(validator=_amount("conversations", optional=True))
    active_by_hour: Optional[Tuple[Tuple[float, ...], ...]] = attrs.field(
        default=None, converter=_active_by_hour
    )
    conversations_by_hour: Optional[Tuple[Tuple[float, ...], ...]] = attrs.field(
        default=None, converter=_conversations_by_hour
    )


def _row(field: str) -> Validator:
    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, ComparisonRow):
            raise InvalidValueError._for(field, "a ComparisonRow", value)

    return check


def _labels(value: Any) -> Optional[Tuple[str, str]]:
    """None, or two different texts of 1 to 60 characters (not "difference")."""
    if value is None:
        return None
    rule = 'None or two different texts of 1 to 60 characters, such as ("before", "after")'
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)) or len(value) != 2:
        raise InvalidValueError._for("labels", rule, value)
    first, second = value
    for label in value:
        if not isinstance(label, str) or not 1 <= len(label.strip()) <= 60 or label == "difference":
            raise InvalidValueError._for("labels", rule + ', not "difference"', label)
    if first == second:
        raise InvalidValueError._for("labels", rule, value)
    return (first, second)


@attrs.frozen(repr=False)
class Comparison:
    """Two configurations side by side over the same period.

    *labels* name the sides (None: "first" and "second"). ``repr()`` is one
    short line; notebooks show the table (``_repr_html_``); :meth:`to_frame`
    gives both sides and the difference as a DataFrame, :meth:`plot` the
    difference by weekday and hour.
    """

    first: ComparisonRow = attrs.field(validator=_row("first"))
    second: ComparisonRow = attrs.field(validator=_row("second"))
    labels: Optional[Tuple[str, str]] = attrs.field(default=None, kw_only=True, converter=_labels)

    @property
    def sides(self) -> Tuple[str, str]:
        """The names of the two sides: the labels, or ``("first", "second")``."""
        return self.labels if self.labels is not None else ("first", "second")

    def _figures(self) -> List[Tuple[str, Any, Optional[float], Optional[float]]]:
        """(key, wording, first, second) for each figure, in table order."""
        a, b = self.first, self.second
        return [
            ("active_hours", wording.TIMELINE_ACTIVE_HOURS, a.active_hours, b.active_hours),
            (
                "active_hours_per_week",
                wording.TIMELINE_ACTIVE_PER_WEEK,
                a.active_hours_per_week,
                b.active_hours_per_week,
            ),
            ("prompts", wording.TIMELINE_PROMPTS, a.prompts, b.prompts),
            ("conversations", wording.TIMELINE_CONVERSATIONS, a.conversations, b.conversations),
        ]

    def text(self, locale: str = "en") -> str:
        """The table in the reader's *locale*, numbers formatted by Babel."""
        return comparison_text(self, locale)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        """One short line: the sides and their active hours (and conversations)."""
        return comparison_repr(self)

    def _repr_html_(self) -> str:
        """The table with the difference, for notebooks."""
        return comparison_html(self)

    # -- the ``analysis`` extra ---------------------------------------------------

    def to_frame(self) -> Any:
        """Both sides and the difference as a DataFrame; see :func:`pageavail.analysis.comparison_frame`."""
        from .analysis import comparison_frame

        return comparison_frame(self)

    def plot(self, ax: Any = None, value: str = "active_hours") -> Any:
        """The difference by weekday and hour; see :func:`pageavail.analysis.plot_difference`."""
        from .analysis import plot_difference

        return plot_difference(self, ax, value)


def compare(
    line: Timeline,
    other: Timeline,
    visits_per_hour: Any,
    click_rate: float,
    labels: Optional[Tuple[str, str]],
) -> Comparison:
    """The comparison of :meth:`Timeline.compare`, *other* already checked to be a Timeline
    of the same period."""
    labels = _labels(labels)
    click_rate = _click_rate(click_rate)
    rows = []
    for side in (line, other):
        forecast = side.forecast(visits_per_hour, click_rate) if visits_per_hour is not None else None
        active = [[0.0] * 24 for _ in range(7)]
        for slot in side.hour_slots():
            active[slot.hour.weekday()][slot.hour.hour] += slot.active / 3600
        by_hour = None
        if forecast is not None:
            by_hour = [[0.0] * 24 for _ in range(7)]
            for hour in forecast.hours:
                by_hour[hour.hour.weekday()][hour.hour.hour] += hour.conversations
        rows.append(
            ComparisonRow(
                page=side.page,
                active_hours=side.totals()[Status.ACTIVE] / timedelta(hours=1),
                active_hours_per_week=side.active_hours_per_week(),
                prompts=None if forecast is None else forecast.prompts,
                conversations=None if forecast is None else forecast.conversations,
                active_by_hour=active,
                conversations_by_hour=by_hour,
            )
        )
    return Comparison(rows[0], rows[1], labels=labels)
