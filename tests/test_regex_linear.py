"""Every regex ingest and the merge apply to untrusted text runs in linear time (see regex_harness)."""
from __future__ import annotations

import re


from regex_harness import BUDGET, Found, discover, run_all


def test_discovery_reaches_rule_tables_lexicons_and_inline_patterns() -> None:
    from sitegen.config import Config
    from sitegen.ingest.metadata import CITE_PATTERNS
    from sitegen.ingest.rules import compile_rules
    from sitegen.merge.hedges import lexicon

    found = {(item.pattern, item.flags & ~re.UNICODE) for item in discover()}
    rules = compile_rules(Config(root=__import__("pathlib").Path(".")))
    lex = lexicon()
    wanted = [*(rule.regex for rule in rules), *CITE_PATTERNS, lex.hedge, lex.boilerplate, lex.skipped_section,
              re.compile(r"(?i)\.|news|times|post|journal|daily|feed|wire|press|media|tribune|herald|review")]
    missing = [p.pattern for p in wanted if (p.pattern, p.flags & ~re.UNICODE) not in found]
    assert not missing


def test_the_harness_kills_and_reports_a_backtracking_pattern() -> None:
    quadratic = Found("planted", r"\s*,\s*", 0)  # every space of a long run starts a scan to its end
    timings = run_all([quadratic], kill_after=1.0)
    assert any(t.killed or t.seconds > BUDGET for t in timings)


def test_every_pattern_is_linear_on_adversarial_megabyte_strings() -> None:
    timings = run_all()
    assert len({t.found for t in timings}) == len(discover())
    slow = sorted((t for t in timings if t.killed or t.seconds > BUDGET), key=lambda t: -t.seconds)
    assert not slow, "\n".join(f"{t.seconds:.2f} s{' (killed)' if t.killed else ''} on {t.text}: {t.found.where} "
                               f"{t.found.pattern[:120]!r}" for t in slow[:20])
