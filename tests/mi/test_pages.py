"""The practice and listening pages through Django's test client, with the shipped
content loaded into a real database."""

import re

import pytest
from django.conf import settings
from django.utils.html import escape

from journeys.core.content.load import load_content
from journeys.mi.models import ListeningItem, Persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def personas(db):
    load_content(settings.CONTENT_DIR)
    return Persona.objects.all()


def carried(page) -> str:
    """The signed conversation a page sends back with the next reply."""
    found = re.search(r'name="conversation" value="([^"]*)"', page.content.decode())
    assert found, page.content.decode()[:2000]
    return found.group(1)


class Conversation:
    """A trainee's browser: each reply goes with the conversation the last page carried."""

    def __init__(self, client, slug, prefix=""):
        self.client, self.url, self.conversation = client, f"{prefix}/mi/practice/{slug}/", ""

    def reply(self, text):
        page = self.client.post(self.url, {"reply": text, "conversation": self.conversation})
        if page.status_code == 200 and 'name="reply"' in page.content.decode():
            self.conversation = carried(page)
        return page

    def summary(self):
        return self.client.post(f"{self.url}summary/", {"conversation": self.conversation})


def test_every_persona_is_listed_and_opens(client, personas):
    assert personas.count() >= 6
    page = client.get("/mi/practice/").content.decode()
    for persona in personas:
        assert f"/mi/practice/{persona.slug}/" in page
        opened = client.get(f"/mi/practice/{persona.slug}/")
        assert opened.status_code == 200
        assert escape(persona.data["opening"]["en"]) in opened.content.decode()


def test_a_reply_is_coded_and_the_client_answers_by_what_it_did(client, personas):
    persona = Persona.objects.get(slug="ghb-at-parties")
    statements = persona.data["statements"]
    talk = Conversation(client, persona.slug)
    answered = talk.reply("What worries you most about that night?")
    assert answered.status_code == 200
    page = answered.content.decode()
    assert "Open question" in page
    # Change talk, about that night (client_lines.py picks which).
    assert any(escape(line["en"]) in page for line in statements["change"])

    page = talk.reply("You should stop using G, it's dangerous.").content.decode()
    assert "What worries you most" in page  # the first turn came back with the page
    assert "Advice without permission" in page
    assert any(escape(line["en"]) in page for line in statements["sustain"])


def test_summary_shows_miti_scores(client, personas):
    talk = Conversation(client, "colleague-drinking")
    for text in [
        "What do you make of how things have been going at work?",
        "So the late nights are starting to catch up with you.",
        "Do you drink every evening?",
        "Part of you wonders whether the drinking still does what it used to.",
    ]:
        assert talk.reply(text).status_code == 200
    page = talk.summary().content.decode()
    assert "4 replies" in page
    assert 'data-score="reflection_to_question"' in page
    assert "Reflections per question" in page
    assert "Complex reflections" in page
    assert "Open questions" in page


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "This field is required"),
        ("🙂🙂🙂", "no words"),
        ("x" * 20_000, "at most 1,000"),
        ("¿Cómo estás hoy, amigo mío? ¿Qué te pasa?", "English and Dutch"),
    ],
)
def test_bad_replies_get_a_message_and_keep_the_text(client, personas, text, message):
    talk = Conversation(client, "chemsex")
    talk.reply("So you want to be safer.")
    response = talk.reply(text)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert escape(text[:50]) in page  # nothing the trainee typed is lost
    assert page.count('class="mi-you"') == 1  # the conversation so far is still there


def test_html_in_a_reply_is_shown_as_text(client, personas):
    talk = Conversation(client, "chemsex")
    page = talk.reply("<b>So</b> you want to be safer <script>x()</script>").content.decode()
    assert "<script>x()" not in page
    assert "&lt;script&gt;" in page


def test_start_again_forgets_the_replies(client, personas):
    talk = Conversation(client, "parent-cannabis")
    talk.reply("What would you like to happen?")
    page = client.get("/mi/practice/parent-cannabis/").content.decode()
    assert 'class="mi-you"' not in page


