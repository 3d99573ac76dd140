"""CPU that an idle `sitegen serve` uses, with file events and with ``--poll``.

    .venv/bin/python bench/corpus.py --articles 10000 --out bench/corpus/10000
    .venv/bin/python bench/idle_cpu.py bench/corpus/10000/sitegen            # both watchers, 30 s each

Starts serve on a free port, waits for its "build folder:" line (the first build is served), lets the
start-up settle (the background import of the merge code, the cache save), then reads the process's
user + system CPU time from /proc before and after a quiet window in which nothing in the site changes.
Printed as a percentage of one core; Linux only (/proc). Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the process (all its threads) so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (fields 14 and 15 of stat)


def idle_share(site: Path, options: list[str], window: float, settle: float) -> float:
    """Percent of one core used by an idle serve over ``window`` seconds."""
    # SIGINT back to its default in serve: a shell starts background jobs with it ignored, and exec keeps that
    process = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "--site", str(site), "--port", "0",
                                *options], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if re.match(r"build folder: ", line):
                break
        else:
            raise SystemExit(f"sitegen serve {' '.join(options)} ended before serving")
        time.sleep(settle)  # (a benchmark, not a test: the start-up's background work has no state to wait for)
        before, started = cpu_seconds(process.pid), time.monotonic()
        time.sleep(window)
        used, elapsed = cpu_seconds(process.pid) - before, time.monotonic() - started
        return 100 * used / elapsed
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a site folder, e.g. bench/corpus/10000/sitegen")
    parser.add_argument("--window", type=float, default=30.0, help="seconds measured (default 30)")
    parser.add_argument("--settle", type=float, default=15.0, help="seconds left to start-up first (default 15)")
    parser.add_argument("--watchers", default="events,poll", help="comma-separated: events,poll")
    args = parser.parse_args(argv)
    for watcher in args.watchers.split(","):
        share = idle_share(args.site, ["--poll"] if watcher == "poll" else [], args.window, args.settle)
        print(f"sitegen serve, {watcher:6}: {share:5.1f} % of a core while idle ({args.window:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
