"""Automatic replies, and how responsive a Page really is.

**Which reply goes out** for an incoming visitor message (:func:`auto_reply`):

* messaging off: none;
* the Page away or offline, with an away message set: the away message, at
  most once per conversation per away period (a period ends when the Page is
  active again);
* otherwise, the first message of a new conversation (no message in the 24
  hours before it), with an instant reply set: the instant reply;
* otherwise none.

Templates may use ``{page}`` and ``{back_at}``: when the Page expects to answer
again by its settings (response hours and away), in the visitor's language,
e.g. "in 40 minutes", "tomorrow at 09:00", "Monday 09:00", "Montag, 09:00", or
"soon" when its hours are on and only the team is away. Presence never shapes
the text, so it reveals nothing about who is online.

**Responsiveness** (:func:`responsiveness`) follows Meta's definitions: over the
last 7 days, a visitor message starts a conversation when it is the first after
24 hours without messages; the response rate is the share of conversations
that got a reply within 24 hours; the response time averages the fastest 90 %
of first replies, not counting time while the Page was set away. Replies sent
through the API count; instant replies and away messages never do. A Page with
a rate of at least 90 % and a time of at most 15 minutes is "very responsive".
"""

from __future__ import annotations

import enum
import math
import re
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import attrs

from ._catalog import locale_chain, render, validate_locale
from ._template import fill
from ._time import merge_spans, utc_seconds
from ._validate import aware, collection_of, enum_member, identifier
from .errors import InvalidValueError
from .rules import CompiledPage, Status
from .schedule import Interval

__all__ = [
    "NEW_CONVERSATION_GAP",
    "AutoReply",
    "Message",
    "ReplyKind",
    "Responsiveness",
    "Sender",
    "auto_reply",
    "format_back_at",
    "responsiveness",
]

#: A message after this long without messages starts a new conversation.
NEW_CONVERSATION_GAP = timedelta(hours=24)
#: Replies later than this after the conversation's first message do not count.
REPLY_WINDOW = timedelta(hours=24)
#: The period responsiveness looks back over.
RESPONSIVENESS_WINDOW = timedelta(days=7)

_UTC = timezone.utc


def _utc(value: datetime) -> datetime:
    return value.astimezone(_UTC)


class Sender(enum.Enum):
    """Who sent a message."""

    VISITOR = "visitor"
    PAGE = "page"


class ReplyKind(enum.Enum):
    """The automatic reply chosen for a message."""

    INSTANT_REPLY = "instant_reply"
    AWAY_MESSAGE = "away_message"
    NONE = "none"


def _sender(value: Any) -> Sender:
    return enum_member(Sender, value, "sender")


def _kind(value: Any) -> Optional[ReplyKind]:
    if value is None or isinstance(value, ReplyKind):
        if value is ReplyKind.NONE:
            raise InvalidValueError._for("automatic", "None, 'instant_reply' or 'away_message'", value)
        return value
    for kind in (ReplyKind.INSTANT_REPLY, ReplyKind.AWAY_MESSAGE):
        if isinstance(value, str) and kind.value == value.strip().lower():
            return kind
    raise InvalidValueError._for("automatic", "None, 'instant_reply' or 'away_message'", value)


@attrs.frozen
class Message:
    """One message in a conversation.

    Attributes:
        conversation: the thread's id (one visitor and one Page).
        sender: ``visitor`` or ``page``.
        at: when it was sent.
        automatic: for the Page's automatic replies, which one; None for
            messages people (or tools through the API) wrote.
    """

    conversation: str = attrs.field(validator=identifier("conversation"))
    sender: Sender = attrs.field(converter=_sender)
    at: datetime = attrs.field(validator=aware("at"))
    automatic: Optional[ReplyKind] = attrs.field(default=None, converter=_kind)

    def __attrs_post_init__(self) -> None:
        if self.automatic is not None and self.sender is not Sender.PAGE:
            raise InvalidValueError._for("automatic", "None for a visitor's message", self.automatic.value)


@attrs.frozen
class AutoReply:
    """The automatic reply for one incoming message, and why."""

    kind: ReplyKind
    text: Optional[str]
    reason: str
    back_at: Optional[datetime] = None


