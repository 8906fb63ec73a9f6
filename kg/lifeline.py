"""Child processes that end with their parent.

A worker process of ``kg build --workers N`` or the Oxigraph server of ``kg serve`` outlives its
parent when the parent is killed (SIGKILL cannot be caught, so the parent cannot clean up): it
goes on holding memory, a port or a store. Each child therefore watches its parent itself: on
Linux the kernel signals it when the parent dies (``PR_SET_PDEATHSIG``); elsewhere a thread
notices that its parent has changed and exits.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1


def _pdeathsig(sig: int) -> bool:
    """Ask the kernel to send ``sig`` to this process when its parent ends (Linux only)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def before_exec(parent: int | None = None) -> None:
    """For ``subprocess.Popen(preexec_fn=...)``: the program run ends when this process ends."""
    _pdeathsig(signal.SIGTERM)
    if parent is not None and os.getppid() != parent:  # the parent died before the call took effect
        os._exit(1)


def die_with_parent(parent: int | None = None) -> None:
    """For a worker process (an initializer of a process pool): exit when ``parent`` (by default
    the process that started this one) is gone."""
    parent = parent or os.getppid()
    _pdeathsig(signal.SIGKILL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="kg-lifeline", daemon=True).start()
