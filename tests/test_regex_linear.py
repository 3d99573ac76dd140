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


def test_a_name_read_back_from_its_cue_is_the_one_the_name_first_regex_finds() -> None:
    import random

    from sitegen.ingest.metadata import CITE_PATTERNS, NAME, find_cites, names_before

    reference = re.compile(rf"(?P<name>{NAME}),? (?:which |who )?(?:first|originally|earlier|exclusively) reported\b")
    words = ["Harbour", "Gazette", "The", "Daily", "of", "the", "and", "&", "de", "2024", "O'Brien", "Port.News",
             "Anne-Marie", "first", "reported", "first reported", ", which first reported", "reportedly", "which", "who", "originally", "said", "it", "'s", "(", "x"]
    rng = random.Random(5)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 20))).replace(" ( ", " (").replace(" ,", ",")
             for _ in range(3000)]
    assert [list(names_before(CITE_PATTERNS[1], t)) for t in texts] == \
        [[m.group("name") for m in reference.finditer(t)] for t in texts]
    assert find_cites(["The Harbour Gazette, which first reported the fire, said so."]) == ["Harbour Gazette"]
