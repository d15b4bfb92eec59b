"""`journeys backup` and `journeys restore`: a whole installation in one file, and that file
restored into an empty installation of the same database engine.

The file is a gzipped tar, written with mode 0600 because it holds everyone's data and the
site's secret key:

- `manifest.json`: the format, when it was made, by which Journeys version, the database
  engine, every migration applied, the content version, and what is in the file and what
  is left out and why (LEFT_OUT).
- `database.sqlite3` or `database.pgdump`, with its SHA-256 in the manifest.
  SQLite is copied with sqlite3's online backup API, not as a file: the platform keeps
  running (WAL mode, writers active) and the copy is one consistent moment; a file copy
  could catch a page half-written or miss what is still in the -wal file. PostgreSQL
  is dumped with `pg_dump -Fc` (a consistent snapshot as well) and restored with
  `pg_restore --clean --if-exists --no-owner` in one transaction. The password goes to
  both through PGPASSWORD, never on a command line that `ps` shows.
- `secret_key`: var/secret_key, when SECRET_KEY comes from there. The questionnaires'
  pairing keys are HMACs under SECRET_KEY (journeys/assessments/pairing.py): with another
  key, a person's after-questionnaire no longer pairs with their before-questionnaire.
  Sessions and password-reset links also depend on it, but those may be lost.
  Certificates do not: their public check looks the code up in the database.

The pairing key file is left out on purpose: it is kept apart from var/ and the database
so that a copy of those cannot test a single code, and a backup is exactly such a copy.
Its fingerprint is in the manifest, and a restore says whether the file on this machine
is the same one. There are no uploaded files: everything people make lives in the
database.

A restore first reads and checks the whole file (a damaged or foreign file changes
nothing), refuses a backup of the other engine and one made by a newer Journeys, refuses
to replace a database that holds accounts, workshops or measurements unless forced, then
restores and migrates forward: a backup from an older version comes back as this one.
"""

import contextlib
import hashlib
import importlib.metadata
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from django.conf import settings

FORMAT = "journeys-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SECRET_KEY_FILE = "secret_key"  # noqa: S105  (a member name, not a password)
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}

LEFT_OUT = [
    {
        "what": "var/cards/, var/reports/, var/certificates/ (built PDFs)",
        "why": "a cache: each PDF is built again from the database and the content when it "
        "is next asked for",
    },
    {
        "what": "var/static/ (collected static files)",
        "why": "copied from the code by `journeys setup`",
    },
    {
        "what": "the pairing key file (JOURNEYS_PAIRING_KEY_FILE)",
        "why": "kept apart from var/ and the database on purpose, so that a copy of them "
        "cannot test a pairing code; back it up separately (see docs/deploy.md)",
    },
]

Say = Callable[[str], None]


