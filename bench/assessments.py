"""Benchmark the pre/post report for a training pooled over many groups.

    python bench/assessments.py [--runs 5] [--groups 20] [--people 25]

Synthetic responses (journeys/assessments/demo.py's generator) for `groups` workshops of
`people` each on the harm-reduction instruments, in a fresh SQLite database. Medians of
`runs` runs:
1. the report's figures (report.build_report, every outcome, test and CI), plain data;
2. the same plus its four SVG plots, as the page draws them;
3. the PDF of that report as the task worker builds it (figures, plots, WeasyPrint);
4. one pairing-key derivation (journeys/assessments/pairing.py), and what trying every
   self-generated code against one measurement would cost with it.
Prints a table (figure, value, target) and exits non-zero when it cannot run.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _harness import print_table


def measure(runs: int, groups: int, people: int) -> list[tuple[str, str, str]]:
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.utils import translation

    from journeys.accounts.actions import create_organisation
    from journeys.assessments import demo, measurements
    from journeys.assessments.models import Instrument, Response
    from journeys.assessments.pdf import ReportOf, _build, report_context
    from journeys.core.content.load import load_content

    call_command("migrate", verbosity=0)
    load_content(Path(__file__).resolve().parents[1] / "content")
    instrument = Instrument.objects.select_related("training").get(training__slug="harm-reduction")
    organisation = create_organisation("Bench", "bench")
    cohorts = []
    for group in range(groups):
        measurement = measurements.for_workshop(
            organisation, instrument.training, f"Group {group + 1}", None
        )
        demo.add_responses(measurement, instrument.definition, seed=group, people=people)
        cohorts.append(measurement)
    responses = Response.objects.count()

    def timed(work) -> float:  # type: ignore[no-untyped-def]
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    translation.activate("en")
    trainer = AnonymousUser()  # sees every workshop group; self-paced answers are not in it
    built = measurements.build(trainer, "Bench", instrument.training, cohorts, "en")
    assert built is not None
    figures = timed(
        lambda: measurements.build(trainer, "Bench", instrument.training, cohorts, "en")
    )
    with_plots = timed(lambda: report_context(built, "Bench"))
    of = ReportOf("Bench", instrument.training, cohorts)
    pdf_seconds = timed(lambda: _build(trainer, of, "en"))  # figures, plots and WeasyPrint
    return [
        ("responses in the pooled report", str(responses), ""),
        ("pairs", str(built.counts["pairs"]), ""),
        ("report figures (database + statistics), median s", f"{figures:.2f}", "<= 2 s"),
        ("the four SVG plots, median s", f"{with_plots:.2f}", "<= 2 s"),
        ("PDF of the report, median s", f"{pdf_seconds:.2f}", "<= 10 s"),
    ]


def pairing_cost(runs: int) -> list[tuple[str, str, str]]:
    from journeys.assessments.pairing import CODE_SPACE, pairing_for

    pairing_for("warm-up", "AA-1-A-0")  # reads the pairing key file once
    times = []
    for n in range(max(runs, 9)):
        start = time.perf_counter()
        pairing_for("bench", f"MA-{n + 1}-K-2")
        times.append(time.perf_counter() - start)
    one = statistics.median(times)
    cores = os.cpu_count() or 1
    core_days = one * CODE_SPACE / 86400
    return [
        ("pairing-key derivation (one per questionnaire), median s", f"{one:.3f}", "<= 0.3 s"),
        (f"full search of the {CODE_SPACE:,} codes, days on one core", f"{core_days:.1f}", ""),
        (
            f"the same on all {cores} cores of this machine, days",
            f"{core_days / cores:.1f}",
            ">= 1 day per measurement",
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--groups", type=int, default=20)
    parser.add_argument("--people", type=int, default=25)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "journeys.settings")
    with tempfile.TemporaryDirectory() as var:
        os.environ["JOURNEYS_VAR_DIR"] = var
        os.environ["JOURNEYS_PAIRING_KEY_FILE"] = str(Path(var) / "pairing_key")
        os.environ.pop("DATABASE_URL", None)
        rows = measure(args.runs, args.groups, args.people) + pairing_cost(args.runs)
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
