"""The quarterly return as a form in a browser, as a lead who never opens a spreadsheet fills it:
`planportal returns --format html` writes Sue Fiennes's form for Herefordshire's 2005-Q4; she opens
it from the folder in Chromium (nothing from another host, no inline script under the site's
Content-Security-Policy), fills two actions, and saves; Henry Lewis fills his workbook. `planportal
collect` reads both, validate and build show them, the returns page says who has returned, collecting
again adds nothing, and the plan files are never touched."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import openpyxl
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page

from tests.conftest import portal_in_git, refuse_other_hosts, run
from tests.test_accessibility import WCAG, WIDTHS
from tests.test_returns import DATE, NOTE, PLAN, STATUS, fill, section

FIRST, DELAYED = f"{PLAN}/1/1", f"{PLAN}/1/4"


@pytest.fixture()
def forms(tmp_path: Path) -> Path:
    """This portal in git, with SF's return written as a form and HL's as a workbook, into returns/."""
    root = portal_in_git(tmp_path)
    for lead, fmt in (("SF", "html"), ("HL", "xlsx")):
        written = run(root, "returns", "--period", "2005-Q4", "--plan", PLAN, "--lead", lead, "--format", fmt,
                      "--output", "returns")
        assert written.returncode == 0, written.stderr
    return root


def open_form(browser: Browser, root: Path, width: int = 1280) -> tuple[BrowserContext, Page, list[str], list[str]]:
    """SF's form from the folder, every request to another host refused; the console's messages."""
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    refused = refuse_other_hosts(context)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto((root / "returns" / "2005-q4-sf.html").as_uri())
    page.wait_for_load_state("load")
    return context, page, refused, console


def box(page: Page, address: str, key: str) -> str:
    """The selector of one action's box: 'new_status', 'note', 'date', 'new_deadline' or 'reason'."""
    fieldset = page.evaluate("a => [...document.querySelectorAll('fieldset.action')]"
                             ".find(f => f.querySelector('.address').textContent === a).id", address)
    return f"#{fieldset}-{key}"


def test_a_lead_fills_the_form_in_a_browser_and_the_return_is_collected_and_published(
        forms: Path, browser: Browser) -> None:
    context, page, refused, console = open_form(browser, forms)
    assert page.locator("fieldset.action").count() == 55  # SF's open actions, as in her workbook
    now = page.locator(f"{box(page, FIRST, 'note').split('-')[0]} dl.now").inner_text()  # what the portal says
    assert "Deadline\nDecember 2005" in now and "Current status\nNo status given" in now, now
    page.select_option(box(page, FIRST, "new_status"), "Completed")
    page.fill(box(page, FIRST, "note"), "Discussion paper agreed by the partnership board.")
    page.fill(box(page, FIRST, "date"), "2006-03-20")
    page.select_option(box(page, DELAYED, "new_status"), "Delayed")
    page.fill(box(page, DELAYED, "note"), "Operational instructions waiting for sign-off.")
    page.fill(box(page, DELAYED, "date"), "2006-03-21")
    page.fill(box(page, DELAYED, "new_deadline"), "May 2006")

    downloads: list[object] = []
    page.on("download", lambda download: downloads.append(download))
    page.click("#save")  # a new deadline with no reason: said, and nothing saved
    summary = page.locator("#problems")
    assert summary.is_visible() and page.evaluate("document.activeElement.id") == "problems"
    assert summary.text_content().count(DELAYED) == 1 and "a new deadline needs its reason" in summary.text_content()
    assert page.get_attribute(box(page, DELAYED, "reason"), "aria-invalid") == "true"
    assert downloads == []

    page.reload()  # what she typed is kept in the browser until she saves
    page.wait_for_load_state("load")
    assert page.input_value(box(page, DELAYED, "new_deadline")) == "May 2006"
    page.fill(box(page, DELAYED, "reason"), "Sign-off moved to the May meeting")
    with page.expect_download() as saving:
        page.click("#save")
    download = saving.value
    assert download.suggested_filename == "2005-q4-sf.csv"
    download.save_as(forms / "returns" / download.suggested_filename)
    assert page.locator("#problems").is_hidden()
    assert "Saved as 2005-q4-sf.csv" in page.text_content("#saved")
    context.close()
    assert refused == [] and not [m for m in console if "Content Security Policy" in m or "Refused" in m], console

    hl = openpyxl.load_workbook(forms / "returns" / "2005-q4-hl.xlsx")["Return"]["A2"].value
    fill(forms / "returns" / "2005-q4-hl.xlsx",
         {hl: {STATUS: "In progress", NOTE: "Thresholds drafted with the PCT.", DATE: dt.date(2006, 2, 13)}})
    collected = run(forms, "collect", "returns/2005-q4-sf.csv", "returns/2005-q4-hl.xlsx")
    assert collected.returncode == 0, collected.stderr
    sf = (forms / "updates" / "2005-q4" / "sf.yaml").read_text(encoding="utf-8")
    assert sf.count("- action:") == 2 and "reason: Sign-off moved to the May meeting" in sf and "due: 2006-05" in sf
    checked = run(forms, "validate")
    assert checked.returncode == 0, checked.stderr

    built = run(forms, "build", "--include-drafts")
    assert built.returncode == 0, built.stderr
    page_1 = (forms / "site" / "plans" / PLAN / "recommendations" / "1.html").read_text(encoding="utf-8")
    assert "pp-status--completed" in section(page_1, "1") and "pp-status--delayed" in section(page_1, "4")
    assert "Discussion paper agreed by the partnership board. (reported by Sue Fiennes)" in section(page_1, "1")
    returns_page = (forms / "build" / "docs" / "plans" / PLAN / "returns" / "2005-06-q4.md").read_text(encoding="utf-8")
    returned = returns_page.split("## Returned {#returned}", 1)[1].split("\n## ", 1)[0]
    assert "[Sue Fiennes]" in returned and "[Henry Lewis]" in returned

    before = {p: p.read_bytes() for p in (forms / "updates").rglob("*.yaml")}
    copy = forms / "returns" / "2005-q4-sf (1).csv"  # as a browser names a second copy: still SF's return
    copy.write_bytes((forms / "returns" / "2005-q4-sf.csv").read_bytes())
    again = run(forms, "collect", str(copy.relative_to(forms)), "returns/2005-q4-hl.xlsx")
    assert again.returncode == 0, again.stderr
    assert "3 update(s) already in the update files: not added again." in again.stderr
    assert {p: p.read_bytes() for p in (forms / "updates").rglob("*.yaml")} == before
    subprocess.run(["git", "-C", str(forms), "diff", "--exit-code", "plans/"], check=True)


