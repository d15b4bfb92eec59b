"""Rule-based coding of Dutch trainee replies, since there is no Dutch MI training data.

    code_dutch("Het klinkt alsof je bang bent je kinderen kwijt te raken.",
               client_statement="Als ze het ontdekken, nemen ze mijn kinderen mee.")
    -> DutchCode(main="reflection", subtype="complex", confidence=0.8, extras=(), ...)

Codes follow AnnoMI's labelling (main: question / reflection / therapist_input / other,
with its subtypes); extras are the MITI 4.2.1 codes that AnnoMI folds into "other".
Definitions: the MI domain notes (shared/domain/mi.md, sections 1.2 and 3.1). Conventions
mirrored here:

* facilitation ("Hm-hm", "Oké"), greetings, structuring, affirmations, autonomy support,
  seeking collaboration stated as such, and confrontations are main "other";
* asking permission is a closed question (extra seeking_collaboration), a rhetorical
  confronting question is a closed question (extra confronting);
* a reflection followed by a checking tag ("..., klopt dat?") is a closed question: a
  question that ends the turn wins;
* advice without permission or an autonomy cue carries persuading_without_permission.

How it decides, first rule that fires wins (each table below says why it exists):
odd input -> facilitation -> negotiation (unless it asks "zullen we samen ...?") -> advice
phrased as a question -> a question that ends the turn (open/closed from its last
question clause) -> "Vertel eens ..." -> a question without "?" by word order (verb first
with its subject, a short "of" choice, a checking tag: _unmarked_question) ->
greetings/structuring -> confrontation -> options -> advice -> autonomy -> affirmation ->
collaboration -> a weighed choice between reflection and information (second person,
reflection openers and word overlap with the client's statement against factual markers
and a client question). Reflections are complex when they add meaning (new feeling
words, double-sided, hedges such as "eigenlijk", amplification, continuing, summaries,
little overlap with the client's words), simple otherwise (MITI: when unsure, simple).

The behaviours (extras) are decided for every reply by their own tables, the issue-24
rows built on sentence structure (a positive judgement of the client's act, the decision
placed with the client, "samen" with "we", disagreeing at the start, correcting the
blame); measured in tests/mi/test_behaviours_nl.py and docs/mi.md ("Dutch: rules").

Measured (tests/mi/test_dutch.py has the floor): development set tests/mi/data/
dutch_dev.yaml, written before the rules and the only data they were tuned on; held-out
test set tests/mi/data/replies_nl.yaml, measured once after tuning. Figures are in the
test file. Rules, not a model: every code comes with the reasons that fired.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from journeys.mi.language import word_set
from journeys.mi.miti_rules import EXTRA_CODES

# One turn; coder.py already refuses more than 1,000 characters. A longer text is a pasted
# document, not something said in one breath, so it is not coded (and costs no time).
MAX_REPLY_CHARS = 5000


@dataclass(frozen=True)
class DutchCode:
    main: str  # "question" | "reflection" | "therapist_input" | "other"
    subtype: str | None  # open/closed, simple/complex, information/advice/options/negotiation
    confidence: float  # 0..1, the rules' own estimate
    extras: tuple[str, ...]  # MITI codes, in EXTRA_CODES order
    reasons: tuple[str, ...]  # the rules that fired, in plain English


class Rule:
    """A pattern, searched fast. Python's re scans ahead quickly for a pattern's first
    letters, but not past a leading \\b; so top-level alternatives that start with \\b
    are compiled without it and the word boundary is checked here. Same matches, several
    times faster on long text."""

    __slots__ = ("bounded", "loose")

    def __init__(self, pattern: str) -> None:
        bounded, loose = [], []
        for alternative in _alternatives(pattern):
            if alternative.startswith(r"\b"):
                bounded.append(alternative[2:])
            else:
                loose.append(alternative)
        self.bounded = re.compile("|".join(bounded)) if bounded else None
        self.loose = re.compile("|".join(loose)) if loose else None

    def search(self, text: str) -> bool:
        if self.loose is not None and self.loose.search(text):
            return True
        if self.bounded is None:
            return False
        match = self.bounded.search(text)
        while match:
            start = match.start()
            if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
                return True
            match = self.bounded.search(text, start + 1)
        return False


def _alternatives(pattern: str) -> list[str]:
    """The pattern split at its top-level "|" (outside groups and [classes])."""
    parts, depth, in_class, escaped, begin = [], 0, False, False, 0
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[begin:index])
            begin = index + 1
    return [*parts, pattern[begin:]]


Table = tuple[tuple[str, Rule], ...]


def _table(*rows: tuple[str, str]) -> Table:
    """(reason, pattern) rows; patterns run on normalised text (lower case, no accents,
    straight quotes). Quantifiers over wildcards are bounded ({0,120}) and never nested,
    so a search stays linear in the length of the text."""
    return tuple((reason, Rule(pattern)) for reason, pattern in rows)


def _fired(table: Table, text: str) -> list[str]:
    return [reason for reason, pattern in table if pattern.search(text)]


# ---------------------------------------------------------------- normalisation

_CHARACTERS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2026": "...",
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
    }
)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
_CLAUSE = re.compile(r"[,;:]|\s-\s")


def normalise(text: str) -> str:
    """Lower case without accents ("één" -> "een", "oké" -> "oke"), straight quotes,
    invisible characters dropped, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text).translate(_CHARACTERS)
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn" or category == "Cf":  # accents, zero-width characters
            continue
        kept.append(" " if category.startswith(("C", "Z")) else char)
    return _SPACE.sub(" ", "".join(kept).lower()).strip()


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _sentences(text: str) -> list[str]:
    """Sentences that contain a word (a trailing emoji is not a sentence)."""
    return [s for s in (p.strip() for p in _SENTENCE_END.split(text)) if _WORD.search(s)]


def _final_mark(sentence: str) -> str:
    """The sentence's closing punctuation, ignoring quotes, brackets and emoji after it."""
    end = len(sentence)
    while end and not (sentence[end - 1].isalnum() or sentence[end - 1] in ".?!"):
        end -= 1
    return sentence[end - 1] if end and sentence[end - 1] in ".?!" else ""


# Words that open a sentence without changing what it does ("Oké, dus je ..."): skipped
# before looking at how a sentence or clause starts.
FILLERS = word_set(
    "en maar dus oke ok okay ja nee hm hmm mm mmm nou goed oh ah aha zo juist precies "
    "want tja kijk nu dan"
)


def _start(words: list[str]) -> list[str]:
    index = 0
    while index < len(words) - 1 and words[index] in FILLERS:
        index += 1
    return words[index:]


# ---------------------------------------------------------------- other: facilitation

# AnnoMI codes backchannels and acknowledgements as "other" (MITI: not coded). A reply
# counts as facilitation when it is short and every word is one of these.
FACILITATION_WORDS = word_set(
    "hm hmm hmmm mm mmm mhm uh uhu oke okay ok ja jaja jawel nee juist precies klopt goed "
    "prima ah aha oh o nou inderdaad tuurlijk natuurlijk zeker helder duidelijk top fijn "
    "mooi snap begrijp ik het dat is zo right yes sure echt wow tja dank bedankt je wel "
    "hoor geen probleem ga door verder"
)
FACILITATION_MAX_WORDS = 6  # "Ja, ik snap het, ga door." is still a backchannel

