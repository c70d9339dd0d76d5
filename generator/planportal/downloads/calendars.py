"""Deadlines as iCalendar (.ics) files, one per plan and one per lead, for staff to subscribe to.

Each dated deadline of an action (and each recommendation's "achieve by") is an all-day event
on the deadline's last day: 6 January 2010 for "2010-01-06", 31 March 2010 for "2010-03", the
quarter's or range's last day for those. "From", "to be confirmed" and "ongoing" have no last
day and so no event. UIDs are built from the plan id, ref and action id, and DTSTAMP is the
plan's own date (publications.published_on), so the same plans give the same bytes on any day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from icalendar import Calendar

from planportal.portal.joined import PlanEntry, Portal, plan_recommendations, walk_actions
from planportal.portal.publications import published_on
from planportal.source.dates import format_when
from planportal.source.model import Due
from planportal.text.language import pick

PRODID = "-//Plan Portal//planportal//EN"


@dataclass(frozen=True)
class Deadline:
    """One dated deadline: whose it is, its last day, and a stable id."""

    uid: str
    day: dt.date
    summary: str
    description: str
    stamp: dt.date
    leads: tuple[str, ...]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def deadlines(portal: Portal, entry: PlanEntry) -> Iterator[Deadline]:
    """Every dated deadline of a plan, in document order."""
    default = portal.settings.languages[0]

    def t(value: str | dict[str, str] | None) -> str:
        return _one_line(pick(value, default, default))

    stamp = published_on(entry)
    plan_title = t(entry.plan.title)
    for placed in plan_recommendations(entry):
        rec_words = f"Recommendation {placed.rec.ref}: {t(placed.rec.text)}"
        leads = tuple(placed.outcome.lead) if placed.outcome else ()
        yield from _dated(placed.rec.achieve_by, f"{entry.id}-{placed.rec.ref}-achieve-by",
                          f"Recommendation {placed.rec.ref} to be achieved", f"{plan_title}\n{rec_words}", stamp, leads)
        for action, parent in walk_actions(placed.rec.actions):
            led_by = action.lead or (parent.lead if parent else [])  # a sub-action is led by its action's lead
            who = ", ".join(_name(portal, p) for p in led_by)
            description = f"{plan_title}\n{rec_words}\nAction {action.id}: {t(action.title)}" + (
                f"\nLead: {who}" if who else "")
            yield from _dated(action.due, f"{entry.id}-{placed.rec.ref}-{action.id}",
                              f"{placed.rec.ref} action {action.id}: {t(action.title)}", description, stamp,
                              tuple(led_by))


def _name(portal: Portal, person_id: str) -> str:
    person = portal.people.get(person_id)
    default = portal.settings.languages[0]
    return _one_line((person.name or pick(person.role, default, default)) if person else person_id)


def _dated(due: Due | None, uid: str, summary: str, description: str, stamp: dt.date,
           leads: tuple[str, ...]) -> Iterator[Deadline]:
    if due is None:
        return
    dated = [e for e in due.entries if e.date.end is not None]
    for n, entry in enumerate(dated, start=1):
        suffix = f"-{n}" if len(dated) > 1 else ""
        words = format_when(entry.date)
        yield Deadline(f"{uid}{suffix}@planportal", entry.date.end, summary,
                       f"{description}\nDeadline: {words}", stamp, leads)


def event(item: Deadline) -> bytes:
    """One deadline as an all-day VEVENT, written directly (icalendar folds lines a character at a
    time, which at 10,000 actions took seconds); tests read every event back with icalendar."""
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_text(item.summary)}",
        f"DTSTART;VALUE=DATE:{item.day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{item.day + dt.timedelta(days=1):%Y%m%d}",
        f"DTSTAMP:{item.stamp:%Y%m%d}T000000Z",
        f"UID:{_text(item.uid)}",
        f"DESCRIPTION:{_text(item.description)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]
    return b"".join(_fold(line) for line in lines)


def _text(value: str) -> str:
    r"""A TEXT value escaped as RFC 5545 asks.

    >>> _text("a, b; c\\d\ne")
    'a\\, b\\; c\\\\d\\ne'
    """
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str, limit: int = 75) -> bytes:
    """A content line with CRLF, folded so that no line is longer than `limit` octets: never inside
    a character's bytes, nor straight after a backslash (some programs misread a split escape)."""
    data = line.encode("utf-8")
    parts, start, room = [], 0, limit
    while len(data) - start > room:
        end = start + room
        while end > start + 1 and (data[end] & 0xC0 == 0x80 or data[end - 1] == 0x5C):
            end -= 1
        parts.append(data[start:end])
        start, room = end, limit - 1  # a folded line starts with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def calendar(name: str, items: list[Deadline], events: dict[str, bytes] | None = None) -> bytes:
    """An iCalendar of all-day events, one per deadline. `events` keeps each event's bytes by uid
    when making many calendars, so a deadline in a plan's and its lead's calendars is written once."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    events = {} if events is None else events
    body = b"".join(events[i.uid] if i.uid in events else events.setdefault(i.uid, event(i)) for i in items)
    head = bytes(cal.to_ical())
    end = b"END:VCALENDAR\r\n"
    return head.removesuffix(end) + body + end


def plan_calendar(portal: Portal, entry: PlanEntry, events: dict[str, bytes] | None = None) -> bytes:
    default = portal.settings.languages[0]
    return calendar(f"Deadlines: {_one_line(pick(entry.plan.title, default, default))}",
                    list(deadlines(portal, entry)), events)


def deadlines_by_lead(portal: Portal) -> dict[str, list[Deadline]]:
    """Every plan's deadlines once, by lead, in document order: for all the leads' calendars at once."""
    by_lead: dict[str, list[Deadline]] = {}
    for entry in portal.plans:
        for item in deadlines(portal, entry):
            for person_id in dict.fromkeys(item.leads):
                by_lead.setdefault(person_id, []).append(item)
    return by_lead


def lead_calendar(portal: Portal, person_id: str, by_lead: dict[str, list[Deadline]] | None = None,
                  events: dict[str, bytes] | None = None) -> bytes:
    """The deadlines of every action a person leads (and of the recommendations under an outcome
    they are accountable for), across all plans; `by_lead` from deadlines_by_lead when making many."""
    items = (by_lead if by_lead is not None else deadlines_by_lead(portal)).get(person_id, [])
    return calendar(f"Deadlines: {_name(portal, person_id)}", items, events)
