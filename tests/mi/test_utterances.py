"""A reply is split into utterances (complete thoughts) and each is coded, as MITI 4.2.1
counts: an affirmation, emphasising autonomy, seeking collaboration, confronting or
persuading without permission is that behaviour, not a reflection or a question."""

import time

import pytest
from django.conf import settings
from django.core import signing

from journeys.core.content.load import load_content
from journeys.mi.coder import ReplyRejected
from journeys.mi.listening import listening_level
from journeys.mi.practice import Turn, response_kind, summarise
from journeys.mi.utterances import UtteranceCode, code_utterances, split_utterances

SAM = "I passed out at a party last month. My friends had to call an ambulance."
# The example from issue 21: coded as one complex reflection, it read "Complex
# reflections 100 % - good".
COURAGE = "It took courage to talk to me about this. It's your decision."


@pytest.mark.parametrize(
    ("reply", "utterances"),
    [
        (COURAGE, ["It took courage to talk to me about this.", "It's your decision."]),
        (
            "Sounds like you're torn. What would help?",
            ["Sounds like you're torn.", "What would help?"],
        ),
        (
            "sounds like you're torn. what would help?",
            ["sounds like you're torn.", "what would help?"],
        ),
        ("Knap dat je hier bent. Wat wil je zelf?", ["Knap dat je hier bent.", "Wat wil je zelf?"]),
        ("Is it the G? Or the people? Or both?", ["Is it the G?", "Or the people?", "Or both?"]),
        ("Wow!! That took guts.", ["Wow!!", "That took guts."]),
        ("You want to stop, is that right?", ["You want to stop", "is that right?"]),
        ("Je wilt minderen, klopt dat?", ["Je wilt minderen", "klopt dat?"]),
        ("You're torn; part of you wants to stop.", ["You're torn", "part of you wants to stop."]),
        ("It sounds hard\nWhat would help", ["It sounds hard", "What would help"]),
        (
            'You said "I\'m done." What did you mean?',
            ['You said "I\'m done."', "What did you mean?"],
        ),
        # Abbreviations, numbers and ellipses do not end a thought.
        (
            "Some people, e.g. those who use alone, carry naloxone.",
            ["Some people, e.g. those who use alone, carry naloxone."],
        ),
        (
            "Bel bijv. de Infolijn op 0900-1995. Wat denk je?",
            ["Bel bijv. de Infolijn op 0900-1995.", "Wat denk je?"],
        ),
        (
            "Call 0800-2000 any time, i.e. day or night.",
            ["Call 0800-2000 any time, i.e. day or night."],
        ),
        ("At 2 a.m. you were still out.", ["At 2 a.m. you were still out."]),
        (
            "Dat kost ca. 3.50 euro, o.a. bij de apotheek.",
            ["Dat kost ca. 3.50 euro, o.a. bij de apotheek."],
        ),
        ("So... you're not sure.", ["So... you're not sure."]),
        ("Okay. ?", ["Okay. ?"]),  # a mark on its own joins the thought before it
        # A long run-on sentence stays one utterance.
        (
            "You go to parties most weekends and you like the feeling and you want to keep "
            "going with your friends but you also got a real scare last month, when you "
            "passed out and they had to call an ambulance, and you don't want that again",
            [
                "You go to parties most weekends and you like the feeling and you want to "
                "keep going with your friends but you also got a real scare last month, when "
                "you passed out and they had to call an ambulance, and you don't want that "
                "again"
            ],
        ),
        ("", []),
    ],
)
def test_a_reply_is_split_into_complete_thoughts(reply, utterances):
    assert split_utterances(reply) == utterances


def codes(reply: str, client: str = SAM) -> list[str]:
    return [u.miti_code for u in code_utterances(reply, client).utterances]


