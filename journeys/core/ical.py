"""iCalendar (RFC 5545) text for calendar apps: a VCALENDAR with VEVENTs, written by hand.

The part of the standard a feed of events needs is small, so it is written here rather
than pulled in as a dependency (the tests read it back with the `icalendar` package):

- lines end in CRLF and are folded at 75 octets: a longer line goes on in a line that
  starts with a space, never splitting a UTF-8 character (3.1);
- text values escape backslash, semicolon, comma and newlines (3.3.11);
- times are written in UTC (`20260301T090000Z`), so no VTIMEZONE is needed and every
  app shows them in its own time zone (3.3.5, form 2);
- every event has a UID that stays the same when the event changes, so a subscribed
  calendar updates the entry instead of adding a second one, and a DTSTAMP (3.8.7.2).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

PRODUCT = "-//Journeys//Journeys workshops//EN"
LINE_OCTETS = 75


@dataclass(frozen=True)
class Event:
    uid: str
    start: datetime.datetime  # aware
    end: datetime.datetime  # aware
    summary: str
    stamp: datetime.datetime  # aware: when this version of the entry was made
    location: str = ""
    description: str = ""
    url: str = ""


def escape_text(value: str) -> str:
    """A TEXT value (3.3.11): backslash, semicolon, comma escaped, newlines as \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def utc(moment: datetime.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("calendar times must be aware")
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """One content line, folded so that no line exceeds 75 octets (CRLF not counted)."""
    out: list[str] = []
    current = ""
    size = 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size = " ", 1  # a continuation line starts with one space
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _event_lines(event: Event) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{utc(event.stamp)}",
        f"DTSTART:{utc(event.start)}",
        f"DTEND:{utc(event.end)}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{event.url}")  # a URI value: not escaped as text
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[Event], name: str = "") -> str:
    """The whole .ics text: CRLF line ends, folded lines, one VEVENT per event."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for event in events:
        lines.extend(_event_lines(event))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
