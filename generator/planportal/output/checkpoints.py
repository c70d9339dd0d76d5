"""Named points in a build, where tests break it on purpose to show that site/ survives.

A build passes each point in turn: "validated" (plans/ read and checked), "writing" (build/ half
written), "rendering" (MkDocs running, once for each language), "swap" (the new site ready, just before
it replaces site/) and "swapped" (just after, before the old site is removed). Set the environment
variable PLANPORTAL_FAULT to POINT:WHAT and the build, at that point, is killed (WHAT `kill`: SIGKILL,
as `kill -9` or the system running out of memory), stops itself (`stop`: SIGSTOP, so that a test can
start a second build while the first holds the lock, then continue or kill it), or meets a full disk
(`nospace`). Without the variable, a checkpoint does nothing.
"""

from __future__ import annotations

import errno
import os
import signal

FAULT = "PLANPORTAL_FAULT"


def checkpoint(name: str) -> None:
    """Pass the point `name`: do what PLANPORTAL_FAULT says, if it names this point.

    >>> checkpoint("swap")  # no PLANPORTAL_FAULT: nothing happens
    """
    point, _, what = os.environ.get(FAULT, "").partition(":")
    if point != name:
        return
    if what == "stop":
        os.kill(os.getpid(), signal.SIGSTOP)
    elif what == "nospace":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    else:
        os.kill(os.getpid(), signal.SIGKILL)