def test_a_form_saved_with_nothing_filled_in_says_so(forms: Path, browser: Browser) -> None:
    context, page, _, _ = open_form(browser, forms)
    downloads: list[object] = []
    page.on("download", lambda download: downloads.append(download))
    page.click("#save")
    assert "Nothing to save yet" in page.text_content("#problems")
    assert downloads == []
    context.close()


def test_the_form_keeps_text_as_text(tmp_path: Path) -> None:
    """Text from the plans goes into the page escaped, and into the saved CSV only through data attributes."""
    root = portal_in_git(tmp_path)
    plan = root / "plans" / f"{PLAN}.yaml"
    text = plan.read_text(encoding="utf-8")
    title = "Discussion paper to be prepared"
    assert text.count(title) == 1
    plan.write_text(text.replace(title, "Discussion paper <script>alert(1)</script> & 'notes'"), encoding="utf-8")
    written = run(root, "returns", "--period", "2005-Q4", "--lead", "SF", "--format", "html", "--output", "r")
    assert written.returncode == 0, written.stderr
    html = (root / "r" / "2005-q4-sf.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;notes&#39;" in html
    assert html.count("<script") == 1 and 'src="return-form.js"' in html
    assert {p.name for p in (root / "r").iterdir()} == {"2005-q4-sf.html", "return-form.js", "return-form.css"}


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violation_on_the_form(forms: Path, browser: Browser, width: int) -> None:
    """As it opens, and with the problems it shows when saved with a box left out."""
    context, page, refused, _ = open_form(browser, forms, width)
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
    found = []
    for state in ("as it opens", "showing problems"):
        if state == "showing problems":
            page.fill(box(page, DELAYED, "new_deadline"), "May 2006")
            page.click("#save")
            assert page.locator("#problems").is_visible()
        results = axe.run(page, options=options).response
        assert len(results["passes"]) > 15, "axe hardly ran"
        found += [f"{state}: {v['id']}: {v['help']}; {[n['target'] for n in v['nodes'][:3]]}"
                  for v in results["violations"]]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert found == [] and refused == []
    assert scroll <= width  # nothing wider than the screen: no sideways scrolling on a phone
