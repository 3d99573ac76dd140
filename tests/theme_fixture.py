"""A hand-made merged story with every part the story page shows, for theme and browser tests.

Built directly as model objects (the renderer never computes facts), in the project's own words.
A hostile article title checks that nothing from content can break out of the page.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from sitegen import output, render
from sitegen.config import Config
from sitegen.model import (Article, Attribution, Claim, Confidence, Dispute, DisputeValue, FaqItem, Provenance,
                           Quote, Site, Source, Story, TimelineEntry)

HOSTILE = "</script><script>alert(1)</script> & <b>bold</b>"


def _at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 5, day, hour, 0, tzinfo=timezone.utc)


def articles() -> tuple[Article, ...]:
    def art(slug: str, title: str, outlet: str | None, day: int, **kw: object) -> Article:
        return Article(slug=slug, source_path=Path(f"content/articles/{slug}.md"), title=title,
                       body=kw.pop("body", "## What happened\n\nThe harbour bridge closes for repairs.\n"),  # type: ignore[arg-type]
                       outlet=outlet, url=f"https://{(outlet or 'x').lower().replace(' ', '')}.example/{slug}",
                       published=_at(day), story="bridge-closure", category="Local news",
                       tags=("bridges", "transport"), **kw)  # type: ignore[arg-type]
    return (
        art("wire-bridge", "Harbour bridge to shut for six weeks", "Example Wire", 1, author="Ann Writer",
            body="## Closure\n\nThe bridge shuts on June 2 for deck repairs, the council said.\n\n"
                 "::: opinion\n## Our take\n\nLong overdue.\n:::\n"),
        art("daily-bridge", "Bridge closure confirmed by council", "Demo Daily", 2, cites=("Example Wire",)),
        art("ledger-bridge", HOSTILE, "Sample Ledger", 3, syndicated_from="Demo Daily"),
    )


def story() -> Story:
    sources = (
        Source("s1", "wire-bridge", "Example Wire", "Harbour bridge to shut for six weeks",
               "https://examplewire.example/wire-bridge", _at(1), "original", author="Ann Writer",
               authority=0.7, claims=("c1", "c2", "c3")),
        Source("s2", "daily-bridge", "Demo Daily", "Bridge closure confirmed by council",
               "https://demodaily.example/daily-bridge", _at(2), "follows", cites=("Example Wire",),
               authority=0.6, claims=("c1", "c2")),
        Source("s3", "ledger-bridge", "Sample Ledger", HOSTILE, None, _at(3), "syndicated",
               syndicated_from="s2", authority=None, claims=("c1",)),
    )
    claims = (
        Claim("c1", "The harbour bridge closes to traffic for repairs.", "corroborated", ("s1", "s2", "s3"), 2,
              why="Stated by 2 independent outlets; the third is a copy.",
              quotes=(Quote("s2", "the council confirmed the works"),)),
        Claim("c2", "Works start on June 2.", "disputed", ("s1", "s2"), 2,
              why="Outlets give different start dates.", dispute="d1"),
        Claim("c3", "A ferry will replace the crossing.", "single-source", ("s1",), 1,
              why="Only Example Wire reports it."),
        Claim("c4", "Cracks were found in the deck.", "alleged", ("s1",), 1, hedged=True,
              why="Reported as unconfirmed, from an unnamed engineer."),
        Claim("c5", "The council owns the bridge.", "confirmed", ("s1", "s2"), 3,
              why="Stated without hedging by 3 independent outlets."),
    )
    return Story(
        slug="bridge-closure", key="bridge-closure", title="Harbour bridge closes for repairs",
        summary="The council is closing the harbour bridge for deck repairs; the start date differs by source.",
        confidence=Confidence("medium", "Two independent outlets agree on the closure; the date is disputed."),
        sources=sources, claims=claims,
        disputes=(Dispute("d1", "When the works start", "date",
                          (DisputeValue("2 June", ("s1",), "works begin on June 2"), DisputeValue("9 June", ("s2",))),
                          likely="2 June"),),
        provenance=Provenance(2, (Attribution("s2", "Example Wire", "as Example Wire first reported"),),
                              first_reported_by="Example Wire", anonymous_sourcing=True),
        timeline=(TimelineEntry("2026-05-01", "Closure announced.", ("s1",)),
                  TimelineEntry("2026-06-02", "Works begin.", ("s1",))),
        faq=(FaqItem("When does the bridge close?", "On June 2, according to most reports.", ("s1",), "article"),
             FaqItem("What is not known?", "How long the ferry will run.", (), "generated")),
        dek="Six weeks of deck repairs; outlets disagree on the first day.", category="Local news",
        first_seen=_at(1), updated=_at(3), note="We asked the council for the **contract**; no reply yet.",
        tags=("bridges",),
    )


def render_site(root: Path, base_url: str = "http://127.0.0.1:8000/",
                article_pages: str = "full") -> tuple[Config, dict[str, bytes]]:
    """Render the fixture story into pages (output path -> bytes) without writing them. The fixture's
    articles are our own text, so by default their pages show it whole (``article_pages: full``)."""
    config = Config(root=root, title="Fixture News", description="A test site.", base_url=base_url,
                    article_pages=article_pages)
    site = Site(root=root, articles=articles())
    env = render.make_environment(config, strict=True)
    pages = render.pages([story()], site, config, env, render.make_renderer(False))
    return config, {p.path: p.content for p in pages}


def write_site(root: Path, out_dir: Path, base_url: str = "http://127.0.0.1:8000/") -> Path:
    config = Config(root=root, title="Fixture News", description="A test site.", base_url=base_url,
                    article_pages="full")
    site = Site(root=root, articles=articles())
    env = render.make_environment(config, strict=True)
    output.write(render.pages([story()], site, config, env, render.make_renderer(False)), out_dir)
    return out_dir
