"""The `journeys` command: serve the platform, set it up, check and load content.

Every command and option here is documented in docs/cli.md (a test checks that).
"""

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeys.mi.annomi import Data


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "journeys.settings")
    import django

    django.setup()


def _content_dir(value: str | None) -> Path:
    from django.conf import settings

    return Path(value) if value else Path(settings.CONTENT_DIR)


def describe_counts(counts: dict[str, int]) -> str:
    """{"sources": 1, "training": 8, "routes": 0} -> "sources: 1 file, training: 8 files"."""
    return ", ".join(f"{kind}: {n} file{'' if n == 1 else 's'}" for kind, n in counts.items() if n)


def cmd_serve(args: argparse.Namespace) -> int:
    import threading

    import uvicorn

    _django()
    from django.conf import settings

    from journeys.core.maintenance import run_every_hour

    if settings.METRICS_TOKEN:  # counts start at zero with each start (journeys/core/metrics.py)
        shutil.rmtree(settings.METRICS_DIR, ignore_errors=True)

    threading.Thread(target=run_every_hour, args=(threading.Event(),), daemon=True).start()
    print(f"Journeys is serving on http://{args.host}:{args.port}/ (Ctrl+C stops it)")
    uvicorn.run(
        "journeys.asgi:application",
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="warning",
        # No access log: request lines could identify participants.
        access_log=False,
        # Forwarded headers are read by Django, and only from JOURNEYS_TRUSTED_PROXIES
        # (journeys/core/clients.py); uvicorn would otherwise trust them from loopback.
        proxy_headers=False,
        # Live event streams never end by themselves: on shutdown, close them after
        # 3 s instead of waiting for every phone to hang up. Pages reconnect on their own.
        timeout_graceful_shutdown=3,
    )
    return 0


def cmd_setup(args: argparse.Namespace) -> int:
    _django()
    from django.core.management import call_command

    from journeys.accounts.actions import DEMO_TRAINER, create_demo_data
    from journeys.core.content.load import load_content
    from journeys.core.content.problems import ContentInvalid

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    try:
        counts = load_content(_content_dir(args.content_dir))
    except ContentInvalid as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("Content has errors; nothing was loaded.", file=sys.stderr)
        return 1
    print(f"Content loaded: {describe_counts(counts)}")
    if not args.no_demo:
        password = create_demo_data()
        if password:
            print(
                f"Demo trainer created. Log in at /accounts/login/ as {DEMO_TRAINER!r} "
                f"with password {password!r} (shown only now)."
            )
        else:
            print(f"Demo trainer {DEMO_TRAINER!r} already exists.")
    if args.demo:
        from journeys.workshops.demo import add_sample_workshop

        sample = add_sample_workshop()
        if sample is None:
            print("No sample workshop: it needs the demo organisation (leave out --no-demo).")
        else:
            print(
                f"Sample workshop with synthetic responses added: {sample.title!r}; its report "
                f"is at /assessments/{sample.measurement_id}/report/ for the demo trainer."
            )
    return 0


def cmd_content_check(args: argparse.Namespace) -> int:
    _django()
    from journeys.core.content.check import check_content

    checked = check_content(_content_dir(args.dir))
    for problem in checked.problems:
        print(problem)
    errors, warnings = len(checked.errors), len(checked.warnings)
    print(
        f"{checked.file_count} files checked: {errors} errors, {warnings} warnings", file=sys.stderr
    )
    return 1 if checked.errors else 0


def cmd_content_load(args: argparse.Namespace) -> int:
    _django()
    from journeys.core.content.load import load_content
    from journeys.core.content.problems import ContentInvalid

    try:
        counts = load_content(_content_dir(args.dir))
    except ContentInvalid as error:
        for problem in error.problems:
            print(problem)
        print("Content has errors; nothing was loaded.", file=sys.stderr)
        return 1
    print(f"Loaded: {describe_counts(counts)}")
    return 0


def _ensure_content() -> bool:
    """Load the content first when this database has none yet (a fresh clone)."""
    from django.core.management import call_command

    from journeys.core.content.load import load_content
    from journeys.core.content.problems import ContentInvalid
    from journeys.core.models import current_content_version

    call_command("migrate", interactive=False, verbosity=0)
    if current_content_version():
        return True
    print("No content loaded yet: loading content/ first.", file=sys.stderr)
    try:
        load_content(_content_dir(None))
    except ContentInvalid as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("Content has errors; nothing was loaded.", file=sys.stderr)
        return False
    return True


