"""What-if in one call: evolve_page sets any knob of a Page by its own name, or refuses clearly."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail._evolve import KNOBS, evolve_page
from pageavail.testing import pages

UTC = timezone.utc


def bakery() -> pa.Page:
    """A bakery with weekday hours and public holidays of Berlin off."""
    hours = pa.Schedule.parse("Mo-Fr 09:00-17:00; PH off", zone="Europe/Berlin", holidays="DE-BE")
    return pa.Page(
        id="acme",
        name="Acme Bakery",
        zone="Europe/Berlin",
        settings=pa.MessagingSettings(hours=hours),
        grants=[pa.Grant("anna", "acme", role="editor")],
    )


def read(page: pa.Page, knob: str) -> Any:
    """The value of *knob* in *page*, found by its path in KNOBS."""
    value: Any = page
    for part in KNOBS[knob].split("."):
        value = getattr(value, part)
    return value


#: A new, valid value for each knob.
NEW = {
    "name": "Acme Evenings",
    "zone": "Europe/Vienna",
    "locale": "de",
    "settings": pa.MessagingSettings(enabled=False),
    "grants": [pa.Grant("omar", "acme", role="admin")],
    "policy": pa.Policy(rollout_percent=10),
    "enabled": False,
    "show_active": False,
    "hours": None,
    "away": True,
    "instant_reply": "Thanks!",
    "away_message": "Back {back_at}.",
    "presence": pa.PresencePolicy(api_counts=True),
    "rollout_percent": 25,
    "rollout_salt": "giveaway",
    "banner": timedelta(seconds=5),
    "prompt_cooldown": timedelta(hours=2),
    "idle_timeout": timedelta(minutes=30),
    "api_counts": True,
    "mobile_counts": False,
    "third_party_needs_heartbeat": False,
}


def test_every_knob_has_a_new_value_here() -> None:
    """The table of new values covers every knob, so the test below tries each of them."""
    assert sorted(NEW) == sorted(KNOBS)


@pytest.mark.parametrize("knob", sorted(NEW))
def test_each_knob_lands_in_its_nested_field(knob: str) -> None:
    """Each knob set by its flat name is found at its place in the Page, and nothing else changes."""
    page = bakery() if knob != "zone" else evolve_page(bakery(), hours=None)  # hours live in a zone
    changed = evolve_page(page, **{knob: NEW[knob]})
    expected = NEW[knob]
    if knob == "grants":
        expected = tuple(expected)
    assert read(changed, knob) == (
        expected if knob != "zone" else pa.Page(id="x", name="x", zone=expected).zone
    )
    levels = ("settings", "policy", "presence")
    for other in KNOBS:
        if other != knob and other not in levels and not KNOBS[other].startswith(KNOBS[knob] + "."):
            assert read(changed, other) == read(page, other), other


def test_several_knobs_at_several_levels_in_one_call() -> None:
    """A longer idle timeout, evening hours and half the rollout, in one call."""
    changed = evolve_page(
        bakery(), idle_timeout=timedelta(minutes=30), hours="Mo-Fr 09:00-20:00; PH off", rollout_percent=50
    )
    assert changed.policy.presence.idle_timeout == timedelta(minutes=30)
    assert changed.policy.rollout_percent == 50
    assert changed.settings.hours is not None
    assert changed.settings.hours.is_open(datetime(2026, 11, 23, 19, 30, tzinfo=changed.zone))


def test_hours_as_text_keep_the_holiday_calendar() -> None:
    """Hours given as text are parsed in the Page's zone, and PH still means the present calendar."""
    changed = evolve_page(bakery(), hours="Mo-Fr 09:00-20:00; PH off")
    hours = changed.settings.hours
    assert hours is not None
    assert hours.zone.key == "Europe/Berlin"
    assert hours.holidays == bakery().settings.hours.holidays  # type: ignore[union-attr]
    christmas = datetime(2026, 12, 25, 10, tzinfo=hours.zone)  # a Friday, and a holiday
    assert not hours.is_open(christmas)


