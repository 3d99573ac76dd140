"""A deterministic synthetic corpus: N articles in N/5 stories, about 800 words each.

Every article has front matter, ``##`` headings, lists, links, a FAQ section and sometimes an opinion
container, so the build does the same kinds of work as on a real site. The same seed gives the same
bytes, so timings from different runs and different generators compare like with like.

    python bench/corpus.py --articles 10000 --out bench/corpus/10000
"""
from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

# Invented vocabulary: plain words, no sentences from any real article.
WORDS = (
    "agency board budget council court data deal energy export factory fund grid harbour index inquiry "
    "lab ledger market minister network office panel permit policy port price program project rate "
    "record region report review rule sector share signal site supply system tariff team test trade "
    "treaty vote water yield analyst auditor builder chemist citizen director engineer farmer founder "
    "judge lawyer manager mayor nurse officer pilot regulator researcher senator teacher trader worker "
    "announced approved blocked cited confirmed delayed denied described expanded filed found halted "
    "launched measured noted opened outlined paused published questioned raised reported reviewed "
    "signed stated suspended tested warned early late local national regional quarterly annual recent "
    "sharp modest steady brief formal public private internal external northern southern coastal rural"
).split()
OUTLETS = ("Example Wire", "Sample Ledger", "Demo Daily", "Test Tribune", "Mock Gazette", "Placeholder Post",
           "Specimen Times", "Model Herald", "Dummy Dispatch", "Trial Observer")
CATEGORIES = ("Technology", "Business", "Politics", "Science", "Energy")
TAGS = ("ai", "security", "trade", "climate", "health", "markets", "courts", "space")


@dataclass(frozen=True, slots=True)
class CorpusArticle:
    slug: str
    story: str
    title: str
    outlet: str
    published: datetime
    category: str
    tags: tuple[str, ...]
    body: str


def sentence(rng: random.Random, low: int = 8, high: int = 18) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 8))).capitalize()


def body(rng: random.Random, story_title: str) -> str:
    """About 800 words: lede, three sections with a list and a link, a FAQ, sometimes an opinion."""
    parts = [paragraph(rng, 4), paragraph(rng, 4)]
    for section in range(3):
        parts.append(f"## {title(rng)}")
        parts.append(paragraph(rng, 6))
        parts.append("\n".join(f"- {sentence(rng, 4, 9)}" for _ in range(rng.randint(3, 5))))
        parts.append(f"The [{rng.choice(WORDS)} {rng.choice(WORDS)}](https://example.org/{rng.randint(1, 99999)}) "
                     f"{paragraph(rng, 3)} Some *emphasis* and **strong** text with `code`.")
    if rng.random() < 0.3:
        parts.append("::: opinion\n## Our Take\n" + paragraph(rng, 3) + "\n:::")
    parts.append("## Frequently Asked Questions")
    for _ in range(3):
        parts.append(f"### {title(rng)}?")
        parts.append(paragraph(rng, 2))
    return "\n\n".join(parts) + "\n"


