"""The XSS corpus site (tests/fixtures/hostile/xss) built and read back as HTML, XML and JSON:
no payload becomes markup, no javascript:/data: link, JSON-LD cannot be broken out of, a CSP on every page."""
from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.render.environment import json_for_script
from sitegen.render.markdown import make_renderer

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "hostile" / "xss"
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}
# Elements the theme never emits and that only an injected payload could add (a sanitiser may keep a harmless
# <details> without its handler; the event-handler check covers that)
FORBIDDEN_TAGS = {"iframe", "object", "embed", "svg", "math", "base", "frame", "frameset", "style"}


@dataclass
class Script:
    attrs: dict[str, str]
    text: str = ""


@dataclass
class PageScan(HTMLParser):
    """Tags, attributes and script blocks of one page, as a browser's tokenizer would see them."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    scripts: list[Script] = field(default_factory=list)
    _in_script: Script | None = None

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        if tag == "script":
            self._in_script = Script(values)
            self.scripts.append(self._in_script)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self._in_script.text += data


def scan(html: str) -> PageScan:
    parser = PageScan()
    parser.feed(html)
    parser.close()
    return parser


def scheme_of(url: str) -> str:
    """The scheme a browser would see: it drops whitespace and control characters first."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", url).lower()
    return cleaned.split(":", 1)[0] + ":" if ":" in cleaned.split("/", 1)[0] else ""


def build_corpus(out: Path, raw_html: bool = False) -> Path:
    site = out.parent / ("site-raw" if raw_html else "site")
    shutil.copytree(FIXTURE, site, ignore=shutil.ignore_patterns(".sitegen-cache", "output"))
    if raw_html:
        with (site / "config.yml").open("a", encoding="utf-8") as handle:
            handle.write("raw_html: true\n")
    build(site, out)
    return out


@pytest.fixture(scope="module", params=[False, True], ids=["raw-html-off", "raw-html-on"])
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("xss") / "output", raw_html=request.param)


def html_pages(out: Path) -> list[Path]:
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 5, "the corpus must produce story, article, index and 404 pages"
    return pages


def test_corpus_reaches_every_kind_of_page(corpus: Path) -> None:
    names = {p.relative_to(corpus).as_posix() for p in html_pages(corpus)}
    assert {"index.html", "404.html", "stories/xss-story/index.html", "articles/xss-corpus/index.html",
            "articles/xss-second/index.html"} <= names
    story = (corpus / "stories" / "xss-story" / "index.html").read_text(encoding="utf-8")
    assert "__pwned" in story, "the payloads must reach the page as text, or the test proves nothing"


def test_no_payload_becomes_markup(corpus: Path) -> None:
    for page in html_pages(corpus):
        parsed = scan(page.read_text(encoding="utf-8"))
        where = page.relative_to(corpus)
        for tag, attrs in parsed.tags:
            assert tag not in FORBIDDEN_TAGS, f"{where}: injected <{tag}>"
            for name, value in attrs.items():
                assert not name.startswith("on"), f"{where}: event handler {name}={value!r} on <{tag}>"
                assert "__pwned" not in value or name in {"content", "title", "alt", "id", "aria-label", "value",
                                                          "datetime", "data-title"} or name in URL_ATTRS, \
                    f"{where}: payload in {name} of <{tag}>"
                if name in URL_ATTRS:
                    assert scheme_of(value) not in BAD_SCHEMES, f"{where}: {name}={value!r} on <{tag}>"
        for script in parsed.scripts:
            if script.attrs.get("type") == "application/ld+json":
                continue
            assert "__pwned" not in script.text, f"{where}: payload inside an executable <script>"
            assert script.attrs.get("src", "").startswith(("/", "static/", "../")), \
                f"{where}: unexpected script {script.attrs}"


def test_template_syntax_in_content_is_not_evaluated(corpus: Path) -> None:
    page = (corpus / "articles" / "xss-second" / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, flags=re.S)
    assert heading and "{{ 7 * 7 }}{% raw %}" in heading.group(1)
    assert "49" not in heading.group(1)


