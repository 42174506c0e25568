"""{back_at}: an adverbial phrase that fits "back {back_at}" in each of the eight languages."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Dict, List

import pytest
from babel import Locale
from hypothesis import example, given
from hypothesis import strategies as st

import pageavail as pa
from pageavail._i18n import LANGUAGES
from pageavail.config import load_page
from pageavail.replies import RELATIVE_LIMIT, Message, ReplyKind, auto_reply, format_back_at
from pageavail.schedule import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
FRIDAY = datetime(2026, 11, 27, 18, 0, tzinfo=BERLIN)  # a Friday evening
SECOND = timedelta(seconds=1)
MINUTE = timedelta(minutes=1)

#: The forms, each a return seen from FRIDAY (None: no return; "soon" and "later" by *returns*).
FORMS: Dict[str, datetime] = {
    "under a minute": FRIDAY + 30 * SECOND,
    "one minute": FRIDAY + MINUTE,
    "minutes": FRIDAY + 40 * MINUTE,
    "ninety minutes": FRIDAY + 90 * MINUTE,
    "same day": datetime(2026, 11, 27, 21, 0, tzinfo=BERLIN),
    "tomorrow": datetime(2026, 11, 28, 9, 0, tzinfo=BERLIN),
    "tomorrow at one": datetime(2026, 11, 28, 1, 0, tzinfo=BERLIN),
    "weekday": datetime(2026, 11, 30, 9, 0, tzinfo=BERLIN),
    "weekday at one": datetime(2026, 12, 1, 1, 0, tzinfo=BERLIN),
    "date": datetime(2027, 1, 4, 9, 0, tzinfo=BERLIN),
    "first of a month at one": datetime(2027, 1, 1, 1, 0, tzinfo=BERLIN),
}

EXPECTED: Dict[str, Dict[str, str]] = {
    "en": {
        "under a minute": "in under a minute",
        "one minute": "in 1 minute",
        "minutes": "in 40 minutes",
        "ninety minutes": "in 90 minutes",
        "same day": "today at 21:00",
        "tomorrow": "tomorrow at 09:00",
        "tomorrow at one": "tomorrow at 01:00",
        "weekday": "on Monday at 09:00",
        "weekday at one": "on Tuesday at 01:00",
        "date": "on January 4, 2027 at 09:00",
        "first of a month at one": "on January 1, 2027 at 01:00",
        "soon": "soon",
        "later": "later",
    },
    "de": {
        "under a minute": "in weniger als einer Minute",
        "one minute": "in einer Minute",
        "minutes": "in 40 Minuten",
        "ninety minutes": "in 90 Minuten",
        "same day": "heute um 21:00 Uhr",
        "tomorrow": "morgen um 09:00 Uhr",
        "tomorrow at one": "morgen um 01:00 Uhr",
        "weekday": "am Montag um 09:00 Uhr",
        "weekday at one": "am Dienstag um 01:00 Uhr",
        "date": "am 4. Januar 2027 um 09:00 Uhr",
        "first of a month at one": "am 1. Januar 2027 um 01:00 Uhr",
        "soon": "in Kürze",
        "later": "später",
    },
    "es": {
        "under a minute": "en menos de un minuto",
        "one minute": "en un minuto",
        "minutes": "en 40 minutos",
        "ninety minutes": "en 90 minutos",
        "same day": "hoy a las 21:00",
        "tomorrow": "mañana a las 9:00",
        "tomorrow at one": "mañana a la 1:00",
        "weekday": "el lunes a las 9:00",
        "weekday at one": "el martes a la 1:00",
        "date": "el 4 de enero de 2027 a las 9:00",
        "first of a month at one": "el 1 de enero de 2027 a la 1:00",
        "soon": "pronto",
        "later": "más tarde",
    },
    "fr": {
        "under a minute": "dans moins d’une minute",
        "one minute": "dans une minute",
        "minutes": "dans 40 minutes",
        "ninety minutes": "dans 90 minutes",
        "same day": "aujourd’hui à 21:00",
        "tomorrow": "demain à 09:00",
        "tomorrow at one": "demain à 01:00",
        "weekday": "lundi à 09:00",
        "weekday at one": "mardi à 01:00",
        "date": "le 4 janvier 2027 à 09:00",
        "first of a month at one": "le 1er janvier 2027 à 01:00",
        "soon": "bientôt",
        "later": "plus tard",
    },
    "it": {
        "under a minute": "tra meno di un minuto",
        "one minute": "tra un minuto",
        "minutes": "tra 40 minuti",
        "ninety minutes": "tra 90 minuti",
        "same day": "oggi alle 21:00",
        "tomorrow": "domani alle 09:00",
        "tomorrow at one": "domani all'01:00",
        "weekday": "lunedì alle 09:00",
        "weekday at one": "martedì all'01:00",
        "date": "il giorno 4 gennaio 2027 alle 09:00",
        "first of a month at one": "il giorno 1º gennaio 2027 all'01:00",
        "soon": "a breve",
        "later": "più tardi",
    },
    "nl": {
        "under a minute": "binnen een minuut",
        "one minute": "over een minuut",
        "minutes": "over 40 minuten",
        "ninety minutes": "over 90 minuten",
        "same day": "vandaag om 21:00",
        "tomorrow": "morgen om 09:00",
        "tomorrow at one": "morgen om 01:00",
        "weekday": "maandag om 09:00",
        "weekday at one": "dinsdag om 01:00",
        "date": "op 4 januari 2027 om 09:00",
        "first of a month at one": "op 1 januari 2027 om 01:00",
        "soon": "binnenkort",
        "later": "later",
    },
    "pl": {
        "under a minute": "za niecałą minutę",
        "one minute": "za minutę",
        "minutes": "za 40 minut",
        "ninety minutes": "za 90 minut",
        "same day": "dziś o 21:00",
        "tomorrow": "jutro o 09:00",
        "tomorrow at one": "jutro o 01:00",
        "weekday": "w poniedziałek o 09:00",
        "weekday at one": "we wtorek o 01:00",
        "date": "4 stycznia 2027 o 09:00",
        "first of a month at one": "1 stycznia 2027 o 01:00",
        "soon": "wkrótce",
        "later": "później",
    },
    "pt_BR": {
        "under a minute": "em menos de um minuto",
        "one minute": "em um minuto",
        "minutes": "em 40 minutos",
        "ninety minutes": "em 90 minutos",
        "same day": "hoje às 21:00",
        "tomorrow": "amanhã às 09:00",
        "tomorrow at one": "amanhã à 01:00",
        "weekday": "na segunda-feira às 09:00",
        "weekday at one": "na terça-feira à 01:00",
        "date": "em 4 de janeiro de 2027 às 09:00",
        "first of a month at one": "em 1º de janeiro de 2027 à 01:00",
        "soon": "em breve",
        "later": "mais tarde",
    },
}

#: Each language's phrase for a return on each weekday (Monday first) at 09:00, seen from a
#: Saturday so that Monday to Friday lie 2 to 6 days ahead; Saturday and Sunday from a Tuesday.
WEEKDAYS: Dict[str, List[str]] = {
    "en": ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday"],
    "de": [
        "am Montag",
        "am Dienstag",
        "am Mittwoch",
        "am Donnerstag",
        "am Freitag",
        "am Samstag",
        "am Sonntag",
    ],
    "es": ["el lunes", "el martes", "el miércoles", "el jueves", "el viernes", "el sábado", "el domingo"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "pl": [
        "w poniedziałek",
        "we wtorek",
        "w środę",
        "w czwartek",
        "w piątek",
        "w sobotę",
        "w niedzielę",
    ],
    "pt_BR": [
        "na segunda-feira",
        "na terça-feira",
        "na quarta-feira",
        "na quinta-feira",
        "na sexta-feira",
        "no sábado",
        "no domingo",
    ],
}
#: The preposition before the time 09:00, by language.
AT_NINE = {
    "en": "at 09:00",
    "de": "um 09:00 Uhr",
    "es": "a las 9:00",
    "fr": "à 09:00",
    "it": "alle 09:00",
    "nl": "om 09:00",
    "pl": "o 09:00",
    "pt_BR": "às 09:00",
}
#: Polish weekdays in the accusative after "w"/"we", which Babel's names (nominative) are not.
POLISH_ACCUSATIVE = ["poniedziałek", "wtorek", "środę", "czwartek", "piątek", "sobotę", "niedzielę"]


def weekday_return(weekday: int) -> tuple[datetime, datetime]:
    """A return at 09:00 on *weekday* (0 Monday), 2 to 6 days after the instant it is seen from."""
    seen = (
        datetime(2026, 11, 28, 12, 0, tzinfo=BERLIN)
        if weekday < 5
        else datetime(2026, 12, 1, 12, 0, tzinfo=BERLIN)
    )
    back = seen.replace(hour=9)
    while back.weekday() != weekday or (back.date() - seen.date()).days < 2:
        back += timedelta(days=1)
    return seen, back


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("form", list(EXPECTED["en"]))
def test_each_form_reads_as_a_native_speaker_writes_it(language: str, form: str) -> None:
    """Every form of {back_at} in every language is the phrase of the table, word for word."""
    if form == "soon":
        got = format_back_at(None, FRIDAY, language, BERLIN)
    elif form == "later":
        got = format_back_at(None, FRIDAY, language, BERLIN, returns=False)
    else:
        got = format_back_at(FORMS[form], FRIDAY, language, BERLIN)
    assert got == EXPECTED[language][form]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("weekday", range(7))
def test_each_weekday_is_a_whole_phrase_in_each_language(language: str, weekday: int) -> None:
    """Two to six days ahead, each weekday has its own phrase with the language's article and case."""
    seen, back = weekday_return(weekday)
    assert 2 <= (back.date() - seen.date()).days <= 6
    phrase = f"{WEEKDAYS[language][weekday]} {AT_NINE[language]}"
    assert format_back_at(back, seen, language, BERLIN) == phrase


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != "pl"])
@pytest.mark.parametrize("weekday", range(7))
def test_weekday_names_are_babels(language: str, weekday: int) -> None:
    """The catalogue's weekday names are CLDR's (Babel's wide format names), never misspelt."""
    name = Locale.parse(language).days["format"]["wide"][weekday]
    seen, back = weekday_return(weekday)
    assert name.lower() in format_back_at(back, seen, language, BERLIN).lower()


