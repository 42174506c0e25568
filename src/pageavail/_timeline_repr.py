"""How the timeline's values show themselves: one-line reprs, the summary line, the
notebook tables (HTML) and the comparison's table as text.

The classes in :mod:`pageavail.timeline` keep their ``__repr__``,
``_repr_html_``, ``summary``, ``to_html`` and ``text`` methods (and their
docstrings); the words and the layout are here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Dict, List, Optional

from . import wording
from ._i18n import Hours, babel_locale, normalize_locale
from .rules import Status

if TYPE_CHECKING:
    from ._timeline_compare import Comparison
    from ._timeline_forecast import LoadForecast
    from .timeline import Timeline


def _short(moment: datetime) -> str:
    """A local time in a few characters: ``2026-11-23 00:00``."""
    return f"{moment:%Y-%m-%d %H:%M}"


def _zone_name(moment: datetime) -> str:
    zone = moment.tzinfo
    return str(getattr(zone, "key", None) or zone)


# -- Timeline ----------------------------------------------------------------------


def timeline_summary(line: Timeline, locale: str) -> str:
    """One line in *locale*: the period, the segments, the active hours per week."""
    tag = normalize_locale(locale)
    return wording.timeline_summary(
        line.start, line.end, len(line.segments), line.active_hours_per_week()
    ).render(tag)


def timeline_html(line: Timeline, locale: str) -> str:
    """The title, the summary line and the time per status as an HTML table, in *locale*."""
    from html import escape

    tag = normalize_locale(locale)
    totals = line.totals()
    cells = "".join(
        f"<tr><td>{escape(wording.status_word(status.value).render(tag))}</td>"
        f"<td>{escape(Hours(totals[status] / timedelta(hours=1)).format(tag))}</td></tr>"
        for status in Status
    )
    status, time = wording.TIMELINE_STATUS().render(tag), wording.TIMELINE_TIME().render(tag)
    title = line.page if line.name in (None, line.page) else f"{line.name} ({line.page})"
    return (
        f"<div><strong>{escape(title)}</strong> {escape(line.summary(tag))}"
        f"<table><tr><th>{escape(status)}</th><th>{escape(time)}</th></tr>{cells}</table></div>"
    )


def timeline_repr(line: Timeline) -> str:
    """``<Timeline acme 2026-11-23 00:00 to … Europe/Berlin: 5 segments, 40.0 active hours per week>``."""
    return (
        f"<Timeline {line.page} {_short(line.start)} to {_short(line.end)} {_zone_name(line.start)}: "
        f"{len(line.segments)} segment{'' if len(line.segments) == 1 else 's'}, "
        f"{line.active_hours_per_week():.1f} active hours per week>"
    )


# -- LoadForecast ------------------------------------------------------------------


def forecast_repr(forecast: LoadForecast) -> str:
    """``<LoadForecast 168 hours from … Europe/Berlin: 4,000.0 prompts, 400.0 conversations>``."""
    if not forecast.hours:
        return "<LoadForecast of no hours>"
    first = forecast.hours[0].hour
    return (
        f"<LoadForecast {len(forecast.hours)} hours from {_short(first)} {_zone_name(first)}: "
        f"{forecast.prompts:,.1f} prompts, {forecast.conversations:,.1f} conversations>"
    )


def forecast_html(forecast: LoadForecast) -> str:
    """Visits, prompts and conversations per local day and in total, as an HTML table."""
    days: Dict[date, List[float]] = {}
    for hour in forecast.hours:
        day = days.setdefault(hour.hour.date(), [0.0, 0.0, 0.0])
        day[0] += hour.visits
        day[1] += hour.prompts
        day[2] += hour.conversations
    cells = "".join(
        f"<tr><td>{day:%a %Y-%m-%d}</td><td>{v:,.1f}</td><td>{p:,.1f}</td><td>{c:,.1f}</td></tr>"
        for day, (v, p, c) in days.items()
    )
    return (
        "<div><table><tr><th>day</th><th>visits</th><th>prompts shown</th>"
        f"<th>conversations started</th></tr>{cells}<tr><th>total</th><th></th>"
        f"<th>{forecast.prompts:,.1f}</th><th>{forecast.conversations:,.1f}</th></tr></table></div>"
    )


# -- Comparison --------------------------------------------------------------------


def comparison_text(comparison: Comparison, locale: str) -> str:
    """The figures of both sides as a text table in *locale*, numbers formatted by Babel."""
    from babel.numbers import format_decimal

    tag = normalize_locale(locale)
    babel = babel_locale(tag)

    def cell(value: Optional[float]) -> str:
        return "-" if value is None else str(format_decimal(value, "#,##0.0", locale=babel))

    figures = comparison._figures()
    names = [label().render(tag) for _, label, _, _ in figures]
    width = max(24, *(len(name) + 2 for name in names))
    if comparison.labels is None:
        first, second = wording.TIMELINE_FIRST().render(tag), wording.TIMELINE_SECOND().render(tag)
    else:
        first, second = comparison.labels
    column = max(14, len(first) + 2, len(second) + 2)
    rows = [f"{'':<{width}}{first:>{column}}{second:>{column}}"]
    for name, (_, _, a, b) in zip(names, figures):
        rows.append(f"{name:<{width}}{cell(a):>{column}}{cell(b):>{column}}")
    return "\n".join(rows)


def comparison_repr(comparison: Comparison) -> str:
    """``<Comparison 'office' vs 'evenings': active hours 40.0 vs 15.0, conversations …>``."""
    first, second = comparison.sides
    line = (
        f"<Comparison {first!r} vs {second!r}: active hours {comparison.first.active_hours:,.1f} "
        f"vs {comparison.second.active_hours:,.1f}"
    )
    if comparison.first.conversations is not None and comparison.second.conversations is not None:
        line += (
            f", conversations {comparison.first.conversations:,.1f} vs {comparison.second.conversations:,.1f}"
        )
    return line + ">"


def comparison_html(comparison: Comparison) -> str:
    """Both sides and the difference (second minus first) as an HTML table, in English."""
    from html import escape

    def cell(value: Optional[float]) -> str:
        return "-" if value is None else f"{value:,.1f}"

    first, second = comparison.sides
    body = "".join(
        f"<tr><td>{escape(label().render('en'))}</td><td>{cell(a)}</td><td>{cell(b)}</td>"
        f"<td>{cell(None if a is None or b is None else b - a)}</td></tr>"
        for _, label, a, b in comparison._figures()
    )
    return (
        f"<div><table><tr><th></th><th>{escape(first)}</th><th>{escape(second)}</th>"
        f"<th>difference</th></tr>{body}</table></div>"
    )
