"""Coverage-guided fuzzing of the Page file loader and the decision (atheris).

Run: python fuzz/fuzz_page_file.py -max_total_time=60 [corpus folder]

Mutates a valid Page file; whatever loads must compile, decide and prompt, and
anything that fails must fail with a pageavail.PageAvailError.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import pageavail as pa
    from pageavail import config, presence, rules, team  # noqa: F401 - instrument the lazily loaded modules
    from pageavail.config import loads_page

SEED = (Path(__file__).resolve().parent.parent / "examples" / "acme-bakery.toml").read_text(encoding="utf-8")


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    text = SEED
    for _ in range(provider.ConsumeIntInRange(1, 4)):
        where = provider.ConsumeIntInRange(0, len(text))
        span = provider.ConsumeIntInRange(0, 12)
        text = text[:where] + provider.ConsumeUnicodeNoSurrogates(16) + text[where + span :]
    try:
        loaded = loads_page(text, "fuzz.toml")
    except pa.PageAvailError:
        return
    live = loaded.compile()
    at = datetime(2026, 11, 27, tzinfo=timezone.utc) + timedelta(
        minutes=provider.ConsumeIntInRange(0, 3 * 1440)
    )
    try:
        decision = live.decide(at)
        live.prompt(at, visitor="v-1", decision=decision)
        live.back_at(at)
    except pa.PageAvailError:
        return


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
