"""Issue 17's acceptance on the development corpus: ../shared/corpus/score.py's overall figures.

The corpus texts are never copied here; the test runs the corpus's own scorer against this
checkout's `sitegen` and skips when the corpus is absent.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SCORER = CORPUS / "score.py"
pytestmark = pytest.mark.corpus

# The acceptance figures (issue 17): overall means over every event folder.
MINIMUM = {"noise": 0.95, "keep": 0.97, "meta": 0.92, "sources": 1.00,
           # issue 18: disputes over figures and dates (frames.py) and over names, remarks, venues and
           # causes (assertions.py); 0.11 before both, 0.47 before quantities were keyed by what they
           # name (issue 18q) and slipped/relative dates, seats and numbered years were read (issue 18d);
           # 0.68 -> 0.82 with weekday slips, undated weekdays, vague numbers, landing sites and make-up
           # lists (issue 18o); 0.82 -> 0.85 with estimates from different estimators (issue 18w)
           "disputes": 0.80,
           # issue 18: facts reach the page (a verb test, lists kept whole, a single-source budget per
           # line of reporting, second facts inside a claim's sentences); 0.69 before, 0.76 after;
           # then records, denials, roles in apposition and "That NOUN" read as support: 0.81 -> 0.86;
           # then a reversal, a rival's figure and an undetermined cause shown as claims: 0.86 -> 0.89;
           # then written dates, lone lines in the story's own words and forecasts' own lines: 0.91 -> 0.95
           # (the floor is the acceptance line)
           "facts": 0.90}
# Issue 18: no dispute the keys call false, at most one unexpected dispute per event on average.
MAXIMUM = {"false_disputes": 0, "extra_disputes": 8}


def test_corpus_figures_meet_the_acceptance() -> None:
    if not SCORER.is_file():
        pytest.skip(f"development corpus not found at {CORPUS} (../shared is absent in this checkout)")
    sitegen = Path(sys.executable).with_name("sitegen")
    command = str(sitegen) if sitegen.exists() else f"{sys.executable} -m sitegen"
    done = subprocess.run([sys.executable, str(SCORER), "--sitegen", command], capture_output=True, text=True,
                          timeout=3000, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("corpus:"), done.stdout[-2000:]
    figures = {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", last)}
    low = {name: figures.get(name) for name, least in MINIMUM.items() if figures.get(name, -1.0) < least}
    assert not low, f"below the acceptance: {low}\n{last}"
    high = {name: figures.get(name) for name, most in MAXIMUM.items() if figures.get(name, 0.0) > most}
    assert not high, f"above the acceptance: {high}\n{last}"