def _babel_locale(locale: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(locale_chain(locale)[0])


def format_back_at(back: Optional[datetime], now: datetime, locale: str, zone: Any) -> str:
    """*back* as a visitor reads it, relative to *now*, in the Page's *zone*.

    Examples:
        >>> from pageavail.schedule import ZoneInfo   # zoneinfo, or backports.zoneinfo on 3.8
        >>> berlin = ZoneInfo("Europe/Berlin")
        >>> now = datetime(2026, 11, 27, 18, 0, tzinfo=berlin)          # a Friday
        >>> format_back_at(datetime(2026, 11, 28, 9, 0, tzinfo=berlin), now, "en", berlin)
        'tomorrow at 09:00'
        >>> format_back_at(datetime(2026, 11, 30, 9, 0, tzinfo=berlin), now, "en", berlin)
        'Monday 09:00'
        >>> format_back_at(datetime(2026, 11, 30, 9, 0, tzinfo=berlin), now, "de", berlin)
        'Montag, 09:00'
        >>> format_back_at(datetime(2026, 11, 27, 18, 40, tzinfo=berlin), now, "de", berlin)
        'in 40 Minuten'
        >>> format_back_at(None, now, "de-AT", berlin)
        'in Kürze'
    """
    from babel.dates import format_datetime, format_timedelta

    catalogue = locale_chain(locale)[0]
    if back is None:
        return render("reply.soon", catalogue)
    babel_locale = _babel_locale(locale)
    local_back, local_now = back.astimezone(zone), now.astimezone(zone)
    delta = _utc(back) - _utc(now)
    if timedelta(0) < delta <= timedelta(hours=2):
        return str(format_timedelta(delta, add_direction=True, locale=babel_locale, threshold=2))
    time = format_datetime(local_back, babel_locale.datetime_skeletons["Hm"], locale=babel_locale)
    days = (local_back.date() - local_now.date()).days
    if days == 0:
        return render("reply.today_at", catalogue, time=time)
    if days == 1:
        return render("reply.tomorrow_at", catalogue, time=time)
    if 1 < days < 7:
        pattern = re.sub(r"E+", "EEEE", str(babel_locale.datetime_skeletons["EHm"].pattern))
        return str(format_datetime(local_back, pattern, locale=babel_locale))
    day = format_datetime(local_back, babel_locale.datetime_skeletons["yMMMd"], locale=babel_locale)
    return str(babel_locale.datetime_formats["medium"]).replace("{1}", day).replace("{0}", time)


def _thread(history: Sequence[Message], incoming: Message) -> List[Message]:
    """The conversation's messages up to the incoming one (those at the same instant
    included, since they were handled first), without the incoming message itself."""
    items = []
    skipped = False
    for message in history:
        if message == incoming and not skipped:
            skipped = True
            continue
        if message.conversation == incoming.conversation and _utc(message.at) <= _utc(incoming.at):
            items.append(message)
    return sorted(items, key=_message_key)


def _message_key(message: Message) -> Tuple[datetime, str, str, str]:
    kind = message.automatic.value if message.automatic else ""
    return (_utc(message.at), message.conversation, message.sender.value, kind)


def _active_between(page: CompiledPage, start: datetime, end: datetime) -> bool:
    """Whether the Page is active at some instant of ``(start, end]``."""
    moment: Optional[datetime] = start
    for _ in range(100_000):
        moment = page.next_change(moment) if moment is not None else None
        if moment is None or _utc(moment) > _utc(end):
            return False
        if page.state(moment)[0] is Status.ACTIVE:
            return True
    return True  # pragma: no cover - a hundred thousand changes: assume it was active


def auto_reply(
    page: CompiledPage, message: Message, history: Iterable[Message] = (), locale: Optional[str] = None
) -> AutoReply:
    """The automatic reply to *message*, given the conversation's earlier messages.

    Args:
        page: the compiled Page.
        message: the incoming message (replies go only to visitors' messages).
        history: earlier messages, of any conversations (others are ignored),
            including the automatic replies already sent.
        locale: the visitor's locale for ``{back_at}``; the Page's by default.
    """
    if not isinstance(page, CompiledPage):
        raise InvalidValueError._for("page", "a CompiledPage (Page.compile())", page)
    if not isinstance(message, Message):
        raise InvalidValueError._for("message", "a Message", message)
    history = collection_of(history, Message, "history")
    language = validate_locale(locale) if locale is not None else page.page.locale
    settings = page.page.settings
    if message.sender is not Sender.VISITOR:
        return AutoReply(ReplyKind.NONE, None, "only visitors' messages get automatic replies")
    if not settings.enabled:
        return AutoReply(ReplyKind.NONE, None, "messaging is off")
    thread = _thread(history, message)
    status = page.state(message.at)[0]
    if status in (Status.AWAY, Status.OFFLINE) and settings.away_message is not None:
        sent = [m for m in thread if m.automatic is ReplyKind.AWAY_MESSAGE]
        if not sent or _active_between(page, sent[-1].at, message.at):
            back = page.back_at(message.at)
            values = {
                "page": page.page.name,
                "back_at": format_back_at(back, message.at, language, page.page.zone),
            }
            return AutoReply(
                ReplyKind.AWAY_MESSAGE,
                fill(settings.away_message, values),
                f"the Page is {status.value}",
                back,
            )
        if not _is_new(thread, message):
            return AutoReply(ReplyKind.NONE, None, "an away message was already sent in this away period")
    if _is_new(thread, message):
        if settings.instant_reply is not None:
            values = {
                "page": page.page.name,
                "back_at": format_back_at(None, message.at, language, page.page.zone),
            }
            return AutoReply(
                ReplyKind.INSTANT_REPLY, fill(settings.instant_reply, values), "a new conversation"
            )
        return AutoReply(ReplyKind.NONE, None, "a new conversation, but no instant reply is set")
    return AutoReply(ReplyKind.NONE, None, "the conversation is under way")


def _is_new(thread: Sequence[Message], message: Message) -> bool:
    human = [m for m in thread if m.automatic is None]
    return not human or _utc(message.at) - _utc(human[-1].at) >= NEW_CONVERSATION_GAP


# -- responsiveness ----------------------------------------------------------------


@attrs.frozen
class Responsiveness:
    """Response figures over a window, as Meta defines them.

    Attributes:
        start: the window's start.
        end: the window's end.
        conversations: conversations visitors started in the window.
        responded: those the Page answered (not automatically) within 24 hours.
        response_rate: ``responded / conversations``, or None without conversations.
        response_time: the mean of the fastest 90 % of first replies, away time
            not counted, or None without replies.
    """

    start: datetime
    end: datetime
    conversations: int
    responded: int
    response_rate: Optional[float]
    response_time: Optional[timedelta]

    @property
    def very_responsive(self) -> bool:
        """Rate at least 90 % and time at most 15 minutes (the badge)."""
        return (
            self.response_rate is not None
            and self.response_time is not None
            and self.response_rate >= 0.9
            and self.response_time <= timedelta(minutes=15)
        )

    def label(self, locale: str = "en") -> Optional[str]:
        """ "Typically replies within minutes / an hour / a few hours / a day", or None.

        A payload can carry it next to the prompt: it says how fast the Page
        answers, nothing about who is online.
        """
        if self.response_time is None:
            return None
        language = locale_chain(validate_locale(locale))[0]
        for limit, key in (
            (timedelta(minutes=15), "minutes"),
            (timedelta(hours=1), "hour"),
            (timedelta(hours=6), "hours"),
            (timedelta(days=1), "day"),
        ):
            if self.response_time <= limit:
                return render(f"responsiveness.{key}", language)
        return None

    def badge(self, locale: str = "en") -> Optional[str]:
        """ "Very responsive to messages" when earned, else None."""
        return (
            render("responsiveness.badge", locale_chain(validate_locale(locale))[0])
            if self.very_responsive
            else None
        )


def _away_overlap(start: datetime, end: datetime, away: Sequence[Tuple[datetime, datetime]]) -> timedelta:
    total = timedelta(0)
    for lo, hi in away:
        first, last = max(lo, start), min(hi, end)
        if last > first:
            total += last - first
    return total


def _merged(intervals: Iterable[Interval]) -> List[Tuple[datetime, datetime]]:
    spans = [(_utc(i.start), _utc(i.end)) for i in collection_of(intervals, Interval, "away")]
    return merge_spans(spans)


def responsiveness(
    messages: Iterable[Message],
    now: datetime,
    away: Iterable[Interval] = (),
    window: timedelta = RESPONSIVENESS_WINDOW,
) -> Responsiveness:
    """Response rate and time over the *window* before *now*.

    Args:
        messages: the log, in any order; automatic replies are ignored.
        now: the end of the window.
        away: intervals the Page was set away; they do not count as response time.
        window: how far back to look (7 days).
    """
    utc_seconds(now, "now")
    if not isinstance(window, timedelta) or window <= timedelta(0):
        raise InvalidValueError._for("window", "a positive timedelta", window)
    end = _utc(now)
    start = end - window
    away_spans = _merged(away)
    threads: Dict[str, List[Message]] = {}
    for message in collection_of(messages, Message, "messages"):
        if message.automatic is None:
            threads.setdefault(message.conversation, []).append(message)
    conversations = 0
    times: List[timedelta] = []
    for thread in threads.values():
        thread.sort(key=_message_key)
        previous: Optional[datetime] = None
        for index, message in enumerate(thread):
            at = _utc(message.at)
            starts = message.sender is Sender.VISITOR and (
                previous is None or at - previous >= NEW_CONVERSATION_GAP
            )
            previous = at
            if not starts or not start <= at < end:
                continue
            conversations += 1
            for reply in thread[index + 1 :]:
                reply_at = _utc(reply.at)
                if reply.sender is Sender.PAGE and reply_at <= min(at + REPLY_WINDOW, end):
                    times.append(reply_at - at - _away_overlap(at, reply_at, away_spans))
                    break
                if reply_at > at + REPLY_WINDOW:
                    break
    times.sort()
    fastest = times[: math.ceil(len(times) * 0.9)] if times else []
    mean = sum(fastest, timedelta(0)) / len(fastest) if fastest else None
    return Responsiveness(
        start=start,
        end=end,
        conversations=conversations,
        responded=len(times),
        response_rate=len(times) / conversations if conversations else None,
        response_time=mean,
    )
