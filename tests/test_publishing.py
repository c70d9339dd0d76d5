"""site/ is always whole: builds really killed at each point, two builds at once, a full disk, a
read-only, symlinked or mounted site/. After every fault site/ is byte for byte the last good site or
the new one, no MkDocs is left running, and the next build succeeds and leaves nothing behind.

Builds run as staff run them (the `planportal` command, in its own process), on a portal made by
`planportal new`. Faults come from the build's checkpoints (output/checkpoints.py: PLANPORTAL_FAULT)
and from real file systems (tmpfs, mounted as root, as the tests run in CI).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import mkdocs_running, wait_until

POINTS = ["validated", "writing", "rendering", "rendering-cy", "swap", "swapped"]
"""Every checkpoint a build of a portal in English and Welsh passes, in order (output/checkpoints.py)."""


def planportal(root: Path, *args: str, fault: str | None = None) -> subprocess.Popen[str]:
    """`planportal --root ROOT ARGS…` started in its own process; PLANPORTAL_FAULT set to `fault`."""
    env = {k: v for k, v in os.environ.items() if k != "PLANPORTAL_FAULT"}
    if fault:
        env["PLANPORTAL_FAULT"] = fault
    return subprocess.Popen([sys.executable, "-m", "planportal", "--root", str(root), *args], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def build(root: Path, fault: str | None = None) -> subprocess.CompletedProcess[str]:
    process = planportal(root, "build", fault=fault)
    out, err = process.communicate(timeout=600)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit(root: Path, words: str) -> None:
    """A change staff make, which changes the site: a sentence added to the about page."""
    page = root / "content" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{words}\n", encoding="utf-8")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site-"))


def stopped(process: subprocess.Popen[str]) -> bool:
    return Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "T"


def new_portal(root: Path, languages: str = "[en]") -> Path:
    """A portal as `planportal new` makes it, in `languages`, built once: site/ is its last good site."""
    subprocess.run([sys.executable, "-m", "planportal", "new", str(root)], capture_output=True, text=True, check=True)
    settings = root / "plans" / "portal.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "  languages: [en]" in text
    settings.write_text(text.replace("  languages: [en]", f"  languages: {languages}"), encoding="utf-8")
    assert build(root).returncode == 0
    return root


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    return new_portal(tmp_path / "portal")


@pytest.fixture
def bilingual(tmp_path: Path) -> Path:
    """The same portal in English and Welsh (site/cy/, rendered by a second MkDocs)."""
    return new_portal(tmp_path / "portal", "[en, cy]")


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[list[Path]]:
    """Folders to mount small tmpfs file systems on (the list they are added to); unmounted after."""
    mounted: list[Path] = []
    yield mounted
    for folder in reversed(mounted):
        subprocess.run(["umount", "-l", str(folder)], check=False)


def mount(mounted: list[Path], folder: Path, size: str, *options: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join([f"size={size}", *options]), "tmpfs", str(folder)],
                   check=True)
    mounted.append(folder)


@pytest.mark.parametrize("point", POINTS)
def test_a_build_killed_at_any_point_leaves_the_last_good_site_or_the_new_one(bilingual: Path, point: str) -> None:
    portal = bilingual
    before = snapshot(portal / "site")
    edit(portal, "A sentence added after the last publication.")

    killed = build(portal, fault=f"{point}:kill")

    assert killed.returncode == -signal.SIGKILL
    during = snapshot(portal / "site")
    assert mkdocs_running(portal) == []
    after = build(portal)
    assert after.returncode == 0, after.stderr
    assert after.stderr == ""
    new = snapshot(portal / "site")
    assert new != before
    assert during in (before, new)
    assert leftovers(portal) == []


def test_a_build_killed_while_mkdocs_renders_ends_mkdocs_too(portal: Path) -> None:
    edit(portal, "A sentence added after the last publication.")
    first = planportal(portal, "build", fault="rendering:stop")
    wait_until(lambda: stopped(first), "the build stopped while MkDocs renders")
    assert len(mkdocs_running(portal)) == 1

    first.kill()
    first.wait()

    wait_until(lambda: mkdocs_running(portal) == [], "MkDocs ended with the build")
    assert [p.name for p in portal.iterdir() if p.name.startswith(".site-")] != []  # what it left…
    assert build(portal).returncode == 0
    assert leftovers(portal) == []  # … the next build cleaned


def test_a_second_build_says_that_one_is_running(portal: Path) -> None:
    before = snapshot(portal / "site")
    edit(portal, "A sentence added after the last publication.")
    first = planportal(portal, "build", fault="rendering:stop")
    wait_until(lambda: stopped(first), "the first build stopped while rendering")

    second = build(portal)

    assert second.returncode == 1
    assert second.stderr.startswith(f"planportal: another planportal build (or serve's rebuild) is running in {portal}")
    assert "internal error" not in second.stderr
    assert snapshot(portal / "site") == before
    first.send_signal(signal.SIGCONT)
    out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    assert snapshot(portal / "site") != before
    assert build(portal).stdout.endswith("is up to date: nothing it is made from has changed since it was built "
                                          "(draft plans left out: --include-drafts to preview them).\n")


def test_two_builds_started_together_never_break(portal: Path) -> None:
    for round in range(3):
        edit(portal, f"Change number {round}.")
        builds = [planportal(portal, "build") for _ in range(2)]
        results = [(p.wait(timeout=600), p.communicate()[1]) for p in builds]
        for status, err in results:
            assert "internal error" not in err and "Traceback" not in err
            assert status == 0 or "another planportal build" in err, err
        assert any(status == 0 for status, _ in results)
        assert f"Change number {round}." in (portal / "site" / "about.html").read_text(encoding="utf-8")
        assert leftovers(portal) == []


def test_a_killed_renderer_is_named(portal: Path) -> None:
    before = snapshot(portal / "site")
    edit(portal, "A sentence added after the last publication.")
    first = planportal(portal, "build", fault="rendering:stop")
    wait_until(lambda: stopped(first), "the build stopped while MkDocs renders")
    (mkdocs,) = mkdocs_running(portal)

    os.kill(mkdocs, signal.SIGKILL)  # as the system does when memory runs out
    first.send_signal(signal.SIGCONT)
    out, err = first.communicate(timeout=600)

    assert first.returncode == 1
    assert err.startswith("planportal: the site could not be rendered; site/ was left as it was.\n"
                          "MkDocs was ended by SIGKILL while rendering (the system may have run out of memory")
    assert snapshot(portal / "site") == before
    assert leftovers(portal) == []
    assert build(portal).returncode == 0


def test_no_space_left_while_writing_build_is_named(portal: Path, tmpfs: list[Path]) -> None:
    before = snapshot(portal / "site")
    (portal / "build").rename(portal / "build-before")
    mount(tmpfs, portal / "build", "24k")
    edit(portal, "A sentence added after the last publication.")

    full = build(portal)

    assert full.returncode == 1
    assert full.stderr.startswith("planportal: build/")
    assert full.stderr.endswith(": could not be written (no space is left on the device: free some space "
                                "(`df -h .` shows how much is left) and build again); site/ was left as it was.\n")
    assert snapshot(portal / "site") == before
    subprocess.run(["umount", str(portal / "build")], check=True)
    tmpfs.clear()
    assert build(portal).returncode == 0


def test_no_space_left_for_the_site_is_named_with_mkdocs_reason(portal: Path, tmpfs: list[Path], tmp_path: Path
                                                                ) -> None:
    web = tmp_path / "web"
    mount(tmpfs, web, "1m")
    (web / "portal").mkdir()
    (web / "portal" / "index.html").write_bytes(b"<p>the last good site</p>\n")
    (portal / "site").rename(tmp_path / "site-before")
    (portal / "site").symlink_to(web / "portal")
    edit(portal, "A sentence added after the last publication.")

    full = build(portal)

    assert full.returncode == 1
    lines = full.stderr.splitlines()
    assert lines[:2] == ["planportal: the site could not be rendered; site/ was left as it was.",
                         "no space is left on the device: free some space (`df -h .` shows how much is left) "
                         "and build again"]
    assert "No space left on device" in lines[-1]  # MkDocs' own reason, kept
    assert snapshot(web / "portal") == {"index.html": b"<p>the last good site</p>\n"}
    assert sorted(p.name for p in web.iterdir()) == ["portal"]


def test_a_read_only_site_is_left_alone_and_later_builds_work(portal: Path) -> None:
    before = snapshot(portal / "site")
    edit(portal, "A sentence added after the last publication.")
    (portal / "site").chmod(0o555)

    refused = build(portal)

    assert refused.returncode == 1
    assert refused.stderr == (f"planportal: {portal / 'site'} is read-only, and planportal does not replace a site "
                              f"that was made read-only: make it writable (chmod -R u+w {portal / 'site'}) and "
                              "build again; site/ was left as it is\n")
    assert snapshot(portal / "site") == before
    assert build(portal).returncode == 1  # still refused, and still saying why, not broken
    (portal / "site").chmod(0o755)
    assert build(portal).returncode == 0
    assert snapshot(portal / "site") != before
    assert leftovers(portal) == []


def test_a_site_on_a_read_only_file_system_is_left_alone(portal: Path, tmpfs: list[Path]) -> None:
    site = portal / "site"
    kept = snapshot(site)
    mount(tmpfs, site, "16m")
    for name, data in kept.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    subprocess.run(["mount", "-o", "remount,ro", str(site)], check=True)
    edit(portal, "A sentence added after the last publication.")

    refused = build(portal)

    assert refused.returncode == 1
    assert refused.stderr.startswith(f"planportal: {site} is on a read-only file system: mount it read-write")
    assert snapshot(site) == kept
    subprocess.run(["mount", "-o", "remount,rw", str(site)], check=True)
    assert build(portal).returncode == 0
    assert "A sentence added" in (site / "about.html").read_text(encoding="utf-8")


def test_a_mounted_site_is_published_into(portal: Path, tmpfs: list[Path]) -> None:
    site = portal / "site"
    mount(tmpfs, site, "16m")
    (site / "stale.html").write_bytes(b"<p>from before</p>\n")

    for words in ("First change.", "Second change."):
        edit(portal, words)
        result = build(portal)
        assert result.returncode == 0, result.stderr
        assert os.path.ismount(site)
        assert words in (site / "about.html").read_text(encoding="utf-8")
        assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == []
    assert not (site / "stale.html").exists()
    assert (site / "index.html").is_file() and (site / "assets").is_dir()


def test_a_symlinked_site_updates_the_folder_it_points_to(portal: Path, tmp_path: Path) -> None:
    web = tmp_path / "var-www" / "portal"
    web.parent.mkdir()
    (portal / "site").rename(web)
    (portal / "site").symlink_to(web)
    edit(portal, "A sentence added after the last publication.")

    result = build(portal)

    assert result.returncode == 0, result.stderr
    assert (portal / "site").is_symlink() and (portal / "site").resolve() == web
    assert "A sentence added" in (web / "about.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in web.parent.iterdir()) == ["portal"]


WITHOUT_EXCHANGE = """
import ctypes, errno, sys
from planportal.output import publish