@pytest.mark.parametrize("weekday", range(7))
def test_polish_weekdays_are_in_the_accusative(weekday: int) -> None:
    """Polish says "w środę", "w sobotę", "w niedzielę", "we wtorek": the accusative, not Babel's nominative."""
    seen, back = weekday_return(weekday)
    text = format_back_at(back, seen, "pl", BERLIN)
    preposition = "we" if weekday == 1 else "w"
    assert text == f"{preposition} {POLISH_ACCUSATIVE[weekday]} o 09:00"
    nominative = Locale.parse("pl").days["format"]["wide"][weekday]
    assert (nominative in text) == (nominative == POLISH_ACCUSATIVE[weekday])


@pytest.mark.parametrize("hour", range(24))
def test_the_hour_chooses_the_preposition(hour: int) -> None:
    """Spanish says "a la 1:00" and "a las 0:00"/"a las 9:00"; Portuguese "à 00:00", "à 01:00" and "às 09:00"
    (CLDR's plural rule for the hour); French always "à"; in every form with a time."""
    seen = datetime(2026, 11, 27, 0, 0, tzinfo=BERLIN)  # a Friday at midnight
    returns = [seen + timedelta(days=days, hours=hour) for days in (1, 3, 10)]  # tomorrow, a weekday, a date
    if hour >= 2:
        returns.append(seen + timedelta(hours=hour))  # the same day, past the relative minutes
    for back in returns:
        spanish = format_back_at(back, seen, "es", BERLIN)
        portuguese = format_back_at(back, seen, "pt_BR", BERLIN)
        french = format_back_at(back, seen, "fr", BERLIN)
        assert spanish.endswith(f" a la {hour}:00" if hour == 1 else f" a las {hour}:00"), spanish
        assert portuguese.endswith(f" à {hour:02d}:00" if hour <= 1 else f" às {hour:02d}:00"), portuguese
        assert french.endswith(f" à {hour:02d}:00"), french


