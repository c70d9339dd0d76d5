"""A portal whose every text carries script-injection payloads: for tests that the site shows
them as text and never runs them. Each payload sets window.__pwned or calls alert() if it runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

RUN = "window.__pwned=1"
PAYLOADS = [
    f"<script>{RUN}</script>",
    f'<img src=x onerror="{RUN}">',
    f"<svg onload={RUN}>",
    "</title><script>alert(1)</script>",
    "<a href='javascript:alert(1)'>raw link</a>",
    f"[inline link](javascript:{RUN})",
    "[spaced link](  JaVaScRiPt:alert(1) )",
    "[angle link](<javascript:alert(1)>)",
    "[entity link](java&#115;cript:alert(1))",
    "[hex entity link](&#x6A;avascript:alert(1))",
    "[named entity link](javascript&colon;alert(1))",
    "[tab link](java\tscript:alert(1))",
    "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[vbscript link](vbscript:msgbox(1))",
    "![image](javascript:alert(1))",
    f'[titled link](https://example.org/ "<img src=x onerror={RUN}>")',
    f"[titled reference][t]\n\n[t]: https://example.org/ '<img src=x onerror={RUN}>'",
    "[reference link][evil]",
    "[evil]: javascript:alert(1)",
    "- [listed]: javascript:alert(1)\n- [in a list][listed]",
    "> [quoted]: javascript:alert(1)\n\n[quoted ref][quoted]",
    "<javascript:alert(1)>",
    f'{{: onclick="{RUN}" }}',
    f'text {{: onmouseover="{RUN}" }}',
    f'" onmouseover="{RUN}" x="',
    f"' onmouseover='{RUN}' x='",
    "*[HTML]: <img src=x onerror=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<!-- a comment --> <style>body{display:none}</style>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "`<script>alert(1)</script>` in code",
    "    <script>alert(1)</script>",
]
# For downloads: a spreadsheet formula at the start of a cell, and lines that would add a
# calendar event or feed entry if a newline were not escaped.
FORMULAS = ['=HYPERLINK("https://evil.example/","click")', "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1",
            "-2+3+cmd|' /C calc'!A0"]
INJECTED_LINES = "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nDTSTART:20100101\r\n</entry><entry>injected"
PAYLOADS.append(INJECTED_LINES)
ALL = "\n\n".join(PAYLOADS)
SHORT = [p for p in PAYLOADS if len(p) <= 40 and "\n" not in p]


def text(i: int = 0) -> str:
    """Every payload, as prose."""
    return f"Text {i}: {ALL}"


def short(i: int) -> str:
    """One payload, for fields that take a short line."""
    return SHORT[i % len(SHORT)]


def portal_files() -> dict[str, Any]:
    """plans/*.yaml as plain data."""
    def action(n: str, sub: bool = False) -> dict[str, Any]:
        return {
            "id": n, "title": FORMULAS[int(n[0]) % len(FORMULAS)] if sub else text(1),
            "lead": ["EVIL"], "partners": ["PARTNER", "EVIL"],
            "partners_text": text(2),
            "due": {"date": ["2010-03", "2011-03"], "note": text(3), "as_written": short(1)},
            "resources": {"required": True, "details": text(4)},
            "success_criteria": [text(5), FORMULAS[3] if sub else short(2)],
            "team": text(6), "priorities": ["P1"],
            "progress": [
                {"date": "2010-01", "status": "in_progress", "text": text(7)},
                {"date": "2010-02-01", "status": "no_longer_relevant", "text": text(8), "reason": text(9)},
                {"date": "2010-03-01", "status": "delayed", "text": FORMULAS[0] + INJECTED_LINES},
            ],
            "actions": [] if sub else [action(n + "a", sub=True)],
        }

    def rec(ref: str, other: str) -> dict[str, Any]:
        return {
            "ref": ref, "sources": [{"code": "IN", "paragraph": short(3)}, {"code": short(4)}],
            "text": text(10), "urgency": 1, "achieve_by": {"date": "2010-03", "note": text(11)},
            "success_criteria": [text(12)], "success_criteria_source": short(5),
            "performance_targets": [text(13)], "indicators": ["NI 1"],
            "related": [{"document": "evil-doc", "page": 2, "note": text(14)}, {"document": "file-doc"},
                        {"document": "no-copy"},
                        {"recommendation": other, "note": text(15)}, {"text": text(16), "note": text(17)}],
            "resources": {"required": False, "details": text(18)},
            "actions": [action("1"), action("2")],
        }

    plan = {
        "title": text(20), "authority": text(21), "level": "detailed", "state": "draft",
        "version": short(6), "approved": "2010-03-10", "as_at": "2010-03-31", "period": "2010-01 to 2011-03",
        "introduction": text(22),
        "monitoring": [{"body": text(23), "frequency": text(24)}],
        "themes": [{"id": "1", "title": text(25), "outcomes": [
            {"id": "1", "title": text(26), "lead": "EVIL", "recommendations": [rec("1.1.1", "2")]}]}],
        "recommendations": [rec("2", "1.1.1")],
    }
    portal = {
        "title": "Portal " + short(7), "authority": text(30), "languages": ["en"], "introduction": text(31),
        "sources": [{"code": "IN", "title": text(32)}, {"code": short(4), "title": text(33)}],
        "urgency": [{"level": 1, "label": short(8)}],
        "statuses": [{"id": s, "label": short(9 + i)} for i, s in enumerate(
            ["completed", "in_progress", "delayed", "not_yet_due", "no_longer_relevant"])],
    }
    directory: dict[str, Any] = {
        "people": [{"id": "EVIL", "name": short(14), "role": text(40), "organisation": text(41)}],
        "partners": [{"id": "PARTNER", "name": text(42), "note": text(43)}],
        "glossary": [{"term": term, "meaning": short(15 + i) + " " + text(44), "note": text(45)}
                     for i, term in enumerate(["HTML", "IN", "Text", "<script>", "onerror=alert(1)>\\"])],
        "documents": [
            {"id": "evil-doc", "title": text(46), "note": text(47),
             "url": "https://example.org/\"><script>alert(1)</script>?a=1&b='x'onmouseover=alert(1)"},
            {"id": "file-doc", "title": text(48), "file": "documents/evil.txt"},
            {"id": "no-copy", "title": text(49)},
        ],
        "indicators": [{
            "code": "NI 1", "title": text(50), "unit": short(16), "higher_is_better": True,
            "baseline": {"period": "2009-03", "value": 1, "note": text(51)},
            "targets": [{"period": "2010-03", "value": 2, "note": text(52)}],
            "actuals": [{"period": "2009-10 Q3", "value": 1.5, "note": text(53)}],
            "source": text(54), "note": text(55)}],
        "priorities": [{"id": "P1", "title": text(56), "description": text(57), "targets": [text(58)]}],
    }
    return {"portal.yaml": {"portal": portal, **directory}, "evil.yaml": {"plan": plan}}


def write_plans(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in portal_files().items():
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_content(folder: Path) -> None:
    (folder / "documents").mkdir(parents=True, exist_ok=True)
    (folder / "documents" / "evil.txt").write_text("a shipped document\n", encoding="utf-8")
