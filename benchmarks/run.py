"""`make bench`: build synthetic portals of several sizes and print one table row per size.

For each size (actions): load+validate, generate and render (mkdocs build, every language) times,
the total, CPU time, peak memory (RSS of the whole build: the generator and its mkdocs
subprocesses, sampled together), pages, site size, largest page, search index size; then the
floor, measured in the same run on the same generated Markdown: `mkdocs build` of build/<lang>/docs
with the same theme, search and offline plugins and Markdown extensions but a one-entry nav, no
generator step, none of our theme overrides and no --strict; and the ratio of the build to it.
Then the same generated tree rendered by Zensical instead (its wall and CPU time, and its CPU against
MkDocs' render step). Then: a no-op rebuild (files rewritten, mtimes), a one-recommendation change
(files rewritten), `planportal build` after another change to it (wall and CPU time, pages rendered again,
and its share of the full build's wall and CPU time: the render is incremental), `planportal serve`
(seconds from editing the YAML to the page served changed) and search from file:// in headless Chromium
(seconds from typing to the first result).

    python -m benchmarks.run [--sizes 1000,10000] [--keep DIR] [--skip rebuilds,serve,search]

Timings are printed and written to benchmarks/results/<timestamp>.json; nothing asserts them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import psutil
import yaml

from benchmarks.synthetic import write_portal

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
MB = 1024 * 1024
EDITED = "Benchmark edit"  # the words put into a recommendation to see it change


# --- measuring a process tree --------------------------------------------------------------
class Measured:
    """Runs a command; its wall time, CPU time (with every descendant) and peak RSS of the tree."""

    def __init__(self, command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.peak = 0
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        done = threading.Event()
        sampler = threading.Thread(target=self._sample, args=(proc.pid, done), daemon=True)
        sampler.start()
        self.output, _ = proc.communicate()
        self.wall = time.perf_counter() - start
        done.set()
        sampler.join()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        self.max_single = after.ru_maxrss * 1024  # the largest single process so far (kB on Linux)
        self.returncode = proc.returncode
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{self.output[-3000:]}")

    def _sample(self, pid: int, done: threading.Event) -> None:
        try:
            top = psutil.Process(pid)
        except psutil.NoSuchProcess:
            return
        while not done.is_set():
            total = 0
            try:
                for proc in [top, *top.children(recursive=True)]:
                    try:
                        total += proc.memory_info().rss
                    except psutil.NoSuchProcess:
                        pass
            except psutil.NoSuchProcess:
                return
            self.peak = max(self.peak, total)
            done.wait(0.05)


# --- the build, in a child process -----------------------------------------------------------
def child_build(root: Path, out: Path) -> None:
    """Load+validate, generate and render one portal, timing each step (run in its own process)."""
    from planportal.commands import build
    from planportal.output.fingerprint import render_changed

    timings: dict[str, float] = {"load": 0.0, "load_cpu": 0.0}
    load = build.load_portal

    def timed_load(*args: Any) -> Any:
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return load(*args)
        finally:
            timings["load"] += time.perf_counter() - start
            timings["load_cpu"] += time.process_time() - cpu

    build.load_portal = timed_load  # type: ignore[assignment]
    project = build.Project(root)
    start, cpu = time.perf_counter(), time.process_time()
    portal, written = build.generate(project)
    timings["generate"] = time.perf_counter() - start - timings["load"]
    timings["generate_cpu"] = time.process_time() - cpu - timings["load_cpu"]
    start, children = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    render_changed(project.build, project.site, project.config, portal.settings.languages[1:])  # a full render
    timings["render"] = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    timings["render_cpu"] = after.ru_utime - children.ru_utime + after.ru_stime - children.ru_stime
    timings["generator_peak_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    timings["languages"] = portal.settings.languages  # type: ignore[assignment]
    out.write_text(json.dumps(timings), encoding="utf-8")


def floor_config(root: Path, lang_prefix: str, lang: str | None) -> dict[str, Any]:
    """The floor's mkdocs.yml: our theme, plugins and Markdown extensions as in mkdocs.yml, one-entry nav."""
    ours = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = [p for p in ours.get("plugins", []) if (p if isinstance(p, str) else next(iter(p))) in ("search",
                                                                                                       "offline")]
    theme: dict[str, Any] = {"name": "material", "font": False, "language": lang or "en"}  # en-GB is our override
    return {
        "site_name": "Floor",
        "docs_dir": str(root / "build" / lang_prefix / "docs"),
        "use_directory_urls": False,
        "theme": theme,
        "plugins": plugins,
        "markdown_extensions": ours.get("markdown_extensions", []),
        "nav": [{"Home": "index.md"}],
    }


