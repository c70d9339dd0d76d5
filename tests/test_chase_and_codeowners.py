"""`planportal chase` and `planportal codeowners` through the command line, on a copy of this
portal: who to send to for a quarter's missing returns, and who owns which update files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_project
from tests.test_updates import RETURN

SF_RETURN = RETURN.split("  - action: herefordshire-jar-2006/1/4", 1)[0]
"""SF's update file with one entry: 1/1 completed on 20 March 2006."""
OPEN_LEADS = ["HL", "ISM", "JR", "LS", "SD", "SF"]
"""The people who lead Herefordshire's actions still open at the end of January to March 2006."""


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planportal", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=300, cwd=root)


@pytest.fixture()
def portal(tmp_path: Path) -> Path:
    """A copy of this portal where Sue Doheny (SD) gives an email address, and Sue Fiennes (SF)
    and Henry Lewis (HL) a git user name."""
    root = copy_project(tmp_path).root
    plan = root / "plans" / "herefordshire-jar-2006.yaml"
    text = plan.read_text(encoding="utf-8")
    for person, extra in (("  - id: SD\n    name: Sue Doheny\n", "    email: sue.doheny@example.nhs.uk\n"),
                          ("  - id: SF\n    name: Sue Fiennes\n", "    git_user: sfiennes\n"),
                          ("  - id: HL\n    name: Henry Lewis\n", "    git_user: hereford/social-care\n")):
        assert person in text, person
        text = text.replace(person, person + extra)
    plan.write_text(text, encoding="utf-8")
    return root


def test_chase_lists_each_lead_of_open_actions_with_no_return_one_a_line(portal: Path) -> None:
    result = run(portal, "chase", "--period", "2005-Q4")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":", 1)[0] for line in lines] == OPEN_LEADS
    assert "SD: Sue Doheny <sue.doheny@example.nhs.uk> (22 open actions; return in updates/2005-q4/sd.yaml)" in lines
    assert "HL: Henry Lewis, no email address given (8 open actions; return in updates/2005-q4/hl.yaml)" in lines
    assert result.stderr == ("6 leads of open actions with no return for 2005-Q4, January to March 2006 "
                             "(quarter 4 of 2005 to 2006); 0 leads returned.\n")


def test_a_lead_who_returned_is_not_chased(portal: Path) -> None:
    folder = portal / "updates" / "2005-q4"
    folder.mkdir(parents=True)
    (folder / "sf.yaml").write_text(SF_RETURN, encoding="utf-8")
    result = run(portal, "chase", "--period", "2005-06 Q4")
    assert result.returncode == 0, result.stderr
    assert [line.split(":", 1)[0] for line in result.stdout.splitlines()] == [p for p in OPEN_LEADS if p != "SF"]
    assert "; 1 lead returned." in result.stderr


def test_chase_leaves_out_plans_that_do_not_run_in_the_quarter(portal: Path) -> None:
    early = run(portal, "chase", "--period", "2004-Q1")
    assert (early.returncode, early.stdout) == (0, "")
    assert early.stderr.startswith("0 leads of open actions with no return for 2004-Q1")
    later = run(portal, "chase", "--period", "2009-Q4").stdout.splitlines()  # Leeds' plan, no longer Herefordshire's
    assert any(line.startswith("assistant-chief-executive: ") for line in later)
    assert not any(line.startswith(f"{lead}: ") for lead in OPEN_LEADS for line in later)


def test_chase_refuses_a_period_that_is_not_a_quarter(portal: Path) -> None:
    result = run(portal, "chase", "--period", "2005-Q5")
    assert result.returncode == 2
    assert result.stderr.startswith("planportal chase: '2005-Q5' is not a quarter")


def test_codeowners_gives_each_lead_their_own_update_files(portal: Path) -> None:
    result = run(portal, "codeowners")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    owned = [line for line in lines if not line.startswith("#")]
    assert owned == ["/updates/*/hl.yaml @hereford/social-care", "/updates/*/sf.yaml @sfiennes"]
    assert "# /updates/*/sd.yaml: SD has no git_user in people:" in lines
    assert result.stdout.startswith("# Written by `planportal codeowners`")

    target = portal / "CODEOWNERS"
    written = run(portal, "codeowners", "--output", str(target))
    assert written.returncode == 0, written.stderr
    assert target.read_text(encoding="utf-8") == result.stdout
    assert written.stdout == "" and "2 of " in written.stderr


def test_a_git_user_with_an_at_sign_is_refused_at_its_line(portal: Path) -> None:
    plan = portal / "plans" / "herefordshire-jar-2006.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("git_user: sfiennes", "git_user: '@sfiennes'"),
                    encoding="utf-8")
    result = run(portal, "codeowners")
    assert result.returncode == 1 and result.stdout == ""
    assert "'@sfiennes' is not a valid git_user: use a GitHub or GitLab user name without @" in result.stderr


def test_an_email_address_is_never_published(portal: Path) -> None:
    """The address is for chasing returns: the pages, the open data and every other file of the
    built site (Herefordshire's plan included, as a staff preview) leave it out."""
    result = run(portal, "build", "--include-drafts")
    assert result.returncode == 0, result.stderr
    published = [path for path in (portal / "site").rglob("*") if path.is_file()
                 and b"sue.doheny@example.nhs.uk" in path.read_bytes()]
    assert published == []
    data = (portal / "site" / "data" / "plan-portal.json").read_text(encoding="utf-8")
    assert '"id": "SD"' in data and '"name": "Sue Doheny"' in data  # the rest of the entry is there
