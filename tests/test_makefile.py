"""`make test` sets up what the browser tests need by itself: Debian's chromium, with apt-get when
run as root, or else one line saying what to run. The Makefile's `chromium` target is run here
with CHROMIUM pointing at a file that does not exist yet, a stand-in apt-get, and USER_ID set to
root's or another user's, so nothing is installed on this machine."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT

# A stand-in apt-get: records how it was called (and DEBIAN_FRONTEND), and `install` makes $CHROMIUM.
FAKE_APT_GET = """#!/bin/sh
echo "$DEBIAN_FRONTEND $*" >> "$(dirname "$0")/calls"
if [ "$1" = install ]; then printf '#!/bin/sh\\n' > "$CHROMIUM" && chmod +x "$CHROMIUM"; fi
"""


def make_chromium(tmp_path: Path, chromium: Path, user_id: int) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    make = shutil.which("make")
    assert make, "make is needed to run the tests (`make test`)"
    apt_get = tmp_path / "apt-get"
    apt_get.write_text(FAKE_APT_GET, encoding="utf-8")
    apt_get.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS", "DEBIAN_FRONTEND"))}
    result = subprocess.run([make, "--no-print-directory", "chromium", f"CHROMIUM={chromium}",
                             f"USER_ID={user_id}", f"APT_GET={apt_get}"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    calls = tmp_path / "calls"
    return result, calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []


def test_as_root_a_missing_chromium_is_installed_with_apt_get(tmp_path: Path) -> None:
    chromium = tmp_path / "chromium"
    result, calls = make_chromium(tmp_path, chromium, user_id=0)
    assert result.returncode == 0, result.stdout + result.stderr
    assert calls == ["noninteractive update -qq", "noninteractive install -y -qq chromium"]
    assert chromium.is_file()


def test_as_another_user_it_says_what_to_run_and_fails(tmp_path: Path) -> None:
    result, calls = make_chromium(tmp_path, tmp_path / "chromium", user_id=1000)
    assert result.returncode != 0 and calls == []
    said = [line for line in result.stderr.splitlines() if not line.startswith("make: ***")]
    assert len(said) == 1 and "apt-get install -y chromium" in said[0], result.stderr
    assert result.stdout == ""


def test_a_chromium_in_place_is_left_alone(tmp_path: Path) -> None:
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n", encoding="utf-8")
    chromium.chmod(0o755)
    for user_id in (0, 1000):
        result, calls = make_chromium(tmp_path, chromium, user_id)
        assert result.returncode == 0 and calls == [] and result.stdout + result.stderr == ""


def test_ci_relies_on_make_test() -> None:
    run = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "make test" in run and "apt-get" not in run


def make_pdf(tmp_path: Path, user_id: int) -> tuple[subprocess.CompletedProcess[str], list[str], Path]:
    """`make pdf` with WeasyPrint's check standing in as "is there a file $CHROMIUM" (the stand-in
    apt-get's install makes it), so that nothing is installed here."""
    make = shutil.which("make")
    assert make
    apt_get, marker = tmp_path / "apt-get", tmp_path / "pango"
    apt_get.write_text(FAKE_APT_GET, encoding="utf-8")
    apt_get.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS", "DEBIAN_FRONTEND"))}
    result = subprocess.run([make, "--no-print-directory", "pdf", f"PDF_CHECK=test -f {marker}", f"CHROMIUM={marker}",
                             f"USER_ID={user_id}", f"APT_GET={apt_get}"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    calls = tmp_path / "calls"
    return result, calls.read_text(encoding="utf-8").splitlines() if calls.exists() else [], marker


def test_as_root_make_pdf_installs_pango_with_apt_get(tmp_path: Path) -> None:
    result, calls, marker = make_pdf(tmp_path, user_id=0)
    assert result.returncode == 0, result.stdout + result.stderr
    assert calls == ["noninteractive update -qq", "noninteractive install -y -qq libpango-1.0-0 libpangoft2-1.0-0"]
    assert marker.is_file()


def test_as_another_user_make_pdf_says_what_to_run_and_fails(tmp_path: Path) -> None:
    result, calls, _ = make_pdf(tmp_path, user_id=1000)
    assert result.returncode != 0 and calls == []
    said = [line for line in result.stderr.splitlines() if not line.startswith("make: ***")]
    assert len(said) == 1 and "apt-get install -y libpango-1.0-0 libpangoft2-1.0-0" in said[0], result.stderr
