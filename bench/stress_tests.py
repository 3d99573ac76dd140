"""Run the test suite N times in a row with busy-loop load on some cores: flaky tests show up here.

    .venv/bin/python bench/stress_tests.py              # 5 runs of `make test`'s pytest command, 1 busy core
    .venv/bin/python bench/stress_tests.py --runs 2 --busy 2 -- tests/test_serve_cli.py

The load is one Python process per busy core spinning in a loop, started before the first run and
stopped after the last (also on Ctrl-C). Each run's output goes to bench/stress-logs/run-N.txt; the
summary says how many runs passed and how many in a row from the first.
"""
from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LOGS = REPO / "bench" / "stress-logs"
PYTEST = ["-m", "pytest", "-q"]  # the Makefile's test command (make test)
BUSY_LOOP = "while True: pass"


def start_load(cores: int) -> list[subprocess.Popen[bytes]]:
    return [subprocess.Popen([sys.executable, "-c", BUSY_LOOP]) for _ in range(cores)]


def stop_load(load: list[subprocess.Popen[bytes]]) -> None:
    for process in load:
        process.kill()
    for process in load:
        process.wait()


def run_suite(number: int, extra: list[str]) -> tuple[bool, float, str]:
    """(passed, seconds, pytest's last line) of one run; the whole output is kept in LOGS."""
    log = LOGS / f"run-{number}.txt"
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as out:  # written as the run goes: `tail -f` shows its progress
        result = subprocess.run([sys.executable, *PYTEST, *extra], cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
    seconds = time.monotonic() - started
    lines = [line for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
    return result.returncode == 0, seconds, lines[-1] if lines else "(no output)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="how many runs of the suite (default 5)")
    parser.add_argument("--busy", type=int, default=1, help="cores kept busy meanwhile (default 1)")
    parser.add_argument("--stop-on-failure", action="store_true", help="stop at the first failed run")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest after --")
    args = parser.parse_args(argv)
    LOGS.mkdir(parents=True, exist_ok=True)
    # A shell starts a background job with SIGINT ignored, which exec passes on: the tests that stop
    # `sitegen serve` with Ctrl-C need it back (a handled signal is reset to its default in children).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    load = start_load(args.busy)
    passed, in_a_row, started = 0, 0, time.monotonic()
    try:
        for number in range(1, args.runs + 1):
            ok, seconds, last = run_suite(number, args.pytest_args)
            passed += ok
            in_a_row = in_a_row + 1 if ok and in_a_row == number - 1 else in_a_row
            print(f"run {number}: {'pass' if ok else 'FAIL'} in {seconds:.0f}s: {last}", flush=True)
            if not ok and args.stop_on_failure:
                break
    finally:
        stop_load(load)
    print(f"stress: {passed} of {number} runs passed ({in_a_row} in a row from the first), {args.busy} busy "
          f"core(s), {time.monotonic() - started:.0f}s; logs in {LOGS.relative_to(REPO)}/")
    return 0 if passed == args.runs else 1


if __name__ == "__main__":
    sys.exit(main())
