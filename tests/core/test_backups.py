"""`journeys backup` and `journeys restore`, drilled: a platform mid-workshop, backed up
while phones keep answering, restored into an empty installation, and everything found
again. On SQLite, or on PostgreSQL when DATABASE_URL names one (in separate databases
made and dropped here)."""

import json
import os
import subprocess
import sys
import tarfile
import threading
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from journeys.core.backups import BackupError, opened_backup, refusal
from tests.workshops.servers import (
    Browser,
    Server,
    Site,
    add_and_open,
    found,
    join,
    start_workshop,
)

JOURNEYS = str(Path(sys.executable).parent / "journeys")
ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("DATABASE_URL", "")


def installation_env(var: Path, database_url: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}
    }
    env.update(JOURNEYS_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="journeys.settings")
    env.update(JOURNEYS_RATE_JOIN="100000", JOURNEYS_RATE_JOIN_WORKSHOP="100000")
    env["JOURNEYS_WORKSHOP_CAP"] = "5000"  # start_workshop() asks for that many
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def journeys(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [JOURNEYS, *args], env=env, capture_output=True, text=True, check=False, cwd=ROOT
    )


def in_installation(env: dict[str, str], what: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.core.backup_platform", what],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    printed: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return printed


@pytest.fixture
def database_urls() -> Iterator[tuple[str, str]]:
    """Two new, empty databases on the PostgreSQL server of DATABASE_URL (the journeys role
    may create databases), dropped afterwards; ("", "") on SQLite."""
    if not POSTGRES_URL.startswith("postgres"):
        yield "", ""
        return
    url = urllib.parse.urlsplit(POSTGRES_URL)
    suffix = uuid.uuid4().hex[:8]
    names = [f"{url.path.lstrip('/')}_drill_{side}_{suffix}" for side in ("a", "b")]
    server = url._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield tuple(url._replace(path=f"/{name}").geturl() for name in names)  # type: ignore[misc]
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Phones(threading.Thread):
    """Phones that join and answer the open poll one after another, noting each answer
    the server acknowledged and when."""

    def __init__(self, base: str, code: str, poll: int) -> None:
        super().__init__(daemon=True)
        self.base, self.code, self.poll = base, code, poll
        self.acknowledged: list[tuple[float, str, str]] = []  # (time, nickname, option)
        self.stop = threading.Event()
        self.start()

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            nickname, option = f"late-{n}", "ab"[n % 2]
            phone = join(self.base, self.code, nickname)
            status, _h, _t = phone.post(f"/w/{self.code}/answer/{self.poll}/", {"option": option})
            if status == 302:
                self.acknowledged.append((time.monotonic(), nickname, option))


# Marked as using the database so that CI's PostgreSQL pass runs it; the installations
# have databases of their own.
@pytest.mark.django_db
def test_a_platform_mid_workshop_comes_back_whole_from_its_backup(tmp_path, database_urls):
    source_url, target_url = database_urls
    source = installation_env(tmp_path / "source", source_url)
    setup = journeys(source, "setup", "--demo")
    assert setup.returncode == 0, setup.stderr
    password = found(r"with password '([^']+)'", setup.stdout)
    built = in_installation(source, "build")
    certificate, before = built["certificate"], built["inventory"]

    server = Server(Site(source, password))
    try:
        trainer = Browser(server.url)
        trainer.login("demo-trainer", password)
        workshop_id, code = start_workshop(trainer, "Backed up mid-workshop")
        poll = add_and_open(
            trainer, workshop_id, kind="poll", prompt="Where do you work?", options="Street\nWard"
        )
        acknowledged = []
        for n in range(10):
            phone = join(server.url, code, f"phone-{n}")
            option = "ab"[n % 2]
            status, _h, _t = phone.post(f"/w/{code}/answer/{poll}/", {"option": option})
            assert status == 302
            acknowledged.append((f"phone-{n}", option))
        phones = Phones(server.url, code, poll)  # writers stay active during the backup
        while not phones.acknowledged:
            time.sleep(0.05)
        backup_started = time.monotonic()
        backup = journeys(source, "backup", "-o", str(tmp_path / "journeys.backup"))
        phones.stop.set()
        phones.join(10)
    finally:
        server.stop()
    assert backup.returncode == 0, backup.stderr
    assert "Wrote" in backup.stdout and "database:" in backup.stdout, backup.stdout
    assert "Left out: var/cards/" in backup.stdout
    assert (tmp_path / "journeys.backup").stat().st_mode & 0o777 == 0o600
    acknowledged += [
        (nick, option) for at, nick, option in phones.acknowledged if at < backup_started
    ]

    target = installation_env(tmp_path / "target", target_url)
    restore = journeys(target, "restore", str(tmp_path / "journeys.backup"))
    assert restore.returncode == 0, restore.stdout + restore.stderr
    assert "Secret key restored" in restore.stdout

    after = in_installation(target, "inventory")
    for part in ("accounts", "enrolments", "lessons_done", "attempts", "certificates", "responses"):
        assert after[part] == before[part], part
    assert {"sam", "noor"} <= set(after["accounts"])
    assert [code for code, _name in after["certificates"]] == [certificate]
    phases = [phase for _token, phase, _key, _form in after["responses"]]
    assert phases.count("pre") >= 20 and phases.count("post") >= 20
    restored_answers = {
        (nickname, *value) for nickname, activity, value in after["answers"] if activity == poll
    }
    missing = [answer for answer in acknowledged if answer not in restored_answers]
    assert not missing and len(acknowledged) > 10, missing
    # Pairing keys are HMACs under the secret key: the restored site has the same one.
    assert after["secret_key"] == before["secret_key"]

    restored = Server(Site(target, password))
    try:
        status, _h, page = Browser(restored.url).request("GET", f"/certificates/{certificate}/")
    finally:
        restored.stop()
    assert status == 200
    assert f"Certificate <strong>{certificate}</strong> is valid." in page

    again = journeys(target, "restore", str(tmp_path / "journeys.backup"))
    assert again.returncode == 1
    assert "not empty" in again.stderr and "--force" in again.stderr
    forced = journeys(target, "restore", "--force", str(tmp_path / "journeys.backup"))
    assert forced.returncode == 0, forced.stderr


def test_a_missing_file_gets_a_clear_message_and_exit_status_1(tmp_path):
    done = journeys(installation_env(tmp_path / "var", ""), "restore", str(tmp_path / "none"))
    assert done.returncode == 1
    assert "none: no such file." in done.stderr
    assert "Traceback" not in done.stderr


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a backup")
    with pytest.raises(BackupError, match="is not a Journeys backup"), opened_backup(text):
        pass
    other = tmp_path / "other.tar.gz"
    with tarfile.open(other, "w:gz") as archive:
        archive.add(text, "notes.txt")
    with pytest.raises(BackupError, match="no Journeys manifest"), opened_backup(other):
        pass


def small_backup(tmp_path: Path) -> Path:
    """A real backup of a small SQLite installation as an older version left it: migrated,
    but for the newest workshops migration; no content."""
    env = installation_env(tmp_path / "small", "")
    assert journeys(env, "manage", "migrate", "-v0").returncode == 0
    folder = ROOT / "journeys" / "workshops" / "migrations"
    older = sorted(path.stem for path in folder.glob("0*.py"))[-2]
    assert journeys(env, "manage", "migrate", "workshops", older, "-v0").returncode == 0
    path = tmp_path / "small.backup"
    done = journeys(env, "backup", "-o", str(path))
    assert done.returncode == 0, done.stderr
    return path


def test_a_damaged_backup_is_refused_and_changes_nothing(tmp_path):
    path = small_backup(tmp_path)
    truncated = tmp_path / "truncated.backup"
    truncated.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(BackupError, match="is damaged"), opened_backup(truncated):
        pass
    target = installation_env(tmp_path / "target", "")
    done = journeys(target, "restore", str(truncated))
    assert done.returncode == 1
    assert "is damaged" in done.stderr and "nothing was restored" in done.stderr
    # The new installation kept the key it made itself: the backup's was never written.
    target_key = (tmp_path / "target" / "secret_key").read_text()
    assert target_key != (tmp_path / "small" / "secret_key").read_text()


def test_a_backup_of_an_older_version_is_restored_then_migrated_forward(tmp_path):
    path = small_backup(tmp_path)
    done = journeys(installation_env(tmp_path / "target", ""), "restore", str(path))
    assert done.returncode == 0, done.stderr
    assert "Migrated forward: 1 migration applied." in done.stdout
    assert "Secret key restored" in done.stdout
    key = tmp_path / "target" / "secret_key"
    assert key.read_text() == (tmp_path / "small" / "secret_key").read_text()
    assert key.stat().st_mode & 0o777 == 0o600


def test_a_backup_of_the_other_engine_or_of_a_newer_version_is_refused():
    manifest = {"engine": "sqlite", "migrations": ["core.0001_initial"], "journeys_version": "9"}
    assert "not supported" in refusal(manifest, "postgresql", {"core.0001_initial"})
    assert "unset DATABASE_URL" in refusal(manifest, "postgresql", {"core.0001_initial"})
    newer = {**manifest, "migrations": ["core.0001_initial", "core.0099_future"]}
    assert "newer Journeys" in refusal(newer, "sqlite", {"core.0001_initial"})
    assert refusal(manifest, "sqlite", {"core.0001_initial", "core.0002_more"}) == ""