@pytest.mark.parametrize(
    ("ahead", "text"),
    [
        (timedelta(microseconds=1), "in under a minute"),
        (59 * SECOND + timedelta(microseconds=999_999), "in under a minute"),
        (60 * SECOND, "in 1 minute"),
        (89 * SECOND, "in 1 minute"),
        (90 * SECOND, "in 2 minutes"),
        (40 * MINUTE + 29 * SECOND, "in 40 minutes"),
        (40 * MINUTE + 30 * SECOND, "in 41 minutes"),
        (RELATIVE_LIMIT - 31 * SECOND, "in 89 minutes"),
        (RELATIVE_LIMIT, "in 90 minutes"),
        (RELATIVE_LIMIT + SECOND, "today at 19:30"),
        (timedelta(0), "soon"),
        (-MINUTE, "soon"),
    ],
)
def test_the_thresholds_of_the_relative_forms(ahead: timedelta, text: str) -> None:
    """Under a minute: "in under a minute"; from 60 seconds to 90 minutes: whole minutes, rounded half up
    (never "in 60 seconds"); beyond: the clock; a return at or before now is due: "soon"."""
    assert format_back_at(FRIDAY + ahead, FRIDAY, "en", BERLIN) == text


def test_one_minute_in_each_language() -> None:
    """60 seconds read as one minute in words where the language says so ("in einer Minute", "za minutę")."""
    got = {language: format_back_at(FRIDAY + MINUTE, FRIDAY, language, BERLIN) for language in LANGUAGES}
    assert got == {language: EXPECTED[language]["one minute"] for language in LANGUAGES}
    polish = {n: format_back_at(FRIDAY + n * MINUTE, FRIDAY, "pl", BERLIN) for n in (2, 5, 12, 22, 25)}
    assert polish == {
        2: "za 2 minuty",
        5: "za 5 minut",
        12: "za 12 minut",
        22: "za 22 minuty",
        25: "za 25 minut",
    }


