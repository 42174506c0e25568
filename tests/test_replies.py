"""Automatic replies and responsiveness."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import List

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import pageavail as pa
from pageavail.replies import (
    Message,
    ReplyKind,
    Sender,
    auto_reply,
    format_back_at,
    responsiveness,
)
from pageavail.schedule import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2026, 11, 27, 10, 0, tzinfo=BERLIN)  # Friday 10:00
MIN = timedelta(minutes=1)
HOURS = pa.Schedule.parse("Mo-Fr 09:00-17:00", zone="Europe/Berlin")


def page(**settings: object) -> pa.CompiledPage:
    """Acme with response hours, an instant reply and an away message; anna online 09:30-10:30."""
    values = {
        "hours": HOURS,
        "instant_reply": "Thanks for writing to {page}! We answer within the hour.",
        "away_message": "{page} is away right now and back {back_at}.",
        **settings,
    }
    return pa.Page(
        id="acme",
        name="Acme",
        zone="Europe/Berlin",
        locale="en",
        settings=pa.MessagingSettings(**values),  # type: ignore[arg-type]
        grants=[pa.Grant("anna", "acme", role="editor")],
    ).compile([pa.Session("anna", "web", T0 - 30 * MIN, T0 + 20 * MIN)])


def visitor(at: datetime, conversation: str = "c1") -> Message:
    return Message(conversation, "visitor", at)


def test_instant_reply_for_a_new_conversation() -> None:
    """The first message of a conversation gets the instant reply, with {page} filled in."""
    reply = auto_reply(page(), visitor(T0))
    assert reply.kind is ReplyKind.INSTANT_REPLY
    assert reply.text == "Thanks for writing to Acme! We answer within the hour."


def test_no_reply_within_a_conversation() -> None:
    """A message less than 24 hours after the last one is part of the same conversation."""
    history = [visitor(T0 - 60 * MIN), Message("c1", "page", T0 - 50 * MIN)]
    reply = auto_reply(page(), visitor(T0), history)
    assert (reply.kind, reply.reason) == (ReplyKind.NONE, "the conversation is under way")
    monday = datetime(2026, 11, 30, 9, 5, tzinfo=BERLIN)  # within hours, nobody online
    later = auto_reply(page(away_message=None), visitor(monday), history)
    assert later.kind is ReplyKind.INSTANT_REPLY  # 24 hours of silence: a new conversation


def test_away_message_outside_hours_says_when_back() -> None:
    """Outside response hours the away message goes out, telling when the Page is back."""
    friday_evening = datetime(2026, 11, 27, 18, 0, tzinfo=BERLIN)
    reply = auto_reply(page(), visitor(friday_evening))
    assert reply.kind is ReplyKind.AWAY_MESSAGE
    assert reply.text == "Acme is away right now and back on Monday at 09:00."
    assert reply.back_at == datetime(2026, 11, 30, 9, 0, tzinfo=BERLIN)
    for locale in ("de-AT", "fr", "ja-JP"):  # the English template keeps English day names
        assert auto_reply(page(), visitor(friday_evening), locale=locale).text == reply.text, locale
    january = datetime(2027, 1, 4, 9, 0, tzinfo=BERLIN)
    british = pa.Page(
        id="acme",
        name="Acme",
        zone="Europe/Berlin",
        settings=pa.MessagingSettings(hours=HOURS, away=january, away_message="Back {back_at}."),
    ).compile()
    assert auto_reply(british, visitor(friday_evening)).text == "Back on January 4, 2027 at 09:00."
    assert (
        auto_reply(british, visitor(friday_evening), locale="en-GB").text
        == "Back on 4 January 2027 at 09:00."
    )
    thursday = auto_reply(page(), visitor(datetime(2026, 11, 26, 20, 0, tzinfo=BERLIN)))
    assert thursday.text == "Acme is away right now and back tomorrow at 09:00."


def test_offline_within_hours_says_soon() -> None:
    """Offline within hours, the Page's settings expect answers, so {back_at} reads 'soon'."""
    reply = auto_reply(page(), visitor(T0 + 60 * MIN))
    assert reply.kind is ReplyKind.AWAY_MESSAGE
    assert reply.text == "Acme is away right now and back soon."
    assert reply.back_at is None


def test_away_by_hand_until_an_instant() -> None:
    """Set away by hand until an instant, {back_at} is that instant (here within two hours)."""
    reply = auto_reply(page(away=T0 + 40 * MIN), visitor(T0))
    assert reply.text == "Acme is away right now and back in 40 minutes."