class BackupError(Exception):
    """The backup or restore cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Database:
    engine: str  # "sqlite" or "postgresql"
    settings: dict[str, Any]

    @property
    def file_name(self) -> str:
        return DATABASE_FILES[self.engine]


def current_database() -> Database:
    config = settings.DATABASES["default"]
    engine = str(config["ENGINE"])
    if "sqlite" in engine:
        return Database("sqlite", config)
    if "postgresql" in engine:
        return Database("postgresql", config)
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def size_text(size: int) -> str:
    """1234567 -> '1.2 MB'."""
    if size < 1000:
        return f"{size} bytes"
    scaled, unit = size / 1000, "kB"
    for bigger in ("MB", "GB"):
        if scaled < 1000:
            break
        scaled, unit = scaled / 1000, bigger
    return f"{scaled:.1f} {unit}"


def fingerprint(secret: str) -> str:
    """Tells two keys apart without revealing either (the keys are long and random)."""
    return hashlib.sha256(f"journeys-key-fingerprint:{secret}".encode()).hexdigest()[:16]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# Backing up


def write_backup(output: Path, say: Say = print) -> dict[str, Any]:
    """Writes the backup file (whole or not at all, mode 0600); returns its manifest."""
    database = current_database()
    output = output.resolve()
    if not output.parent.is_dir():
        raise BackupError(f"{output.parent} is not a folder.")
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".journeys-backup-") as work:
        dumped = Path(work) / database.file_name
        if database.engine == "sqlite":
            say(f"Copying the SQLite database {database.settings['NAME']} (online backup) ...")
            _copy_sqlite(Path(database.settings["NAME"]), dumped)
        else:
            say(f"Dumping the PostgreSQL database {database.settings['NAME']!r} (pg_dump) ...")
            _pg_dump(database.settings, dumped)
        say(f"  database: {size_text(dumped.stat().st_size)}")
        manifest = _manifest(database, dumped)
        draft = Path(work) / "draft.tar.gz"
        with _private_file(draft) as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
            archive.add(dumped, database.file_name, filter=_private_member)
            if manifest["included"]["secret_key"]:
                _add_bytes(archive, SECRET_KEY_FILE, settings.SECRET_KEY.encode())
        os.replace(draft, output)
    say(f"Wrote {output} ({size_text(output.stat().st_size)}), readable by its owner only.")
    say(
        "It holds everyone's data"
        + (" and the site's secret key" if manifest["included"]["secret_key"] else "")
        + ": keep it as safe as the server."
    )
    if not manifest["included"]["secret_key"]:
        say(
            "SECRET_KEY is set in the environment, so it is not in the file: "
            "keep it with the backup and set the same one where you restore."
        )
    for left_out in LEFT_OUT:
        say(f"Left out: {left_out['what']}: {left_out['why']}.")
    return manifest


def _copy_sqlite(source: Path, target: Path) -> None:
    if not source.exists():
        raise BackupError(f"There is no database at {source}: run `journeys setup` first.")
    origin = sqlite3.connect(source, timeout=20)
    copy = sqlite3.connect(target)
    try:
        # One step (pages=-1): the copy is the database at one moment; writers in WAL mode
        # go on meanwhile.
        origin.backup(copy)
    finally:
        copy.close()
        origin.close()


def _pg_environment(config: dict[str, Any]) -> dict[str, str]:
    env = {**os.environ, "PGPASSWORD": str(config.get("PASSWORD") or "")}
    env["PGHOST"] = str(config.get("HOST") or "")
    env["PGPORT"] = str(config.get("PORT") or "")
    env["PGUSER"] = str(config.get("USER") or "")
    env["PGDATABASE"] = str(config["NAME"])
    if sslmode := (config.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = str(sslmode)
    return {name: value for name, value in env.items() if value}


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed or not on PATH. Install PostgreSQL's client tools of "
            f"the server's major version (Debian: apt install postgresql-client)."
        )
    return found


def _major_version(text: str) -> int:
    """'pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)' -> 15."""
    match = re.search(r"\) (\d+)", text)
    return int(match.group(1)) if match else 0


def _server_major_version() -> int:
    from django.db import connection

    connection.ensure_connection()
    return int(getattr(connection, "pg_version", 0)) // 10000


def _pg_dump(config: dict[str, Any], target: Path) -> None:
    pg_dump = _pg_tool("pg_dump")
    version = subprocess.run(  # noqa: S603  (the tool found on PATH, no shell)
        [pg_dump, "--version"], capture_output=True, text=True, check=False
    ).stdout
    tools, server = _major_version(version), _server_major_version()
    if tools < server:
        raise BackupError(
            f"pg_dump is version {tools} and the server {server}: pg_dump cannot dump a newer "
            f"server. Install postgresql-client-{server}."
        )
    _run_pg([pg_dump, "--format=custom", f"--file={target}"], config, "pg_dump")


def _run_pg(command: list[str], config: dict[str, Any], name: str) -> None:
    done = subprocess.run(  # noqa: S603  (our own arguments, no shell)
        command, env=_pg_environment(config), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()[-3:]
        raise BackupError(f"{name} failed (exit status {done.returncode}): " + " ".join(detail))


def _applied_migrations() -> list[str]:
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    applied = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied)


def _manifest(database: Database, dumped: Path) -> dict[str, Any]:
    from journeys.core.models import current_content_version

    secret_key_from_file = not os.environ.get("SECRET_KEY")
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "journeys_version": importlib.metadata.version("journeys"),
        "engine": database.engine,
        "migrations": _applied_migrations(),
        "content_version": current_content_version(),
        "database": {
            "file": database.file_name,
            "size": dumped.stat().st_size,
            "sha256": _sha256(dumped),
        },
        "included": {"database": True, "secret_key": secret_key_from_file},
        "left_out": LEFT_OUT,
        "secret_key_fingerprint": fingerprint(settings.SECRET_KEY),
        "pairing_key_fingerprint": _pairing_key_fingerprint(),
    }
    if database.engine == "postgresql":
        manifest["database"]["server_major_version"] = _server_major_version()
    return manifest


def _pairing_key_fingerprint() -> str:
    """ "" while no questionnaire has made the pairing key file yet."""
    path = Path(settings.PAIRING_KEY_FILE)
    return fingerprint(path.read_text().strip()) if path.exists() else ""


@contextlib.contextmanager
def _private_file(path: Path) -> Iterator[io.BufferedWriter]:
    """A new file only its owner can read, from the moment it exists."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        yield file


