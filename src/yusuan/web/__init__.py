"""``yusuan serve``: a web page for clerks and reviewers over the same API as the command line
(upload → report → review → downloads; write from a model file). See docs/web.md."""

from __future__ import annotations

from .app import Settings, create_app

__all__ = ["Settings", "create_app", "is_loopback"]


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    h = host.strip("[]").lower()
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False