def test_one_away_message_per_away_period() -> None:
    """A second message in the same away period gets nothing; after the Page was active again, it does."""
    evening = datetime(2026, 11, 27, 18, 0, tzinfo=BERLIN)
    sent = [visitor(evening), Message("c1", "page", evening, automatic="away_message")]
    again = auto_reply(page(), visitor(evening + 30 * MIN), sent)
    assert (again.kind, again.reason) == (
        ReplyKind.NONE,
        "an away message was already sent in this away period",
    )
    morning = [visitor(T0 - 90 * MIN), Message("c1", "page", T0 - 90 * MIN, automatic="away_message")]
    after_active = auto_reply(page(), visitor(T0 + 60 * MIN), morning)  # active 09:30-10:30 in between
    assert after_active.kind is ReplyKind.AWAY_MESSAGE


def test_no_replies_when_messaging_is_off_or_to_the_page() -> None:
    """Messaging off sends nothing; the Page's own messages get no automatic reply."""
    assert auto_reply(page(enabled=False), visitor(T0)).reason == "messaging is off"
    assert auto_reply(page(), Message("c1", "page", T0)).kind is ReplyKind.NONE


def test_no_texts_set() -> None:
    """Without texts, nothing goes out, and the reason says so."""
    quiet = page(instant_reply=None, away_message=None)
    assert auto_reply(quiet, visitor(T0)).reason == "a new conversation, but no instant reply is set"


@pytest.mark.parametrize(
    "template",
    [
        "{0.__class__}",
        "{page.__init__.__globals__}",
        "{page!r}",
        "{page:>100000}",
        "{}",
        "{visitor}",
        "oops {",
        "{back_at[0]}",
    ],
)
def test_format_tricks_are_refused(template: str) -> None:
    """Unknown placeholders and format tricks are refused when the settings are made."""
    with pytest.raises(pa.InvalidValueError, match="'away_message'"):
        pa.MessagingSettings(away_message=template)


def test_literal_braces_are_allowed() -> None:
    """Doubled braces stay literal braces."""
    reply = auto_reply(page(instant_reply="{{hi}} from {page}"), visitor(T0))
    assert reply.text == "{hi} from Acme"


def test_visitor_text_is_never_formatted() -> None:
    """Values are inserted as text: a page name with braces stays as it is."""
    odd = pa.Page(
        id="odd",
        name="{back_at} Shop",
        zone="Europe/Berlin",
        settings=pa.MessagingSettings(instant_reply="Hi from {page}"),
    ).compile()
    assert auto_reply(odd, visitor(T0)).text == "Hi from {back_at} Shop"


def test_back_at_far_ahead_uses_the_date() -> None:
    """More than a week ahead, {back_at} names the date."""
    now = datetime(2026, 12, 20, 12, 0, tzinfo=BERLIN)
    assert (
        format_back_at(datetime(2027, 1, 4, 9, 0, tzinfo=BERLIN), now, "en", BERLIN)
        == "on January 4, 2027 at 09:00"
    )
    assert (
        format_back_at(datetime(2027, 1, 4, 9, 0, tzinfo=BERLIN), now, "de", BERLIN)
        == "am 4. Januar 2027 um 09:00 Uhr"
    )
    assert (
        format_back_at(datetime(2026, 12, 20, 17, 0, tzinfo=BERLIN), now, "de", BERLIN)
        == "heute um 17:00 Uhr"
    )


@st.composite
def visitor_streams(draw: st.DrawFn) -> List[datetime]:
    """Sorted times of visitor messages over two days."""
    minutes = draw(st.lists(st.integers(0, 2 * 24 * 60), min_size=1, max_size=25))
    return [T0 - 10 * 60 * MIN + m * MIN for m in sorted(minutes)]


