"""The MITI 4.2.1 behaviours AnnoMI folds into "other" (or does not record), decided by
rules for every English utterance beside its main code: affirmation, emphasising
autonomy, seeking collaboration, persuading without permission and confronting.
Definitions: MITI 4.2.1 (docs/mi.md explains each rule). Rules, not a model: AnnoMI has
no labels for these, and a rule can say why it fired.

Each rule looks for a sentence structure, not a phrase: who the sentence is about, what
it does to them, and how it is said.

* Affirmation: an evaluation of the person or of something they did (a positive
  adjective or noun about the act: "brave", "a real achievement", "took guts"), credit
  for a result ("because you stayed calm", "you made it happen"), or the helper's own
  appreciation ("I'm glad you ..."). A sentence that only restates what they did
  ("You've been going every week.") holds no evaluation and is a reflection.
* Emphasising autonomy: the choice, decision, pace or knowledge placed with the person
  ("it's your call", "only you can ...", "nobody can make you", "you know yourself best",
  "whatever you decide", "you don't have to ...").
* Seeking collaboration: asking permission ("Can I tell you ...?", "Would it help if
  ..."), offering information as a question ("Would you like to hear ...?"), inviting their
  view of what was said or their agenda ("What do you make of ...?", "Where shall we
  start?"), and doing it together ("Let's ...", "... together").
* Persuading: advice, suggestions and warnings that push: "you should/need to/must",
  an imperative at the start of a sentence (a base-form verb of doing, not "tell me" or
  "take your time"), "why don't you", "how about ...?", recommendations ("I'd recommend",
  "the best thing is", "it's safer to") and warnings that something will harm them. It
  is "without permission" unless the client asked for advice or the utterance (or its
  reply, utterances.py) also asks permission or leaves the choice with them.
* Confronting: disagreeing ("No, ...", "That's not true", "Come on"), correcting their
  label ("Pushing her is violence"), blaming ("your responsibility, not hers", "you chose
  to hit"), labelling ("You're in denial", "you're making excuses"), shaming and
  moralising ("A good father doesn't ..."), doubting their honesty, sarcasm ("Really?",
  "Tell that to ..."), throwing their words back ("You said that last month") and
  questions that do any of these ("Don't you care ...?", "Do you really think ...?",
  "Then why haven't you?"). "No" that answers a question of theirs is not disagreement.

Confront outranks persuade (MITI). Where the models read a confrontation as a
reflection, the behaviour wins (utterances.py); code_reply also makes its main code
"other", AnnoMI's code for it.
"""

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