def matches(found: list[str], expected: list[str]) -> bool:
    """An expected `reflection` takes either depth: simple or complex is the English
    model's call, which a retrained model may make differently."""
    return len(found) == len(expected) and all(
        f == e or f.startswith(f"{e}_") for f, e in zip(found, expected, strict=True)
    )


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (COURAGE, ["affirmation", "emphasising_autonomy"]),
        ("It's up to you what you do next.", ["emphasising_autonomy"]),
        ("You've worked really hard to keep your job.", ["affirmation"]),
        # Asking permission is Seek, not a question: one code per utterance (MITI 4.2.1).
        ("Would it be ok if I shared some information?", ["seeking_collaboration"]),
        ("What do you make of that?", ["seeking_collaboration"]),
        # An autonomy cue inside a question leaves it a question; confronting does not.
        ("If you want to cut down, what would help?", ["question_open"]),
        ("Don't you care about your friends?", ["confronting"]),
        ("Sounds like you're torn. What would help?", ["reflection", "question_open"]),
        (
            "You've worked really hard to keep your job. What would you like to do next?",
            ["affirmation", "question_open"],
        ),
        ("You're in denial. So you want to stay in control.", ["confronting", "reflection"]),
        ("You should just stop using G.", ["persuading_without_permission"]),
        # An autonomy cue in the same volley gives the advice permission (Persuade with
        # Permission is not counted; MITI: framed so the client is free to ignore it).
        (
            "You should stop using G. But it's your decision.",
            ["therapist_input_advice", "emphasising_autonomy"],
        ),
        ("Knap dat je hier bent. Wat wil je zelf?", ["affirmation", "question_open"]),
        (
            "Het is jouw keuze. Mag ik iets vertellen over G?",
            ["emphasising_autonomy", "seeking_collaboration"],
        ),
        (
            "Je bent gewoon verslaafd. Het klinkt alsof je twijfelt.",
            ["confronting", "reflection_complex"],
        ),
    ],
)
def test_each_utterance_gets_one_miti_code(reply, expected):
    assert matches(codes(reply), expected), codes(reply)


def test_short_dutch_utterances_are_coded_as_dutch():
    coded = code_utterances("Jij beslist. Oké?", "Ik weet het niet.")
    assert coded.code.language == "nl"
    assert [u.miti_code for u in coded.utterances] == ["emphasising_autonomy", "question_closed"]


def test_the_whole_reply_is_checked_before_it_is_split():
    with pytest.raises(ReplyRejected, match="at most 1,000"):
        code_utterances("You are torn. " * 100, SAM)
    with pytest.raises(ReplyRejected, match="English and Dutch"):
        code_utterances("¿Cómo estás hoy, amigo mío? ¿Qué te pasa?", SAM)


def turn_for(reply: str, client: str = SAM) -> Turn:
    return Turn.coded(code_utterances(reply, client), "change", 0)


def test_the_example_counts_as_affirmation_and_autonomy_not_a_reflection():
    summary = summarise([turn_for(COURAGE)])
    assert (summary.affirmations, summary.emphasising_autonomy) == (1, 1)
    assert summary.simple_reflections + summary.complex_reflections == 0
    assert summary.questions == 0
    assert summary.utterances == 2
    assert (summary.adherent, summary.non_adherent) == (2, 0)
    scores = {s.key: s for s in summary.scores}
    assert scores["percent_complex_reflections"].value is None
    assert scores["percent_complex_reflections"].level == "none"
    assert scores["reflection_to_question"].level == "none"


def test_a_reflection_and_a_question_count_one_each():
    summary = summarise([turn_for("Sounds like you're torn. What would help?")])
    reflections = summary.simple_reflections + summary.complex_reflections
    assert (reflections, summary.questions, summary.open_questions) == (1, 1, 1)
    scores = {s.key: s.value for s in summary.scores}
    assert scores["reflection_to_question"] == pytest.approx(1.0)
    assert scores["percent_complex_reflections"] == pytest.approx(100 * summary.complex_reflections)


def test_within_one_reply_each_code_counts_once():
    # MITI 4.2.1: one reflection per volley (complex if any is), one question per volley,
    # each other code at most once per volley.
    summary = summarise(
        [
            turn_for(
                "So you want to keep going to parties. Part of you is scared of that night "
                "happening again. What would help? How would you do it?"
            ),
            turn_for("You've worked hard at this. You kept going when it was hard."),
        ]
    )
    assert summary.utterances == 6
    assert summary.simple_reflections + summary.complex_reflections == 1
    assert summary.questions == 1
    assert summary.affirmations == 1


def test_confronting_and_persuading_are_counted_beside_the_rest():
    summary = summarise(
        [
            turn_for("You're in denial. So you want to stay in control."),
            turn_for("You should just stop using G."),
            turn_for("Would it be ok if I shared some information?"),
        ]
    )
    assert (summary.confronting, summary.persuading_without_permission) == (1, 1)
    assert summary.seeking_collaboration == 1
    assert (summary.adherent, summary.non_adherent) == (1, 2)
    assert summary.simple_reflections + summary.complex_reflections == 1
    assert summary.questions == 0


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        (COURAGE, "change"),
        ("Sounds like you're torn. What would help?", "change"),
        ("You're in denial. So you want to stay in control.", "discord"),
        ("So you want to stay in control. You should just stop using G.", "sustain"),
        ("Would it be ok if I shared some information?", "neutral"),
        ("Do you use alone sometimes?", "neutral"),
        ("Knap dat je hier bent. Wat wil je zelf?", "change"),
    ],
)
def test_the_client_answers_what_the_reply_did_as_a_whole(reply, kind):
    assert response_kind(code_utterances(reply, SAM).code) == kind


