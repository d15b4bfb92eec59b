"""Live workshops on real servers: uvicorn processes, Server-Sent Events, and Redis
shared by two processes. Each test makes its own installation in a temporary folder."""

import itertools
import os
import socket

import pytest

from tests.workshops.servers import (
    Browser,
    EventReader,
    Server,
    add_and_open,
    fresh_site,
    join,
    start_workshop,
)

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_is_up() -> bool:
    host_port = REDIS_URL.split("//")[1].split("/")[0]
    host, _, port = host_port.partition(":")
    try:
        socket.create_connection((host, int(port or 6379)), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One installation for the module; every test runs its own workshop in it."""
    return fresh_site(tmp_path_factory.mktemp("live") / "var")


@pytest.fixture
def servers():
    started: list[Server] = []
    yield started
    for server in started:
        server.stop()


def test_the_presenter_sees_each_answer_without_reloading(site, servers):
    servers.append(server := Server(site))
    trainer = Browser(server.url)
    trainer.login("demo-trainer", site.password)
    workshop_id, code = start_workshop(trainer)
    room = EventReader(server.url, f"/workshops/{workshop_id}/events/", trainer.cookies)
    assert room.status == 200
    room.wait_for("results", "Welcome!")  # the current state comes first
    phones = [join(server.url, code, name) for name in ("Ann", "Bo", "Cy")]
    phone_events = EventReader(server.url, f"/w/{code}/events/", phones[0].cookies)
    poll = add_and_open(
        trainer, workshop_id, kind="poll", prompt="Where do you work?", options="Street\nOffice"
    )
    phone_events.wait_for("activity", "Where do you work?")
    for n, phone in enumerate(phones, start=1):
        status, _h, _t = phone.post(f"/w/{code}/answer/{poll}/", {"option": "a"})
        assert status == 302
        room.wait_for("results", f'answer-count">{n}</span>')
    assert 'data-count="3"' in room.wait_for("results", 'answer-count">3<')


def test_twenty_quick_answers_make_a_few_events_not_twenty(site, servers):
    servers.append(server := Server(site))
    trainer = Browser(server.url)
    trainer.login("demo-trainer", site.password)
    workshop_id, code = start_workshop(trainer)
    phones = [join(server.url, code, f"p{n}") for n in range(20)]
    poll = add_and_open(trainer, workshop_id, kind="poll", prompt="Q", options="a\nb")
    room = EventReader(server.url, f"/workshops/{workshop_id}/events/", trainer.cookies)
    room.wait_for("results", "Q")
    before = len(room.events)
    for phone in phones:
        phone.post(f"/w/{code}/answer/{poll}/", {"option": "b"})
    room.wait_for("results", 'answer-count">20<')
    results = [e for e in room.events[before:] if e[1] == "results"]
    assert len(results) < 20
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(results)]
    assert all(gap > 0.1 for gap in gaps), gaps  # coalesced: at most ~7 a second


@pytest.mark.skipif(not redis_is_up(), reason="needs a Redis server (.ci/run starts one)")
def test_an_answer_on_one_process_reaches_a_presenter_on_another(site, servers):
    servers.append(a := Server(site, redis_url=REDIS_URL))
    servers.append(b := Server(site, redis_url=REDIS_URL))
    trainer = Browser(b.url)
    trainer.login("demo-trainer", site.password)
    workshop_id, code = start_workshop(trainer)
    room_on_b = EventReader(b.url, f"/workshops/{workshop_id}/events/", trainer.cookies)
    phone_on_a = join(a.url, code, "Ann")
    events_on_a = EventReader(a.url, f"/w/{code}/events/", phone_on_a.cookies)
    poll = add_and_open(
        trainer, workshop_id, kind="poll", prompt="Across processes?", options="yes\nno"
    )
    events_on_a.wait_for("activity", "Across processes?")  # opened on B, seen on A
    status, _h, _t = phone_on_a.post(f"/w/{code}/answer/{poll}/", {"option": "a"})
    assert status == 302
    assert 'data-count="1"' in room_on_b.wait_for("results", 'answer-count">1<')


def test_killing_the_server_loses_no_acknowledged_answer(site, servers):
    server = Server(site)
    servers.append(server)
    trainer = Browser(server.url)
    trainer.login("demo-trainer", site.password)
    workshop_id, code = start_workshop(trainer)
    phones = [join(server.url, code, f"p{n}") for n in range(12)]
    poll = add_and_open(trainer, workshop_id, kind="poll", prompt="Q", options="a\nb\nc")
    acknowledged = 0
    for n, phone in enumerate(phones):
        status, _h, _t = phone.post(f"/w/{code}/answer/{poll}/", {"option": "abc"[n % 3]})
        acknowledged += status == 302
    server.kill()  # SIGKILL: no shutdown, no flush
    restarted = Server(site)
    servers.append(restarted)
    for phone in [trainer, *phones]:
        phone.base = restarted.url
    _s, _h, csv_text = trainer.request("GET", f"/workshops/{workshop_id}/report.csv")
    assert len(csv_text.strip().splitlines()) - 1 == acknowledged == 12
    # A page that reconnects with the last event id it saw gets the current state first.
    room = EventReader(restarted.url, f"/workshops/{workshop_id}/events/", trainer.cookies)
    assert 'data-count="4"' in room.wait_for("results", 'answer-count">12<')
    # And the workshop goes on: answers after the restart count too.
    status, _h, _t = phones[0].post(f"/w/{code}/answer/{poll}/", {"option": "b"})
    assert status == 302
    room.wait_for("results", 'data-count="5"')


def test_event_streams_refuse_everyone_but_their_own_room(site, servers):
    """The streams are answered before Django (the authorization matrix in tests/security
    sees them as 501), so their refusals are checked here, on a real server. Another
    organisation's trainer is refused by the same get_workshop_for_staff the matrix
    checks for every trainer page."""
    servers.append(server := Server(site))
    trainer = Browser(server.url)
    trainer.login("demo-trainer", site.password)
    workshop_id, code = start_workshop(trainer)
    _other_id, other_code = start_workshop(trainer, "Another room")
    phone = join(server.url, code, "Ann")
    token = phone.cookies[f"workshop-{code}"]
    stranger = Browser(server.url)
    assert stranger.request("GET", f"/workshops/{workshop_id}/events/")[0] == 404
    assert phone.request("GET", f"/workshops/{workshop_id}/events/")[0] == 404
    assert trainer.request("GET", "/workshops/999999999999/events/")[0] == 404
    assert stranger.request("GET", f"/w/{code}/events/")[0] == 403
    forged = Browser(server.url, {f"workshop-{code}": "forged"})
    assert forged.request("GET", f"/w/{code}/events/")[0] == 403
    elsewhere = Browser(server.url, {f"workshop-{other_code}": token})  # another room's code
    assert elsewhere.request("GET", f"/w/{other_code}/events/")[0] == 403