# Where a sentence starts, after discourse words that do not change what it does.
START = (
    r"(?:^|[.!?;]\s+|\n)[\"'\u201c\u2018(]*(?:(?:and|but|so|ok|okay|look|listen|honestly|seriously|"
    r"then|now|please|just|really|next time|from now on|in future|tonight|today|tomorrow|"
    r"this week|for now|right|well)[,]?\s+)*"
)
ADVERB = r"(?:(?:really|just|clearly|obviously|definitely|simply|honestly|seriously|so|very|truly|absolutely|still|always)\s+)?"
# Positive evaluation of a person or an act.
GOOD = (
    r"(?:brave|courageous|smart|sensible|wise|mature|responsible|impressive|admirable|"
    r"great|excellent|amazing|fantastic|wonderful|terrific|brilliant|resourceful|"
    r"disciplined|determined|committed|strong|careful|thoughtful|caring|honest|generous|"
    r"selfless|kind|good|real|big|huge|important|major|bold|tough|hard|quick|clever|"
    r"powerful|remarkable|inspiring|incredible|positive|solid|serious)"
)
STRENGTH = (
    r"(?:courage|guts|nerve|bravery|strength|determination|commitment|dedication|effort|"
    r"self-control|discipline|honesty|maturity|responsibility|resilience|persistence|"
    r"willpower|initiative)"
)
# Praise that needs no noun after it: "That was brave."
PRAISE = (
    r"(?:brave|courageous|impressive|admirable|responsible|mature|sensible|wise|"
    r"resourceful|smart|amazing|fantastic|brilliant|great|excellent|wonderful|clever|"
    r"remarkable|incredible|inspiring|selfless|thoughtful|caring)"
)
AFFIRMATION = _any(
    # "That was a brave thing to do", "a real step", "really responsible of you"
    rf"\b(?:'s|is|was|were|has been|must have been)\s+{ADVERB}(?:a |an |such a |some )?{ADVERB}{GOOD}\b(?:\s+\w+)?\s+(?:of you|thing to do|thing you did|step|steps|move|call|habit|achievement|progress|effort|job|strength)\b",
    rf"\b(?:that|this|it|which)(?:'s| is| was| were| has been| must have been)\s+{ADVERB}(?:a |an |such a |some )?{ADVERB}{PRAISE}\b(?:\s+\w+)?\s+(?:decision|choice|change|idea|thing|way|work)\b",
    rf"\b(?:that|this|it)(?:'s| is| was)\s+{ADVERB}(?:so |very |really )?(?:a |an )?(?:\w+,? )?{PRAISE}\b(?! (?:to|if|that you should|for you to)\b)",
    r"\b(?:'s|is|was) (?:a |an |such a |some )?(?:real |serious |great |huge |big |true |genuine )?(?:skill|strength|commitment|achievement|accomplishment|courage|determination|progress|dedication)\b",
    r"\b(?:a|real|great|huge|big|genuine|solid|good)\s+(?:\w+\s+)?(?:achievement|accomplishment|progress|strength|success|effort)\b|\b(?:a lot of|so much|real) (?:effort|work|courage|commitment)\b",
    rf"\b(?:takes?|took|taking|must have taken|shows?|showed|showing|says a lot about|speaks to)\s+(?:real |a lot of |some |great |so much |such |serious |a great deal of |)?{STRENGTH}\b|\bsays a lot about (?:you|how)\b",
    r"\b(?:shows?|showed|showing|proves?|proved) (?:that )?you(?:'re| are| can| care| really| mean| have what)\b|\bshows how (?:much you|serious|committed|determined|hard)\b",
    rf"\byou(?:'re| are|'ve been| have been| were)\s+{ADVERB}(?:so |very |really |being )?(?:a |an )?{ADVERB}(?:brave|courageous|strong|determined|committed|resourceful|disciplined|caring|honest|responsible|mature|sensible|thoughtful|careful|generous|big support|great support|good (?:mum|dad|mother|father|friend|parent)|survivor|fighter|stronger than)\b",
    r"\byou(?:'re| are) (?:really |clearly )?(?:looking out for|taking (?:your|this|that|it|the) (?:\w+ )?seriously|sticking (?:with|to))",
    r"(?<!don't )(?<!not )\byou (?:really |clearly )?(?:take|took) (?:your|this|that|it|the) (?:\w+ )?seriously\b",
    r"\byou (?:really |clearly )?care (?:a lot |so much |deeply )?(?:about|for)\b",
    r"\byou (?:did it(?! again)|made it happen|pulled it off|followed through|kept it up|kept at it|kept going(?! back)|stuck (?:to|with) it|stuck with|stuck to|held your ground|stood your ground|stood up for|spoke up|thought ahead|didn't give up|don't give up|never gave up|haven't given up|keep coming back|kept (?:him|her|them|yourself|everyone|your \w+) (?:alive|safe))\b",
    r"\byou(?:'ve| have) (?:really |already )?(?:done (?:well|great|brilliantly|so much|a lot|really well)|managed|worked (?:so |really )?hard|made (?:real |great |good )?progress|come a long way|achieved|been (?:really |very |so )?(?:honest|brave|open|clear))",
    r"\byou (?:worked|tried|fought) (?:so |really |very )?hard\b|\bhard work\b|\bpaid off\b|\bquick thinking\b",
    r"\byou saved (?:\w+ )?li(?:fe|ves)\b|\bbecause you (?:stayed|kept|knew|acted|thought|were (?:brave|quick|calm|there)|did (?:the right|what))",
    r"\bi(?:'m| am) (?:really |so |very )?(?:glad|proud|impressed|pleased) (?:that )?(?:you|of you|by)\b",
    r"\bi (?:really )?(?:appreciate|admire|respect) (?:your|that you|how you|you for)",
    r"\byour (?:honesty|effort|efforts|commitment|courage|strength|determination|hard work|persistence)\b",
    r"\b(?:well done|good (?:on|for) you|nice one|nice work|good job|great job|way to go|kudos|you should be (?:really |very )?proud|hats off)\b",
    r"\bstronger than you (?:give yourself credit|think|realise|realize)",
    r"\b(?:that's|that is|it's|it is|is) (?:a |one of your |your )?(?:real |great |big )?strengths?\b",
)
# Choice, decision, pace and knowledge placed with the person.
AUTONOMY = _any(
    r"\b(?:up to you|down to you|your (?:own )?(?:choice|decision|call)(?! (?:to|is to) (?!make)\w)|yours to (?:decide|choose|make))|\b(?:it's|this is|that's|it is) your (?:own )?(?:life|body)\b",
    r"\b(?:only you|you alone|nobody but you|no one but you) (?:can|could|get to|know|decide)",
    r"\b(?:nobody|no one|no-one|nothing) (?:here )?(?:can|will|is going to|could) (?:make|force|decide (?:this |that |it )?for) you\b|\b(?:nobody|no one|no-one) (?:can|could|will) (?:make|take) (?:that|this|the) (?:decision|choice) for you\b|\bi(?:'m| am) not (?:going to|gonna|here to) (?:tell|make|force|push) you\b",
    r"\bwhatever (?:you (?:decide|choose|want|think|feel|prefer|pick)|feels|works|seems|suits)\b|\bwhichever (?:\w+ )?(?:you|feels|works|suits|seems)\b|\beither way\b",
    r"\byou(?:'re| are) (?:the (?:one|expert|best judge|only one)|in charge|in control of|free to|welcome to)\b",
    r"(?<!would )(?<!could )(?<!did )(?<!do )(?<!to )(?<!will )(?<!if )(?<!made )(?<!when )\b(?:you|you get to|you can) (?:decide|choose|set the pace|pick|say how much|have a say|have the (?:final )?say)\b|\byou have (?:a|the (?:final )?) ?say\b",
    r"\byou (?:don't|do not|won't) (?:have to|need to) (?:decide|do|say|tell|talk|answer|make|go|choose|explain|share|commit|change|agree)\b",
    r"\byou know (?:yourself|your (?:own )?\w+|what(?:'s| is) (?:best|right|safe)|him|her|them|it|this|best)\b(?:\s+\w+){0,4}?\s+(?:best|better)\b|\byou know (?:best|yourself best)\b",
    r"\b(?:no one|nobody|no-one) knows (?:you|your \w+|this) better\b",
    r"\bno one can (?:make|force) you\b|\bif (?:and when )?you (?:want|like|'d like|wish|choose|decide)\b|\bif and when\b|\bat your own pace\b|\bin your own time\b|\bthe door (?:stays|is always) open\b",
    r"\bwe (?:only|just) (?:talk|do|go)\b.*\byou (?:want|like|choose)",
    r"\bif (?:that fits|it fits|it suits|you like)\b|\btake it or leave it\b|\bsee what (?:might )?(?:fits?|works?)\b|\byour (?:view|say|opinion) (?:counts|matters)\b",
)
# Asking permission, offering information as a question, inviting their view or agenda.
COLLABORATION = _any(
    r"\b(?:would|could|might|will|does) (?:it|that|this) (?:be )?(?:help|be useful|be helpful|useful|helpful|ok|okay|alright|all right|fine)\b(?=[^.!]*(?:\?|if i|if we|to |for (?:me|us)))",
    r"\b(?:is it|is that|would it be|would that be|will it be) (?:ok|okay|alright|all right|fine)(?: with you| by you| for you)?(?: if| to)\b",
    r"\b(?:can|may|could|might|shall) (?:i|we)\b(?=[^.!?]*\?)",
    r"\b(?:do|would) you mind if\b|\bmind if i\b|\bwith your permission\b|\bif you(?:'d| would)? (?:let|allow) me\b",
    r"\bwould you (?:like|be interested in|care) (?:me to|to (?:hear|know|talk|look at|go through|discuss|start|focus|work on)|some|a few|any|more|information|what|if i|hearing|knowing)|\bdo you want (?:me to|to (?:hear|know|talk)|some|any|more|information)",
    r"\bwhat (?:do|would|did) you (?:make|think|feel) (?:of|about) (?:that|this|it|what|the (?:\w+ )?(?:i|we)|these|those|my)\b|\bwhat do you make of\b|\bhow does (?:that|this|it) (?:sound|seem|feel)\b|\bwhat are your thoughts\b",
    r"\b(?:your|you(?:r)? own) (?:ideas|thoughts|take|view|views|opinion|input)\b(?! (?:count|matter))",
    r"\b(?:where|what|which) (?:\w+ )?(?:would|do|shall|should) (?:you|we) (?:like|want) (?:to )?(?:start|begin|talk|focus|look|discuss|work|go)|\b(?:where|what) (?:shall|should) we (?:start|begin|talk|focus)\b|\bwhich of (?:these|those|them) would you\b",
    r"\bwhat (?:feels|seems|would be|is) (?:most |more )?(?:important|useful|helpful|urgent|pressing) (?:to (?:talk|look|focus|start)|for (?:us|you) to|right now to)",
    r"\b(?:let's|let us|shall we|can we|could we|we (?:can|could|might))\b[^.!?]*\btogether\b|\b(?:work|figure|think|sort)\w* (?:\w+ ){0,3}?together\b|\btogether\?|\bfor us to (?:focus|work|talk|look)\b",
    r"\b(?:shall|should|could|can) we\b",
    r"\bi(?:'d| would) (?:like|love) (?:to hear (?:your|what you think)|your|to know what you think)",
    r"\byou know (?:\w+(?: \w+)? )?(?:far |much |a lot )?better than i\b|\byour (?:own )?ideas (?:are going to |will )?matter\b",
)
# A verb of doing that, first in a sentence, makes it an instruction.
IMPERATIVE_VERB = (
    r"(?:avoid|always|ask|be|bring|buy|call|carry|change|check|contact|cut|do|don't|drink|"
    r"eat|find|finish|get|give|go|hold|join|keep|leave|limit|make|move|never|phone|pack|"
    r"put|quit|reduce|remember|ring|see|set|sign|start|stay|stick|stop|switch|swap|take|"
    r"talk|test|think|throw|try|turn|use|wait|walk|wear|work|write|drop|skip|slow|book|"
    r"tell|consider|insist|lock|report|apply|follow)"
)
ADVICE = _any(
    rf"(?<!when )(?<!if )(?<!because )(?<!that )(?<!until )(?<!where )\byou\s+{ADVERB}(?:really |definitely |absolutely |seriously |just )?(?:should|need to|have to|must(?! (?:be|have|like|feel|think|know|love|hate|miss)\b)|ought to|gotta|got to|had better|'d better|better)\b(?! be (?:\w+ )?proud)",
    rf"\bwhy (?:don't|do not|wouldn't) you\b(?! (?:start by )?(?:tell|telling|talk|talking|say|describe|walk|explain)\b)|\bwhy not (?:just )?{IMPERATIVE_VERB}\b|\bhow about (?:\w+ing|you|if you|we)\b|\bwhat about (?:\w+ing)\b",
    rf"\bi(?:'d| would)?\s+{ADVERB}(?:strongly |really )?(?:suggest|recommend|advise|urge|encourage you)\b",
    r"\bif i were you\b|\bi(?:'d| would) (?:\w+ )*if i were you\b",
    rf"{START}(?!(?:tell|give|show|walk|help|let|talk) (?:me|us)\b)(?!take your time|take care\b|see you\b|go on\b|go ahead\b|do you\b|have you\b|be honest\b|think back\b|see what\b|keep in mind\b|don't worry\b|don't (?:have|need) to\b){IMPERATIVE_VERB}\b(?!\s+(?:is|are|was|were|has|had|feels?|seems?|makes?|can|could|will|would|and|or|stress|life|'s)\b)(?=[^?]*(?:[.!]|$))",
    r"\b(?:it's|it is|it'd be|it would be|would be|is|it's always)\s+(?:much |far |a lot |really |very )?(?:best|better|safer|wiser|important|essential|vital|crucial|a good idea|a better idea|smart|sensible|wise)\s+(?:to|that you|if you|for you to)\b",
    r"\b(?:the )?(?:best|single best|most important|safest|only) (?:thing|option|way|step) (?:you can do|to do|for you|would be|is to|is)\b",
    r"\b(?:can|could|will|would|might) (?:kill|hurt|damage|harm|wreck|destroy|ruin) (?:you|your)\b|\b(?:kills?|wrecks?|damages?|ruins?|destroys?) your\b|\bis (?:really |very |so )?(?:dangerous|deadly|risky|bad for you)\b",
    r"\byou could (?:try|start|ask|call|ring|talk|go|use|keep|think about|cut|switch|get|carry|set|make|stop|avoid)\b",
)
SUGGESTION_QUESTION = _any(r"\bwhy\b", r"\bhow about\b", r"\bwhat about\b")
# Advice said outright at the start of a sentence. The models sometimes read "You should
# stop ..." as a reflection (it starts with "you"); this rule makes it advice. On AnnoMI's
# cross-validation it changed 8 of 3,980 codes and left macro-F1 as it was (0.762).
OUTRIGHT_ADVICE = _any(
    r"(?:^|[.!?]\s+)(?:you (?:really |just |definitely )?(?:should|need to|have to|must|ought to|gotta|better)\b|why don't you\b|i (?:would |'d )?(?:strongly )?(?:suggest|recommend|advise|urge)\b|if i were you\b|(?:just |please )?(?:stop|quit|try|don't|make sure|avoid|never|always)\b)",
)
# The person asked for advice or information, so giving it is not "without permission".
ASKED = _any(
    r"\b(?:what|how|where|when) (?:should|can|could|do|would|must) i\b",
    r"\b(?:should|can|could|must|do) i\b[^.!]*\?",
    r"\b(?:any|some|your) (?:tips|advice|ideas|suggestions)\b",
    r"\bwhat would you (?:do|suggest|recommend)\b",
    r"\bwhat do you (?:think|suggest|recommend)\b",
    r"\btell me what to do\b|\bhelp me\b",
)
# Things people do that a confrontation names or calls by another name.
HARM = (
    r"(?:hit|hurt|push|pushed|shove|shoved|slap|slapped|kick|kicked|beat|attack|attacked|"
    r"strangle|strangled|choke|choked|threaten|threatened|punch|punched|grab|grabbed|lie|"
    r"lied|steal|stole|drink|drank|use|used|cheat|cheated|scare|scared)"
)
LABEL = (
    r"(?:(?:an |a |such an? )(?:addict|alcoholic|junkie|liar|abuser|bully|coward|hypocrite|criminal|"
    r"idiot|child|baby|wife-beater|drunk|(?:violent|dangerous) (?:man|person))\b|"
    r"(?:in denial|kidding yourself|fooling yourself|deluding yourself|lying|wrong|"
    r"making (?:excuses|it up)|minimi[sz]ing (?:it|this|that|what)\b|blaming (?!yourself)|selfish|lazy|irresponsible|reckless|"
    r"naive|stupid|weak|pathetic|ridiculous|not (?:listening|being honest|serious))\b)"
)
CONFRONTING = _any(
    # labelling and accusing: "You're in denial", "You're blaming her", "you're wrong"
    rf"\byou(?:'re| are|'ve been| have been)\s+{ADVERB}(?:just |only |such |being |so )?{LABEL}",
    # "That's just an excuse", "a pathetic excuse", "a stupid idea", "not true"
    rf"\b(?:that's|that is|this is|it's|it is|that was|that sounds like)\s+{ADVERB}(?:just |only |such |so |pretty |complete |total |a |an |another )*(?:\w+ )?(?:excuse|cop-out|lie|nonsense|rubbish|bull\w*|crap)\b",
    rf"\b(?:that's|that is|this is|that was|what a)\s+{ADVERB}(?:a |an |such a |so |pretty )?(?:ridiculous|stupid|pathetic|reckless|irresponsible|selfish|naive|silly|dumb|crazy|absurd)\b",
    r"\b(?:that's|that is|this is|it's|it is) (?:just |simply |really |so |clearly )?not (?:true|right|the case|how (?:it|this|that|the \w+) works|what (?:happened|your|the)|an excuse)\b|\bthat's not what (?:your|the|you)\b|\b(?:says?|shows?|tell|tells) (?:\w+ )?otherwise\b",
    # disagreeing at the start: "No, ...", "Come on", "Wake up", "Really?", "Rubbish."
    r"^[\"'\u201c\u2018]?(?:no|nope|nah)[,!]?\s+(?!(?:no|problem|worries|that's (?:fine|ok|okay|alright|right)|it's (?:fine|ok|okay|alright))\b)(?!i (?:understand|see|know|hear|get|agree|mean)\b|i'm not\b)(?:you|i|it|that|she|he|they|nobody|none)\b",
    r"^[\"'\u201c\u2018]?(?:come on|come off it|oh (?:please|come on)|give me a break|wake up|rubbish|nonsense|seriously\?|really\?|yeah,? right|get real|grow up)\b",
    r"\b(?:tell that to|don't (?:give|tell) me)\b|\byou can't (?:honestly |really |seriously )?(?:believe|think|expect|mean|say)\b",
    # correcting their name for it: "Pushing her is violence", "Beer is alcohol"
    r"\b(?:is|was|that's|it's|counts as|is still|are) (?:still |also |just |called )?(?:violence|abuse|domestic (?:violence|abuse)|assault|stealing|theft|a crime)\b(?! (?:service|support|team|helpline|line|worker|programme|program|course|test))",
    r"\bwhatever you (?:call|want to call) it\b|(?:,|\band|\bbut|\bas) you know (?:it|that)\s*[.!]?$|\byou know (?:that|it) (?:very )?well\b|\byou(?:'ve| have) been told (?:that |this |so )?(?:before|twice|already|\w+ times)\b|\band you(?:'ve| have) been told\b",
    # blaming, responsibility, no excuse
    r"\b(?:your|his|their) (?:own )?(?:responsibility|fault|doing)\b(?:,)? not (?:hers|his|theirs|hers|mine|hers)\b|\b(?:is|was) (?:all |entirely )?(?:your|his|their) (?:own )?fault\b|\b(?:is|was) (?:your|his|their) responsibility\b",
    rf"\byou chose to {HARM}\b|\b(?:nobody|no one|no-one|nothing) (?:made|forced|makes|forces) you\b(?! feel)|\bno excuse\b|\bgives? you (?:the|any) right\b|\bdoesn't (?:give you the right|excuse|justify|change (?:that|the fact))\b",
    r"\byou (?:always|keep|just keep|kept) (?:blam|ly|lie|lied|mak\w* excuses|break\w* (?:your )?promise|promis|say(?:ing)? (?:that|the same))\w*|\byou never (?:listen|change|learn)\b|\bblaming (?:her|him|them|others|everyone|someone)\b",
    # moralising: "A good father doesn't ...", "should be ashamed"
    r"\b(?:good|real|decent|proper|responsible|loving) (?:\w+ )?(?:father|dad|mother|mum|mom|man|men|partner|husband|wife|parent|friend|person|people) (?:doesn't|does not|don't|wouldn't|would not|would never|never)\b",
    r"\bshould be ashamed\b|\bshame on you\b|\bashamed of yourself\b",
    # throwing their words back, doubting honesty
    r"\byou(?:'ve)? said (?:that|this|the same) (?:before|last|already|the last|every|a hundred)|\b(?:promised|heard|said) (?:that|this|it) (?:all )?(?:before|already|a hundred times)\b",
    r"\bi don't believe (?:you|a word|that|it|this)\b|\bis that what you(?:'re| are) telling me\b|\b(?:be|get) (?:honest|real) with (?:me|yourself)\b|\b(?:admit|face) (?:it|the fact|that you)\b|\b(?:there's|there is) always (?:some|an|another|something)\b|\balways (?:some|an|another) (?:story|excuse)\b",
    # confronting questions
    r"\byou (?:obviously|clearly|just|really) (?:don't|do not|didn't|can't) (?:care|take (?:this|it|that|your \w+) seriously|want to (?:listen|hear|change)|listen|get it)\b|\bdon't you (?:care|see|realise|realize|know|think|understand|feel|get)\b|\bdo(?:n't)? you (?:honestly|really|seriously|actually|even) (?:think|believe|expect|want|care|know)\b",
    r"\bthen why (?:haven't|don't|didn't|hasn't|can't|won't|do|did|are|is) (?:you|it|she|he)\b|\bso why (?:haven't|didn't|can't|won't) you\b|\bhave you (?:even|ever even) (?:thought|considered|tried)\b",
    r"\bdo you want to (?:end up|die)\b|\bwhat (?:kind|sort) of (?:\w+ )?(?:man|woman|person|father|mother|parent|partner) (?:would|does|hits|leaves)\b|\bhow dare you\b|\bhow (?:can|could) you (?:do|say|let|think|treat|hit|leave) (?:that|this|such|her|him|them|your)\b|\bwhat were you thinking\b",
    r"\b(?:so|and) now (?:she's|he's|they're|it's|you're) (?:the|a)\b",
    r"\byou(?:'re| are) (?:going to|gonna) (?:die|kill yourself|end up)\b|\bis (?:destroying|ruining|killing) (?:your|you)\b",
)