def test_dst_changes_count_real_minutes_and_local_days() -> None:
    """Across a DST change the minutes are real ones and the days are local ones (Berlin and New York)."""
    spring = datetime(2027, 3, 28, 1, 30, tzinfo=BERLIN)  # 03:30 CEST is 60 real minutes later
    assert (
        format_back_at(datetime(2027, 3, 28, 3, 30, tzinfo=BERLIN), spring, "de", BERLIN) == "in 60 Minuten"
    )
    saturday = datetime(2027, 3, 27, 12, 0, tzinfo=BERLIN)
    assert format_back_at(datetime(2027, 3, 29, 9, 0, tzinfo=BERLIN), saturday, "de", BERLIN) == (
        "am Montag um 09:00 Uhr"
    )
    assert format_back_at(datetime(2027, 3, 28, 9, 0, tzinfo=BERLIN), saturday, "de", BERLIN) == (
        "morgen um 09:00 Uhr"
    )
    autumn = datetime(2026, 10, 25, 1, 0, tzinfo=BERLIN)  # 02:30 happens twice; the second is 150 minutes on
    second = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN)
    assert format_back_at(second, autumn, "de", BERLIN) == "heute um 02:30 Uhr"
    first = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN)  # 90 real minutes
    assert format_back_at(first, autumn, "de", BERLIN) == "in 90 Minuten"
    evening = datetime(2026, 10, 31, 23, 0, tzinfo=NEW_YORK)  # Saturday, before the change
    assert format_back_at(datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK), evening, "en", NEW_YORK) == (
        "tomorrow at 01:30"
    )
    assert format_back_at(datetime(2026, 11, 2, 9, 0, tzinfo=NEW_YORK), evening, "es", NEW_YORK) == (
        "el lunes a las 9:00"
    )
    utc_now = evening.astimezone(timezone.utc)  # the zone of the instants never matters, the Page's does
    assert format_back_at(datetime(2026, 11, 2, 14, 0, tzinfo=timezone.utc), utc_now, "en", NEW_YORK) == (
        "on Monday at 09:00"
    )


