"""`planportal new`: a portal for another council that validates and builds out of the box,
with CI for GitHub Actions and GitLab CI; and the pre-commit hook definition."""

from __future__ import annotations

from pathlib import Path

import yaml

from planportal.commands.build import Project, build_site
from planportal.commands.cli import main
from tests.conftest import ROOT


def test_a_new_portal_builds_out_of_the_box(tmp_path: Path) -> None:
    target = tmp_path / "newtown"
    assert main(["new", str(target), "--title", "Newtown's plans", "--authority", "Newtown Council"]) == 0
    for path in ("plans/portal.yaml", "plans/example-plan.yaml", "content/about.md", "mkdocs.yml", "Makefile",
                 "theme/main.html", "schema/plan-portal.schema.json", ".github/workflows/portal.yml",
                 ".gitlab-ci.yml", ".gitignore", "README.md"):
        assert (target / path).is_file(), path
    example = (target / "plans/example-plan.yaml").read_text(encoding="utf-8")
    assert example.startswith("# yaml-language-server: $schema=../schema/plan-portal.schema.json")
    assert example.count("\n#") > 3  # commented for the staff who will edit it
    assert "site: $(STAMP)\n\t$(BIN)/planportal build\n" in (target / "Makefile").read_text(encoding="utf-8")
    github = yaml.safe_load((target / ".github/workflows/portal.yml").read_text(encoding="utf-8"))
    assert github[True] == {"push": None, "pull_request": None}  # `on:` reads as True in YAML 1.1
    assert "make validate" in str(github["jobs"]["validate"]) and "refs/heads/main" in github["jobs"]["publish"]["if"]
    gitlab = yaml.safe_load((target / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["validate"]["script"] == ["make validate"] and "main" in str(gitlab["pages"]["rules"])

    portal, _ = build_site(Project(target), include_drafts=False)  # what `make site` runs, without installing
    assert portal.settings.title == "Newtown's plans"
    assert (target / "site/index.html").is_file() and (target / "site/plans/example-plan/index.html").is_file()
    assert main(["--root", str(target), "validate"]) == 0


def test_new_refuses_a_folder_in_use(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == 2


def test_the_pre_commit_hook_runs_validate() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "planportal-validate" and hooks[0]["entry"] == "planportal validate"
    assert hooks[0]["pass_filenames"] is False