@given(visitor_streams(), st.lists(st.sampled_from(["c1", "c2"]), min_size=25, max_size=25))
def test_at_most_one_away_message_per_conversation_per_away_period(
    times: List[datetime], threads: List[str]
) -> None:
    """Replaying visitors' messages, no conversation gets two away messages without the Page being active
    between or a new conversation (24 hours of silence) beginning between."""
    live = page()
    log: List[Message] = []
    for at, thread in zip(times, threads):
        incoming = visitor(at, thread)
        reply = auto_reply(live, incoming, log)
        log.append(incoming)
        if reply.kind is not ReplyKind.NONE:
            log.append(Message(thread, "page", at, automatic=reply.kind))
    for thread in ("c1", "c2"):
        aways = [m.at for m in log if m.conversation == thread and m.automatic is ReplyKind.AWAY_MESSAGE]
        human = [m.at for m in log if m.conversation == thread and m.automatic is None]
        for first, second in zip(aways, aways[1:]):
            moment, active = first, False
            while True:
                moment = live.next_change(moment)
                if moment is None or moment > second:
                    break
                active = active or live.state(moment)[0] is pa.Status.ACTIVE
            gaps = [b - a for a, b in zip(human, human[1:]) if first < b <= second]
            new_conversation = any(gap >= timedelta(hours=24) for gap in gaps)
            assert active or new_conversation, (first, second)


# -- responsiveness ------------------------------------------------------------------

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)


def conversation(
    name: str, start: datetime, reply_after: timedelta | None, automatic: bool = False
) -> List[Message]:
    items = [Message(name, "visitor", start)]
    if automatic:
        items.append(Message(name, "page", start + timedelta(seconds=1), automatic="instant_reply"))
    if reply_after is not None:
        items.append(Message(name, "page", start + reply_after))
    return items


def test_rate_time_badge_and_label() -> None:
    """Ten conversations, nine answered within minutes: 90 %, the badge, and 'within minutes'."""
    log: List[Message] = []
    for i in range(10):
        log += conversation(
            f"c{i}", NOW - timedelta(days=2, hours=i), None if i == 9 else timedelta(minutes=i + 1), True
        )
    figures = responsiveness(log, NOW)
    assert (figures.conversations, figures.responded) == (10, 9)
    assert figures.response_rate == pytest.approx(0.9)
    # fastest 90 % of [1..9] minutes: the fastest 9 (ceil of 8.1) -> mean 5 minutes
    assert figures.response_time == timedelta(minutes=5)
    assert figures.very_responsive
    assert figures.badge() == "Very responsive to messages"
    assert figures.label() == "Typically replies within minutes"
    assert figures.label("de") == "Antwortet in der Regel innerhalb weniger Minuten"


@pytest.mark.parametrize(
    ("reply_after", "label"),
    [
        (timedelta(minutes=40), "Typically replies within an hour"),
        (timedelta(hours=3), "Typically replies within a few hours"),
        (timedelta(hours=20), "Typically replies within a day"),
    ],
)
def test_labels(reply_after: timedelta, label: str) -> None:
    """The label follows the response time."""
    figures = responsiveness(conversation("c", NOW - timedelta(days=3), reply_after), NOW)
    assert figures.label() == label
    assert not figures.very_responsive


def test_automatic_replies_never_count() -> None:
    """An instant reply or away message is not a response."""
    log = [
        Message("c", "visitor", NOW - timedelta(hours=5)),
        Message("c", "page", NOW - timedelta(hours=5), automatic="away_message"),
    ]
    figures = responsiveness(log, NOW)
    assert (figures.conversations, figures.responded, figures.response_time) == (1, 0, None)
    assert figures.response_rate == 0


def test_away_time_is_not_counted() -> None:
    """Time while the Page was set away is taken out of the response time."""
    start = NOW - timedelta(days=1)
    away = [pa.Interval(start + timedelta(minutes=10), start + timedelta(hours=2, minutes=10))]
    figures = responsiveness(conversation("c", start, timedelta(hours=2, minutes=20)), NOW, away=away)
    assert figures.response_time == timedelta(minutes=20)


def test_window_and_gaps() -> None:
    """Only conversations started in the last 7 days count; 24 hours of silence starts a new one."""
    log = conversation("old", NOW - timedelta(days=8), timedelta(minutes=5))
    log += conversation("c", NOW - timedelta(days=3), timedelta(minutes=5))
    log += conversation("c", NOW - timedelta(days=1), None)  # new: more than 24 hours later
    log += [Message("c", "visitor", NOW - timedelta(days=1) + timedelta(hours=1))]  # same conversation
    figures = responsiveness(log, NOW)
    assert (figures.conversations, figures.responded) == (2, 1)


@st.composite
def logs(draw: st.DrawFn) -> List[Message]:
    items: List[Message] = []
    for index in range(draw(st.integers(0, 8))):
        start = NOW - timedelta(minutes=draw(st.integers(1, 9 * 24 * 60)))
        reply = draw(st.none() | st.integers(1, 30 * 60).map(lambda m: timedelta(minutes=m)))
        items += conversation(f"c{index % 3}", start, reply, draw(st.booleans()))
    return items


