"""Build one deterministic corpus with sitegen and, when installed, Hugo and Pelican; compare them.

    .venv/bin/python bench/run.py --articles 10000            # all tools found, cold builds
    .venv/bin/python bench/run.py --articles 1000 --tools sitegen

For each tool: wall time, peak memory (the largest sum of PSS over the tool's whole process tree,
sampled every 20 ms, so sitegen's worker processes count, and memory they share by fork counts once) and
HTML pages per second. Each build is run twice, timed without the memory sampler and then sampled for
memory, and every tool starts from an empty output folder on a settled file system (see set_aside).
For sitegen also a no-op rebuild and the median of three rebuilds after editing one article; with
``--serve`` the time from saving an article to ``sitegen serve`` serving the changed page, from
restarting serve to serving, and of the ``sitegen build`` after the sessions; and with ``--scaling``
the cold-build time ratio between N and N/10 articles. sitegen's bytecode is compiled first, as
``pip install`` does for an installed package (an editable install run with PYTHONDONTWRITEBYTECODE
would compile every module on every run). Hugo is Debian's ``hugo`` on PATH;
Pelican is looked for in ``bench/.venv-pelican`` (``python3 -m venv bench/.venv-pelican &&
bench/.venv-pelican/bin/pip install pelican markdown``), then on PATH. Neither is a dependency of
sitegen. Timings are printed, never asserted: they depend on the machine and on what else it is doing.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (bench/ is a folder of scripts, not a package)


@dataclass(frozen=True, slots=True)
class Run:
    tool: str
    scenario: str
    seconds: float
    peak_mb: float
    pages: int

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


EDITS = 3  # rebuilds after an edit, per run


class ToolFailed(Exception):
    """One tool's run failed; the others are still reported."""


