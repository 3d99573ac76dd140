"""The merge alone, in one process: CPU per article with a digest of what it merged, and big stories.

    .venv/bin/python bench/merge.py --articles 1000                  # ms of CPU per article (3 runs), digest
    .venv/bin/python bench/merge.py --big 100,200,300,400            # one story of N articles: CPU s, peak MB
    .venv/bin/python bench/merge.py --articles 1000 --repo /tmp/old   # the same with another checkout's sitegen
    .venv/bin/python bench/merge.py --articles 1000 --profile        # cProfile of one run, by own time
    .venv/bin/python bench/merge.py --sites /tmp/sgcorpus-*/site       # real events: one merge, ms of CPU per article
    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        .venv/bin/python bench/merge.py --articles 100 --merges 3        # instructions: less those of
                                                                         # the same with --overhead

The per-article figure merges every story of a bench corpus (``corpus.py``, five articles a story) after
one untimed merge of another corpus (imports and lexicons loaded), and prints the process CPU of each
run divided by the number of articles; each run reads a corpus of its own seed (see
:func:`per_article`). The digest is a sha256 over the repr of every merged Story: a change that is only
about speed must leave it as it was. ``--big`` merges one story of N articles of one invented event
(``event_articles``: shared facts with names, figures, dates and quotes told in varied words, plus each
article's own sentences), each size in a fresh process, and prints its merge CPU and the process's peak
resident memory (interpreter, imports and parsed articles included). ``--repo`` imports sitegen from
another checkout (e.g. a worktree of an older commit), so before/after figures come from one run on one
machine load. Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (bench/ is a folder of scripts, not a package)

# An invented event: who, where and what, in our own words.
PEOPLE = ("Mara Quell", "Tobin Arkwright", "Ines Valdoro", "Rufus Penhale", "Dana Okoro", "Lev Strand")
ROLES = ("the harbour director", "the port regulator", "the council leader", "an inspector", "the mayor",
         "a union spokesperson")
PLACES = ("Eastport", "Varrow Bay", "the Kessel terminal", "Northgate", "the Lind estuary")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FACTS = (
    "{person}, {role}, said {count} containers were damaged at {place} on {weekday}.",
    "The crane collapse at {place} left {count} workers injured, according to {person}.",
    "Repairs at {place} will cost about ${money} million, {role} said on {weekday}.",
    "{person} said the terminal would stay closed until March {day}.",
    "Investigators found {count} faulty bolts in the crane at {place}.",
    "\"We are not going to reopen {place} before it is safe,\" {person} said.",
    "The port handles {count} thousand tonnes of cargo a week, {role} said.",
    "Officials at {place} said there was no evidence of sabotage.",
    "Critics said the inspection regime at {place} was not strict enough.",
    "{person} could face a fine of up to ${money} million, the regulator said.",
    "Shipping firms rerouted {count} vessels to {place} after the closure.",
    "The inquiry into the collapse opened on {weekday}, March {day}, {role} said.",
)
SYNONYMS = {"said": ("said", "told reporters", "stated"), "damaged": ("damaged", "destroyed", "hit"),
            "injured": ("injured", "hurt", "wounded"), "cost": ("cost", "take"), "found": ("found", "discovered")}


def _fact(rng: random.Random, template: int, varied: bool) -> str:
    """One statement of a fact; ``varied`` lets a figure or day drift as outlets' reports do."""
    facts = random.Random(template)  # each fact's own figures, the same in every article
    values = dict(person=facts.choice(PEOPLE), role=facts.choice(ROLES), place=facts.choice(PLACES),
                  weekday=facts.choice(WEEKDAYS), count=facts.randint(3, 400), money=facts.randint(2, 90),
                  day=facts.randint(1, 28))
    if varied:
        values["count"] += rng.choice((-1, 1)) * rng.randint(1, 5)
        values["weekday"] = rng.choice(WEEKDAYS)
    words = FACTS[template % len(FACTS)].format(**values).split(" ")
    return " ".join(rng.choice(SYNONYMS[w]) if w in SYNONYMS else w for w in words)


def event_articles(count: int, seed: int = 11) -> list[corpus.CorpusArticle]:
    """``count`` articles of one invented event: each tells 8-14 of its facts (about 1 in 10 with a figure
    or day of its own) among 12-20 sentences of its own, under two headings, with a short FAQ."""
    rng = random.Random(seed)
    start = datetime(2026, 3, 2, tzinfo=timezone.utc)
    result = []
    for index in range(count):
        outlet = f"{corpus.OUTLETS[index % len(corpus.OUTLETS)]} {index // len(corpus.OUTLETS)}"
        facts = [_fact(rng, t, rng.random() < 0.1) for t in rng.sample(range(len(FACTS) * 3), rng.randint(8, 14))]
        own = [corpus.sentence(rng) for _ in range(rng.randint(12, 20))]
        sentences = facts + own
        rng.shuffle(sentences)
        half = len(sentences) // 2
        body = (" ".join(sentences[:half]) + f"\n\n## {corpus.title(rng)}\n\n" + " ".join(sentences[half:])
                + f"\n\n## Frequently Asked Questions\n\n### When did the crane at {rng.choice(PLACES)} fall?\n\n"
                + _fact(rng, 11, False) + "\n")
        result.append(corpus.CorpusArticle(
            slug=f"e{index:05d}", story="event", title=f"Crane collapse at {rng.choice(PLACES)} ({outlet})",
            outlet=outlet, published=start + timedelta(minutes=index * 7), category="Business",
            tags=("trade",), body=body))
    return result


