"""The files the site offers besides its pages: each plan's actions as CSV, XLSX and JSON, its
deadlines as a calendar and its progress as a feed; each lead's deadlines; the whole portal as
open data and one feed of every update. Addresses are built from ids only, like urls.py's.
"""

from __future__ import annotations

from planportal import calendars, exchange, feeds, opendata
from planportal.portal import Portal

PORTAL_DATA = "data/plan-portal.json"
PORTAL_FEED = "updates.xml"


def plan_actions(plan_id: str, ext: str) -> str:
    """plans/<id>/<id>-actions.csv, .xlsx or .json: named for the plan, so a download says what it holds."""
    return f"plans/{plan_id.lower()}/{plan_id.lower()}-actions.{ext}"


def plan_calendar(plan_id: str) -> str:
    return f"plans/{plan_id.lower()}/{plan_id.lower()}-deadlines.ics"


def plan_feed(plan_id: str) -> str:
    return f"plans/{plan_id.lower()}/updates.xml"


def lead_calendar(person_id: str) -> str:
    return f"leads/{person_id.lower()}-deadlines.ics"


def site_files(portal: Portal) -> dict[str, bytes]:
    """{path in the docs tree: bytes} of every download and feed."""
    data = opendata.portal_data(portal)  # once: the portal's open data, each plan's, and their spreadsheets
    news = [feeds.updates(portal, entry, i) for i, entry in enumerate(portal.plans)]  # once for both feeds
    files = {PORTAL_DATA: opendata.as_json(data), PORTAL_FEED: feeds.portal_feed(portal, PORTAL_FEED, news)}
    events: dict[str, bytes] = {}  # each deadline's event, written once for its plan's and its leads' calendars
    for entry, plan, plan_news in zip(portal.plans, data["plans"], news, strict=True):
        rows = exchange.export_rows(portal, entry.id, plan["plan"])  # once for the CSV and the workbook
        files[plan_actions(entry.id, "csv")] = exchange.csv_bytes(portal, entry.id, rows)
        files[plan_actions(entry.id, "xlsx")] = exchange.xlsx_bytes(portal, entry.id, rows)
        files[plan_actions(entry.id, "json")] = opendata.as_json(opendata.one_plan(data, entry.id))
        files[plan_calendar(entry.id)] = calendars.plan_calendar(portal, entry, events)
        files[plan_feed(entry.id)] = feeds.plan_feed(portal, entry, plan_feed(entry.id), plan_news)
    by_lead = calendars.deadlines_by_lead(portal)  # once: each lead's calendar picks its own
    for person_id in portal.people:
        files[lead_calendar(person_id)] = calendars.lead_calendar(portal, person_id, by_lead, events)
    return files