def descendants(root: int) -> list[int]:
    """``root`` and every process below it, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, ()))
    return found


def tree_memory_mb(root: int) -> float:
    """Proportional set size summed over the tree: pages forked workers share count once, not per process."""
    total = 0
    for pid in descendants(root):
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                for line in handle:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total / 1024


def measure(command: list[str], cwd: Path, *, sample: bool = True) -> tuple[float, float, str]:
    """(wall seconds, peak tree PSS in MB, stderr) of one command; fails loudly if it fails.

    ``sample=False`` leaves memory alone (peak 0): reading smaps_rollup of every process of the tree every
    20 ms cost this harness ~5 s of system CPU during a 10,000-article sitegen build, on a 2-core machine
    where that time is the tool's. Wall times come from unsampled runs, peaks from sampled ones. The file
    system's dirty pages are written back first: the kernel flushing a previous build's output in the
    background slowed the next timed run (sitegen serve's edits took 0.45-0.5 s right after a Hugo or
    Pelican build, 0.33 s otherwise)."""
    os.sync()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    if sample:
        while process.poll() is None:
            peak = max(peak, tree_memory_mb(process.pid))
            time.sleep(0.02)
    else:
        process.wait()
    seconds = time.perf_counter() - started
    stderr = process.stderr.read() if process.stderr else ""
    if process.returncode != 0:
        raise ToolFailed(f"{' '.join(command)} failed ({process.returncode}):\n{stderr[-2000:]}")
    return seconds, peak, stderr


def timed_and_sampled(command: list[str], cwd: Path, reset: Callable[[], None]) -> tuple[float, float]:
    """(wall seconds of an unsampled run, peak MB of a sampled one), ``reset`` before each run."""
    reset()
    seconds, _, _ = measure(command, cwd, sample=False)
    reset()
    _, peak, _ = measure(command, cwd)
    return seconds, peak


# --------------------------------------------------------------------------- old output, set aside

TRASH = HERE / "corpus" / ".trash"
DELETED_STAMP = HERE / "corpus" / ".trash-deleted"
# On ext4 without a journal (this VM's root file system) a new inode skips the ones freed in the last
# ~minute, checking each: creating 15,000 folders and files took 1.9 s on a quiet file system, 11.6 s
# right after deleting as many, 4.9 s 40 s later and 1.9 s again 90 s later. A tool timed after a
# deletion would pay for it, so old output is moved aside (a rename frees nothing) and deleted once no
# build is being timed.
SETTLE_SECONDS = 90


def set_aside(path: Path) -> None:
    """Move ``path`` (if any) into the trash folder, to be deleted after the timed runs."""
    if path.exists():
        TRASH.mkdir(parents=True, exist_ok=True)
        path.rename(TRASH / f"{len(list(TRASH.iterdir())):04d}-{path.name}")


def empty_trash() -> None:
    if TRASH.exists():
        shutil.rmtree(TRASH)
        DELETED_STAMP.write_text(str(time.time()))


def settle() -> None:
    """Wait until the last mass deletion this harness made is SETTLE_SECONDS old."""
    empty_trash()  # left by an interrupted run
    if DELETED_STAMP.exists():
        wait = float(DELETED_STAMP.read_text() or 0) + SETTLE_SECONDS - time.time()
        if wait > 0:
            print(f"waiting {wait:.0f} s: files deleted less than {SETTLE_SECONDS} s ago slow down creating new "
                  "ones on some file systems", file=sys.stderr)
            time.sleep(wait)


def html_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def ensure_corpus(count: int, tools: tuple[str, ...]) -> Path:
    base = HERE / "corpus" / str(count)
    stamp = base / ".complete"
    wanted = set(tools)
    have = set(stamp.read_text().split()) if stamp.exists() else set()
    if not wanted <= have:
        print(f"generating {count} articles for {', '.join(sorted(wanted | have))} ...", file=sys.stderr)
        corpus.generate(count, base, tuple(sorted(wanted | have)))
        stamp.write_text(" ".join(sorted(wanted | have)))
    return base


def compile_sitegen() -> None:
    """sitegen's modules compiled to bytecode once, as an installed package's are."""
    subprocess.run([sys.executable, "-c", "import compileall, os, sitegen; "
                    "compileall.compile_dir(os.path.dirname(sitegen.__file__), quiet=1)"], check=True)


def serve_run(site: Path, edits: int = 5) -> tuple[list[Run], list[float]]:
    """`sitegen serve` on a free port: after its first build, append a line to one article ``edits``
    times and time each save until the served page shows the line (what a reloading browser waits for).
    Then stop it, time a second session on the same port from start to serving (it starts from the kept
    preview), stop that, and time the `sitegen build` that follows (the site's own output, brought up to
    date first, is what it was before the sessions)."""
    build = [sys.executable, "-m", "sitegen", "build", "-q", "--site", str(site)]
    measure(build, site, sample=False)  # (the edit runs left an edited article's pages in the output)
    port = _free_port()
    process = _start_serve(site, port)
    article = sorted((site / "content" / "articles").glob("*.md"))[0]
    original = article.read_bytes()
    latencies = []
    try:
        url = _served_url(process)
        page = f"{url}articles/{article.stem}/"
        os.sync()  # as measure() does
        for n in range(edits):
            time.sleep(1.0)
            marker = f"Servemarker{n}x{time.time_ns()}"
            article.write_bytes(original + f"\n{marker} sentence.\n".encode())
            saved = time.perf_counter()
            while marker.encode() not in _fetch(page):
                time.sleep(0.005)
                if time.perf_counter() - saved > 60:
                    raise ToolFailed("sitegen serve did not show an edit within 60 s")
            latencies.append(time.perf_counter() - saved)
    finally:
        article.write_bytes(original)
        _stop_serve(process)
    runs = [Run("sitegen", "serve: save->served", statistics.median(latencies), 0.0, 0)]
    os.sync()
    started = time.perf_counter()
    process = _start_serve(site, port)
    try:
        _served_url(process)
        runs.append(Run("sitegen", "serve: restart->serving", time.perf_counter() - started, 0.0, 0))
    finally:
        _stop_serve(process)
    seconds, _peak, _err = measure(build, site, sample=False)
    runs.append(Run("sitegen", "build after serve", seconds, 0.0, 0))
    return runs, latencies


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_serve(site: Path, port: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "--site", str(site), "--port", str(port)],
                            cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _stop_serve(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()


def _served_url(process: subprocess.Popen[str]) -> str:
    assert process.stderr is not None
    for line in process.stderr:
        if (found := re.search(r"serving .* at (http://\S+)", line)) is not None:
            return found.group(1)
    raise ToolFailed(f"sitegen serve exited ({process.wait()}) before serving")


def _fetch(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return bytes(response.read())
    except OSError:
        return b""


def sitegen_runs(site: Path, jobs: int | None, *, cold_only: bool = False) -> list[Run]:
    command = [sys.executable, "-m", "sitegen", "build", "--site", str(site)]
    if jobs:
        command += ["--jobs", str(jobs)]

    def reset() -> None:
        set_aside(site / "output")
        set_aside(site / ".output.sitegen-shadow")  # output/'s previous generation (sitegen.output)
        set_aside(site / ".output.sitegen-shadow.json")
        set_aside(site / ".sitegen-cache")

    runs = []
    seconds, peak = timed_and_sampled(command + ["--clean"], site, reset)
    pages = html_pages(site / "output")
    runs.append(Run("sitegen", "cold", seconds, peak, pages))
    if cold_only:
        return runs
    seconds, peak = timed_and_sampled(command, site, lambda: None)
    runs.append(Run("sitegen", "no-op rebuild", seconds, peak, pages))
    article = sorted((site / "content" / "articles").glob("*.md"))[0]
    original = article.read_bytes()
    edits, peak = [], 0.0
    try:  # three timed edits, the median reported (one rebuild is a second long, so machine noise shows),
        for n in range(EDITS + 1):  # and one more for the memory sample
            article.write_bytes(original + f"\nSentence {n} added for the benchmark.\n".encode())
            if n < EDITS:
                edits.append(measure(command, site, sample=False)[0])
            else:
                peak = measure(command, site)[1]
    finally:
        article.write_bytes(original)
    runs.append(Run("sitegen", "one article edited", sorted(edits)[len(edits) // 2], peak, pages))
    print("one article edited, each rebuild: " + ", ".join(f"{e:.2f} s" for e in edits), file=sys.stderr)
    return runs


def hugo_run(site: Path) -> Run | None:
    hugo = shutil.which("hugo")
    if hugo is None:
        print("hugo not found (apt-get install -y hugo): skipped", file=sys.stderr)
        return None
    seconds, peak = timed_and_sampled([hugo, "--source", str(site), "--quiet"], site,
                                      lambda: set_aside(site / "public"))
    return Run("hugo", "cold", seconds, peak, html_pages(site / "public"))


def pelican_run(site: Path) -> Run | None:
    local = HERE / ".venv-pelican" / "bin" / "pelican"
    pelican = str(local) if local.exists() else shutil.which("pelican")
    if pelican is None:
        print("pelican not found (see the docstring for the bench venv): skipped", file=sys.stderr)
        return None
    seconds, peak = timed_and_sampled([pelican, "content", "-s", "pelicanconf.py", "-o", "output", "-q"], site,
                                      lambda: set_aside(site / "output"))
    return Run("pelican", "cold", seconds, peak, html_pages(site / "output"))


INGEST_LOOP = """
import sys
from pathlib import Path
from sitegen.cli import main
base = Path(sys.argv[1])
for batch in sorted(base.glob("raw-*")):
    site = base / ("site-" + batch.name[4:])
    if main(["ingest", str(batch), "--site", str(site), "-q"]) != 0:
        raise SystemExit(1)