def _private_member(member: tarfile.TarInfo) -> tarfile.TarInfo:
    member.mode, member.uid, member.gid, member.uname, member.gname = 0o600, 0, 0, "", ""
    return member


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    member = _private_member(tarfile.TarInfo(name))
    member.size = len(data)
    member.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(member, io.BytesIO(data))


# Restoring


@dataclass(frozen=True)
class Backup:
    """A backup file, read whole and checked; its database unpacked into a folder that
    lasts as long as opened_backup()."""

    manifest: dict[str, Any]
    database_file: Path
    secret_key: str | None


@contextlib.contextmanager
def opened_backup(path: Path) -> Iterator[Backup]:
    """Reads and checks the whole file before anything is changed; BackupError with a
    clear message when it is missing, not a Journeys backup, or damaged."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    with tempfile.TemporaryDirectory(prefix="journeys-restore-") as work:
        try:
            backup = _unpack(path, Path(work))
        except (tarfile.TarError, EOFError, zlib.error, UnicodeDecodeError) as error:
            raise BackupError(f"{path} is damaged ({error}); nothing was restored.") from error
        yield backup


def _unpack(path: Path, folder: Path) -> Backup:
    try:
        archive = tarfile.open(path, mode="r:gz")  # noqa: SIM115  (closed by the with below)
    except tarfile.ReadError as error:
        raise BackupError(f"{path} is not a Journeys backup (not a .tar.gz file).") from error
    with archive:
        # Only the members a backup has are read, by name, into files named here: a
        # crafted archive cannot write anywhere else.
        members = {member.name: member for member in archive.getmembers() if member.isfile()}
        manifest = _read_manifest(path, archive, members.get(MANIFEST))
        name = manifest["database"]["file"]
        if name not in DATABASE_FILES.values() or name not in members:
            raise BackupError(f"{path} is damaged: its database ({name}) is missing.")
        database_file = folder / name
        with database_file.open("wb") as out:
            shutil.copyfileobj(_member(archive, members[name]), out)
        secret_key = None
        if SECRET_KEY_FILE in members:
            secret_key = _member(archive, members[SECRET_KEY_FILE]).read().decode().strip()
    if _sha256(database_file) != manifest["database"]["sha256"]:
        raise BackupError(f"{path} is damaged: its database does not match its checksum.")
    return Backup(manifest, database_file, secret_key)


def _member(archive: tarfile.TarFile, member: tarfile.TarInfo) -> IO[bytes]:
    extracted = archive.extractfile(member)
    if extracted is None:  # not a regular file: never in a backup we wrote
        raise tarfile.ReadError(f"{member.name} is not a file")
    return extracted


def _read_manifest(
    path: Path, archive: tarfile.TarFile, member: tarfile.TarInfo | None
) -> dict[str, Any]:
    not_ours = BackupError(f"{path} is not a Journeys backup (no Journeys manifest in it).")
    if member is None:
        raise not_ours
    try:
        manifest = json.loads(_member(archive, member).read())
    except (ValueError, UnicodeDecodeError):
        raise not_ours from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise not_ours
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} is a backup of format {manifest.get('format_version')}; this Journeys "
            f"reads format {FORMAT_VERSION}. Restore it with the Journeys version that made it "
            f"({manifest.get('journeys_version')}) or a newer one."
        )
    return manifest


def refusal(manifest: dict[str, Any], engine: str, known_migrations: set[str]) -> str:
    """Why this backup cannot be restored here ("" when it can): another engine, or made
    by a newer Journeys (migrations this code does not have)."""
    theirs = manifest.get("engine", "")
    if theirs != engine:
        return (
            f"This is a backup of a {ENGINE_NAMES.get(theirs, theirs)} database and this "
            f"installation uses {ENGINE_NAMES[engine]}. Restoring from one engine into the "
            f"other is not supported: restore it into an installation that uses "
            f"{ENGINE_NAMES.get(theirs, theirs)}"
            + (" (unset DATABASE_URL)." if theirs == "sqlite" else " (set DATABASE_URL).")
        )
    unknown = sorted(set(manifest.get("migrations", [])) - known_migrations)
    if unknown:
        return (
            f"This backup was made by a newer Journeys ({manifest.get('journeys_version')}): "
            f"its database has migrations this version does not know ({', '.join(unknown[:3])}"
            f"{', ...' if len(unknown) > 3 else ''}). Upgrade Journeys first, then restore."
        )
    return ""


def _known_migrations() -> set[str]:
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    return {f"{app}.{name}" for app, name in MigrationLoader(connection).disk_migrations}


def people_data() -> dict[str, int]:
    """What this database holds that a restore would replace: accounts, workshops and
    measurements (empty when it has none, or no tables yet). Content alone does not
    count: `journeys setup --no-demo` loads it again from the code."""
    from django.apps import apps
    from django.db import connection

    tables = set(connection.introspection.table_names())
    counts = {}
    # By label: core comes before the apps it looks into (docs/architecture.md).
    for label, model in (
        ("accounts", apps.get_model("auth", "User")),
        ("workshops", apps.get_model("workshops", "Workshop")),
        ("measurements", apps.get_model("assessments", "Measurement")),
    ):
        if model._meta.db_table in tables:
            counts[label] = model._default_manager.count()
    return {label: n for label, n in counts.items() if n}


def restore_backup(path: Path, force: bool = False, say: Say = print) -> dict[str, Any]:
    """Restores `path` into this installation's database and var/; returns its manifest."""
    from django.core.management import call_command
    from django.db import connections

    database = current_database()
    with opened_backup(path) as backup:
        manifest = backup.manifest
        say(
            f"{path}: a backup of {ENGINE_NAMES[manifest['engine']]} made "
            f"{manifest['created_at']} by Journeys {manifest['journeys_version']}."
        )
        if reason := refusal(manifest, database.engine, _known_migrations()):
            raise BackupError(reason)
        held = people_data()
        if held and not force:
            raise BackupError(
                "This installation's database is not empty ("
                + ", ".join(f"{label}: {n}" for label, n in held.items())
                + "): restoring would replace it. Restore into an empty installation, or add "
                "--force to replace what is there."
            )
        connections.close_all()
        size = size_text(backup.database_file.stat().st_size)
        if database.engine == "sqlite":
            say(f"Restoring the SQLite database into {database.settings['NAME']} ({size}) ...")
            _restore_sqlite(backup.database_file, Path(database.settings["NAME"]))
        else:
            say(f"Restoring into the PostgreSQL database {database.settings['NAME']!r} ...")
            _pg_restore(database.settings, backup.database_file)
        _restore_secret_key(backup, say)
    _say_about_pairing_key(manifest, say)
    connections.close_all()
    before = set(_applied_migrations())
    call_command("migrate", interactive=False, verbosity=0)
    applied = len(set(_applied_migrations()) - before)
    say(
        f"Migrated forward: {applied} migration{'' if applied == 1 else 's'} applied."
        if applied
        else "The database is at this version's migrations: none to apply."
    )
    say("Restored. Run `journeys setup --no-demo` to collect static files and load the content.")
    return manifest