GREETING = _table(
    # Greetings, introductions and goodbyes are not coded in MITI; "other" in AnnoMI.
    ("greeting", r"^(hoi|hallo|hey|hee|hai|goedemorgen|goedemiddag|goedenavond|welkom)\b"),
    ("goodbye", r"\btot (ziens|straks|morgen|later|volgende|de volgende|over)\b|^doei\b|^dag!?$"),
    ("thanks", r"^(dank je|dank u|bedankt|dankjewel|dankuwel)\b"),
    ("'fijn je te spreken'", r"\bfijn (je|jou|u) (te )?(spreken|zien|ontmoeten)\b"),
    ("introduces self", r"^(ik ben|mijn naam is|ik heet) [a-z]+[.!]?$"),
    ("'fijn dat je er bent'", r"^(fijn|goed|leuk) dat (je|jullie) (er )?(bent|zijn|gekomen)"),
)
STRUCTURING = _table(
    # Agenda, time and note-taking talk is structuring: not GI in MITI, "other" in AnnoMI.
    (
        "structuring: let's start",
        r"^(zullen|laten) we (maar |dan |eens )?(beginnen|starten|verder ?gaan|afronden|"
        r"stoppen voor vandaag|een pauze)",
    ),
    ("structuring: time", r"\bwe hebben (vandaag|nog|ongeveer|zo'?n|een half|een uur)\b"),
    (
        "structuring: agenda",
        r"\b(vandaag wil ik|vandaag gaan we|in dit gesprek wil ik|we gaan (eerst|straks|vandaag|"
        r"daarna))\b",
    ),
    (
        "pacing: 'neem je tijd'",
        r"\bneem (rustig |gerust |maar )*(je|de|alle) tijd\b|\bgeen haast\b",
    ),
    (
        "structuring: come back to",
        r"\b(ik wil|laten we|we komen) (straks|later|zo) (nog )?(even )?(terug|terugkomen)\b",
    ),
    ("structuring: notes", r"\bik (maak|schrijf|noteer) (even )?(wat|een paar)? ?aantekening"),
    ("refers to last session", r"\b(de|vorige) (vorige )?(keer|sessie) (hebben|spraken) we\b"),
)

# ---------------------------------------------------------------- therapist input

NEGOTIATION = _table(
    # Proposing or agreeing a concrete plan together: AnnoMI "negotiation". Checked before
    # questions because "Zullen we afspreken dat ...?" is a proposal, not a question.
    (
        "'zullen we' proposal",
        r"\bzullen we\b(?! (maar |dan |eens )?(beginnen|starten|verder|afronden|stoppen voor "
        r"vandaag|pauze))",
    ),
    ("'wat als we'", r"\bwat (als|nou als|als nou) we\b"),
    (
        "'zou het helpen als we'",
        r"\bzou het (je )?helpen als we\b|\bis het een idee (om|als we)\b|\bhelpt het als we\b",
    ),
    (
        "'laten we' plan",
        r"\blaten we (dat |het )?(afspreken|als (eerste )?(doel|stap)|een (plan|afspraak|doel)|"
        r"proberen|het zo doen|kijken of)",
    ),
    (
        "agreement wording",
        r"\b(spreken we af|(we|wij) (kunnen |zouden )?afspreken|afgesproken|de afspraak is|onze "
        r"afspraak|houden we het (erop|daarop|zo)|mijn voorstel|ik stel voor (dat we|om samen)|"
        r"het plan is|ons plan|je plan is|als eerste stap|(je|jouw|ons) doel (voor|is|wordt))\b",
    ),
    (
        "writes the plan down",
        r"\b(dan )?(noteren|noteer|schrijven) we\b|\bvolgende keer (bespreken|kijken) we\b",
    ),
)
ADVICE_QUESTION = _table(
    # "Waarom ga je niet ...?" is a suggestion dressed as a question (brief, MITI Persuade).
    (
        "'waarom ... je niet' suggestion",
        r"^(en |maar |dus )?waarom (ga|probeer|neem|stop|doe|bel|zoek|vraag|praat|gebruik|"
        r"drink|maak|kies|meld|begin|test|zet|hou|houd) je (dan |toch |eens )?(niet|geen)\b",
    ),
)
OPTIONS = _table(
    # A menu of choices, so the client picks: AnnoMI "options".
    (
        "'sommige ..., andere(n)'",
        r"\bsommige(n| mensen| ouders| gebruikers)?\b[^.?!]{0,120}\bander",
    ),
    ("'voor de een ..., voor de ander'", r"\bde een\b[^.?!]{0,120}\bde ander\b"),
    (
        "'er zijn ... mogelijkheden'",
        r"\ber zijn (verschillende|meerdere|een paar|een aantal|allerlei|twee|drie|veel) "
        r"(mogelijkheden|opties|manieren|routes|keuzes|vormen|soorten)",
    ),
    (
        "'opties zijn'",
        r"\b(opties|mogelijkheden|keuzes) (zijn|heb je)\b|\been (optie|mogelijkheid) is\b|"
        r"\been andere (optie|mogelijkheid) (is|zou|kan)\b",
    ),
    # "of" as "or", not as "whether" ("Je weet niet of het lukt"): a comma before it, or
    # no pronoun after it.
    (
        "'je kunt ... of ...'",
        r"\b(je|jij|u) (kunt|kan|zou)\b[^.?!]{0,120}(, of\b|\bof (?!(je|jij|het|dat|hij|ze|zij|"
        r"er|u|die|dit|niet|ik)\b))",
    ),
    (
        "'kun je ... of ...'",
        r"\b(kun|kan) (je|u)\b[^.?!]{0,120}(, of\b|\bof (?!(je|jij|het|dat|hij|ze|zij|er|u|die|"
        r"dit|niet|ik)\b))",
    ),
    ("'of je nu ... of'", r"\bof je nu\b"),
    (
        "'je hebt een paar keuzes'",
        r"\b(je hebt|heb je) (een paar|twee|drie|verschillende|meerdere|een aantal) "
        r"(keuzes|opties|mogelijkheden)\b",
    ),
    ("'er bestaan ..., maar ook'", r"\ber (bestaan|zijn)\b[^.?!]{0,80}\b(maar ook|en ook)\b"),
    ("'allebei kan'", r"\b(allebei|beide|alle twee) (kan|kunnen|is mogelijk|zijn mogelijk)\b"),
)
ADVICE = _table(
    # Telling the client what to do: AnnoMI "advice" (MITI Persuade unless permitted).
    (
        "'je moet'",
        r"\b(?<!wat )(je|jij) moet\b(?! (het|dat) zelf weten)|\bmoet je\b(?! (het|dat) zelf)",
    ),
    (
        "'je zou ... moeten'",
        r"\b(je|jij) zou\b[^.?!]{0,80}\bmoeten\b|\bzou je\b[^.?!]{0,80}\bmoeten\b",
    ),
    (
        "'je zou eens/kunnen'",
        r"\b(je|jij) zou (eens|beter|misschien|kunnen|ook)\b|"
        r"\b(je|jij) zou\b[^.?!]{0,60}\bkunnen\b",
    ),
    ("'misschien kun je'", r"^misschien (kun|kan) (je|jij|u)\b|\b(kun|kan) (je|jij|u) misschien\b"),
    (
        "'je kunt beter'",
        r"\b(je|jij) (kunt|kan) (het )?(beter|best|beste|eens|ook|altijd)\b|"
        r"\b(kun|kan) je (het )?(beter|best|beste|eens)\b|\bdat (je|jij) (beter|het beste|best)\b",
    ),
    ("'als je wilt, kun je'", r"\bals je (dat |het )?(wilt|wil),? (kun|kan) je\b"),
    ("'probeer'", r"\bprobeer\b(?! je\b)"),
    (
        "'ik raad je aan' / 'een tip'",
        r"\bik (raad|adviseer) (je|jou|u)\b|\b(mijn|een|m'n) (advies|tip|suggestie)\b|"
        r"\bik (zou )?(je )?(aanraden|adviseren)\b|\bik stel voor\b",
    ),
    (
        "'ik zou' / 'als ik jou was'",
        r"\bals ik (jou|jij) (was|ben)\b|\bin jouw (plaats|schoenen)\b|"
        r"\bik zou\b(?! (het )?(graag|willen|je (graag )?willen|benieuwd|zeggen|niet weten))",
    ),
    (
        "'het is belangrijk/beter dat je'",
        r"\bhet (is|lijkt me|zou) (heel |wel |echt )?(belangrijk|beter|verstandig|slim|goed|"
        r"het beste|het best) (zijn )?(dat|om|als) (je|jij)\b|\bhet beste is\b|"
        r"\b(het is|is het|lijkt het me|het lijkt me) (misschien |wel )?(verstandig|slim|beter|"
        r"een idee) om\b",
    ),
)
# A sentence that opens with one of these verbs, not followed by "je", is an imperative
# ("Neem een buddy mee.") -- advice. "Vertel" is excluded: "Vertel eens" is a question.
IMPERATIVE_VERBS = word_set(
    "neem ga stop zet bel zoek drink probeer hou houd vraag maak blijf eet test let check "
    "kies doe gebruik begin spreek leg meld zorg denk kom lees download installeer "
    "schrijf regel praat wacht plan vermijd beperk combineer mix bouw spuit "
    "doseer meet bewaar haal laat"
)
SUBJECTS = word_set("je jij u jullie hij zij ze we wij het er dat dit die iemand")
PRONOUNS = word_set(
    "ik je jij u jullie hij zij ze we wij"
)  # "Doe je ...", "Ga ik ..." are not orders

