"""config.yml validation: types, unknown keys and bad values name the key and its line."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitegen import config
from sitegen.errors import SitegenError


def parse(text: str) -> config.Config:
    return config.parse(text, Path("site/config.yml"), Path("site"))


def error_of(text: str) -> SitegenError:
    with pytest.raises(SitegenError) as info:
        parse(text)
    return info.value


def test_full_config_is_typed() -> None:
    cfg = parse(
        "title: T\nbase_url: https://user.github.io/repo\ntimezone: Asia/Shanghai\n"
        "outlets:\n  Reuters: {domain: reuters.com, authority: 0.9, owner: Thomson, aliases: [RTRS]}\n"
        "badges: {confirmed: 4, corroborated: 2}\nhedge_words: [supposedly]\n"
    )
    assert cfg.base_url == "https://user.github.io/repo/"
    assert cfg.base_path == "/repo/"
    assert cfg.badges.confirmed == 4
    assert cfg.outlets[0].authority == 0.9 and cfg.outlets[0].owner == "Thomson"
    assert cfg.outlet("rtrs") is cfg.outlets[0] and cfg.outlet("reuters.com") is cfg.outlets[0]
    assert cfg.hedge_words == ("supposedly",)
    assert str(cfg.tz) == "Asia/Shanghai"


def test_empty_config_uses_defaults() -> None:
    cfg = parse("")
    assert cfg.base_path == "/" and cfg.badges.confirmed == 3 and cfg.timezone == "UTC"


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("title: T\ntitel: x\n", 2, "unknown key 'titel'"),
        ("title: T\nbadges:\n  confirmed: three\n", 3, "badges.confirmed"),
        ("title: [a, b]\n", 1, "'title' must be a single value"),
        ("base_url: /relative/\n", 1, "absolute http(s) URL"),
        ("timezone: Mars/Olympus\n", 1, "not a known time zone"),
        ("outlets:\n  X: {authority: 7}\n", 2, "between 0 and 1"),
        ("outlets:\n  X: {domian: x.com}\n", 2, "unknown key 'outlets.X.domian'"),
        ("badges: {confirmed: 2, corroborated: 3}\n", 1, "cannot exceed"),
        ("raw_html: yes please\n", 1, "true or false"),
        ("title: T\npage_size: 0\n", 2, "'page_size' must be at least 1"),
        ("feed_size: 100000\n", 1, "'feed_size' must be at most"),
        ("title: T\n  bad: indent\n", 2, "invalid YAML"),
        ("output_dir: ../elsewhere\n", 1, "relative folder inside the site"),
        ("noise_rules:\n  - {name: x, pattern: '('}\n", 2, "not a valid regex"),
    ],
)
def test_errors_name_key_and_line(text: str, line: int, needle: str) -> None:
    err = error_of(text)
    assert err.path == "site/config.yml"
    assert err.line == line, str(err)
    assert needle in err.message
    assert str(err).startswith(f"site/config.yml:{line}: ")


def test_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SitegenError, match="no config.yml"):
        config.load(tmp_path)


def test_with_base_url_keeps_everything_else(tmp_path: Path) -> None:
    cfg = parse("title: T\n")
    moved = config.with_base_url(cfg, "https://example.org/sub")
    assert moved.base_path == "/sub/" and moved.title == "T"
