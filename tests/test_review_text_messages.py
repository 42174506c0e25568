"""Messages a reader sees for refused hours texts and exports: agreeing verbs, days said in the text's terms."""

from __future__ import annotations

import pytest

import pageavail as pa
from pageavail.formats import UnexpressibleError, to_facebook

REFUSED = [
    # (text, column, the whole reason up to the hint)
    ("SH +1 day", 4, "school holiday offsets ('SH +1 day') are not supported by pageavail"),
    ("Mo-Fr sunrise-18:00", 7, "variable times (sunrise) are not supported by pageavail"),
    ("Mo 10:00-16:00/01:00", 15, "periodic times ('10:00-16:00/01:00') are not supported by pageavail"),
    ("Mo (sunrise+01:00)-18:00", 4, "computed times ('(') are not supported by pageavail"),
    ("2026+ Mo", 5, "open year ranges ('2026+') are not supported by pageavail"),
    ("easter-2027 Apr 02", 7, "a year inside an easter range is not supported by pageavail"),
    ("Mar-easter", 5, "a range between a month or a dated day and easter is not supported by pageavail"),
]


@pytest.mark.parametrize(("text", "column", "reason"), REFUSED)
def test_refused_features_take_a_verb_that_agrees(text: str, column: int, reason: str) -> None:
    """A plural feature 'are not supported', a single one 'is'; the column stays."""
    with pytest.raises(pa.UnsupportedSyntaxError) as caught:
        pa.Schedule.parse(text, zone="UTC")
    assert caught.value.column == column
    assert str(caught.value).startswith(reason), str(caught.value)


def test_no_plural_feature_is_followed_by_is() -> None:
    """Every refusal of the parser's word table reads 'are' after a plural feature."""
    for text in ("Mo sunset-18:00", "Mo 08:00-dusk", "Mo dawn-12:00", "Mo 10:00-12:00 day"):
        with pytest.raises(pa.UnsupportedSyntaxError) as caught:
            pa.Schedule.parse(text, zone="UTC")
        message = str(caught.value)
        assert " are not supported by pageavail" in message, message
        assert " is not supported" not in message, message


DAYS = [
    # (text, column of the bad day, the day)
    ("Dec 24,32 10:00-12:00", 8, 32),
    ("Dec 32", 5, 32),
    ("Dec 24-32", 8, 32),
    ("Dec 0", 5, 0),
    ("Dec 24,00", 8, 0),
    ("Jan 01-Jan 32", 12, 32),
    ("2026 Dec 32", 10, 32),
    ("Jan Su[1]-Jan 32", 15, 32),
    ("Dec 24,25-32", 11, 32),
]


@pytest.mark.parametrize(("text", "column", "day"), DAYS)
def test_a_day_of_the_month_out_of_range_is_said_in_the_text_s_terms(
    text: str, column: int, day: int
) -> None:
    """No field names ('day', 'end_day', 'None'): the message says what a day of the month is."""
    with pytest.raises(pa.ScheduleSyntaxError) as caught:
        pa.Schedule.parse(text, zone="UTC")
    message = str(caught.value)
    assert message.startswith(f"invalid date: a day of the month is 1 to 31 (got {day}) (column {column})"), (
        message
    )
    assert caught.value.column == column
    for field_word in ("'day'", "end_day", "None"):
        assert field_word not in message, message


def test_a_day_past_the_month_s_end_keeps_its_message() -> None:
    """'Feb 30,31' names February's days, as before."""
    with pytest.raises(pa.ScheduleSyntaxError, match=r"a day of Feb \(1 to 29\) \(got 30\)"):
        pa.Schedule.parse("Feb 30,31", zone="UTC")


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Mo 10:00+", "it makes"),
        ('Mo 10:00+; Tu "x"', "they make"),
        ("Mo 10:00+; Tu 10:00-12:00 unknown", "they make"),
    ],
)
def test_an_export_refusing_unknown_times_agrees_with_the_number_of_rules(text: str, verb: str) -> None:
    """One rule 'makes' times unknown, several 'make' them."""
    with pytest.raises(UnexpressibleError) as caught:
        to_facebook(pa.Schedule.parse(text, zone="UTC"))
    message = str(caught.value)
    assert f"): {verb} times unknown" in message, message
