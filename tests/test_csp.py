"""The Content-Security-Policy: every page carries one (theme/main.html) that lets no inline or
foreign script run, and the site still works under it, opened from a folder (file://) and served
over http, search included, in both languages.

Material writes a few inline scripts; the theme loads them from files instead
(theme/partials/javascripts/), and the offline search's iframe worker gets its globals without an
inline script (theme/assets/javascripts/iframe-worker-shim.js). A browser reports every script it
refuses as a `securitypolicyviolation` event (and on the console): normal use must cause none,
and a script injected into a page must cause one and not run."""

from __future__ import annotations

import functools
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from planportal.commands.build import Project
from planportal.portal.joined import Portal
from tests.conftest import ROOT, refuse_other_hosts, wait_until

NO_SCRIPT_TYPES = {"application/json", "application/ld+json"}  # data, never run


class Head(HTMLParser):
    """The CSP meta elements of a page, where they stand, and its scripts and event-handler attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.policies: list[str] = []
        self.policy_before_script: list[bool] = []
        self.scripts_seen = 0
        self.in_head = False
        self.inline_scripts: list[str] = []
        self.handlers: list[str] = []
        self._script_attrs: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.handlers += [f"<{tag} {name}>" for name in values if name.startswith("on")]
        if tag == "head":
            self.in_head = True
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.policies.append(values.get("content", ""))
            self.policy_before_script.append(self.in_head and self.scripts_seen == 0)
        if tag == "script":
            self.scripts_seen += 1
            self._script_attrs = values

    def handle_data(self, data: str) -> None:
        attrs = self._script_attrs
        if attrs is not None and data.strip() and "src" not in attrs and attrs.get("type") not in NO_SCRIPT_TYPES:
            self.inline_scripts.append(data.strip()[:80])

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        if tag == "script":
            self._script_attrs = None


def directives(policy: str) -> dict[str, list[str]]:
    """{"script-src": ["'self'"], ...} from a policy string."""
    found: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found[words[0].lower()] = words[1:]
    return found


def test_every_page_carries_the_policy_before_any_script(built: tuple[Project, Portal]) -> None:
    project, _ = built
    pages = sorted(project.site.rglob("*.html"))
    assert project.site / "cy" / "index.html" in pages
    seen: set[str] = set()
    for path in pages:
        head = Head()
        head.feed(path.read_text(encoding="utf-8"))
        where = path.relative_to(project.site)
        assert len(head.policies) == 1 and head.policy_before_script == [True], where
        assert head.inline_scripts == [], (where, head.inline_scripts)
        assert head.handlers == [], (where, head.handlers)
        seen.add(head.policies[0])
    assert len(seen) == 1  # the same policy on every page
    policy = directives(seen.pop())
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no other host
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    for name, sources in policy.items():
        for source in sources:  # nothing from another host: only 'self', 'none' and data: images
            assert source in ("'self'", "'none'") or (name == "img-src" and source == "data:"), (name, source)


def test_the_readme_gives_web_servers_the_same_policy_as_a_header(built: tuple[Project, Portal]) -> None:
    project, _ = built
    head = Head()
    head.feed((project.site / "index.html").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    header = re.search(r"^Content-Security-Policy: (.+)$", readme, re.MULTILINE)
    assert header, "README.md should show the Content-Security-Policy header for web servers"
    sent = directives(header.group(1))
    assert sent.pop("frame-ancestors") == ["'none'"]  # only a header can say this
    assert sent == directives(head.policies[0])


# In the browser: every violation is recorded, from the page (event) and from any frame (console).
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + e.sourceFile + ':' + e.lineNumber), true);
"""


def watch(context: BrowserContext) -> list[str]:
    """Record every violation the pages of `context` report on the console; the list it fills."""
    console: list[str] = []
    context.add_init_script(WATCH)
    context.on("console", lambda message: console.append(message.text)
               if "Content Security Policy" in message.text else None)
    return console


def violations(page: Page) -> list[str]:
    return list(page.evaluate("window.__violations || []"))


def use_the_site(page: Page, start: str, query: str, result: str, heading: str, nav_link: str) -> None:
    """What a person does: open the home page, search, open a result (its words highlighted),
    go back to the top, follow the menu, and look at a wide table on a phone."""
    page.goto(start)
    page.locator("input.md-search__input").click()
    page.keyboard.type(query, delay=20)
    found = page.locator(f".md-search-result__item a[href*='{result}']").first
    expect(found).to_be_visible(timeout=15000)
    found.click()
    expect(page.locator("h1")).to_contain_text(heading)
    expect(page.locator("article mark[data-md-highlight]").first).to_be_attached()  # search.highlight

    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -300)  # scrolling up shows "Back to top"
    back = page.locator(".md-top")
    expect(back).to_be_visible()
    back.click()
    # smooth scrolling: polled by evaluate (wait_for_function's string needs eval, which the CSP refuses)
    wait_until(lambda: page.evaluate("window.scrollY") == 0, "back at the top")

    page.locator(".md-sidebar--primary").get_by_role("link", name=nav_link, exact=True).click()
    expect(page.locator("h1")).to_have_text(nav_link)

    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(start.replace("index.html", "plans/leeds-2010/index.html"))
    wide = page.locator(".md-typeset__scrollwrap[role='region']").first  # planportal.js
    expect(wide).to_have_attribute("tabindex", "0")
    welsh = "/cy/" in start
    expect(wide).to_have_attribute("aria-label", re.compile(  # in the page's language
        r"^\S.*: tabl, yn sgrolio i'r ochr$" if welsh else r"^\S.*: table, scrolls sideways$"))
    page.set_viewport_size({"width": 1280, "height": 900})


