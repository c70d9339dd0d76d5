"""Spreadsheet cells as staff type them, to and from plan data: due dates, lists, sources,
related plans, resources and progress logs, each written once and read back the same.

Every `read_*` raises CellError with what would be understood; every `write_*` gives the
text that its `read_*` turns back into the same value where it can (rows.py checks,
and carries anything else in the row's "Other fields" cell).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from planportal.exchange.columns import RAG, status_key
from planportal.source.dates import FORMS_HELP, WhenError, parse_when
from planportal.source.problems import PlanPortalError
from planportal.source.statuses import LABELS, STATUS_IDS


class CellError(PlanPortalError, ValueError):
    """A cell that cannot be read; the message says what would be."""


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_SLASHED = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})")
_WORDS = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]+)\.?,?\s+(\d{4})")
_YEAR = r"(\d{4})\s*[/-]\s*(\d{2}|\d{4})"
_QUARTERS = (re.compile(rf"Q\s*([1-4])\s*,?\s*{_YEAR}", re.IGNORECASE),  # Q3 2010/11
             re.compile(rf"{_YEAR}\s*,?\s*Q\s*([1-4])", re.IGNORECASE))  # 2010/11 Q3
DATE_FORMS = "15/03/2010, 15.03.10, 'March 2010', '15 March 2010', 'Q3 2010/11' or '2010/11 Q3'"
"""The forms of a date councils type, besides the plan format's own."""


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _quarter(text: str) -> str | None:
    """'Q3 2010/11' or '2010/11 Q3' (or with '-' or the year in full) as the model writes it: '2010-11 Q3'."""
    for pattern in _QUARTERS:
        if m := pattern.fullmatch(text):
            q, start, end = (m[1], m[2], m[3]) if pattern is _QUARTERS[0] else (m[3], m[1], m[2])
            return f"{start}-{end[-2:]} Q{q}"
    return None


