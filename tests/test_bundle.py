"""`planportal bundle`: the public site in one zip, named from the data's date, that works
unzipped and opened from file:// with no network, documents and their #page=N links included."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from playwright.sync_api import Browser, expect
from pypdf import PdfWriter

from planportal.commands.cli import main
from tests.conftest import copy_project, refuse_other_hosts

SHIPPED_PLAN = """\
# yaml-language-server: $schema=../schema/plan-portal.schema.json
documents:
  - id: shipped-report
    title: Inspection report
    file: documents/inspection-report.pdf
plan:
  title: Shipped documents plan
  authority: Test Council
  level: detailed
  state: final
  as_at: "2011-05-31"
  recommendations:
    - ref: "1"
      text: Act on the inspection report.
      related:
        - document: shipped-report
          page: 2
"""


def test_the_bundle_opens_offline_from_the_file_system(tmp_path: Path, browser: Browser) -> None:
    (tmp_path / "portal").mkdir()
    project = copy_project(tmp_path / "portal")
    (project.plans / "shipped.yaml").write_text(SHIPPED_PLAN, encoding="utf-8")
    pdf = PdfWriter()
    for _ in range(3):
        pdf.add_blank_page(width=595, height=842)
    (project.content / "documents").mkdir()
    with (project.content / "documents/inspection-report.pdf").open("wb") as out:
        pdf.write(out)

    assert main(["--root", str(project.root), "bundle"]) == 0
    zips = sorted((project.root / "dist").glob("*.zip"))
    # the date is the latest as_at or approval date of the published plans (the draft's is left out)
    assert [z.name for z in zips] == ["childrens-services-improvement-plans-2011-05-31.zip"]
    data = zips[0].read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        top = {n.split("/")[0] for n in names}
        assert top == {"childrens-services-improvement-plans-2011-05-31"}  # one folder: unzipping scatters nothing
        assert not any("herefordshire-jar-2006" in n for n in names)  # a draft: not in the public bundle
        archive.extractall(tmp_path / "unzipped")
    root = tmp_path / "unzipped" / top.pop()
    assert (root / "documents/inspection-report.pdf").is_file()

    context = browser.new_context()
    refused = refuse_other_hosts(context)
    page = context.new_page()
    page.goto((root / "index.html").as_uri())
    expect(page.locator("h1")).to_have_text("Children's services improvement plans")
    page.locator("article").get_by_role("link", name="Children's Services Improvement Plan").click()
    expect(page.locator("h1")).to_have_text("Children's Services Improvement Plan")
    page.go_back()
    page.locator("article").get_by_role("link", name="Shipped documents plan").click()
    page.locator("article").get_by_role("link", name="Recommendation 1: Act on the inspection report").first.click()
    link = page.locator("article a", has_text="Inspection report").first
    href = link.get_attribute("href") or ""
    assert href.endswith("documents/inspection-report.pdf#page=2")
    target = (Path(page.url.removeprefix("file://")).parent / href.split("#")[0]).resolve()
    assert target == (root / "documents/inspection-report.pdf").resolve()
    context.close()
    assert refused == []

    # the same data gives the same zip
    assert main(["--root", str(project.root), "bundle"]) == 0
    assert zips[0].read_bytes() == data