def articles(count: int, seed: int = 7) -> list[CorpusArticle]:
    """``count`` articles, five per story, in a fixed order."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    result = []
    for index in range(count):
        story_index = index // 5
        story_title = title(random.Random(seed * 1_000_003 + story_index))
        outlet = OUTLETS[index % len(OUTLETS)]
        result.append(CorpusArticle(
            slug=f"a{index:05d}-{outlet.lower().replace(' ', '-')}",
            story=f"story-{story_index:05d}",
            title=f"{story_title} ({outlet})",
            outlet=outlet,
            published=start + timedelta(hours=story_index * 3, minutes=(index % 5) * 17),
            category=CATEGORIES[story_index % len(CATEGORIES)],
            tags=tuple(sorted(rng.sample(TAGS, 2))),
            body=body(rng, story_title),
        ))
    return result


def sitegen_text(article: CorpusArticle) -> str:
    return (f"---\ntitle: {article.title!r}\noutlet: {article.outlet}\nurl: https://example.org/{article.slug}\n"
            f"published: {article.published.isoformat()}\nauthor: Staff\nstory: {article.story}\n"
            f"category: {article.category}\ntags: [{', '.join(article.tags)}]\ncites: [Example Wire]\n"
            f"authority: 0.5\n---\n{article.body}")


def hugo_text(article: CorpusArticle) -> str:
    return (f"---\ntitle: {article.title!r}\ndate: {article.published.isoformat()}\n"
            f"categories: [{article.category}]\ntags: [{', '.join(article.tags)}]\n---\n{article.body}")


def pelican_text(article: CorpusArticle) -> str:
    return (f"Title: {article.title}\nDate: {article.published:%Y-%m-%d %H:%M}\nCategory: {article.category}\n"
            f"Tags: {', '.join(article.tags)}\nSlug: {article.slug}\nAuthor: Staff\n\n{article.body}")


SITEGEN_CONFIG = "title: Benchmark corpus\nbase_url: http://127.0.0.1:8000/\ntimezone: UTC\n"


def write_sitegen(corpus: list[CorpusArticle], site: Path) -> None:
    folder = site / "content" / "articles"
    folder.mkdir(parents=True)
    (site / "content" / "stories").mkdir()
    (site / "config.yml").write_text(SITEGEN_CONFIG, encoding="utf-8")
    for article in corpus:
        (folder / f"{article.slug}.md").write_text(sitegen_text(article), encoding="utf-8")


def write_hugo(corpus: list[CorpusArticle], site: Path) -> None:
    """A bare Hugo site with minimal layouts of its own (no theme download)."""
    folder = site / "content" / "posts"
    folder.mkdir(parents=True)
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "http://127.0.0.1:8000/"\ntitle = "Benchmark corpus"\n'
                                    'disableKinds = []\n[markup.goldmark.renderer]\nunsafe = false\n',
                                    encoding="utf-8")
    (layouts / "baseof.html").write_text(
        '<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}'
        '</body></html>\n', encoding="utf-8")
    (layouts / "single.html").write_text(
        '{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Date.Format "2 January 2006" }}</p>'
        '{{ .Content }}</article>{{ end }}\n', encoding="utf-8")
    (layouts / "list.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
        '{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n', encoding="utf-8")
    for article in corpus:
        (folder / f"{article.slug}.md").write_text(hugo_text(article), encoding="utf-8")


def write_pelican(corpus: list[CorpusArticle], site: Path) -> None:
    folder = site / "content"
    folder.mkdir(parents=True)
    (site / "pelicanconf.py").write_text(
        'SITENAME = "Benchmark corpus"\nSITEURL = ""\nPATH = "content"\nTIMEZONE = "UTC"\n'
        'DEFAULT_LANG = "en"\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nDEFAULT_PAGINATION = False\n',
        encoding="utf-8")
    for article in corpus:
        (folder / f"{article.slug}.md").write_text(pelican_text(article), encoding="utf-8")


WRITERS = {"sitegen": write_sitegen, "hugo": write_hugo, "pelican": write_pelican}


def generate(count: int, out: Path, tools: tuple[str, ...] = ("sitegen",), seed: int = 7) -> dict[str, Path]:
    """Write ``out/<tool>/`` for each tool, replacing what was there; returns the site folders."""
    corpus = articles(count, seed)
    sites = {}
    for tool in tools:
        site = out / tool
        if site.exists():
            shutil.rmtree(site)
        site.mkdir(parents=True)
        WRITERS[tool](corpus, site)
        sites[tool] = site
    return sites


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "corpus" / "1000")
    parser.add_argument("--tools", default="sitegen", help="comma-separated: sitegen,hugo,pelican")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    for tool, site in generate(args.articles, args.out, tuple(args.tools.split(",")), args.seed).items():
        print(f"{tool}: {site}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
