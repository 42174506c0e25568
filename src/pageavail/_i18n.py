"""Messages, gettext catalogues and locales, the gettext way with a locale as an argument.

Messages are marked in the code with their English text (:func:`N_`, plural
:func:`Nn_`, with a context :func:`Np_` / :func:`Nnp_`; ``pybabel extract``
reads the markers into ``locales/pageavail.pot``) and rendered later for a
locale passed as an argument: there is no active locale, no process state.

The catalogues are GNU gettext ``.mo`` files in ``locales/<lang>/LC_MESSAGES``,
compiled from the ``.po`` files with ``pybabel compile``. Each is read on first
use and kept (there are few). English is the source language: its texts are
the message ids. Babel, which formats numbers, durations and dates, is imported
on first use too, so ``import pageavail`` stays fast.
"""

from __future__ import annotations

import gettext
import io
import pkgutil
import threading
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Dict, Literal, NamedTuple, Optional, Tuple, Union

from .errors import InvalidValueError

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Ago",
    "Clock",
    "Day",
    "DayTime",
    "Hours",
    "Joined",
    "Duration",
    "Message",
    "Moment",
    "N_",
    "Nn_",
    "Nnp_",
    "Np_",
    "Percent",
    "Text",
    "catalogue_language",
    "normalize_locale",
]

DOMAIN = "pageavail"
#: The source language: the message ids are its texts.
DEFAULT_LANGUAGE = "en"
#: The languages with a catalogue, as gettext names them (``pt_BR``).
LANGUAGES = ("en", "de", "es", "fr", "it", "nl", "pl", "pt_BR")
#: How many locale spellings the normaliser remembers (they may come from visitors).
_SPELLINGS = 1024


class Message(NamedTuple):
    """A marked message: its English text (and plural), with an optional context."""

    msgid: str
    plural: Optional[str] = None
    context: Optional[str] = None

    def __call__(self, n: Optional[int] = None, **params: Any) -> Text:
        """The message with its values (*n*: the count that chooses a plural form),
        rendered later for any locale."""
        return Text(self, tuple(sorted(params.items())), n)


def N_(message: str) -> Message:
    """Mark a message for translation (rendered later, for a locale given then)."""
    return Message(message)


def Nn_(singular: str, plural: str) -> Message:
    """Mark a message with a plural form; the count chooses the form by the language's CLDR rule."""
    return Message(singular, plural)


def Np_(context: str, message: str) -> Message:
    """Mark a message with a context, for one English word that needs several translations."""
    return Message(message, None, context)


def Nnp_(context: str, singular: str, plural: str) -> Message:
    """:func:`Nn_` with a context."""
    return Message(singular, plural, context)


JUST_NOW = Np_("ago", "just now")


# -- values formatted for the reader's locale -----------------------------------


def _unit(value: timedelta) -> Literal["second", "minute", "hour", "day"]:
    """The unit a person reads *value* in: seconds under a minute, minutes up to an
    hour and a half, hours up to a day and a half, days beyond ("27 days", not "4 weeks")."""
    if value < timedelta(minutes=1):
        return "second"
    if value < timedelta(minutes=90):
        return "minute"
    if value < timedelta(hours=36):
        return "hour"
    return "day"


def _timedelta(value: timedelta, locale: Any, direction: bool = False) -> str:
    from babel.dates import format_timedelta

    unit = _unit(abs(value))
    return str(
        format_timedelta(value, threshold=1e12, granularity=unit, add_direction=direction, locale=locale)
    )


class Duration(NamedTuple):
    """A length of time: "10 minutes", "10 Minuten"."""

    value: timedelta

    def format(self, tag: str) -> str:
        return _timedelta(self.value, babel_locale(tag))


class Ago(NamedTuple):
    """How long ago: "27 days ago", "vor 27 Tagen", "1 minute ago"."""

    value: timedelta

    def format(self, tag: str) -> str:
        value = self.value
        if value < timedelta(seconds=1):
            return Text(JUST_NOW).render(tag)
        return _timedelta(-value, babel_locale(tag), direction=True)


class Moment(NamedTuple):
    """An instant with weekday, date, time and offset, in its own zone."""

    value: datetime

    def format(self, tag: str) -> str:
        locale = babel_locale(tag)
        from babel.dates import format_datetime

        when = format_datetime(self.value, locale.datetime_skeletons["yMMMEd"].pattern, locale=locale)
        time = format_datetime(self.value, "HH:mm", locale=locale)
        offset = format_datetime(self.value, "xxx", locale=locale)
        return f"{when} {time} ({offset})"


