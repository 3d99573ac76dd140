"""Each general ingest mechanism on fixtures written for this project (no corpus or seed text)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitegen.config import Config, NoiseRule
from sitegen.ingest import DEFAULT_RULES, STRUCTURAL_RULES, ingest_text, run
from sitegen.ingest.metadata import spelled_name
from sitegen.ingest.result import IngestResult
from sitegen.ingest.shape import StoryWords, is_timestamp_line, nav_items, story_words
from sitegen.errors import Diagnostics

CONFIG = Config(root=Path("/nonexistent-site"))
LEDE = ("The harbour council voted on Tuesday to close the old pier for repairs, after inspectors found "
        "rusted supports under the western walkway.")
SECOND = ("Repairs are expected to take six months and cost about 2 million euros, the council said in a "
          "statement, and ferries will use the new quay in the meantime.")


DOCUMENTED = {r.name for r in DEFAULT_RULES} | set(STRUCTURAL_RULES)


def ingest(text: str, words: StoryWords | None = None) -> IngestResult:
    result = ingest_text(text, source_name="page.txt", config=CONFIG, story="pier", story_words=words)
    assert {d.rule for d in result.dropped} <= DOCUMENTED, "every rule --explain names is documented"
    return result


def rules_of(result: IngestResult) -> dict[str, str]:
    return {d.text: d.rule for d in result.dropped}


def test_date_glued_to_the_first_line_is_the_dateline() -> None:
    result = ingest(f" date 2025-03-04 {LEDE}\n\n{SECOND}\n")
    assert result.front_matter.published == date(2025, 3, 4)
    assert "date 2025" not in result.body and result.body.startswith("The harbour council voted")
    assert rules_of(result)["date 2025-03-04"] == "date-prefix"


def test_date_glued_to_the_end_of_the_headline_is_cut_off() -> None:
    result = ingest(f"Harbour council closes the old pier for repairs 4 Mar 2025\n{LEDE}\n\n{SECOND}\n")
    assert result.front_matter.title == "Harbour council closes the old pier for repairs"
    assert result.front_matter.published == date(2025, 3, 4)


@pytest.mark.parametrize("stamp", ["March 4, 2025 at 7:25 p.m. EST", "Updated March 4, 2025 at 7:25 p.m. EST",
                                   " Updated March 4, 2025", "4 March 2025", "Published 7:25 PM EST, Tue March 4, 2025",
                                   " | Updated March 4, 2025 7:25 PM", "7:25 p.m. ET March 4, 2025"])
def test_stamp_glued_to_the_end_of_the_headline_is_cut_off(stamp: str) -> None:
    result = ingest(f"Pier News\nLIVE\nHarbour council closes the old pier, officials say{stamp}\n{LEDE}\n\n{SECOND}\n")
    assert result.front_matter.title == "Harbour council closes the old pier, officials say"
    published = result.front_matter.published
    assert published is not None and (published.year, published.month, published.day) == (2025, 3, 4)


def test_a_labelled_date_line_is_no_headline_with_a_stamp() -> None:
    result = ingest(f"Harbour council closes the old pier\n{LEDE}\n\nFirst published on March 4, 2025\n\n{SECOND}\n")
    assert "First published" not in result.body and result.front_matter.title == "Harbour council closes the old pier"


def test_place_and_date_before_a_dash_give_the_date() -> None:
    result = ingest(f"Pier closes for repairs\n\nPort Ellen, March 4, 2025 - {LEDE}\n\n{SECOND}\n")
    assert result.front_matter.published == date(2025, 3, 4)


def test_a_date_in_the_url_path_is_the_last_resort() -> None:
    result = ingest(f"SOURCE-URL: https://gazette.example/news/2025/03/05/pier-closes\nPier closes\n\n{LEDE}\n\n{SECOND}\n")
    assert result.front_matter.published == date(2025, 3, 5)
    dated = ingest(f"SOURCE-URL: https://gazette.example/news/2025/03/05/pier\n{LEDE} March 4, 2025\n")
    assert dated.front_matter.published == date(2025, 3, 5) or dated.front_matter.published is not None


def test_footnote_markers_and_stray_slashes_go() -> None:
    result = ingest(f"Pier closes\n\nThe pier shut on Tuesday.[0] Divers checked the piles.[1] //\n\n{SECOND}\n")
    assert "[0]" not in result.body and "[1]" not in result.body and "//" not in result.body
    assert "Divers checked the piles." in result.body


def test_sentence_rules_cut_only_the_sentence() -> None:
    text = (f"Pier closes\n\n{LEDE} Read our full story here.\n\nThis story was last updated on Monday. {SECOND}\n\n"
            "Ferries now leave from the new quay at the north end of the harbour, and tickets are unchanged, "
            "officials said. You can watch the council meeting live on this page.\n")
    result = ingest(text)
    assert "full story" not in result.body and "last updated" not in result.body and "on this page" not in result.body
    assert LEDE in result.body and SECOND in result.body and "tickets are unchanged, officials said." in result.body
    assert rules_of(result)["Read our full story here."] == "call-to-action"


def test_a_site_rule_can_cut_sentences() -> None:
    config = Config(root=Path("/nonexistent-site"),
                    noise_rules=(NoiseRule("house-plug", r"(?i)^listen to our harbour podcast", "sentence"),))
    result = ingest_text(f"Pier closes\n\n{LEDE} Listen to our harbour podcast.\n", source_name="p.txt", config=config)
    assert "podcast" not in result.body and LEDE in result.body


def test_page_cut_off_mid_sentence_loses_the_unfinished_part() -> None:
    result = ingest(f"Pier closes\n\n{LEDE}\n\n{SECOND} The next inspection of the eastern wal")
    assert result.body.rstrip().endswith("in the meantime.")
    one = ingest(f"Pier closes\n\n{LEDE}\n\nThe divers reported that five of the twelve piles had cracked and needed replaci")
    assert "replaci" not in one.body and "five of the twelve piles had cracked" in one.body


@pytest.mark.parametrize("caption", [
    "Workers stand on the closed pier in Port Ellen on Tuesday, March 4, 2025. (Ana Ruiz via Harbour Wire)",
    "Rust covers a support beam under the walkway. (Harbour Wire Photo/Ana Ruiz)",
    "A diver surfaces beside the pier after checking the piles [Image credit: Port Authority]",
    "Inspectors walk along the western walkway of the old pier shortly before it was closed to the public (Port Authority)",
    "Mayor Lena Ortiz via Twitter",
    "The pier at dusk. Screenshot: Harbour TV on YouTube",
    "A cracked support beam under the western walkway, photographed by divers on Monday.",  # no credit
    "A ferry waits at the new quay while the old pier stays closed, in Port Ellen, Scotland, March 4, 2025.",
])
def test_photo_captions_with_credits_go(caption: str) -> None:
    result = ingest(f"Pier closes\n\n{caption}\n\n{LEDE}\n\n{SECOND}\n")
    assert caption not in result.body and LEDE in result.body


def test_a_paragraph_ending_in_an_aside_after_its_full_stop_is_news() -> None:
    paragraph = ("The mayor said she had agreed the closure with the ferry company, whose passengers would be "
                 "most affected by the work. (Updated March 5)")
    result = ingest(f"Pier closes\n\n{LEDE}\n\n{paragraph}\n\n{SECOND}\n")
    assert "whose passengers would be most affected by the work." in result.body
    assert "(Updated March 5)" not in result.body


@pytest.mark.parametrize("line", ["14m ago / 10:36 PM UTC", "Updated 9:05 a.m. ET, March 4, 2025", "3 hours ago",
                                  "March 4, 202509:12", "Mar. 4, 6:52 p.m."])
def test_timestamp_lines(line: str) -> None:
    assert is_timestamp_line(line)
    result = ingest(f"Pier closes\n\n{LEDE}\n\n{line}\n\n{SECOND}\n")
    assert line not in result.body


def test_a_plain_entry_time_stays_for_the_timeline() -> None:
    assert "### 10:36" in ingest(f"Pier closes\n\n{LEDE}\n\n10:36\n\n{SECOND}\n").body
    assert not is_timestamp_line("March 26")  # a month and day alone may head a timeline's entry


def test_counters_comment_widgets_and_powered_by_lines_go() -> None:
    chrome = ["12 Posts", "No comments:", "Post a Comment", "Beta 2.1 - Powered by machine translation"]
    result = ingest("Pier closes\n\n" + "\n\n".join([*chrome[:1], LEDE, *chrome[3:], SECOND, *chrome[1:3]]) + "\n")
    assert not any(c in result.body for c in chrome)


def test_short_label_goes_but_a_heading_that_names_its_paragraph_stays() -> None:
    text = f"Pier closes\n\nEnglish\n\n{LEDE}\n\nRepair costs\n\n{SECOND}\n\nBackground\n\n- Built in 1902\n"
    result = ingest(text)
    assert "English" not in result.body and rules_of(result)["English"] == "label"
    assert "Repair costs" in result.body or "## Repair" in result.body
    assert "## Background" in result.body


def test_title_case_banner_and_framed_motto_go() -> None:
    banner = "Harbour Daily Brings You The Freshest Local News From Every Quay And Every Street."
    motto = "~ 《 Harbour Daily : News Every Tide 》"
    result = ingest(f"{banner}\n{motto}\n\nPier closes for repairs after inspection\n\n{LEDE}\n\n{SECOND}\n")
    assert banner not in result.body and motto not in result.body
    assert result.front_matter.title == "Pier closes for repairs after inspection"


def test_link_labels_and_glued_links_go() -> None:
    lines = ["More:Ferry timetable changes for the spring season", "Harbour news:Photos of the old pier",
             "WATCH: Divers inspect the rusted piles, and what the mayor says comes next",
             "Read more: Pier history in twelve pictures"]
    result = ingest("Pier closes\n\n" + "\n\n".join([LEDE, *lines, SECOND]) + "\n")
    assert not any(line in result.body for line in lines) and SECOND in result.body


def test_a_promo_block_ends_at_the_first_news_paragraph() -> None:
    text = ("Pier closes\n" + LEDE + "\nDon't miss our spring offers:\n- Get the harbour app with live ferry times\n"
            "- Save on season tickets with our member card\n" + SECOND + "\n")
    result = ingest(text)
    assert "spring offers" not in result.body and "member card" not in result.body
    assert SECOND in result.body


def test_embedded_post_and_expert_blurb_go() -> None:
    embed = "Work starts today. pic.twitter.com/abc123 — Port Authority (@portauth) March 4, 2025"
    blurb = ("Dr Mina Patel is a professor of marine engineering at the coastal university. She can speak about "
             "pier corrosion and repair methods.")
    result = ingest(f"Pier closes\n\n{LEDE}\n\n{embed}\n\n{SECOND}\n\n{blurb}\n")
    assert "pic.twitter.com" not in result.body and "can speak about" not in result.body


STORY_TEXTS = [
    f"Pier closes\n\n{LEDE}\n\n{SECOND}",
    "Old pier shut for repairs\n\nThe harbour council closed the old pier after inspectors found rusted supports.",
    "Harbour pier to close\n\nInspectors found rusted supports under the pier; the council ordered repairs.",
    "Pier repairs\n\nThe council said repairs to the harbour pier will take six months; ferries move to the new quay.",
    "Council closes pier\n\nRusted supports were found by inspectors, so the harbour council shut the pier.",
]


def test_story_vocabulary_needs_four_articles() -> None:
    assert story_words(STORY_TEXTS[:3]) is None
    words = story_words(STORY_TEXTS)
    assert words is not None and words.common("pier") and not words.common("walkway")


def test_unrelated_headlines_and_link_lists_go_with_the_story_vocabulary() -> None:
    words = story_words(STORY_TEXTS)
    links = ["Ten mountain villages to visit this autumn", "Best budget phones reviewed by our editors",
             "Why violin makers still prefer spruce wood"]
    text = ("Celebrity chef opens a bakery downtown\nHarbour council closes the old pier for repairs\n\n"
            f"{LEDE}\n\n" + "\n".join(links) + f"\n\n{SECOND}\n\nTop five recipes for summer salads\n")
    result = ingest(text, words)
    assert result.front_matter.title == "Harbour council closes the old pier for repairs"
    assert "bakery" not in result.body and "violin" not in result.body and "salads" not in result.body
    assert LEDE in result.body and SECOND in result.body
    assert {rules_of(result)[links[0]], rules_of(result)["Top five recipes for summer salads"]} == {
        "related-links", "unrelated-line"}


def test_off_topic_section_goes_but_a_related_question_stays() -> None:
    words = story_words(STORY_TEXTS)
    filler = ("Gold reached a record high of 3,100 dollars an ounce last year, when investors looked for safety, "
              "and analysts expect volatile trading in the coming weeks.")
    answer = ("Inspectors found rusted supports under the pier, and the council decided to close it until the "
              "repairs are finished.")
    text = (f"Pier closes\n\n{LEDE}\n\nWhy was the pier closed?\n\n{answer}\n\n"
            f"What is the price of gold today?\n\n{filler}\n")
    result = ingest(text, words)
    assert answer in result.body and "### Why was the pier closed?" in result.body
    assert "gold" not in result.body.lower()


def test_title_from_the_first_sentence_keeps_abbreviations_whole() -> None:
    result = ingest("Gov. Ana Ruiz ordered the old pier closed on Tuesday. Inspectors found rust.\n\n" + SECOND)
    assert result.front_matter.title == "Gov. Ana Ruiz ordered the old pier closed on Tuesday"


def test_title_from_the_url_when_the_first_sentence_is_a_long_lede() -> None:
    result = ingest("SOURCE-URL: https://gazette.example/news/pier-closes-after-inspectors-find-rust-gx4821\n"
                    f"{LEDE} {SECOND}\n")
    assert result.front_matter.title == "Pier closes after inspectors find rust"


def test_byline_lines_without_by() -> None:
    result = ingest(f"Pier closes for repairs\n\nAna Ruiz and Tom Berg\n\nHarbour reporter\n\n{LEDE}\n\n{SECOND}\n")
    assert result.front_matter.author == "Ana Ruiz"
    assert "Ana Ruiz" not in result.body and "Harbour reporter" not in result.body


def test_explain_names_every_new_drop(tmp_path: Path) -> None:
    raw = tmp_path / "raw.txt"
    raw.write_text(f" date 2025-03-04 {LEDE}\n\n12 Posts\n\n{SECOND} Read our full story.\n", encoding="utf-8")
    (tmp_path / "config.yml").write_text("title: t\n", encoding="utf-8")
    import io

    out = io.StringIO()
    run([raw], Config(root=tmp_path), dry_run=True, explain=True, diagnostics=Diagnostics(), out=out)
    text = out.getvalue()
    assert "[date-prefix] date 2025-03-04" in text and "[counter] 12 Posts" in text
    assert "[call-to-action] Read our full story." in text


def test_question_and_answer_list_items_become_pairs() -> None:
    text = (f"Pier closes\n\n{LEDE}\n\n— Why did the pier close? Inspectors found rusted supports under the walkway\n"
            "— When will it reopen? The council expects the repairs to take six months\n")
    body = ingest(text).body
    assert "### Why did the pier close?\n\nInspectors found rusted supports" in body
    assert "### When will it reopen?" in body


def test_q_and_a_prefixed_lines_become_a_pair() -> None:
    body = ingest(f"Pier closes\n\n{LEDE}\n\nQ: Who pays for the repairs?\n\nA: The harbour board pays from its "
                  "reserve fund, with a grant from the region covering a third of the cost.\n").body
    assert "### Who pays for the repairs?" in body and "\n\nThe harbour board pays" in body


def test_kicker_label_and_teaser_tail_are_cut() -> None:
    result = ingest(f"Pier closes\n\nUPDATED: {LEDE}\n\nRepairs will cost about 2 million euros, the council said, "
                    "with more…\n")
    assert "UPDATED:" not in result.body and LEDE in result.body
    assert "with more" not in result.body and "the council said." in result.body


def test_the_page_outlet_describing_its_own_coverage_goes() -> None:
    text = ("SOURCE-URL: https://www.harbourgazette.example/live/pier\nPier closes\n\n"
            f"{LEDE} Harbour Gazette teams are on the ground and reporting from the quay.\n\n{SECOND}\n")
    result = ingest(text)
    assert "teams are on the ground" not in result.body and LEDE in result.body
    other = ingest(text.replace("harbourgazette", "coastalnews"))
    assert "teams are on the ground" in other.body  # another outlet's reporters are news


@pytest.mark.parametrize("line", ["Ana Ruiz/Harbour Wire", ". Tom Berg/AP", "Harbour Wire via Getty Images",
                                  "Port Authority by way of Getty Photographs"])
def test_credit_lines_go(line: str) -> None:
    assert line.strip(". ") not in ingest(f"Pier closes\n\n{line}\n\n{LEDE}\n\n{SECOND}\n").body


@pytest.mark.parametrize("note", ["Updates to this live blog have ended for today. Tap here for our newest reports.",
                                  "Editor's note: Please bookmark this page.",
                                  "IE 11 is not supported. For the best experience use another browser.",
                                  "Never miss a tide! Get the morning briefing in your email inbox."])
def test_page_and_browser_notes_go(note: str) -> None:
    body = ingest(f"Pier closes\n\n{note}\n\n{LEDE}\n\n{SECOND}\n").body
    assert not any(sentence in body for sentence in note.split(". ")) and LEDE in body


def test_a_day_in_the_url_path_as_eight_digits() -> None:
    result = ingest(f"SOURCE-URL: https://reader.example/edition/20250306/88123\nPier closes\n\n{LEDE}\n")
    assert result.front_matter.published == date(2025, 3, 6)


def test_teaser_list_and_a_question_about_another_topic_go() -> None:
    words = story_words(STORY_TEXTS)
    teasers = ["How do mortgage rates in Spain compare with the rest of Europe? A short guide",
               "‘My brother runs the bakery, so I get free bread. I still pay for coffee’",
               "Can Grandma gift us her flat before she retires?"]
    question = "What is behind the Bitcoin rebound?"
    text = (f"Pier closes\n\n{LEDE}\n\n" + "\n".join(teasers) + f"\n\n{SECOND}\n\n{question}\n\n"
            "But some residents asked why the council waited so long, and whether the walkway had been unsafe for years.\n")
    result = ingest(text, words)
    assert not any(t in result.body for t in teasers) and question not in result.body
    assert SECOND in result.body and "some residents asked" in result.body


def test_headlines_with_their_outlet_below_the_article_go() -> None:
    links = ["Pier repairs: Council Votes To Close Old Pier (Harbour Wire)", "Why The Old Pier Rusted (Coast Daily)"]
    body = ingest(f"Pier closes\n\n{LEDE}\n\n{SECOND}\n\nFurther reading\n\n" + "\n".join(links) + "\n").body
    assert not any(link in body for link in links) and SECOND in body


@pytest.mark.parametrize("code_page", ["cp1252", "latin-1", "mac_roman", "cp1251"])
def test_mojibake_from_single_byte_code_pages_is_repaired(code_page: str) -> None:
    sentence = "The council’s vote on the pier café was a “close call”, officials said — again."
    garbled = sentence.encode("utf-8").decode(code_page, errors="replace")
    if "\ufffd" in garbled:
        pytest.skip(f"{code_page} cannot show every byte of this sentence")
    result = ingest(f"Pier closes\n\n{garbled}\n\n{LEDE}\n")
    assert sentence in result.body
    assert any("garbled" in w for w in result.warnings)


def test_real_accented_text_is_left_alone() -> None:
    text = "Pier closes\n\nThe São Paulo crew and a Zürich engineer met at the café in Ålesund, naïve as it sounds.\n"
    result = ingest(text)
    assert "São Paulo" in result.body and "Zürich" in result.body and "Ålesund" in result.body
    assert not any("garbled" in w for w in result.warnings)


def test_a_date_the_headline_speaks_of_is_not_a_dateline() -> None:
    result = ingest(f"Remembering the harbour flood of March 3, 2021\n\n{LEDE}\n\n{SECOND}\n")
    assert result.front_matter.title == "Remembering the harbour flood of March 3, 2021"
    assert result.front_matter.published is None


def test_a_headline_with_a_dash_keeps_its_start() -> None:
    result = ingest(f"Old pier — what the inspectors found under the walkway\n\n{LEDE}\n")
    assert result.front_matter.title == "Old pier — what the inspectors found under the walkway"


@pytest.mark.parametrize("chrome", ["Advert", "Log in or register", "Already a subscriber? Log in",
                                    "Was this article helpful? Yes / No", "pier-closure-walkway-1200x800.jpg",
                                    "IMG_20250304 rcna88123", "Continue reading at Harbour Wire",
                                    "This story is free to read. Support local journalism and subscribe today.",
                                    "Follow the Gazette on WhatsApp for breaking harbour news", "Like Loading...",
                                    "Show more posts", "Was this explainer helpful? Yes / No", "Updated ago",
                                    "Email this story",
                                    "Workers repair the pier's walkway on Monday. Gazette/Staff Photographer"])
def test_widget_chrome_and_asset_names_go(chrome: str) -> None:
    result = ingest(f"Pier closes\n\n{LEDE}\n\n{chrome}\n\n{SECOND}\n")
    assert chrome not in result.body and LEDE in result.body and SECOND in result.body


def test_codes_with_words_stay() -> None:
    body = ingest(f"Pier closes\n\n{LEDE}\n\nCOVID-19 rules for ferries\n\n{SECOND}\n").body
    assert "COVID-19 rules for ferries" in body


@pytest.mark.parametrize("byline, author", [("Ana Ruiz | Harbour Gazette", "Ana Ruiz"),
                                            ("By Ana Ruiz | Harbour Gazette", "Ana Ruiz"),
                                            ("Reporting by Tom Berg; editing by Ana Ruiz", "Tom Berg"),
                                            ("By Ana Ruiz, Senior Harbour Reporter", "Ana Ruiz"),
                                            ("From Harbour Gazette's Ana Ruiz", "Ana Ruiz")])
def test_byline_forms(byline: str, author: str) -> None:
    result = ingest(f"Pier closes for repairs\n\n{byline}\n\n{LEDE}\n\n{SECOND}\n")
    assert result.front_matter.author == author and byline not in result.body


@pytest.mark.parametrize("chrome", ["Photograph: Ana Ruiz/Harbour Wire", "Advertisement - Scroll to continue",
                                    "Reporting by Tom Berg; Editing by Ana Ruiz", "Support independent journalism today",
                                    "Listen to this article", "Topics: Harbours, Ferries", "Loading video",
                                    "We use cookies to improve your experience on our site.", "All rights reserved.",
                                    "Sign in to comment", "Subscribe for $1", "Gift this article", "Listen (3 min)",
                                    "Open in app", "Most Popular", "Video: Pier closure explained", "WATCH LIVE",
                                    "Reuse of this story requires a license.", "Reprints & Permissions", "Save for later",
                                    "Newsletter sign-up", "Posted in: Travel, Harbours", "See all 38 stories",
                                    "Share via email", "This article was published more than 1 year ago",
                                    "First published on March 4, 2025", "This content is not available in your region",
                                    "Harbour Wire · Ferries move to the new quay after the pier closure",
                                    "Post navigation", "Leave a Reply Cancel reply",
                                    "Your email address will not be published. Required fields are marked *",
                                    "Editor's note: This story has been updated.",
                                    "(Except for the headline, this story has not been edited by Pier News staff and is "
                                    "published from a syndicated feed.)",
                                    "This story is available to all readers. Please consider subscribing.",
                                    "Subscribe now for 99 cents", "Image courtesy of Harbour Transport Authority",
                                    "Download the Pier News app", "We value your privacy", "Skip to navigation",
                                    "Have a news tip? Email tips@piernews.example", "Join the conversation",
                                    "Read this next", "Toggle caption", "1 of 5", "4 min listen", "Get breaking news alerts",
                                    "By using our services, you agree to our use of cookies.", "via Harbour Wire",
                                    "1,234 views", "Views: 1,234", "AI-generated summary", "Summary by PierHive AI",
                                    "Sources: Harbour Wire, Coast Radio", "Bias rating: Center", "Posted in News",
                                    "Report this ad", "This website uses cookies to improve your experience. Accept Read More"])
def test_more_page_chrome_goes(chrome: str) -> None:
    result = ingest(f"Pier closes\n\n{LEDE}\n\n{chrome}\n\n{SECOND}\n")
    assert chrome not in result.body and LEDE in result.body and SECOND in result.body


def test_chrome_recurring_across_the_story_goes_but_a_shared_headline_stays() -> None:
    texts = [t + "\n\nWatch the harbour cam\nPier closes for repairs" for t in STORY_TEXTS]
    words = story_words(texts)
    assert words is not None and "watch the harbour cam" in words.recurring
    result = ingest(f"Pier closes for repairs\n\n{LEDE}\n\nWatch the harbour cam\n\n{SECOND}\n", words)
    assert "harbour cam" not in result.body and rules_of(result)["Watch the harbour cam"] == "recurring-chrome"
    assert result.front_matter.title == "Pier closes for repairs"


@pytest.mark.parametrize("line, items", [
    ("News  |  Sport  |  Weather", ["News", "Sport", "Weather"]),
    ("Business  Transportation", ["Business", "Transportation"]),
    ("Jump to: Key points | Latest posts | Where to help", ["Key points", "Latest posts", "Where to help"]),
    ("12 comments · Save · Share", ["12 comments", "Save", "Share"]),
    ("Pier closes for repairs | Harbour Gazette", None),  # a headline and its outlet: a pair of longer items
    ("| Pier | 2025 |", None),  # a Markdown table row
    ("Pier closes.  Ferries move.", None),  # sentences
    ("Harbour council closes the old pier for repairs", None),
])
def test_nav_items_read_only_rows_of_short_items(line: str, items: list[str] | None) -> None:
    assert nav_items(line) == items


def test_menu_row_and_caps_section_above_the_headline_are_not_the_title() -> None:
    result = ingest(f"Metro  |  Sport  |  Weather\nHARBOUR AND COAST\nHarbour council closes the old pier\n{LEDE}\n\n"
                    f"{SECOND}\n")
    assert result.front_matter.title == "Harbour council closes the old pier"
    assert rules_of(result) == {"Metro  |  Sport  |  Weather": "nav-row", "HARBOUR AND COAST": "section-label",
                                "Harbour council closes the old pier": "title"}


def test_more_coverage_heading_and_its_outlet_headline_links_go() -> None:
    result = ingest(f"Harbour council closes the old pier\n{LEDE}\n\n{SECOND}\n\nMore coverage (12)\n"
                    "Harbour Gazette · Ferries move to the new quay\nCoast Radio · Pier closure worries traders\n")
    assert "More coverage" not in result.body and "Ferries move" not in result.body and SECOND in result.body


@pytest.mark.parametrize("line, key, name", [
    ("The Harbour Gazette", "harbourgazette", "The Harbour Gazette"),
    ("Harbour Gazette Service", "harbourgazette", "Harbour Gazette"),
    ("The Harbour", "theharbour", "The Harbour"),
    ("The New Port Times", "nptimes", "The New Port Times"),  # initials of capitalised words
    ("Harbour Gazette brings you the tides first.", "harbourgazette", "Harbour Gazette"),
    ("new port times", "nptimes", None),  # lower-case words give no initials
    ("Harbour council closes the old pier", "harbourgazette", None),
])
def test_spelled_name_reads_the_site_name_as_its_domain_spells_it(line: str, key: str, name: str | None) -> None:
    assert spelled_name(line, key) == name


@pytest.mark.parametrize("headline", ["Analysis | Harbour council closes the old pier",
                                      "Harbour council closes the old pier | Pier News",
                                      "Harbour council closes the old pier – The Pier News",
                                      "EXCLUSIVE: Harbour council closes the old pier",
                                      "Harbour council closes the old pier (VIDEO)"])
def test_labels_and_the_site_name_around_the_headline_are_cut(headline: str) -> None:
    result = ingest(f"SOURCE-URL: https://piernews.example/a\n{headline}\n{LEDE}\n\n{SECOND}\n")
    assert result.front_matter.title == "Harbour council closes the old pier"
    assert rules_of(result)[headline] == "title" and "title-affix" in set(rules_of(result).values())


def test_a_name_before_a_colon_and_another_outlet_after_a_bar_stay_in_the_headline() -> None:
    for headline in ("NTSB: Harbour council closes the old pier", "Harbour council closes the old pier | Harbour Wire"):
        assert ingest(f"SOURCE-URL: https://piernews.example/a\n{headline}\n{LEDE}\n").front_matter.title == headline


def test_the_only_headline_with_a_watch_kicker_is_the_title_but_a_read_more_link_is_not() -> None:
    assert ingest(f"WATCH: Harbour council closes the old pier\n{LEDE}\n\n{SECOND}\n").front_matter.title == \
        "Harbour council closes the old pier"
    result = ingest(f"Read more: Ferries move to the new quay\n{LEDE}\n\n{SECOND}\n")
    assert "Ferries" not in result.front_matter.title and "Read more" not in result.body


def test_a_credit_line_naming_who_reported_it_first_is_a_cite_not_body() -> None:
    result = ingest(f"SOURCE-URL: https://piernews.example/a\nHarbour council closes the old pier\n{LEDE}\n\n{SECOND}\n\n"
                    "Originally reported by Harbour Wire\n")
    assert "Originally reported" not in result.body and result.front_matter.cites == ("Harbour Wire",)


def test_a_short_lede_opening_with_the_outlet_name_is_no_tagline() -> None:
    lede = "Pier News learned that the council will close the pier."  # no headline below it
    result = ingest(f"SOURCE-URL: https://piernews.example/a\n{lede}\n\n{SECOND}\n")
    assert lede in result.body
