"""Putting a newly rendered site in the place of site/, so that at every instant site/ is either the
last good site or the new one, and nothing else.

How: MkDocs renders into a fresh folder `.site-XXXXXXXX/site` beside the folder site/ is (on the
same file system, so that it can be moved without copying), and that folder is then *exchanged*
with site/ in one step (Linux's renameat2 with RENAME_EXCHANGE): a web server reading site/ sees
the whole old site or the whole new one. The old site, now in the `.site-*` folder, is removed
after. A `.site-*` folder left by a build that was killed is removed by the next build (each holds
a marker file, so that nothing else is ever removed).

- site/ a symbolic link (to a web root, say): the folder it points to is exchanged, and the link is
  kept, so the web root is the one updated; the fresh folder is made beside that folder.
- site/ a mount point (a container volume): a mount point cannot be moved, so the new site is
  rendered into a `.site-*` folder inside it and each entry at the top of site/ (index.html,
  assets/, plans/ …) is exchanged in turn, in a few milliseconds. For one single switch, mount the
  volume a folder higher and point site/ into it.
- Where the system cannot exchange (not Linux, or a file system without RENAME_EXCHANGE), site/ is
  moved aside and the new one moved in: two renames, microseconds apart. A build killed between the
  two leaves the old site in `.site-*`, and the next build puts it back before anything else.
- A read-only site/, or one on a read-only file system, is refused before anything is rendered, and
  left as it is.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planportal.output.checkpoints import checkpoint
from planportal.output.faults import WriteError, advice
from planportal.source.problems import PlanPortalError

PREFIX = ".site-"
MARKER = ".planportal-staging"
"""In each folder a build renders into, so that a leftover is known as one (and nothing else removed)."""
ASIDE = ".site-previous"
"""Where the fallback's two renames keep the old site for an instant (inside a `.site-*` folder)."""

RENAME_EXCHANGE = 2
AT_FDCWD = -100


class Unpublishable(PlanPortalError):
    """site/ cannot be replaced (read-only, …): said before anything is rendered."""


def target(site: Path) -> Path:
    """The folder published into: site/ itself, or the folder it links to.

    >>> target(Path("/nowhere/site"))
    PosixPath('/nowhere/site')
    """
    return Path(os.path.realpath(site)) if site.is_symlink() else site


def is_mount(folder: Path) -> bool:
    """Whether `folder` is a mount point (a container volume …), which cannot be moved."""
    return folder.is_dir() and os.path.ismount(folder)


def staging_parent(site: Path) -> Path:
    """Where the new site is rendered: beside the folder published into, or inside it if it is a mount point."""
    folder = target(site)
    return folder if is_mount(folder) else folder.parent


def refusal(site: Path) -> str | None:
    """Why site/ cannot be published into, before anything is rendered; None if it can.

    >>> refusal(Path(tempfile.gettempdir()) / "a-site-not-yet-made") is None
    True
    """
    folder, parent = target(site), staging_parent(site)
    if not parent.is_dir():
        return f"{parent} (where site/ is published) does not exist: make the folder, or fix the link site/ is"
    if os.statvfs(parent).f_flag & os.ST_RDONLY:
        return (f"{site} is on a read-only file system: mount it read-write (or make site/ a link to a folder "
                "that can be written), and build again; site/ was left as it is")
    if folder.exists() and (not os.access(folder, os.W_OK) or not folder.stat().st_mode & stat.S_IWUSR):
        return (f"{site} is read-only, and planportal does not replace a site that was made read-only: "
                f"make it writable (chmod -R u+w {site}) and build again; site/ was left as it is")
    if not os.access(parent, os.W_OK):
        return (f"{parent} cannot be written (permission denied), and the new site is rendered there before it "
                "replaces site/: make it writable for the user who builds, and build again")
    return None


def _remove(folder: Path) -> str | None:
    """Remove a folder the build made (making read-only parts writable first); why not, if it cannot be."""
    def writable_then_retry(function: object, path: str, _: object) -> None:
        os.chmod(os.path.dirname(path), stat.S_IRWXU)
        if os.path.isdir(path) and not os.path.islink(path):
            os.chmod(path, stat.S_IRWXU)
            shutil.rmtree(path)
        else:
            os.unlink(path)
    try:
        shutil.rmtree(folder, onerror=writable_then_retry)
    except OSError as err:
        return advice(err)
    return None


def leftovers(site: Path) -> list[Path]:
    """The folders earlier builds rendered into and left (killed, or their old site not removable)."""
    parent = staging_parent(site)
    return sorted(p for p in parent.glob(PREFIX + "*") if p.is_dir() and not p.is_symlink()
                  and (p / MARKER).is_file()) if parent.is_dir() else []


def recover(site: Path) -> None:
    """Put back an old site the fallback moved aside, if a build was killed between its two renames;
    then remove what earlier builds left. Run under the portal's lock, before rendering."""
    folder = target(site)
    for left in leftovers(site):
        aside = left / ASIDE
        if not folder.exists() and not folder.is_symlink() and aside.is_dir():
            os.rename(aside, folder)
        why = _remove(left)
        if why:
            print(f"planportal: {left} (left by an earlier build) could not be removed ({why})", file=sys.stderr)


@contextmanager
def staging(site: Path) -> Iterator[Path]:
    """A fresh folder to render the new site into (the `site` inside it), removed afterwards with the
    old site that ends up in it."""
    try:
        made = Path(tempfile.mkdtemp(prefix=PREFIX, dir=staging_parent(site)))
        (made / MARKER).write_bytes(b"")
    except OSError as err:
        raise WriteError(f"a folder beside {site}", err) from None
    try:
        yield made / "site"
    finally:
        why = _remove(made)
        if why:
            print(f"planportal: the previous site, in {made}, could not be removed ({why}); "
                  "the next build tries again", file=sys.stderr)


def exchange(a: Path, b: Path) -> bool:
    """Swap the two paths in one step; False where the system cannot (then nothing was done)."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _replace(new: Path, old: Path, aside: Path) -> None:
    """`new` where `old` is, and `old` (if any) at `new`'s place (or at `aside`, by the fallback)."""
    if not old.exists() and not old.is_symlink():
        os.rename(new, old)
    elif not exchange(new, old):
        os.rename(old, aside)
        checkpoint("between")
        os.rename(new, old)


def publish(new: Path, site: Path) -> None:
    """Put the rendered folder `new` (made by `staging`) in the place of site/, atomically (see above)."""
    folder = target(site)
    try:
        if is_mount(folder):
            _publish_entries(new, folder)
        else:
            _replace(new, folder, new.parent / ASIDE)
    except OSError as err:
        raise WriteError(str(site), err, "site/ is the last good site or the new one, whole") from None


def _publish_entries(new: Path, mount: Path) -> None:
    """Each entry at the top of `new` exchanged with the one of the mount point `mount`; entries the new
    site no longer has moved out into the staging folder, to be removed with it."""
    gone = new.parent / "gone"
    gone.mkdir()
    names = {entry.name for entry in new.iterdir()}
    for name in sorted(names):
        _replace(new / name, mount / name, gone / name)
    for entry in sorted(mount.iterdir()):
        if entry.name not in names and not (entry.name.startswith(PREFIX) and entry.is_dir()):
            os.rename(entry, gone / entry.name)
