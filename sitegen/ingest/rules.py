"""Noise rules as data: which lines of a raw page are not the news, and why.

Each rule is a name, a regular expression tried against every stripped input line
(``re.search``), a scope, and one sentence saying what it is for. ``sitegen ingest --explain``
prints the rule name next to every line it dropped, so a curator can audit and, if a rule is
wrong for their sources, override it.

Scopes:

- ``line``: drop the matching line only.
- ``block``: drop it and the following lines up to the next blank line.
- ``section``: drop it and the following lines up to the next heading-like line or the next
  line that starts a wider-scoped rule of another family (for "Disclaimer:" headings, author
  boxes, ticker widgets). A rule's family is its name up to the first '-': ``disclaimer-heading`` goes on
  through lines ``disclaimer-text`` matches.
- ``rest``: drop it and everything after it (for trailing aggregator analysis, "Related Articles").
- ``sentence``: drop only the sentence of the line that matches (a call to action or a note about
  the page inside a news paragraph); the rest of the line stays.

A ``block`` or ``section`` never eats prose: it ends before the first line that looks like a news
paragraph (see ``text.is_news_paragraph``).

A default rule may carry ``hints``: lower-case strings one of which every line it matches holds
(its keywords); a line holding none is not run through the regex. They only save time.

A site adds its own rules in ``config.yml``; they are tried before the defaults::

    noise_rules:
      - name: example-promo
        pattern: "(?i)^try example pro"
        scope: line

Rules that are not a single regex (a duplicated lede, a repeated headline, quiz leftovers
after a reference list) are described in :data:`STRUCTURAL_RULES`; they report their names
in ``--explain`` the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..config import Config


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: str
    scope: str = "line"
    doc: str = ""
    hints: tuple[str, ...] = ()  # lower-case strings one of which every match holds: a cheap gate before the regex


@dataclass(frozen=True, slots=True)
class CompiledRule:
    name: str
    regex: re.Pattern[str]
    scope: str
    hints: tuple[str, ...] = ()

    def search(self, text: str, lower: str) -> bool:
        """Does the rule match ``text`` (``lower`` is text.lower(), for the hints)?"""
        if self.hints and not any(hint in lower for hint in self.hints):
            return False
        return self.regex.search(text) is not None


# Ordered: the first rule that matches a line names it.
DEFAULT_RULES: tuple[Rule, ...] = (
    # --- advertising and promotion
    Rule("ad-label", r"(?i)^(?:advertisement|advertising|advert|ad|sponsored(?: content| post)?|promoted|paid (?:content|post)"
         r"|story continues below(?: advertisement)?|continue reading below|scroll to continue(?: with content)?"
         r"|article continues (?:below|after (?:this )?advertisement)"
         r"|(?:advertisement|advert|ad)\s?[-–—:|]\s?(?:scroll|continue|story|article)\b.{0,40}|report this ad|ad feedback)$",
         doc="advertising slot labels left in copied text"),
    # no '\b' before the alternatives: a leading literal lets the regex engine skip to candidate positions
    Rule("betting-promo", r"(?i)(?:world cup combo|aim for \d+x|^combine up to \d+\b.*\b(?:matches|games|legs)"
         r"|free spins|deposit bonus|welcome bonus|^new (?:players|customers) only|sportsbook"
         r"|promo code|free bets?|^bet now|boost your odds)\b",
         hints=("combo", "aim for", "combine up", "free spin", "bonus", "players only", "customers only", "sportsbook",
                "promo code", "free bet", "bet now", "boost your odds"),
         doc="betting and casino promotions"),
    Rule("products-widget", r"(?i)^(?:products you may like|shop (?:the|this) (?:story|look)|our (?:top )?picks|"
         r"deals of the day|today'?s (?:best )?deals)$", scope="block",
         doc="shopping widgets with product names and prices"),
    Rule("shop-button", r"(?i)^(?:buy now|shop now|add to cart|check price|see (?:price|deal) (?:at|on) .{1,40}|"
         r"view (?:deal|offer)|\$\d[\d,.]* at .{1,40})$",
         doc="shopping buttons"),
    Rule("service-promo", r"(?i)^need help (?:implementing|with|getting started)\b.*\??$", scope="section",
         doc="'need help implementing this?' consulting promos"),
    # --- price tickers and market widgets
    Rule("price-widget", r"(?i)^(?:market opportunity|live price chart|price chart|trending coins?|top movers)$",
         scope="section", doc="crypto/stock price widgets: a heading followed by logo, price, change lines"),
    Rule("price-ticker", r"^(?:[A-Z][\w .&-]{0,30} Logo|.{1,40} Price ?\([A-Z0-9]{2,10}\)|.{0,40}\([A-Z0-9]{2,10}\) Live Price Chart"
         r"|[-+−]?[$€£¥]?\d[\d,]*(?:\.\d+)?%?(?:[$€£¥]\d[\d,]*(?:\.\d+)?%?)*|USDT?|EUR|GBP|BTC|ETH)$",
         doc="ticker fragments: 'X Logo', 'X Price(SYM)', bare prices and percentages, currency codes"),
    # --- disclaimers, contact and feedback lines
    Rule("disclaimer-heading", r"(?i)^(?:disclaimer|legal disclaimer|risk warning|disclosure)\s*:?$", scope="section",
         doc="a 'Disclaimer:' heading and the paragraphs under it"),
    Rule("disclaimer", r"(?i)^(?:disclaimer|risk warning|disclosure)\s*[:\-–—]\s*\S", doc="one-paragraph disclaimers"),
    Rule("disclaimer-text", r"(?i)(?:\bnot (?:intended as |to be (?:construed|taken) as )?(?:financial|investment|legal) advice\b"
         r"|\bdo your own (?:research|homework)\b|\bdoes not constitute (?:financial|investment|legal)"
         r"|\bfor informational purposes only\b|\b(?:isn['’]?t|is not|are not|aren['’]?t) responsible for any (?:losses|actions)\b"
         r"|\bdo not necessarily reflect the views\b)",
         hints=("advice", "own research", "own homework", "constitute", "informational purposes", "responsible for any", "reflect the views"),
         doc="publisher disclaimer sentences (no advice, do your own research, views not ours)"),
    # the e-mail address within 121 characters of the cue: an unbounded '.*' before it rescanned the rest
    # of the line from every cue, quadratic on a long line of them; taken possessively up to the '@' (its
    # previous character checked after it), a cue with no '@' in reach is not retried at every shorter length
    Rule("feedback-contact", r"(?i)(?:\b(?:for feedback|for (?:questions|concerns|corrections)|to report)\b[^@]{1,121}+"
         r"@(?<=[\w.+-]@)[\w-]+\.\w|\bcontact us at [\w.+-]+@[\w-]+\.\w)", hints=("@",),
         doc="'for feedback contact us at x@y' lines"),
    # --- author boxes and AI notes
    Rule("author-handle", r"(?i)^(?:writer|author|written by|posted by)\s*[:@]\s*@?[\w.-]+$", scope="section",
         doc="'Writer @name' author boxes and the bio paragraphs under them"),
    Rule("author-bio", r"^(?:[A-Z][\w'’-]+ ){1,3}is an? (?:[\w&-]+ ){0,5}(?:writer|journalist|reporter|editor|correspondent"
         r"|contributor|columnist|analyst)\b(?:(?! said\b).)*$",
         doc="'Jane Doe is a writer focused on ...' bio sentences"),
    Rule("author-title", r"^(?:(?:Senior|Staff|Chief|Lead|Contributing|Guest|Freelance|Associate|Deputy|Managing|Executive"
         r"|Special)\s+)?(?:[A-Z][\w&/,-]*\s+|&\s+){0,4}(?i:Writer|Reporter|Editor|Correspondent|Journalist|Columnist"
         r"|Contributor)$", doc="job-title lines of an author box ('Senior Tech Writer', 'Wire reporter')"),
    Rule("avatar-initial", r"^[A-Z]{1,2}$", doc="the initials of an author avatar"),
    Rule("ai-note", r"(?i)(?:\b(?:produced|written|generated|created|drafted) (?:with|using|by) (?:the )?(?:help of |assistance of )?"
         r"(?:AI|artificial intelligence)\b|\bwith AI assistance\b|\bAI[- ]assisted\b.{0,200}?\breviewed by\b)",
         doc="'Produced with AI assistance' notes"),
    # --- navigation, sharing, newsletters
    Rule("nav", r"(?i)^(?:all posts|home|back to (?:top|news|blog)|skip to (?:main )?(?:content|navigation|search|footer)|menu|search|"
         r"previous (?:article|post)|next (?:article|post)|ingested article.*)$", doc="navigation left in copied text"),
    Rule("related", r"(?i)^(?:related|also read|read (?:more|also|next)|see also|more from|recommended(?: for you)?|"
         r"more (?:stories|coverage)|most (?:popular|viewed|shared)|see all(?: \d+)? (?:stories|articles)|up next|read this next"
         r"|what to read next|further reading on|you may also like|you might also like|trending(?: now)?|most read|popular"
         r"(?: now| stories)?|more on this)\b(?:(?![.!?]$).){0,100}$", scope="block",
         doc="'Related / Also read / Read more' links"),
    Rule("related-tail", r"(?i)^related (?:articles|posts|stories|news|coverage|content)$", scope="rest",
         doc="a trailing 'Related Articles' list, to the end of the page"),
    Rule("promo-link", r"(?i)^(?:more|watch|video|listen|read more|read also|also read|see also|must read|don'?t miss"
         r"|click here|read)\s?:\s?(?:\S.{0,300})?(?<![.!?\"”])$",
         doc="'More: / WATCH: / Read more:' link labels and the headline they link to (no sentence ends them)"),
    Rule("glued-link-label", r"^[A-Z][^:.!?]{2,80}[a-z]:[A-Z][^.!?]{0,120}$",
         doc="'Topic:Headline' link text, the label glued to the link with no space (never prose)"),
    Rule("promo-heading", r"(?i)^(?:don'?t miss|get|unlock|claim|try|join|grab|shop|subscribe to|sign up for)\b.{0,60}"
         r"\b(?:offers?|deals?|our|premium|discount|trial|newsletters?)\b.{0,40}:$", scope="block",
         doc="'Don't miss our offers:' promo headings and the promo lines under them"),
    Rule("wire-credits", r"(?i)^(?:additional )?(?:reporting|writing) by\b.{0,200}\b(?:editing|writing|reporting) by\b.{0,160}$"
         r"|^editing by\b.{0,160}$", doc="'Reporting by X; Editing by Y' credits at the foot of a wire story"),
    Rule("support-promo", r"(?i)^(?:support (?:our|independent|quality|local) journalism|donate (?:now|today)|become a "
         r"(?:member|subscriber|supporter)|(?:listen to|play) (?:this|the) (?:article|story)|listen to article)\b.{0,80}$"
         r"|^listen \(\d{1,3} min\)$",
         doc="donation, membership and 'listen to this article' prompts"),
    Rule("reader-appeal", r"(?i)^(?!(?:\S+\s+){25}).{0,120}\b(?:support (?:our|independent|quality|local) "
         r"(?:journalism|newsroom|reporting)|this (?:article|story|content) is (?:free to read|available to all readers)"
         r"|please consider (?:subscribing|supporting us|a donation))\b.{0,120}$",
         hints=("journalism", "newsroom", "reporting", "free to read", "all readers", "consider"),
         doc="a short line appealing for the reader's support ('This story is free to read. Support our journalism')"),
    Rule("tags-line", r"(?i)^(?:tags?|topics?|categories|filed (?:under|in)|posted in|more about)\s?:\s?.{1,200}$",
         doc="a tags or topics line (words the site files the article under)"),
    Rule("loading-chrome", r"(?i)^(?:(?:like )?loading(?: video| comments| \.\.\.)?\.{0,3}|video (?:unavailable|player)"
         r"|this video (?:is|has been) (?:unavailable|removed)|we value your privacy)$|\bwe use cookies\b"
         r"|\baccept (?:all )?cookies\b|\b(?:our|the) use of cookies\b|\b(?:site|website|page) uses cookies\b",
         hints=("loading", "video", "cookies", "privacy"), doc="players still loading, cookie notices"),
    Rule("login-widget", r"(?i)^(?:log ?in|sign ?in|register|log ?in or register|create (?:an|a free) account"
         r"|already (?:a subscriber|have an account)\b.{0,40}|subscribe to (?:read|continue)\b.{0,60}"
         r"|sign ?in to (?:comment|continue|read)\b.{0,40}|(?:get|unlock) unlimited (?:digital )?access\b.{0,60}"
         r"|subscribers? only\b.{0,80}|subscribe (?:now )?(?:for|from) (?:just |only )?[$€£]?\d.{0,60})$",
         doc="log-in and account prompts"),
    Rule("feedback-widget", r"(?i)^(?:was this (?:[a-z]{2,20} ){1,2}(?:helpful|useful)\??.{0,20}|rate this (?:article|story)"
         r"|how (?:would you rate|useful was) this\b.{0,40}|did you find this (?:article |page )?(?:helpful|useful)\??.{0,20}"
         r"|yes\s?/?\s?no|thumbs up|thumbs down)$", doc="'Was this article helpful? Yes / No' review widgets"),
    Rule("image-file", r"(?i)^\S{0,160}\.(?:jpe?g|png|gif|webp|svg|avif|mp4|mov)(?:\?\S{0,80})?$",
         doc="an image or video file name left where the picture was"),
    Rule("comments-widget", r"(?i)^(?:no comments?:?|post a comment|leave a (?:comment|reply)(?: cancel reply)?|add a comment"
         r"|show comments|view comments|\d+ comments?:?|comments? \(\d+\)|post navigation|join the conversation"
         r"|share your thoughts in the comments(?: below)?\.?"
         r"|your email address will not be published\b.{0,80}|save my name, email,? and website\b.{0,120}"
         r"|required fields are marked\b.{0,10})$", doc="comment widgets and forms, post navigation"),
    Rule("syndicated-feed-note", r"(?i)^\(?(?:except for the headline, )?this (?:story|article|report|content) (?:has not been "
         r"edited|was (?:auto-?generated|generated automatically)|is (?:auto-?generated|published) from)\b[^()]{0,200}\)?\.?$",
         hints=("edited", "generated", "published from"),
         doc="'(This story has not been edited by our staff and is published from a syndicated feed.)'"),
    Rule("counter", r"(?i)^\d[\d,.]{0,8}[km]?\s(?:posts?|updates?|sources?|photos?|videos?|shares?|views?|replies|upvotes?"
         r"|likes?|reactions?)$|^(?:views|likes|upvotes|shares|reactions)\s?:\s?\d[\d,.]{0,8}[km]?$",
         doc="counters of a live blog or aggregator card ('18 Posts', '4 Sources', '1,234 views')"),
    Rule("aggregator-meta", r"(?i)^(?:(?:ai[- ]generated|automated|machine[- ]generated) summary|summary (?:by|from|generated by) "
         r"[^.!?]{1,40}|this (?:summary|article|story|post) was (?:generated|written|produced|created) (?:by|with|using) "
         r"(?:ai|artificial intelligence|an ai\b[^.!?]{0,20})\b[^!?]{0,100}|sources\s?:\s?[A-Z][^.!?:]{1,200}"
         r"|[\w ]{0,20}\b(?:bias|factuality|credibility|reliability) rating\s?:\s?[\w ./%-]{1,30}"
         r"|reading level\s?:\s?[\w ./-]{1,30}|posted in [\w ,&'’-]{1,80}"
         r"|posted by (?:admin|administrator|editor|staff|webmaster|guest))$",
         hints=("summary", " ai", "artificial", "sources", "rating", "reading level", "posted"),
         doc="an aggregator's or a blog's own labels: AI-summary notes, source lists, bias and reading-level ratings, "
             "'Posted in' categories"),
    Rule("powered-by", r"(?i)^(?!(?:\S+\s+){12})(?:[^!?]{0,60}\s)?powered by\s[^!?]{1,60}$",
         doc="'Powered by X' widget lines"),
    Rule("embed", r"(?:pic\.twitter\.com/\w|[—–]\s[^()]{1,40}\s\(@\w{1,30}\)\s[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})",
         hints=("pic.twitter.com", "(@"),
         doc="an embedded post: its 'pic.twitter.com' link or its '— Name (@handle) Date' signature"),
    Rule("expert-blurb", r"(?i)(?:is available (?:to|for) (?:comment|interviews?|speak)|(?:he|she|they) (?:can|is able to)"
         r" (?:speak|comment) (?:about|on)|to arrange an interview)\b",
         hints=("is available", "can speak", "can comment", "able to speak", "able to comment", "arrange an interview"),
         doc="a press release's 'expert available' paragraph"),
    Rule("call-to-action", r"(?i)^(?:please )?(?:(?:click|tap|continue reading)\b|(?:read|watch|listen|keep reading|scroll"
         r"|follow|sign up|subscribe|download)\b.{0,100}\b(?:here|below|our|this page|full story|live updates"
         r"|latest updates|full coverage|whatsapp|telegram|instagram|facebook|youtube|tiktok|google news|apple news)\b.{0,40}$)",
         scope="sentence", hints=("read", "watch", "listen", "click", "tap", "scroll", "follow", "sign up", "subscribe",
                                  "download"),
         doc="a sentence telling the reader to read/watch/click something on the site"),
    Rule("page-note", r"(?i)^(?:this (?:story|article|post|page|report) (?:was|is|has been|will be) (?:last |being )?"
         r"(?:updated|developing|breaking)|this (?:story|article|post|page|report) was published more than\b"
         r"|this is an? (?:developing|breaking) (?:story|news)|more (?:details )?to follow"
         r"|check back\b|(?:you(?:'ll|’ll| will) be able to|you can) (?:watch|follow|listen)\b.{0,80}\b(?:on this page|here|below)"
         r"|exit mobile version$|switch to (?:mobile|desktop) (?:version|site)$"
         r"|[^.!?]{0,80}\bthis (?:[a-z]{1,12} ){0,2}(?:live ?blog|blog|page|story|article|post|report|coverage)\b[^.!?]{0,80}"
         r"\b(?:has ended|ended|is over|will be updated|be updated|been updated|being updated|developing|bookmark|refresh)"
         r"|[^.!?]{0,40}\bbookmark this page)", scope="sentence",
         hints=("this ", "more ", "check back", "you", "exit mobile", "switch to"),
         doc="a sentence about the page rather than the news ('This is a developing story', 'More to follow')"),
    Rule("web-chrome", r"(?i)(?:enable javascript|your browser (?:does not|doesn'?t) support|(?:another|a different|a supported"
         r"|a modern|update your|upgrade your) browser\b|\bie ?\d{1,2} is not supported"
         r"|\bis not available in your (?:region|country|location))", scope="sentence",
         hints=("javascript", "browser", "supported", "available in your"),
         doc="a sentence asking the reader to enable JavaScript or change browser"),
    Rule("aside", r"(?i)^\((?:more|with|inputs|additional|photos?|video|see|read|click|follow|updated)\b[^()]{0,80}\)\.?$",
         scope="sentence", hints=("(",),
         doc="a parenthesised aside: '(With agency inputs)', '(More stories on X.)', '(Updated date)'"),
    Rule("share-prompt", r"(?i)^(?:(?:share|email|print|save)(?: this| the)?(?: (?:article|story|post|page))?|share on \w+"
         r"|copy link|link copied|tweet|"
         r"follow us(?: on .{1,30})?|comments?(?: \(\d+\))?|\d+ comments?|"
         r"(?:like|follow) us on .{1,30}|join (?:us|our community) on .{1,30}|gift (?:this |the )?(?:article|story)"
         r"|share via \w+|save for later|add to (?:reading list|favou?rites|my list)|text size|follow (?:this )?(?:topic|author)"
         r"|(?:read|open|continue) in (?:the )?app)$",
         doc="share buttons and social prompts"),
    Rule("newsletter", r"(?i)(?:^(?:subscribe|sign up)(?: now| today| here)?[.!]?$|\b(?:sign up|subscribe) (?:for|to) (?:our|the) "
         r"(?:free )?(?:\w+ ){0,3}newsletters?\b|\b(?:delivered (?:straight )?to|in|into) your (?:email )?inbox\b"
         r"|^enter your email(?: address)?\b|^don'?t miss (?:out|a thing|anything)\b|^newsletter sign-?up$)",
         hints=("subscribe", "sign up", "inbox", "enter your email", "miss", "newsletter sign"),
         doc="newsletter sign-up prompts"),
    Rule("reading-time", r"(?i)^\d+\s*(?:-\s*)?min(?:ute)?s?(?: read| to read| listen)?$", doc="'8 min read', '4 min listen'"),
    Rule("image-widget", r"(?i)^(?:(?:hide|show|toggle) caption|enlarge (?:this )?(?:image|photo)|\d{1,2} of \d{1,2}"
         r"|view (?:the )?(?:gallery|slideshow)|expand (?:image|photo))$",
         hints=("caption", "enlarge", " of ", "view", "expand"), doc="gallery and caption buttons"),
    Rule("alerts-promo", r"(?i)^(?:download (?:the|our) (?:free )?[\w ]{1,30} app\b.{0,60}|turn on (?:push |desktop )?"
         r"notifications\b.{0,60}|(?:get|sign up for) (?:breaking news )?alerts\b.{0,60}"
         r"|(?:have|got) a (?:news )?(?:tip|story idea)\?.{0,100}|send us (?:a |your )?(?:news )?tips?\b.{0,80})$",
         hints=("download", "notifications", "alerts", "tip", "story idea", "send us"),
         doc="app, alert and news-tip prompts"),
    Rule("time-ago", r"(?i)^(?:updated |posted )?\d+\s*(?:s|sec|m|min|mins|minutes?|h|hrs?|hours?|d|days?) ago$"
         r"|^(?:updated|posted) ago$", doc="'4h ago' freshness labels (and 'Updated ago', its number not rendered)"),
    Rule("live-chrome", r"(?i)^(?:show key events only|key events|pinned(?: post)?|live(?: updates)?|auto-?refresh|"
         r"(?:show|load|see) (?:more|older|all) (?:posts|updates|entries)|watch live|"
         r"please turn on javascript.*|refresh for (?:the )?latest(?: updates| posts)?)$", doc="live-blog controls"),
    Rule("story-chrome", r"(?i)^(?:swipe (?:up|left)(?: for more| to read more)?|tap (?:to|for) (?:read )?more|"
         r"slide \d+ of \d+|\d+ ?/ ?\d+|next slide|previous slide|read the full story)$",
         doc="web-story navigation"),
    Rule("decoration", r"^[^\w\s]{1,4}$|^[\u2100-\u2bff\U0001F000-\U0001FAFF\ufe0f\u200d]{1,6}$", doc="lone emoji or symbol lines (icons of info boxes)"),
    Rule("quiz-widget", r"(?i)^(?:quiz|take (?:the|our) quiz|test your knowledge|question \d+ of \d+|check (?:my )?answers?"
         r"|submit(?: answers?)?|correct!?|incorrect!?|wrong!?|your score:.*)$", doc="quiz widget controls"),
    Rule("wire-trailer", r"(?i)^\((?:reporting|writing|additional reporting|compiled|edited) by\b[^)]*\)$",
         doc="'(Reporting by ...; Editing by ...)' wire trailers (the reporter becomes the author)"),
    Rule("contributed-credit", r"^(?!(?:\S+\s+){12})[A-Z][^.!?]{1,80}\scontributed (?:reporting )?to this (?:report|story|article)\.?$",
         hints=("contributed",), doc="'Outlet X contributed to this report': a credit line at the foot of a story"),
    Rule("wire-standards", r"(?i)^our standards:", doc="a wire agency's standards footer"),
    Rule("copyright", r"(?i)^(?:©|\(c\)|copyright\b)\s*(?:©\s*)?(?:\d{4}\b)?.{0,80}$|^all rights reserved\.?$",
         doc="copyright footers"),
    Rule("licensing-chrome", r"(?i)^(?:reprints?(?: (?:&|and) permissions)?|purchase licensing rights|report an (?:error|issue)"
         r"|(?:our )?(?:corrections|ethics|editorial) (?:policy|standards)|(?:reuse|republication|reproduction) of this "
         r"(?:story|article|content)\b[^.!?]{0,80}\.?)$",
         hints=("reprint", "licensing", "report an", "policy", "standards", "of this"),
         doc="reprint, licensing and policy links at the foot of an article"),
    Rule("outlet-headline-link", r"^(?!By )(?:[A-Z][\w&.'’-]{0,30} ){0,3}[A-Z][\w&.'’-]{0,30} · "
         r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.? \d)[A-Z\"“‘'][^.!?·]{10,150}$",
         hints=(" · ",), doc="'Outlet · Headline': an aggregator's link to another outlet's story (not a byline's date)"),
    Rule("image-credit", r"(?i)^(?:image|photo|photograph|picture|illustration|screenshot|graphic|mandatory credit|credit)"
         r"(?: credit)?"
         r"\s*:\s*\S.{0,80}$|^\(?(?:photo|image) by .{1,60}\)?$|^(?:image|photo) ?(?:caption|description|source)\w{0,8}\b"
         r"|^(?:image|photo|picture|video)s? courtesy (?:of )?.{1,80}$",
         doc="image credits, and alt-text labels ('image caption', 'image description') left by the image"),
    Rule("photo-caption", r"(?i)(?:\((?:[^()]{1,60}\svia\s[^()]{1,40}|[^()]{0,30}\b(?:photo|image|picture)s?\s?"
         r"(?:/|:|by\b)[^()]{1,60})\)\.?$|\[(?:image|photo|picture) (?:credit|source)\s?:[^\]]{1,80}\]|\b(?:mandatory credit|"
         r"image credit|photo credit|screenshot|illustration)\s?:\s?[^.!?]{1,80}$)",
         hints=(")", "]", ":"),
         doc="a caption: a line ending in a photo credit ('(Name via Agency)', '(Agency Photo/Name)', 'Screenshot: X')"),
    Rule("caption-courtesy", r"[.!?]\s(?:Courtesy (?:of )?(?:the )?[A-Z][^.!?]{1,60}|[A-Z][\w.&'’ -]{0,30}/(?:Staff |Freelance "
         r"|Contributing )?Photographer)$", hints=("courtesy", "photographer"),
         doc="a caption whose credit follows its last sentence with no stop ('... near the river. Courtesy of the "
             "agency', '... on Monday. Outlet/Staff Photographer')"),
    Rule("caption-participle", r"^(?!(?:\S+\s+){40})(?:An?|The|Two|Three|Several) [^.!?]{3,200}, (?:photographed|pictured|seen"
         r"|shown|filmed) (?:by|in|at|on|from|during|after)\b[^.!?,]{1,120}\.?$",
         hints=("photographed", "pictured", "seen", "shown", "filmed"),
         doc="a caption with no credit: a thing and where it was photographed ('A cracked beam under the pier, "
             "photographed by inspectors on Monday.')"),
    Rule("caption-dated", r"^(?!(?:\S+\s+){45})[A-Z][^.!?]{3,300}\b(?:sits?|stands?|is seen|are seen|walks?|looks? on"
         r"|gathers?|works?|waits?|rests?|lies|lie|speaks?|poses?)\b[^.!?]{3,200} in [A-Z][\w.'’-]{1,25}(?:,? [A-Z][\w.'’-]{1,25})"
         r"{0,3}, (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\.$",
         hints=("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december"),
         doc="a wire photo caption: someone or something in the present tense, then place and full date "
             "('Workers stand on the closed pier in Port Ellen, Scotland, March 4, 2025.')"),
    Rule("caption-credit-tail", r"^(?=(?:\S+\s+){13})[^()]{1,600}\w\s\([A-Z][\w.&'’ -]{1,30}\)$",
         hints=(")",),
         doc="a long line (14+ words) with no closing punctuation that ends in '(Agency)': a caption and its credit"),
    Rule("credit-line", r"^\.?\s?(?:[A-Z][\w.'’-]{0,20}\s){1,3}[A-Z][\w.'’-]{0,20}/[A-Z][\w.&'’ -]{1,30}$"
         r"|^(?!(?:\S+\s+){8})[^.!?]{0,60}\b(?:Getty(?: Images)?|Photographs?|Images|Pictures)$",
         doc="a photo credit on its own line: 'Jane Roe/Agency', 'Agency via Getty Images'"),
    Rule("via-credit", r"^(?!(?:\S+\s+){8})[^!?]{1,80}\svia\s[A-Z][\w.]{1,20}(?: [A-Z][\w.]{1,20})?$"
         r"|^[Vv]ia [A-Z][\w.&'’-]{0,20}(?: [A-Z][\w.&'’-]{0,20}){0,3}$",
         hints=("via ",),
         doc="a short credit line without a sentence: 'Name via Twitter', 'Via Harbour Wire'"),
    # --- aggregator chrome
    Rule("aggregator-analysis", r"(?i)^(?:market impact analysis|impact analysis|ai analysis|sentiment analysis|"
         r"our analysis|market analysis)$", scope="rest",
         doc="an aggregator's analysis block at the end (its numbers are kept as front-matter ratings)"),
    Rule("sentiment-verdict", r"(?i)^(?:bullish|bearish|neutral|mixed|very bullish|very bearish|slightly (?:bullish|bearish))$",
         scope="rest", doc="an aggregator's sentiment verdict and the market commentary after it"),
    Rule("original-source-link", r"(?i)^(?:original source|view original|view source|open original)$",
         doc="'Original source' link labels"),
)

# Rules that are not one regex; listed here so every name --explain prints is documented.
STRUCTURAL_RULES: dict[str, str] = {
    "title": "the headline line; it becomes front-matter title",
    "title-affix": "the site's name after the headline ('| Outlet'), a section or kicker label before it ('Analysis |',"
                   " 'EXCLUSIVE:'), a media tag after it ('(VIDEO)')",
    "repeated-title": "the headline again (pages often repeat it under the byline or an image)",
    "duplicate-lede": "a truncated or doubled copy of a later paragraph at the top of the page",
    "doubled-line": "a line that is the same text twice run together (a widget rendered twice)",
    "duplicate-paragraph": "a paragraph identical to an earlier one",
    "breadcrumb": "a section path such as 'Articles/Category'; it becomes front-matter category",
    "dateline": "the date/outlet/reading-time line; it becomes front-matter published and outlet",
    "byline": "a 'By Jane Doe' line; it becomes front-matter author",
    "author-box": "the author's name repeated in an author box after the article",
    "read-original": "'Read original at X'; it becomes front-matter outlet",
    "source-credit": "a 'Source: X' line; X goes to front-matter cites",
    "source-url": "a 'SOURCE-URL:' line; it becomes front-matter url",
    "syndication-notice": "'originally published on X'; X becomes front-matter syndicated_from",
    "site-tagline": "'example.com – our motto' footers; the domain becomes front-matter outlet",
    "quiz-leftover": "answer options of a quiz widget left after a reference list",
    "front-matter": "a metadata line of a Markdown front matter",
    # in-line fragments (sitegen.ingest.inline): the line stays, the fragment goes
    "date-prefix": "a date glued to the start of a top line ('date 2026-03-01 The ...'); it becomes published",
    "date-suffix": "a date glued to the end of the headline; it becomes published",
    "dateline-prefix": "'Place (Agency) —' before the lede; a name in brackets is offered as the outlet",
    "footnote-marker": "footnote markers glued to words ('river.[3]') and stray '//' or '. .'",
    "id-residue": "tag or link residue glued to the end of a line ('rivertidesLINK')",
    "kicker-label": "an all-caps label before a paragraph ('UPDATED: ', 'STORY: ')",
    "teaser-tail": "', with more…' where a teaser linked to the rest of the article",
    "own-coverage": "a sentence of the page's own outlet (named as its domain is) about its coverage",
    "unfinished-ending": "the unfinished sentence (or cut word) where the page was cut off",
    # shape and story features (sitegen.ingest.shape)
    "label": "a one- or two-word line sharing no word with the line after it (tag, button, alt text)",
    "timestamp": "a line of dates, times and ages only ('14m ago / 10:36 PM UTC', 'Updated 9:05 a.m. ET')",
    "recurring-chrome": "a short unpunctuated line several of the story's articles carry, mostly not in the story's words",
    "id-line": "a short line made mostly of ID-like tokens (tracking codes, asset names)",
    "site-banner": "a title-case sentence, a symbol-framed motto, or a short sentence above the headline opening with "
                   "the site's name (as its domain spells it): the site's tagline",
    "masthead": "a line above the headline that is the site's name (its words spell the domain's name); it becomes "
                "front-matter outlet",
    "section-label": "a few words in capitals above the headline ('LOCAL NEWS')",
    "nav-row": "a line of short items split by pipes, middots or wide gaps: a menu, a section path or a row of buttons "
               "(above the headline, a section path, two items or items split by '›' or '»', gives front-matter category)",
    "unrelated-line": "a headline-shaped line, or a question naming what the story never does, sharing few words with "
                      "the story and introducing no paragraph (a promoted or linked headline)",
    "related-links": "a link list: the unrelated lines of a run of 3+ short lines, or headlines ending in '(Outlet)'",
    "off-topic-section": "the last section of a page when its heading and paragraph have little to do with the story",
}


def compile_rules(config: Config) -> tuple[CompiledRule, ...]:
    """The site's own rules (from config.yml) first, then the defaults; compiled once per run."""
    site_rules = [Rule(r.name, r.pattern, r.scope, "site rule") for r in config.noise_rules]
    return tuple(CompiledRule(r.name, re.compile(r.pattern), r.scope, r.hints) for r in (*site_rules, *DEFAULT_RULES))


def describe_rules() -> str:
    """The documented list, for ``sitegen ingest --explain`` without inputs and for the docs."""
    lines = [f"{r.name:22} {r.scope:8} {r.doc}" for r in DEFAULT_RULES]
    lines += [f"{name:22} {'(built in)':8} {doc}" for name, doc in STRUCTURAL_RULES.items()]
    return "\n".join(lines)
