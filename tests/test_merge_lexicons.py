"""The merge's lexicons extended from config.yml (`merge_lexicons:`): validation with file:line
errors, and one extension through the real CLI build. Fixtures are written for these tests."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen import config
from sitegen.errors import SitegenError
from sitegen.merge import newsworthy
from sitegen.merge.hedges import site_lexicon

from conftest import HANG_GUARD

REPO = Path(__file__).resolve().parents[1]


def parse(text: str) -> config.Config:
    return config.parse(text, Path("site/config.yml"), Path("site"))


def test_each_lexicon_key_is_read_as_a_list_of_words() -> None:
    cfg = parse("merge_lexicons:\n  hedges: [per a filing]\n  anonymous: ['a person  briefed on']\n"
                "  speculation: [reckons]\n  commentary: [folks]\n  imperative_openers: [tap here]\n")
    lex = cfg.merge_lexicons
    assert lex.hedges == ("per a filing",) and lex.anonymous == ("a person briefed on",)
    assert lex.speculation == ("reckons",) and lex.commentary == ("folks",)
    assert lex.imperative_openers == ("tap here",)


@pytest.mark.parametrize(("text", "line", "words"), [
    ("title: T\nmerge_lexicons:\n  hedgez: [x]\n", 3, "unknown key 'merge_lexicons.hedgez'"),
    ("merge_lexicons:\n  hedges: per a filing\n", 2, "'merge_lexicons.hedges' must be a list"),
    ("merge_lexicons:\n  commentary:\n    - folks\n    - '  '\n", 4, "word or phrase"),
    ("merge_lexicons:\n  speculation: [3]\n", 2, "must be a string"),
    ("merge_lexicons: [hedges]\n", 1, "mapping"),
])
def test_a_bad_lexicon_entry_names_its_key_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(SitegenError) as info:
        parse(text)
    assert info.value.line == line and words in str(info.value)
    assert str(info.value.path).endswith("config.yml")


def test_extensions_reach_the_compiled_tests() -> None:
    cfg = parse("merge_lexicons:\n  anonymous: [a person briefed on]\n  commentary: [folks]\n"
                "  imperative_openers: [tap here]\n")
    assert site_lexicon(cfg).hedge_cue("The mill will shut, according to a person briefed on the plan.")
    assert site_lexicon(parse("")).hedge_cue("The mill will shut, according to a person briefed on the plan.") is None
    rules = newsworthy.statement_rules(cfg.merge_lexicons.commentary, cfg.merge_lexicons.imperative_openers)
    assert not rules.is_statement("Folks, the mill on the river shuts down in June.")
    assert not rules.is_statement("Tap here for the mill closure timetable and maps.")
    assert newsworthy.is_statement("Folks, the mill on the river shuts down in June.")  # the default lexicon


ARTICLE = """---
title: {title}
outlet: {outlet}
published: 2031-05-0{day}T09:00:00+00:00
story: mill
---
{line}

The mill employs 340 people on the east bank of the river, {outlet} reported.
"""
LINES = ("The Harrow paper mill will close in June, according to a person briefed on the plan.",
         "Harrow's paper mill is to shut down in June, according to a person briefed on the plan.",
         "The paper mill in Harrow will close its doors in June, according to a person briefed on the plan.")


def build(site: Path, extra_config: str) -> dict:
    (site / "content" / "articles").mkdir(parents=True)
    (site / "config.yml").write_text(f"title: Mill\nbase_url: http://127.0.0.1:8000/\n{extra_config}")
    for n, line in enumerate(LINES, 1):
        text = ARTICLE.format(title=f"Harrow mill to close ({n})", outlet=f"Outlet {n}", day=n, line=line)
        (site / "content" / "articles" / f"mill-{n}.md").write_text(text)
    result = subprocess.run([sys.executable, "-m", "sitegen", "build", "--site", str(site)], capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=HANG_GUARD)
    assert result.returncode == 0, result.stderr
    return json.loads((site / "output" / "stories" / "mill" / "story.json").read_text())


def closure_claim(story: dict) -> dict:
    return next(c for c in story["claims"] if "June" in c["text"])


def test_an_anonymous_cue_from_config_makes_the_claim_alleged_end_to_end(tmp_path: Path) -> None:
    plain = closure_claim(build(tmp_path / "plain", ""))
    extended = closure_claim(build(tmp_path / "extended", "merge_lexicons:\n  anonymous: [a person briefed on]\n"))
    assert plain["badge"] == "confirmed"
    assert extended["badge"] == "alleged" and extended["hedged"]