# ---------------------------------------------------------------- extras (MITI codes)

PERMISSION = _table(
    # The reply asks or leaves room, so advice in it is "with permission" (MITI).
    (
        "permission: 'als je wilt'",
        r"\bals (je|jij) (dat |het )?(wilt|wil|wil horen|open staat|ervoor openstaat)\b",
    ),
    ("permission: 'mag ik'", r"\bmag ik\b"),
    ("permission: asks if ok", r"\b(is het|vind je het|zou je het) (goed|oke|prima|fijn)\b"),
    ("permission: 'kijk zelf'", r"\bkijk (maar )?(zelf )?(of|wat) (het|dat|je)\b"),
    ("permission: free to ignore", r"\b(misschien heb je er iets aan|je bent vrij|neem wat je)\b"),
)
CLIENT_ASKED = _table(
    # The client asked for advice or information, so giving it is not "without permission".
    ("client asked what to do", r"\b(wat|hoe) (moet|kan|zou|zal) ik\b|\bmoet ik\b|\bzal ik\b"),
    ("client asked for tips", r"\b(tips?|advies|adviezen|ideeen|suggesties?|raad)\b"),
    ("client asked your view", r"\bwat (zou|raad|adviseer|vind|denk) (jij|je)\b|\bhelp me\b"),
)
AFFIRMATION = _table(
    # A genuine statement about the client's strengths or efforts (MITI Affirm).
    ("affirmation: 'knap'", r"\bknap\b"),
    ("affirmation: 'trots'", r"\btrots\b"),
    (
        "affirmation: 'goed gedaan'",
        r"\b(goed|sterk|slim) (gedaan|bezig|van je|zo|aangepakt|opgelost|gehandeld)\b",
    ),
    (
        "affirmation: confidence in client",
        r"\bvertrouwen in (je|jou|u)\b|\b(heb ik|ik heb) (alle|veel|het volste) vertrouwen\b",
    ),
    (
        "affirmation: 'wat goed dat'",
        r"\b(wat|heel|echt|erg) (goed|fijn|mooi|sterk|knap) (dat|van) je\b",
    ),
    ("affirmation: 'sterk'", r"\bsterk (van je|dat je)\b"),
    (
        "affirmation: courage",
        r"\b(vraagt|kost|getuigt van|toont|laat zien) (veel |echt )?(moed|lef)\b|\bmoedig|\bdapper",
    ),
    (
        "affirmation: persistence",
        r"\bdoorzett|\bindrukwekkend|\bbewonder|\brespect (voor|dat)\b|\bpetje af\b|\bchapeau\b",
    ),
    (
        "affirmation: 'laat zien dat je'",
        r"\b(hebt|heb je) laten zien\b|\blaat zien dat je\b|\bzegt veel over (je|jou)\b",
    ),
    (
        "affirmation: effort",
        r"\b(je|jij) (hebt|heb) (echt |al |zo )?(je best gedaan|hard gewerkt|veel gedaan|"
        r"veel bereikt|doorgezet|volgehouden)\b",
    ),
    (
        "affirmation: achievement",
        r"\b(een )?(echte |hele |mooie )?(prestatie|stap vooruit|vooruitgang)\b|\bgoed werk\b",
    ),
    ("affirmation: appreciation", r"\bik waardeer\b|\bfijn dat je (zo )?(eerlijk|open)\b"),
    (
        "affirmation: strength named",
        r"\b(je|jij) bent (echt |zo'n |zon |een )*(doorzetter|vechter|sterke?|eerlijk|zorgzame?|"
        r"betrokken|liefdevolle?|goede (vader|moeder|ouder))\b",
    ),
)
AUTONOMY = _table(
    # Choice and responsibility placed with the client (MITI Emphasize autonomy).
    (
        "autonomy: 'jouw keuze'",
        r"\b(jouw|je eigen) (keuze|beslissing|leven)\b|\bzelf (weten|beslissen|bepalen|kiezen)\b",
    ),
    ("autonomy: 'aan jou'", r"\b(is|ligt|blijft) (helemaal |echt |uiteindelijk )?(aan|bij) jou\b"),
    (
        "autonomy: 'jij bepaalt'",
        r"\b(bepaal|beslis|kies) (jij|je) (helemaal |toch |uiteindelijk )?zelf\b",
    ),
    ("autonomy: 'jij beslist'", r"\bjij (bepaalt|beslist|kiest|hebt het (voor het )?zeggen)\b"),
    ("autonomy: 'jij weet het best'", r"\b(jij|je) (weet|kent) (jezelf |zelf )?(het )?best"),
    (
        "autonomy: 'ik ga je niet vertellen'",
        r"\bik (ga|zal) (je|jou) niet (vertellen|zeggen) wat\b|"
        r"\bik ga niet voor (je|jou) beslissen\b",
    ),
    ("autonomy: 'niemand kan je dwingen'", r"\bniemand kan (je|jou) (dwingen|verplichten)\b"),
    ("autonomy: client is the expert", r"\bjij bent (de )?(expert|deskundige|baas)\b"),
    ("autonomy: 'wat je ook kiest'", r"\bwat (jij|je) ook (kiest|besluit|beslist|doet)\b"),
)
COLLABORATION = _table(
    # Asking permission, inviting the client's view, sharing the agenda (MITI Seek).
    ("asks permission: 'mag ik'", r"\bmag ik (je |jou )?(iets|wat|een|even|misschien|daar|er)\b"),
    (
        "asks permission: 'is het goed als ik'",
        r"\b(is het|vind je het|zou je het) (goed|oke|prima|fijn) (vinden )?(als|dat) (ik|we)\b",
    ),
    (
        "asks permission: 'wil je dat ik'",
        r"\bwil je (dat ik|(meer )?(horen|weten) (wat|hoe|over|of))\b|"
        r"\bzal ik (je )?(iets|wat|een paar)\b",
    ),
    (
        "offers information",
        r"\b(kan|zal|wil) ik (je|jou|u)\b[^.?!]{0,40}\b(vertellen|uitleggen|laten zien)\b",
    ),
    ("offers: 'heb je interesse'", r"\bheb je (interesse|behoefte) (in|aan)\b"),
    (
        "together",
        r"\blaten we samen\b|\bsamen (kijken|uitzoeken|bedenken|zoeken|nadenken|bekijken)\b|"
        r"\b(kijken|bekijken|zoeken|bedenken) we samen\b|"
        r"\b(denk|denken) (graag )?met je mee\b|\bmet je meedenken\b",
    ),
    (
        "client's expertise",
        r"\bjij bent (de )?(expert|deskundige)\b|\bjouw (ideeen|inbreng|ervaring)\b",
    ),
    (
        "client sets agenda",
        r"\b(waar|waarover) wil je (het )?(over )?(beginnen|praten)\b|"
        r"\bwat wil je (vandaag )?bespreken\b",
    ),
)
# "Wat denk je daarvan?" after information asks what the client makes of it (Seek); after
# a reflection it is an ordinary question, so it counts only after a statement.
ASKS_VIEW = re.compile(
    r"\bwat (denk|vind) je (ervan|daarvan|daar ?van|erover|hiervan)\b|\bhoe klinkt dat\b"
)
CONFRONTING = _table(
    # Labelling, blaming, shaming, doubting honesty, moralising (MITI Confront).
    (
        "confronting: label",
        r"\b(je|jij) bent (gewoon |echt |gewoonweg |duidelijk |toch |zo |een )*(verslaafd|"
        r"verslaafde|junk|junkie|alcoholist|leugenaar|onverantwoordelijk|egoistisch|zwak|"
        r"in ontkenning|naief|lui|slechte (vader|moeder|ouder))\b",
    ),
    (
        "confronting: 'dat is een smoes'",
        r"\b(dat|dit|het) is (gewoon |echt |toch |maar |allemaal )*(een )?(smoes|smoesje|onzin|"
        r"flauwekul|belachelijk|onverantwoordelijk|egoistisch|dom|stom|niet waar|leugen|"
        r"kinderachtig)\b|\bsmoes",
    ),
    ("confronting: 'voor de gek'", r"\bvoor de gek\b|\bmaakt jezelf (maar )?wat wijs\b"),
    ("confronting: criticises", r"\b(je|jij) (neemt|nam) (het|dit|ons|mij|dat) niet serieus\b"),
    (
        "confronting: doubts honesty",
        r"\bgelooft (toch )?(niemand|geen mens)\b|\bgeloof (ik|je) (toch )?(niet|zelf niet)\b|"
        r"\bje liegt\b|\bwees (nou |nu )?eerlijk\b",
    ),
    ("confronting: denial", r"\bontken|\bgoed ?praten\b|\bvergoelijk|\bbagatellis"),
    (
        "confronting: dismisses",
        r"\bmakkelijk gezegd\b|\bdat (zeggen ze|zegt iedereen) (allemaal|altijd)?|^nee,? niet\b|"
        r"\bdat zeg je (nu wel|elke keer|altijd)\b|\bdat heb ik (al )?(vaker|eerder) gehoord\b",
    ),
    (
        "confronting: blame",
        r"\bschuld (steeds |altijd |telkens )?(bij|op) (een )?ander|\bverpest|"
        r"\bjouw (schuld|fout)\b",
    ),
    (
        "confronting: moralising",
        r"\bzo kan het (echt |toch )?niet (langer|meer|door)\b|\bschamen\b|\bschaam je je\b|"
        r"\bslechte (vader|moeder|ouder)\b",
    ),
    (
        "confronting: scolding",
        r"^kom (nou|op)\b|\bhou (nou |nu )?op met\b|\bdoe (nou )?niet zo\b",
    ),
    (
        "confronting question: 'ben je niet gewoon'",
        r"\b(ben|heb|doe|wil|zit) je (dan |nou )?(niet|toch) gewoon\b",
    ),
    ("confronting question: 'denk je niet aan'", r"\bdenk je (nou |dan |wel )?niet aan\b"),
    ("confronting question: 'vind je het niet'", r"\bvind je (het|dat) (zelf |dan |nou )*niet\b"),
    (
        "confronting question: 'besef je wel'",
        r"\bbesef je (wel|niet|dan)\b|\b(snap|zie) je (dan )?(wel |niet |zelf niet )(in )?dat\b",
    ),
    (
        "confronting question: 'hoe kun je'",
        r"\bhoe (kun|kan) je (nou|nu|dat|zo)\b|\bheb je (dan )?geen (besef|schaamte)\b|"
        r"\bdenk je (nou )?echt dat\b|\bwie (hou|houd) je voor de gek\b",
    ),
)

