"""Bad plan data is refused with a message per mistake, at the right line and column.

Each folder in tests/bad/ is one case: a small plans/ tree (tests/good/baseline with one
mistake) and expected.txt, the exact problem lines `planportal validate` prints to stderr.
Adding a case is adding a folder. tests/good/ holds trees that must be accepted.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
BAD = sorted(p for p in (HERE / "bad").iterdir() if p.is_dir())
GOOD = sorted(p for p in (HERE / "good").iterdir() if p.is_dir())
SUMMARY = re.compile(r"^(\d+) problems? found; nothing was published\.$")
BUILD_CASES = ["yaml-unclosed-bracket", "unknown-lead", "no-portal-file", "yaml-billion-laughs",
               "id-windows-reserved-names", "ids-with-dot-dot", "document-file-escapes-content", "url-data",
               "no-plan-files", "no-plans-folder", "plans-folder-holds-a-folder",
               # what only build or bundle used to refuse, which validate now reports too
               "content-page-at-a-generated-address", "content-file-at-a-download-address", "document-file-hidden",
               "document-file-markdown-page", "previous-publication-missing-snapshot",
               # what used to end in an internal error
               "nul-byte-in-a-plan-file", "plan-file-utf16-without-bom", "content-page-not-utf8",
               "content-symlink-loop", "plan-file-name-too-long",
               # names that would be one on the site, and values YAML converts, which used to publish
               "indicator-codes-one-page", "content-pages-differ-in-capitals", "yes-where-a-number-is-expected",
               "figure-nan", "bidi-override-in-a-title"]


def planportal(root: Path, command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planportal", "--root", str(root), command],
        capture_output=True, text=True, timeout=300, cwd=root,
    )


def copy_case(case: Path, target: Path) -> Path:
    """A private copy of the case's plans/ (and content/, if any), without expected.txt."""
    root = target / case.name
    shutil.copytree(case, root, symlinks=True, ignore=shutil.ignore_patterns("expected.txt"))
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_there_are_enough_cases() -> None:
    assert len(BAD) >= 25
    assert "baseline" in {p.name for p in GOOD}


@pytest.mark.parametrize("case", BAD, ids=[p.name for p in BAD])
def test_bad_input_is_reported(case: Path, tmp_path: Path) -> None:
    expected_file = case / "expected.txt"
    assert expected_file.is_file(), f"{case.name}: add expected.txt with the lines validate should print"
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert expected, f"{case.name}: a bad case must expect at least one problem"

    result = planportal(copy_case(case, tmp_path), "validate")

    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    summary = SUMMARY.match(lines[-1]) if lines else None
    assert summary, f"no summary line in: {result.stderr!r}"
    assert lines[:-1] == expected
    assert int(summary[1]) == len(expected)


@pytest.mark.parametrize("case", GOOD, ids=[p.name for p in GOOD])
def test_good_input_is_accepted(case: Path, tmp_path: Path) -> None:
    result = planportal(copy_case(case, tmp_path), "validate")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "is valid" in result.stdout


@pytest.mark.parametrize("name", BUILD_CASES)
def test_failed_build_leaves_site_untouched(name: str, tmp_path: Path) -> None:
    root = copy_case(HERE / "bad" / name, tmp_path)
    site = root / "site"
    (site / "plans").mkdir(parents=True)
    (site / "index.html").write_bytes(b"<p>the last good site</p>\n")
    (site / "plans" / "marker.txt").write_bytes(b"published 2010-03-31\x00\xff")
    before = snapshot(site)
    names = sorted(p.name for p in root.iterdir())

    result = planportal(root, "build")

    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1
    assert SUMMARY.match(result.stderr.splitlines()[-1])
    assert snapshot(site) == before
    assert sorted(p.name for p in root.iterdir()) == names  # no build/ either
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
