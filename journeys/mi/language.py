"""Which language a reply is in, from common function words. The coder is trained on
English and has rules for Dutch; anything else is said to be uncodable, never coded
silently. Words common in both English and Dutch ("is", "in", "was", "me") count for
English, so a Dutch reply needs more Dutch than English function words.

In a practice conversation the language is the persona's, the language of the page
(reply_language): a short reply has too few words to tell ("Sinds januari.", "Zo'n acht
uur per dag."), so it is taken to be in the page's language unless its words say
otherwise: a reply with more function words of a third language than of the page's
("Hace mucho tiempo que bebo") or in another script is refused, and a reply with two or
more function words of the other coded language and more of them than of the page's
("I think you're right") is coded in that language. Words the lists do not know ("Knap
hoor, helemaal zelf geregeld.") are no evidence against the page's language."""

import re

WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
LATIN = re.compile(r"[a-zA-ZÀ-ɏ]")


def word_set(text: str) -> frozenset[str]:
    """A word list written as one string, for readability."""
    return frozenset(text.split())


ENGLISH = word_set(
    """
    a an the and or but so if then than as at by for from of off on to up out over
    with about into until after before again is are was were be been being am do
    does did have has had having will would shall should can could may might must
    not no yes i you he she it we they me him her us them my your his its our their
    mine yours i'm you're it's that's don't can't won't didn't isn't wasn't i've
    you've i'd you'd what how why when where who which this that these those there
    here all some any every one more most much many very really just also only even
    still well okay ok yeah right sure feel feeling sounds like think know want need
    going get got make tell say said time day week back way
    """
)
DUTCH = word_set(
    """
    de het een en of maar dus want als dan toen omdat alsof of dat die deze dit ik
    je jij jou jouw u uw hij zij ze wij we ons onze jullie hun hem haar mij mijn
    zijn bent ben heb hebt heeft had hadden kun kunt kan wil wilt zou zal zullen
    moet moeten mag gaat gaan doen doe wordt worden niet geen wel nog ook al nu hier
    daar er zo toch gewoon heel erg echt iets niets iemand niemand iedereen veel
    weinig wat hoe waarom wanneer waar wie welke met voor van aan op bij naar uit
    over om te tot zonder tegen na keer één twee drie meestal altijd nooit vaak weer
    pas alleen best nodig samen ja nee oké even eens vertel klinkt eigenlijk
    misschien 's zo'n sinds uur dag dagen jaar maand vier vijf zes zeven acht negen tien
    """
)
# Very common words of other European languages that are neither English nor Dutch.
OTHER = word_set(
    """
    est suis sont avec les des une mais pour dans très c'est tu vous nous il elle
    qui voir bien mon ma ton und ist nicht das ich du wir sie mit auf für ein eine
    sehr es dir mein dein heute geht el la los las que por para con cómo estás está
    muy pero
    """
)


def detect_language(text: str) -> str:
    """ "en", "nl", or "other" (another script, or words of another language)."""
    words = [w.lower() for w in WORDS.findall(text)]
    if not words:
        return "other"
    letters = [c for c in text if c.isalpha()]
    if sum(1 for c in letters if LATIN.match(c)) < len(letters) / 2:
        return "other"
    english = sum(w in ENGLISH for w in words)
    dutch = sum(w in DUTCH for w in words)
    other = sum(w in OTHER for w in words)
    if (other and other >= max(english, dutch)) or (len(words) >= 5 and english + dutch == 0):
        return "other"
    return "nl" if dutch > english else "en"


CODED = {"en": ENGLISH, "nl": DUTCH}


def reply_language(text: str, page_language: str | None = None) -> str:
    """ "en", "nl" or "other" for a reply written on a page in `page_language` ("en" or
    "nl"; None or another value: detect_language alone). See the module docstring."""
    detected = detect_language(text)
    if page_language not in CODED or detected == page_language:
        return detected
    words = [w.lower() for w in WORDS.findall(text)]
    letters = [c for c in text if c.isalpha()]
    if not words or sum(1 for c in letters if LATIN.match(c)) < len(letters) / 2:
        return "other"
    own = sum(w in CODED[page_language] for w in words)
    if sum(w in OTHER for w in words) > own:
        return "other"
    if detected in CODED:
        elsewhere = sum(w in CODED[detected] for w in words)
        if elsewhere >= 2 and elsewhere > own:
            return detected
    return page_language