def test_midnight() -> None:
    """A return at midnight is the next day's 00:00; seconds before it, "in under a minute"."""
    late = datetime(2026, 11, 27, 22, 0, tzinfo=BERLIN)
    midnight = datetime(2026, 11, 28, 0, 0, tzinfo=BERLIN)
    assert format_back_at(midnight, late, "de", BERLIN) == "morgen um 00:00 Uhr"
    assert format_back_at(midnight, late, "es", BERLIN) == "mañana a las 0:00"
    assert format_back_at(midnight, late, "pt_BR", BERLIN) == "amanhã à 00:00"
    assert format_back_at(midnight, midnight - 30 * SECOND, "en", BERLIN) == "in under a minute"
    assert format_back_at(midnight, midnight - 90 * MINUTE, "en", BERLIN) == "in 90 minutes"
    assert format_back_at(midnight + timedelta(days=1), late, "en", BERLIN) == "on Sunday at 00:00"
    assert format_back_at(midnight + timedelta(days=6), late, "en", BERLIN) == "on December 4, 2026 at 00:00"


def test_the_limits_of_the_supported_instants() -> None:
    """The last supported days format in every language; a return beyond them is the library's error."""
    last = datetime(9996, 12, 31, 23, 0, tzinfo=timezone.utc)
    seen = datetime(9996, 12, 20, 12, 0, tzinfo=timezone.utc)
    kiritimati = ZoneInfo("Pacific/Kiritimati")  # UTC+14: the last hour is already 9997 there
    assert format_back_at(last, seen, "de", "UTC") == "am 31. Dezember 9996 um 23:00 Uhr"
    assert format_back_at(last, seen, "en", kiritimati) == "on January 1, 9997 at 13:00"
    for language in LANGUAGES:
        assert format_back_at(last, last - 20 * MINUTE, language, kiritimati) == EXPECTED[language][
            "minutes"
        ].replace("40", "20")
    with pytest.raises(pa.OutOfRangeError):
        format_back_at(datetime(9999, 12, 31, 23, 0, tzinfo=timezone.utc), seen, "en", "UTC")
    first = datetime(4, 1, 1, tzinfo=timezone.utc)  # a Thursday
    assert format_back_at(first + timedelta(days=3), first, "en", "UTC") == "on Sunday at 00:00"


REGIONS = ("en-GB", "en-US", "de-AT", "de-CH", "fr-CA", "fr-BE", "es-MX", "pt-PT", "nl-BE", "it-CH")


