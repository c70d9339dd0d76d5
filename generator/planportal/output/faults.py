"""What the file system refused, in words for staff: no space left, a read-only file system, a name
too long, no permission. Every write a build makes goes through `refused`, so that a failure names
its cause and what to do, never an internal error."""

from __future__ import annotations

import errno

from planportal.source.problems import PlanPortalError

ADVICE = {
    errno.ENOSPC: "no space is left on the device: free some space (`df -h .` shows how much is left) "
                  "and build again",
    errno.EDQUOT: "the disk quota is used up: free some space, or ask for a larger quota, and build again",
    errno.EROFS: "the file system is read-only: mount it read-write, or build in a copy of the portal elsewhere",
    errno.EACCES: "permission denied: give the user who builds the right to read and write it "
                  "(chmod -R u+rw), and build again",
    errno.EPERM: "the operation is not permitted here (an immutable file, or a folder of another user): "
                 "make it writable for the user who builds, and build again",
    errno.ENAMETOOLONG: "the file name is too long for the file system: shorten the plan file's name or the id "
                        "it comes from",
    errno.ELOOP: "a symbolic link leads round in a loop: remove the link or point it at a real file",
    errno.EMFILE: "too many files are open: close other programs and build again",
}
"""What to do about each refusal a build can meet, by errno."""


def advice(err: OSError) -> str:
    """The cause of `err` and what to do, for staff.

    >>> advice(OSError(errno.ENOSPC, "No space left on device")).split(":")[0]
    'no space is left on the device'
    >>> advice(OSError(errno.EIO, "Input/output error"))
    'Input/output error: check the disk, and build again'
    """
    if err.errno in ADVICE:
        return ADVICE[err.errno]
    return f"{err.strerror or err}: check the disk, and build again"


class WriteError(PlanPortalError):
    """A file or folder a build writes could not be written: which, why and what to do."""

    def __init__(self, where: str, err: OSError, left: str = "site/ was left as it was") -> None:
        super().__init__(f"{where}: could not be written ({advice(err)}); {left}.")
        self.errno = err.errno


class ReadError(PlanPortalError):
    """A file a build reads (a page in content/) could not be read: which, why and what to do."""

    def __init__(self, where: str, err: OSError) -> None:
        super().__init__(f"{where}: could not be read ({advice(err)}); site/ was left as it was.")