class DayTime(NamedTuple):
    """A short weekday, day and month with the time: "Fri, Nov 27 10:15"; *end* shows
    midnight as "24:00" (the end of the day before)."""

    value: datetime
    end: bool = False

    def format(self, tag: str) -> str:
        locale = babel_locale(tag)
        from babel.dates import format_datetime

        value = self.value
        if self.end and (value.hour, value.minute, value.second) == (0, 0, 0):
            day = format_datetime(
                value - timedelta(days=1), locale.datetime_skeletons["MMMEd"].pattern, locale=locale
            )
            return f"{day} 24:00"
        day = format_datetime(value, locale.datetime_skeletons["MMMEd"].pattern, locale=locale)
        return f"{day} {format_datetime(value, 'HH:mm', locale=locale)}"


class Clock(NamedTuple):
    """A time of day, "10:15:08", with *seconds*; "24:00" for an *end* at midnight."""

    value: datetime
    seconds: bool = False
    end: bool = False

    def format(self, tag: str) -> str:
        locale = babel_locale(tag)
        from babel.dates import format_datetime

        value = self.value
        if self.end and (value.hour, value.minute, value.second) == (0, 0, 0):
            return "24:00"
        return str(format_datetime(value, "HH:mm:ss" if self.seconds else "HH:mm", locale=locale))


class Hours(NamedTuple):
    """An amount of hours with one decimal: "12.5 hr", "12,5 Std."."""

    value: float

    def format(self, tag: str) -> str:
        locale = babel_locale(tag)
        from babel.units import format_unit

        return str(format_unit(self.value, "duration-hour", "short", format="#,##0.0", locale=locale))


class Day(NamedTuple):
    """A date with its weekday."""

    value: date

    def format(self, tag: str) -> str:
        locale = babel_locale(tag)
        from babel.dates import format_date

        return str(format_date(self.value, locale.date_formats["full"], locale=locale))


class Percent(NamedTuple):
    """A percentage given from 0 to 100: "50%", "50 %", "12,5 %"."""

    value: float

    def format(self, tag: str) -> str:
        locale = babel_locale(tag)
        from babel.numbers import format_percent

        return str(format_percent(self.value / 100, locale=locale, decimal_quantization=False))


class Joined(NamedTuple):
    """Texts joined by *separator* ("; ")."""

    items: Tuple[Text, ...]
    separator: str = "; "


Value = Union[str, int, "Text", Duration, Ago, Moment, Day, Percent, Joined]


def _shown(value: Any, locale: str) -> str:
    if isinstance(value, (bool, str)):
        return str(value)
    if isinstance(value, int):
        from babel.numbers import format_decimal

        return str(format_decimal(value, locale=babel_locale(locale)))
    if isinstance(value, Text):
        return value.render(locale)
    if isinstance(value, Joined):
        return value.separator.join(item.render(locale) for item in value.items)
    if isinstance(value, tuple) and hasattr(value, "format"):
        return str(value.format(locale))
    return str(value)


class Text(NamedTuple):
    """A message with its values: rendered for a locale on :meth:`render`, never before."""

    message: Message
    params: Tuple[Tuple[str, Any], ...] = ()
    n: Optional[int] = None

    def render(self, locale: str = DEFAULT_LANGUAGE) -> str:
        """The text in *locale*, a normalised tag (``de-AT``), or in its catalogue's language.

        A catalogue language (``de``, ``pt_BR``) is taken as is; any other tag
        goes through :func:`catalogue_language` (falling back to English).
        """
        language = locale if locale in _LANGUAGE_SET else catalogue_language(locale)
        translations = _translations(language)
        message = self.message
        if message.plural is None:
            if message.context is None:
                template = translations.gettext(message.msgid)
            else:
                template = translations.pgettext(message.context, message.msgid)
        else:
            count = 0 if self.n is None else self.n
            if message.context is None:
                template = translations.ngettext(message.msgid, message.plural, count)
            else:
                template = translations.npgettext(message.context, message.msgid, message.plural, count)
        if not self.params:
            return template
        formatting = locale if _language_of(locale) == language else language
        return template.format(**{name: _shown(value, formatting) for name, value in self.params})


