"""The MITI codes AnnoMI folds into "other" (or does not record), found by rules in
English replies: affirmation, emphasising autonomy, seeking collaboration, persuading
without permission and confronting. Definitions: MITI 4.2.1 (docs/mi.md explains each
rule). Rules, not a model: AnnoMI has no labels for these, and a rule can say why it
fired."""

import re

EXTRA_CODES = (
    "affirmation",
    "emphasising_autonomy",
    "seeking_collaboration",
    "persuading_without_permission",
    "confronting",
)


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# A genuine, specific statement about a strength or effort; generic praise does not count.
AFFIRMATION = _any(
    r"\byou(?:'ve| have) (?:really |already )?(?:done|managed|worked|made|shown|kept|been (?:really |very )?(?:honest|brave|open|clear))",
    r"\b(?:that|it) (?:took|takes|must have taken) (?:real |a lot of |some )?(?:courage|guts|strength|effort|honesty)",
    r"\b(?:that's|that is|that was) (?:a |some )?(?:real |serious |strong |brave |careful |smart |wise )+(?:skill|commitment|strength|step|achievement|courage|thing to do|way|choice)",
    r"\bshows (?:how|that you) (?:really )?(?:determined|committed|much you care|care|are determined)",
    r"\byou(?:'re| are) sticking (?:with|to)\b|\byou stuck (?:to|with)\b|\byou kept (?:your|going|at it)",
    r"\byou(?:'re| are) (?:clearly |really |very )?(?:committed|determined|resourceful|strong|brave|a caring|someone who (?:cares|really))",
    r"\byou (?:really |clearly )?care (?:a lot |deeply )?(?:about|for)\b",
    r"\bi (?:really )?(?:appreciate|admire|respect) (?:your|that you|how you)",
    r"\b(?:shows|says a lot about) (?:how much )?(?:you|your)\b",
    r"\byour (?:honesty|effort|commitment|courage|strength)\b",
    r"\bwell done\b|\bgood for you\b",
)
# Choice and responsibility placed with the person.
AUTONOMY = _any(
    r"\b(?:it's|it is|that's|that is) (?:entirely |completely |really )?(?:up to you|your (?:choice|decision|call))",
    r"\b(?:up to you|your choice|your decision|your call)\b",
    r"\byou(?:'re| are) the (?:one|expert|best judge|only one)\b",
    r"\b(?:you|only you) (?:get to |can )?(?:decide|choose)\b",
    r"\bwhatever you (?:decide|choose)\b",
    r"\bno one can (?:make|force) you\b",
    r"\bif (?:you want|you like|you'd like|that fits|it fits)\b",
    r"\byou know (?:your|him|her|them|it|yourself|this) (?:\w+ )?(?:best|better)\b",
    r"\btake it or leave it\b|\bwhichever (?:feels|works|suits|seems)\b|\bsee what (?:might )?(?:fits?|works?)\b",
)
# Asking permission, inviting the person's view or agenda.
COLLABORATION = _any(
    r"\b(?:would it be|is it|would that be) (?:ok|okay|alright|all right|fine)(?: with you)? if i\b",
    r"\b(?:can|may|could) i (?:share|tell you|give you|offer|suggest|mention|ask)",
    r"\b(?:do|would) you mind if i\b",
    r"\bwould you like (?:me to|to hear|some|a few|to talk)",
    r"\bwhat do you make of\b",
    r"\bwhat (?:do|would) you think (?:about|of) (?:that|this|it)\b",
    r"\b(?:where|what) would you like to (?:start|begin|talk about|focus on)",
    r"\b(?:shall|should|could) we (?:look at|work out|decide|talk about|figure out)",
    r"\b(?:look at|work on|work out|figure out|think about|decide)(?: it| this| that)? together\b",
    r"\bfor us to (?:focus|work|talk|look)\b|\bwhat would be (?:most )?(?:useful|helpful)\b",
    r"\bshall i (?:explain|tell|share|go through)\b",
    r"\byour (?:own )?ideas (?:are going to |will )?matter\b|\byou know \w+(?: \w+)? (?:far )?better than i\b",
)
# Advice, suggestions or warnings that push.
ADVICE = _any(
    r"\byou (?:really |just |definitely )?(?:should|need to|have to|must|ought to|gotta|better)\b",
    r"\bwhy don't you\b|\bwhy not (?:just )?try\b",
    r"\bi (?:would |'d )?(?:strongly )?(?:suggest|recommend|advise|urge)\b",
    r"\bif i were you\b",
    r"^(?:just |please )?(?:stop|quit|try|don't|make sure|get|call|cut down|avoid|never|always)\b",
    r"\bit's (?:best|important|better) (?:to|that you|if you)\b",
)
# Advice said outright at the start of a sentence. The models sometimes read "You should
# stop ..." as a reflection (it starts with "you"); this rule makes it advice. On AnnoMI's
# cross-validation it changed 8 of 3,980 codes and left macro-F1 as it was (0.762).
OUTRIGHT_ADVICE = _any(
    r"(?:^|[.!?]\s+)(?:you (?:really |just |definitely )?(?:should|need to|have to|must|ought to|gotta|better)\b|why don't you\b|i (?:would |'d )?(?:strongly )?(?:suggest|recommend|advise|urge)\b|if i were you\b|(?:just |please )?(?:stop|quit|try|don't|make sure|avoid|never|always)\b)",
)
# The person asked for advice or information, so giving it is not "without permission".
ASKED = _any(
    r"\b(?:what|how) (?:should|can|could|do) i\b",
    r"\bshould i\b",
    r"\b(?:any|some|your) (?:tips|advice|ideas|suggestions)\b",
    r"\bwhat would you (?:do|suggest|recommend)\b",
    r"\bwhat do you (?:think|suggest|recommend)\b",
    r"\btell me what to do\b",
)
# Arguing, labelling, blaming, shaming or doubting honesty.
CONFRONTING = _any(
    r"\byou(?:'re| are) (?:just |clearly |obviously |such )?(?:an? )?(?:addict|alcoholic|junkie|liar|in denial|kidding yourself|fooling yourself|lying|irresponsible|selfish|weak)",
    r"\b(?:that's|that is|this is) (?:just |only |such |really |so )?(?:an excuse|a lie|ridiculous|nonsense|not true|rubbish|stupid|irresponsible|selfish)",
    r"\bdon't you (?:care|see|realise|realize|know|think|understand)\b",
    r"\bdo you (?:honestly|really|seriously) (?:think|believe|expect)\b",
    r"\bis that what you're (?:telling|saying)\b|\bi don't believe (?:you|a word)\b",
    r"\b(?:it's|is) (?:his|her|their|your) fault\b|\bis violence\b|\bblaming (?:her|him|them|others)\b",
    r"\balways (?:some|an|another) (?:story|excuse)\b",
    r"\b(?:admit|face) (?:it|the fact|that you)\b",
    r"\bhow (?:can|could) you (?:do|say|be|let)\b",
    r"\bwhat were you thinking\b",
    r"\b(?:be|get) (?:honest|real)(?: with (?:me|yourself))?\b",
    r"\bshould be ashamed\b|\bshame on you\b",
    r"\byou (?:always|never) (?:say|do|listen|change)",
    r"\byou(?:'re| are) (?:going to|gonna) (?:die|kill yourself|end up)",
)


def outright_advice(reply: str) -> bool:
    return bool(OUTRIGHT_ADVICE.search(reply.strip())) and not reply.rstrip().endswith("?")


def extra_codes(
    reply: str, client_statement: str, main: str, subtype: str | None
) -> tuple[str, ...]:
    found = set()
    if AFFIRMATION.search(reply):
        found.add("affirmation")
    if AUTONOMY.search(reply):
        found.add("emphasising_autonomy")
    if COLLABORATION.search(reply):
        found.add("seeking_collaboration")
    if CONFRONTING.search(reply):
        found.add("confronting")
    pushes = ADVICE.search(reply) or (main == "therapist_input" and subtype == "advice")
    permitted = found & {"emphasising_autonomy", "seeking_collaboration"} or ASKED.search(
        client_statement
    )
    if pushes and not permitted and main != "question" and "confronting" not in found:
        found.add("persuading_without_permission")
    return tuple(code for code in EXTRA_CODES if code in found)