def cmd_cards_list(args: argparse.Namespace) -> int:
    _django()
    if not _ensure_content():
        return 1
    from journeys.cards.decks import all_refs
    from journeys.cards.models import Deck
    from journeys.core.text import localized

    print("Decks:")
    for deck in Deck.objects.all():
        print(f"  {deck.slug:<18} {localized(deck.title, 'en').text} ({len(deck.cards)} entries)")
    print("Cards:")
    for refs in all_refs().values():
        for ref in refs:
            print(f"  {ref}")
    return 0


def cmd_cards_build(args: argparse.Namespace) -> int:
    _django()
    if not _ensure_content():
        return 1
    from django.conf import settings
    from django.utils import translation

    from journeys.cards import decks
    from journeys.cards.fitting import SIZES
    from journeys.cards.pdf import PrintOptions, build_pdf
    from journeys.core.built_files import write_atomically
    from journeys.core.text import localized

    language, notice = decks.supported_language(args.lang)
    if notice:
        print(notice, file=sys.stderr)
    site_url = (args.site_url or settings.SITE_URL).rstrip("/")
    try:
        with translation.override(language):
            if args.deck:
                deck = decks.get_deck(args.deck)
                refs, title = decks.expand(deck.cards), localized(deck.title, language).text
            else:
                names = [name.strip() for name in args.cards.split(",") if name.strip()]
                refs, title = decks.custom_refs(names), "Journeys"
            options = PrintOptions(SIZES[args.size], args.layout, site_url, args.org_line)
            built = build_pdf(decks.cards_for(refs, language), options, title)
    except decks.CardError as error:
        print(error, file=sys.stderr)
        return 1
    for line in built.notices:
        print(line, file=sys.stderr)
    write_atomically(Path(args.output), built.pdf)
    layout = "A4 sheets, double-sided" if args.layout == "sheets" else "one card per page"
    print(
        f"Wrote {args.output}: {built.cards} card{'' if built.cards == 1 else 's'} "
        f"on {built.pages} pages "
        f"({layout}, {SIZES[args.size].label}, language {language})."
    )
    if site_url == "http://127.0.0.1:8000":
        print(
            "QR codes point to http://127.0.0.1:8000; set JOURNEYS_SITE_URL or --site-url "
            "to your public address before printing.",
            file=sys.stderr,
        )
    return 0


def cmd_export_scorm(args: argparse.Namespace) -> int:
    _django()
    if not _ensure_content():
        return 1
    from django.conf import settings

    from journeys.core.built_files import write_atomically
    from journeys.trainings import scorm
    from journeys.trainings.models import Training

    training = Training.objects.filter(slug=args.training).first()
    if training is None:
        known = ", ".join(Training.objects.values_list("slug", flat=True))
        print(f"Unknown training {args.training!r}; known: {known}", file=sys.stderr)
        return 1
    try:
        package = scorm.build_package(training, args.lang, args.site_url or settings.SITE_URL)
    except scorm.UnknownLanguage as error:
        print(error, file=sys.stderr)
        return 1
    output = Path(args.output)
    if not output.resolve().parent.is_dir():
        print(f"No folder {str(output.parent)!r} to write {output.name} in.", file=sys.stderr)
        return 1
    write_atomically(output, package)
    print(f"Wrote {args.output}: SCORM 1.2 package of {training.slug} in {args.lang}.")
    return 0


def _read_annomi(path: str) -> "Data | None":
    from journeys.mi.annomi import DataError, read_annomi

    try:
        return read_annomi(Path(path))
    except DataError as error:
        print(error, file=sys.stderr)
        return None


