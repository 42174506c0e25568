"""``pageavail reply``: the automatic reply to a visitor's message, with the conversation's ``--history``."""

from __future__ import annotations

import argparse
import json
from datetime import tzinfo
from typing import Any, Dict, List, TextIO, Tuple

from . import wording as w
from ._cli_common import (
    EXIT_OK,
    _note_lines,
    _page_file,
    _read_text,
    _reader,
    _short,
    _Style,
    _write_json,
    parse_instant,
)
from ._i18n import Moment, normalize_locale
from ._validate import identifier
from .errors import InvalidValueError, PageAvailError
from .replies import AutoReply, Message, ReplyKind, auto_reply
from .rules import Status

#: The keys of one message of ``--history``.
HISTORY_KEYS = ("at", "from", "automatic", "text")

#: Why no reply, or which, as an identifier for JSON (the detail is in words).
_REPLY_REASONS = {
    w.REPLY_NOT_VISITOR: "not_a_visitor",
    w.REPLY_MESSAGING_OFF: "messaging_off",
    w.REPLY_AWAY_SENT: "away_message_already_sent",
    w.REPLY_NEW: "new_conversation",
    w.REPLY_NEW_NO_TEXT: "no_instant_reply_set",
    w.REPLY_UNDER_WAY: "conversation_under_way",
}


def _history_items(text: str, where: str) -> List[Tuple[str, Any]]:
    """(place, item) for each message of a JSON list or of JSON lines."""
    stripped = text.strip()
    if not stripped:
        return []
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except ValueError as error:
            raise InvalidValueError(f"{where}: not valid JSON: {error}") from None
        except RecursionError:
            raise InvalidValueError(f"{where}: nested too deeply; give a list of messages") from None
        return [(f"{where}: message {index + 1}", item) for index, item in enumerate(items)]
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            found.append((f"{where}:{number}", json.loads(line)))
        except (ValueError, RecursionError) as error:
            reason = "nested too deeply" if isinstance(error, RecursionError) else str(error)
            raise InvalidValueError(
                f"{where}:{number}: not a JSON object ({reason}); write one message a line, "
                f'e.g. {{"at": "2026-11-27T09:40:00+01:00", "from": "visitor"}}, or one JSON list'
            ) from None
    return found


def _history(path: str, conversation: str, zone: tzinfo, notes: List[str]) -> List[Message]:
    """The earlier messages of the conversation from ``--history``."""
    where = f"--history {_short(path)}"
    messages = []
    for place, item in _history_items(_read_text(path, "--history"), where):
        if not isinstance(item, dict):
            raise InvalidValueError(
                f"{place}: must be a JSON object such as "
                f'{{"at": "2026-11-27T09:40:00+01:00", "from": "visitor"}} '
                f"(got {_short(json.dumps(item))})"
            )
        unknown = sorted(set(item) - set(HISTORY_KEYS))
        if unknown:
            raise InvalidValueError(
                f"{place}: unknown key {unknown[0]!r}; the keys are {', '.join(HISTORY_KEYS)}"
            )
        for key in ("at", "from"):
            if key not in item:
                raise InvalidValueError(f"{place}: {key!r} is missing; add it")
        if not isinstance(item["at"], str):
            raise InvalidValueError(
                f"{place}: 'at' must be an ISO 8601 instant in quotes (got {_short(json.dumps(item['at']))})"
            )
        if item.get("text") is not None and not isinstance(item["text"], str):
            raise InvalidValueError(
                f"{place}: 'text' must be the message's text in quotes, or null "
                f"(got {_short(json.dumps(item['text']))})"
            )
        at = parse_instant(item["at"], f"{place}: at", zone, notes)
        try:
            messages.append(Message(conversation, item["from"], at, item.get("automatic")))
        except PageAvailError as error:
            raise InvalidValueError(f"{place}: {_history_problem(error)}") from None
    return messages


def _history_problem(error: PageAvailError) -> str:
    message = str(error)
    if message.startswith("'sender'"):
        return "'from' must be visitor or page" + message[message.index(" (got") :]
    return message


def _reply_reason(reply: AutoReply, status: Status) -> str:
    if reply.kind is ReplyKind.AWAY_MESSAGE:
        return f"page_{status.value}"
    if reply.message is None:  # pragma: no cover - every reply of auto_reply carries its message
        return "other"
    return _REPLY_REASONS.get(reply.message.message, "other")


def cmd_reply(args: argparse.Namespace, out: TextIO) -> int:
    """``pageavail reply FILE --at ISO --visitor ID [--history FILE] [--locale L] [--lang L] [--json]``:
    the automatic reply to the visitor's message at that instant, and why."""
    if args.locale is not None:
        normalize_locale(args.locale, "--locale")
    lang = _reader(args)
    identifier("--visitor")(None, None, args.visitor)
    if args.file == "-" and args.history == "-":
        raise InvalidValueError("the Page file and --history cannot both be read from standard input (-)")
    loaded = _page_file(args.file)
    notes: List[str] = []
    at = parse_instant(args.at, "--at", loaded.page.zone, notes)
    history = [] if args.history is None else _history(args.history, args.visitor, loaded.page.zone, notes)
    later = sum(1 for item in history if item.at > at)
    if later:
        notes.append(
            f"--history holds {later} message{'s' if later > 1 else ''} after --at; "
            f"{'they are' if later > 1 else 'it is'} left out"
        )
        history = [item for item in history if item.at <= at]
    live = loaded.compile()
    status = live.decide(at).status
    message = Message(args.visitor, "visitor", at)
    reply = auto_reply(live, message, history, locale=args.locale)
    back = None if reply.back_at is None else reply.back_at.astimezone(loaded.page.zone)
    if args.json:
        document: Dict[str, object] = {
            "page": loaded.page.id,
            "at": at.astimezone(loaded.page.zone).isoformat(),
            "visitor": args.visitor,
            "status": status.value,
            "history": len(history),
            "reply": {
                "kind": reply.kind.value,
                "text": reply.text,
                "reason": _reply_reason(reply, status),
                "detail": reply.explain(lang),
                "back_at": None if back is None else back.isoformat(),
            },
        }
        _write_json(out, document, notes)
        return EXIT_OK
    style = _Style(out)
    page = loaded.page
    word = w.status_word(status.value).render(lang)
    kind = w.CLI_REPLY_KINDS[reply.kind.value]().render(lang)
    lines = [
        *_note_lines(notes),
        w.CLI_PAGE_AT(
            page=page.name,
            id=page.id,
            moment=Moment(at.astimezone(page.zone)),
            status=style.status(word, status is Status.ACTIVE),
        ).render(lang),
        w.CLI_REPLY_TO(visitor=args.visitor, kind=kind.upper()).render(lang),
        "  " + w.CLI_REPLY_WHY(reason=reply.explain(lang)).render(lang),
    ]
    if reply.text is not None:
        lines.append(f'  "{reply.text}"')
    if back is not None:
        lines.append("  " + w.CLI_REPLY_BACK(moment=Moment(back)).render(lang))
    out.write("\n".join(lines) + "\n")
    return EXIT_OK
