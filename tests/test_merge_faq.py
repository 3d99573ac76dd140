"""The FAQ: Q&A blocks found anywhere in an article, and generated answers kept only when they
hold what their question asks. Fixtures are written for these tests."""
from __future__ import annotations

from pathlib import Path

from sitegen.config import Config
from sitegen.merge import faq, merge_story
from sitegen.merge.hedges import lexicon
from sitegen.merge.sentences import parse_body
from sitegen.model import Article


def view(text: str, dates: tuple[str, ...] = ()) -> faq.ClaimView:
    return faq.ClaimView(text, ("s1",), "confirmed", False, dates)


def test_a_when_answer_must_write_its_date() -> None:
    undated = view("The ferry line reopened after repairs to the pier.", ("2031-05-02",))
    dated = view("The ferry line reopened on May 2 after repairs to the pier.", ("2031-05-02",))
    weekday = view("The ferry line reopened on Friday after repairs to the pier.", ("2031-05-02",))
    assert not faq.ANSWER_CHECKS["when"](undated, frozenset())
    assert faq.ANSWER_CHECKS["when"](dated, frozenset()) and faq.ANSWER_CHECKS["when"](weekday, frozenset())
    questions = [q for q, _a, _s in faq.generated([undated], [], "")]
    assert not any(q.startswith("When") for q in questions)
    answers = dict((q, a) for q, a, _s in faq.generated([undated, dated], [], ""))
    assert answers["When does it take effect, or when did it take place?"] == dated.text


def test_who_said_needs_a_named_speaker() -> None:
    names = frozenset({"okafor"})
    assert faq.names_a_speaker("Okafor said the pier would hold until spring.", names)
    assert not faq.names_a_speaker("Officials said the pier would hold until spring.", names)
    assert not faq.names_a_speaker("Okafor inspected the pier on Monday.", names)  # no verb of saying
    claims = [view("Officials said the pier would hold until spring."),
              view("Okafor said the pier would hold until spring.")]
    answers = dict((q, a) for q, a, _s in faq.generated(claims, [], "", names=names))
    assert answers["What has each party said?"] == "Okafor said the pier would hold until spring."


def test_a_disputed_value_is_told_by_its_dispute_line_with_its_sources() -> None:
    line = ("The figure is disputed: 40 (1 source); 45 (2 sources).", ("s2", "s3"))
    answers = {q: (a, s) for q, a, s in faq.generated([view("The pier is 40 metres long.")], [line], "")}
    assert answers["What is not known?"] == line


BODY = """The harbour ferry line reopened on Friday after three weeks of repairs.

### Why was the line closed?

A storm cracked two pilings under the main pier, the port authority said.

### What should you do now?

You should check the timetable before you travel, and we will keep you posted.

## Frequently Asked Questions

### Is the night ferry running?

Not yet; the port authority expects it back in June.
"""


def test_question_headings_anywhere_become_pairs_unless_the_answer_talks_to_the_reader() -> None:
    pairs = parse_body(0, BODY, lexicon()).faq
    questions = [p.question for p in pairs]
    assert questions == ["Why was the line closed?", "Is the night ferry running?"]
    assert pairs[0].answer == "A storm cracked two pilings under the main pier, the port authority said."
    sentences = [s.text for s in parse_body(0, BODY, lexicon()).sentences]
    assert any("pilings" in s for s in sentences)  # the answer is still reporting the merge reads


def article_questions(first_body_ends: str) -> list[str]:
    """The article questions on the page of a three-outlet ferry story whose first body ends so."""
    bodies = [BODY + first_body_ends,
              "The harbour ferry line is running again after the port authority finished pier repairs on Friday.",
              "Pier repairs are done and the harbour ferry line is back, the port authority said on Friday."]
    articles = [Article(slug=f"f{n}", title="Harbour ferry line reopens after pier repairs", body=b,
                        source_path=Path(f"f{n}.md"), outlet=f"Outlet {n}", story="ferry")
                for n, b in enumerate(bodies)]
    story = merge_story("ferry", articles, None, Config(root=Path(".")))
    return [f.question for f in story.faq if f.origin == "article"]


def test_an_off_topic_article_pair_is_left_out() -> None:
    asked = article_questions("\n\n### What is the highest price of the token?\n\n"
                              "The token peaked at 61 dollars in a trading app.\n")
    assert "Why was the line closed?" in asked and "What is the highest price of the token?" not in asked


