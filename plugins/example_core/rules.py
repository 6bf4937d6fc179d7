"""The rules the build and the live panel's JavaScript share, read from ``rules.json``.

Both languages read the one file, so the preview's policy, the bodies sent
with CRLF line ends and the colours of a message's head cannot drift apart.
"""

from __future__ import annotations

import json
from importlib.resources import files

# Read as a resource: in the browser, this package is imported from a zip.
_RULES = json.loads(files(__package__).joinpath("rules.json").read_text(encoding="utf-8"))

# Put before an HTML body previewed in a sandboxed frame: it may only draw.
# Its links and forms aim at a new window, which the sandbox refuses: clicked
# or followed from the keyboard, they leave the preview as it was (aimed at
# the frame itself, they would blank it with Chromium's about:blank#blocked).
PREVIEW_PREFIX: str = _RULES["preview_prefix"]
# Content types whose bodies are sent with CRLF line ends (multipart requires them).
CRLF_BODY_TYPES: tuple[str, ...] = tuple(_RULES["crlf_body_types"])
# The colour role (a ``<t-role>`` element) of each part of a message's head.
HEAD_ROLES: dict[str, str] = _RULES["head_roles"]


def wire_body(text: str, content_type: str) -> bytes:
    """A body written as text, as the bytes sent: UTF-8, CRLF line ends where required."""
    if content_type.startswith(CRLF_BODY_TYPES):
        text = text.replace("\n", "\r\n")
    return text.encode()