def test_json_ld_blocks_are_valid_and_cannot_be_broken_out_of(corpus: Path) -> None:
    seen = 0
    for page in html_pages(corpus):
        html = page.read_text(encoding="utf-8")
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S):
            seen += 1
            assert "<" not in block and ">" not in block, f"{page}: raw angle bracket in JSON-LD"
            data = json.loads(block)
            assert isinstance(data, (dict, list))
    assert seen >= 1, "the theme emits JSON-LD on story and article pages"
    story = (corpus / "stories" / "xss-story" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', story, flags=re.S)
    assert any("</script><script>window.__pwned='breakout'</script>" in json.dumps(json.loads(b),
                                                                                     ensure_ascii=False)
               for b in blocks), "the story title survives inside JSON-LD as data"


def test_json_for_script_escapes_breakouts() -> None:
    hostile = {"name": "</script><script>alert(1)</script><!-- & \u2028\u2029"}
    text = str(json_for_script(hostile))
    assert "</" not in text and "<!--" not in text and "&" not in text.replace("\\u0026", "")
    assert json.loads(text) == hostile


def test_every_page_carries_a_strict_csp(corpus: Path) -> None:
    for page in html_pages(corpus):
        parsed = scan(page.read_text(encoding="utf-8"))
        csp = [a.get("content", "") for t, a in parsed.tags
               if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"]
        assert len(csp) == 1, f"{page.relative_to(corpus)}: no Content-Security-Policy meta tag"
        directives = {d.split()[0]: d.split()[1:] for d in csp[0].split(";") if d.strip()}
        script_src = directives.get("script-src", directives.get("default-src", []))
        assert script_src, "script-src or default-src must be set"
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert "data:" not in script_src and "*" not in script_src
        assert directives.get("object-src") == ["'none'"]
        hashes = {h.strip("'") for h in script_src if h.startswith("'sha256-")}
        for script in parsed.scripts:
            if script.attrs.get("type") == "application/ld+json" or "src" in script.attrs:
                continue
            digest = "sha256-" + base64.b64encode(hashlib.sha256(script.text.encode()).digest()).decode()
            assert digest in hashes, f"{page}: inline script not allowed by a hash in the CSP"


def test_feed_and_sitemap_stay_well_formed_xml(corpus: Path) -> None:
    feed = ET.parse(corpus / "feed.xml").getroot()
    titles = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert any("</script><script>window.__pwned='breakout'</script>" in t for t in titles)
    ET.parse(corpus / "sitemap.xml")


def test_story_json_round_trips_payloads_as_data(corpus: Path) -> None:
    data = json.loads((corpus / "stories" / "xss-story" / "story.json").read_text(encoding="utf-8"))
    assert data["title"].endswith("</script><script>window.__pwned='breakout'</script>")


@pytest.mark.parametrize("link", [
    "[a](javascript:alert(1))", "[a](JaVaScRiPt:alert(1))", "[a](java&#115;cript:alert(1))",
    "[a](java&#x73;cript:alert(1))", "[a](&#106;avascript:alert(1))", "[a]( javascript:alert(1))",
    "[a](data:text/html;base64,PHNjcmlwdD4=)", "[a](vbscript:msgbox(1))", "![a](javascript:alert(1))",
    "<javascript:alert(1)>", "[a][r]\n\n[r]: javascript:alert(1)", "[a](<javascript:alert(1)>)",
    "[a](java\tscript:alert(1))", "<a href=\"javascript:alert(1)\">a</a>", "<a href=\"jav&#x09;ascript:alert(1)\">a</a>",
])
@pytest.mark.parametrize("raw_html", [False, True])
def test_markdown_never_links_dangerous_schemes(link: str, raw_html: bool) -> None:
    html = make_renderer(raw_html)(link + "\n")
    for tag, attrs in scan(html).tags:
        for name in ("href", "src"):
            if name in attrs:
                assert scheme_of(attrs[name]) not in BAD_SCHEMES, f"{link!r} -> {html!r}"


@pytest.mark.parametrize("raw_html", [False, True])
def test_markdown_raw_html_is_escaped_or_sanitised(raw_html: bool) -> None:
    source = "<script>alert(1)</script>\n\n<p onclick=\"alert(1)\">hi</p>\n\n<img src=x onerror=alert(1)>\n"
    parsed = scan(make_renderer(raw_html)(source))
    assert all(tag != "script" for tag, _ in parsed.tags)
    assert all(not name.startswith("on") for _, attrs in parsed.tags for name in attrs)
    if raw_html:
        assert any(tag == "img" for tag, _ in parsed.tags), "raw_html keeps safe markup"