def outright_advice(reply: str) -> bool:
    return bool(OUTRIGHT_ADVICE.search(reply.strip())) and not reply.rstrip().endswith("?")


# Words just before a match that make it their view given back, not the helper's: "You
# feel you're weak", "Part of you thinks you should stop", "It sounds like you're ...".
THEIR_VIEW = re.compile(
    r"\b(?:feel|feels|felt|feeling|think|thinks|thinking|thought|worry|worries|worried|afraid|scared|wonder|"
    r"fear|fears|believe|believes|sounds like|seems like|part of you|you're saying|wish|"
    r"wishing|as if|like)\s+(?:(?:that|if|whether|maybe|perhaps)\s+)*$",
    re.IGNORECASE,
)
# Reported speech just before the match: "She says you're lying", "told that you have to".
REPORTED = re.compile(
    r"\b(?:say|says|said|saying|told|tell|tells|call|calls|called)\s+(?:that\s+)?$", re.IGNORECASE
)


def _said_by_helper(text: str, found: re.Match[str]) -> bool:
    """The match is the helper's own stance, not the person's view reflected back."""
    sentence = re.split(r"[.!?;]\s+", text[: found.start()])[-1]
    reported = REPORTED.search(sentence) and found.group(0).lower().startswith("you")
    return not THEIR_VIEW.search(sentence) and not reported