@given(logs(), st.randoms())
def test_figures_do_not_depend_on_log_order(log: List[Message], random: object) -> None:
    """Shuffling the log changes nothing."""
    shuffled = list(log)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert responsiveness(log, NOW) == responsiveness(shuffled, NOW)


@given(logs())
def test_dropping_automatic_replies_changes_nothing(log: List[Message]) -> None:
    """Automatic replies never count toward the figures."""
    human = [m for m in log if m.automatic is None]
    assert responsiveness(log, NOW) == responsiveness(human, NOW)


@pytest.mark.parametrize(
    ("build", "fragment"),
    [
        (lambda: Message("c", "bot", NOW), "'sender' must be one of visitor, page (got 'bot')"),
        (
            lambda: Message("c", "visitor", NOW, automatic="away_message"),
            "'automatic' must be None for a visitor",
        ),
        (
            lambda: Message("c", "page", NOW, automatic="greeting"),
            "'automatic' must be None, 'instant_reply'",
        ),
        (lambda: Message("c", "page", datetime(2026, 1, 1)), "'at' must be an aware datetime"),
        (lambda: responsiveness([1], NOW), "'messages' must be a collection of Message"),
        (lambda: responsiveness([], NOW, window=timedelta(0)), "'window' must be a positive timedelta"),
        (lambda: auto_reply("acme", visitor(T0)), "'page' must be a CompiledPage"),  # type: ignore[arg-type]
    ],
)
def test_bad_input(build: object, fragment: str) -> None:
    """Bad messages and arguments raise the library's errors."""
    with pytest.raises(pa.PageAvailError) as caught:
        build()  # type: ignore[operator]
    assert fragment in str(caught.value)


def test_senders_parse() -> None:
    """Senders parse from their names."""
    assert Message("c", "Visitor", NOW).sender is Sender.VISITOR


# -- conversations, {back_at} and exact away periods ---------------------------------


def test_a_new_conversation_in_the_same_away_period_gets_the_away_message() -> None:
    """Once per away period is per conversation: a visitor writing again after 24 hours of silence,
    with the Page still away, starts a new conversation and gets the away message, not the instant reply."""
    away = page(away=True)
    first = datetime(2026, 11, 27, 18, 0, tzinfo=BERLIN)
    log = [visitor(first), Message("c1", "page", first, automatic="away_message")]
    next_day = auto_reply(away, visitor(first + timedelta(hours=25)), log)
    assert next_day.kind is ReplyKind.AWAY_MESSAGE
    same_day = auto_reply(away, visitor(first + timedelta(hours=2)), log)
    assert same_day.kind is ReplyKind.NONE  # the same conversation and away period


def test_a_conversation_kept_alive_counts_as_one() -> None:
    """Messages never 24 hours apart are one conversation however long it runs: no second away message."""
    away = page(away=True)
    first = datetime(2026, 11, 27, 18, 0, tzinfo=BERLIN)
    log = [visitor(first), Message("c1", "page", first, automatic="away_message")]
    log += [visitor(first + timedelta(hours=20 * i)) for i in range(1, 6)]
    reply = auto_reply(away, visitor(first + timedelta(hours=120)), log)
    assert reply.kind is ReplyKind.NONE


@pytest.mark.parametrize(
    ("settings", "locale", "text"),
    [
        ({"away": True}, None, "Acme is away right now and back later."),
        ({"away": True}, "de-AT", "Acme is away right now and back later."),  # the template's language
        ({"hours": pa.Schedule.parse("2026 Nov 20 09:00-17:00", zone="Europe/Berlin")}, None, None),
    ],
)
def test_back_at_names_no_return_when_none_is_set(
    settings: dict, locale: str | None, text: str | None
) -> None:
    """Away until switched back, or hours that never open again: {back_at} promises nothing ('later'), never 'soon'."""
    reply = auto_reply(page(**settings), visitor(T0), locale=locale)
    assert reply.kind is ReplyKind.AWAY_MESSAGE
    assert reply.back_at is None
    assert reply.text == (text or "Acme is away right now and back later.")


