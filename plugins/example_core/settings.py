"""What every run of a block needs to know, read from the site's settings.

Plain data and dictionary reading: no Pelican is imported here, so the
build, the take-home packer and the tests all read the settings one way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .pinning import source_date_epoch

DEFAULT_TIMEOUT = 5.0
# Bytes of text a response body may put into a page (a page's whole budget is 40 KB).
DEFAULT_MAX_BODY = 8192
# Bytes of a binary body: the page only describes it, but the block's file for
# the live panel carries it whole (base64), downloaded when the reader presses Run.
DEFAULT_MAX_BINARY_BODY = 65536
# Bytes of one message's header lines: what common servers accept (Apache's
# LimitRequestFieldSize, nginx's large_client_header_buffers), and all of it is shown.
DEFAULT_MAX_HEADERS = 8192


@dataclass(frozen=True)
class RunSettings:
    """What every run needs to know, whatever the block."""

    examples: Path
    timeout: float
    epoch: int
    cache: Path | None = None
    site_url: str = ""
    max_body: int = DEFAULT_MAX_BODY
    max_binary_body: int = DEFAULT_MAX_BINARY_BODY
    max_headers: int = DEFAULT_MAX_HEADERS

    @property
    def solutions(self) -> Path:
        """Where the exercises' solutions live: ``solutions/<id>/``, beside the examples."""
        return self.examples.parent / "solutions"


# Where a build keeps its run settings in the site's settings, for every plugin to share.
RUN_SETTINGS = "EXAMPLE_CORE_RUN_SETTINGS"


def build_run_settings(settings: dict) -> RunSettings:
    """The build's run settings: read once (``run_settings``), then kept in ``settings``."""
    if RUN_SETTINGS not in settings:
        settings[RUN_SETTINGS] = run_settings(settings)
    return settings[RUN_SETTINGS]


def run_settings(settings: dict) -> RunSettings:
    """Read our settings from the site's (Pelican's) settings.

    ``EXAMPLES_PATH`` (default: ``examples`` beside the content folder),
    ``EXCHANGE_TIMEOUT`` (seconds a request may take), ``EXCHANGE_CACHE``
    (whether to keep results in ``CACHE_PATH``; on by default), and
    ``EXCHANGE_MAX_BODY`` (bytes of text a response body may put into a page),
    ``EXCHANGE_MAX_BINARY_BODY`` (bytes of a binary response body, which the
    live panel's file carries) and ``EXCHANGE_MAX_HEADERS`` (bytes of one
    request's or response's header lines).
    """
    examples = Path(settings.get("EXAMPLES_PATH") or Path(settings["PATH"]).parent / "examples")
    use_cache = settings.get("EXCHANGE_CACHE", True)
    return RunSettings(
        examples=examples.resolve(),
        timeout=float(settings.get("EXCHANGE_TIMEOUT", DEFAULT_TIMEOUT)),
        epoch=source_date_epoch(examples),
        cache=Path(settings["CACHE_PATH"]).resolve() / "exchanges" if use_cache else None,
        site_url=settings.get("SITEURL", ""),
        max_body=int(settings.get("EXCHANGE_MAX_BODY", DEFAULT_MAX_BODY)),
        max_binary_body=int(settings.get("EXCHANGE_MAX_BINARY_BODY", DEFAULT_MAX_BINARY_BODY)),
        max_headers=int(settings.get("EXCHANGE_MAX_HEADERS", DEFAULT_MAX_HEADERS)),
    )
