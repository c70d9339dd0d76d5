"""Tests of the pure modules need no Playwright: tests/test_when.py runs in a Python that refuses
every `playwright` import, as where Playwright is not installed."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

# Run in a fresh Python: refuse playwright (and the axe package built on it) before anything is
# imported, show that the refusal works, then run the pure tests and show playwright stayed out.
WITHOUT_PLAYWRIGHT = """
import sys
from importlib.abc import MetaPathFinder

class NoPlaywright(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("playwright", "axe_playwright_python"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, NoPlaywright())
try:
    import playwright.sync_api
except ModuleNotFoundError:
    print("playwright refused")
else:
    sys.exit("playwright was imported after all")

import pytest

status = pytest.main(["-q", "-p", "no:cacheprovider", *sys.argv[1:]])
print("playwright imported:", any(name.split(".")[0] == "playwright" for name in sys.modules))
sys.exit(status)
"""


def run_without_playwright(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    return subprocess.run([sys.executable, "-c", WITHOUT_PLAYWRIGHT, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_pure_module_is_tested_without_playwright() -> None:
    result = run_without_playwright("tests/test_when.py")
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert said.startswith("playwright refused\n"), said
    assert " passed" in said and "failed" not in said and "error" not in said, said
    assert said.rstrip().endswith("playwright imported: False"), said


def test_the_refusal_is_real() -> None:
    """The same Python cannot collect a browser test: so the pure tests above really ran without it."""
    result = run_without_playwright("tests/test_browser.py")
    said = result.stdout + result.stderr
    assert result.returncode != 0 and "No module named 'playwright" in said, said
