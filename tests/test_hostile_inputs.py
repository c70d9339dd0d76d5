"""Hostile plan folders that are too big, too deep or too strange to commit as tests/bad/ cases:
made at run time in a temporary folder, each refused quickly with `file:line:column: message`,
exit status 1, no traceback, nothing written anywhere and the last good site/ left as it was."""

from __future__ import annotations

import os
import shutil
import stat
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from planportal.source.yamlfile import MAX_BYTES, MAX_DEPTH, YamlError, parse_yaml
from tests.test_bad_inputs import HERE, SUMMARY, planportal

BASELINE = HERE / "good" / "baseline"
OUTSIDE = "the secret outside the portal folder\n"


def tree(folder: Path) -> dict[str, object]:
    """Everything under `folder` without following links: file bytes, link targets, folders."""
    found: dict[str, object] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = path.relative_to(folder).as_posix()
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                found[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(mode):
                found[rel] = path.read_bytes()
            else:
                found[rel] = stat.S_IFMT(mode)
    return found


def portal(tmp_path: Path) -> Path:
    """A copy of the baseline portal, with a secret file beside it and a previous site/."""
    (tmp_path / "secret.txt").write_text(OUTSIDE, encoding="utf-8")
    root = tmp_path / "portal"
    shutil.copytree(BASELINE, root)
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("<p>the last good site</p>\n", encoding="utf-8")
    return root


def big_string(root: Path) -> None:
    with (root / "plans" / "big.yaml").open("w", encoding="utf-8") as file:
        file.write('plan:\n  title: "')
        chunk = "x" * (1024 * 1024)
        for _ in range(50):
            file.write(chunk)
        file.write('"\n')


def just_over_the_limit(root: Path) -> None:
    text = "plan:\n  title: Big\n  introduction: |\n"
    line = "    " + "words " * 15 + "\n"
    (root / "plans" / "big.yaml").write_text(text + line * (MAX_BYTES // len(line) + 1), encoding="utf-8")


def deep_flow_lists(root: Path) -> None:
    (root / "plans" / "deep.yaml").write_text("plan:\n  title: " + "[" * 10_000 + "]" * 10_000 + "\n")


def deep_flow_mappings(root: Path) -> None:
    (root / "plans" / "deep.yaml").write_text("plan:\n  title: " + "{a: " * 10_000 + "}" * 10_000 + "\n")


def deep_block_lists(root: Path) -> None:
    (root / "plans" / "deep.yaml").write_text("plan:\n  title:\n    " + "- " * 10_000 + "x\n")


def deep_block_mappings(root: Path) -> None:
    lines = [" " * i + "a:" for i in range(10_000)]  # 50 MB of indentation would be refused for its size first
    (root / "plans" / "deep.yaml").write_text("\n".join(lines[:2_000]) + " x\n")


def reserved_file_name(name: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / "plans" / "plan.yaml").rename(root / "plans" / f"{name}.yaml")
    return make


def names_differing_in_case(root: Path) -> None:
    """Plan.yaml and plan.yaml: two files on Linux, one on Windows, macOS, a CD or a zip opened there."""
    text = (root / "plans" / "plan.yaml").read_text(encoding="utf-8")
    (root / "plans" / "Plan.yaml").write_text(text, encoding="utf-8")


def link_to_outside_plan(root: Path) -> None:
    (root / "plans" / "outside.yaml").symlink_to(root.parent / "secret.txt")


def broken_link(root: Path) -> None:
    (root / "plans" / "gone.yaml").symlink_to(root.parent / "does-not-exist.yaml")


def link_to_device(root: Path) -> None:
    (root / "plans" / "zero.yaml").symlink_to("/dev/zero")


def named_pipe(root: Path) -> None:
    os.mkfifo(root / "plans" / "pipe.yaml")


def document_linked_outside(root: Path) -> None:
    (root / "content" / "documents").mkdir(parents=True)
    (root / "content" / "documents" / "cypp.pdf").symlink_to(root.parent / "secret.txt")
    portal_yaml = root / "plans" / "portal.yaml"
    text = portal_yaml.read_text(encoding="utf-8")
    portal_yaml.write_text(text.replace("url: https://www.example.gov.uk/cypp.pdf", "file: documents/cypp.pdf"))


def document_in_a_linked_folder(root: Path) -> None:
    (root.parent / "elsewhere").mkdir()
    (root.parent / "elsewhere" / "cypp.pdf").write_text(OUTSIDE, encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / "documents").symlink_to(root.parent / "elsewhere")
    portal_yaml = root / "plans" / "portal.yaml"
    text = portal_yaml.read_text(encoding="utf-8")
    portal_yaml.write_text(text.replace("url: https://www.example.gov.uk/cypp.pdf", "file: documents/cypp.pdf"))


def content_page_linked_outside(root: Path) -> None:
    (root / "content").mkdir()
    (root / "content" / "about.md").symlink_to(root.parent / "secret.txt")


RESERVED = "cannot be a plan id: plan ids name the site's folders, and Windows does not allow a folder called"
DEPTH = (f"lists and mappings are nested more than {MAX_DEPTH} deep here: plan files need far fewer levels; "
         "check the brackets and indentation")
DOCUMENT_OUTSIDE = ("plans/portal.yaml:23:11: file 'documents/cypp.pdf' is a link to a file outside content/, "
                    "which is not published: copy the file itself into content/")


def content_link(path: str) -> str:
    return (f"content/{path}:1:1: is a link to something outside content/, which would be published too: "
            "copy the file itself into content/")


CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "50-mb-string": (big_string, [
        "plans/big.yaml:1:1: the file is too large (50.0 MB; plan files may be at most 10 MB): split it into "
        "several plan files, or move long documents into content/ and link to them"]),
    "just-over-10-mb": (just_over_the_limit, [
        "plans/big.yaml:1:1: the file is too large (10.0 MB; plan files may be at most 10 MB): split it into "
        "several plan files, or move long documents into content/ and link to them"]),
    "nested-10000-flow-lists": (deep_flow_lists, [f"plans/deep.yaml:2:108: {DEPTH}"]),
    "nested-10000-flow-mappings": (deep_flow_mappings, [f"plans/deep.yaml:2:399: {DEPTH}"]),
    "nested-10000-block-lists": (deep_block_lists, [f"plans/deep.yaml:3:201: {DEPTH}"]),
    "nested-2000-block-mappings": (deep_block_mappings, [f"plans/deep.yaml:100:100: {DEPTH}"]),
    "plan-file-con": (reserved_file_name("con"),
                      [f"plans/con.yaml:1:1: file name 'con' {RESERVED} CON: rename the file"]),
    "plan-file-NUL": (reserved_file_name("NUL"),
                      [f"plans/NUL.yaml:1:1: file name 'NUL' {RESERVED} NUL: rename the file"]),
    "plan-file-Com1": (reserved_file_name("Com1"),
                       [f"plans/Com1.yaml:1:1: file name 'Com1' {RESERVED} COM1: rename the file"]),
    "plan-file-lpt9": (reserved_file_name("lpt9"),
                       [f"plans/lpt9.yaml:1:1: file name 'lpt9' {RESERVED} LPT9: rename the file"]),
    "plan-files-differing-in-case": (names_differing_in_case, [
        "plans/plan.yaml:1:1: file name 'plan' gives the same plan id as plans/Plan.yaml (plan ids name the site's "
        "folders, whatever the capitals or extension): rename one of them"]),
    "plan-file-linked-outside": (link_to_outside_plan, [
        "plans/outside.yaml:1:1: this is a link to a file outside plans/, which is not allowed: "
        "copy the file itself into plans/"]),
    "plan-file-broken-link": (broken_link, [
        "plans/gone.yaml:1:1: the file cannot be read (No such file or directory): check that it exists, "
        "and that it is a file, not a broken link"]),
    "plan-file-linked-to-a-device": (link_to_device, [
        "plans/zero.yaml:1:1: this is a link to a file outside plans/, which is not allowed: "
        "copy the file itself into plans/"]),
    "plan-file-is-a-pipe": (named_pipe, [
        "plans/pipe.yaml:1:1: this is not an ordinary file (a pipe or device): plan files are text files"]),
    "document-linked-outside": (document_linked_outside, [content_link("documents/cypp.pdf"), DOCUMENT_OUTSIDE]),
    "document-in-a-linked-folder": (document_in_a_linked_folder, [content_link("documents"), DOCUMENT_OUTSIDE]),
    "content-page-linked-outside": (content_page_linked_outside, [content_link("about.md")]),
}


@pytest.mark.parametrize("name", CASES)
def test_hostile_input_is_refused_quickly_and_changes_nothing(name: str, tmp_path: Path) -> None:
    make, expected = CASES[name]
    root = portal(tmp_path)
    make(root)
    before = tree(tmp_path)

    for command in ("validate", "build"):
        started = time.monotonic()
        result = planportal(root, command)
        took = time.monotonic() - started

        assert "Traceback" not in result.stdout + result.stderr
        assert "internal error" not in result.stderr
        assert result.returncode == 1, result.stderr
        lines = result.stderr.splitlines()
        assert lines[:-1] == expected
        assert SUMMARY.match(lines[-1])
        assert took < 20, f"{command} took {took:.1f} s"
        assert tree(tmp_path) == before, f"{command} wrote or changed files"


def test_a_failed_render_leaves_no_trace(tmp_path: Path) -> None:
    """MkDocs fails (a broken link in content/): the last site stays, and no half-built folder is left."""
    root = portal(tmp_path)
    (root / "content").mkdir()
    (root / "content" / "about.md").write_text("# About\n\n[Nowhere](missing.md)\n", encoding="utf-8")
    for name in ("mkdocs.yml", "theme"):
        source = HERE.parent / name
        shutil.copytree(source, root / name) if source.is_dir() else shutil.copy(source, root / name)
    site_before = tree(root / "site")
    result = planportal(root, "build")
    assert result.returncode == 1 and "missing.md" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(root / "site") == site_before
    assert sorted(p.name for p in root.iterdir()) == ["build", "content", "mkdocs.yml", "plans", "site", "theme"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["portal", "secret.txt"]


def test_the_alias_bomb_is_refused_before_anything_is_expanded() -> None:
    lines = ['a: ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{c}: [{','.join([f'*{p}'] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
    anchored = "\n".join(line.replace(": [", f": &{line[0]} [", 1) for line in lines) + "\n"
    started = time.monotonic()
    with pytest.raises(YamlError) as err:
        parse_yaml(anchored, "lol.yaml")
    assert (err.value.line, err.value.column) == (1, 4)
    assert err.value.message.startswith("anchors (&a) are not allowed")
    with pytest.raises(YamlError) as err:
        parse_yaml("\n".join(lines[1:]) + "\n", "lol.yaml")
    assert err.value.message.startswith("aliases (*a) are not allowed")
    assert time.monotonic() - started < 0.5


def test_nesting_up_to_the_limit_is_read() -> None:
    depth = MAX_DEPTH - 1  # the document's mapping is the first level
    assert parse_yaml("a: " + "[" * depth + "]" * depth + "\n", "ok.yaml").data is not None
    with pytest.raises(YamlError):
        parse_yaml("a: " + "[" * (depth + 1) + "]" * (depth + 1) + "\n", "deep.yaml")
