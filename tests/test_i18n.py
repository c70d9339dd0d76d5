"""The message catalogues: every label the generator writes is a msgid, the Welsh catalogue
translates every one of them (and nothing else), and a Welsh page reads in Welsh."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po
from jinja2.ext import babel_extract

from planportal.pages import urls
from planportal.pages.context import Site
from planportal.pages.nav import nav
from planportal.pages.plans import plan_page, recommendation_page
from planportal.portal.joined import Portal
from planportal.source.dates import parse_when, quarter
from planportal.text import catalogue as i18n
from planportal.text.catalogue import LOCALES, catalogue_path, translations
from planportal.text.markdown import yes_no
from tests.factories import PORTAL, make_portal, plan

PACKAGE = LOCALES.parent
KEYWORDS: dict[str, Any] = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
RESERVED = {  # for the language switch and the marking of English text on Welsh pages
    "Not yet available in Welsh",
    "Some text on this page is not yet available in Welsh and is shown in English.",
    "Translation not yet checked by a Welsh speaker",
    "English",
    "Cymraeg",
}
WELSH_PLURALS = "nplurals=6; plural=(n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 :(n==6) ? 4 : 5;"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def extracted() -> dict[str, tuple[str, ...]]:
    """Every msgid in the templates and the Python modules: {msgid: (msgid, plural) or (msgid,)}."""
    found: dict[str, tuple[str, ...]] = {}
    templates = sorted((PACKAGE / "pages" / "templates").glob("*.j2"))
    sources: list[tuple[Any, Path, dict[str, str]]] = [
        (babel_extract, path, {"extensions": "jinja2.ext.i18n"}) for path in templates]
    sources += [("python", path, {}) for path in sorted(PACKAGE.rglob("*.py"))]
    for method, path, options in sources:
        with path.open("rb") as source:
            for _, message, _, _ in extract(method, source, KEYWORDS, options=options):
                ids = (message,) if isinstance(message, str) else tuple(message)
                found[ids[0]] = ids
    return found


@pytest.fixture(scope="module")
def messages() -> dict[str, tuple[str, ...]]:
    return extracted()


@pytest.fixture(scope="module")
def welsh() -> Catalog:
    with catalogue_path("cy").open("rb") as po:
        return read_po(po, locale="cy")


def test_labels_are_extracted_from_templates_and_code(messages: dict[str, tuple[str, ...]]) -> None:
    for label in ["Deadline", "Referenced by", "Overdue", "Not stated", "progress dashboard",  # templates
                  "%(level)s %(ref)s: %(title)s", "Recommendation", "Abbreviations on this page",  # pages/levels.py
                  "Completed", "Not yet due",  # model.DEFAULT_STATUSES
                  "Accountability allocated", "no related plan or document",  # completeness.py
                  "Home", "People and partners", "Yes", "to be confirmed"]:  # render.py, text.py, when words
        assert label in messages, label
    assert messages["%(done)s of %(num)s action completed"][1] == "%(done)s of %(num)s actions completed"


def test_the_welsh_catalogue_translates_every_label(messages: dict[str, tuple[str, ...]], welsh: Catalog) -> None:
    untranslated = []
    for msgid, ids in messages.items():
        message = welsh.get(msgid)
        if message is None:
            untranslated.append(msgid)
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if len(ids) == 2:
            assert message.pluralizable and len(forms) == 6, f"{msgid!r} needs Welsh's six plural forms"
        if not all(forms) or "fuzzy" in message.flags:
            untranslated.append(msgid)
    assert untranslated == [], "add Welsh for these to locales/cy/LC_MESSAGES/messages.po"


def test_the_welsh_catalogue_has_nothing_unused(messages: dict[str, tuple[str, ...]], welsh: Catalog) -> None:
    unused = {m.id if isinstance(m.id, str) else m.id[0] for m in welsh if m.id} - set(messages) - RESERVED
    assert unused == set(), "these msgids are used nowhere: remove them from the catalogue"
    for msgid in RESERVED:
        message = welsh.get(msgid)
        assert message is not None and message.string, msgid
    assert welsh.get("Not yet available in Welsh").string == "Ddim ar gael yn Gymraeg eto"
    assert set(i18n.RESERVED) == RESERVED  # so that `make messages` keeps them


def test_welsh_translations_keep_the_placeholders(welsh: Catalog) -> None:
    """A translation with a placeholder missing, misspelt or a stray '%' breaks the page it is on."""
    for message in welsh:
        if not message.id:
            continue
        ids = (message.id,) if isinstance(message.id, str) else message.id
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        names = set(PLACEHOLDER.findall(ids[-1]))
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) == names, (ids[0], form)
            assert isinstance(form % dict.fromkeys(names, "x"), str)  # raises on a stray %


def test_the_welsh_catalogue_header(welsh: Catalog) -> None:
    text = catalogue_path("cy").read_text(encoding="utf-8")
    assert '"Language: cy\\n"' in text and '"Content-Type: text/plain; charset=utf-8\\n"' in text
    assert f'"Plural-Forms: {WELSH_PLURALS}\\n"' in text
    assert "NOT YET BEEN CHECKED BY A WELSH SPEAKER" in text.split("msgid", 1)[0]
    assert welsh.num_plurals == 6
    ngettext = translations("cy").ngettext
    cams = [ngettext("%(done)s of %(num)s action completed", "%(done)s of %(num)s actions completed", n)
            % {"done": 0, "num": n} for n in (1, 2, 3, 6, 7)]
    assert cams == ["0 o 1 cam gweithredu wedi'i gwblhau", "0 o 2 gam gweithredu wedi'u cwblhau",
                    "0 o 3 cham gweithredu wedi'u cwblhau", "0 o 6 cham gweithredu wedi'u cwblhau",
                    "0 o 7 cam gweithredu wedi'u cwblhau"]


REC = {
    "ref": "1", "text": "Set up a board.", "achieve_by": "2026-03-01", "resources": {"required": True},
    "actions": [
        {"id": "1", "title": "Agree terms", "lead": "SF", "due": "2026-03-01",
         "progress": [{"date": "2026-02-10", "status": "completed", "text": "Agreed."}]},
        {"id": "2", "title": "Write it up", "due": "2026-02",
         "progress": [{"date": "2026-01", "status": "in_progress", "text": "Begun."}]},
    ],
}


def bilingual(tmp_path: Path, **portal: Any) -> Portal:
    return make_portal(tmp_path, {"p": plan(as_at="2026-03-15", recommendations=[REC])},
                       portal={**PORTAL["portal"], "languages": ["en", "cy"], **portal})


def test_a_welsh_page_has_welsh_labels_and_dates(tmp_path: Path) -> None:
    portal = bilingual(tmp_path)
    placed = next(portal.recommendations())
    page = recommendation_page(Site(portal, "cy"), placed, [])
    for welsh in ["Argymhelliad 1: Set up a board.", "## Camau gweithredu", "### Cam gweithredu 1: ",
                  '**Dyddiad cau:** <time datetime="2026-03-01">1 Mawrth 2026</time>', "**Arweinydd:**",
                  "Wedi'i gwblhau", "Yn hwyr", "| Dyddiad | Statws | Cynnydd |",
                  '<time datetime="2026-02-10">10 Chwefror 2026</time>',
                  "1 o 2 gam gweithredu wedi'u cwblhau, 1 ar waith; 1 yn hwyr",
                  "**I'w gyflawni erbyn:** <time", "## Cyfeirir ato gan",
                  "Nid yw'r cynllun yn rhoi: ffynhonnell, brys, meini prawf llwyddiant, targedau perfformiad, "
                  "cynlluniau a dogfennau cysylltiedig.", "**Capasiti / adnoddau ychwanegol sydd eu hangen:** Ie"]:
        assert welsh in page, welsh
    for english in ["Deadline", "Status", "Recommendation", "Referenced by", "Not stated", "Overdue", "March",
                    "Completed", "actions", "Yes"]:
        assert english not in page, english
    english_page = recommendation_page(Site(portal), placed, [])
    assert '**Deadline:** <time datetime="2026-03-01">1 March 2026</time>' in english_page
    assert "1 of 2 actions completed, 1 in progress; 1 overdue" in english_page
    assert "## Referenced by" in english_page and "Overdue</strong>" in english_page


def test_a_label_with_welsh_text_is_not_marked_as_english(tmp_path: Path) -> None:
    rec = {**REC, "text": {"en": "Set up a board.", "cy": "Sefydlu bwrdd."}}
    portal = make_portal(tmp_path, {"p": plan(title={"en": "Plan", "cy": "Cynllun"}, recommendations=[rec])},
                         portal={**PORTAL["portal"], "languages": ["en", "cy"]})
    page = recommendation_page(Site(portal, "cy"), next(portal.recommendations()), [])
    assert "\n# Argymhelliad 1: Sefydlu bwrdd.\n" in page


def test_a_welsh_plan_page_translates_the_exhibit_2_checklist(tmp_path: Path) -> None:
    portal = bilingual(tmp_path)
    page = plan_page(Site(portal, "cy"), portal.plans[0])
    assert "## Rhestr wirio ar gyfer pob argymhelliad" in page
    assert "Targedau canlyniad mesuradwy ar waith" in page
    assert "Na: dim cynllun na dogfen gysylltiedig" in page
    assert "Link to relevant plan or document" not in page and "no related plan or document" not in page


def test_welsh_dates_and_quarters_use_babel_month_names(tmp_path: Path) -> None:
    site = Site(bilingual(tmp_path), "cy")
    assert site.when(parse_when("2026-03-01"), wrap=False) == "1 Mawrth 2026"
    assert site.when(quarter(2025, 4), wrap=False) == "Ionawr i Fawrth 2026 (chwarter 4 o 2025 i 2026)"
    assert site.when(parse_when("tbc")) == "i'w gadarnhau"


def test_a_status_label_the_portal_translates_itself_wins(tmp_path: Path) -> None:
    portal = bilingual(tmp_path, statuses=[{"id": "completed", "label": {"en": "Done", "cy": "Wedi gorffen"}},
                                           {"id": "delayed", "label": "Late"}])
    welsh, english = Site(portal, "cy"), Site(portal)
    assert welsh.status_label("completed") == "Wedi gorffen" and english.status_label("completed") == "Done"
    assert welsh.status_label("delayed") == "Late"  # no Welsh given and none in the catalogue: as written
    assert welsh.status_label("not_stated") == "Heb statws"


def test_nav_takes_a_gettext(tmp_path: Path) -> None:
    portal = bilingual(tmp_path)
    english = [next(iter(item)) for item in nav(portal, [])]
    welsh = [next(iter(item)) for item in nav(portal, [], _=translations("cy").gettext)]
    assert english[:3] == ["Home", "Plans", "Progress"] and "Glossary" in english
    assert welsh[:3] == ["Hafan", "Cynlluniau", "Cynnydd"] and "Geirfa" in welsh
    assert {"Hafan": urls.HOME} in nav(portal, [], _=translations("cy").gettext)


def test_yes_no_is_english_unless_given_a_gettext() -> None:
    assert [yes_no(v) for v in (True, False, None)] == ["Yes", "No", "Not stated"]
    assert [yes_no(v, translations("cy").gettext) for v in (True, False, None)] == ["Ie", "Na", "Heb ei nodi"]
