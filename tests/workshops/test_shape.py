"""The live-workshop code keeps its shape: what differs per activity type lives in the
type's module (journeys/workshops/activities/) and templates (templates/workshops/
activities/), the list in docs/workshops.md is the registry's, and the hub coalesces
changes into few builds."""

import asyncio
import re
import secrets
from pathlib import Path

import pytest

from journeys.workshops import live
from journeys.workshops.activities import activity_types
from journeys.workshops.events import PARTICIPANT, ROOM, Event, Events
from tests.workshops.test_live_servers import REDIS_URL, redis_is_up

ROOT = Path(__file__).resolve().parents[2]
WORKSHOPS = ROOT / "journeys" / "workshops"
BRANCH = re.compile(r"\bkind ==|\.kind ==|\bkind in \(|\.kind !=|\bkind !=")


def test_no_branching_on_the_kind_outside_the_activity_types():
    found = []
    for path in [*WORKSHOPS.rglob("*.py"), *WORKSHOPS.rglob("*.html")]:
        if "activities" in path.relative_to(WORKSHOPS).parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if BRANCH.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "move these into the activity type's module:\n" + "\n".join(found)


def test_the_shape_test_finds_a_branch(tmp_path):
    assert BRANCH.search('{% if current.kind == "poll" %}')
    assert BRANCH.search('if kind in ("scenario", "questionnaire"):')


def test_docs_list_every_activity_type():
    text = (ROOT / "docs" / "workshops.md").read_text()
    section = text.split("## Activities", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([a-z-]+)` \|", section, re.MULTILINE)
    assert documented == list(activity_types())


class FakeBuilder:
    """Counts builds; each build takes `seconds`, like a real one's queries."""

    def __init__(self, seconds: float = 0.0) -> None:
        self.seconds = seconds
        self.builds: list[bool] = []  # the stage flag of each
        self.started: list[float] = []  # when each began, on the loop's clock

    async def __call__(self, workshop_id: int, stage: bool, wanted: set[tuple[str, str]]) -> Events:
        self.builds.append(stage)
        self.started.append(asyncio.get_running_loop().time())
        await asyncio.sleep(self.seconds)
        return {key: [Event("results", str(len(self.builds)), "x")] for key in wanted}


def test_many_changes_within_the_interval_make_one_build():
    async def run() -> FakeBuilder:
        builder = FakeBuilder()
        hub = live.Hub(builder)
        await hub.listen(1, ROOM, "en")
        await hub.changed(1)  # the first goes out at once
        for _ in range(50):
            await hub.changed(1)  # these wait for the interval: one build for all
        await asyncio.sleep(live.INTERVAL * 3)
        return builder

    assert asyncio.run(run()).builds == [False, False]


def test_a_stage_change_is_never_lost_among_answers():
    async def run() -> FakeBuilder:
        builder = FakeBuilder()
        hub = live.Hub(builder)
        await hub.listen(1, ROOM, "en")
        await hub.changed(1)
        await hub.changed(1)  # waits...
        await hub.changed(1, stage=True)  # ...and the stage change joins it
        await hub.changed(1)
        await asyncio.sleep(live.INTERVAL * 3)
        return builder

    assert asyncio.run(run()).builds == [False, True]


def test_changes_during_a_build_build_again_once():
    async def run() -> tuple[FakeBuilder, live.Listener]:
        builder = FakeBuilder(seconds=0.05)
        hub = live.Hub(builder)
        listener = await hub.listen(1, ROOM, "en")
        first = asyncio.get_running_loop().create_task(hub.deliver(1, stage=False))
        await asyncio.sleep(0.01)  # the first build is running
        for _ in range(5):
            await hub.deliver(1, stage=True)
        await first
        return builder, listener

    builder, listener = asyncio.run(run())
    assert builder.builds == [False, True]
    assert [e.id for e in listener.take()] == ["2"]  # the newest state only


def test_answers_alone_build_nothing_where_only_phones_listen():
    async def run() -> FakeBuilder:
        builder = FakeBuilder()
        hub = live.Hub(builder)
        await hub.listen(1, PARTICIPANT, "en", participant_id=7)
        await hub.deliver(1, stage=False)  # phones show no tally: nothing to build
        await hub.deliver(1, stage=True)
        return builder

    assert asyncio.run(run()).builds == [True]


@pytest.mark.skipif(not redis_is_up(), reason=f"no Redis at {REDIS_URL}")
def test_two_processes_coalesce_one_rooms_answers_together():
    """Answers arriving on two workers for one room: one event per INTERVAL between them,
    not one per worker, and the last answers still reach the presenter."""
    workshop = 900_000_000 + secrets.randbelow(99_999_999)  # its own channel on a shared Redis
    seconds = 1.0

    async def run() -> tuple[FakeBuilder, float]:
        builder = FakeBuilder()
        presenter_side, other_side = (
            live.Hub(builder, REDIS_URL),
            live.Hub(FakeBuilder(), REDIS_URL),
        )
        await presenter_side.listen(workshop, ROOM, "en")
        await other_side.listen(workshop, PARTICIPANT, "en", participant_id=1)
        await asyncio.sleep(0.2)  # both subscribed
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        while loop.time() < end:
            for hub in (presenter_side, other_side):
                await hub.changed(workshop)
                await asyncio.sleep(0.005)
        last_change = loop.time()
        await asyncio.sleep(live.INTERVAL * 4)
        return builder, last_change  # asyncio.run ends the subscriptions

    builder, last_change = asyncio.run(run())
    # One per INTERVAL over the burst and the trailing one (about 9), not one per worker (16).
    assert len(builder.builds) <= (seconds + 2 * live.INTERVAL) / live.INTERVAL + 1, builder.builds
    assert builder.started[-1] > last_change  # the burst's last answers were published


@pytest.mark.skipif(not redis_is_up(), reason=f"no Redis at {REDIS_URL}")
def test_a_change_published_right_after_a_stream_listens_reaches_it():
    """A stream reads the current state once it listens; a change another worker publishes
    right then must reach it. The subscription was made in the background, so a phone
    reconnecting to a restarted worker missed the question opened at that moment."""

    async def one_round() -> list[bool]:
        workshop = 900_000_000 + secrets.randbelow(99_999_999)
        builder = FakeBuilder()
        fresh_worker, other_worker = (
            live.Hub(builder, REDIS_URL),
            live.Hub(FakeBuilder(), REDIS_URL),
        )
        await fresh_worker.listen(workshop, PARTICIPANT, "en", participant_id=1)
        await other_worker.changed(workshop, stage=True)  # the trainer opens a question
        for _ in range(50):
            if builder.builds:
                break
            await asyncio.sleep(0.02)
        return builder.builds

    rounds = [asyncio.run(one_round()) for _ in range(10)]  # a race: try it often
    assert rounds == [[True]] * 10


def test_live_does_not_import_state():
    """apps.py wires state.build_events in; live.py does not import state.py."""
    source = (WORKSHOPS / "live.py").read_text()
    assert "state" not in re.findall(r"^\s*(?:from|import) .*$", source, re.MULTILINE).__str__()
