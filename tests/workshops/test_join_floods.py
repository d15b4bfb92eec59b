"""A flood of joins cannot fill a workshop at once: a browser joins once, an address and
the workshop have budgets per minute, and the trainer can close the workshop to new
participants and remove those who should not be there."""

import re

import pytest
from django.test import Client

from journeys.workshops.models import Activity, Answer, Participant, Workshop
from tests.conftest import PASSWORD
from tests.workshops.servers import Browser, EventReader, Server, fresh_site, start_workshop
from tests.workshops.test_live_servers import REDIS_URL, redis_is_up
from tests.workshops.test_rate_limits import whole_minute


@pytest.fixture
def workshop(organisation, trainer) -> Workshop:
    return Workshop.objects.create(
        organisation=organisation, trainer=trainer, title="Night shift", code="NGHT23"
    )


def join(phone: Client, code: str, nickname: str, language: str = ""):
    return phone.post(f"{language}/join/", {"code": code, "nickname": nickname})


def script_join(code: str, nickname: str, address: str = "198.51.100.7"):
    """What a script sends: no cookies, a fresh client every time."""
    return join(Client(REMOTE_ADDR=address), code, nickname)


def test_a_browser_that_joined_gets_its_place_back_not_a_second_one(workshop):
    phone = Client()
    assert join(phone, workshop.code, "Ann").status_code == 302
    again = join(phone, workshop.code, "Ann again")
    assert again.status_code == 302 and again["Location"] == f"/w/{workshop.code}/"
    assert list(Participant.objects.values_list("nickname", flat=True)) == ["Ann"]


def test_forty_phones_behind_one_wifi_address_all_join(workshop):
    whole_minute()
    statuses = {script_join(workshop.code, f"p{n}", "192.0.2.1").status_code for n in range(40)}
    assert statuses == {302}
    assert Participant.objects.count() == 40


def test_one_address_joins_one_workshop_at_most_its_budget_a_minute(
    workshop, organisation, settings
):
    settings.RATE_JOIN = 4
    whole_minute()
    statuses = [script_join(workshop.code, f"bot{n}").status_code for n in range(6)]
    assert statuses == [302] * 4 + [429] * 2
    response = script_join(workshop.code, "bot6")
    assert "Many people joined from this network just now" in response.content.decode()
    assert script_join(workshop.code, "Ann", "203.0.113.20").status_code == 302
    # Per workshop: the same address still joins another one.
    other = Workshop.objects.create(organisation=organisation, title="Day", code="DAYS23")
    assert script_join(other.code, "Bo").status_code == 302


def test_after_its_first_joins_a_workshop_takes_only_so_many_a_minute(workshop, settings):
    """Before: a script from many addresses filled any room at once."""
    settings.RATE_JOIN_WORKSHOP = 5
    whole_minute(20)  # 12 joins take several seconds on a busy machine
    statuses = [
        script_join(workshop.code, f"bot{n}", f"198.51.100.{n}").status_code for n in range(12)
    ]
    assert statuses == [302] * 10 + [429] * 2  # 5 at any pace, then 5 in this minute
    response = script_join(workshop.code, "Ann", "203.0.113.20")
    assert response.status_code == 429
    assert "Many people are joining right now. Wait a minute" in response.content.decode()
    assert Participant.objects.count() == 10


def test_the_trainer_closes_joining_and_newcomers_are_told_in_both_languages(
    trainer_client, workshop
):
    inside = Client()
    assert join(inside, workshop.code, "Ann").status_code == 302
    control = trainer_client.get(f"/workshops/{workshop.pk}/control/").content.decode()
    assert f"/workshops/{workshop.pk}/joining/close/" in control
    response = trainer_client.post(f"/workshops/{workshop.pk}/joining/close/")
    assert response.status_code == 302
    control = trainer_client.get(f"/workshops/{workshop.pk}/control/").content.decode()
    assert "Closed to new participants." in control
    assert f"/workshops/{workshop.pk}/joining/open/" in control

    response = join(Client(), workshop.code, "Bo")
    assert response.status_code == 400
    assert "This workshop is closed to new participants." in response.content.decode()
    response = join(Client(), workshop.code, "Bo", language="/nl")
    assert "Deze workshop is gesloten voor nieuwe deelnemers." in response.content.decode()
    # Those inside stay in, and their browser still gets its place back.
    assert inside.get(f"/w/{workshop.code}/").status_code == 200
    assert join(inside, workshop.code, "Ann").status_code == 302
    assert Participant.objects.count() == 1

    trainer_client.post(f"/workshops/{workshop.pk}/joining/open/")
    assert join(Client(), workshop.code, "Bo").status_code == 302
    assert trainer_client.post(f"/workshops/{workshop.pk}/joining/ajar/").status_code == 404


