"""Benchmark: how much the exchange plugin adds to a Pelican build.

Builds the site several times with the plugin and several times without it
(plain Pelican: the blocks are then ordinary code blocks), each build in a
fresh Python process, and prints the median times, their ratio and the cost
per exchange. Run it with ``invoke bench`` or ``python benchmarks/build_time.py``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from tests.notes import exchange_cases  # noqa: E402

ONE_BUILD = """
import json, sys, time
from pelican import Pelican
from pelican.settings import read_settings
started = time.perf_counter()
settings = read_settings(sys.argv[1], override=json.loads(sys.argv[2]))
Pelican(settings).run()
print(time.perf_counter() - started)
"""


def time_one_build(plugins: list[str], output: Path) -> float:
    """Seconds for one build in a fresh process (settings, plugins, reading, writing)."""
    override = {"OUTPUT_PATH": str(output), "PLUGINS": plugins}
    result = subprocess.run(
        [sys.executable, "-c", ONE_BUILD, str(ROOT / "pelicanconf.py"), json.dumps(override)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    exchanges = len(exchange_cases())
    with_plugin, plain = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(runs):
            with_plugin.append(
                time_one_build(["flask_exchanges", "hashed_assets"], Path(scratch) / f"with-{run}")
            )
            plain.append(time_one_build(["hashed_assets"], Path(scratch) / f"plain-{run}"))
    full, bare = statistics.median(with_plugin), statistics.median(plain)
    print(f"runs: {runs} of each, every build in a fresh process")
    print(
        f"build with the exchange plugin: median {full:.3f} s "
        f"(min {min(with_plugin):.3f}, max {max(with_plugin):.3f})"
    )
    print(
        f"plain Pelican, plugin disabled: median {bare:.3f} s "
        f"(min {min(plain):.3f}, max {max(plain):.3f})"
    )
    print(f"ratio: {full / bare:.2f}")
    print(f"exchanges: {exchanges}; cost per exchange: {(full - bare) / exchanges * 1000:.1f} ms")


if __name__ == "__main__":
    main()
