"""What if: a giveaway week with response hours Mo-Fr 09-17, or around the clock?

Run: python examples/what_if.py

Loads the bundled Acme Bakery Page, assumes the team is online whenever it
answers, and compares two configurations over the giveaway week: active hours,
prompts shown and conversations started, from an hourly visit profile and a
click rate. The tests run this file.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pageavail as pa
from pageavail.config import load_page

HERE = Path(__file__).resolve().parent


def visit_profile() -> list:
    """Page views per hour by weekday: busy evenings, a peak on the giveaway's Saturday."""
    profile = []
    for day in range(7):
        row = []
        for hour in range(24):
            base = 40 if 8 <= hour < 22 else 6
            if 18 <= hour < 22:
                base *= 3  # evenings
            if day == 5:
                base *= 2  # Saturday: the draw
            row.append(float(base))
        profile.append(row)
    return profile


def main() -> None:
    loaded = load_page(HERE / "acme-bakery.toml")
    page = loaded.page
    zone = page.zone
    week = datetime(2026, 11, 23, tzinfo=zone), datetime(2026, 11, 30, tzinfo=zone)
    # Somebody who can answer is online the whole week (the what-if is about hours, not staffing).
    online = [pa.Session("anna", "web", week[0] - timedelta(hours=1), week[1] + timedelta(hours=1))]
    office = page
    around_the_clock = page.evolve(hours=None)  # any knob by its name: hours=, idle_timeout=, ...
    lines = [pa.Timeline.build(p.compile(online), *week) for p in (office, around_the_clock)]
    labels = ("office hours", "around the clock")
    comparison = lines[0].compare(lines[1], visits_per_hour=visit_profile(), click_rate=0.03, labels=labels)
    print(f"Giveaway week {week[0]:%d %b} - {week[1]:%d %b %Y}, {zone.key}")
    print(f"office hours: {page.settings.hours}")
    print(comparison)
    busiest = lines[1].forecast(visit_profile(), 0.03).busiest_hour
    if busiest is not None:
        when = f"{busiest.hour:%a %H:%M}"
        print(f"busiest hour around the clock: {when}, {busiest.conversations:.1f} conversations")


if __name__ == "__main__":
    main()
