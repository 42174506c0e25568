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
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Optional, Tuple

import attrs

from ._catalog import render

__all__ = ["Payload", "build_payload", "prompt_texts"]


@attrs.frozen
class Payload:
    """The visitor-facing prompt."""

    page_id: str
    page_name: str
    locale: str
    title: str
    body: str
    action_label: str
    action_target: str
    shown_at: datetime
    collapse_at: datetime
    expires_at: Optional[datetime]
    dedupe_key: str

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
    """The title, body and action label in *locale*, from the packaged catalogue."""
    return (
        render("prompt.title", locale, page=page_name),
        render("prompt.body", locale),
        render("prompt.action", locale),
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
    """
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