def test_a_whole_level_first_then_its_knobs() -> None:
    """settings= replaces the settings, and a single knob given with it applies on top."""
    changed = evolve_page(bakery(), settings=pa.MessagingSettings(show_active=False), enabled=False)
    assert changed.settings.show_active is False
    assert changed.settings.enabled is False
    assert changed.settings.hours is None
    both = evolve_page(
        bakery(), presence=pa.PresencePolicy(api_counts=True), idle_timeout=timedelta(minutes=1)
    )
    assert both.policy.presence.api_counts is True
    assert both.policy.presence.idle_timeout == timedelta(minutes=1)


def test_unknown_knobs_are_refused_with_the_list() -> None:
    """A misspelt knob is refused, with a suggestion and every valid knob named."""
    with pytest.raises(pa.InvalidValueError) as caught:
        evolve_page(bakery(), idle_timout=timedelta(minutes=30))
    message = str(caught.value)
    assert "'idle_timout' is not a knob of a Page; did you mean 'idle_timeout'?" in message
    assert all(knob in message for knob in KNOBS)
    with pytest.raises(
        pa.InvalidValueError, match="'colour' is not a knob of a Page; the knobs are: api_counts"
    ):
        evolve_page(bakery(), colour="blue")
    with pytest.raises(pa.InvalidValueError, match="'id' is not a knob"):
        evolve_page(bakery(), id="other")


@pytest.mark.parametrize(
    ("changes", "error", "fragment"),
    [
        (
            {"idle_timeout": 30},
            pa.InvalidValueError,
            "'idle_timeout' must be a timedelta",
        ),  # minutes as a bare number
        ({"rollout_percent": float("nan")}, pa.InvalidValueError, "'rollout_percent' must be"),  # NaN
        ({"rollout_percent": 101}, pa.InvalidValueError, "'rollout_percent' must be"),  # above 100
        ({"hours": "Mo-Xx 09:00-17:00"}, pa.ScheduleSyntaxError, "weekday"),  # a bad hours text
        ({"zone": "Mars/Base"}, pa.UnknownZoneError, "Mars/Base"),  # no such zone
        (
            {"zone": "America/New_York"},
            pa.InvalidValueError,
            "parse the hours with zone",
        ),  # hours left in Berlin
        (
            {"settings": 3},
            pa.InvalidValueError,
            "'settings' must be a MessagingSettings",
        ),  # a level of the wrong kind
        ({"policy": None}, pa.InvalidValueError, "'policy' must be a Policy"),  # likewise
        ({"presence": "fast"}, pa.InvalidValueError, "'presence' must be a PresencePolicy"),  # likewise
        ({"name": ""}, pa.InvalidValueError, "'name' must be"),  # an empty name
        ({"enabled": "yes"}, pa.InvalidValueError, "'enabled' must be"),  # text for a truth value
    ],
)
def test_bad_values_raise_the_library_s_errors(changes: dict, error: type, fragment: str) -> None:
    """A value a knob refuses raises a PageAvailError naming the rule."""
    with pytest.raises(error, match=fragment):
        evolve_page(bakery(), **changes)


def test_a_zone_with_hours_in_it_moves_together() -> None:
    """Zone and hours text together move the Page: the text is parsed in the new zone."""
    moved = evolve_page(bakery(), zone="America/New_York", hours="Mo-Fr 09:00-17:00")
    assert moved.zone.key == moved.settings.hours.zone.key == "America/New_York"  # type: ignore[union-attr]


@pytest.mark.parametrize("page", [None, "acme", 3])
def test_only_pages_evolve(page: object) -> None:
    """Anything but a Page is refused."""
    with pytest.raises(pa.InvalidValueError, match="'page' must be a Page"):
        evolve_page(page, name="x")  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(pages())
def test_no_changes_give_an_equal_page(page: pa.Page) -> None:
    """With no changes the Page comes back equal (itself)."""
    assert evolve_page(page) == page


@settings(max_examples=60, deadline=None)
@given(pages(), st.sampled_from(sorted(KNOBS)))
def test_setting_a_knob_to_its_own_value_changes_nothing(page: pa.Page, knob: str) -> None:
    """Setting any knob to the value it has gives an equal Page, whatever the Page."""
    assert evolve_page(page, **{knob: read(page, knob)}) == page


