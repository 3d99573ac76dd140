"""Finds every regular expression ingest and the merge apply to untrusted text, and times each on
adversarial 1 MB strings.

Patterns are discovered, not listed, so a rule or pattern added tomorrow is covered without editing
this file:

- every compiled ``re.Pattern`` reachable from the globals of the modules of ``sitegen.ingest``,
  ``sitegen.merge``, ``sitegen.text``, ``sitegen.content`` and ``sitegen.frontmatter`` (inside tuples,
  lists, dicts and dataclass instances too, e.g. rule tables); a dataclass field named ``pattern``
  holding a string (a rule written as data) is compiled;
- what the modules' pattern factories return (functions returning patterns, rules or lexicons, e.g.
  ``compile_rules(config)`` and ``lexicon()``), called with a default Config, so rules a config adds
  through them are compiled the same way as the defaults;
- every ``re.compile/search/match/fullmatch/finditer/findall/sub/subn/split`` call in their source whose
  pattern argument can be evaluated from the module's globals (literals, f-strings of module constants).

Each pattern is run with ``finditer`` to the end (the work of ``search`` with no match, ``findall``
and ``sub``) over each adversarial string, in a worker process the parent kills when one scan
outlives ``KILL_AFTER`` seconds, so a catastrophic pattern costs seconds, not hours.

``python tests/regex_harness.py`` prints the slowest patterns.
"""
from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import json
import os
import pkgutil
import re
import selectors
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

PACKAGES = ("sitegen.ingest", "sitegen.merge", "sitegen.text")
MODULES = ("sitegen.content", "sitegen.frontmatter")
SIZE = 1_000_000
BUDGET = 0.5  # seconds per pattern per adversarial string
KILL_AFTER = 10.0  # wall seconds; only a hang gets near it (timings themselves are CPU seconds)
_RE_CALLS = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "finditer": 2, "findall": 2, "split": 3,
             "sub": 4, "subn": 4}
_FACTORY_RETURNS = re.compile(r"Pattern|Rule|Lexicon")


@dataclass(frozen=True, slots=True)
class Found:
    where: str  # module.name or module:line
    pattern: str
    flags: int


def _repeat(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


# Each a 1 MB line: runs of one character class, repeated words and names, and near-misses of the
# shapes the patterns look for (datelines, attributions, links, e-mail addresses, figures).
ADVERSARIAL: dict[str, str] = {
    **{f"run of {c!r}": _repeat(c) for c in ("a", "A", "1", " ", ".", "-", "'", "/", ",", "@", "é", "(", "[",
                                               "\u00a0", ":")},
    "word repeated": _repeat("word "),
    "Word repeated": _repeat("Word "),
    "WORD repeated": _repeat("WORD "),
    "hyphenated names": _repeat("Jean-Pierre Marie-Claire "),
    "hyphenated names, no spaces": _repeat("Jean-Pierre-Marie-"),
    "dotted names": _repeat("Crypto.News O'Brien "),
    "names and joiners": _repeat("Bank of the People and de Silva & "),
    "names, commas": _repeat("Jane Doe, "),
    "initials": _repeat("A. B. "),
    "digits and dots": _repeat("1.2."),
    "figures": _repeat("1,000.5% "),
    "dates": _repeat("July 3, 2026 at 12:32 PM UTC "),
    "numeric dates": _repeat("2026-07-03 3/7/2026 "),
    "according to": _repeat("according to the Reuters "),
    "source labels": _repeat("Source: Reuters / "),
    "reported by": _repeat("first reported by "),
    "e-mail-ish": _repeat("contact us at a@b"),
    "urls": _repeat("https://example.com/a"),
    "markdown links": _repeat("[a](b"),
    "quotes": _repeat("\"'“‘"),
    "sentence ends": _repeat("a. "),
    "headings": _repeat("## a "),
    "disclaimer words": _repeat("not financial "),
    "word boundaries": _repeat("a-b "),
}


# --------------------------------------------------------------------------- discovery


def _module_names() -> list[str]:
    names = []
    for package_name in PACKAGES:
        try:
            package = importlib.import_module(package_name)
        except ModuleNotFoundError:
            continue
        names.append(package_name)
        names.extend(info.name for info in pkgutil.walk_packages(package.__path__, package_name + "."))
    return sorted({*names, *MODULES})


def _walk(value: Any, where: str, depth: int = 0) -> Iterator[Found]:
    if depth > 4:
        return
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield Found(where, value.pattern, value.flags)
    elif isinstance(value, (tuple, list, set, frozenset)):
        for index, item in enumerate(value):
            yield from _walk(item, f"{where}[{index}]", depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{where}[{key!r}]", depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            attr = getattr(value, item.name, None)
            if item.name == "pattern" and isinstance(attr, str):
                yield Found(f"{where}.pattern", attr, re.compile(attr).flags)
            else:
                yield from _walk(attr, f"{where}.{item.name}", depth + 1)


def _factories(module: Any) -> Iterator[Found]:
    """Call the module's pattern factories with defaults (a Config where one is needed)."""
    from sitegen.config import Config

    for name, function in vars(module).items():
        function = getattr(function, "__wrapped__", function)
        if not inspect.isfunction(function) or function.__module__ != module.__name__:
            continue
        if not _FACTORY_RETURNS.search(str(function.__annotations__.get("return", ""))):
            continue
        args = []
        try:
            for parameter in inspect.signature(function).parameters.values():
                if "Config" in str(parameter.annotation):
                    args.append(Config(root=Path.cwd()))
                elif parameter.default is inspect.Parameter.empty:
                    raise TypeError(f"needs {parameter.name}")
        except TypeError:
            continue
        yield from _walk(function(*args), f"{module.__name__}.{name}()")


def _source_calls(module: Any) -> Iterator[Found]:
    """``re.<function>(pattern, ...)`` calls whose pattern (and flags) evaluate from module globals."""
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError):
        return
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                and node.func.attr in _RE_CALLS and node.args):
            continue
        flags_node = next((k.value for k in node.keywords if k.arg == "flags"), None)
        if flags_node is None and len(node.args) > _RE_CALLS[node.func.attr]:
            flags_node = node.args[_RE_CALLS[node.func.attr]]
        try:
            pattern = _evaluate(node.args[0], module)
            flags = _evaluate(flags_node, module) if flags_node is not None else 0
        except Exception:  # built from local values (re.escape of a name): not knowable here
            continue
        if isinstance(pattern, str):
            yield Found(f"{module.__name__}:{node.lineno}", pattern, int(flags))