def _restore_sqlite(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    backup = sqlite3.connect(source)
    live = sqlite3.connect(target, timeout=20)
    try:
        # The backup API writes the copy into the live database page by page, -wal file
        # included, where copying the file over would leave a stale -wal behind.
        backup.backup(live)
        live.execute("PRAGMA journal_mode=WAL")
    finally:
        live.close()
        backup.close()


def _pg_restore(config: dict[str, Any], dump: Path) -> None:
    pg_restore = _pg_tool("pg_restore")
    # One transaction: a dump that fails half-way leaves the database as it was.
    _run_pg(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            f"--dbname={config['NAME']}",
            str(dump),
        ],
        config,
        "pg_restore",
    )


def _restore_secret_key(backup: Backup, say: Say) -> None:
    wanted = backup.manifest["secret_key_fingerprint"]
    if backup.secret_key is not None and not os.environ.get("SECRET_KEY"):
        target = Path(settings.VAR_DIR) / "secret_key"
        draft = target.with_name(f".secret_key.{os.getpid()}")
        with _private_file(draft) as file:
            file.write(backup.secret_key.encode())
        os.replace(draft, target)
        settings.SECRET_KEY = backup.secret_key
        say(f"Secret key restored to {target} (mode 0600).")
    elif fingerprint(settings.SECRET_KEY) != wanted:
        say(
            "Warning: SECRET_KEY here is not the one of the backed-up installation: "
            "questionnaire answers given from now on will not pair with earlier ones. "
            "Set the original SECRET_KEY."
        )


def _say_about_pairing_key(manifest: dict[str, Any], say: Say) -> None:
    path = Path(settings.PAIRING_KEY_FILE)
    if not manifest["pairing_key_fingerprint"]:
        return  # no questionnaire had been filled in: any key will do
    if not path.exists():
        say(
            f"Warning: there is no pairing key file at {path} yet. Copy the original one "
            "there before anyone fills in a questionnaire, or answers given from now on will "
            "not pair with earlier ones."
        )
    elif fingerprint(path.read_text().strip()) != manifest["pairing_key_fingerprint"]:
        say(
            f"Warning: the pairing key file {path} is not the one of the backed-up "
            "installation: answers given from now on will not pair with earlier ones. Copy "
            "the original file there."
        )
    else:
        say(f"The pairing key file {path} is the original one.")
