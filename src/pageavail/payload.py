"""What a visitor sees: the "active now" prompt, and nothing about the team.

A payload carries the Page's id and name, the texts in the visitor's language,
the action, and three instants: when it is shown, when the banner collapses to
the chat icon, and when it expires. By construction it never carries a person,
a client, a count or a session time: ``expires_at`` is the next change of the
Page's response hours or away setting, never the end of someone's presence,
which would tell for how long they are online.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Dict, Optional, Tuple

import attrs

from . import wording
from ._i18n import LANGUAGES, catalogue_language, normalize_locale
from ._time import MAX_INSTANT, utc_seconds
from ._validate import aware, identifier, optional_aware
from .errors import InvalidValueError, OutOfRangeError

__all__ = ["MAX_BANNER", "Payload", "build_payload", "prompt_texts"]

#: The longest banner a payload accepts (the policy's limit too).
MAX_BANNER = timedelta(hours=1)

_UTC = timezone.utc
_KEY = re.compile(r"[0-9a-f]{16}")

Validator = Callable[[Any, Any, Any], None]


def _text(field: str, limit: int) -> Validator:
    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            raise InvalidValueError._for(field, f"a text of 1 to {limit:,} characters", value)

    return check


def _locale(instance: Any, attribute: Any, value: Any) -> None:
    if normalize_locale(value) != value:
        raise InvalidValueError._for(
            "locale", f"a normalised locale tag ({normalize_locale(value)!r})", value
        )


def _collapse(instance: Any, attribute: Any, value: Any) -> None:
    """An aware instant; it may lie up to a banner's length past the last supported one."""
    try:
        utc_seconds(value, "collapse_at")
    except OutOfRangeError:
        if not MAX_INSTANT <= value < MAX_INSTANT + MAX_BANNER:
            raise


def _key(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or not _KEY.fullmatch(value):
        raise InvalidValueError._for("dedupe_key", "16 lowercase hex digits", value)


def _instant(value: datetime) -> datetime:
    """Compare instants: two datetimes of one zone compare by wall clock in Python."""
    return value.astimezone(_UTC)


def _optional_instant(value: Optional[datetime]) -> Optional[datetime]:
    return None if value is None else value.astimezone(_UTC)


@attrs.frozen
class Payload:
    """The visitor-facing prompt.

    Its instants compare as instants (02:30 CEST is not 02:30 CET).

    Raises:
        InvalidValueError: a field of the wrong kind, naming the field.
    """

    page_id: str = attrs.field(validator=identifier("page_id"))
    page_name: str = attrs.field(validator=_text("page_name", 200))
    locale: str = attrs.field(validator=_locale)
    title: str = attrs.field(validator=_text("title", 2_000))
    body: str = attrs.field(validator=_text("body", 2_000))
    action_label: str = attrs.field(validator=_text("action_label", 200))
    action_target: str = attrs.field(validator=_text("action_target", 300))
    shown_at: datetime = attrs.field(validator=aware("shown_at"), eq=_instant)
    collapse_at: datetime = attrs.field(validator=_collapse, eq=_instant)
    expires_at: Optional[datetime] = attrs.field(
        validator=optional_aware("expires_at", end=True), eq=_optional_instant
    )
    dedupe_key: str = attrs.field(validator=_key)

    def to_dict(self) -> Dict[str, Any]:
        """A JSON-ready dict: instants as ISO 8601 text with offsets."""
        return {
            "page_id": self.page_id,
            "page_name": self.page_name,
            "locale": self.locale,
            "title": self.title,
            "body": self.body,
            "action_label": self.action_label,
            "action_target": self.action_target,
            "shown_at": self.shown_at.isoformat(),
            "collapse_at": self.collapse_at.isoformat(),
            "expires_at": None if self.expires_at is None else self.expires_at.isoformat(),
            "dedupe_key": self.dedupe_key,
        }


def prompt_texts(page_name: str, locale: str) -> Tuple[str, str, str]:
    """The title, body and action label in *locale* (``de-AT`` → ``de`` → English),
    from the packaged catalogues.

    Examples:
        >>> prompt_texts("Acme Bakery", "de_AT")
        ('Acme Bakery ist jetzt aktiv', 'Beginne eine Unterhaltung.', 'Nachricht senden')

    Raises:
        InvalidValueError: *page_name* is not a text of 1 to 200 characters, or
            *locale* is not a locale tag.
    """
    _text("page_name", 200)(None, None, page_name)
    language = (
        locale
        if type(locale) is str and locale in LANGUAGES
        else catalogue_language(normalize_locale(locale))
    )
    return (
        wording.PROMPT_TITLE(page=page_name).render(language),
        wording.PROMPT_BODY().render(language),
        wording.PROMPT_ACTION().render(language),
    )


def build_payload(
    *,
    page_id: str,
    page_name: str,
    locale: str,
    texts: Tuple[str, str, str],
    shown_at: datetime,
    banner: timedelta,
    expires_at: Optional[datetime],
    visitor: Optional[str],
) -> Payload:
    """Assemble a payload from the texts of :func:`prompt_texts`.

    The de-duplication key is stable for one visitor, one Page and one stretch
    of response hours: the first 16 hex digits of SHA-256 of the three.

    Raises:
        InvalidValueError: an argument of the wrong kind, naming it; a banner
            outside 0 to :data:`MAX_BANNER`.
        OutOfRangeError: an instant outside the supported range.
    """
    identifier("page_id")(None, None, page_id)
    if visitor is not None:
        identifier("visitor")(None, None, visitor)
    if (
        not isinstance(texts, tuple)
        or len(texts) != 3
        or not all(isinstance(text, str) and text.strip() for text in texts)
    ):
        raise InvalidValueError._for("texts", "three texts (title, body, action) from prompt_texts()", texts)
    utc_seconds(shown_at, "shown_at")
    if expires_at is not None:
        utc_seconds(expires_at, "expires_at")
    if not isinstance(banner, timedelta) or not timedelta(0) <= banner <= MAX_BANNER:
        raise InvalidValueError._for("banner", f"a timedelta from 0 to {MAX_BANNER}", banner)
    stretch = "open-ended" if expires_at is None else expires_at.isoformat()
    key = hashlib.sha256(f"{page_id}|{visitor or '-'}|{stretch}".encode()).hexdigest()[:16]
    title, body, action = texts
    return Payload(
        page_id=page_id,
        page_name=page_name,
        locale=locale,
        title=title,
        body=body,
        action_label=action,
        action_target=f"/messages/t/{page_id}",
        shown_at=shown_at,
        collapse_at=(shown_at.astimezone(timezone.utc) + banner).astimezone(shown_at.tzinfo),
        expires_at=expires_at,
        dedupe_key=key,
    )


_NEW = object.__new__
_SHA256 = hashlib.sha256
# The slots' own setters: the page-view path (CompiledPage.prompt) fills a frozen Payload
# without its validators (and without looking each name up again), from values a compiled
# Page has already checked.
(
    _SET_PAGE_ID,
    _SET_PAGE_NAME,
    _SET_LOCALE,
    _SET_TITLE,
    _SET_BODY,
    _SET_ACTION_LABEL,
    _SET_ACTION_TARGET,
    _SET_SHOWN_AT,
    _SET_COLLAPSE_AT,
    _SET_EXPIRES_AT,
    _SET_DEDUPE_KEY,
) = (getattr(Payload, field.name).__set__ for field in attrs.fields(Payload))