@given(
    back=st.datetimes(
        min_value=datetime(6, 1, 1), max_value=datetime(9996, 12, 1), timezones=st.just(timezone.utc)
    ),
    ahead=st.one_of(
        st.timedeltas(min_value=timedelta(minutes=-5), max_value=timedelta(hours=3)),
        st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)),
    ),
    locale=st.sampled_from(LANGUAGES + REGIONS),
    zone=st.sampled_from(["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Kiritimati"]),
    returns=st.booleans(),
    none=st.booleans(),
)
@example(
    back=datetime(2027, 1, 1, 1, 0, tzinfo=timezone.utc),
    ahead=timedelta(days=9),
    locale="fr-CA",
    zone="Europe/Berlin",
    returns=True,
    none=False,
)
def test_every_result_is_a_whole_phrase(
    back: datetime, ahead: timedelta, locale: str, zone: str, returns: bool, none: bool
) -> None:
    """For any return, instant, zone and supported locale, {back_at} is a non-empty phrase with no unfilled
    placeholder, no trailing comma and no stray spaces."""
    text = format_back_at(None if none else back, back - ahead, locale, zone, returns=returns)
    assert isinstance(text, str)
    assert text
    assert "{" not in text
    assert "}" not in text
    assert not text.endswith(",")
    assert text == text.strip()
    assert "  " not in text


# -- the example Pages' away messages ---------------------------------------------------------------------


def _away(example_file: str, at: str) -> str:
    page = load_page(str(ROOT / "examples" / example_file)).compile()
    reply = auto_reply(page, Message("c1", "visitor", datetime.fromisoformat(at)))
    assert reply.kind is ReplyKind.AWAY_MESSAGE
    assert reply.text is not None
    return reply.text


@pytest.mark.parametrize(
    ("example_file", "at", "text"),
    [
        (
            "acme-bakery.toml",
            "2026-11-28T15:00:00+01:00",  # Saturday after the hours
            "Wir sind gerade nicht da und am Montag um 09:00 Uhr wieder für dich da.",
        ),
        (
            "acme-bakery.toml",
            "2026-11-27T08:30:00+01:00",  # Friday before the hours
            "Wir sind gerade nicht da und in 30 Minuten wieder für dich da.",
        ),
        (
            "acme-bakery.toml",
            "2026-11-27T18:00:00+01:00",
            "Wir sind gerade nicht da und morgen um 10:00 Uhr wieder für dich da.",
        ),
        (
            "acme-bakery.toml",
            "2026-12-24T18:00:00+01:00",  # Christmas: two holidays and a Sunday
            "Wir sind gerade nicht da und am Montag um 09:00 Uhr wieder für dich da.",
        ),
        (
            "support-desk-24-7.toml",
            "2026-12-25T10:00:00+01:00",
            "Heute ist Feiertag. Wir sind morgen um 00:00 Uhr wieder für dich da.",
        ),
        (
            "support-desk-24-7.toml",
            "2026-12-25T23:00:00+01:00",
            "Heute ist Feiertag. Wir sind in 60 Minuten wieder für dich da.",
        ),
        (
            "ticket-tool-api.toml",
            "2026-11-27T19:00:00-05:00",
            "Our team is offline. We're back on Monday at 08:00.",
        ),
        (
            "ticket-tool-api.toml",
            "2026-11-25T19:00:00-05:00",  # Thanksgiving is a holiday
            "Our team is offline. We're back on Friday at 08:00.",
        ),
    ],
)
def test_the_example_pages_away_messages_read_correctly(example_file: str, at: str, text: str) -> None:
    """The three example Pages' away messages, rendered in their language, read as whole sentences."""
    assert _away(example_file, at) == text


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_form_reads_like_a_list_item(language: str) -> None:
    """No form separates the day from the time with a comma ("Montag, 09:00"); only the English date
    keeps CLDR's comma before the year ("January 4, 2027")."""
    for form, back in FORMS.items():
        text = format_back_at(back, FRIDAY, language, BERLIN)
        assert text.count(",") == (1 if (language, form[:4]) in {("en", "date"), ("en", "firs")} else 0), text


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("d 'de' MMM 'de' y", "'1º' 'de' MMM 'de' y"),
        ("d. MMM y", "'1º'. MMM y"),
        ("MMM d, y", "MMM '1º', y"),
        ("'d' d MMM", "'d' '1º' MMM"),  # a quoted d is text, not the day
        ("dd/MM/y", "dd/MM/y"),  # a two-letter day is left alone
        ("d 'o''clock' MMM", "'1º' 'o''clock' MMM"),  # an escaped quote inside a literal
    ],
)
def test_the_first_of_a_month_replaces_only_the_day_field(pattern: str, text: str) -> None:
    """The ordinal day 1 replaces the date pattern's one-letter day field, never quoted text or "dd"."""
    from pageavail.replies import _with_day

    assert _with_day(pattern, "1º") == text


