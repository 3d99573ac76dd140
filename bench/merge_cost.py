"""Merge cost of this checkout against another (e.g. the tree before issue 18), measured in one run.

    .venv/bin/python bench/merge_cost.py --before /tmp/i18p-before                # instructions + ms
    .venv/bin/python bench/merge_cost.py --before /tmp/i18p-before --no-callgrind # ms only
    .venv/bin/python bench/merge_cost.py --before /tmp/i18p-before --big 100,200,300,400
    .venv/bin/python bench/merge_cost.py --before /tmp/i18p-before --no-callgrind --rounds 0 \
        --sites /tmp/sgcorpus-*/site                                        # real events (score.py --keep-tmp)

Instructions: callgrind (valgrind) counts the instructions of ``merge.py --articles N --merges 3``
(three corpora, none of them merged before in the process) less those of the same with ``--overhead``
(imports, corpora, parsing, the warm-up merge), divided by 3 N: merge instructions per
article, the figure that does not move with what else runs on the machine (~3 minutes a checkout at
100 articles). Milliseconds: ``merge.py --articles 1000`` (best of 3 runs each) for the two checkouts
alternately, ``--rounds`` times, so both see the same load; the ratio of each round is printed.
``--big`` then runs ``merge.py --big`` on this checkout. Each merge.py run prints its digest: before
and after a speed-only change the digests of one checkout must be equal. Figures are printed, never
asserted.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MERGE = HERE / "merge.py"


def instructions(repo: Path, articles: int, merges: int, overhead: bool) -> int:
    """Instructions callgrind counts for merge.py merging ``merges`` bench corpora (none: ``overhead``)."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                           str(MERGE), "--articles", str(articles), "--merges", str(merges), "--repo", str(repo),
                           *(["--overhead"] if overhead else [])],
                          env={**os.environ, "PYTHONHASHSEED": "0"},  # (set iteration order moves the count by ~2 %)
                          capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count for {repo}:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def per_article_instructions(repo: Path, articles: int) -> float:
    merges = 3
    return (instructions(repo, articles, merges, False) - instructions(repo, articles, merges, True)) / (merges * articles)


def milliseconds(repo: Path, articles: int) -> tuple[float, str]:
    """Best ms of CPU per article of three merges of the bench corpus, and the run's digest."""
    done = subprocess.run([sys.executable, str(MERGE), "--articles", str(articles), "--repo", str(repo)],
                          capture_output=True, text=True, check=True)
    line = done.stdout.strip().splitlines()[-1]
    found = re.search(r"\(min ([0-9.]+)\); digest (\w+)", line)
    if found is None:
        raise SystemExit(f"unexpected merge.py output for {repo}:\n{done.stdout[-2000:]}")
    return float(found.group(1)), found.group(2)


def site_milliseconds(repo: Path, sites: list[Path]) -> float:
    """ms of CPU per article of one merge of ingested real sites (merge.py --sites, a fresh process)."""
    done = subprocess.run([sys.executable, str(MERGE), "--repo", str(repo), "--sites", *map(str, sites)],
                          capture_output=True, text=True, check=True)
    found = re.search(r"ms of CPU per article: ([0-9.]+)", done.stdout)
    if found is None:
        raise SystemExit(f"unexpected merge.py output for {repo}:\n{done.stdout[-2000:]}")
    return float(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="the checkout to compare with")
    parser.add_argument("--repo", type=Path, default=HERE.parent, help="this checkout (default: the one holding bench/)")
    parser.add_argument("--articles", type=int, default=1000, help="bench articles for the ms figure")
    parser.add_argument("--callgrind-articles", type=int, default=100, help="bench articles for the instruction count")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds of the ms figure")
    parser.add_argument("--no-callgrind", action="store_true")
    parser.add_argument("--sites", type=Path, nargs="+", default=[],
                        help="also ms per article of real events' ingested sites, each checkout alternately, 3 runs")
    parser.add_argument("--big", default="", help="also merge.py --big SIZES on --repo, e.g. 100,200,300,400")
    args = parser.parse_args(argv)
    checkouts = {"before": args.before.resolve(), "this": args.repo.resolve()}
    if not args.no_callgrind:
        if shutil.which("valgrind") is None:
            print("valgrind not found (apt-get install -y valgrind): instructions skipped")
        else:
            counts = {name: per_article_instructions(repo, args.callgrind_articles) for name, repo in checkouts.items()}
            print(f"merge instructions per article ({args.callgrind_articles} bench articles): "
                  + ", ".join(f"{name} {count / 1e6:.2f} M" for name, count in counts.items())
                  + f"; this/before {counts['this'] / counts['before']:.2f}", flush=True)
    for n in range(1, args.rounds + 1):
        figures = {name: milliseconds(repo, args.articles) for name, repo in checkouts.items()}
        print(f"round {n}, ms of CPU per article ({args.articles} bench articles, best of 3): "
              + ", ".join(f"{name} {ms:.2f} (digest {digest})" for name, (ms, digest) in figures.items())
              + f"; this/before {figures['this'][0] / figures['before'][0]:.2f}", flush=True)
    if args.sites:
        runs = [{name: site_milliseconds(repo, args.sites) for name, repo in checkouts.items()} for _ in range(3)]
        best = {name: min(run[name] for run in runs) for name in checkouts}
        print("real sites, ms of CPU per article (one merge a process, best of 3): "
              + ", ".join(f"{name} {ms:.2f}" for name, ms in best.items())
              + f"; this/before {best['this'] / best['before']:.2f}", flush=True)
    if args.big:
        subprocess.run([sys.executable, str(MERGE), "--big", args.big, "--repo", str(args.repo)], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
