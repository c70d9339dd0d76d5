"""The instructions sheet of a quarterly return, in plain words for a lead who has never seen the
portal: what the return is, what to fill in and how, and what happens to it next.

>>> lines = instructions("Sue Fiennes (SF)", "January to March 2006", dt.date(2006, 1, 1),
...                      dt.date(2006, 3, 31), "Herefordshire plans", [])
>>> lines[0]
('title', 'Quarterly return for Sue Fiennes (SF): January to March 2006')
>>> any("between 1 January 2006 and 31 March 2006" in text for _, text in lines)
True
"""

from __future__ import annotations

import datetime as dt

from planportal.source.dates import MonthDate, When, format_when


def day_words(day: dt.date) -> str:
    """A day as pages write it.

    >>> day_words(dt.date(2006, 3, 25)), day_words(MonthDate.of(2006, 3))
    ('25 March 2006', 'March 2006')
    """
    return format_when(day.when if isinstance(day, MonthDate) else When("day", day, day))


def instructions(lead: str, period: str, first: dt.date, last: dt.date, portal: str,
                 earlier: list[tuple[str, dt.date]]) -> list[tuple[str, str]]:
    """The sheet's lines, each (style, text): style 'title', 'heading', 'text' or 'point'.
    `earlier` names the plans whose progress is published as at a day before the quarter's last
    (their dates may go no later than that day)."""
    example = first + dt.timedelta(days=45)
    limits = [("point", f"For {plan}, no later than {day_words(day)}: the day its progress is published as at.")
              for plan, day in earlier]
    return [
        ("title", f"Quarterly return for {lead}: {period}"),
        ("heading", "What this is"),
        ("text", f"This workbook lists the actions in {portal} that you lead and that are not yet finished, "
                 "one row each, on the sheet called Return. Please tell us where each one stood in "
                 f"{period}."),
        ("heading", "What to fill in"),
        ("text", "The grey columns say what the portal says now. They are locked: please leave them as they are. "
                 "For each action you have news of, fill in the white columns:"),
        ("point", "New status: choose one from the list in the cell (Completed, In progress, Delayed, Not yet due "
                  "or No longer relevant). Leave it blank if the status has not changed. If an action is no longer "
                  "relevant, say why in the progress note."),
        ("point", "Progress note: what happened, in a sentence or two. It is published on the council's website "
                  "as you write it, so use plain words and leave out anything private. A row with news needs one."),
        ("point", f"Date: the day your note is true for, between {day_words(first)} and {day_words(last)}. "
                  f"Type it as {example.isoformat()} or {example:%d/%m/%Y}."),
        *limits,
        ("point", "New deadline: only if the deadline has moved. Type a day (30/06/2006) or a month "
                  "(June 2006)."),
        ("point", "Reason for the new deadline: why it moved. It is needed whenever you give a new deadline."),
        ("text", "Leave a row blank if you have nothing to report for that action: it stays as it is. "
                 "Please do not add rows, columns or sheets, or rename the sheets."),
        ("heading", "What happens next"),
        ("text", "Save the workbook and send it back to the person who sent it to you. The portal reads it back "
                 "automatically. If anything in it cannot be used, you will be told the row and what to type "
                 "instead. Your updates are then published on the portal, as reported by you, when it is next "
                 "updated."),
        ("text", "The About sheet records whose return this is and for which quarter, so that it is filed "
                 "as yours: please send back this workbook, not a copy of its rows in another one."),
    ]