# Issue 24: the behaviours decided for every utterance by its structure, beside the tables
# above (tuned on tests/mi/data/behaviours_nl_dev.yaml; held back: behaviours_nl.yaml).
# A positive judgement of what the client did or is: "Knap dat je ...", "Dat was sterk",
# "Je hebt het toch maar gedaan", "Je hebt haar leven gered".
POSITIVE = (
    r"(goed|mooi|knap|sterk|fijn|dapper|moedig|slim|verstandig|prachtig|geweldig|bijzonder|"
    r"zorgvuldig|krachtig|wijs|top|super|tof)"
)
STRENGTHS = (
    r"(goed in|trouw|zorgzame?|betrokken|eerlijk|sterke?|moedig|dapper|creatief|vindingrijk|"
    r"volhardend|doorzetter|vechter|zorgvuldig|attent|loyaal|liefdevolle?)"
)
AFFIRMATION += _table(
    (
        "affirmation: judges the act ('knap dat je')",
        rf"^(en |maar |oke |ja |nou )?(echt |heel |wat |erg |zo )?{POSITIVE} (dat|van) "
        r"(je|jij|u)\b|"
        rf"^(respect|chapeau|petje af|complimenten?|top)\b",
    ),
    (
        "affirmation: 'dat was sterk'",
        rf"\b(dat|dit|het) (is|was|vind ik|noem ik) (echt |heel |wel |best |toch |erg |zo )*"
        rf"({POSITIVE}|een {POSITIVE}e (keuze|stap|beslissing|zet))( van je| hoor)?\b"
        r"(?! (dat|als|om) )",
    ),
    ("affirmation: 'wat een ...'", rf"^wat een {POSITIVE}e?\b"),
    (
        "affirmation: persisted ('toch maar gedaan')",
        r"\btoch (maar |mooi |wel |even )*(ge[a-z]{2,}(d|t|n)|teruggekomen|opgehaald|"
        r"aangemeld|doorgezet|volgehouden)\b|"
        r"\b(deed|ging|kwam|belde) (het |je |jij )?(het )?toch\b|"
        r"\bondanks (je|jouw)\b|\b(zet|zette) (je |jij )?(echt |toch |wel |steeds )*door\b",
    ),
    (
        "affirmation: did well ('goed nagedacht')",
        r"\b(je|jij) (hebt|had|heb) [^.?!]{0,40}\bgoed (over |voor |om )?"
        r"(na|ge|aan|uit|op)[a-z]{3,}(d|t|en)\b",
    ),
    (
        "affirmation: protected someone",
        r"\b(je|jij) (hebt|heeft|heb) [^.?!]{0,40}\b(gered|beschermd|in veiligheid gebracht|"
        r"opgevangen)\b|\b(je|jij) (zorgt|zorgde|hebt [^.?!]{0,30}gezorgd) (echt |goed |zo |heel )*"
        r"(voor|om)\b",
    ),
    (
        "affirmation: strength named",
        rf"\b(je|jij) bent (echt |heel |zo |een |zo'?n )*{STRENGTHS}\b",
    ),
    (
        "affirmation: says something about you",
        r"\bzegt (veel|iets|wat) over (je|jou|jouw)\b|\b(je|jouw) (kracht|moed|inzet|veerkracht)\b",
    ),
)
AUTONOMY += _table(
    (
        "autonomy: the decision is the client's",
        r"\b(jouw|je eigen) (keus|besluit|lichaam|recht|tempo)\b|\b(de|die|deze) (keuze|keus|"
        r"beslissing) (is|ligt) (\w+ )?(aan|bij|van) (jou|u)\b|\bis van jou\b|\bde regie\b|"
        r"\bhet laatste woord\b|\bvrije? (keus|keuze)\b|\b(bent|ben je) vrij om\b",
    ),
    (
        "autonomy: the client decides",
        r"\b(je|jij|u) (bepaalt|beslist|kiest)\b|\b(bepaal|beslis|kies) (jij|je|u)\b|"
        r"\bzelf (\w+ ){0,2}(weten|beslissen|bepalen|kiezen)\b|"
        r"\b(jij|je) bent degene die\b[^.?!]{0,40}\b(beslist|bepaalt|kiest|gaat)\b",
    ),
    (
        "autonomy: nobody decides for you",
        r"\b(niet|niemand|nooit) (\w+ ){0,3}voor (je|jou|u) (beslissen|kiezen|bepalen|invullen)\b|"
        r"\bniemand (beslist|bepaalt|kiest)\b|\b(je|jij) hoeft (niks|niets)\b|"
        r"\bniet (om|hier om) (je|jou) te (vertellen|zeggen) wat\b",
    ),
)
COLLABORATION += _table(
    (
        "together: 'samen'",
        r"\b(we|wij)\b[^.?!]{0,40}\bsamen\b|\bsamen met (je|jou|u)\b|"
        r"\bsamen\b[^.?!]{0,30}\b(kijken|bekijken|uitzoeken|bedenken|zoeken|maken|oefenen|"
        r"doorlopen|zetten|nadenken|doen)\b",
    ),
    (
        "asks permission: 'mag ik uitleggen'",
        r"\bmag ik (je |jou |u )?(\w+ ){0,3}(vertellen|uitleggen|laten zien|delen|noemen|geven|"
        r"voorstellen)\b",
    ),
    (
        "client sets agenda: 'waar wil jij het over hebben'",
        r"\bwaar (zou|wil|wilt) (je|jij|u) (\w+ ){0,3}(over )?(praten|hebben|beginnen)\b",
    ),
    ("asks the client's ideas first", r"\bbenieuwd naar (jouw|die van jou|je eigen|wat jij)\b"),
)
CONFRONTING += _table(
    (
        "confronting: disagrees ('nee, jij ...')",
        r"^(nee|jawel|welles|niet waar)\b,? (?!hoor\b|hoor,|hoor\.)(?!(het|dat) (is|ligt|blijft) "
        r"(helemaal |echt |uiteindelijk )?(aan|bij) jou)(?!(dat|het) (mag|hoeft|kan|moet) )"
        r"(?!(ik|we|wij) )",
    ),
    (
        "confronting: corrects the blame",
        r"\b(jouw|je eigen) (verantwoordelijkheid|schuld|fout)\b|\bde jouwe\b|"
        r"\bligt (niet aan \w+( \w+)?, (het ligt )?)?aan (jou|jezelf)\b|"
        r"\b(niet|geen) (haar|zijn|hun) (schuld|fout|verantwoordelijkheid)\b|"
        r"\b(schuif|schuift|schoof|leg|legt|geef|geeft) (\w+ ){0,2}de schuld (\w+ ){0,2}"
        r"(naar|op|bij) (haar|hem|anderen|een ander|iedereen|je vrouw|je partner)\b|"
        r"\b(jij|je) (kiest|koos) ervoor om\b[^.?!]{0,30}\b(slaan|schoppen|duwen|slaat)\b",
    ),
    (
        "confronting: contradicts ('wel degelijk')",
        r"\bwel degelijk\b|\b(je|jij) (had|hebt|was) wel (een )?(keus|keuze|schuld)\b",
    ),
    (
        "confronting: calls it an excuse",
        r"\b(excuus|uitvlucht|uitvluchten|smoezen|drogreden)\b",
    ),
    (
        "confronting: accuses ('en dat weet je')",
        r"\ben dat weet je (zelf )?(heel |best |ook |donders )*(goed|wel)\b|"
        r"\bnoem het (nou |maar |dan )*(gewoon )?(zoals|wat) het is\b|\bspeel\w* met (je|jouw) "
        r"(gezondheid|leven)\b|\bpraat\w* (het|dat|dit) goed\b|\b(al )?(zo )?vaak gezegd\b|"
        r"\bgeloof (je|jij|ik) (dat )?(zelf )?(toch )?(zelf )?niet\b|"
        r"\b(zie|snap|begrijp|besef) (je|jij) (dat|het) (dan |nou |zelf )*niet\b|"
        r"\bniemand (vraagt|verdient) (erom|het)\b",
    ),
    (
        "confronting: label",
        r"\b(je|jij) bent (\w+ ){0,3}(de dader|een dader|pleger|gewelddadig|agressief|verslaafd|"
        r"een alcoholist|een junk|een leugenaar)\b|\b(je|jij) bent (hier |zelf )*(het probleem|"
        r"(degene|de enige|diegene) die (\w+ ){0,3}(misdraagt|misdroeg|fout|slaat|sloeg|liegt|"
        r"loog|schuld))\b",
    ),
)