def inject(page: Page) -> None:
    """What an attacker would try if markup got into a page: an inline script, an event handler
    and a script from another host."""
    page.evaluate("""() => {
      const inline = document.createElement('script');
      inline.textContent = 'window.__ran = "inline script"';
      document.body.append(inline);
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="no-such-image.png" onerror="window.__ran = \\'event handler\\'">';
      document.body.append(holder);
      const foreign = document.createElement('script');
      foreign.src = 'https://scripts.example.org/x.js';
      document.body.append(foreign);
    }""")
    page.wait_for_timeout(500)


def assert_injected_scripts_are_refused(page: Page) -> None:
    inject(page)
    assert page.evaluate("window.__ran") is None
    found = violations(page)
    assert any(v.startswith("script-src-elem inline") for v in found), found
    assert any(v.startswith("script-src-attr inline") for v in found), found
    assert any(v.startswith("script-src-elem https://scripts.example.org/x.js") for v in found), found


SCENARIOS = {  # language: (home page, query, result, its heading, a menu entry)
    "en": ("index.html", "independent chair Improvement Board", "recommendations/1.1.1.html",
           "Recommendation 1.1.1", "Glossary"),
    "cy": ("cy/index.html", "independent chair Improvement Board", "recommendations/1.1.1.html",
           "Argymhelliad 1.1.1", "Geirfa"),
}


@pytest.mark.parametrize("lang", SCENARIOS)
def test_from_a_folder_nothing_is_refused_and_injected_scripts_are(built: tuple[Project, Portal], browser: Browser,
                                                                   lang: str) -> None:
    project, _ = built
    start, query, result, heading, nav_link = SCENARIOS[lang]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    refused = refuse_other_hosts(context)
    console = watch(context)
    page = context.new_page()
    use_the_site(page, (project.site / start).as_uri(), query, result, heading, nav_link)
    assert violations(page) == [] and console == []

    page.goto((project.site / start).as_uri())  # the search's worker runs in an iframe from file://
    page.locator("input.md-search__input").click()
    page.keyboard.type(query, delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15000)
    ran_in_frame = page.evaluate("""() => { const frame = document.querySelector('iframe');
        const script = frame.contentDocument.createElement('script');
        script.textContent = 'window.__ran = 1'; frame.contentDocument.body.append(script);
        return frame.contentWindow.__ran === undefined ? 'refused' : 'ran'; }""")
    assert ran_in_frame == "refused"
    assert_injected_scripts_are_refused(page)
    assert refused == []
    context.close()


@pytest.fixture(scope="module")
def served(built: tuple[Project, Portal]) -> Iterator[str]:
    """The built site on a local web server, as a host would serve it: its address."""
    project, _ = built

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the standard library's name)
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(project.site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("lang", SCENARIOS)
def test_served_over_http_nothing_is_refused_and_injected_scripts_are(served: str, browser: Browser,
                                                                      lang: str) -> None:
    start, query, result, heading, nav_link = SCENARIOS[lang]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    refused = refuse_other_hosts(context, served)
    console = watch(context)
    page = context.new_page()
    use_the_site(page, served + start, query, result, heading, nav_link)
    assert violations(page) == [] and console == []
    assert_injected_scripts_are_refused(page)
    assert refused == []
    context.close()



def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_under_mkdocs_serve_live_reload_runs(built: tuple[Project, Portal], browser: Browser) -> None:
    """`planportal serve` (mkdocs serve) writes an inline live-reload script into every page it
    serves: only there does the policy let inline scripts run (MkDocs sets site_url to its own
    address), so that the preview reloads after an edit. A built site never allows it (above)."""
    project, _ = built
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(project.build / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        address = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(address, timeout=5) as response:
                    html = response.read().decode("utf-8")
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "mkdocs serve did not start"
                time.sleep(1)
        head = Head()
        head.feed(html)
        assert directives(head.policies[0])["script-src"] == ["'self'", "'unsafe-inline'"]
        context = browser.new_context()
        refused = refuse_other_hosts(context, address)
        console = watch(context)
        page = context.new_page()
        messages: list[str] = []
        page.on("console", lambda message: messages.append(message.text))
        page.goto(address)
        page.wait_for_timeout(1500)
        assert "Enabled live reload" in messages  # MkDocs' inline script ran
        assert violations(page) == [] and console == [] and refused == []
        context.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
