"""planportal installed from its wheel, not run from this checkout: `planportal new` makes a portal
outside the repository with the theme/ and mkdocs.yml the wheel carries (the repository's own, copied
in by setup.py), and that installed planportal validates and builds it.

Marked `installed` (pytest -m installed runs just this). It is never skipped: it needs only what
`make` installs. The source distribution is made first and the wheel from it, as `python -m build`
does, both offline with the test environment's setuptools. The wheel is installed on its own into a
fresh virtual environment, whose Python finds the dependencies (MkDocs, pydantic ...) in this test
environment's site-packages through a .pth file rather than downloading them again; that folder's
own .pth files (this checkout's editable install among them) are not read, so `planportal` there
is the wheel's.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import tarfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.installed

SDIST_FROM = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "generator", "theme", "mkdocs.yml")
BUILD_SDIST = "import sys; from setuptools import build_meta; build_meta.build_sdist(sys.argv[1])"


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def same_tree(a: Path, b: Path) -> bool:
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    if files != sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file()):
        return False
    return all(filecmp.cmp(a / rel, b / rel, shallow=False) for rel in files)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment with planportal installed from a wheel built from its sdist; its bin/."""
    work = tmp_path_factory.mktemp("package")
    source = work / "source"  # a copy, so that the build writes nothing (build/, *.egg-info) into the checkout
    source.mkdir()
    for name in SDIST_FROM:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, source / name)
    for junk in [*source.rglob("__pycache__"), *source.rglob("*.egg-info")]:
        shutil.rmtree(junk)

    dist = work / "dist"
    run(sys.executable, "-c", BUILD_SDIST, dist, cwd=source)
    (sdist,) = dist.glob("planportal-*.tar.gz")
    with tarfile.open(sdist) as tar:
        tar.extractall(work / "unpacked", filter="data")
    unpacked = work / "unpacked" / sdist.name.removesuffix(".tar.gz")
    assert (unpacked / "theme" / "main.html").is_file() and (unpacked / "mkdocs.yml").is_file()
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
        "-w", dist, unpacked, cwd=work)
    (wheel,) = dist.glob("planportal-*.whl")

    venv = work / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=work)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel,
        cwd=work)
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work).strip())
    ours = dict.fromkeys([*site.getsitepackages(), sysconfig.get_paths()["purelib"]])
    (purelib / "test-dependencies.pth").write_text("".join(f"{p}\n" for p in ours), encoding="utf-8")
    return venv / "bin"


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}


def test_the_installed_planportal_is_the_wheels(installed: Path, tmp_path: Path) -> None:
    where = run(installed / "python", "-c", "import planportal.commands.new as s; print(s.__file__)",
                cwd=tmp_path, env=clean_env()).strip()
    assert Path(where).is_relative_to(installed.parent), where
    assert not Path(where).is_relative_to(ROOT)


def test_new_makes_a_portal_from_the_installed_package(installed: Path, tmp_path: Path) -> None:
    env = clean_env()
    said = run(installed / "planportal", "new", "newtown", "--title", "Newtown's plans",
               "--authority", "Newtown Council", cwd=tmp_path, env=env)
    assert "Made a portal in newtown" in said
    portal = tmp_path / "newtown"
    for path in ("plans/portal.yaml", "plans/example-plan.yaml", "content/about.md", "mkdocs.yml", "Makefile",
                 "theme/main.html", "schema/plan-portal.schema.json", ".github/workflows/portal.yml",
                 ".gitlab-ci.yml", ".gitignore", "README.md"):
        assert (portal / path).is_file(), path
    # the repository's theme/ and mkdocs.yml, exactly: they are the only ones to edit
    assert same_tree(portal / "theme", ROOT / "theme")
    assert filecmp.cmp(portal / "mkdocs.yml", ROOT / "mkdocs.yml", shallow=False)

    assert "is valid: 1 plan(s)" in run(installed / "planportal", "validate", cwd=portal, env=env)
    run(installed / "planportal", "build", cwd=portal, env=env)
    assert (portal / "site/index.html").is_file() and (portal / "site/plans/example-plan/index.html").is_file()
