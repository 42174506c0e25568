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
from .schedule import HoursStatus, Interval, Schedule

__version__ = "0.1.0"

__all__ = [
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
