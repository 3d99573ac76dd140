"""`sitegen check [STORY]`: what the merge made of the content, per story, before you build.

Prints the automatic clusters (so a curator can pin them with ``story:`` or a story file's
``articles:``), then per story: sources by role, claims by badge, then each claim with its id, badge,
why and sources (the ids a story file's ``badges:``, ``merge:`` and ``split:`` name), the disputes,
story-file entries that match nothing, and warnings (a story resting on one source or one line of
reporting, sources without a date). With STORY, only that story (by slug or key).
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable

from .. import config as config_module
from .. import content, history
from ..errors import Diagnostics, SitegenError, format_location
from ..merge import clusters, stories
from ..merge.source_names import UNKNOWN_OUTLET
from ..model import BADGES, Story, StoryFile


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("check", parents=[common], help="report stories, clusters and warnings",
                                   description="Report what the merge makes of the content: clusters, "
                                               "sources, claims by badge, disputes and warnings.")
    parser.add_argument("story", nargs="?", default=None, metavar="STORY",
                        help="report only this story (its slug or key), e.g. to review it claim by claim")
    parser.add_argument("--site", type=Path, default=Path("."), help="site directory (default: current)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when there is any warning")
    parser.add_argument("--links", action="store_true",
                        help="instead: find broken internal links and missing assets in the built output")
    parser.add_argument("--out", type=Path, default=None, help="with --links: output folder (default: <site>/output)")
    parser.add_argument("--base-url", default=None, help="with --links: the base_url the output was built for")
    parser.set_defaults(handler=run)


def story_warnings(story: Story) -> list[str]:
    """Plain-language warnings a curator should look at for one story."""
    warnings = []
    if len(story.sources) == 1:
        warnings.append("rests on a single source")
    elif story.provenance.independent_lines <= 1:
        warnings.append("all reporting traces back to one line of reporting")
    if story.provenance.anonymous_sourcing:
        warnings.append("the main claim rests on an unnamed source")
    undated = [s.article for s in story.sources if s.published is None]
    if undated:
        warnings.append("no publish date: " + ", ".join(undated))
    return warnings


def story_report(story: Story) -> list[str]:
    roles = Counter(s.role for s in story.sources)
    badges = Counter(c.badge for c in story.claims)
    lines = [f"story {story.slug}: {story.title}",
             f"  sources: {len(story.sources)} (" + ", ".join(f"{n} {r}" for r, n in sorted(roles.items())) + ")"
             + f"; independent lines: {story.provenance.independent_lines}",
             "  claims: " + (", ".join(f"{badges[b]} {b}" for b in BADGES if badges[b]) or "none"),
             f"  confidence: {story.confidence.level}: {story.confidence.explanation}"]
    cite = _citer(story)
    for c in story.claims:
        lines.append(f"  claim {c.id} [{c.badge}] {_one_line(c.text)}")
        lines.append(f"    why: {c.why}")
        lines.append(f"    sources: {cite(c.sources)}" + (f"; dispute {c.dispute}" if c.dispute else ""))
    for d in story.disputes:
        values = "; ".join(f"{_one_line(v.value)} ({cite(v.sources)})" for v in d.values)
        lines.append(f"  dispute {d.id} [{d.kind}] {d.about}: {values}" + (f" -> likely {d.likely}" if d.likely else ""))
    lines.extend(f"  story file: {n}" for n in story.curator_notes)
    lines.extend(f"  warning: {w}" for w in story_warnings(story))
    return lines


def next_publish_report(story: Story, story_file: StoryFile | None, file: history.HistoryFile | None) -> list[str]:
    """What ``sitegen build --record`` or ``sitegen deploy`` would add to the story's history."""
    found = history.pending(story, story_file, file)
    lines = [f"  warning: {format_location(str(path) if path else None, line, problem)}"
             for problem, (path, line) in history.unknown_claims(story, story_file)]
    if not found:
        return lines + ["  history: the next publish adds nothing"]
    lines.append(f"  history: the next publish adds {len(found)} update(s):")
    for change in found:
        cited = f" [{', '.join(change.sources)}]" if change.sources else ""
        lines.append(f"    {change.kind}: {change.text}{cited}")
    return lines
def _citer(story: Story) -> Callable[[Iterable[str]], str]:
    """Source ids -> "[1] Outlet, [3] Outlet": numbered as the page's source list, named as on the page."""
    label = {s.id: f"[{n}] {s.outlet or UNKNOWN_OUTLET}" for n, s in enumerate(story.sources, 1)}
    return lambda ids: ", ".join(label.get(i, i) for i in ids) or "none"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def run(args: argparse.Namespace) -> int:
    if getattr(args, "links", False):
        return run_links(args)
    cfg = config_module.load(args.site)
    diagnostics = Diagnostics()
    site = content.load(cfg, diagnostics)
    merged = stories(site, cfg, diagnostics)
    histories = history.load(cfg)
    if args.story is not None:
        merged = [s for s in merged if args.story in (s.slug, s.key)]
        if not merged:
            raise SitegenError(f"no story '{args.story}'; run sitegen check to list the stories", args.site)
    else:
        automatic = clusters(site, cfg)
        print(f"{len(site.articles)} articles")
        for n, members in enumerate(automatic, 1):
            print(f"automatic cluster {n} (pin with story: or a story file's articles:): {', '.join(members)}")
    warned = bool(diagnostics.warnings)
    for story in merged:
        for line in story_report(story):
            print(line)
        for line in next_publish_report(story, site.story_files.get(story.key), history.file_of(histories, story)):
            print(line)
        warned = warned or bool(story_warnings(story)) or bool(story.curator_notes)
    return 1 if args.strict and warned else 0


def run_links(args: argparse.Namespace) -> int:
    """``sitegen check --links``: 0 when every internal link and asset in the output resolves, else 1."""
    from .. import linkcheck

    cfg = config_module.load(args.site)
    if args.base_url:
        cfg = config_module.with_base_url(cfg, args.base_url)
    out_dir = args.out if args.out is not None else cfg.root / cfg.output_dir
    if not out_dir.is_dir():
        raise SitegenError(f"no built site at {out_dir}; run sitegen build first", out_dir)
    broken = linkcheck.check_dir(out_dir, cfg.base_url)
    if broken:
        print(linkcheck.report(broken))
        print(f"{len(broken)} broken internal link(s) or missing asset(s)")
        return 1
    print(f"no broken internal links in {out_dir}")
    return 0
