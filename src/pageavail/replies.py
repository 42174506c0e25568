"""Automatic replies, and how responsive a Page really is.

**Which reply goes out** for an incoming visitor message (:func:`auto_reply`):

* messaging off: none;
* the Page away or offline, with an away message set: the away message, at
  most once per conversation per away period (a period ends when the Page is
  active again);
* otherwise, the first message of a new conversation (no message in the 24
  hours before it), with an instant reply set: the instant reply;
* otherwise none.

A *conversation* is a run of messages with no gap of 24 hours or more, so a
visitor who writes again a day later during the same away period gets the away
message again: it starts a new conversation.

Templates may use ``{page}`` and ``{back_at}``: when the Page expects to answer
again by its settings (response hours and away), in the template's language, as
a phrase that fits "back {back_at}" ("{back_at} wieder für dich da"): "in 40
minutes", "tomorrow at 09:00", "on Monday at 09:00" ("am Montag um 09:00 Uhr"), "on
January 4, 2027 at 09:00"; "soon" ("in Kürze") when its settings expect answers now
and only the team is away; and "later" ("später") when no return is set at all
(away until switched back, or response hours that never open again), so that
"back {back_at}" still reads well and promises no time. A template is one text in the Page's language,
so ``{back_at}`` is written in the Page's locale; a visitor's locale of that same
language only chooses the region (``de-AT`` on a German Page). Presence never
shapes the text, so it reveals nothing about who is online.

**Responsiveness** (:func:`responsiveness`) follows Meta's definitions: over the
last 7 days, a visitor message starts a conversation when it is the first after
24 hours without messages; the response rate is the share of conversations
that got a reply within 24 hours; the response time averages the fastest 90 %
of first replies, not counting time while the Page was set away. Replies sent
through the API count; instant replies and away messages never do. A Page with
a rate of at least 90 % and a time of at most 15 minutes is "very responsive".
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import attrs

from . import wording
from ._i18n import Text, babel_locale, catalogue_language, formatting_locale, normalize_locale
from ._template import fill
from ._time import MIN_INSTANT, instant_key, merge_spans, plain, resolve_zone, utc_seconds
from ._validate import StrictEnum, aware, collection_of, enum_member, identifier, optional_aware
from .errors import InvalidValueError, OutOfRangeError
from .rules import CompiledPage, Page, Status
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


class Sender(StrictEnum):
    """Who sent a message; ``Sender("bogus")`` raises the library's error."""

    VISITOR = "visitor"
    PAGE = "page"


class ReplyKind(StrictEnum):
    """The automatic reply chosen for a message; a wrong value raises the library's error."""

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
    at: datetime = attrs.field(validator=aware("at"), eq=instant_key)
    automatic: Optional[ReplyKind] = attrs.field(default=None, converter=_kind)

    def __attrs_post_init__(self) -> None:
        if self.automatic is not None and self.sender is not Sender.PAGE:
            raise InvalidValueError._for("automatic", "None for a visitor's message", self.automatic.value)


def _optional_text(field: str, limit: int) -> Callable[[Any, Any, Any], None]:
    def check(instance: Any, attribute: Any, value: Any) -> None:
        if value is not None and (not isinstance(value, str) or len(value) > limit):
            raise InvalidValueError._for(field, f"None or a text of at most {limit:,} characters", value)

    return check


def _text(field: str, limit: int) -> Callable[[Any, Any, Any], None]:
    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, str) or not value or len(value) > limit:
            raise InvalidValueError._for(field, f"a text of 1 to {limit:,} characters", value)

    return check


def _reply_kind(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, ReplyKind):
        raise InvalidValueError._for("kind", "a ReplyKind", value)


@attrs.frozen
class AutoReply:
    """The automatic reply for one incoming message, and why.

    Attributes:
        kind: the reply chosen, or ``ReplyKind.NONE``.
        text: the filled template, or None.
        reason: why, in English, for the team (:meth:`explain` in other languages).
        back_at: when the Page expects to answer again by its settings, for an
            away message; None when it expects answers now or has no return set.
    """

    kind: ReplyKind = attrs.field(validator=_reply_kind)
    text: Optional[str] = attrs.field(validator=_optional_text("text", 100_000))
    reason: str = attrs.field(validator=_text("reason", 2_000))
    back_at: Optional[datetime] = attrs.field(
        default=None, validator=optional_aware("back_at"), eq=instant_key
    )
    message: Optional[Text] = attrs.field(default=None, eq=False, repr=False)

    def explain(self, locale: str = "en") -> str:
        """Why, in the reader's *locale* (the team's language, not the visitor's)."""
        tag = normalize_locale(locale)
        return self.reason if self.message is None else self.message.render(tag)


