"""One build at a time in a portal: a build (and each of serve's rebuilds) holds a lock on the portal's
folder while it writes build/ and site/, and a second build says that one is running.

The lock is the system's own (flock on the folder itself): it leaves no file behind, and it is let go
when the build ends in any way, kill -9 included, so a killed build never leaves a portal locked.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planportal.source.problems import PlanPortalError


class Busy(PlanPortalError):
    """Another build holds the portal's lock."""

    def __init__(self, root: Path) -> None:
        super().__init__(f"another planportal build (or serve's rebuild) is running in {root}: wait for it to "
                         "finish, then build again; site/ was left as it is.")


@contextmanager
def portal_lock(root: Path, wait: bool = False) -> Iterator[None]:
    """Hold the portal's lock while the block runs; raise Busy if another build holds it, unless `wait`."""
    try:
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:  # no such folder: nothing to write into, and reading plans/ says what is missing
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise Busy(root) from None
        yield
    finally:
        os.close(fd)  # closing lets the lock go