@settings(max_examples=40, deadline=None)
@given(pages(), st.integers(0, 100), st.integers(1, 24 * 60))
def test_knobs_read_back(page: pa.Page, percent: int, minutes: int) -> None:
    """What is set is what is read back, at every level at once."""
    changed = evolve_page(page, rollout_percent=percent, idle_timeout=timedelta(minutes=minutes))
    assert changed.policy.rollout_percent == percent
    assert changed.policy.presence.idle_timeout == timedelta(minutes=minutes)
    assert changed.settings == page.settings
    assert changed.grants == page.grants


def test_ph_in_hours_text_without_a_calendar_says_how_to_give_one() -> None:
    """A Page whose hours have no holiday calendar: the fix names what evolve takes, not a knob it lacks."""
    page = evolve_page(bakery(), hours=pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin"))
    for plain in (page, evolve_page(page, hours=None)):
        with pytest.raises(pa.HolidayCalendarError) as caught:
            evolve_page(plain, hours="Mo-Fr 09:00-17:00; PH off")
        message = str(caught.value)
        assert "hours=Schedule.parse(" in message, message
        assert "holidays=" in message, message


def test_moving_the_zone_alone_says_to_give_the_hours_too() -> None:
    """The hours stay in their zone: the message says to pass them with the new zone, in one call."""
    with pytest.raises(pa.InvalidValueError) as caught:
        evolve_page(bakery(), zone="America/New_York")
    message = str(caught.value)
    assert "zone='America/New_York'" in message, message
    assert "hours=" in message, message
    assert evolve_page(bakery(), zone="Europe/Berlin") == bakery()  # the same zone moves nothing


def test_an_hours_text_keeps_the_school_holidays_too() -> None:
    """SH in a new hours text means the present hours' school holidays, as PH means their holidays."""
    school = [(date(2026, 12, 21), date(2027, 1, 2))]
    hours = pa.Schedule.parse("Mo-Fr 09:00-17:00; SH off", zone="Europe/Berlin", school_holidays=school)
    page = evolve_page(bakery(), hours=hours)
    changed = evolve_page(page, hours="Mo-Fr 08:00-18:00; SH off")
    assert changed.settings.hours is not None
    assert changed.settings.hours.school_holidays == hours.school_holidays
    assert not changed.settings.hours.is_open(datetime(2026, 12, 22, 10, tzinfo=changed.zone))


def test_sh_in_hours_text_without_school_holidays_says_how_to_give_them() -> None:
    for page in (pa.Page(id="a", name="A", zone="UTC"), evolve_page(bakery(), hours="Mo-Fr 09:00-17:00")):
        with pytest.raises(pa.HolidayCalendarError) as caught:
            evolve_page(page, hours="Mo-Fr 09:00-17:00; SH off")
        message = str(caught.value)
        assert "use SH" in message, message
        assert "school_holidays=[" in message, message


# -- settings= and hours= together: the text is read with what the new Page will have ---------------

#: Hours with the public holidays of Vienna and a week of school holidays, for settings= to bring.
VIENNA_SCHOOL = [(date(2026, 10, 26), date(2026, 10, 30))]


def austrian_settings(zone: str = "Europe/Berlin") -> pa.MessagingSettings:
    """Settings whose hours carry Austria's public holidays and a week of school holidays, in *zone*."""
    hours = pa.Schedule.parse(
        "Mo-Fr 09:00-17:00; PH off; SH off", zone=zone, holidays="AT", school_holidays=VIENNA_SCHOOL
    )
    return pa.MessagingSettings(hours=hours, show_active=False)


def at_noon(page: pa.Page, day: date) -> datetime:
    """Midday of *day* in the Page's zone."""
    return datetime(day.year, day.month, day.day, 12, tzinfo=page.zone)


@pytest.mark.parametrize("order", ["settings first", "hours first"])
def test_hours_text_with_new_settings_takes_the_new_settings_calendars(order: str) -> None:
    """With settings= and hours= together, PH and SH in the text mean the new settings' calendars (not the
    old Page's), in either order of the keywords."""
    text = "Mo-Fr 08:00-18:00; PH off; SH off"
    changes = (
        {"settings": austrian_settings(), "hours": text}
        if order == "settings first"
        else {"hours": text, "settings": austrian_settings()}
    )
    changed = evolve_page(bakery(), **changes)
    hours = changed.settings.hours
    assert hours is not None
    assert str(hours) == text
    assert hours.holidays == austrian_settings().hours.holidays  # type: ignore[union-attr]
    assert hours.school_holidays == austrian_settings().hours.school_holidays  # type: ignore[union-attr]
    assert changed.settings.show_active is False  # the rest of the new settings holds
    assert not hours.is_open(at_noon(changed, date(2026, 12, 8)))  # a holiday in Austria, not in Berlin
    assert hours.is_open(at_noon(changed, date(2027, 3, 8)))  # a holiday in Berlin, not in Austria
    assert not hours.is_open(at_noon(changed, date(2026, 10, 29)))  # a school holiday (a Thursday)


def test_settings_and_hours_together_equal_the_two_steps() -> None:
    """One call with settings= and hours= gives the Page that settings= and then hours= give."""
    text = "Mo-Sa 10:00-14:00; PH off; SH off"
    one = evolve_page(bakery(), settings=austrian_settings(), hours=text)
    two = evolve_page(evolve_page(bakery(), settings=austrian_settings()), hours=text)
    swapped = evolve_page(bakery(), hours=text, settings=austrian_settings())
    assert one == two == swapped


@pytest.mark.parametrize("order", ["zone first", "hours first"])
def test_zone_settings_and_hours_together_read_the_text_in_the_new_zone(order: str) -> None:
    """zone=, settings= and hours=: the text is read in the new zone with the new settings' calendars."""
    settings_ = austrian_settings(zone="Europe/Vienna")
    text = "Mo-Fr 09:00-17:00; PH off"
    changes = (
        {"zone": "Europe/Vienna", "settings": settings_, "hours": text}
        if order == "zone first"
        else {"hours": text, "settings": settings_, "zone": "Europe/Vienna"}
    )
    moved = evolve_page(bakery(), **changes)
    assert moved.zone.key == "Europe/Vienna"
    assert moved.settings.hours is not None
    assert moved.settings.hours.zone.key == "Europe/Vienna"
    assert moved.settings.hours.holidays == settings_.hours.holidays  # type: ignore[union-attr]


def test_new_settings_without_hours_leave_ph_in_the_text_without_a_calendar() -> None:
    """New settings with no hours give the text no calendar: PH is refused, naming the new settings,
    instead of quietly taking the old Page's holidays."""
    with pytest.raises(pa.HolidayCalendarError) as caught:
        evolve_page(bakery(), settings=pa.MessagingSettings(enabled=False), hours="Mo-Fr 09:00-17:00; PH off")
    message = str(caught.value)
    assert "the new settings have no hours to take a holiday calendar from" in message, message
    assert "hours=Schedule.parse(" in message, message
    plain = pa.MessagingSettings(hours=pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin"))
    with pytest.raises(pa.HolidayCalendarError, match="the new settings' hours have no school holidays"):
        evolve_page(bakery(), settings=plain, hours="Mo-Fr 09:00-17:00; SH off")
    without_ph = evolve_page(
        bakery(), settings=pa.MessagingSettings(enabled=False), hours="Mo-Fr 10:00-12:00"
    )
    assert without_ph.settings.hours is not None
    assert without_ph.settings.hours.holidays is None  # not the old Page's DE-BE


def test_without_new_settings_the_text_keeps_the_page_s_calendars() -> None:
    """hours= alone (with other settings knobs) still reads PH with the Page's own calendar."""
    changed = evolve_page(bakery(), enabled=False, hours="Mo-Fr 08:00-18:00; PH off")
    assert changed.settings.hours is not None
    assert changed.settings.hours.holidays == bakery().settings.hours.holidays  # type: ignore[union-attr]
    with pytest.raises(pa.HolidayCalendarError, match="the Page's hours have no school holidays"):
        evolve_page(bakery(), hours="Mo-Fr 09:00-17:00; SH off")