def test_back_at_soon_only_when_the_settings_expect_answers() -> None:
    """'soon' stays for a Page whose settings expect answers now (only the team is away)."""
    assert format_back_at(None, T0, "en", BERLIN) == "soon"
    assert format_back_at(None, T0, "en", BERLIN, returns=False) == "later"
    assert format_back_at(None, T0, "de", "Europe/Berlin", returns=False) == "später"


def test_back_at_follows_the_reply_locale_chain() -> None:
    """{back_at} speaks the template's language, the Page's: a visitor of another language, with a
    catalogue or without, never gets French or English day names inside a German reply."""
    german = pa.Page(
        id="acme",
        name="Acme",
        zone="Europe/Berlin",
        locale="de",
        settings=pa.MessagingSettings(hours=HOURS, away_message="{page} ist {back_at} wieder da."),
    ).compile()
    friday_evening = datetime(2026, 11, 27, 18, 0, tzinfo=BERLIN)
    for locale in ("sv", "ja-JP", None, "de-AT", "fr", "en"):
        reply = auto_reply(german, visitor(friday_evening), locale=locale)
        assert reply.text == "Acme ist am Montag um 09:00 Uhr wieder da.", locale
    january = datetime(2027, 1, 4, 9, 0, tzinfo=BERLIN)
    austrian = attrs.evolve(german.page, settings=attrs.evolve(german.page.settings, away=january)).compile()
    assert (
        auto_reply(austrian, visitor(friday_evening), locale="de-AT").text
        == "Acme ist am 4. Jänner 2027 um 09:00 Uhr wieder da."
    )
    assert (
        auto_reply(austrian, visitor(friday_evening), locale="fr").text
        == "Acme ist am 4. Januar 2027 um 09:00 Uhr wieder da."
    )
    monday = datetime(2026, 11, 30, 9, 0, tzinfo=BERLIN)
    assert format_back_at(monday, friday_evening, "sv", BERLIN, page_locale="de") == "am Montag um 09:00 Uhr"
    assert format_back_at(monday, friday_evening, "sv", BERLIN) == "on Monday at 09:00"
    assert format_back_at(monday, friday_evening, "fr", BERLIN, page_locale="de") == "lundi à 09:00"


def test_away_period_is_exact_over_many_changes_of_the_hours() -> None:
    """Whether the Page was active since the last away message is computed, not walked: over more than
    100,000 changes of the hours without anyone online, no second away message goes out."""
    spans = ",".join(f"{h:02d}:{m:02d}-{h:02d}:{m + 15:02d}" for h in range(24) for m in (0, 30))
    busy_hours = pa.Schedule.parse(spans, zone="Europe/Berlin")
    offline = pa.Page(
        id="acme",
        name="Acme",
        zone="Europe/Berlin",
        settings=pa.MessagingSettings(hours=busy_hours, away_message="Back {back_at}."),
        grants=[pa.Grant("anna", "acme", role="editor")],
    ).compile()
    first = datetime(2026, 1, 1, 12, 0, tzinfo=BERLIN)
    log = [visitor(first), Message("c1", "page", first, automatic="away_message")]
    log += [visitor(first + timedelta(hours=20 * i)) for i in range(1, 1300)]  # 1,083 days, one conversation
    reply = auto_reply(offline, visitor(first + timedelta(hours=20 * 1300)), log)
    assert reply.kind is ReplyKind.NONE


def test_active_between_finds_a_short_active_stretch() -> None:
    """A minute of activity between two messages ends the away period; a stretch outside the hours does not."""
    first = datetime(2026, 11, 27, 8, 0, tzinfo=BERLIN)  # before the hours
    sessions = [
        pa.Session("anna", "web", first + 30 * MIN, first + 61 * MIN)
    ]  # live to 09:11 with the idle time
    live = pa.Page(
        id="acme",
        name="Acme",
        zone="Europe/Berlin",
        settings=pa.MessagingSettings(hours=HOURS, away_message="Back {back_at}."),
        grants=[pa.Grant("anna", "acme", role="editor")],
    ).compile(sessions)
    log = [visitor(first), Message("c1", "page", first, automatic="away_message")]
    assert auto_reply(live, visitor(first + 59 * MIN), log).kind is ReplyKind.NONE  # 08:59: never active
    assert (
        auto_reply(live, visitor(first + 90 * MIN), log).kind is ReplyKind.AWAY_MESSAGE
    )  # active 09:00-09:11