# ---------------------------------------------------------------- questions

OPEN_WORDS = word_set(
    "wat hoe waarom waardoor welke welk wanneer waar wie waarover waarmee waaraan waarvan "
    "waarin waarop waarvoor waarheen hoezo vertel beschrijf"
)
# "How many/how often/how long" ask for one fact: closed (MISC), though they start "hoe".
QUANTITY = re.compile(r"^(hoeveel|hoe (vaak|lang|oud|laat|veel)|sinds wanneer|welke dag)\b")
# Exclamations that start like a question: "Wat goed dat je ...!" is not a question.
EXCLAMATION = re.compile(
    r"^(wat|hoe) (een|goed|fijn|mooi|knap|leuk|jammer|rot|naar|vervelend|sterk|bijzonder|"
    r"heftig|erg|lief|prachtig|moedig)\b"
)
# Checking tags that turn a statement (usually a reflection) into a closed question.
TAGS = frozenset(
    [
        "klopt dat",
        "klopt het",
        "toch",
        "of niet",
        "he",
        "ja",
        "niet waar",
        "is dat zo",
        "zie ik dat goed",
        "heb ik dat goed",
        "begrijp ik dat goed",
        "begrijp ik je goed",
        "is dat het",
        "of zie ik dat verkeerd",
        "of is dat niet zo",
        "zeg ik dat goed",
        "of heb ik het mis",
        "klopt",
    ]
)
AUXILIARIES = word_set(
    "ben bent is was waren heb hebt heeft had hadden wil wilt wilde kun kunt kan kon zou "
    "zouden zal zult zullen moet moest mag mocht hoef hoeft doe doet deed ga gaat ging "
    "gebruik gebruikt drink drinkt denk denkt vind vindt weet voel voelt merk merkt klopt "
    "snap begrijp herken herkent zie ziet speelt speel slaap slaapt rook rookt blow neem "
    "neemt woon woont werk werkt hou houd praat maak maakt krijg krijgt kom komt zit zijn "
    "lukt helpt past geeft bedoel besef ken kent heeft raak raakt wordt word"
)
# A clause opening with one of these ("..., als je ...") is subordinate, not a question.
CONJUNCTIONS = word_set(
    "als dat omdat wanneer of en maar want terwijl zodat voordat nadat toen hoewel zodra "
    "sinds totdat doordat mits tenzij"
)
# "Kun je daar iets meer over vertellen?" is closed in form but asks for elaboration;
# AnnoMI annotators code it open, like "Vertel eens".
ELABORATE = re.compile(
    r"^(kun|kan|wil|zou) je\b[^?]{0,60}\b(vertellen|beschrijven|uitleggen|toelichten|zeggen)\b"
)
INVITATION = _table(
    # "Vertel eens ..." and "Ik ben benieuwd ..." ask for an open answer without a "?".
    ("'vertel eens'", r"^(vertel|beschrijf|leg) (eens|me|mij|maar|wat|iets|meer|uit)\b"),
    (
        "'ik ben benieuwd'",
        r"^ik ben (wel |erg |heel )?benieuwd\b|^ik vraag me af (hoe|wat|waarom)\b",
    ),
)