def _confronting(reply: str, client_statement: str) -> bool:
    text = reply.strip()
    answers_question = client_statement.rstrip(" \"')\u201d\u2019").endswith("?")
    for found in CONFRONTING.finditer(text):
        if not _said_by_helper(text, found):
            continue
        # "No" that answers the client's own question is not disagreement.
        if answers_question and re.match(
            r"[\"'\u201c\u2018]?(?:no|nope|nah)\b", found.group(0), re.I
        ):
            continue
        return True
    return False


def _persuading(reply: str, main: str) -> bool:
    """Advice, a suggestion or a warning the helper gives; a question only when it is a
    suggestion ("Why don't you ...?", "How about ...?")."""
    text = reply.strip()
    question = main == "question" or text.endswith("?")
    for found in ADVICE.finditer(text):
        if question and not SUGGESTION_QUESTION.search(found.group(0)):
            continue
        if _said_by_helper(text, found):
            return True
    return False


def extra_codes(
    reply: str, client_statement: str, main: str, subtype: str | None
) -> tuple[str, ...]:
    # Phones type curly apostrophes (U+2019); the rules are written with straight ones.
    reply = reply.replace("\u2019", "'").replace("\u2018", "'")
    client_statement = client_statement.replace("\u2019", "'").replace("\u2018", "'")
    found = set()
    if _confronting(reply, client_statement):
        found.add("confronting")
    if AFFIRMATION.search(reply):
        found.add("affirmation")
    if AUTONOMY.search(reply):
        found.add("emphasising_autonomy")
    if COLLABORATION.search(reply):
        found.add("seeking_collaboration")
    pushes = _persuading(reply, main) or (main == "therapist_input" and subtype == "advice")
    permitted = found & {"emphasising_autonomy", "seeking_collaboration"} or ASKED.search(
        client_statement
    )
    if pushes and not permitted and "confronting" not in found:
        found.add("persuading_without_permission")
    return tuple(code for code in EXTRA_CODES if code in found)