def _reply(kind: ReplyKind, text: Optional[str], why: Text, back: Optional[datetime] = None) -> AutoReply:
    return AutoReply(kind, text, why.render("en"), back, why)


def _formatting_tag(locale: str, page_locale: Optional[str]) -> str:
    """The tag to format in: the first of the chain *locale* → its language →
    *page_locale* → English that has a catalogue, keeping the region of the tag
    it came from (``de-AT`` stays ``de-AT``; ``sv`` on a German Page becomes the
    Page's ``de``), so that the words and Babel's dates speak one language."""
    return formatting_locale(locale, page_locale)


def _template_tag(requested: str, page_locale: str) -> str:
    """The tag ``{back_at}`` is written in inside a template.

    A template is one text, written in the Page's language, so ``{back_at}`` speaks
    that language too: the visitor's locale only chooses the region when it is of the
    same language (``de-AT`` on a German Page); any other visitor reads the Page's
    language, never French day names inside a German sentence.
    """
    if requested.split("-")[0] == page_locale.split("-")[0]:
        return _formatting_tag(requested, page_locale)
    return _formatting_tag(page_locale, None)


def _zone(value: Any) -> tzinfo:
    if isinstance(value, tzinfo):
        try:
            usable = value.utcoffset(datetime(2000, 1, 1, tzinfo=value)) is not None
        except Exception:
            usable = False
        if not usable:
            raise InvalidValueError._for("zone", "a time zone with usable offsets", value)
        return value
    return resolve_zone(value)


def _local(value: datetime, zone: tzinfo) -> datetime:
    """*value* on the wall clock of *zone*, converted through UTC so that a wall time
    that does not exist there (a DST gap) comes out as the clock reads it."""
    try:
        return _utc(value).astimezone(zone)
    except Exception:  # a tzinfo of the caller's that fails at this instant
        raise InvalidValueError._for("zone", "a time zone with usable offsets", zone) from None


def format_back_at(
    back: Optional[datetime],
    now: datetime,
    locale: str,
    zone: Any,
    *,
    page_locale: Optional[str] = None,
    returns: bool = True,
) -> str:
    """*back* as a visitor reads it, relative to *now*, in the Page's *zone*: a phrase
    that fits "back {back_at}" in every language.

    The forms, by how far ahead *back* lies:

    * at or before *now*: "soon" (the return is due);
    * under a minute: "in under a minute";
    * up to 90 minutes (:data:`RELATIVE_LIMIT`): whole minutes, rounded to the
      nearest, half up: "in 1 minute" (from 60 seconds), "in 90 minutes";
    * later the same local day, the next day: "today at 17:00", "tomorrow at 09:00";
    * two to six local days ahead: "on Monday at 09:00";
    * later: "on January 4, 2027 at 09:00", the date as Babel writes it for the locale.

    The local days are counted in *zone*, so a DST change between *now* and *back*
    changes nothing. Each phrase is a whole catalogue message, so that each language
    writes its own case and article ("am Montag um 09:00 Uhr", "w środę o 09:00", "no
    sábado às 09:00"), and the hour of the time chooses the plural form, so that
    Spanish and Portuguese agree with it ("a la 1:00", "à 01:00").

    Args:
        back: when the Page expects to answer again (:meth:`CompiledPage.back_at`),
            or None.
        now: the instant the reply goes out.
        locale: the visitor's locale; the words and dates follow the chain
            *locale* → its language → *page_locale* → English, the same chain
            as the rest of the reply.
        zone: the Page's zone (a tzinfo or an IANA name).
        page_locale: the Page's locale, the chain's fallback before English.
        returns: read only when *back* is None: True when the Page's settings
            expect answers now (only the team is away): "soon" ("in Kürze");
            False when no return is set at all (away until switched back,
            hours that never open again): "later" ("später"), which names no time.

    Raises:
        InvalidValueError: a value of the wrong kind; OutOfRangeError: an instant
            outside the supported range.

    Examples:
        >>> from pageavail.schedule import ZoneInfo   # zoneinfo, or backports.zoneinfo on 3.8
        >>> berlin = ZoneInfo("Europe/Berlin")
        >>> now = datetime(2026, 11, 27, 18, 0, tzinfo=berlin)          # a Friday
        >>> format_back_at(datetime(2026, 11, 28, 9, 0, tzinfo=berlin), now, "en", berlin)
        'tomorrow at 09:00'
        >>> format_back_at(datetime(2026, 11, 30, 9, 0, tzinfo=berlin), now, "en", berlin)
        'on Monday at 09:00'
        >>> format_back_at(datetime(2026, 11, 30, 9, 0, tzinfo=berlin), now, "de", berlin)
        'am Montag um 09:00 Uhr'
        >>> format_back_at(datetime(2026, 11, 30, 9, 0, tzinfo=berlin), now, "sv", berlin, page_locale="de")
        'am Montag um 09:00 Uhr'
        >>> format_back_at(datetime(2026, 11, 30, 9, 0, tzinfo=berlin), now, "fr", berlin, page_locale="de")
        'lundi à 09:00'
        >>> format_back_at(datetime(2027, 1, 4, 9, 0, tzinfo=berlin), now, "de", berlin)
        'am 4. Januar 2027 um 09:00 Uhr'
        >>> format_back_at(datetime(2026, 12, 1, 1, 0, tzinfo=berlin), now, "es", berlin)
        'el martes a la 1:00'
        >>> format_back_at(datetime(2026, 11, 27, 18, 40, tzinfo=berlin), now, "de", berlin)
        'in 40 Minuten'
        >>> format_back_at(datetime(2026, 11, 27, 18, 1, tzinfo=berlin), now, "de", berlin)
        'in einer Minute'
        >>> format_back_at(None, now, "de-AT", berlin)
        'in Kürze'
        >>> format_back_at(None, now, "en", berlin, returns=False)
        'later'
    """
    if back is not None:
        utc_seconds(back, "back")
        back = plain(back)
    utc_seconds(now, "now")
    now = plain(now)
    tag = _formatting_tag(
        normalize_locale(locale),
        None if page_locale is None else normalize_locale(page_locale, "page_locale"),
    )
    zone = _zone(zone)
    if not isinstance(returns, bool):
        raise InvalidValueError._for("returns", "true or false", returns)
    if back is None:
        return (wording.REPLY_SOON if returns else wording.REPLY_LATER)().render(tag)
    return _back_phrase(back, now, tag, zone).render(tag)