# Questions by word order, without a question mark (issue 24). A Dutch statement puts the
# subject or another constituent before the finite verb; a yes/no question puts the finite
# verb first and the subject right after it ("Schrok je daarvan", "Heb je ...", "Is het ...",
# "Hoorde de buurvrouw het ook"). So a sentence is verb-first when its first word is not one
# of the words that can open a statement (NOT_VERBS) and its second begins a subject.
# Imperatives also put the verb first but have no subject: "Neem contact op" (advice),
# "Vertel eens" (an open question by MITI convention, INVITATION); an imperative verb
# followed by "je" and a noun is "your" ("Bel je huisarts"), not a question. Verb-first
# reflections in speech have no subject either: "Klinkt alsof ...", "Lijkt erop dat ...".
SUBJECT_PRONOUNS = word_set("je jij u jullie hij zij ze we wij ik men")
NOUN_PHRASE = word_set(
    "het er de een mijn m'n jouw je zijn haar hun onze uw iemand iets dat dit die"
)
NOT_VERBS = (
    SUBJECT_PRONOUNS
    | CONJUNCTIONS
    | OPEN_WORDS
    | word_set(
        """
        het de een dat dit die deze mijn jouw zijn haar hun onze uw zo'n zon iemand niemand
        iets niets niks alles iedereen er daar hier waar nu dan toen ook wel nog al zo dus
        toch gewoon net zelfs best liefst niet nooit altijd meestal vaak soms eigenlijk
        misschien wellicht gelukkig helaas jammer natuurlijk zeker vooral alleen samen
        gisteren vandaag morgen straks later eerder eerst laatst daarom daarna daardoor
        daarmee daarbij daarvan waarschijnlijk blijkbaar kennelijk inderdaad precies prima
        goed fijn mooi knap sterk leuk rot lastig moeilijk begrijpelijk logisch terecht echt
        heel erg vast respect top super wow sorry met voor van aan op bij naar uit over om
        tot zonder tegen na in door onder achter naast tussen vanaf tijdens ondanks per
        hoor ja nee oke dank bedankt welkom hallo hoi zowel noch
        """
    )
)
# Finite verbs that open a question and are not a verb stem: past tenses ("schrok", "ging").
STRONG_PAST = word_set(
    "schrok ging kwam zag sliep dronk liep viel nam gaf zat lag vond wist dacht bracht "
    "kocht zocht werd was had kon wou wilde mocht moest zou kreeg bleef hield sprak belde "
    "deed stond hoorde voelde merkte"
)
# After "Drink je": an adverb or pronoun means "you" (a question), a noun means "your".
FUNCTION_WORDS = (
    NOT_VERBS
    | AUXILIARIES
    | word_set(
        "'s te veel weinig meer minder vaker genoeg ooit weleens eens elke iedere elk zelf "
        "jezelf je jij hem ze haar het dat dit die er"
    )
)


def _finite(word: str) -> bool:
    """Looks like a finite verb: a known one, a past tense, or a present in -t."""
    return (
        word in AUXILIARIES
        or word in STRONG_PAST
        or word.endswith(("de", "te", "den", "ten"))
        or (word.endswith("t") and len(word) > 3)
    )


def _verb_first(words: list[str]) -> bool:
    """The sentence opens with a finite verb followed by its subject (see above)."""
    if len(words) < 2 or words[0] in NOT_VERBS or not words[0].isalpha():
        return False
    first, second = words[0], words[1]
    if second in SUBJECT_PRONOUNS and second != "je":
        return True
    if second == "je":  # "Drink je ..." (you) or "Bel je huisarts" (your)
        third = words[2] if len(words) > 2 else ""
        return first not in IMPERATIVE_VERBS or not third or third in FUNCTION_WORDS
    if second in ("dat", "die", "dit"):  # "Klopt dat", but "Respect dat je ..."
        return first in AUXILIARIES
    return second in NOUN_PHRASE and _finite(first) and first not in IMPERATIVE_VERBS


# "Minder drinken of stoppen", "Alleen of met anderen": a short choice offered, no verb
# first, no "?". "Of" after "weet niet", "vraag me af" ("whether") is not a choice.
ALTERNATIVE = re.compile(
    r"^(?!.*\b(weet|weten|vraag|twijfel|kijk|kijken|beslis|kies|kiezen)\b)"
    r"[^,]{1,60}\bof (?!(je|jij|het|dat|hij|ze|zij|er|u|die|dit|niet|ik|"
    r"wel|nee)\b)[a-z]"
)
ALTERNATIVE_MAX_WORDS = 10


def _unmarked_question(sentence: str) -> str:
    """Why a sentence typed without "?" is a closed question, or ""."""
    clauses = [c for c in (" ".join(_start(_words(c))) for c in _CLAUSE.split(sentence)) if c]
    if len(clauses) > 1 and clauses[-1] in TAGS:
        return f"checking tag '{clauses[-1]}', no punctuation"
    start = _start(_words(sentence))
    if _verb_first(start):
        return f"verb first: '{' '.join(start[:2])}', no punctuation"
    if (
        start
        and start[0] not in SUBJECT_PRONOUNS | FIRST_PERSON | SECOND_PERSON
        and len(start) <= ALTERNATIVE_MAX_WORDS
        and ALTERNATIVE.search(" ".join(start))
    ):
        return "a choice offered with 'of', no punctuation"
    return ""


# ---------------------------------------------------------------- reflection vs information

REFLECTION_OPENERS = _table(
    # Ways Dutch speakers start giving back what they heard; strong evidence of reflection.
    (
        "'het klinkt alsof'",
        r"^((het|dat) )?klinkt (als|alsof|of|dat|zwaar|lastig|moeilijk|heftig|pittig)\b|"
        r"^(lijkt|voelt) (alsof|erop dat|het alsof)\b",
    ),
    ("'het lijkt alsof'", r"^het lijkt (alsof|of|erop dat|wel alsof)\b"),
    ("'je bedoelt'", r"^(je|jij) bedoelt\b"),
    ("'je zegt'", r"^(je|jij) (zegt|vertelt|geeft aan)\b"),
    ("'voor jou'", r"^(voor|bij) jou\b"),
    ("double-sided 'aan de ene kant'", r"^(aan de ene kant|enerzijds|aan de ene)\b"),
    ("'als ik je goed begrijp'", r"^als ik (je|jou|het) goed (begrijp|hoor)\b"),
    ("'ik hoor dat je'", r"^(wat )?ik hoor (je|dat je|jou)\b|^wat ik (je )?hoor"),
    ("'ik merk/zie dat je'", r"^ik (merk|zie|begrijp) (dat|uit wat) (je|jij)\b"),
    ("'zo te horen'", r"^(zo te horen|blijkbaar|kennelijk|kortom|samengevat)\b"),
    (
        "'misschien ... je'",
        r"^(misschien|eigenlijk|ergens) (ben|voel|wil|heb|denk|vind|maak|zie|merk|weet|mis|hoop|"
        r"zoek) (je|jij)\b",
    ),
)
INFORMATION_MARKERS = _table(
    # Neutral facts: research, numbers, effects, services, law (AnnoMI "information").
    ("research", r"\b(onderzoek|blijkt|bewezen|bekend dat|statistisch)\b"),
    (
        "general population",
        r"\b(de meeste|veel) (mensen|gebruikers|ouders|jongeren|kinderen)\b|\bals iemand\b|"
        r"\b(mensen|kinderen|jongeren|ouders|gebruikers|vrouwen|mannen|iemand) die\b",
    ),
    (
        "numbers and units",
        r"\b\d+([.,]\d+)? ?(%|(procent|promille|gram|mg|ml|uur|dagen|weken|minuten)\b)|"
        r"\bongeveer\b|\bgemiddeld\b",
    ),
    (
        "effects",
        r"\b(versterk|verzwak|veroorzaak|verhoogt|verlaagt|risico|effect|werking|werkt (ongeveer|"
        r"tot|pas|na)|bevat|werkzame|overdosis|ontwenning|gevaarlijk|schadelijk|dodelijk|kans op|"
        r"tolerantie)",
    ),
    (
        "body",
        r"\b(in je lichaam|het lichaam|je lever|lever|bloed|bloeddruk|hartslag|ademhaling|"
        r"bewustzijn|waarden|uitslag|hoger dan normaal|lager dan normaal|teken van|symptomen?)\b",
    ),
    (
        "services",
        r"\b(testservice|veilig thuis|bereikbaar|anoniem|gratis|112|spoedeisende hulp|ambulance|"
        r"apotheek)\b",
    ),
    ("law", r"\b(wet|strafbaar|verboden|toegestaan|geldt|boete|in beslag|verdenking|rijbewijs)\b"),
    (
        "normalising fact",
        r"\bhet komt (vaak|veel|regelmatig) voor\b|\bhoort (vaak |gewoon |nu eenmaal )?bij\b|"
        r"\bdat is (heel )?normaal bij\b|\bin nederland\b|\btijdelijk\b",
    ),
)
# Statements about people in general are facts, even with a generic "je" in them.
GENERALISING = frozenset({"research", "general population", "normalising fact"})
# Substances and services that make a sentence's subject a fact rather than the client.
FACT_SUBJECTS = word_set(
    "g ghb alcohol methadon naloxon tina crystal heroine coke cocaine xtc mdma ketamine "
    "speed cannabis wiet hasj nicotine buprenorfine subutex benzo's benzodiazepines "
    "opiaten opioiden fentanyl standaardglas politie veilig testservice naloxon huisarts "
    "jeugdzorg rechter reclassering"
)
SECOND_PERSON = word_set("je jij jou jouw jezelf u uw uzelf")  # "u": formal address
FIRST_PERSON = word_set("ik mij mijn me wij we")
SELF = re.compile(r"\bik (wil|ga|kan|zal|hoop)\b")  # the therapist's intentions, not the client's

