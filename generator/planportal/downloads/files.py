"""The files the site offers besides its pages: each plan's actions as CSV, XLSX and JSON, its
deadlines as a calendar and its progress as a feed; each lead's deadlines; the whole portal as
open data and one feed of every update, at the addresses urls.py gives them.
"""

from __future__ import annotations

from planportal.downloads import calendars, feeds
from planportal.exchange import files as exchange
from planportal.exchange import opendata
from planportal.pages.urls import PORTAL_DATA, PORTAL_FEED, lead_calendar, plan_actions, plan_calendar, plan_feed
from planportal.portal.joined import Portal


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
