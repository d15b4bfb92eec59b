"""Rate limits: shared by every server process (Redis, else the database), counted per
address so that one person guessing codes cannot keep a room out, and what each refusal
says."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from journeys.core import limits
from journeys.core.models import RateCounter
from journeys.workshops.models import Participant, Workshop
from tests.workshops.servers import Browser, Server, Site, fresh_site
from tests.workshops.test_live_servers import REDIS_URL, redis_is_up


def whole_minute(seconds_needed: float = 5) -> None:
    """Budgets are per clock minute: start a counting test where the minute will not
    turn over in the middle of it."""
    left = 60 - time.time() % 60
    if left < seconds_needed:
        time.sleep(left + 0.1)


@pytest.fixture
def workshop(organisation) -> Workshop:
    return Workshop.objects.create(organisation=organisation, title="Night shift", code="NGHT23")


def join_from(address: str, code: str, nickname: str = "Ann"):
    return Client(REMOTE_ADDR=address).post("/join/", {"code": code, "nickname": nickname})


# ---------------------------------------------------------------- the store


def test_allow_lets_exactly_the_budget_through_and_over_only_looks(db):
    whole_minute()
    assert [limits.allow("test", "someone", 3) for _ in range(5)] == [True] * 3 + [False] * 2
    assert limits.over("test", "someone", 3)
    assert not limits.over("test", "someone-else", 3)
    assert not limits.over("test", "someone-else", 3)  # looking does not count
    assert limits.allow("test", "someone-else", 1)


def test_without_redis_counters_are_rows_keyed_by_a_hash_not_the_address(db, settings):
    settings.REDIS_URL = ""
    whole_minute()
    limits.allow("wrong-code", "203.0.113.9", 10)
    limits.allow("wrong-code", "203.0.113.9", 10)
    (counter,) = RateCounter.objects.all()
    assert counter.count == 2 and counter.minute == limits.current_minute()
    assert "203.0.113.9" not in counter.key and len(counter.key) == 64


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database locks whole tables: the two-server test below "
    "covers SQLite on a file",
)
def test_concurrent_counts_on_separate_connections_let_exactly_the_budget_through(
    transactional_db, settings
):
    """Each thread has its own database connection, as each server process has."""
    settings.REDIS_URL = ""
    whole_minute(15)

    def count(_n: int) -> list[bool]:
        try:
            return [limits.allow("join", "crowd", 25) for _ in range(10)]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        allowed = [ok for results in pool.map(count, range(6)) for ok in results]
    assert allowed.count(True) == 25


def test_minutes_before_the_last_one_are_deleted_by_the_next_count(db, settings):
    settings.REDIS_URL = ""
    whole_minute()
    now = limits.current_minute()
    RateCounter.objects.create(minute=now - 5, key="old", count=7)
    RateCounter.objects.create(minute=now - 1, key="last-minute", count=7)
    limits.allow("answer", "1", 30)
    assert not RateCounter.objects.filter(key="old").exists()
    assert RateCounter.objects.filter(key="last-minute").exists()
    assert RateCounter.objects.filter(minute=now, count=1).exists()


# ---------------------------------------------------------------- wrong codes


def test_a_few_wrong_codes_from_a_network_do_not_keep_out_the_right_code(workshop):
    """Before: 10 wrong codes from one address answered 429 to everyone behind it."""
    whole_minute()
    for _ in range(10):
        response = join_from("198.51.100.7", "ZZZZZZ", "prankster")
        assert response.status_code == 400
        assert "There is no workshop with that code" in response.content.decode()
    response = join_from("198.51.100.7", workshop.code.lower(), "Ann")
    assert response.status_code == 302 and response["Location"] == f"/w/{workshop.code}/"


def test_a_flood_of_wrong_codes_makes_that_network_wait_without_checking_codes(workshop, settings):
    settings.RATE_WRONG_CODE = 5
    whole_minute()
    codes = [join_from("198.51.100.7", f"ZZZZZ{n}").status_code for n in range(5)]
    assert codes == [400] * 5
    # Past the budget the code is not looked at, right or wrong: an answer would tell a
    # guesser which codes are real.
    for code in ("ZZZZZZ", workshop.code):
        response = join_from("198.51.100.7", code)
        assert response.status_code == 429
        assert "Too many wrong codes from this network" in response.content.decode()
    assert join_from("203.0.113.20", workshop.code).status_code == 302  # other networks join
    assert Participant.objects.count() == 1


def test_ipv6_addresses_of_one_64_share_a_budget(workshop, settings):
    settings.RATE_WRONG_CODE = 2
    whole_minute()
    assert join_from("2001:db8:1:2::1", "ZZZZZZ").status_code == 400
    assert join_from("2001:db8:1:2:aaaa::9", "ZZZZZZ").status_code == 400
    assert join_from("2001:db8:1:2:ffff::1", workshop.code).status_code == 429
    assert join_from("2001:db8:1:3::1", workshop.code).status_code == 302


def test_an_ended_code_counts_as_a_wrong_one(trainer, workshop, settings):
    settings.RATE_WRONG_CODE = 1
    whole_minute()
    Workshop.objects.filter(pk=workshop.pk).update(status=Workshop.Status.ENDED)
    response = join_from("198.51.100.7", workshop.code)
    assert response.status_code == 400 and "This workshop has ended" in response.content.decode()
    assert join_from("198.51.100.7", workshop.code).status_code == 429


# ---------------------------------------------------------------- across processes


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    site = fresh_site(tmp_path_factory.mktemp("limits") / "var")
    return Site({**site.env, "JOURNEYS_RATE_WRONG_CODE": "6"}, site.password)


@pytest.mark.parametrize(
    "redis_url",
    [
        "",
        pytest.param(
            REDIS_URL,
            marks=pytest.mark.skipif(not redis_is_up(), reason="needs a Redis server"),
        ),
    ],
    ids=["database", "redis"],
)
def test_two_server_processes_together_let_through_the_budget_not_twice(site, redis_url):
    """Before: each process counted in its own memory, so two let 12 of 6 through."""
    servers = [Server(site, redis_url=redis_url), Server(site, redis_url=redis_url)]
    try:
        whole_minute(15)
        phones = [Browser(server.url) for server in servers]
        guess = {"code": "ZZZZZZ", "nickname": "x"}
        statuses = [phones[n % 2].post("/join/", guess)[0] for n in range(12)]
        assert statuses == [400] * 6 + [429] * 6
    finally:
        for server in servers:
            server.stop()