def read_date(text: str) -> str:
    """One deadline as the model writes it, from the forms spreadsheets use.

    >>> [read_date(t) for t in ("2010-03-01", "06/01/2010", "15/3/10", "March 2010", "15th March 2010", "Sept 2010")]
    ['2010-03-01', '2010-01-06', '2010-03-15', '2010-03', '2010-03-15', '2010-09']
    >>> [read_date(t) for t in ("12.03.10", "Q3 2010/11", "2010/11 Q3", "q1 2010-2011", "2010/11 Q3 to 2010/11 Q4")]
    ['2010-03-12', '2010-11 Q3', '2010-11 Q3', '2010-11 Q1', '2010-11 Q3 to 2010-11 Q4']
    """
    text = " ".join(text.split())
    try:
        parse_when(text)
        return re.sub(r"(\d{4})/(\d{2}) ?(Q[1-4])", r"\1-\2 \3", text, flags=re.IGNORECASE)  # 2010/11 Q3 as 2010-11 Q3
    except WhenError as err:
        problem = str(err)
    if (parts := re.split(r"\s+(?:to|-|–)\s+", text)) and len(parts) == 2 and all(p.strip() for p in parts):
        try:
            candidate = f"{read_date(parts[0])} to {read_date(parts[1])}"
            parse_when(candidate)
            return candidate
        except (CellError, WhenError):
            pass
    if text.lower().startswith("from ") and text[5:].strip():
        try:
            return f"from {read_date(text[5:])}"
        except CellError:
            pass
    quarter = _quarter(text)
    if quarter is not None:
        candidate = quarter
    elif m := _SLASHED.fullmatch(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        year += 2000 if year < 100 else 0
        candidate = f"{year:04d}-{month:02d}-{day:02d}"
    elif (m := _WORDS.fullmatch(text)) and m[2].lower() in _MONTHS:
        month = _MONTHS[m[2].lower()]
        candidate = f"{m[3]}-{month:02d}" + (f"-{int(m[1]):02d}" if m[1] else "")
    else:
        raise CellError(problem if "not a date" not in problem else f"'{text}' is not a date: {FORMS_HELP}, or "
                        f"{DATE_FORMS}")
    try:
        parse_when(candidate)
    except WhenError as err:
        raise CellError(str(err).replace(f"'{candidate}'", f"'{text}'")) from None
    return candidate


def read_due(text: str) -> Any:
    """Deadlines, one per line (or separated by ' / ' or ';'): one text, or a list of them."""
    parts = [p for line in lines(text) for p in re.split(r"\s+/\s+|;", line) if p.strip()]
    dates = [read_date(p) for p in parts]
    return dates[0] if len(dates) == 1 else dates


def write_due(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(write_due(v) for v in value)
    if isinstance(value, dict):  # shown for reading; the whole mapping travels in Other fields
        dates = value.get("entries") or value.get("date")
        return write_due(dates if isinstance(dates, list | str) else value.get("date", ""))
    return ""


def read_list(text: str) -> list[str]:
    return lines(text)


def write_list(value: list[Any]) -> str:
    return "\n".join(text_of(v) for v in value)


def text_of(value: Any) -> str:
    """Text for reading in a cell: the text itself, or the first language's of a translation."""
    if isinstance(value, dict):
        return str(next(iter(value.values()), ""))
    return "" if value is None else str(value)


def read_urgency(text: str) -> int:
    match = re.fullmatch(r"(\d+)(?:\.0+)?", text.strip())
    if not match or int(match[1]) < 1:
        raise CellError(f"urgency '{text}' is not a whole number such as 1 (the plan's urgency scale)")
    return int(match[1])


def read_sources(text: str, codes: list[str]) -> list[dict[str, str]]:
    """'IN 3.1; AI SG 2' → [{code: IN, paragraph: '3.1'}, {code: AI SG, paragraph: '2'}]; a known
    code is matched first, longest first.

    >>> read_sources("IN 3.1; AI SG 2; CAA", ["IN", "AI SG"])
    [{'code': 'IN', 'paragraph': '3.1'}, {'code': 'AI SG', 'paragraph': '2'}, {'code': 'CAA'}]
    """
    found = []
    for part in (p.strip() for p in re.split(r"[;\n]", text) if p.strip()):
        code = next((c for c in sorted(codes, key=len, reverse=True)
                     if part == c or part.startswith(c + " ")), None)
        if code is None:
            head, _, tail = part.rpartition(" ")
            code = head if head and re.fullmatch(r"\d[\w.-]*", tail) else part
        paragraph = part[len(code):].strip()
        found.append({"code": code, **({"paragraph": paragraph} if paragraph else {})})
    return found


def write_sources(value: list[dict[str, str]]) -> str:
    return "; ".join(f"{s['code']} {s['paragraph']}" if s.get("paragraph") else s["code"] for s in value)


_RELATED = re.compile(r"(document|recommendation|plan):\s*(\S+)(?:\s+in\s+(\S+)|,\s*page\s+(\d+))?$", re.IGNORECASE)


def read_related(text: str) -> list[dict[str, Any]]:
    """One related item a line: 'Document: cypp, page 26', 'Recommendation: 1.3.1' (or
    'Recommendation: 3 in other-plan'), 'Plan: leeds-2010'; any other line is a plan named as text.

    >>> read_related("Document: cypp, page 26\\nRecommendation: 3 in hj\\nCYPP and the LSP")
    [{'document': 'cypp', 'page': 26}, {'recommendation': '3', 'plan': 'hj'}, {'text': 'CYPP and the LSP'}]
    """
    found: list[dict[str, Any]] = []
    for line in lines(text):
        m = _RELATED.match(line)
        if not m:
            found.append({"text": line})
            continue
        kind, target = m[1].lower(), m[2]
        item: dict[str, Any] = {kind: target}
        if m[3] and kind == "recommendation":
            item["plan"] = m[3]
        elif m[4] and kind == "document":
            item["page"] = int(m[4])
        elif m[3] or m[4]:
            found.append({"text": line})
            continue
        found.append(item)
    return found


def write_related(value: list[dict[str, Any]]) -> str:
    out = []
    for rel in value:
        if "document" in rel:
            out.append(f"Document: {rel['document']}" + (f", page {rel['page']}" if "page" in rel else ""))
        elif "recommendation" in rel:
            out.append(f"Recommendation: {rel['recommendation']}" + (f" in {rel['plan']}" if "plan" in rel else ""))
        elif "text" in rel:
            out.append(text_of(rel["text"]))
        elif "plan" in rel:
            out.append(f"Plan: {rel['plan']}")
    return "\n".join(out)


def read_resources(text: str) -> dict[str, Any]:
    """'Yes: Corporate Support', 'No', 'Yes', or details alone (required not said)."""
    text = text.strip()
    m = re.match(r"(yes|no|y|n)\b[:.,;\s-]*", text, re.IGNORECASE)
    if not m:
        return {"details": text}
    details = text[m.end():].strip()
    return {"required": m[1].lower().startswith("y"), **({"details": details} if details else {})}


def write_resources(value: dict[str, Any]) -> str:
    required = {True: "Yes", False: "No"}.get(value["required"]) if "required" in value else None
    details = text_of(value.get("details"))
    return ": ".join(p for p in (required, details) if p)


_POINT = r"\d{4}[-/]\d{2} ?Q[1-4]|\d{4}-\d{2}(?:-\d{2})?"  # a financial-year quarter, a day or a month
_PERIOD = rf"(?:{_POINT})(?: to (?:{_POINT}))?"
"""A progress entry's date as the model writes it: a day, a month, a quarter, or a range of them."""
_ENTRY_DATE = (rf"(?:{_POINT}) to (?:{_POINT})|{_POINT}|\d{{1,2}}[/.]\d{{1,2}}[/.](?:\d{{4}}|\d{{2}})"
               r"|(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Za-z]{3,9}\.?,?\s+\d{4}")
_RAG_WORD = re.compile(r"RAG:?\s+(red|amber|green|blue)", re.IGNORECASE)
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%(?:\s*complete)?", re.IGNORECASE)
_ENTRY = re.compile(rf"({_ENTRY_DATE})\s*(?:\(([^)]*)\))?(?:\s*:\s?|\s+[-–]\s+|\s+(?=\S))(.*)")


def read_progress(text: str) -> list[dict[str, Any]]:
    """The progress log, an entry a line: '2010-01-06 (completed): Executive Board informed.';
    lines that do not start with a date continue the entry above.

    >>> read_progress("2010-01 (in progress): Drafted.\\nSent round.\\n2010-02-06: Agreed.")
    [{'date': '2010-01', 'status': 'in_progress', 'text': 'Drafted.\\nSent round.'}, {'date': '2010-02-06', \
'text': 'Agreed.'}]

    Dated as councils type dates, with a status in words or a RAG rating (a colour alone is a status):

    >>> read_progress("12/03/2010 (Green): Board met\\nMarch 2010 - Terms agreed")
    [{'date': '2010-03-12', 'status': 'in_progress', 'text': 'Board met'}, {'date': '2010-03', 'text': 'Terms agreed'}]

    Dated by a quarter or a range, with the entry's own RAG rating and per cent complete after its status:

    >>> read_progress("2013-14 Q3 (In progress; RAG Amber; 40%): Half the targets met\\n"
    ...               "2013-07 to 2013-09 (RAG red): Late")
    [{'date': '2013-14 Q3', 'status': 'in_progress', 'rag': 'amber', 'percent_complete': 40, 'text': \
'Half the targets met'}, {'date': '2013-07 to 2013-09', 'rag': 'red', 'text': 'Late'}]
    """
    entries: list[dict[str, Any]] = []
    for line in text.splitlines():
        m = _ENTRY.fullmatch(line.strip())
        words = re.findall(r"[A-Za-z]+", m[1]) if m else []
        if m and (not words or words[-1].lower() in _MONTHS or re.fullmatch(_PERIOD, m[1])):  # a month's name,
            entry: dict[str, Any] = {"date": read_date(m[1])}  # not any word before a year
            for part in (p.strip() for p in (m[2] or "").split(";") if p.strip()):
                entry.update(_entry_part(part))
            entry["text"] = m[3]
            entries.append(entry)
        elif entries:
            entries[-1]["text"] += "\n" + line
        elif line.strip():
            raise CellError(f"progress '{line.strip()[:40]}' has no date: start each entry with its date, "
                            "'2010-01-06 (completed): what was done' (status optional)")
    for entry in entries:
        entry["text"] = entry["text"].strip()
    return entries


def _entry_part(part: str) -> dict[str, Any]:
    """One of the words in brackets after a progress entry's date: 'RAG Amber', '40%', or a status.

    >>> _entry_part("RAG: Green"), _entry_part("40 % complete"), _entry_part("on track")
    ({'rag': 'green'}, {'percent_complete': 40}, {'status': 'in_progress'})
    """
    if m := _RAG_WORD.fullmatch(part):
        return {"rag": m[1].lower()}
    if m := _PERCENT.fullmatch(part):
        return {"percent_complete": number(m[1])}
    status = RAG.get(status_key(part))
    if status is None:
        raise CellError(f"'{part}' is not a status: use one of {', '.join(str(LABELS[s]) for s in STATUS_IDS)} "
                        "(a RAG rating of the entry's own as 'RAG Amber', a per cent complete as '40%')")
    return {"status": status}


def number(text: str) -> int | float:
    """A figure as the plan file writes it: 40, not 40.0.

    >>> number("40"), number("40.0"), number("12.5")
    (40, 40, 12.5)
    """
    value = float(text)
    return int(value) if value.is_integer() else value


def read_number(text: str) -> int | float:
    """A per cent complete or a weight: a number, with or without a % sign."""
    try:
        return number(text.strip().removesuffix("%").strip())
    except ValueError:
        raise CellError(f"'{text.strip()}' is not a number: write it as 40, or 40%") from None


def write_number(value: float) -> str:
    return str(number(str(value)))


def write_progress(value: list[dict[str, Any]]) -> str:
    """The progress log, an entry a line, each status in words, then the entry's RAG rating and per cent
    complete where it gives them: '2010-01-06 (Completed; RAG Blue; 100%): Board informed.'"""
    def said(e: dict[str, Any]) -> str:
        parts = ([str(LABELS.get(e["status"], e["status"]))] if e.get("status") else []) + (
            [f"RAG {str(e['rag']).capitalize()}"] if e.get("rag") else []) + (
            [f"{write_number(e['percent_complete'])}%"] if e.get("percent_complete") is not None else [])
        return f" ({'; '.join(parts)})" if parts else ""
    return "\n".join(f"{e['date']}{said(e)}: {text_of(e['text'])}" for e in value)


def cell_text(value: Any) -> str:
    """A cell as openpyxl or csv gives it, as text: dates as 2010-03-01, 1.0 as 1."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