def cmd_mi_train(args: argparse.Namespace) -> int:
    from journeys.mi.evaluation import report_lines
    from journeys.mi.model import WORDS_FILE
    from journeys.mi.network import NETWORK_FILE
    from journeys.mi.network_training import TrainingExtraMissing, require_training_extra
    from journeys.mi.training import cross_validate, train_and_save

    try:
        require_training_extra()
    except TrainingExtraMissing as error:
        print(error, file=sys.stderr)
        return 1
    data = _read_annomi(args.data)
    if data is None:
        return 1
    print(f"Read {len(data.therapist)} therapist and {len(data.client)} client utterances.")

    def progress(line: str) -> None:
        print(f"  {line}", flush=True)

    output = Path(args.output) if args.output else WORDS_FILE.parent
    if args.folds > 1:
        print(f"Cross-validating, {args.folds} folds grouped by video_group ...", flush=True)
        result = cross_validate(data, args.folds, progress)
        for title, found in (
            ("word model", result.words),
            ("network", result.network),
            ("the coder (both together)", result.joined),
        ):
            print(f"# {title}")
            for line in report_lines(found):
                print(line)
    print("Training on all of it ...", flush=True)
    output.mkdir(parents=True, exist_ok=True)
    words_file, network_file = output / WORDS_FILE.name, output / NETWORK_FILE.name
    train_and_save(data, Path(args.data).name, words_file, network_file, progress)
    print(f"Wrote {words_file} and {network_file}.")
    return 0


def cmd_mi_evaluate(args: argparse.Namespace) -> int:
    from journeys.mi.evaluation import latency_lines, report_lines, shipped_predictions
    from journeys.mi.model import ModelMissing, shipped_words

    data = _read_annomi(args.data)
    if data is None:
        return 1
    try:
        words = shipped_words()
    except ModelMissing as error:
        print(error, file=sys.stderr)
        return 1
    print(
        f"Evaluating the shipped coder on {args.data} (trained on {words.meta.get('trained_on')})."
    )
    for line in report_lines(shipped_predictions(words, data)):
        print(line)
    for line in latency_lines(data, args.latency_samples):
        print(line)
    return 0


def cmd_maintenance(args: argparse.Namespace) -> int:
    _django()
    from journeys.accounts.lrs import STEP
    from journeys.core.maintenance import run_steps

    outcome = run_steps(only=STEP if args.xapi else None)
    print(outcome.summary())
    return 1 if outcome.failed else 0