@pytest.mark.parametrize(
    ("reply", "level"),
    [
        ("It scared you more than you let your friends see.", 5),
        ("It scared you more than you let your friends see. You should stop using G.", 2),
        ("It scared you more than you let your friends see. Don't worry, it'll be fine.", 2),
        ("You passed out at a party. Did you drink too?", 2),
        (COURAGE, 2),  # neither a roadblock nor a reflection
        ("You should stop using G. Never use alone.", 1),
    ],
)
def test_listening_levels_follow_the_utterance_codes(reply, level):
    assert listening_level(reply, code_utterances(reply, SAM).utterances).level == level


def test_a_turn_carries_its_utterance_codes_and_comes_back_the_same():
    turn = turn_for(COURAGE)
    assert [u.text for u in turn.utterances] == split_utterances(COURAGE)
    assert Turn.from_dict(signing.loads(signing.dumps(turn.as_dict()))) == turn


def test_an_old_turn_without_utterances_counts_as_one_utterance():
    old = {
        "reply": "So you want to stay in control.",
        "main": "reflection",
        "subtype": "simple",
        "extras": [],
        "confidence": 0.9,
        "low_confidence": False,
        "client_kind": "change",
        "client_index": 0,
    }
    turn = Turn.from_dict(old)
    assert turn.parts == (
        UtteranceCode("So you want to stay in control.", "reflection", "simple", (), 0.9, False),
    )
    assert summarise([turn]).simple_reflections == 1


@pytest.mark.django_db
def test_an_old_carried_conversation_does_not_break_the_page(client):
    load_content(settings.CONTENT_DIR)
    old = [
        {
            "reply": "So you want to stay in control.",
            "main": "reflection",
            "subtype": "simple",
            "extras": [],
            "confidence": 0.9,
            "low_confidence": False,
            "client_kind": "change",
            "client_index": 0,
        },
        {"reply": "broken", "main": "other"},  # fields missing
    ]
    carried = signing.dumps(old, salt="ghb-at-parties", compress=True)
    for url in ("/mi/practice/ghb-at-parties/", "/mi/practice/ghb-at-parties/summary/"):
        page = client.post(url, {"conversation": carried})
        assert page.status_code == 200
    carried = signing.dumps([old[0]], salt="ghb-at-parties", compress=True)
    page = client.post("/mi/practice/ghb-at-parties/summary/", {"conversation": carried})
    assert "Reflections: 1 simple, 0 complex" in page.content.decode()


@pytest.mark.django_db
def test_the_page_shows_each_utterance_and_its_code(client):
    load_content(settings.CONTENT_DIR)
    page = client.post("/mi/practice/ghb-at-parties/", {"reply": COURAGE, "conversation": ""})
    text = page.content.decode()
    assert page.status_code == 200
    assert 'class="mi-utterances"' in text
    assert 'data-code="affirmation"' in text
    assert 'data-code="emphasising_autonomy"' in text
    assert "Complex reflection" not in text


@pytest.mark.django_db
def test_the_dutch_page_names_the_utterance_codes_in_dutch(client):
    load_content(settings.CONTENT_DIR)
    page = client.post(
        "/nl/mi/practice/ghb-at-parties/",
        {"reply": "Knap dat je hier bent. Wat wil je zelf?", "conversation": ""},
    )
    text = page.content.decode()
    assert 'data-code="affirmation"' in text
    assert "Bevestigen" in text or "Bevestiging" in text


@pytest.mark.parametrize(
    "text",
    ["?!" * 10_000, "Ja. " * 5_000, "e.g. " * 4_000, " \t" * 10_000, "a, " * 7_000],
)
def test_splitting_takes_linear_time_on_odd_text(text):
    # The page refuses more than 1,000 characters first; the splitter is safe anyway.
    start = time.perf_counter()
    split_utterances(text)
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(
    ("reply", "client", "language", "confronting"),
    [
        (
            "Messing around? You sent him to hospital.",
            "We were just messing around, it got out of hand.",
            None,
            True,
        ),
        ("Alleen geduwd? Ze heeft een blauw oog.", "Ik heb haar alleen geduwd.", "nl", True),
        ("Scared? That makes sense.", "I was scared.", None, False),
        ("Messing around? What happened then?", "We were just messing around.", None, False),
    ],
)
def test_a_sarcastic_echo_is_confronting_and_an_echo_that_listens_is_not(
    reply, client, language, confronting
):
    """The client's words thrown back as a question and argued against confront (MITI);
    an echo followed by a question or by taking their side does not."""
    coded = code_utterances(reply, client, page_language=language)
    found = [u.behaviour for u in coded.utterances]
    if confronting:
        assert found == ["confronting", "confronting"]
    else:
        assert "confronting" not in found