def test_a_return_in_a_dst_gap_is_written_as_the_clock_reads_it() -> None:
    """02:30 on the night Berlin's clocks go forward does not exist: the return is at 01:30 UTC, which the
    clock shows as 03:30, so the phrase says 03:30, never the wall time that never comes."""
    night = datetime(2027, 3, 28, 0, 0, tzinfo=BERLIN)
    assert (
        format_back_at(datetime(2027, 3, 28, 2, 30, tzinfo=BERLIN), night, "de", BERLIN)
        == "heute um 03:30 Uhr"
    )
    assert format_back_at(datetime(2027, 3, 28, 2, 30, tzinfo=BERLIN), night, "en", "Europe/Berlin") == (
        "today at 03:30"
    )
    new_york_night = datetime(2027, 3, 14, 0, 0, tzinfo=NEW_YORK)
    assert format_back_at(datetime(2027, 3, 14, 2, 30, tzinfo=NEW_YORK), new_york_night, "en", NEW_YORK) == (
        "today at 03:30"
    )


class _NoOffset(tzinfo):
    """A tzinfo that knows no offset."""

    def utcoffset(self, dt: object) -> None:
        return None

    def dst(self, dt: object) -> None:
        return None

    def tzname(self, dt: object) -> str:
        return "none"


class _FailsLater(tzinfo):
    """A tzinfo that has an offset in 2000 but fails for later years."""

    def utcoffset(self, dt: object) -> timedelta:
        if isinstance(dt, datetime) and dt.year > 2020:
            raise RuntimeError("no data")
        return timedelta(hours=1)

    def dst(self, dt: object) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: object) -> str:
        return "later"


@pytest.mark.parametrize("zone", [_NoOffset(), _FailsLater()], ids=["no offset", "fails later"])
def test_a_zone_without_usable_offsets_is_refused_as_such(zone: object) -> None:
    """A tzinfo whose offset is None, or that fails at the return, gives the library's error naming the zone."""
    back = datetime(2027, 1, 4, 9, 0, tzinfo=BERLIN)
    with pytest.raises(pa.InvalidValueError, match="zone"):
        format_back_at(back, FRIDAY, "en", zone)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pl", "2 maja 2027 o 09:00"),  # the genitive month, never the abbreviation "2 maj"
        ("de", "am 2. Mai 2027 um 09:00 Uhr"),
        ("it", "il giorno 2 maggio 2027 alle 09:00"),
        ("pt-PT", "em 2 de maio de 2027 às 09:00"),
        ("es", "el 2 de mayo de 2027 a las 9:00"),
    ],
)
def test_a_date_writes_the_month_out_as_running_text_does(language: str, text: str) -> None:
    """A week or more ahead the month is written out, declined where the language declines it."""
    assert format_back_at(datetime(2027, 5, 2, 9, 0, tzinfo=BERLIN), FRIDAY, language, BERLIN) == text


@pytest.mark.parametrize("hour", range(24))
def test_italian_elides_the_article_before_one_oclock_only(hour: int) -> None:
    """Italian writes "all'01:00" (l'una) but "alle" before every other hour."""
    text = format_back_at(datetime(2026, 11, 28, hour, 0, tzinfo=BERLIN), FRIDAY, "it", BERLIN)
    assert text == (f"domani all'{hour:02d}:00" if hour == 1 else f"domani alle {hour:02d}:00")