def test_a_changed_or_borrowed_conversation_is_not_read(client, personas):
    talk = Conversation(client, "parent-cannabis")
    talk.reply("What would you like to happen?")
    borrowed = client.post("/mi/practice/chemsex/", {"conversation": talk.conversation})
    assert 'class="mi-you"' not in borrowed.content.decode()
    changed = client.post(
        "/mi/practice/parent-cannabis/", {"conversation": talk.conversation[:-2] + "xx"}
    )
    assert changed.status_code == 200
    assert 'class="mi-you"' not in changed.content.decode()


def test_a_conversation_ends_and_then_only_shows_the_summary(client, personas):
    talk = Conversation(client, "heroin-methadone")
    for _ in range(15):
        page = talk.reply("It sounds like part of you is ready to try something new.")
    text = page.content.decode()
    assert "natural end" in text
    assert 'name="reply"' not in text
    talk.conversation = carried(page)
    after = talk.reply("One more")
    assert "MITI summary scores" in after.content.decode()


def test_unknown_persona_is_404(client, personas):
    assert client.get("/mi/practice/nobody/").status_code == 404


def test_dutch_page_and_dutch_reply(client, personas):
    talk = Conversation(client, "stay-with-partner", prefix="/nl")
    page = talk.reply("Wat heb je nodig om je veiliger te voelen?").content.decode()
    persona = Persona.objects.get(slug="stay-with-partner")
    assert escape(persona.data["opening"]["nl"]) in page
    assert "Wat heb je nodig" in page


def test_listening_test_scores_each_answered_item(client, personas):
    items = list(ListeningItem.objects.all())
    assert len(items) == 8
    data = {
        f"reply-{items[0].slug}": "You need to stop before it kills you.",
        f"reply-{items[1].slug}": "It scares you how much the evenings have come to depend on it.",
    }
    page = client.post("/mi/listening/", data)
    assert page.status_code == 200
    text = page.content.decode()
    levels = [int(n) for n in re.findall(r'data-level="(\d)"', text)]
    assert len(levels) == 2
    assert levels[0] <= 2  # a roadblock: 1, or 2 when read as a reflection with a roadblock
    assert levels[1] >= 3  # a reflection
    assert "mean score" in text
    assert text.count('class="mi-result"') == 2
    assert "Example replies at each level" in text


def test_listening_test_bad_answer(client, personas):
    item = ListeningItem.objects.all()[0]
    page = client.post("/mi/listening/", {f"reply-{item.slug}": "x" * 5000})
    assert page.status_code == 400
    assert "at most 1,000" in page.content.decode()


@pytest.fixture
def coded_in(monkeypatch):
    """The language each utterance was coded in, as the page asked the coder."""
    import journeys.mi.utterances as utterances
    from journeys.mi.coder import code_reply

    languages: list[str | None] = []

    def recording(reply, client_statement=None, *, language=None):
        languages.append(language)
        return code_reply(reply, client_statement, language=language)

    monkeypatch.setattr(utterances, "code_reply", recording)
    return languages


@pytest.mark.parametrize("reply", ["Zo'n acht uur per dag.", "Sinds januari."])
def test_a_short_reply_in_a_dutch_conversation_is_coded_as_dutch(client, personas, coded_in, reply):
    talk = Conversation(client, "stay-with-partner", prefix="/nl")
    page = talk.reply(reply)
    assert page.status_code == 200
    assert coded_in == ["nl"]
    assert "Automatic coding works" not in page.content.decode()


def test_another_language_on_the_dutch_page_is_still_refused(client, personas, coded_in):
    talk = Conversation(client, "stay-with-partner", prefix="/nl")
    page = talk.reply("Hace mucho tiempo que bebo demasiado.")
    assert page.status_code == 400
    assert "Automatic coding works for English and Dutch replies only." in page.content.decode()
    assert coded_in == []