# ---------------------------------------------------------------- simple vs complex

COMPLEX_CUES = _table(
    # Adding meaning beyond the client's words makes a reflection complex (MITI CR).
    (
        "double-sided",
        r"\baan de (ene|andere) kant\b|\benerzijds\b|\banderzijds\b|[,;] (maar|terwijl|"
        r"tegelijk)\b|\btegelijkertijd\b",
    ),
    (
        "hedged inference",
        r"\b(eigenlijk|misschien|wellicht|blijkbaar|kennelijk|ergens|diep van binnen|alsof)\b|"
        r"\bhet lijkt\b",
    ),
    ("'je bedoelt'", r"\b(je|jij) bedoelt\b|\bje vraagt je af\b"),
    ("continues the paragraph", r"^(en|zodat|waardoor|omdat|terwijl) "),
    ("summary", r"^(kortom|samengevat|als ik het (even )?samenvat)\b"),
)
# Naming a feeling the client did not name adds meaning (complex); repeating it does not.
FEELING_WORDS = word_set(
    "bang angst angstig boos kwaad woedend verdriet verdrietig schaam schaamt schaamte "
    "schuldig eenzaam moe uitgeput opgelucht zorgen bezorgd ongerust onzeker machteloos "
    "hopeloos gefrustreerd frustratie teleurgesteld teleurstelling gekwetst pijn "
    "vernederd druk gespannen spanning stress wanhopig radeloos leeg somber jaloers mist "
    "missen gemis verlangt verlangen hoop hoopt twijfel twijfelt rot ellendig onrustig "
    "zenuwachtig paniek eng overweldigd kwetsbaar nerveus verward zwaar lastig moeilijk "
    "heftig pittig verscheurd dubbel trots blij gelukkig opgelaten ongemakkelijk "
    "onbegrepen afgewezen genegeerd gekrenkt boosheid verloren klem schrik schrikken geschrokken"
)
AMPLIFIERS = word_set(
    "helemaal nooit altijd totaal compleet absoluut alles niets niks niemand iedereen "
    "volledig enorm ontzettend enige allerbelangrijkste allerergste nergens overal"
)
STOPWORDS = word_set(
    "ik je jij jou jouw jezelf me mij mijn hij zij ze haar hem het de een en of maar dat "
    "die dit deze is ben bent zijn was waren heb hebt heeft hebben had te van in op met "
    "voor naar aan om bij uit als dan dus ook nog wel niet geen er daar hier wat hoe zo "
    "al toch even eens echt gewoon heel best nou ja nee oke want omdat door over tot na "
    "zou kan kun kunt moet wil wilt gaat ga gaan doe doet wordt word worden we wij ons "
    "onze u s n zich zelf meer mee iets"
)
OVERLAP_SIMPLE = 0.5  # at least half the content words are the client's: simple
OVERLAP_COMPLEX = 0.34  # under a third are the client's: the reply adds meaning


def _stem(word: str) -> str:
    """Crude Dutch stem for overlap: five letters, or the word without a verb's -t."""
    return word[:5] if len(word) >= 5 else word.removesuffix("t")


def _content(words: Iterable[str]) -> list[str]:
    return [w for w in words if len(w) > 1 and w not in STOPWORDS and not w.isdigit()]


def _overlap(reply_words: list[str], client_words: list[str]) -> float | None:
    """Share of the reply's content words that the client used (by crude stem)."""
    mine = _content(reply_words)
    theirs = {_stem(w) for w in _content(client_words)}
    if not mine or len(theirs) < 2:
        return None
    return sum(_stem(w) in theirs for w in mine) / len(mine)


# ---------------------------------------------------------------- the coder


def code_dutch(reply: str, client_statement: str | None = None) -> DutchCode:
    """Code one Dutch reply; never raises. Odd input is "other" with confidence 0."""
    try:
        return _code(reply, client_statement)
    except Exception:  # a rule bug must not break a practice session
        return DutchCode("other", None, 0.0, (), ("could not be coded",))


def _code(reply: object, client_statement: object) -> DutchCode:
    if not isinstance(reply, str):
        return DutchCode("other", None, 0.0, (), ("not text",))
    if len(reply) > MAX_REPLY_CHARS:
        return DutchCode("other", None, 0.0, (), ("too long to be one reply",))
    text = normalise(reply)
    client = (
        normalise(client_statement)[:MAX_REPLY_CHARS] if isinstance(client_statement, str) else ""
    )
    if not _WORD.search(text) or not any(c.isalpha() for c in text):
        return DutchCode("other", None, 0.0, (), ("no words",))
    return analyse(text, client)


def analyse(text: str, client: str) -> DutchCode:
    """Code normalised text (see normalise); public so bench/mi.py can time the rules alone."""
    sentences = _sentences(text) or [text]
    words = _words(text)
    last = sentences[-1]
    last_mark = _final_mark(last)
    client_words = _words(client)

    extras: set[str] = set()
    reasons: list[str] = []
    for name, table in (
        ("affirmation", AFFIRMATION),
        ("emphasising_autonomy", AUTONOMY),
        ("seeking_collaboration", COLLABORATION),
        ("confronting", CONFRONTING),
    ):
        fired = _fired(table, text)
        if fired:
            extras.add(name)
            reasons.extend(fired)
    if len(sentences) > 1 and ASKS_VIEW.search(last) and _final_mark(sentences[-2]) != "?":
        extras.add("seeking_collaboration")
        reasons.append("asks what the client makes of it")

    main, subtype, confidence, why = _main_code(
        text, sentences, words, last, last_mark, client, client_words, extras
    )
    reasons = [*why, *reasons]

    if main == "therapist_input" and subtype == "advice" and "confronting" not in extras:
        permitted = _fired(PERMISSION, text) + _fired(CLIENT_ASKED, client)
        if extras & {"emphasising_autonomy", "seeking_collaboration"}:
            permitted.append("autonomy or collaboration in the reply")
        if permitted:
            reasons.extend(permitted)
        else:
            extras.add("persuading_without_permission")
            reasons.append("advice without permission")
    ordered = tuple(code for code in EXTRA_CODES if code in extras)
    return DutchCode(main, subtype, round(confidence, 2), ordered, tuple(dict.fromkeys(reasons)))