def load_groups(site: Path):  # -> (config, site, groups)
    from sitegen import config as site_config, content
    from sitegen.errors import Diagnostics
    from sitegen.merge.grouping import group_site

    config = site_config.load(site)
    diagnostics = Diagnostics()
    loaded = content.load(config, diagnostics)
    return config, loaded, group_site(loaded, config, diagnostics).groups


def merge_all(config, loaded, groups) -> list:  # noqa: ANN001  (types of whichever checkout is imported)
    from sitegen.merge import merge_story

    return [merge_story(key, groups[key], loaded.story_files.get(key), config) for key in sorted(groups)]


def digest(stories: list) -> str:
    """What was merged, to the last float: a speed change must leave it as it was."""
    return hashlib.sha256("\n".join(map(repr, stories)).encode()).hexdigest()


def per_article(scratch: Path, count: int, runs: int, profile: bool, merges: int | None = None,
                overhead: bool = False) -> None:
    """Each timed merge reads a corpus of its own seed (the first is seed 7, whose digest is printed),
    after an untimed merge of yet another seed: imports, lexicons and word-level memos are warm, as in
    a long build, but no merge finds the sentences it reads already analysed by an earlier one (a cache
    keyed on a sentence's text would otherwise make a re-merge of the same articles look cheap)."""
    timed = merges if merges is not None else (1 if profile else runs)
    corpora = [load_groups(_written(scratch, count, seed)) for seed in [WARM_SEED, *corpus_seeds(timed)]]
    (config, loaded, groups), timed_corpora = corpora[0], corpora[1:]
    merge_all(config, loaded, groups)  # untimed: imports, lexicons
    if merges is not None:  # for an instruction count (callgrind): ``overhead`` loads the same and merges none
        if not overhead:
            for config, loaded, groups in timed_corpora:
                merge_all(config, loaded, groups)
        return
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(merge_all, *timed_corpora[0])
        pstats.Stats(profiler).sort_stats("tottime").print_stats(40)
        return
    figures, digest_now = [], ""
    for config, loaded, groups in timed_corpora:
        articles = sum(len(g) for g in groups.values())
        started = time.process_time()
        merged = merge_all(config, loaded, groups)
        figures.append((time.process_time() - started) / articles * 1000)
        digest_now = digest_now or digest(merged)
    print(f"merge: {articles} articles, {len(groups)} stories; ms of CPU per article: "
          + " ".join(f"{f:.2f}" for f in figures) + f" (min {min(figures):.2f}); digest {digest_now[:16]}")


WARM_SEED = 1007  # the untimed merge's corpus: the same word list as the timed ones, other articles


def corpus_seeds(merges: int) -> list[int]:
    return [7 + 2 * n for n in range(merges)]


def _written(scratch: Path, count: int, seed: int) -> Path:
    site = scratch / f"corpus-{seed}"
    corpus.write_sitegen(corpus.articles(count, seed), site)
    return site


def real_sites(scratch: Path, sites: list[Path]) -> None:
    """ms of CPU per article of one merge of ``sites`` (sites already ingested, e.g. the corpus events
    that ``score.py --keep-tmp`` leaves), after an untimed merge of 100 bench articles: run it in a
    fresh process per figure, since a second merge of the same sentences would find them analysed."""
    merge_all(*load_groups(_written(scratch, 100, WARM_SEED)))
    loaded = [load_groups(site) for site in sites]
    articles = sum(len(g) for _config, _site, groups in loaded for g in groups.values())
    started = time.process_time()
    merged = [story for one in loaded for story in merge_all(*one)]
    spent = time.process_time() - started
    print(f"sites: {articles} articles, {len(merged)} stories; ms of CPU per article: {spent / articles * 1000:.2f}; "
          f"digest {digest(merged)[:16]}")


def one_big(site: Path) -> None:
    config, loaded, groups = load_groups(site)
    started = time.process_time()
    merged = merge_all(config, loaded, groups)
    seconds = time.process_time() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    claims = sum(len(s.claims) for s in merged)
    print(f"{sum(len(g) for g in groups.values())}\t{seconds:.2f}\t{peak_mb:.0f}\t{claims}\t{digest(merged)[:16]}",
          flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=0, help="bench corpus size for the per-article figure")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--merges", type=int, help="merge this many corpora after the untimed one, print nothing")
    parser.add_argument("--overhead", action="store_true",
                        help="with --merges: load the same corpora, merge none (the count to subtract)")
    parser.add_argument("--big", default="", help="comma-separated story sizes, e.g. 100,200,300,400")
    parser.add_argument("--repo", type=Path, default=HERE.parent, help="checkout whose sitegen is merged")
    parser.add_argument("--sites", type=Path, nargs="+", default=[],
                        help="ingested sites of real events: ms of CPU per article of one merge of them all")
    parser.add_argument("--one-big", type=Path, help=argparse.SUPPRESS)  # the child of --big
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.repo.resolve()))
    if args.one_big:
        one_big(args.one_big)
        return 0
    import sitegen

    if args.merges is None:
        print(f"sitegen from {Path(sitegen.__file__).parent}")
    with tempfile.TemporaryDirectory(prefix="sitegen-merge-bench-") as scratch:
        if args.sites:
            real_sites(Path(scratch), args.sites)
        if args.articles:
            per_article(Path(scratch), args.articles, args.runs, args.profile, args.merges, args.overhead)
        if args.big:
            print("articles\tmerge CPU s\tpeak RSS MB\tclaims\tdigest")
            for size in (int(s) for s in args.big.split(",")):
                site = Path(scratch) / f"big-{size}"
                corpus.write_sitegen(event_articles(size), site)
                subprocess.run([sys.executable, __file__, "--repo", str(args.repo), "--one-big", str(site)],
                               check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