class NoExchange:  # the C library of a system without renameat2, or a file system without RENAME_EXCHANGE
    def __init__(self, *args, **kwargs):
        pass
    def __getattr__(self, name):
        raise AttributeError(name)

publish.ctypes = type("ctypes", (), {"CDLL": NoExchange, "c_int": ctypes.c_int, "c_char_p": ctypes.c_char_p,
                                     "c_uint": ctypes.c_uint, "get_errno": ctypes.get_errno})
from planportal.commands.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_where_the_system_cannot_exchange_a_build_killed_between_the_renames_is_undone(portal: Path) -> None:
    before = snapshot(portal / "site")
    edit(portal, "A sentence added after the last publication.")
    env = {**os.environ, "PLANPORTAL_FAULT": "between:kill"}
    command = [sys.executable, "-c", WITHOUT_EXCHANGE, "--root", str(portal), "build"]

    killed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)

    assert killed.returncode == -signal.SIGKILL  # between the two renames: site/ is not there …
    assert not (portal / "site").exists()
    again = subprocess.run(command, env={**env, "PLANPORTAL_FAULT": "rendering:kill"}, capture_output=True,
                           text=True, timeout=600)
    assert again.returncode == -signal.SIGKILL
    assert snapshot(portal / "site") == before  # … until the next build puts the old one back, first thing
    env.pop("PLANPORTAL_FAULT")
    after = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert after.returncode == 0, after.stderr
    assert snapshot(portal / "site") != before
    assert "A sentence added" in (portal / "site" / "about.html").read_text(encoding="utf-8")
    assert leftovers(portal) == []


def test_where_the_system_cannot_exchange_a_build_still_publishes(portal: Path) -> None:
    edit(portal, "A sentence added after the last publication.")
    result = subprocess.run([sys.executable, "-c", WITHOUT_EXCHANGE, "--root", str(portal), "build"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "A sentence added" in (portal / "site" / "about.html").read_text(encoding="utf-8")
    assert leftovers(portal) == []
