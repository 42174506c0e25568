"""pageavail: when a business Page counts as "active now", and what its visitors see.

The public names, grouped. Everything here is a pure value or function: time
always comes in as an aware datetime, nothing reads a clock, a file or the network.
"""

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
from .payload import Payload
from .presence import Client, Ignored, PagePresence, PresencePolicy, PresenceStatus, Session
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
from .schedule import HoursStatus, Interval, Schedule
from .team import Access, Grant, Role, Source, SourceKind, Task, Team
from .timeline import Comparison, LoadForecast, Segment, Timeline

__version__ = "0.1.0"

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
    # response hours
    "Schedule",
    "Interval",
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
