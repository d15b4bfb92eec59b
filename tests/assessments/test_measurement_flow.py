"""A live workshop with the questionnaires before and after, through the HTTP client: the
report's figures equal SciPy's on the same data."""

import html
import random
import re

import pytest
from django.test import Client
from scipy import stats as scipy_stats

from journeys.assessments.models import Instrument, Response
from journeys.workshops.models import Workshop
from tests.assessments.helpers import fill_in, person_code

pytestmark = pytest.mark.usefixtures("curriculum")
TRAINING = "health-risks"


def start_workshop(trainer_client: Client, organisation) -> Workshop:
    from journeys.trainings.models import Training

    training = Training.objects.get(slug=TRAINING)
    trainer_client.post(
        "/workshops/",
        {
            "title": "Night shift",
            "organisation": organisation.slug,
            "training": training.pk,
            "cap": 50,
        },
    )
    return Workshop.objects.get(title="Night shift")


def join(code: str, nickname: str) -> Client:
    phone = Client()
    assert phone.post("/join/", {"code": code, "nickname": nickname}).status_code == 302
    return phone


def knowledge_percent(training: str, form: str, posted: dict[str, str]) -> float:
    items = Instrument.objects.get(training__slug=training).definition["knowledge"][f"form_{form}"]
    right = sum(
        posted.get(i["id"]) == str(next(n for n, o in enumerate(i["options"]) if o.get("correct")))
        for i in items
    )
    return 100 * right / len(items)


def figures(page: str, outcome: str) -> dict[str, str]:
    """The figures a report's row shows, as printed: {"t": "= 3.201", "p": "< 0.0001", ...}."""
    row = re.search(rf'<tr data-outcome="{re.escape(outcome)}">(.*?)</tr>', page, re.S)
    assert row, f"no row for {outcome}"
    return dict(
        re.findall(r'data-figure="(\w+)">[^=<]*([=<] [-\d.]+)', html.unescape(row.group(1)))
    )


def printed_p(p: float) -> str:
    return "< 0.0001" if p < 0.0001 else f"= {p:.4f}"


def test_a_workshop_with_questionnaires_before_and_after(trainer_client, organisation):
    workshop = start_workshop(trainer_client, organisation)
    control = trainer_client.get(f"/workshops/{workshop.pk}/control/").content.decode()
    assert "Add the questionnaire before" in control
    for phase in ("pre", "post"):
        response = trainer_client.post(
            f"/workshops/{workshop.pk}/activities/questionnaire/{phase}/"
        )
        assert response.status_code == 302
    pre, post = workshop.activities.order_by("position")
    token = pre.config["measurement"]
    rng = random.Random(4)
    phones = [join(workshop.code, f"P{n}") for n in range(12)]

    trainer_client.post(f"/workshops/{workshop.pk}/activities/{pre.pk}/open/")
    page = phones[0].get(f"/w/{workshop.code}/").content.decode()
    link = f"/m/{token}/pre/?back=/w/{workshop.code}/"
    assert link in page
    before: dict[int, float] = {}
    forms: dict[int, str] = {}
    for n, phone in enumerate(phones):
        phone.get(link)
        posted, forms[n], final = fill_in(phone, f"/m/{token}/pre/", person_code(n), rng, 0.35)
        assert final.status_code == 302
        before[n] = knowledge_percent(TRAINING, forms[n], posted)
    done = phones[0].get(f"/m/{token}/pre/done/").content.decode()
    assert f'href="/w/{workshop.code}/"' in done  # back to the workshop
    present = trainer_client.get(f"/workshops/{workshop.pk}/present/").content.decode()
    assert 'data-count="12"' in present

    trainer_client.post(f"/workshops/{workshop.pk}/activities/{post.pk}/open/")
    after: dict[int, float] = {}
    for n, phone in enumerate(phones):
        posted, form, final = fill_in(phone, f"/m/{token}/post/", person_code(n), rng, 0.8)
        assert final.status_code == 302
        assert form != forms[n]  # the other form: nobody sees the same questions twice
        after[n] = knowledge_percent(TRAINING, form, posted)
    assert Response.objects.filter(measurement__token=token).count() == 24

    measurement_id = Workshop.objects.get(pk=workshop.pk).measurement_id
    page = trainer_client.get(f"/assessments/{measurement_id}/report/").content.decode()
    x = [before[n] for n in range(12)]
    y = [after[n] for n in range(12)]
    t = scipy_stats.ttest_rel(y, x)
    w = scipy_stats.wilcoxon(x, y)
    shown = figures(page, "knowledge")
    assert shown["t"] == f"= {t.statistic:.3f}"
    assert shown["p"] == printed_p(t.pvalue)
    assert shown["dz"] == f"= {t.statistic / 12**0.5:.3f}"
    assert shown["w"] == f"= {w.statistic:.1f}"
    assert shown["wp"] == printed_p(w.pvalue)
    assert "12 people answered both before and after" in page
    assert "rose from" in page and "n = 12 pairs" in page


def test_the_report_pdf_and_csv(trainer_client, organisation):
    workshop = start_workshop(trainer_client, organisation)
    trainer_client.post(f"/workshops/{workshop.pk}/activities/questionnaire/pre/")
    trainer_client.post(f"/workshops/{workshop.pk}/activities/questionnaire/post/")
    workshop.refresh_from_db()
    assert workshop.measurement is not None
    token = workshop.measurement.token
    rng = random.Random(2)
    for n in range(6):
        phone = Client()
        fill_in(phone, f"/m/{token}/pre/", person_code(n), rng, 0.4)
        fill_in(phone, f"/m/{token}/post/", person_code(n), rng, 0.8)
    pdf = trainer_client.get(f"/assessments/{workshop.measurement_id}/report.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "What the training changed" in text and "dz" in text
    exported = trainer_client.get(f"/assessments/{workshop.measurement_id}/responses.csv")
    rows = exported.content.decode().splitlines()
    assert rows[0].startswith("measurement,date,phase,form,person,")
    assert len(rows) == 13
    assert token not in exported.content.decode()
    assert "More listening." not in exported.content.decode()  # free text can name people
