"""The giveaway notebook in the docs executes from top to bottom and shows its answer and pictures."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any, Dict, List

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "notebooks" / "giveaway-week.ipynb"


def _tools() -> Any:
    """nbformat and nbclient, or a skip that says what is missing (the test extra installs them)."""
    missing = []
    for name in ("nbformat", "nbclient", "ipykernel", "numpy", "pandas", "matplotlib"):
        try:
            __import__(name)
        except ImportError:
            missing.append(name)
    if missing:
        reason = f"the notebook needs {', '.join(missing)} (pip install 'pageavail[test]')"
        print(reason)
        pytest.skip(reason)
    import nbformat

    return nbformat


def outputs(notebook: Any) -> List[Dict[str, Any]]:
    """Every output of every code cell, in order."""
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


def texts(notebook: Any) -> str:
    """The text the cells printed or returned, joined."""
    parts = []
    for output in outputs(notebook):
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            parts.append(output.data.get("text/plain", ""))
            parts.append(output.data.get("text/html", ""))
    return "\n".join(parts)


def pictures(notebook: Any) -> List[bytes]:
    """The PNG pictures among the outputs."""
    return [
        base64.b64decode(output.data["image/png"])
        for output in outputs(notebook)
        if output.output_type in ("execute_result", "display_data") and "image/png" in output.data
    ]


def check_answer(notebook: Any) -> None:
    """What the notebook must show: no error, the timeline, the forecast, the labelled what-if, three pictures."""
    assert not [o for o in outputs(notebook) if o.output_type == "error"]
    shown = texts(notebook)
    assert "<Timeline acme-bakery 2026-11-23 00:00 to 2026-11-30 00:00 Europe/Berlin" in shown
    assert "<LoadForecast 168 hours from 2026-11-23 00:00 Europe/Berlin" in shown
    assert "busiest hour:" in shown
    assert "<Comparison 'as set up' vs 'longer idle, evenings'" in shown
    assert "<th>longer idle, evenings</th>" in shown
    images = pictures(notebook)
    assert len(images) == 3  # the heatmap as set up, the heatmap of the what-if, the difference
    assert all(image.startswith(b"\x89PNG\r\n\x1a\n") for image in images)


def test_the_committed_notebook_carries_its_outputs() -> None:
    """The notebook in the repository is saved executed, so the docs show its tables and pictures."""
    nbformat = _tools()
    notebook = nbformat.read(str(NOTEBOOK), as_version=4)
    check_answer(notebook)
    counts = [cell.execution_count for cell in notebook.cells if cell.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))  # run once, in order


def test_the_notebook_executes() -> None:
    """A fresh python3 kernel (the current interpreter's ipykernel) runs every cell, within a time limit,
    and gets the same answer."""
    nbformat = _tools()
    from nbclient import NotebookClient

    notebook = nbformat.read(str(NOTEBOOK), as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    client = NotebookClient(
        notebook,
        timeout=600,
        startup_timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    check_answer(notebook)
