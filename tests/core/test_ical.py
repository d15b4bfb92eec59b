"""The iCalendar writer, read back by the `icalendar` package: CRLF line ends, lines
folded at 75 octets without splitting a character, text escaped, times in UTC."""

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest

from journeys.core import ical

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
STAMP = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


def one_event(**changes: object) -> ical.Event:
    fields: dict[str, object] = {
        "uid": "workshop-7@example.org",
        "start": datetime.datetime(2030, 7, 1, 10, 0, tzinfo=AMSTERDAM),
        "end": datetime.datetime(2030, 7, 1, 12, 30, tzinfo=AMSTERDAM),
        "summary": "Police",
        "stamp": STAMP,
        **changes,
    }
    return ical.Event(**fields)  # type: ignore[arg-type]


def parsed(text: str) -> Any:
    """The calendar as the icalendar package reads it (Any: its property types are a union)."""
    return icalendar.Calendar.from_ical(text.encode())


def test_times_are_written_in_utc_and_read_back_as_the_same_moment():
    text = ical.calendar([one_event()])
    assert "DTSTART:20300701T080000Z\r\n" in text  # 10:00 summer time in Amsterdam
    assert "DTEND:20300701T103000Z\r\n" in text
    (event,) = parsed(text).walk("VEVENT")
    assert event["DTSTART"].dt == datetime.datetime(2030, 7, 1, 8, 0, tzinfo=datetime.UTC)
    assert event["DTSTAMP"].dt == STAMP
    assert str(event["UID"]) == "workshop-7@example.org"


def test_a_title_with_commas_semicolons_backslashes_and_newlines_comes_back_whole():
    title = 'Police, Amsterdam; day 1\nroom "B" \\ back'
    text = ical.calendar([one_event(summary=title, location="Room 1, 2nd floor; east")])
    assert 'SUMMARY:Police\\, Amsterdam\\; day 1\\nroom "B" \\\\ back\r\n' in text
    (event,) = parsed(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == title
    assert str(event["LOCATION"]) == "Room 1, 2nd floor; east"


def test_every_line_ends_in_crlf_and_long_lines_fold_at_75_octets():
    place = "Café Één, " * 30  # two- and three-octet characters across the fold
    text = ical.calendar([one_event(location=place, description="x" * 300)], name="Sam")
    assert text.endswith("END:VCALENDAR\r\n")
    lines = text.split("\r\n")[:-1]
    assert "\n" not in "".join(lines) and "\r" not in "".join(lines)
    assert max(len(line.encode()) for line in lines) == 75
    assert any(line.startswith(" ") for line in lines)
    (event,) = parsed(text).walk("VEVENT")
    assert str(event["LOCATION"]) == place
    assert str(event["DESCRIPTION"]) == "x" * 300


def test_a_time_without_a_zone_is_refused():
    with pytest.raises(ValueError, match="aware"):
        ical.calendar([one_event(start=datetime.datetime(2030, 7, 1, 10, 0))])  # noqa: DTZ001