Decision = tuple[str, str | None, float, list[str]]


def _main_code(
    text: str,
    sentences: list[str],
    words: list[str],
    last: str,
    last_mark: str,
    client: str,
    client_words: list[str],
    extras: set[str],
) -> Decision:
    # Backchannels: every word is facilitation ("Ja, ik snap het.").
    if (
        "?" not in text
        and len(words) <= FACILITATION_MAX_WORDS
        and all(w in FACILITATION_WORDS for w in words)
    ):
        return "other", None, 0.95, ["facilitation"]

    fired = _fired(NEGOTIATION, text)
    if fired and not (last_mark == "?" and "seeking_collaboration" in extras):
        return "therapist_input", "negotiation", 0.75, fired
    fired = _fired(ADVICE_QUESTION, last)
    if fired:
        return "therapist_input", "advice", 0.75, fired

    # A question that ends the turn wins over what came before (AnnoMI, MITI).
    if last_mark == "?":
        return _question(last, extras)
    fired = _fired(INVITATION, last)
    if fired:
        return "question", "open", 0.8, fired
    start = _start(_words(last))
    if (
        not last_mark
        and start
        and start[0] in OPEN_WORDS
        and not EXCLAMATION.search(" ".join(start))
    ):
        return "question", "open", 0.55, ["starts with a question word, no punctuation"]
    unmarked = "" if last_mark else _unmarked_question(last)
    if unmarked:
        return "question", "closed", 0.55, [unmarked]

    fired = _fired(GREETING, text) + _fired(STRUCTURING, text)
    if fired:
        return "other", None, 0.8, fired
    if "confronting" in extras:
        return "other", None, 0.75, ["confrontation is 'other' in AnnoMI"]
    fired = _fired(OPTIONS, text)
    if fired:
        return "therapist_input", "options", 0.7, fired
    fired = _fired(ADVICE, text)
    imperative = [
        f"imperative '{s[0]}'"
        for s in (_start(_words(sentence)) for sentence in sentences)
        if len(s) > 1
        and s[0] in IMPERATIVE_VERBS
        and (s[1] not in PRONOUNS or (s[1] == "je" and not _verb_first(s)))
    ]
    if fired or imperative:
        strong = any("moet" in reason for reason in fired)
        return "therapist_input", "advice", 0.8 if strong else 0.7, fired + imperative
    if "emphasising_autonomy" in extras:
        return "other", None, 0.75, ["autonomy support is 'other' in AnnoMI"]
    if "affirmation" in extras:
        return "other", None, 0.7, ["affirmation is 'other' in AnnoMI"]
    if "seeking_collaboration" in extras:
        return "other", None, 0.65, ["collaboration is 'other' in AnnoMI"]
    return _statement(text, words, client, client_words)


def _question(last: str, extras: set[str]) -> Decision:
    """Open or closed, from the last clause of the final sentence that reads as a question."""
    kind, reason = "statement", "'?' after a statement"
    for clause in _CLAUSE.split(last.rstrip("?!. \"')")):
        words = _start(_words(clause))
        if not words:
            continue
        joined = " ".join(words)
        if joined in TAGS:
            kind, reason = "tag", f"checking tag '{joined}'"
        elif QUANTITY.search(joined):
            kind, reason = "quantity", f"asks how much/long: '{' '.join(words[:2])}'"
        elif words[0] in OPEN_WORDS or joined.startswith("in hoeverre") or ELABORATE.search(joined):
            kind, reason = "open", f"starts with '{words[0]}'"
        elif words[0] not in CONJUNCTIONS and (
            words[0] in AUXILIARIES
            or (len(words) > 1 and words[1] in SUBJECTS and words[0] not in SECOND_PERSON)
        ):
            kind, reason = "verb", f"verb first: '{words[0]}'"
    reasons = ["ends with '?'", reason]
    if "confronting" in extras:
        return "question", "closed", 0.7, [*reasons, "rhetorical question"]
    if kind == "open":
        return "question", "open", 0.9, reasons
    if kind == "tag":
        return "question", "closed", 0.65, [*reasons, "question after a reflection dominates"]
    if kind == "statement":
        return "question", "closed", 0.7, reasons
    return "question", "closed", 0.85 if kind == "verb" else 0.75, reasons


def _statement(text: str, words: list[str], client: str, client_words: list[str]) -> Decision:
    """Reflection, information, or nothing codable: weigh the evidence for each."""
    start = _start(words)
    overlap = _overlap(words, client_words)
    reflection: list[tuple[float, str]] = []
    opener = _fired(REFLECTION_OPENERS, " ".join(start))
    if opener:
        reflection.append((3.0, opener[0]))
    if start and start[0] in SECOND_PERSON:
        reflection.append((2.0, "starts with 'je/jij/u'"))
    if any(w in SECOND_PERSON for w in words):  # weak: Dutch uses "je" for "one" too
        reflection.append((0.5, "second person"))
    if overlap is not None and overlap > 0:
        reflection.append((3.0 * overlap, f"repeats client's words ({overlap:.0%})"))
    feelings = [w for w in words if w in FEELING_WORDS]
    if feelings:
        reflection.append((1.0, f"feeling word '{feelings[0]}'"))
    if start and start[0] in FIRST_PERSON and not opener:
        reflection.append((-3.0, "therapist speaks about self"))
    elif SELF.search(text):
        reflection.append((-1.0, "therapist speaks about self"))

    information: list[tuple[float, str]] = []
    markers = _fired(INFORMATION_MARKERS, text)
    information.extend((2.0 if m in GENERALISING else 1.5, m) for m in markers[:2])
    if client.rstrip(" \"')").endswith("?") and not _fired(CLIENT_ASKED, client):
        information.append((1.5, "answers the client's question"))
    subject = start[1:2] if start[:1] in (["de"], ["het"], ["een"]) else start[:1]
    if subject and subject[0] in FACT_SUBJECTS:
        information.append((1.0, f"a fact about '{subject[0]}'"))

    r_score = sum(weight for weight, _ in reflection)
    i_score = sum(weight for weight, _ in information)
    if max(r_score, i_score) < 0.5:
        return "other", None, 0.3, ["no cue for a code"]
    if i_score > r_score:
        why = [reason for _, reason in information]
        return "therapist_input", "information", min(0.85, 0.45 + 0.1 * i_score), why
    why = [reason for weight, reason in reflection if weight > 0]
    subtype, subtype_why = _depth(text, words, client_words, overlap)
    return "reflection", subtype, min(0.85, 0.4 + 0.1 * r_score), why + subtype_why


def _depth(
    text: str, words: list[str], client_words: list[str], overlap: float | None
) -> tuple[str, list[str]]:
    """Complex when the reflection adds meaning, simple when it gives the words back."""
    cues = _fired(COMPLEX_CUES, text)
    theirs = {_stem(w) for w in client_words}
    new_feelings = [w for w in words if w in FEELING_WORDS and _stem(w) not in theirs]
    if new_feelings:
        cues.append(f"names a feeling: '{new_feelings[0]}'")
    amplified = [
        w for w in words if (w in AMPLIFIERS or w.startswith("aller")) and _stem(w) not in theirs
    ]
    if amplified:
        cues.append(f"amplifies: '{amplified[0]}'")
    if text.count(",") >= 2 and len(words) >= 14:
        cues.append("summary of several points")
    if overlap is not None and overlap < OVERLAP_COMPLEX:
        cues.append("mostly new words")
    if cues:
        return "complex", cues
    if overlap is not None and overlap >= OVERLAP_SIMPLE:
        return "simple", ["mostly the client's words"]
    return "simple", ["nothing added (when unsure, simple)"]