def test_an_article_pair_is_of_the_story_by_its_answer_when_its_question_says_little() -> None:
    asked = article_questions("\n\n### What comes next?\n\n"
                              "The harbour ferry line will add a second pier after the repairs, the port authority said.\n")
    assert "What comes next?" in asked


def test_what_happened_and_when_are_answered_by_an_outcome_before_a_plan() -> None:
    plan = faq.ClaimView("The ferry line is scheduled to reopen on Friday, May 2.", ("s1", "s2", "s3"), "confirmed",
                         False, ("2031-05-02",), True)
    outcome = faq.ClaimView("The ferry line reopened on Friday, May 2, after repairs.", ("s2",), "single-source",
                            False, ("2031-05-02",))
    answers = dict((q, a) for q, a, _s in faq.generated([plan, outcome], [], ""))
    assert answers["What happened?"] == outcome.text
    assert answers["When does it take effect, or when did it take place?"] == outcome.text
    assert dict((q, a) for q, a, _s in faq.generated([plan], [], ""))["What happened?"] == plan.text


def test_when_is_answered_by_the_dated_claim_telling_what_happened() -> None:
    from datetime import datetime, timezone
    plan = "The builder Tomas Reyes is scheduled to be sentenced on July 30, 2031, for the collapse."
    outcome = "The builder Tomas Reyes was convicted of negligence on Thursday over the pier collapse."
    bodies = [f"{plan} {outcome}", f"{plan} {outcome}", plan, f"{plan} {outcome}"]
    articles = [Article(slug=f"p{n}", title="Pier builder convicted", body=body, source_path=Path(f"p{n}.md"),
                        outlet=f"Outlet {n}", story="pier", published=datetime(2031, 6, 6, 9, tzinfo=timezone.utc))
                for n, body in enumerate(bodies)]
    story = merge_story("pier", articles, None, Config(root=Path(".")))
    answers = {item.question: item.answer for item in story.faq}
    # the plan is better supported, but the conviction is what happened, and when
    assert answers["What happened?"] == outcome  # (which also says when: the same answer is not asked twice)
    assert "scheduled" not in answers.get("When does it take effect, or when did it take place?", "")


def test_estimates_that_differ_are_told_as_such_in_what_is_not_known() -> None:
    from sitegen.merge.story import _dispute_sentence
    from sitegen.model import Dispute, DisputeValue
    d = Dispute("d1", "Estimates of the cost differ", "number",
                (DisputeValue("$2 billion (Coastal Board)", ("s1",)), DisputeValue("$3 billion (Hallam Risk)", ("s2",))))
    assert _dispute_sentence(d) == ("Estimates of the cost differ: $2 billion (Coastal Board) (1 source); "
                                    "$3 billion (Hallam Risk) (1 source).")


def test_a_step_long_before_the_reports_does_not_answer_when() -> None:
    from datetime import datetime, timezone
    bodies = ["The research ship Alder left port on March 3, 2031, for the survey. Officials ordered the Alder "
              "home after its sonar failed, the fleet office said.",
              "The Alder, a research ship, left port on March 3, 2031, to map the shelf. The fleet office recalled "
              "the Alder because its sonar broke down.",
              "The Alder is heading home after its sonar failed, officials said.",
              "The fleet office ordered the Alder home because its sonar failed."]
    articles = [Article(slug=f"r{n}", title="Survey ship Alder recalled", body=body,
                        source_path=Path(f"r{n}.md"), outlet=f"Outlet {n}", story="alder",
                        published=datetime(2031, 6, 6, 9, tzinfo=timezone.utc)) for n, body in enumerate(bodies)]
    story = merge_story("alder", articles, None, Config(root=Path(".")))
    assert [t.date for t in story.timeline] == ["2031-03-03"]  # a step of the story, shown in its timeline
    # but not when the story's news took place
    assert not any(item.question.startswith("When") for item in story.faq)


def test_when_prefers_the_happening_told_as_what_happened_even_a_plan() -> None:
    top = view("The council announced that the Harrow bridge will reopen to traffic after repairs.")
    side = view("Engineers inspected the pier on Friday, the roads office said.", ("2031-06-06",))
    other = view("The Harrow bridge is to reopen on June 9, the council said on Monday.", ("2031-06-09",))
    plan = faq.ClaimView(other.text, other.sources, other.badge, other.hedged, other.dates, False, True)
    answers = dict((q, a) for q, a, _s in faq.generated([top, side, plan], [], ""))
    # the side step is an outcome, but the plan tells the happening the page is about
    assert answers["When does it take effect, or when did it take place?"] == plan.text