def test_a_removed_participant_is_out_with_their_answers_and_their_phone_says_so(
    trainer_client, workshop
):
    poll = Activity.objects.create(
        workshop=workshop,
        kind="poll",
        state="open",
        config={
            "prompt": {"en": "Q", "nl": "V"},
            "options": [{"key": "a", "text": {"en": "A", "nl": "A"}}],
        },
    )
    Workshop.objects.filter(pk=workshop.pk).update(current=poll)
    phones = {name: Client() for name in ("Ann", "bot")}
    for name, phone in phones.items():
        assert join(phone, workshop.code, name).status_code == 302
        phone.post(f"/w/{workshop.code}/answer/{poll.pk}/", {"option": "a"})
    bot = Participant.objects.get(nickname="bot")
    control = trainer_client.get(f"/workshops/{workshop.pk}/control/").content.decode()
    assert 'aria-label="Remove bot"' in control and "<strong>2</strong> participants" in control

    response = trainer_client.post(f"/workshops/{workshop.pk}/participants/{bot.pk}/remove/")
    assert response.status_code == 302
    assert list(Answer.objects.values_list("participant__nickname", flat=True)) == ["Ann"]
    control = trainer_client.get(f"/workshops/{workshop.pk}/control/").content.decode()
    assert 'aria-label="Remove bot"' not in control and "<strong>1</strong> participants" in control

    removed = "The trainer removed you from this workshop."
    page = phones["bot"].get(f"/w/{workshop.code}/")
    assert page.status_code == 403 and removed in page.content.decode()
    answer = phones["bot"].post(f"/w/{workshop.code}/answer/{poll.pk}/", {"option": "a"})
    assert answer.status_code == 403 and removed in answer.content.decode()
    again = join(phones["bot"], workshop.code, "bot")
    assert again.status_code == 403 and removed in again.content.decode()
    dutch = phones["bot"].get(f"/nl/w/{workshop.code}/").content.decode()
    assert "De trainer heeft je uit deze workshop verwijderd." in dutch
    assert phones["Ann"].get(f"/w/{workshop.code}/").status_code == 200

    twice = trainer_client.post(f"/workshops/{workshop.pk}/participants/{bot.pk}/remove/")
    assert twice.status_code == 409
    assert "That participant is no longer in this workshop." in twice.content.decode()


def test_a_removed_participant_frees_a_seat(trainer_client, workshop):
    Workshop.objects.filter(pk=workshop.pk).update(participant_cap=1)
    assert script_join(workshop.code, "bot").status_code == 302
    full = script_join(workshop.code, "Ann", "203.0.113.20")
    assert "This workshop is full" in full.content.decode()
    bot = Participant.objects.get(nickname="bot")
    trainer_client.post(f"/workshops/{workshop.pk}/participants/{bot.pk}/remove/")
    assert script_join(workshop.code, "Ann", "203.0.113.20").status_code == 302


def test_only_the_organisations_trainers_lock_or_remove(client, workshop, other_trainer):
    assert script_join(workshop.code, "Ann").status_code == 302
    ann = Participant.objects.get()
    assert client.post(f"/workshops/{workshop.pk}/joining/close/").status_code == 403
    client.login(username="other-trainer", password=PASSWORD)
    assert client.post(f"/workshops/{workshop.pk}/joining/close/").status_code == 404
    remove = f"/workshops/{workshop.pk}/participants/{ann.pk}/remove/"
    assert client.post(remove).status_code == 404
    assert not Workshop.objects.get(pk=workshop.pk).joining_closed
    assert not Participant.objects.get().removed


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return fresh_site(tmp_path_factory.mktemp("floods") / "var")


@pytest.mark.parametrize(
    "redis_url",
    [
        "",
        pytest.param(
            REDIS_URL, marks=pytest.mark.skipif(not redis_is_up(), reason="needs a Redis server")
        ),
    ],
    ids=["one-process", "two-processes-on-redis"],
)
def test_a_removed_phone_is_told_at_once_and_its_stream_ends(site, redis_url):
    """The phone on process A, the trainer on B (with Redis; else both on one)."""
    a = Server(site, redis_url=redis_url)
    b = Server(site, redis_url=redis_url) if redis_url else a
    try:
        trainer = Browser(b.url)
        trainer.login("demo-trainer", site.password)
        workshop_id, code = start_workshop(trainer)
        phone = Browser(a.url)
        assert phone.post("/join/", {"code": code, "nickname": "bot"})[0] == 302
        stream = EventReader(a.url, f"/w/{code}/events/", phone.cookies)
        stream.wait_for("activity", "You're in!")
        _s, _h, control = trainer.request("GET", f"/workshops/{workshop_id}/control/")
        remove = re.search(rf"/workshops/{workshop_id}/participants/([0-9]+)/remove/", control)
        assert remove
        assert trainer.post(remove.group(0), {})[0] == 302
        stream.wait_for("activity", "The trainer removed you from this workshop.")
        stream.join(timeout=10)
        assert not stream.is_alive()  # the stream ended: the message stays on the phone
        assert EventReader(a.url, f"/w/{code}/events/", phone.cookies).status == 403
    finally:
        for server in {a, b}:
            server.stop()
