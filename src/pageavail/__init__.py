"""pageavail: when a business Page counts as "active now", and what its visitors see.

The public names, grouped. Everything here is a pure value or function: time
always comes in as an aware datetime, nothing reads a clock, a file or the network.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names, for type checkers and IDEs; at run time they load on first use
    from ._calendar import HolidayCalendar, Recurrence
    from ._selectors import DateRange, HoursRule, Month, TimeSpan, Weekday, WeekdayRange, YearRange
    from .errors import (
        HolidayCalendarError,
        InvalidInstantError,
        InvalidValueError,
        NaiveDatetimeError,
        OutOfRangeError,
        PageAvailError,
        RecurrenceError,
        ScheduleSyntaxError,
        ScheduleTooLongError,
        UnknownZoneError,
        UnsupportedSyntaxError,
    )
    from .live import EventKind, LivePage, PresenceEvent
    from .payload import Payload
    from .presence import Client, Ignored, PagePresence, PresencePolicy, PresenceStatus, Session
    from .replies import (
        AutoReply,
        Message,
        ReplyKind,
        Responsiveness,
        Sender,
        auto_reply,
        responsiveness,
    )
    from .rules import (
        Check,
        CompiledPage,
        Decision,
        MessagingSettings,
        Page,
        Policy,
        Prompt,
        Status,
        rollout_bucket,
    )
    from .schedule import HoursState, HoursStatus, Interval, Schedule
    from .team import Access, Grant, Role, Source, SourceKind, Task, Team
    from .timeline import Comparison, LoadForecast, Segment, Timeline

__version__ = "0.1.0"

#: Where each public name lives: ``import pageavail`` loads only this file, and a
#: module loads the first time one of its names is used (PEP 562), which keeps
#: the import quick for services that need a part of the library.
_LOCATIONS = {
    "AutoReply": ".replies",
    "Message": ".replies",
    "ReplyKind": ".replies",
    "Responsiveness": ".replies",
    "Sender": ".replies",
    "auto_reply": ".replies",
    "responsiveness": ".replies",
    "HolidayCalendar": "._calendar",
    "Recurrence": "._calendar",
    "DateRange": "._selectors",
    "HoursRule": "._selectors",
    "Month": "._selectors",
    "TimeSpan": "._selectors",
    "Weekday": "._selectors",
    "WeekdayRange": "._selectors",
    "YearRange": "._selectors",
    "HolidayCalendarError": ".errors",
    "InvalidInstantError": ".errors",
    "InvalidValueError": ".errors",
    "NaiveDatetimeError": ".errors",
    "OutOfRangeError": ".errors",
    "PageAvailError": ".errors",
    "RecurrenceError": ".errors",
    "ScheduleSyntaxError": ".errors",
    "ScheduleTooLongError": ".errors",
    "UnknownZoneError": ".errors",
    "UnsupportedSyntaxError": ".errors",
    "EventKind": ".live",
    "LivePage": ".live",
    "PresenceEvent": ".live",
    "Payload": ".payload",
    "Client": ".presence",
    "Ignored": ".presence",
    "PagePresence": ".presence",
    "PresencePolicy": ".presence",
    "PresenceStatus": ".presence",
    "Session": ".presence",
    "Check": ".rules",
    "CompiledPage": ".rules",
    "Decision": ".rules",
    "MessagingSettings": ".rules",
    "Page": ".rules",
    "Policy": ".rules",
    "Prompt": ".rules",
    "Status": ".rules",
    "rollout_bucket": ".rules",
    "HoursState": ".schedule",
    "HoursStatus": ".schedule",
    "Interval": ".schedule",
    "Schedule": ".schedule",
    "Access": ".team",
    "Grant": ".team",
    "Role": ".team",
    "Source": ".team",
    "SourceKind": ".team",
    "Task": ".team",
    "Team": ".team",
    "Comparison": ".timeline",
    "LoadForecast": ".timeline",
    "Segment": ".timeline",
    "Timeline": ".timeline",
}


#: The public modules, also reachable as attributes (``pageavail.schedule``).
_MODULES = frozenset(
    {
        "analysis",
        "cli",
        "config",
        "errors",
        "live",
        "payload",
        "presence",
        "replies",
        "rules",
        "schedule",
        "team",
        "testing",
        "timeline",
    }
)


def __getattr__(name: str) -> Any:
    from importlib import import_module

    if name in _MODULES:
        return import_module(f".{name}", __name__)
    module = _LOCATIONS.get(name)
    if module is None:
        raise AttributeError(f"module 'pageavail' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> "list[str]":
    return sorted([*globals(), *_LOCATIONS, *_MODULES])


__all__ = [
    # the decision
    "Page",
    "MessagingSettings",
    "Policy",
    "CompiledPage",
    "Decision",
    "Prompt",
    "Check",
    "Status",
    "Payload",
    "rollout_bucket",
    # timelines and what-if
    "Timeline",
    "Segment",
    "LoadForecast",
    "Comparison",
    # automatic replies
    "auto_reply",
    "responsiveness",
    "Message",
    "Sender",
    "ReplyKind",
    "AutoReply",
    "Responsiveness",
    # team and presence
    "Team",
    "Grant",
    "Role",
    "Task",
    "Source",
    "SourceKind",
    "Access",
    "Session",
    "Client",
    "PresencePolicy",
    "PagePresence",
    "PresenceStatus",
    "Ignored",
    # live presence from events, for services
    "PresenceEvent",
    "EventKind",
    "LivePage",
    # response hours
    "Schedule",
    "Interval",
    "HoursState",
    "HoursStatus",
    "HolidayCalendar",
    "Recurrence",
    # the parsed form of response hours
    "HoursRule",
    "TimeSpan",
    "WeekdayRange",
    "DateRange",
    "YearRange",
    "Weekday",
    "Month",
    # errors
    "PageAvailError",
    "InvalidValueError",
    "InvalidInstantError",
    "NaiveDatetimeError",
    "OutOfRangeError",
    "UnknownZoneError",
    "HolidayCalendarError",
    "RecurrenceError",
    "ScheduleSyntaxError",
    "UnsupportedSyntaxError",
    "ScheduleTooLongError",
]
