"""Named points in a build, where tests break it on purpose to show that site/ survives.

A build passes each point in turn: "validated" (plans/ read and checked), "writing" (build/ half
written), "rendering" (the renderer running for the default language), "rendering-cy" (and so on, for
each other language: all at once, when there are the cores), "swap" (the new site ready, just before
it replaces site/) and "swapped" (just after, before the old site is removed); "between" only where
the system cannot exchange (output/publish.py). Set the environment variable PLANPORTAL_FAULT to
POINT:WHAT and the build, at that point, is killed (WHAT `kill`: SIGKILL, as `kill -9` or the system
running out of memory) or stops itself (`stop`: SIGSTOP, so that a test can start a second build while
the first holds the lock, then continue or kill it). Without the variable, a checkpoint does nothing.
(A full disk is tested with a real one: a small tmpfs.)
"""

from __future__ import annotations

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
    os.kill(os.getpid(), signal.SIGSTOP if what == "stop" else signal.SIGKILL)