def cmd_worker(args: argparse.Namespace) -> int:
    """django-tasks' database worker: builds the PDFs that pages queue (JOURNEYS_TASKS)."""
    _django()
    from django.core.management import call_command

    options = {"batch": True} if args.once else {"interval": args.interval}
    call_command("db_worker", reload=False, no_startup_delay=True, **options)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    _django()
    from journeys.core.backups import BackupError, write_backup

    try:
        write_backup(Path(args.output))
    except BackupError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    _django()
    from journeys.core.backups import BackupError, restore_backup

    try:
        restore_backup(Path(args.file), force=args.force)
    except BackupError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "journeys.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["journeys manage", *args.arguments])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journeys",
        description="Journeys: an open-source platform for harm-reduction training.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="serve the platform with uvicorn (ASGI)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    serve.add_argument("--workers", type=int, default=1, help="number of worker processes")
    serve.set_defaults(handler=cmd_serve)

    setup = commands.add_parser(
        "setup", help="migrate, load the content and create demo data (safe to repeat)"
    )
    setup.add_argument("--content-dir", default=None, help="content directory (default: ./content)")
    setup.add_argument("--no-demo", action="store_true", help="skip the demo organisation")
    setup.add_argument(
        "--demo",
        action="store_true",
        help="also add a sample workshop with synthetic pre/post responses and its report",
    )
    setup.set_defaults(handler=cmd_setup)

    content = commands.add_parser("content", help="check or load the curriculum in content/")
    content_commands = content.add_subparsers(dest="content_command", required=True)
    check = content_commands.add_parser(
        "check", help="validate content without touching the database (exit 1 on errors)"
    )
    check.add_argument("dir", nargs="?", help="content directory (default: ./content)")
    check.set_defaults(handler=cmd_content_check)
    load = content_commands.add_parser(
        "load", help="validate, then load all content in one transaction"
    )
    load.add_argument("dir", nargs="?", help="content directory (default: ./content)")
    load.set_defaults(handler=cmd_content_load)

    cards = commands.add_parser("cards", help="print harm-reduction card decks as PDF")
    card_commands = cards.add_subparsers(dest="cards_command", required=True)
    card_list = card_commands.add_parser("list", help="list the decks and every card")
    card_list.set_defaults(handler=cmd_cards_list)
    build = card_commands.add_parser("build", help="build a deck as a print-ready PDF")
    which = build.add_mutually_exclusive_group(required=True)
    which.add_argument("--deck", help="a deck from content/cards/decks.yaml, e.g. nightlife")
    which.add_argument(
        "--cards", help="your own deck: card names, comma-separated (substance/mdma,topic/*)"
    )
    build.add_argument("--lang", default="en", help="en or nl; others fall back to English")
    build.add_argument(
        "--size", choices=["a7", "85x55"], default="a7", help="card size (default: a7)"
    )
    build.add_argument(
        "--layout",
        choices=["sheets", "single"],
        default="sheets",
        help="sheets: A4, fronts and backs for double-sided printing, crop marks; "
        "single: one card face per page at card size",
    )
    build.add_argument(
        "--org-line", default="", help="printed on every back, e.g. your name and phone"
    )
    build.add_argument(
        "--site-url", help="address the QR codes point to (default: JOURNEYS_SITE_URL)"
    )
    build.add_argument("-o", "--output", required=True, help="the PDF file to write")
    build.set_defaults(handler=cmd_cards_build)

    export = commands.add_parser("export", help="export a training for other systems")
    export_commands = export.add_subparsers(dest="export_command", required=True)
    export_scorm = export_commands.add_parser(
        "scorm", help="a training as a SCORM 1.2 package for a learning management system"
    )
    export_scorm.add_argument("--training", required=True, help="the training's slug")
    export_scorm.add_argument("--lang", default="en", help="en or nl (default: en)")
    export_scorm.add_argument(
        "--site-url", help="address the package links to (default: JOURNEYS_SITE_URL)"
    )
    export_scorm.add_argument("-o", "--output", required=True, help="the zip file to write")
    export_scorm.set_defaults(handler=cmd_export_scorm)

    mi = commands.add_parser("mi", help="train or evaluate the motivational-interviewing coder")
    mi_commands = mi.add_subparsers(dest="mi_command", required=True)
    train = mi_commands.add_parser(
        "train", help="rebuild the shipped coder model from AnnoMI-style data"
    )
    train.add_argument("--data", required=True, help="CSV with the columns of AnnoMI's train.csv")
    train.add_argument(
        "--folds",
        type=int,
        default=5,
        help="first report cross-validation grouped by video_group (default 5; 0 or 1: skip)",
    )
    train.add_argument(
        "-o", "--output", help="folder to write the two model files to (default: the shipped ones)"
    )
    train.set_defaults(handler=cmd_mi_train)
    evaluate = mi_commands.add_parser(
        "evaluate", help="score the shipped coder on labelled data and time it"
    )
    evaluate.add_argument(
        "--data", required=True, help="CSV with the columns of AnnoMI's train.csv"
    )
    evaluate.add_argument(
        "--latency-samples", type=int, default=300, help="replies to time (default 300)"
    )
    evaluate.set_defaults(handler=cmd_mi_evaluate)

    maintenance = commands.add_parser(
        "maintenance",
        help="delete expired sessions, forget old nicknames and pairing keys, remove unused "
        "PDFs (journeys serve does it every hour)",
    )
    maintenance.add_argument(
        "--xapi",
        action="store_true",
        help="only send the xAPI statements waiting for learning record stores",
    )
    maintenance.set_defaults(handler=cmd_maintenance)

    worker = commands.add_parser(
        "worker", help="build queued PDFs off the request path (with JOURNEYS_TASKS=database)"
    )
    worker.add_argument("--once", action="store_true", help="build what is queued now, then exit")
    worker.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help="seconds between looks at an empty queue (default 1)",
    )
    worker.set_defaults(handler=cmd_worker)

    backup = commands.add_parser(
        "backup", help="write the database and the secret key to one file (mode 0600)"
    )
    backup.add_argument("-o", "--output", required=True, help="the backup file to write")
    backup.set_defaults(handler=cmd_backup)
    restore = commands.add_parser(
        "restore", help="restore a backup into an empty installation, then migrate"
    )
    restore.add_argument("file", help="a file written by `journeys backup`")
    restore.add_argument(
        "--force", action="store_true", help="replace a database that already holds data"
    )
    restore.set_defaults(handler=cmd_restore)

    manage = commands.add_parser(
        "manage",
        help="run a Django management command (migrate, createsuperuser, check --deploy, ...)",
        add_help=False,
    )
    manage.add_argument("arguments", nargs=argparse.REMAINDER, help="the command and its options")
    manage.set_defaults(handler=cmd_manage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = args.handler
    return int(handler(args))


if __name__ == "__main__":
    sys.exit(main())
