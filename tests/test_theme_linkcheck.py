"""`sitegen check --links` and strict builds: a broken internal link is found, named, and (strict) keeps the
previous output in place."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.cli import main
from sitegen.commands.new import scaffold
from sitegen.errors import SitegenError

BROKEN_TEMPLATE = ('{% extends "theme/article.html" %}{% block content %}'
                   '<a href="{{ url(\'no-such-page/\') }}">gone</a>{{ super() }}{% endblock %}')


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    scaffold(root)
    return root


def test_check_links_passes_on_a_fresh_build_and_names_a_broken_link(site: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    build(site)
    assert main(["check", "--site", str(site), "--links"]) == 0
    (site / "output" / "extra.html").write_text('<a href="/missing.css">x</a>')
    assert main(["check", "--site", str(site), "--links"]) == 1
    assert "extra.html: /missing.css: no such file" in capsys.readouterr().out


def test_check_links_under_a_sub_path(site: Path) -> None:
    build(site, base_url="https://someone.github.io/proj/")
    assert main(["check", "--site", str(site), "--links", "--base-url", "https://someone.github.io/proj/"]) == 0
    assert main(["check", "--site", str(site), "--links"]) == 1  # checked against the wrong base: all escape it


def test_strict_build_fails_on_a_broken_link_and_keeps_old_output(site: Path) -> None:
    build(site)
    marker = site / "output" / "index.html"
    before = marker.read_bytes()
    (site / "templates" / "article.html").write_text(BROKEN_TEMPLATE)
    with pytest.raises(SitegenError, match="no-such-page"):
        build(site, strict=True)
    assert marker.read_bytes() == before
    assert not (site / "output" / "articles").rglob("*.html").__next__().read_text().count("no-such-page")
    build(site)  # not strict: builds, and the checker then finds it
    assert main(["check", "--site", str(site), "--links"]) == 1