"""


def ingest_run(copies: int) -> Run | None:
    """`sitegen ingest` of ``copies`` batches of the raw seed pages, one process, one fresh site per batch
    (a batch holds each seed once: the same page twice in one site is a slug clash, not an article)."""
    seeds = REPO.parent / "shared" / "seeds"
    raw = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    if not raw:
        print(f"no raw seed pages at {seeds}: ingest skipped", file=sys.stderr)
        return None
    base = HERE / "corpus" / "ingest"

    def fresh_batches() -> None:
        set_aside(base)
        for copy in range(copies):
            inbox, site = base / f"raw-{copy:04d}", base / f"site-{copy:04d}"
            inbox.mkdir(parents=True)
            (site / "content" / "articles").mkdir(parents=True)
            (site / "config.yml").write_text(corpus.SITEGEN_CONFIG, encoding="utf-8")
            for path in raw:
                shutil.copy(path, inbox / path.name)

    count = copies * len(raw)
    seconds, peak = timed_and_sampled([sys.executable, "-c", INGEST_LOOP, str(base)], base, fresh_batches)
    written = sum(1 for _ in base.glob("site-*/content/articles/*.md"))
    return Run("sitegen", f"ingest {count} raw", seconds, peak, written)


def report(runs: list[Run]) -> str:
    lines = [f"{'tool':<9} {'scenario':<24} {'seconds':>8} {'peak MB':>8} {'pages':>7} {'pages/s':>8}"
             "   (for ingest: articles, articles/s)"]
    for run in runs:
        lines.append(f"{run.tool:<9} {run.scenario:<24} {run.seconds:>8.2f} {run.peak_mb:>8.0f} {run.pages:>7} "
                     f"{run.pages_per_second:>8.0f}")
    ours = next((r for r in runs if r.tool == "sitegen" and r.scenario == "cold"), None)
    for peer in (r for r in runs if r.tool != "sitegen"):
        if ours is not None:
            lines.append(f"sitegen/{peer.tool} cold time ratio: {ours.seconds / peer.seconds:.2f} "
                         f"({'sitegen faster' if ours.seconds < peer.seconds else 'sitegen slower'}; "
                         f"{peer.tool}/sitegen = {peer.seconds / ours.seconds:.2f})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--tools", default="sitegen,hugo,pelican")
    parser.add_argument("--jobs", type=int, default=None, help="sitegen --jobs (default: all cores)")
    parser.add_argument("--scaling", action="store_true", help="also time a cold build of articles/10")
    parser.add_argument("--serve", action="store_true",
                        help="also time `sitegen serve` from saving an edit to serving the changed page, a "
                             "restart, and the build after it")
    parser.add_argument("--ingest", type=int, default=0, metavar="COPIES",
                        help="also time `sitegen ingest` of COPIES copies of each raw seed page")
    args = parser.parse_args(argv)
    tools = tuple(args.tools.split(","))
    base = ensure_corpus(args.articles, tools)
    small = ensure_corpus(args.articles // 10, ("sitegen",)) if args.scaling and "sitegen" in tools else None
    settle()
    runs: list[Run] = []
    latencies: list[float] = []
    try:
        if "sitegen" in tools:
            compile_sitegen()
            runs += sitegen_runs(base / "sitegen", args.jobs)
            if small is not None:
                small_cold = sitegen_runs(small / "sitegen", args.jobs, cold_only=True)[0]
                runs.append(Run("sitegen", f"cold, {args.articles // 10}", small_cold.seconds, small_cold.peak_mb,
                                small_cold.pages))
        for wanted, start in ((bool(args.ingest), lambda: ingest_run(args.ingest)),
                              ("hugo" in tools, lambda: hugo_run(base / "hugo")),
                              ("pelican" in tools, lambda: pelican_run(base / "pelican"))):
            if not wanted:
                continue
            try:
                if (run := start()) is not None:
                    runs.append(run)
            except ToolFailed as failure:
                print(failure, file=sys.stderr)
        if args.serve and "sitegen" in tools:  # last: its first build renders the preview folder
            serve_runs, latencies = serve_run(base / "sitegen")
            runs += serve_runs
    finally:
        empty_trash()
    print(f"{args.articles} articles, {os.cpu_count()} cores")
    print(report(runs))
    if latencies:
        print("serve: save -> changed page served, each edit: " + ", ".join(f"{s:.2f} s" for s in latencies))
    if args.scaling:
        big = next(r for r in runs if r.scenario == "cold" and r.tool == "sitegen")
        small_run = next(r for r in runs if r.scenario.startswith("cold, "))
        print(f"scaling: {args.articles} / {args.articles // 10} articles cold time ratio "
              f"{big.seconds / small_run.seconds:.1f} (linear = 10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
