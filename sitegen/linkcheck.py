"""Find broken internal links and missing assets in a built site (``sitegen check --links``, strict builds).

Works on a mapping of output path -> bytes, so a strict build can check its pages before writing them,
and ``check_dir`` reads an existing ``output/``. Every ``href``/``src``/``srcset`` in HTML, every ``url()``
in CSS and every ``<loc>``/``href`` in feed.xml and sitemap.xml is resolved the way a browser would
(relative to the page, under the site's base path); external URLs are not fetched. Fragments
(``#source-s1``) must name an ``id`` on the target page.
"""
from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping
from urllib.parse import unquote, urljoin, urlsplit

from .errors import SitegenError

log = logging.getLogger("sitegen.linkcheck")

HTML_ATTR = re.compile(r"""\s(href|src|srcset|poster|action|id)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
XML_URL = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>|\shref=\"([^\"]+)\"")
HOST = "http://site.invalid"  # a stand-in origin for resolving root-relative links


@dataclass(frozen=True, slots=True)
class BrokenLink:
    page: str  # output path of the page holding the link
    target: str  # the link as written
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.target}: {self.reason}"


def _parse_html(content: bytes) -> tuple[list[str], set[str]]:
    """(link targets, element ids) of one page. A regex over attributes, not an HTML parser: html.parser
    costs ~10x more, and a strict build of 10,000 articles runs this on every page."""
    links: list[str] = []
    ids: set[str] = set()
    for name, double, single in HTML_ATTR.findall(content.decode("utf-8", errors="replace")):
        value = html.unescape(double or single)
        name = name.lower()
        if name == "id":
            ids.add(value)
        elif name == "srcset":
            links.extend(part.split()[0] for part in value.split(",") if part.strip())
        else:
            links.append(value)
    return links, ids


def _page_url(path: str, base_path: str) -> str:
    """The URL a page is served at: 'stories/x/index.html' -> '/base/stories/x/'."""
    url = base_path + path
    return url[: -len("index.html")] if url.endswith("/index.html") or url == base_path + "index.html" else url


def _target_file(url_path: str, base_path: str, files: Mapping[str, bytes]) -> str | None:
    """The output file a URL path is served from, as a static server would pick it; None if there is none."""
    if not url_path.startswith(base_path):
        return None
    rel = unquote(url_path[len(base_path):])
    candidates = [rel + "index.html"] if rel.endswith("/") or rel == "" else [rel, rel + "/index.html"]
    return next((c for c in candidates if c in files), None)


def _links_of(path: str, content: bytes, ids: dict[str, set[str]]) -> list[str]:
    if path.endswith(".html"):
        links, ids[path] = _parse_html(content)
        return links
    if path.endswith(".css"):
        return CSS_URL.findall(content.decode("utf-8", errors="replace"))
    if path.endswith(".xml"):
        return [a or b for a, b in XML_URL.findall(content.decode("utf-8", errors="replace"))
                if not (a or b).startswith(("http://www.w3.org/", "http://www.sitemaps.org/"))]
    if path == "robots.txt":
        return re.findall(r"(?im)^sitemap:\s*(\S+)", content.decode("utf-8", errors="replace"))
    return []


def check_files(files: Mapping[str, bytes], base_url: str) -> list[BrokenLink]:
    """Every internal link in ``files`` (output path -> content) that does not resolve, in page order."""
    base = urlsplit(base_url)
    base_path = base.path or "/"
    origin = f"{base.scheme}://{base.netloc}"
    ids: dict[str, set[str]] = {}
    pending: list[tuple[str, str, str, str | None]] = []  # (page, link, target file, fragment)
    broken: list[BrokenLink] = []
    for path in sorted(files):
        page_url = HOST + _page_url(path, base_path)
        for link in _links_of(path, files[path], ids):
            result = _resolve(link, page_url, origin, base_path, files)
            if isinstance(result, BrokenLink):
                broken.append(BrokenLink(path, link, result.reason))
            elif result is not None:
                pending.append((path, link, *result))
    for page, link, target, fragment in pending:
        if fragment and target.endswith(".html") and fragment not in ids.get(target, set()):
            broken.append(BrokenLink(page, link, f"no element with id '{fragment}' in {target}"))
    return broken


def _resolve(link: str, page_url: str, origin: str, base_path: str,
             files: Mapping[str, bytes]) -> tuple[str, str | None] | BrokenLink | None:
    """(target file, fragment) for an internal link, a BrokenLink, or None for links we do not check."""
    link = link.strip()
    if not link or link.startswith(("mailto:", "tel:", "data:", "javascript:")):
        return None
    if link.startswith(origin + "/") or link == origin:
        link = link[len(origin):] or "/"  # an absolute URL on our own site (feeds, canonical)
    parts = urlsplit(urljoin(page_url, link))
    if f"{parts.scheme}://{parts.netloc}" != HOST:
        return None  # another site: not fetched
    target = _target_file(parts.path, base_path, files)
    if target is None:
        where = "outside the site's base path " + base_path if not parts.path.startswith(base_path) else "no such file"
        return BrokenLink("", link, f"{where} ({parts.path})")
    return target, unquote(parts.fragment) or None


def read_tree(out_dir: Path) -> dict[str, bytes]:
    """Output path -> content for every file under ``out_dir``."""
    return {p.relative_to(out_dir).as_posix(): p.read_bytes() for p in sorted(out_dir.rglob("*")) if p.is_file()}


def check_dir(out_dir: Path, base_url: str) -> list[BrokenLink]:
    return check_files(read_tree(out_dir), base_url)


def report(broken: Iterable[BrokenLink]) -> str:
    lines = [str(b) for b in broken]
    return "\n".join(lines)


def check_staged(staging: Path, target: Path, written: Iterable[str], kept: Iterable[str],
                 base_url: str) -> list[BrokenLink]:
    """Check a build before it is swapped in: ``written`` files are in ``staging``, ``kept`` ones still in
    ``target`` (an incremental build leaves unchanged files where they are)."""
    files = {path: staging.joinpath(*path.split("/")).read_bytes() for path in written}
    files.update({path: target.joinpath(*path.split("/")).read_bytes() for path in kept if path not in files})
    return check_files(files, base_url)


def fail_on_broken(broken: list[BrokenLink], shown: int = 20) -> None:
    """Raise one SitegenError listing the first ``shown`` broken links."""
    if not broken:
        return
    more = f"\n... and {len(broken) - shown} more" if len(broken) > shown else ""
    raise SitegenError(f"{len(broken)} broken internal link(s) or missing asset(s):\n"
                       + report(broken[:shown]) + more)
