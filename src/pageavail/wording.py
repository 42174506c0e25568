"""The words people read, apart from the deciding: every message of every surface.

The checks, reasons and labels of :mod:`pageavail.rules`, :mod:`~pageavail.presence`,
:mod:`~pageavail.team` and :mod:`~pageavail.replies`, the prompt's texts and the
command line's frame are made here, as :class:`Text` values: a marked message
(English, the gettext message id) with its values. A text is rendered for a
locale only when someone reads it (``text.render("de")``), so deciding never
pays for words, and the Python, JSON and command-line surfaces say the same.

Values are formatted for the reader's locale by Babel: counts as numbers,
durations (``Duration``: "10 minutes", "10 Minuten"), times ago (``Ago``: "27
days ago", "vor 27 Tagen"), instants (``Moment``), dates (``Day``) and
percentages (``Percent``).

Examples:
    >>> from datetime import timedelta
    >>> someone_online(1).render("de")
    '1 Person aus dem Team, die Nachrichten beantworten kann, ist online.'
    >>> someone_online(2).render("en")
    '2 people on the team who can answer messages are online.'
    >>> text = nobody_online_idle(timedelta(minutes=39122), timedelta(minutes=10))
    >>> text.render("de").split(": ")[1]
    'Die letzte Aktivität war vor 27 Tagen, als inaktiv gilt eine Sitzung nach 10 Minuten.'
    >>> text.render("en").split(": ")[1]
    'the last activity was 27 days ago, and a session counts as idle after 10 minutes.'
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Iterable, NamedTuple, Optional, Tuple

from ._i18n import N_, Ago, Day, Duration, Hours, Joined, Message, Moment, Nn_, Nnp_, Np_, Percent, Text

__all__ = ["Message", "Text", "status_word"]

# -- the prompt a visitor sees -------------------------------------------------------

PROMPT_TITLE = N_("{page} is active now")
PROMPT_BODY = N_("Start a conversation.")
PROMPT_ACTION = N_("Send message")

# -- status words ---------------------------------------------------------------------

_STATUS = {
    "active": Np_("status", "active"),
    "away": Np_("status", "away"),
    "offline": Np_("status", "offline"),
    "messaging_off": Np_("status", "messaging off"),
}


def status_word(status: str) -> Text:
    """The word for a status value (``active``, ``away``, ``offline``, ``messaging_off``)."""
    return _STATUS[status]()


# -- status checks ----------------------------------------------------------------------

MESSAGING_ON = N_("Messaging is on.")
MESSAGING_OFF = N_("Messaging is switched off in the Page's settings.")
NOT_AWAY = N_("Nobody has set the Page to away.")
AWAY_UNTIL = N_("The Page is set to away by hand until {until}.")
AWAY_OPEN = N_("The Page is set to away by hand until someone switches it back.")
HOURS_ALWAYS = N_("No response hours are set, so the Page answers at any time.")
HOURS_WITHIN = N_("Within the response hours (rule {number}: {rule}).")
HOURS_OUTSIDE = N_("Outside the response hours (rule {number}: {rule}).")
HOURS_NO_RULE = N_("Outside the response hours: no rule covers {day}.")
HOURS_UNKNOWN = N_(
    "Outside the response hours: the hours are unknown now (rule {number}: {rule}), "
    "so no quick answer is promised."
)
_ONLINE = Nn_(
    "{count} person on the team who can answer messages is online.",
    "{count} people on the team who can answer messages are online.",
)
_IDLE = N_(
    "Nobody who can answer messages is online: the last activity was {ago}, "
    "and a session counts as idle after {idle}."
)
_ENDED = N_("Nobody who can answer messages is online: the last session ended (logged out) {ago}.")
NEVER_ONLINE = N_("Nobody who can answer messages has been online.")
_NOT_COUNTED = N_("Not counted: {ignored}.")
_PERSON_REASON = N_("{person} ({reason})")


def away_until(until: datetime) -> Text:
    return AWAY_UNTIL(until=Moment(until))


def hours_rule(open_: bool, number: int, rule: str) -> Text:
    return (HOURS_WITHIN if open_ else HOURS_OUTSIDE)(number=number, rule=rule)


def hours_unknown(number: int, rule: str) -> Text:
    return HOURS_UNKNOWN(number=number, rule=rule)


def hours_no_rule(day: date) -> Text:
    return HOURS_NO_RULE(day=Day(day))


def someone_online(count: int) -> Text:
    return _ONLINE(count, count=count)


def nobody_online_idle(ago: timedelta, idle: timedelta) -> Text:
    return _IDLE(ago=Ago(ago), idle=Duration(idle))


def nobody_online_ended(ago: timedelta) -> Text:
    return _ENDED(ago=Ago(ago))


class _Reasons(NamedTuple):
    """Who is not counted and why: "omar (…); bea (…)", worded only when read."""

    items: Tuple[Any, ...]  # each with .person, and .message (a Text) or .reason (English)

    def format(self, tag: str) -> str:
        return "; ".join(
            _PERSON_REASON(person=item.person, reason=item.message or Message(item.reason)()).render(tag)
            for item in self.items
        )


def not_counted(ignored: Iterable[Any]) -> Text:
    """ "Not counted: omar (no task that includes messages); …" for the sessions that do not
    count (:class:`~pageavail.presence.Ignored`: a person and why)."""
    return _NOT_COUNTED(ignored=_Reasons(tuple(ignored)))


# -- prompt checks ----------------------------------------------------------------------

PAGE_ACTIVE = N_("The Page is active.")
_PAGE_NOT_ACTIVE = N_("The Page is not active ({status}).")
PROMPT_ON = N_('The "active now" prompt is switched on.')
PROMPT_OFF = N_('The "active now" prompt is switched off in the messaging settings.')
_IN_ROLLOUT = N_(
    "The prompt is rolled out to {percent} of Pages, and this Page is among them "
    "(its place in the draw: {bucket} of 100)."
)
_NOT_IN_ROLLOUT = N_(
    "The prompt is rolled out to {percent} of Pages so far, and this Page is not among them yet: "
    "its place in the draw is {bucket} of 100, so it gets the prompt once the rollout reaches {reach}."
)
VISITOR_OUTSIDER = N_("The visitor is not on the Page's team.")
VISITOR_MEMBER = N_("The visitor is on the Page's team, and the team never sees its own prompt.")
VISITOR_ANONYMOUS = N_("The visitor is not signed in, so not on the team.")
_RESTED = N_("The visitor has not seen the prompt within the cooldown of {cooldown}.")
_PROMPTED = N_("The visitor saw the prompt {ago}, within the cooldown of {cooldown}.")
_PROMPTED_LATER = N_(
    "The visitor's last prompt is dated after this page view, so it counts as just now, "
    "within the cooldown of {cooldown}."
)


def page_not_active(status: str) -> Text:
    return _PAGE_NOT_ACTIVE(status=status_word(status))


def rollout(included: bool, percent: float, bucket: int) -> Text:
    if included:
        return _IN_ROLLOUT(percent=Percent(percent), bucket=bucket)
    return _NOT_IN_ROLLOUT(percent=Percent(percent), bucket=bucket, reach=Percent(bucket))


def rested(cooldown: timedelta) -> Text:
    return _RESTED(cooldown=Duration(cooldown))


def prompted(ago: timedelta, cooldown: timedelta) -> Text:
    return _PROMPTED(ago=Ago(ago), cooldown=Duration(cooldown))


def prompted_later(cooldown: timedelta) -> Text:
    return _PROMPTED_LATER(cooldown=Duration(cooldown))


# -- why a session or a person does not count --------------------------------------------

_OTHER_PAGES = N_("the session serves other Pages ({pages})")
API_OFF = N_("API tokens do not count (policy: api_counts is off)")
MOBILE_OFF = N_("the mobile app does not count (policy: mobile_counts is off)")
NO_HEARTBEAT = N_("a third-party inbox counts only with a person's heartbeat")
NO_GRANT = N_("no role or task on this Page")
_CAN_ANSWER = N_("can answer messages: {grant}")
_NO_MESSAGES = N_("{grants}: no task that includes messages")
_GRANT_DIRECT = N_("{what}, directly on the Page")
_GRANT_BUSINESS = N_("{what}, through the business {id}")
_GRANT_PARTNER = N_("{what}, through the partner agency {id}")
_ROLE = N_("role {role}")
_TASKS = N_("tasks {tasks}")
_ROLE_TASKS = N_("role {role} and tasks {tasks}")


def other_pages(pages: Iterable[str]) -> Text:
    return _OTHER_PAGES(pages=", ".join(sorted(pages)))


def grant_what(role: Optional[str], tasks: Iterable[str]) -> Text:
    """ "role admin", "tasks messages", "role analyst and tasks messages" (names are identifiers)."""
    names = ", ".join(sorted(tasks))
    if role is None:
        return _TASKS(tasks=names)
    return _ROLE(role=role) if not names else _ROLE_TASKS(role=role, tasks=names)


def grant_label(what: Text, via_kind: str, via_id: Optional[str]) -> Text:
    if via_kind == "business":
        return _GRANT_BUSINESS(what=what, id=via_id or "")
    if via_kind == "partner":
        return _GRANT_PARTNER(what=what, id=via_id or "")
    return _GRANT_DIRECT(what=what)


def can_answer(grant: Text) -> Text:
    return _CAN_ANSWER(grant=grant)


def no_messaging_task(grants: Iterable[Text]) -> Text:
    return _NO_MESSAGES(grants=Joined(tuple(grants)))


# -- automatic replies ----------------------------------------------------------------------

# {back_at}: each is an adverbial phrase that fits "back {back_at}" ("wieder da {back_at}",
# "{back_at} wieder für dich da"). The phrases with {time} are plural messages whose count
# is the hour (0-23) of {time}, so that a language can agree with the hour: Spanish "a la
# 1:00" but "a las 9:00", Portuguese "à 01:00" but "às 09:00" (CLDR's rule for the number).
REPLY_SOON = Np_("back at", "soon")
REPLY_LATER = Np_("back at", "later")
REPLY_UNDER_A_MINUTE = Np_("back at", "in under a minute")
_IN_MINUTES = Nnp_("back at", "in 1 minute", "in {count} minutes")
_TODAY_AT = Nnp_("back at", "today at {time}", "today at {time}")
_TOMORROW_AT = Nnp_("back at", "tomorrow at {time}", "tomorrow at {time}")
# Whole phrases, one per weekday (ISO order), so that each language writes its own case and
# article: "am Montag", "lundi", "el lunes", "w środę", "na segunda-feira", "no sábado".
_ON_WEEKDAY = (
    Nnp_("back on a weekday", "on Monday at {time}", "on Monday at {time}"),
    Nnp_("back on a weekday", "on Tuesday at {time}", "on Tuesday at {time}"),
    Nnp_("back on a weekday", "on Wednesday at {time}", "on Wednesday at {time}"),
    Nnp_("back on a weekday", "on Thursday at {time}", "on Thursday at {time}"),
    Nnp_("back on a weekday", "on Friday at {time}", "on Friday at {time}"),
    Nnp_("back on a weekday", "on Saturday at {time}", "on Saturday at {time}"),
    Nnp_("back on a weekday", "on Sunday at {time}", "on Sunday at {time}"),
)
_ON_DATE = Nnp_("back on a date", "on {date} at {time}", "on {date} at {time}")
#: The first day of a month inside a date with a month name: French "1er", Portuguese "1º".
FIRST_OF_MONTH = Np_("the first day of a month, in a date", "1")
REPLY_NOT_VISITOR = N_("only visitors' messages get automatic replies")
REPLY_MESSAGING_OFF = N_("messaging is off")
REPLY_AWAY_SENT = N_("an away message was already sent in this away period")
_REPLY_AWAY = N_("the Page is {status}")
REPLY_NEW = N_("a new conversation")
REPLY_NEW_NO_TEXT = N_("a new conversation, but no instant reply is set")
REPLY_UNDER_WAY = N_("the conversation is under way")


def in_minutes(minutes: int) -> Text:
    """ "in 40 minutes", "in einer Minute", "za 22 minuty"."""
    return _IN_MINUTES(minutes, count=minutes)


def today_at(hour: int, time: str) -> Text:
    """ "today at 09:00"; *hour* (0-23) is the count that chooses the form."""
    return _TODAY_AT(hour, time=time)


def tomorrow_at(hour: int, time: str) -> Text:
    """ "tomorrow at 09:00"; *hour* (0-23) is the count that chooses the form."""
    return _TOMORROW_AT(hour, time=time)


def on_weekday(weekday: int, hour: int, time: str) -> Text:
    """ "on Monday at 09:00" for *weekday* 0 (Monday) to 6 (Sunday), as ``date.weekday()``."""
    return _ON_WEEKDAY[weekday](hour, time=time)


def on_date(date_text: str, hour: int, time: str) -> Text:
    """ "on January 4, 2027 at 09:00", the date as Babel writes it for the locale."""
    return _ON_DATE(hour, date=date_text, time=time)


def reply_away(status: str) -> Text:
    return _REPLY_AWAY(status=status_word(status))


RESPONSIVENESS = {
    "minutes": N_("Typically replies within minutes"),
    "hour": N_("Typically replies within an hour"),
    "hours": N_("Typically replies within a few hours"),
    "day": N_("Typically replies within a day"),
}
VERY_RESPONSIVE = N_("Very responsive to messages")


# -- the command line's frame ----------------------------------------------------------------

CLI_PAGE_AT = N_("{page} ({id}) at {moment}: {status}")
CLI_NEXT_CHANGE = N_("Next change: {moment}")
CLI_NEXT_CHANGE_NEVER = N_("Next change: never")
CLI_NEXT_CHANGE_BEYOND = N_("Next change: none before {moment}, the end of the supported instants")
CLI_PROMPT = N_("Visitor prompt: {state}")
CLI_PROMPT_FOR = N_("Visitor prompt for {visitor}: {state}")
CLI_SHOWN = Np_("prompt", "shown")
CLI_NOT_SHOWN = Np_("prompt", "not shown")
CLI_BANNER = N_("Shown at {shown}; the banner shows until {collapse}; the prompt expires on {expires}.")
CLI_BANNER_NO_EXPIRY = N_("Shown at {shown}; the banner shows until {collapse}; the prompt does not expire.")

CLI_ZONE_HOLIDAYS = N_("{zone}, public holidays of {code}")
CLI_AT_STATE = N_("At {moment}: {state}")
CLI_OPEN = Np_("hours", "open")
CLI_CLOSED = Np_("hours", "closed")
CLI_UNKNOWN = Np_("hours", "unknown")
CLI_DECIDED_BY_RULE = N_("Decided by rule {number}: {rule}")
CLI_DECIDED_BY_NONE = N_("Decided by: no rule selects this day, so it is closed.")
CLI_OPEN_NEXT_DAYS = Nn_("Open in the next day:", "Open in the next {days} days:")
CLI_DAY_SPAN = N_("{day} {start}-{end}")
CLI_SPAN = N_("{start} - {end}")
CLI_NOT_AT_ALL = N_("(not at all)")
CLI_FROM_TO = N_("{page} ({id}) from {start} to {end}")
CLI_TOTALS = N_("Totals: {totals}; active {hours} per week")
CLI_TOTAL = N_("{status} {hours}")
CLI_MATRIX = N_("Active share by local weekday and hour (░ ▒ ▓ █: up to {quarter}, {half}, {three}, {all}):")
CLI_CHECK_OK = N_("{page} ({name}), {zone}: {members}, {answerers}; {sessions}; response hours: {hours}")
CLI_MEMBERS = Nn_("{count} team member", "{count} team members")
CLI_ANSWERERS = Nn_("{count} of them can answer messages", "{count} of them can answer messages")
CLI_SESSIONS = Nn_("{count} session", "{count} sessions")
CLI_ALWAYS = Np_("response hours", "always")
CLI_TOTALS_SHORT = N_("Totals: {totals} (the period is shorter than a week: no figure per week)")
CLI_MATRIX_BLANK = Nn_(
    "{count} hour of the week is not in the period: it is left blank, which does not mean inactive.",
    "{count} hours of the week are not in the period: they are left blank, which does not mean inactive.",
)
CLI_REPLY_TO = N_("Automatic reply to {visitor}: {kind}")
CLI_REPLY_KINDS = {
    "instant_reply": Np_("automatic reply", "instant reply"),
    "away_message": Np_("automatic reply", "away message"),
    "none": Np_("automatic reply", "none"),
}
CLI_REPLY_WHY = N_("Why: {reason}")
CLI_REPLY_BACK = N_("Back by the Page's settings: {moment}")
CLI_FORECAST_INPUT = N_("Page views per hour: {visits}; click rate: {rate}")
CLI_FORECAST_TOTAL = N_("Expected conversations: {conversations}; prompts shown: {prompts}; active: {hours}")
CLI_FORECAST_PER_DAY = N_("Per day:")
CLI_FORECAST_DAY = N_("{day}: active {hours}; conversations: {conversations}")
CLI_FORECAST_BUSIEST = N_("Busiest hour: {moment}; conversations: {conversations}")
CLI_FORECAST_MATRIX = N_(
    "Conversations by local weekday and hour, against the busiest hour of the week "
    "(░ ▒ ▓ █: up to {quarter}, {half}, {three}, {all}):"
)
CLI_INIT_WROTE = N_("Wrote {file}; check it with: pageavail check {file}")


# -- timelines in notebooks -----------------------------------------------------------------------

TIMELINE_FIRST = Np_("comparison", "first")
TIMELINE_SECOND = Np_("comparison", "second")
TIMELINE_ACTIVE_HOURS = N_("active hours")
TIMELINE_ACTIVE_PER_WEEK = N_("active hours per week")
TIMELINE_PROMPTS = N_("prompts shown")
TIMELINE_CONVERSATIONS = N_("conversations started")
_TIMELINE_SUMMARY = Nn_(
    "{start} – {end}: {count} segment, active {hours} per week",
    "{start} – {end}: {count} segments, active {hours} per week",
)
TIMELINE_STATUS = Np_("table heading", "status")
TIMELINE_TIME = Np_("table heading", "time")


def timeline_summary(start: datetime, end: datetime, segments: int, hours: float) -> Text:
    return _TIMELINE_SUMMARY(
        segments, start=Moment(start), end=Moment(end), count=segments, hours=Hours(hours)
    )