def child_floor(root: Path, work: Path, languages: list[str]) -> None:
    """`mkdocs build` of every language's generated Markdown with the floor config, one after the other."""
    for i, lang in enumerate(languages):
        prefix = "" if i == 0 else lang
        config = work / f"floor-{lang}.yml"
        config.write_text(yaml.safe_dump(floor_config(root, prefix, lang if i else None)), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d",
                        str(work / "floor-site" / prefix)], check=True,
                       env={**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"})


def child_zensical(root: Path, languages: list[str]) -> None:
    """The same generated tree (build/) rendered by Zensical (`planportal build --renderer zensical`'s
    render step), every language, into site-zensical/."""
    from planportal.output.mkdocs import render

    render(root / "build", root / "site-zensical", languages[1:], "zensical")


# --- what the built site is ----------------------------------------------------------------
def site_figures(site: Path) -> dict[str, Any]:
    pages = [(p.stat().st_size, p) for p in site.rglob("*.html")]
    largest = max(pages)
    index = [p.stat().st_size for p in site.rglob("search/search_index.js")]
    return {
        "pages": len(pages),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "largest_page_bytes": largest[0],
        "largest_page": largest[1].relative_to(site).as_posix(),
        "search_index_bytes": max(index) if index else 0,
        "search_index_bytes_all_languages": sum(index),
    }


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in folder.rglob("*") if p.is_file()}


def rewritten(before: dict[str, tuple[int, bytes]], after: dict[str, tuple[int, bytes]]) -> list[str]:
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


def edit_recommendation(plans: Path, words: str) -> tuple[str, str]:
    """Put `words` at the start of the text of recommendation 1.1.2 of the first plan; return (plan id, ref)."""
    path = plans / "council-001.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "- ref: 1.1.2\n"
    at = text.index(marker)
    text_at = text.index("text: ", at) + len("text: ")
    if text[text_at] in "|>":  # a block scalar: the text starts on the next line, after its indentation
        text_at = text.index("\n", text_at) + 1
        text_at += len(text[text_at:]) - len(text[text_at:].lstrip(" "))
    quote = text[text_at] if text[text_at] in "'\"" else ""
    path.write_text(text[:text_at] + quote + words + " " + text[text_at + len(quote):], encoding="utf-8")
    return "council-001", "1.1.2"