_LANGUAGE_SET = frozenset(LANGUAGES)
_LOCK = threading.Lock()
_LOADED: Dict[str, gettext.NullTranslations] = {}


def _translations(language: str) -> gettext.NullTranslations:
    """The catalogue of a language of :data:`LANGUAGES`, read on first use."""
    found = _LOADED.get(language)
    if found is not None:
        return found
    with _LOCK:
        found = _LOADED.get(language)
        if found is None:
            if language == DEFAULT_LANGUAGE:
                found = gettext.NullTranslations()
            else:
                data = pkgutil.get_data(__name__.rsplit(".", 1)[0], mo_path(language))
                if data is None:  # pragma: no cover - the files ship with the package
                    raise RuntimeError(f"message catalogue {language!r} is missing from the package")
                found = gettext.GNUTranslations(io.BytesIO(data))
            _LOADED[language] = found
    return found


def mo_path(language: str) -> str:
    """The compiled catalogue of *language*, relative to the package."""
    return f"locales/{language}/LC_MESSAGES/{DOMAIN}.mo"


# -- locales ------------------------------------------------------------------------


@lru_cache(maxsize=_SPELLINGS)
def _parse(value: str) -> Optional[str]:
    from babel import Locale, UnknownLocaleError

    text = value.replace("-", "_")
    if not text or len(value) > 64 or "." in text or "@" in text:
        return None
    try:
        parsed = Locale.parse(text)
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    return str(parsed).replace("_", "-")


def normalize_locale(value: Any, field: str = "locale") -> str:
    """Any spelling of a locale (``de``, ``de-DE``, ``de_DE``, ``DE``, ``de-at``) as one tag
    (``de``, ``de-DE``, ``de-AT``), through Babel's ``Locale.parse``.

    Raises:
        InvalidValueError: *value* is not a locale Babel knows, naming *field*.
    """
    tag = _parse(value) if isinstance(value, str) else None
    if tag is None:
        raise InvalidValueError._for(
            field, "a locale tag Babel knows, such as 'en', 'de', 'de-AT' or 'pt-BR'", value
        )
    return tag


@lru_cache(maxsize=_SPELLINGS)
def _language_of(tag: str) -> Optional[str]:
    parts = tag.split("-")
    language = parts[0]
    territory = next((p for p in parts[1:] if len(p) == 2 or p.isdigit()), None)
    if territory is not None and f"{language}_{territory}" in _LANGUAGE_SET:
        return f"{language}_{territory}"
    if language in _LANGUAGE_SET:
        return language
    return next((known for known in LANGUAGES if known.split("_")[0] == language), None)


def catalogue_language(*tags: Optional[str]) -> str:
    """The first catalogue language that fits *tags* (normalised), else English.

    Each tag is tried with its region, then by its language (``pt`` finds
    ``pt_BR``): ``("de-AT", "fr")`` → ``de``; ``("sv", "de")`` → ``de``.

    Examples:
        >>> catalogue_language("de-AT", "fr")
        'de'
        >>> catalogue_language("sv")
        'en'
        >>> catalogue_language("pt-PT")
        'pt_BR'
    """
    for tag in tags:
        if tag is not None:
            found = _language_of(tag)
            if found is not None:
                return found
    return DEFAULT_LANGUAGE


def formatting_locale(*tags: Optional[str]) -> str:
    """The tag to format numbers and dates in: the first of *tags* whose language has
    the catalogue :func:`catalogue_language` chose, keeping its region (``de-AT``), so
    that the words and the dates speak one language."""
    language = catalogue_language(*tags)
    for tag in tags:
        if tag is not None and _language_of(tag) == language:
            return tag
    return language.replace("_", "-")


@lru_cache(maxsize=64)
def babel_locale(tag: str) -> Any:
    """Babel's data for a normalised tag or catalogue language."""
    from babel import Locale

    return Locale.parse(tag.replace("-", "_"))


def environment_locale(environ: Any) -> Optional[str]:
    """The reader's locale as gettext reads the environment: the first of ``LANGUAGE``
    (a list, ``de:en``), ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set; ``C`` and
    ``POSIX`` mean English; spellings Babel does not know are skipped."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if not value:
            continue
        for item in value.split(":"):
            item = item.split(".")[0].split("@")[0]
            if item in ("C", "POSIX"):
                return DEFAULT_LANGUAGE
            if item and _parse(item) is not None:
                return _parse(item)
        if name != "LANGUAGE":
            return None
    return None
