"""Array queries and analysis for notebooks: numpy, pandas, matplotlib, Dask.

Needs the ``analysis`` extra (``pip install 'pageavail[analysis]'``: numpy and
pandas); the heatmap needs ``plot`` (matplotlib), the scale-out recipe ``dask``.

A timeline compiles into two arrays, the start of each segment in nanoseconds
since the epoch and its status code, so that the status of millions of instants
is one ``numpy.searchsorted``:

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> import numpy as np
    >>> import pageavail as pa
    >>> page = pa.Page(id="acme", name="Acme", zone="UTC", grants=[pa.Grant("anna", "acme", role="editor")])
    >>> nine = datetime(2026, 11, 27, 9, tzinfo=timezone.utc)
    >>> live = page.compile([pa.Session("anna", "web", nine, nine + timedelta(hours=1))])
    >>> line = pa.Timeline.build(live, nine - timedelta(hours=1), nine + timedelta(hours=3))
    >>> views = np.array(["2026-11-27T09:30", "2026-11-27T11:00"], dtype="datetime64[ns]")
    >>> [STATUSES[code].value for code in line.status_codes(views)]
    ['active', 'offline']
"""

from __future__ import annotations

# Each part is a private module: the arrays and status codes, the pandas frames,
# visits per hour from pandas values, the pictures, and evaluate_visits for Dask.
from ._analysis_arrays import NS_MAX as NS_MAX  # the instants datetime64[ns] holds
from ._analysis_arrays import NS_MIN as NS_MIN
from ._analysis_arrays import OUTSIDE, STATUS_CODES, STATUSES, status_codes, timeline_arrays
from ._analysis_frames import comparison_frame, difference_frame, matrix_frame, segments_frame
from ._analysis_plot import HEATMAP_COLOURS, HEATMAP_STATES, plot_difference, plot_matrix, state_matrix
from ._analysis_profile import visit_profile
from ._analysis_visits import evaluate_visits

__all__ = [
    # array queries
    "OUTSIDE",
    "STATUSES",
    "STATUS_CODES",
    "timeline_arrays",
    "status_codes",
    # frames
    "segments_frame",
    "matrix_frame",
    "visit_profile",
    # pictures
    "HEATMAP_STATES",
    "HEATMAP_COLOURS",
    "state_matrix",
    "plot_matrix",
    # comparisons
    "comparison_frame",
    "difference_frame",
    "plot_difference",
    # scale-out
    "evaluate_visits",
]
