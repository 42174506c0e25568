"""Status and prompt for a table of page views, one Page's timeline at a time, with the prompt's
cooldown per visitor: :func:`evaluate_visits`, which Dask can map over the partitions of many Pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Dict, Mapping

from ._analysis_arrays import (
    NS_MAX,
    NS_MIN,
    OUTSIDE,
    STATUS_CODES,
    STATUSES,
    _instants_ns,
    _ns,
    _ns_out_of_range,
    _numpy,
    _pandas,
    status_codes,
)
from ._time import plain, utc_seconds
from .errors import InvalidValueError
from .rules import CompiledPage, Page, Status
from .timeline import Timeline


def _pages(value: Any) -> Dict[str, CompiledPage]:
    """Compiled Pages by id; a Page is compiled with no sessions (the obvious intent)."""
    if not isinstance(value, Mapping):
        raise InvalidValueError._for("pages", "a mapping of Page ids to CompiledPage values", value)
    pages: Dict[str, CompiledPage] = {}
    for page_id, page in value.items():
        if isinstance(page, Page):
            page = page.compile()
        if not isinstance(page_id, str) or not isinstance(page, CompiledPage):
            raise InvalidValueError._for(
                "pages", "a mapping of Page ids to CompiledPage values", {page_id: page}
            )
        pages[page_id] = page
    return pages


def evaluate_visits(visits: Any, pages: Mapping[str, CompiledPage], start: Any, end: Any) -> Any:
    """Status and prompt for a table of page views, one Page's timeline at a time.

    Args:
        visits: a pandas DataFrame with columns ``page_id``, ``visitor`` and ``at``
            (aware datetimes, or datetime64 and naive datetimes read as UTC).
            ``visitor`` is a text, or missing (None, NaN) for a visitor who is not
            signed in: each anonymous view stands alone, no cooldown joins them.
        pages: compiled Pages by id (a Page is compiled with no sessions); rows
            of other Pages get status ``unknown``.
        start: the start of the period the timelines cover (an aware datetime).
        end: its end.

    Returns:
        The frame with columns ``status`` and ``shown`` added: whether the prompt
        shows (Page active, show-active on, in the rollout, visitor not on the
        team, not prompted within the cooldown, counting the prompts this very
        table shows). Works on any partition, so ``dask.dataframe`` can
        ``map_partitions`` it over many Pages.

    Raises:
        InvalidValueError: *visits* is not such a DataFrame, *pages* not such a
            mapping, or a timeline over the period would pass ``MAX_SEGMENTS``.
        OutOfRangeError: *start*, *end* or the views outside what
            ``datetime64[ns]`` holds (1677-09-21 to 2262-04-11).
    """
    pd = _pandas()
    np = _numpy()
    if not isinstance(visits, pd.DataFrame):
        raise InvalidValueError._for(
            "visits", "a pandas DataFrame with columns page_id, visitor and at", visits
        )
    pages = _pages(pages)
    for field, moment in (("start", start), ("end", end)):
        utc_seconds(moment, field)
        if not NS_MIN <= _ns(moment) <= NS_MAX:
            raise _ns_out_of_range(field, moment.isoformat())
    start, end = plain(start), plain(end)
    frame = visits.copy()
    missing = {"page_id", "visitor", "at"} - set(frame.columns)
    if missing:
        raise InvalidValueError(
            f"'visits' lacks the columns {sorted(missing)}; it needs page_id, visitor and at"
        )
    stamps, missing = _instants_ns(_at_column(pd, frame["at"]), None)
    visitors = frame["visitor"].to_numpy(dtype=object)
    anonymous = np.asarray(pd.isna(visitors), dtype=bool)
    named = np.fromiter((isinstance(v, str) for v in visitors), dtype=bool, count=len(visitors))
    if not (anonymous | named).all():
        odd = visitors[~(anonymous | named)][0]
        raise InvalidValueError._for("visits", "visitor ids as texts, or missing for anonymous views", odd)
    status = np.full(len(frame), "unknown", dtype=object)
    shown = np.zeros(len(frame), dtype=bool)
    page_ids = frame["page_id"].to_numpy(dtype=object)
    for page_id, compiled in pages.items():
        rows = np.flatnonzero(page_ids == page_id)
        if not len(rows):
            continue
        line = Timeline.build(compiled, start, end)
        codes = status_codes(line, stamps[rows], unit="ns")
        codes[missing[rows]] = OUTSIDE
        status[rows] = [STATUSES[c].value if c != OUTSIDE else "outside" for c in codes]
        page = compiled.page
        eligible = codes == STATUS_CODES[Status.ACTIVE]
        if not page.settings.show_active or not compiled.prompt_allowed_by_rollout:
            eligible[:] = False
        members = page.team.members
        eligible &= np.fromiter((v not in members for v in visitors[rows]), dtype=bool, count=len(rows))
        shown[rows] = _apply_cooldown(
            visitors[rows], anonymous[rows], stamps[rows], eligible, page.policy.prompt_cooldown
        )
    frame["status"] = status
    frame["shown"] = shown
    return frame


def _at_column(pd: Any, column: Any) -> Any:
    """The ``at`` column as UTC datetime64, or the library's error."""
    if column.dtype.kind in "biufc":  # pandas would read numbers as nanoseconds without a word
        raise InvalidValueError(
            f"'visits' column 'at' must hold aware datetimes or UTC datetime64 values, not numbers "
            f"(got dtype {column.dtype}); convert epoch numbers with "
            f"pandas.to_datetime(..., unit='s', utc=True)"
        )
    try:
        return pd.to_datetime(column, utc=True)
    except pd.errors.OutOfBoundsDatetime:
        raise _ns_out_of_range("visits", "an 'at' value outside it") from None
    except Exception as error:  # unparsable texts, numbers, mixed kinds
        raise InvalidValueError(
            f"'visits' column 'at' must hold aware datetimes or UTC datetime64 values ({error})"
        ) from None


def _apply_cooldown(visitors: Any, anonymous: Any, stamps: Any, eligible: Any, cooldown: timedelta) -> Any:
    """Keep a prompt only when the same visitor saw none within the cooldown before.

    Anonymous views (*anonymous* true) each stand alone: nothing says two are the
    same person, so each eligible one shows the prompt. *stamps* are int64
    nanoseconds since the epoch.
    """
    np = _numpy()
    result = np.asarray(eligible & anonymous, dtype=bool).copy()
    known = np.flatnonzero(~anonymous)
    order = known[np.lexsort((stamps[known], visitors[known].astype(str)))]
    last_shown: Dict[Any, int] = {}
    window = int(cooldown / timedelta(microseconds=1)) * 1_000
    for row in order:
        if not eligible[row]:
            continue
        who = visitors[row]
        previous = last_shown.get(who)
        if previous is None or stamps[row] - previous >= window:
            result[row] = True
            last_shown[who] = int(stamps[row])
    return result