def _evaluate(node: ast.expr, module: Any) -> Any:
    return eval(compile(ast.Expression(node), "<pattern>", "eval"), dict(vars(module)))


def discover() -> list[Found]:
    """Every distinct (pattern, flags) with the first place it was found."""
    found: dict[tuple[str, int], Found] = {}
    for name in _module_names():
        module = importlib.import_module(name)
        sources = [_factories(module), _source_calls(module)]
        sources.extend(_walk(value, f"{name}.{attr}") for attr, value in vars(module).items()
                       if not attr.startswith("__"))
        for source in sources:
            for item in source:
                flags = re.compile(item.pattern, item.flags).flags & ~re.UNICODE  # inline (?i) counts
                found.setdefault((item.pattern, flags), Found(item.where, item.pattern, flags))
    return list(found.values())


# --------------------------------------------------------------------------- timing

PROBE = 32_000


def _scan(regex: re.Pattern[str], text: str) -> float:
    """CPU seconds (not wall time: the machine may be busy) of finditer over all of ``text``."""
    start = time.process_time()
    for _match in regex.finditer(text):
        pass
    return time.process_time() - start


_ESCAPES = re.compile(r"\\[A-Za-z]")
_LITERAL_PHRASE = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]+)*")


def adversarial_for(item: Found) -> dict[str, str]:
    """The shared strings, plus the pattern's own first literal phrases each repeated ('for feedback for
    feedback ...'): a pattern that starts an attempt at each cue and then scans far fails on those."""
    phrases = _LITERAL_PHRASE.findall(_ESCAPES.sub(" ", item.pattern))
    phrases = list(dict.fromkeys(p.lower() for p in phrases if len(p) >= 3))[:6]
    own = {f"{phrase!r} repeated": _repeat(f"{phrase} ") for phrase in phrases}
    own.update({f"{phrase.title()!r} repeated": _repeat(f"{phrase.title()} ") for phrase in phrases[:2]})
    return {**ADVERSARIAL, **own}


