"""Benchmark: how much the exchange plugin adds to a Pelican build.

Builds the site several times in each of four ways, each build in a fresh
Python process: plain Pelican with the plugin disabled, where the blocks are
ordinary code blocks of an unknown language, so Markdown's codehilite spends
most of the build guessing one; the same without that guessing
(``guess_lang`` off), the least Pelican can do with this content; with the
plugin and an empty cache, so every block runs (cold); and with the plugin
and the cache a previous build left (warm, as when an author rebuilds after
editing prose). Prints the medians, the ratios to both plain builds and the
cost per exchange. Run it with ``invoke bench`` or
``python benchmarks/build_time.py``.
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

from pelican.settings import get_settings_from_file  # noqa: E402

from tests.support.notes import exchange_cases  # noqa: E402

ONE_BUILD = """
import json, sys, time
from pelican import Pelican
from pelican.settings import read_settings
started = time.perf_counter()
settings = read_settings(sys.argv[1], override=json.loads(sys.argv[2]))
codehilite = settings["MARKDOWN"]["extension_configs"]["markdown.extensions.codehilite"]
codehilite["guess_lang"] = sys.argv[3] == "guessing"
Pelican(settings).run()
print(time.perf_counter() - started)
"""


def time_one_build(
    plugins: list[str], output: Path, cache: Path, *, guess_languages: bool = True
) -> float:
    """Seconds for one build in a fresh process (settings, plugins, reading, writing)."""
    override = {"OUTPUT_PATH": str(output), "PLUGINS": plugins, "CACHE_PATH": str(cache)}
    guessing = "guessing" if guess_languages else "no-guessing"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            ONE_BUILD,
            str(ROOT / "pelicanconf.py"),
            json.dumps(override),
            guessing,
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return float(result.stdout.strip().splitlines()[-1])


def summary(name: str, times: list[float]) -> str:
    return (
        f"{name}: median {statistics.median(times):.3f} s "
        f"(min {min(times):.3f}, max {max(times):.3f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    exchanges = len(exchange_cases())
    # Every plugin of the site, and the same list without ours for the plain build.
    plugins = get_settings_from_file(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    without = [name for name in plugins if name not in ("site_build", "take_home")]
    plain, lean, cold, warm = [], [], [], []
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        for run in range(runs):
            plain.append(time_one_build(without, scratch / f"p{run}", scratch / "pc"))
            lean.append(
                time_one_build(without, scratch / f"l{run}", scratch / "lc", guess_languages=False)
            )
            cold.append(time_one_build(plugins, scratch / f"c{run}", scratch / f"cache{run}"))
            warm.append(time_one_build(plugins, scratch / f"w{run}", scratch / "cache0"))
    print(f"runs: {runs} of each, every build in a fresh process; {exchanges} exchanges")
    print(summary("plain Pelican, plugin disabled", plain))
    print(summary("plain Pelican, plugin disabled, no language guessing", lean))
    print(summary("with the plugin, cold (every block runs)", cold))
    print(summary("with the plugin, warm (results cached)", warm))
    for name, base in (("plain", plain), ("no guessing", lean)):
        base_median = statistics.median(base)
        print(
            f"ratio to {name}: cold {statistics.median(cold) / base_median:.2f}, "
            f"warm {statistics.median(warm) / base_median:.2f}"
        )
    cost = (statistics.median(cold) - statistics.median(lean)) / exchanges * 1000
    print(f"cost per exchange, cold, over the build without guessing: {cost:.1f} ms")


if __name__ == "__main__":
    main()
