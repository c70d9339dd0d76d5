"""The processes a build starts (MkDocs), which end with it: on Linux each is told to die with its
parent (PR_SET_PDEATHSIG), so that even a build ended by kill -9 leaves no MkDocs running; and a
build interrupted (Ctrl-C, SIGTERM) ends its child before it goes."""

from __future__ import annotations

import ctypes
import os
import queue
import signal
import subprocess
import threading
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
            os.kill(process.pid, signal.SIGCONT)  # a stopped one (Ctrl-Z) takes SIGTERM only when it runs
        except ProcessLookupError:
            pass
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


def cores() -> int:
    """How many processors this process may run on (its affinity, as a container or `taskset` sets it;
    else the machine's count); at least 1.

    >>> cores() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def run_all(commands: Sequence[Sequence[str]], env: dict[str, str], workers: int,
            started: Callable[[int], None] = lambda index: None) -> tuple[int, str] | None:
    """Run `commands`, at most `workers` at a time (each as `run` does, ending with this process); None
    when every one succeeded. When one fails, the others are ended at once and not started, and its exit
    status and output are returned (of the first in `commands`' order, if more than one failed of itself).
    `started` runs as each one starts, with its index in `commands`. Interrupted meanwhile, every one is
    ended first.

    >>> run_all([["true"], ["false"], ["true"]], {}, 2)
    (1, '')
    >>> run_all([["true"], ["true"]], {}, 1) is None
    True
    """
    finished: queue.Queue[tuple[int, str]] = queue.Queue()
    running: dict[int, subprocess.Popen[str]] = {}
    failed: dict[int, tuple[int, str]] = {}
    ended: set[int] = set()  # those ended here, because another failed
    waiting = list(enumerate(commands))

    def launch() -> int:
        index, command = waiting.pop(0)
        process = running[index] = start(command, env, capture=True)

        def wait() -> None:
            out, err = process.communicate()
            finished.put((index, err + out))
        threading.Thread(target=wait, daemon=True).start()
        return index

    try:
        first = [launch() for _ in range(min(workers, len(waiting)))]
        for index in first:  # once all of the first ones run: a checkpoint there sees them all
            started(index)
        while running:
            index, said = finished.get()
            process = running.pop(index)
            if process.returncode != 0 and index not in ended:
                failed[index] = (process.returncode, said)
                waiting.clear()
                for other, running_process in running.items():
                    ended.add(other)
                    stop(running_process)
            elif waiting:
                started(launch())
    except BaseException:
        for process in running.values():
            stop(process)
        raise
    return failed[min(failed)] if failed else None
