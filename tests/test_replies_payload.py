"""The visitor's payload: validated fields, instants compared as instants, the locale chain."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import attrs
import pytest

import pageavail as pa
from pageavail.payload import MAX_BANNER, build_payload, prompt_texts
from pageavail.schedule import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
CEST_0230 = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN)
CET_0230 = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN)


def made(shown_at: datetime) -> pa.Payload:
    """A payload shown at *shown_at*."""
    return build_payload(
        page_id="acme",
        page_name="Acme",
        locale="en",
        texts=prompt_texts("Acme", "en"),
        shown_at=shown_at,
        banner=timedelta(seconds=8),
        expires_at=None,
        visitor=None,
    )


def test_payloads_compare_instants() -> None:
    """Payloads shown at 02:30 CEST and 02:30 CET are different, though their wall clocks agree."""
    assert made(CEST_0230) != made(CET_0230)
    assert made(CEST_0230) == made(CEST_0230.astimezone(timezone.utc).astimezone(BERLIN))


def test_prompt_texts_follow_the_locale_chain() -> None:
    """prompt_texts reads de-AT as German (its language), unknown languages as English."""
    assert prompt_texts("Acme", "de-AT") == prompt_texts("Acme", "de")
    assert prompt_texts("Acme", "sv") == prompt_texts("Acme", "en")
    assert prompt_texts("Acme", "pt") == prompt_texts("Acme", "pt-BR")


@pytest.mark.parametrize(
    "change",
    [
        {"page_id": "acme\n"},
        {"page_name": ""},
        {"locale": "de_at"},
        {"title": 5},
        {"shown_at": datetime(2026, 1, 1)},
        {"expires_at": "soon"},
        {"dedupe_key": "x"},
    ],
)
def test_payload_fields_are_validated(change: dict) -> None:
    """Every field of a payload is checked, with the library's error naming it."""
    with pytest.raises(pa.PageAvailError, match=repr(next(iter(change)))):
        attrs.evolve(made(CEST_0230), **change)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"banner": MAX_BANNER + timedelta(seconds=1)}, "banner"),
        ({"texts": ("a", "b")}, "texts"),
        ({"visitor": 5}, "visitor"),
        ({"expires_at": datetime(9999, 1, 1, tzinfo=timezone.utc)}, "expires_at"),
    ],
)
def test_build_payload_checks_its_arguments(change: dict, field: str) -> None:
    """build_payload names the argument it refuses."""
    arguments = {
        "page_id": "acme",
        "page_name": "Acme",
        "locale": "en",
        "texts": prompt_texts("Acme", "en"),
        "shown_at": CEST_0230,
        "banner": timedelta(seconds=8),
        "expires_at": None,
        "visitor": None,
        **change,
    }
    with pytest.raises(pa.PageAvailError, match=repr(field)):
        build_payload(**arguments)