def time_pattern(item: Found) -> Iterator[tuple[str, int, float]]:
    """(adversarial string, size scanned, seconds projected to 1 MB) for one pattern.

    Each string is scanned at 8 KB and 32 KB first (the early abort). The 1 MB scan is skipped when
    the 32 KB one was fast enough that even a quadratic pattern stays under BUDGET at 1 MB, or when the
    two probes grew linearly (4x the text, under ~6x the time) and the 32 KB time scaled to 1 MB, with
    half again for noise, is under BUDGET. Anything else is scanned at 1 MB and that time is the figure.
    """
    regex = re.compile(item.pattern, item.flags)
    for name, text in adversarial_for(item).items():
        small = _scan(regex, text[:PROBE // 4])
        probe = _scan(regex, text[:PROBE])
        scale = SIZE / PROBE
        if probe * scale * scale <= BUDGET or (probe <= 6.4 * max(small, 5e-5) and probe * scale * 1.5 <= BUDGET):
            yield name, PROBE, probe * SIZE / PROBE
        else:
            yield name, SIZE, _scan(regex, text)


@dataclass(frozen=True, slots=True)
class Timing:
    found: Found
    text: str  # the adversarial string's name
    size: int  # characters scanned: SIZE, or PROBE when the 1 MB figure is projected
    seconds: float  # at 1 MB
    killed: bool = False


def run_all(patterns: list[Found] | None = None, kill_after: float = KILL_AFTER) -> list[Timing]:
    """Time each pattern (default: every discovered one) in a worker; a scan past ``kill_after`` wall
    seconds is killed and recorded as such."""
    patterns = discover() if patterns is None else patterns
    timings: list[Timing] = []
    index = 0
    while index < len(patterns):
        index = _run_worker(patterns, index, kill_after, timings)
    return timings


def _run_worker(patterns: list[Found], first: int, kill_after: float, timings: list[Timing]) -> int:
    """Run patterns from ``first`` on; returns the index to go on from (past a killed one)."""
    worker = subprocess.Popen([sys.executable, __file__, "--worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              cwd=Path(__file__).resolve().parents[1])
    assert worker.stdout is not None and worker.stdin is not None
    todo = [dataclasses.astuple(item) for item in patterns[first:]]
    worker.stdin.write(json.dumps({"first": first, "patterns": todo}).encode())
    worker.stdin.close()
    selector = selectors.DefaultSelector()
    selector.register(worker.stdout, selectors.EVENT_READ)
    current: tuple[int, str] | None = None
    pending = b""
    try:
        while True:
            # the worker builds its strings before its first scan
            if not selector.select(timeout=kill_after if current else kill_after + 30):
                if current is None:
                    raise RuntimeError("the regex harness worker did not start")
                timings.append(Timing(patterns[current[0]], current[1], SIZE, kill_after, killed=True))
                return current[0] + 1
            chunk = os.read(worker.stdout.fileno(), 65536)
            if not chunk:
                if worker.wait() != 0:
                    raise RuntimeError(f"the regex harness worker failed (exit {worker.returncode})")
                return len(patterns)
            *lines, pending = (pending + chunk).split(b"\n")
            for line in lines:
                event = json.loads(line)
                if event["kind"] == "start":
                    current = (event["index"], event["text"])
                else:
                    timings.append(Timing(patterns[event["index"]], event["text"], event["size"], event["seconds"]))
    finally:
        worker.kill()
        worker.wait()
        selector.close()


def _worker() -> None:
    job = json.load(sys.stdin)
    for offset, fields in enumerate(job["patterns"]):
        index, item = job["first"] + offset, Found(*fields)
        names = iter(adversarial_for(item))
        print(json.dumps({"kind": "start", "index": index, "text": next(names)}), flush=True)
        for name, size, seconds in time_pattern(item):
            upcoming = next(names, None)
            print(json.dumps({"kind": "done", "index": index, "text": name, "size": size, "seconds": seconds}))
            if upcoming is not None:
                print(json.dumps({"kind": "start", "index": index, "text": upcoming}))
            sys.stdout.flush()


def _report(top: int = 15) -> None:
    begun = time.perf_counter()
    timings = run_all(kill_after=float(os.environ.get("REGEX_HARNESS_KILL_AFTER", KILL_AFTER)))
    print(f"{len({t.found for t in timings})} patterns x {len(ADVERSARIAL)} strings of {SIZE:,} characters "
          f"in {time.perf_counter() - begun:.1f} s")
    worst: dict[Found, Timing] = {}
    for timing in timings:
        if timing.found not in worst or _cost(timing) > _cost(worst[timing.found]):
            worst[timing.found] = timing
    for timing in sorted(worst.values(), key=_cost, reverse=True)[:top]:
        mark = " (killed)" if timing.killed else ""
        print(f"{timing.seconds:7.3f} s ({'measured' if timing.size == SIZE else 'projected'}){mark}  {timing.text:24} {timing.found.where}  "
              f"{timing.found.pattern[:80]!r}")


def _cost(timing: Timing) -> float:
    return timing.seconds


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    if sys.argv[1:] == ["--worker"]:
        _worker()
    else:
        _report()
