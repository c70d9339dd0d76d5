"""The processes a build starts (MkDocs), which end with it: on Linux each is told to die with its
parent (PR_SET_PDEATHSIG), so that even a build ended by kill -9 leaves no MkDocs running; and a
build interrupted (Ctrl-C, SIGTERM) ends its child before it goes."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
from collections.abc import Callable, Sequence

PR_SET_PDEATHSIG = 1


def _dies_with(parent: int) -> Callable[[], None] | None:
    """What the child runs before MkDocs starts: ask to be killed when `parent` ends (None where the
    system has no such request)."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None

    def ask() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent ended before the request was made
            os._exit(1)
    return ask


def start(command: Sequence[str], env: dict[str, str], capture: bool = False, merge: bool = False
          ) -> subprocess.Popen[str]:
    """Start `command`, to end when this process ends; its output captured if `capture` (standard error
    into standard output if `merge`)."""
    pipe = subprocess.PIPE if capture else None
    return subprocess.Popen(list(command), stdout=pipe, stderr=subprocess.STDOUT if merge else pipe, text=True,
                            env=env, preexec_fn=_dies_with(os.getpid()))


def stop(process: subprocess.Popen[str]) -> None:
    """End `process` (SIGTERM, then SIGKILL if it does not go) and wait for it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run(command: Sequence[str], env: dict[str, str], started: Callable[[], None] = lambda: None
        ) -> tuple[int, str]:
    """Run `command` to its end, output captured; its exit status and everything it said (standard
    error, then standard output). `started` runs while it runs (a checkpoint). If this process is
    interrupted meanwhile, the command is ended first."""
    process = start(command, env, capture=True)
    try:
        started()
        out, err = process.communicate()
    except BaseException:
        stop(process)
        raise
    return process.returncode, err + out
