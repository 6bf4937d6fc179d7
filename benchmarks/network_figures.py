"""Benchmark: the first Run as a reader on a real network pays for it, in bytes and in time.

Serves a built site (default: ``output/``) with a server that compresses
as common static hosts do (every file but images and fonts, gzip at level
6 or brotli at quality 5, when the browser asks for it) and can pace its
answers like a slow link: each response waits one round trip, then all
responses share one line of a given speed. It prints, measured:

- the bytes the server sent for the first Run of the first block of
  ``/flask-webserver/`` in a fresh browser profile: uncompressed, gzip, brotli
  (what went on the wire, not sizes computed from the files);
- on the paced link (default 10 Mbit/s, 40 ms), cold (fresh profile), the
  time from the click on Run to the block's last response, beside the
  floor measured on the same server in the same run: a bare worker that
  starts Pyodide with Flask from the same runtime and answers one request
  (``browser_figures.py``'s).

Run it with ``invoke bench`` or ``python benchmarks/network_figures.py``.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import statistics
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import brotli
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.browser_figures import (  # noqa: E402
    BARE_PAGE,
    LIVE_PAGE,
    RUN_TO_LAST_RESPONSE,
    bare_worker,
)
from tests.support.site_checks import CHROMIUM, CHROMIUM_ARGS, in_background  # noqa: E402

# Already compressed: hosts send these as they are.
INCOMPRESSIBLE = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".ico")
ENCODINGS = {
    "gzip": lambda body: gzip.compress(body, compresslevel=6, mtime=0),
    "br": lambda body: brotli.compress(body, quality=5),
}
CHUNK = 16_384


class Link:
    """One line shared by every response: a round trip's wait, then bytes at ``bits_per_second``."""

    def __init__(self, bits_per_second: float | None, round_trip: float) -> None:
        self.bytes_per_second = bits_per_second / 8 if bits_per_second else None
        self.round_trip = round_trip
        self.free_at = 0.0
        self.lock = threading.Lock()

    def wait_round_trip(self) -> None:
        time.sleep(self.round_trip)

    def send(self, size: int) -> None:
        """Wait until ``size`` more bytes would have crossed the line."""
        if not self.bytes_per_second:
            return
        with self.lock:
            self.free_at = max(self.free_at, time.monotonic()) + size / self.bytes_per_second
            done = self.free_at
        time.sleep(max(0.0, done - time.monotonic()))


class CompressingServer(ThreadingHTTPServer):
    """Serves ``site`` compressed with ``encoding`` (or not, with None) over ``link``."""

    def __init__(self, site: Path, encoding: str | None, link: Link) -> None:
        handler = functools.partial(_Handler, directory=str(site))
        super().__init__(("127.0.0.1", 0), handler)
        self.encoding = encoding
        self.link = link
        self.bytes_sent = 0
        self.lock = threading.Lock()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(SimpleHTTPRequestHandler):
    server: CompressingServer

    def log_message(self, format: str, *args: object) -> None:
        """Keep the figures readable."""

    def send_head(self):  # type: ignore[no-untyped-def]
        self.server.link.wait_round_trip()
        path = Path(self.translate_path(self.path))
        encoding = self.server.encoding
        if path.is_dir() or not path.is_file() or path.suffix in INCOMPRESSIBLE or not encoding:
            return super().send_head()
        body = ENCODINGS[encoding](path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._send(body)
        return None

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        self._send(source.read())

    def _send(self, body: bytes) -> None:
        for start in range(0, len(body), CHUNK):
            chunk = body[start : start + CHUNK]
            self.server.link.send(len(chunk))
            self.wfile.write(chunk)
        with self.server.lock:
            self.server.bytes_sent += len(body)


def first_run(playwright, server: CompressingServer) -> tuple[float, int]:
    """Click Run in a fresh profile: seconds to the block's last response, bytes sent meanwhile."""
    with tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        page = context.new_page()
        page.goto(server.origin + LIVE_PAGE, wait_until="networkidle")
        before = server.bytes_sent
        last = page.evaluate(RUN_TO_LAST_RESPONSE, "")["last"] / 1000
        sent = server.bytes_sent - before
        context.close()
    return last, sent


def floor_run(playwright, server: CompressingServer) -> float:
    """The bare worker's time, in a fresh profile, from its start to one answer."""
    with tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        page = context.new_page()
        page.goto(server.origin + BARE_PAGE)
        took = page.evaluate("bare('worker.js')") / 1000
        context.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "output")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--mbits", type=float, default=10.0)
    parser.add_argument("--latency", type=float, default=0.040, help="round trip, in seconds")
    arguments = parser.parse_args()
    unpaced = Link(None, 0.0)
    with sync_playwright() as playwright:
        print("\nThe first Run's download, as sent by a compressing server:")
        for encoding in (None, "gzip", "br"):
            with in_background(CompressingServer(arguments.site, encoding, unpaced)) as server:
                sent = first_run(playwright, server)[1]
            print(f"  {encoding or 'uncompressed':12} {sent / 1_000_000:5.2f} MB")
        link = Link(arguments.mbits * 1_000_000, arguments.latency)
        with (
            bare_worker(arguments.site),
            in_background(CompressingServer(arguments.site, "gzip", link)) as server,
        ):
            live, floor = [], []
            for _ in range(arguments.runs):
                live.append(first_run(playwright, server)[0])
                floor.append(floor_run(playwright, server))
    live_time, floor_time = statistics.median(live), statistics.median(floor)
    line = f"{arguments.mbits:g} Mbit/s line with {arguments.latency * 1000:.0f} ms"
    print(
        f"\nCold, gzip, on a {line} "
        f"round trips ({arguments.runs} runs, medians): click on Run to the block's last response "
        f"{live_time:.2f} s; bare Pyodide and Flask, one request: {floor_time:.2f} s "
        f"(ratio {live_time / floor_time:.2f})"
    )


if __name__ == "__main__":
    main()