def test_an_uncompiled_page_is_compiled_with_no_sessions() -> None:
    """auto_reply accepts a Page and treats it as compiled with nobody online."""
    plain = page().page
    assert auto_reply(plain, visitor(T0)) == auto_reply(plain.compile(), visitor(T0))


def test_a_window_reaching_before_the_supported_range_is_refused() -> None:
    """A window longer than the time since the first supported instant raises OutOfRangeError, not OverflowError."""
    with pytest.raises(pa.OutOfRangeError, match="'window'"):
        responsiveness([], NOW, window=timedelta.max)
    early = datetime(4, 1, 3, tzinfo=timezone.utc)
    with pytest.raises(pa.OutOfRangeError, match="'window'"):
        responsiveness([], early)


@pytest.mark.parametrize(
    "build",
    [
        lambda: pa.AutoReply("none", None, "x"),
        lambda: pa.AutoReply(ReplyKind.NONE, 5, "x"),
        lambda: pa.AutoReply(ReplyKind.NONE, None, ""),
        lambda: pa.AutoReply(ReplyKind.NONE, None, "x", datetime(2026, 1, 1)),
        lambda: pa.Responsiveness(NOW, NOW, -1, 0, None, None),
        lambda: pa.Responsiveness(NOW, NOW, 1, 0, float("nan"), None),
        lambda: pa.Responsiveness(None, NOW, 1, 0, None, None),
        lambda: pa.Responsiveness(NOW, NOW, 1, 0, None, 5),
        lambda: pa.Responsiveness(NOW, NOW - MIN, 1, 0, None, None),
        lambda: pa.Responsiveness(NOW, NOW, 1, 2, None, None),
        lambda: format_back_at(None, NOW, "en", 5),
        lambda: format_back_at(None, NOW, b"en", "UTC"),
        lambda: format_back_at(NOW, datetime(2026, 1, 1), "en", "UTC"),
        lambda: format_back_at(None, NOW, "en", "UTC", returns=None),
        lambda: auto_reply(visitor(T0), visitor(T0)),  # type: ignore[arg-type]
    ],
)
def test_constructors_and_helpers_refuse_odd_values(build: object) -> None:
    """Reply values and helpers refuse wrong kinds with the library's errors, naming the field."""
    with pytest.raises(pa.PageAvailError):
        build()  # type: ignore[operator]


@given(
    st.lists(st.tuples(st.integers(0, 48 * 60), st.integers(1, 6 * 60)), max_size=12),
    st.integers(0, 40 * 60),
    st.integers(1, 20 * 60),
)
def test_away_time_in_response_times_is_exact(
    away: List[tuple], start_minute: int, reply_minutes: int
) -> None:
    """The away time taken out of a response time is the measure of the away intervals within it,
    overlapping ones merged, whatever their number and order."""
    base = NOW - timedelta(days=3)
    intervals = [
        pa.Interval(base + timedelta(minutes=lo), base + timedelta(minutes=lo + length))
        for lo, length in away
    ]
    start = base + timedelta(minutes=start_minute)
    reply = start + timedelta(minutes=reply_minutes)
    covered = {
        minute
        for lo, length in away
        for minute in range(lo, lo + length)
        if start_minute <= minute < start_minute + reply_minutes
    }
    figures = responsiveness(conversation("c", start, reply - start), NOW, away=intervals)
    assert figures.response_time == reply - start - timedelta(minutes=len(covered))


def test_a_return_past_the_last_supported_instant_is_named_later() -> None:
    """On the last evening of the supported range the next opening lies beyond it: {back_at} says 'later',
    where back_at() itself raises OutOfRangeError."""
    last_evening = datetime(9996, 12, 31, 22, 0, tzinfo=timezone.utc)
    with pytest.raises(pa.OutOfRangeError):
        page().back_at(last_evening)
    reply = auto_reply(page(), visitor(last_evening))
    assert (reply.kind, reply.text, reply.back_at) == (
        ReplyKind.AWAY_MESSAGE,
        "Acme is away right now and back later.",
        None,
    )


@pytest.mark.parametrize("kind", [Sender, ReplyKind])
@pytest.mark.parametrize("value", ["bogus", None, 5, b"x", ""])
def test_reply_enums_refuse_wrong_values_with_the_library_error(kind: type, value: object) -> None:
    """Sender(...) and ReplyKind(...) with a wrong value raise InvalidValueError naming the enum."""
    with pytest.raises(pa.InvalidValueError, match=kind.__name__):
        kind(value)