#: Up to this long ahead ``{back_at}`` counts the minutes ("in 90 minutes"); beyond, it names the time.
RELATIVE_LIMIT = timedelta(minutes=90)


def _back_phrase(back: datetime, now: datetime, tag: str, zone: tzinfo) -> Text:
    """The phrase for a return at *back*, seen at *now*: see :func:`format_back_at`."""
    from babel.dates import format_date, format_datetime

    delta = _utc(back) - _utc(now)
    if delta <= timedelta(0):  # the return is due: the settings expect answers now
        return wording.REPLY_SOON()
    if delta < timedelta(minutes=1):
        return wording.REPLY_UNDER_A_MINUTE()
    if delta <= RELATIVE_LIMIT:
        return wording.in_minutes((delta + timedelta(seconds=30)) // timedelta(minutes=1))
    locale_data = babel_locale(tag)
    local_back, local_now = _local(back, zone), _local(now, zone)
    time = str(format_datetime(local_back, locale_data.datetime_skeletons["Hm"], locale=locale_data))
    days = (local_back.date() - local_now.date()).days
    if days == 0:
        return wording.today_at(local_back.hour, time)
    if days == 1:
        return wording.tomorrow_at(local_back.hour, time)
    if days < 7:
        return wording.on_weekday(local_back.weekday(), local_back.hour, time)
    # The month written out, as in running text: "am 4. Januar 2027", "4 stycznia 2027" (CLDR's
    # abbreviated months are not declined: Polish would read "4 sty", "2 maj").
    pattern = str(locale_data.date_formats["long"].pattern)  # CLDR's long date: the month as a word
    if local_back.day == 1 and "MMM" in pattern:  # "le 1er janvier 2027", "em 1º de janeiro de 2027"
        pattern = _with_day(pattern, wording.FIRST_OF_MONTH().render(tag))
    day = str(format_date(local_back.date(), pattern, locale=locale_data))
    return wording.on_date(day, local_back.hour, time)


def _with_day(pattern: str, day: str) -> str:
    """The date *pattern* (CLDR syntax) with its one-letter day field ``d``, outside quoted
    literals, replaced by the literal *day*."""
    parts = re.split(r"('(?:[^']|'')*')", pattern)  # the odd parts are quoted literals
    literal = "'" + day.replace("'", "''") + "'"
    for index in range(0, len(parts), 2):
        parts[index] = re.sub(r"(?<!d)d(?!d)", literal, parts[index])
    return "".join(parts)


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


def _conversation_start(thread: Sequence[Message], message: Message) -> datetime:
    """When the conversation *message* belongs to began: its first message after the
    last gap of :data:`NEW_CONVERSATION_GAP` or more (automatic replies do not count)."""
    start = _utc(message.at)
    for earlier in reversed([m for m in thread if m.automatic is None]):
        at = _utc(earlier.at)
        if start - at >= NEW_CONVERSATION_GAP:
            break
        start = at
    return start


def _active_between(page: CompiledPage, start: datetime, end: datetime) -> bool:
    """Whether the Page is active at some instant of ``(start, end)``, exactly.

    Active needs messaging on, no away by hand, open hours and someone live, so
    it is enough to look into each stretch of presence: the Page is active in one
    when, past the end of any away time, the hours are open at its start or open
    before its end. The work grows with the presence stretches in the period,
    never with the changes of the hours.
    """
    settings = page.page.settings
    away = settings.away
    if not settings.enabled or away is True:
        return False
    low = _utc(start) + timedelta(microseconds=1)
    high = _utc(end)
    if isinstance(away, datetime):
        low = max(low, _utc(away))
    if low >= high:
        return False
    hours = settings.hours
    for stretch in page.presence.intervals(low, high):
        if hours is None or hours.is_open(stretch.start):
            return True
        try:
            opens = hours.next_change(stretch.start)
        except OutOfRangeError:  # no opening before the end of the supported instants
            continue
        if opens is not None and _utc(opens) < _utc(stretch.end):
            return True
    return False


def _compiled(page: Any) -> CompiledPage:
    """*page* compiled: a Page is compiled with no sessions (the obvious intent)."""
    if isinstance(page, CompiledPage):
        return page
    if isinstance(page, Page):
        return page.compile()
    raise InvalidValueError._for("page", "a CompiledPage (Page.compile()) or a Page", page)


def _back_at(page: CompiledPage, at: datetime, tag: str) -> Tuple[Optional[datetime], str]:
    """When the Page is back by its settings, and ``{back_at}`` for it."""
    try:
        back = page.back_at(at)
    except OutOfRangeError:  # back only after the last supported instant: no return to name
        back = None
    returns = back is not None or page.open_for_messages(at)
    return back, format_back_at(back, at, tag, page.page.zone, returns=returns)


def auto_reply(
    page: CompiledPage, message: Message, history: Iterable[Message] = (), locale: Optional[str] = None
) -> AutoReply:
    """The automatic reply to *message*, given the conversation's earlier messages.

    Args:
        page: the compiled Page; a :class:`Page` is compiled with no sessions
            (nobody online).
        message: the incoming message (replies go only to visitors' messages).
        history: earlier messages, of any conversations (others are ignored),
            including the automatic replies already sent.
        locale: the visitor's locale. The templates are texts in the Page's
            language, so ``{back_at}`` is written in the Page's locale; a visitor's
            locale of the same language only chooses the region (``de-AT`` on a
            German Page).

    Raises:
        InvalidValueError: an argument of the wrong kind.
    """
    page = _compiled(page)
    if not isinstance(message, Message):
        raise InvalidValueError._for("message", "a Message", message)
    history = collection_of(history, Message, "history")
    requested = normalize_locale(locale) if locale is not None else page.page.locale
    tag = _template_tag(requested, page.page.locale)
    settings = page.page.settings
    if message.sender is not Sender.VISITOR:
        return _reply(ReplyKind.NONE, None, wording.REPLY_NOT_VISITOR())
    if not settings.enabled:
        return _reply(ReplyKind.NONE, None, wording.REPLY_MESSAGING_OFF())
    thread = _thread(history, message)
    status = page.state(message.at)[0]
    if status in (Status.AWAY, Status.OFFLINE) and settings.away_message is not None:
        began = _conversation_start(thread, message)
        sent = [m for m in thread if m.automatic is ReplyKind.AWAY_MESSAGE and _utc(m.at) >= began]
        if sent and not _active_between(page, sent[-1].at, message.at):
            return _reply(ReplyKind.NONE, None, wording.REPLY_AWAY_SENT())
        back, text = _back_at(page, message.at, tag)
        values = {"page": page.page.name, "back_at": text}
        return _reply(
            ReplyKind.AWAY_MESSAGE,
            fill(settings.away_message, values),
            wording.reply_away(status.value),
            back,
        )
    if _is_new(thread, message):
        if settings.instant_reply is not None:
            values = {"page": page.page.name, "back_at": _back_at(page, message.at, tag)[1]}
            return _reply(ReplyKind.INSTANT_REPLY, fill(settings.instant_reply, values), wording.REPLY_NEW())
        return _reply(ReplyKind.NONE, None, wording.REPLY_NEW_NO_TEXT())
    return _reply(ReplyKind.NONE, None, wording.REPLY_UNDER_WAY())


def _is_new(thread: Sequence[Message], message: Message) -> bool:
    human = [m for m in thread if m.automatic is None]
    return not human or _utc(message.at) - _utc(human[-1].at) >= NEW_CONVERSATION_GAP


# -- responsiveness ----------------------------------------------------------------


def _count(field: str) -> Callable[[Any, Any, Any], None]:
    def check(instance: Any, attribute: Any, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidValueError._for(field, "a whole number of at least 0", value)

    return check


def _rate(instance: Any, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise InvalidValueError._for("response_rate", "None or a number from 0 to 1", value)


def _duration(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None and (not isinstance(value, timedelta) or value < timedelta(0)):
        raise InvalidValueError._for("response_time", "None or a timedelta of at least 0", value)


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

    start: datetime = attrs.field(validator=aware("start"), eq=instant_key)
    end: datetime = attrs.field(validator=aware("end"), eq=instant_key)
    conversations: int = attrs.field(validator=_count("conversations"))
    responded: int = attrs.field(validator=_count("responded"))
    response_rate: Optional[float] = attrs.field(validator=_rate)
    response_time: Optional[timedelta] = attrs.field(validator=_duration)

    def __attrs_post_init__(self) -> None:
        if _utc(self.end) < _utc(self.start):
            raise InvalidValueError._for("end", f"at or after start ({self.start.isoformat()})", self.end)
        if self.responded > self.conversations:
            raise InvalidValueError._for(
                "responded", f"at most the conversations ({self.conversations})", self.responded
            )

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
        language = catalogue_language(normalize_locale(locale))
        for limit, key in (
            (timedelta(minutes=15), "minutes"),
            (timedelta(hours=1), "hour"),
            (timedelta(hours=6), "hours"),
            (timedelta(days=1), "day"),
        ):
            if self.response_time <= limit:
                return wording.RESPONSIVENESS[key]().render(language)
        return None

    def badge(self, locale: str = "en") -> Optional[str]:
        """ "Very responsive to messages" when earned, else None."""
        return wording.VERY_RESPONSIVE().render(normalize_locale(locale)) if self.very_responsive else None


class _AwayTime:
    """Merged away intervals with running totals: the away time within any span is
    two binary searches, so the figures take O(n log n) however many intervals come."""

    def __init__(self, intervals: Iterable[Interval]) -> None:
        items = collection_of(intervals, Interval, "away")
        self.spans = merge_spans([(_utc(i.start), _utc(i.end)) for i in items])
        self.starts = [lo for lo, _ in self.spans]
        self.ends = [hi for _, hi in self.spans]
        self.before: List[timedelta] = [timedelta(0)]  # away time of the spans before index i
        for lo, hi in self.spans:
            self.before.append(self.before[-1] + (hi - lo))

    def within(self, start: datetime, end: datetime) -> timedelta:
        """The away time within ``[start, end)``."""
        first = bisect_right(self.ends, start)  # the first span ending after start
        last = bisect_left(self.starts, end)  # the spans starting before end
        if first >= last:
            return timedelta(0)
        total = self.before[last] - self.before[first]
        total -= max(timedelta(0), start - self.spans[first][0])
        total -= max(timedelta(0), self.spans[last - 1][1] - end)
        return total


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

    Raises:
        InvalidValueError: an argument of the wrong kind.
        OutOfRangeError: *now*, or the window's start, outside the supported instants.
    """
    utc_seconds(now, "now")
    if not isinstance(window, timedelta) or window <= timedelta(0):
        raise InvalidValueError._for("window", "a positive timedelta", window)
    end = _utc(now)
    if window > end - MIN_INSTANT:
        raise OutOfRangeError(
            f"'window' reaches back before {MIN_INSTANT.isoformat()}, the first supported instant "
            f"(got {window!r} before {end.isoformat()}); ask for a shorter window"
        )
    start = end - window
    away_time = _AwayTime(away)
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
            for following in range(index + 1, len(thread)):  # no copy of the rest of the thread
                reply = thread[following]
                reply_at = _utc(reply.at)
                if reply.sender is Sender.PAGE and reply_at <= min(at + REPLY_WINDOW, end):
                    times.append(reply_at - at - away_time.within(at, reply_at))
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