# --- serve and search ------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def measure_serve(root: Path, start_timeout: float, change_timeout: float) -> dict[str, Any]:
    """Start `planportal serve`, wait for it, edit one recommendation, and time until the page shows it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/plans/council-001/recommendations/1.1.2.html"
    log = (root / "serve.log").open("w")
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "planportal", "--root", str(root), "serve", "--address",
                               f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    result: dict[str, Any] = {}
    try:
        page = None
        while page is None and time.perf_counter() - started < start_timeout and server.poll() is None:
            time.sleep(0.5)
            page = fetch(url)
        result["serve_start_s"] = time.perf_counter() - started
        if page is None:
            result["serve_edit_s"] = None
            return result
        time.sleep(2)  # let the watchers settle
        words = f"{EDITED} {int(time.time())}"
        edit_recommendation(root / "plans", words)
        edited = time.perf_counter()
        while time.perf_counter() - edited < change_timeout:
            page = fetch(url)
            if page and words in page:
                result["serve_edit_s"] = time.perf_counter() - edited
                break
            time.sleep(0.1)
        else:
            result["serve_edit_s"] = None
    finally:
        os.killpg(server.pid, signal.SIGINT)  # the server's own process group: planportal and its mkdocs
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
    return result


def measure_search(site: Path, query: str, timeout: float) -> dict[str, Any]:
    """Seconds from typing a query into the search box of index.html (opened from the file system) until
    the first result shows: cold (just after the page loaded) and warm (a second query)."""
    from playwright.sync_api import sync_playwright

    result: dict[str, Any] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        opened = time.perf_counter()
        page.goto((site / "index.html").as_uri())
        for name, words in (("search_cold_s", query), ("search_warm_s", "progress report")):
            page.locator("input.md-search__input").click()
            page.locator("input.md-search__input").fill(words[:-1])
            start = time.perf_counter()
            page.keyboard.type(words[-1])  # Material searches on key presses
            try:
                page.wait_for_function(
                    "w => { const l = document.querySelector('.md-search-result__list');"
                    " return l && l.children.length > 0 && document.querySelector('.md-search-result__meta')"
                    ".textContent.match(/[0-9]/) && l.innerText.toLowerCase().includes(w) }",
                    arg=words.split()[0].lower(), timeout=timeout * 1000, polling=20)
                result[name] = time.perf_counter() - start
                if name == "search_cold_s":  # typed as soon as the page was there: the index was still loading
                    result["search_from_opening_s"] = time.perf_counter() - opened
            except Exception:  # noqa: BLE001 - a timeout is a measurement, not a failure
                result[name] = None
            page.locator("input.md-search__input").fill("")
        browser.close()
    return result


# --- one size --------------------------------------------------------------------------------
def make_project(work: Path, actions: int) -> Path:
    root = work / f"portal-{actions}"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("theme", "content"):
        shutil.copytree(ROOT / name, root / name)
    write_portal(root / "plans", actions)
    return root


def run_size(actions: int, work: Path, skip: set[str]) -> dict[str, Any]:
    root = make_project(work, actions)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "generator")])}
    timings_file = work / f"timings-{actions}.json"
    build = Measured([sys.executable, "-m", "benchmarks.run", "--child-build", str(root), str(timings_file)], ROOT, env)
    timings = json.loads(timings_file.read_text(encoding="utf-8"))
    row: dict[str, Any] = {"actions": actions, "load_validate_s": timings["load"], "generate_s": timings["generate"],
                           "render_s": timings["render"], "total_s": build.wall, "cpu_s": build.cpu,
                           "peak_rss_bytes": build.peak, "largest_process_rss_bytes": build.max_single,
                           "generator_peak_rss_bytes": timings["generator_peak_rss"]}
    row.update(site_figures(root / "site"))
    floor = Measured([sys.executable, "-m", "benchmarks.run", "--child-floor", str(root), str(work),
                      ",".join(timings["languages"])], ROOT, env)
    row.update({"floor_s": floor.wall, "floor_cpu_s": floor.cpu, "floor_peak_rss_bytes": floor.peak,
                "ratio": build.wall / floor.wall, "cpu_ratio": build.cpu / floor.cpu,
                "generator_share": (timings["load"] + timings["generate"]) / build.wall,
                "load_validate_cpu_s": timings["load_cpu"], "generate_cpu_s": timings["generate_cpu"],
                "render_cpu_s": timings["render_cpu"],
                "generator_cpu_share": (timings["load_cpu"] + timings["generate_cpu"]) / build.cpu})
    row["generator_cpu"] = timings["load_cpu"] + timings["generate_cpu"]
    if "zensical" not in skip:  # the same tree, rendered by Zensical instead of MkDocs
        try:
            zensical = Measured([sys.executable, "-m", "benchmarks.run", "--child-zensical", str(root),
                                 ",".join(timings["languages"])], ROOT, env)
            row.update({"zensical_s": zensical.wall, "zensical_cpu_s": zensical.cpu,
                        "zensical_peak_rss_bytes": zensical.peak,
                        "zensical_cpu_ratio": zensical.cpu / timings["render_cpu"],
                        "zensical_pages": len(list((root / "site-zensical").rglob("*.html")))})
        except RuntimeError as err:  # reported in the results, the other figures kept
            row["zensical_error"] = str(err)[-500:]
    row["bytes_per_page"] = row["site_bytes"] / row["pages"]
    row["seconds_per_page"] = row["total_s"] / row["pages"]
    row["cpu_seconds_per_page"] = row["cpu_s"] / row["pages"]

    if "rebuilds" in skip:
        skip = skip | {"serve"}  # serve edits the portal as the one-recommendation change does
    # a no-op rebuild, then a change to one recommendation: which generated files are rewritten
    generate = [sys.executable, "-c", "import sys; from pathlib import Path; "
                "from planportal.commands.build import Project, generate; generate(Project(Path(sys.argv[1])))",
                str(root)]
    if "rebuilds" not in skip:
        before = snapshot(root / "build")
        noop = Measured(generate, ROOT, env)
        row["noop_generate_s"] = noop.wall
        row["noop_rewritten"] = len(rewritten(before, snapshot(root / "build")))
        before = snapshot(root / "build")
        edit_recommendation(root / "plans", EDITED)
        one = Measured(generate, ROOT, env)
        changed = rewritten(before, snapshot(root / "build"))
        row["one_change_generate_s"] = one.wall
        row["one_change_rewritten"] = len(changed)
        row["one_change_files"] = changed
        # what staff run after such a change: `planportal build`, which renders only the pages that changed
        edit_recommendation(root / "plans", f"{EDITED} again")
        again = Measured([sys.executable, "-m", "planportal", "--root", str(root), "build"], ROOT, env)
        counted = re.search(r": (\d+) of (\d+) pages rendered again", again.output)
        row.update({"one_change_build_s": again.wall, "one_change_build_cpu_s": again.cpu,
                    "one_change_share": again.wall / build.wall, "one_change_cpu_share": again.cpu / build.cpu,
                    "one_change_pages": int(counted[1]) if counted else row["pages"]})
    for name, measure in (("search", lambda: measure_search(root / "site", "improvement board", timeout=120)),
                          ("serve", lambda: measure_serve(root, start_timeout=2400, change_timeout=120))):
        if name not in skip:
            try:
                row.update(measure())
            except Exception as err:  # noqa: BLE001 - reported in the results, the other figures kept
                row[f"{name}_error"] = repr(err)
    return row


COLUMNS = [  # heading, key, format
    ("actions", "actions", "{:,}"), ("load+val s", "load_validate_s", "{:.1f}"), ("gen s", "generate_s", "{:.1f}"),
    ("render s", "render_s", "{:.1f}"), ("total s", "total_s", "{:.1f}"), ("cpu s", "cpu_s", "{:.0f}"),
    ("load+gen cpu s", "generator_cpu", "{:.1f}"),
    ("peak MB", "peak_rss_bytes", "mb"), ("pages", "pages", "{:,}"), ("site MB", "site_bytes", "mb"),
    ("largest KB", "largest_page_bytes", "kb"), ("index MB", "search_index_bytes", "mb"),
    ("floor s", "floor_s", "{:.1f}"), ("floor cpu", "floor_cpu_s", "{:.0f}"),
    ("floor MB", "floor_peak_rss_bytes", "mb"),
    ("zensical s", "zensical_s", "{:.1f}"), ("zensical cpu", "zensical_cpu_s", "{:.0f}"),
    ("zensical MB", "zensical_peak_rss_bytes", "mb"), ("zensical cpu / mkdocs cpu", "zensical_cpu_ratio", "{:.2f}"),
    ("ratio", "ratio", "{:.2f}"), ("cpu ratio", "cpu_ratio", "{:.2f}"), ("gen share", "generator_share", "{:.0%}"),
    ("gen cpu share", "generator_cpu_share", "{:.0%}"),
    ("KB/page", "bytes_per_page", "kb"), ("ms/page", "seconds_per_page", "ms"),
    ("cpu ms/page", "cpu_seconds_per_page", "ms"),
    ("noop rw", "noop_rewritten", "{}"), ("1-rec rw", "one_change_rewritten", "{}"),
    ("1-rec build s", "one_change_build_s", "{:.1f}"), ("1-rec build cpu", "one_change_build_cpu_s", "{:.1f}"),
    ("1-rec pages", "one_change_pages", "{}"), ("1-rec / full", "one_change_share", "{:.0%}"),
    ("1-rec cpu / full", "one_change_cpu_share", "{:.0%}"),
    ("serve s", "serve_edit_s", "{:.1f}"), ("search s", "search_cold_s", "{:.2f}"),
    ("search again s", "search_warm_s", "{:.2f}"), ("search from opening s", "search_from_opening_s", "{:.2f}"),
]


def cell(row: dict[str, Any], key: str, form: str) -> str:
    value = row.get(key)
    if value is None:
        return "-" if key not in row else "timeout"
    if form == "mb":
        return f"{value / MB:.0f}"
    if form == "kb":
        return f"{value / 1024:.0f}"
    if form == "ms":
        return f"{value * 1000:.0f}"
    return form.format(value)


def table(rows: list[dict[str, Any]]) -> str:
    lines = ["| " + " | ".join(h for h, _, _ in COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell(row, key, form) for _, key, form in COLUMNS) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="numbers of actions, comma-separated")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    parser.add_argument("--skip", default="", help="rebuilds, serve, search and/or zensical, comma-separated")
    parser.add_argument("--child-build", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-floor", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--child-zensical", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_build:
        return child_build(*args.child_build)
    if args.child_zensical:
        return child_zensical(Path(args.child_zensical[0]), args.child_zensical[1].split(","))
    if args.child_floor:
        return child_floor(Path(args.child_floor[0]), Path(args.child_floor[1]), args.child_floor[2].split(","))
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    rows = []
    work = args.keep or Path(tempfile.mkdtemp(prefix="planportal-bench-"))
    try:
        for size in sizes:
            rows.append(run_size(size, work, skip))
            print(table(rows[-1:]).splitlines()[-1] if len(rows) > 1 else table(rows), flush=True)
            (RESULTS / f"{stamp}.json").write_text(json.dumps({"machine": {"cpus": os.cpu_count(),
                                                                           "load": os.getloadavg()},
                                                                "rows": rows}, indent=1), encoding="utf-8")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\n{table(rows)}\n\nwritten to {(RESULTS / f'{stamp}.json').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
