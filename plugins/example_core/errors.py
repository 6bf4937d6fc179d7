"""The errors of a block: ``RunError`` from running an example, ``BlockError`` for the author."""

from __future__ import annotations


class BlockError(Exception):
    """A block that cannot be honoured; its text is the message the author sees.

    The message reads like a compiler's:
    ``content/routing.md:42: example 'routing': GET /user/x: expected 404, got 200``.
    """

    def __init__(
        self,
        note: str,
        line: int,
        message: str,
        *,
        example: str | None = None,
        request: str | None = None,
    ) -> None:
        self.note = note
        self.line = line
        self.example = example
        self.request = request
        self.reason = message
        parts = [f"{note}:{line}"]
        if example:
            parts.append(f"example '{example}'")
        if request:
            parts.append(request)
        parts.append(message)
        super().__init__(": ".join(parts))


class RunError(Exception):
    """An example failed to answer; ``index`` is the request at fault, None for loading."""

    def __init__(self, message: str, index: int | None) -> None:
        super().__init__(message)
        self.index = index
