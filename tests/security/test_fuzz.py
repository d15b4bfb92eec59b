"""Every URL of the platform, generated from the URL list, gets awkward input in its path,
its query and its form fields: the answer is never a server error, and a refused request
(4xx) leaves the data as it was.

Form fields are not listed by hand: the test reads every field name from the platform's
own pages, so a new form is fuzzed without anyone remembering to add it. The examples
are derandomised, so CI runs the same requests every time; JOURNEYS_FUZZ_EXAMPLES=200
runs a longer search locally."""

import html
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.http import HttpResponseBase
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, URLPattern, resolve, reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from journeys.trainings.models import Lesson
from tests.security import fuzz
from tests.security.world import ROLES, World, path_for, url_names

EXAMPLES = int(os.environ.get("JOURNEYS_FUZZ_EXAMPLES", "8"))

# The live event streams are answered by journeys/workshops/streams.py before Django
# (tests/workshops/test_live_servers.py walks them on a real server); through Django they
# say 501 on purpose. The admin is Django's own, behind its staff login.
NOT_FUZZED = {"workshops:room-events", "workshops:participant-events"}
PATTERNS: dict[str, URLPattern] = {
    name: pattern
    for name, pattern in url_names()
    if not name.startswith("admin:") and name not in NOT_FUZZED
}
CONVERTERS = {"int": fuzz.ints, "slug": fuzz.slugs, "str": fuzz.strs, "path": fuzz.strs}

# What may change on a refused request: who is logged in, failed-login records, and
# rate-limit counters (a refusal counts against the allowance, by design).
CHANGES_ALLOWED = {
    "sessions",
    "contenttypes",
    "auth.permission",
    "admin",
    "axes",
    "core.ratecounter",
}
# Content: written only by `journeys content load`, and large.
CONTENT = {
    "core.source",
    "core.contentload",
    "trainings.training",
    "trainings.objective",
    "trainings.lesson",
    "trainings.exercise",
    "knowledge",
    "cards",
    "mi.persona",
    "mi.listeningitem",
    "assessments.instrument",
    "assessments.scale",
}


def _watched() -> list[type[Model]]:
    skip = CHANGES_ALLOWED | CONTENT
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in skip and model._meta.label_lower not in skip
    ]


Fingerprint = list[tuple[str, list[tuple[object, ...]]]]


def fingerprint() -> Fingerprint:
    """Every row of every table a request may change, for before/after comparison
    (the test's own logins set last_login, so that column does not count)."""
    found = []
    for model in _watched():
        columns = [f.attname for f in model._meta.concrete_fields if f.name != "last_login"]
        found.append(
            (model._meta.label, list(model._default_manager.order_by("pk").values_list(*columns)))
        )
    return found


@pytest.fixture(scope="module")
def as_built(world: World, django_db_blocker) -> Fingerprint:
    """The world's data before any request: every request is rolled back to it."""
    with django_db_blocker.unblock():
        return fingerprint()


FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
ACTION = re.compile(r'\b(?:action|hx-post)="([^"]*)"')
METHOD = re.compile(r'\bmethod="([^"]*)"', re.I)
FIELD = re.compile(r"<(?:input|select|textarea|button)\b([^>]*)>", re.S)
NAME = re.compile(r'\bname="([^"]+)"')
VALUE = re.compile(r'\bvalue="([^"]*)"')

Fields = list[tuple[str, str]]


@dataclass(frozen=True)
class Form:
    """A form as a page offers it: who saw it, where it posts, its fields' values."""

    role: str
    method: str
    path: str
    fields: tuple[tuple[str, str], ...]

    @property
    def shape(self) -> tuple[str, str, tuple[str, ...]]:
        """Forms of one shape take the same path through a view: fuzzing one is enough
        (ten exercises of one type, the same form seen by five roles)."""
        return self.method, resolve(self.path).view_name, tuple(sorted({k for k, _ in self.fields}))


def _forms(page: str, page_path: str) -> Iterator[tuple[str, str, Fields]]:
    for attributes, inner in FORM.findall(page):
        method = METHOD.search(attributes)
        is_post = (method and method.group(1).upper() == "POST") or "hx-post" in attributes
        action = ACTION.search(attributes)
        target = html.unescape(action.group(1)) if action and action.group(1) else page_path
        fields = []
        for field in FIELD.findall(inner):
            name = NAME.search(field)
            if name and name.group(1) != "csrfmiddlewaretoken":
                value = VALUE.search(field)
                fields.append(
                    (html.unescape(name.group(1)), html.unescape(value.group(1) if value else ""))
                )
        yield "POST" if is_post else "GET", target.split("#")[0].split("?")[0], fields


def _pages(world: World) -> list[str]:
    """Every URL once, plus every lesson of the world's training (exercises live there)."""
    lessons = Lesson.objects.filter(training__slug=world.kwargs["slug"])
    return [path_for(world, name, pattern) for name, pattern in PATTERNS.items()] + [
        reverse("trainings:lesson", args=[world.kwargs["slug"], lesson.slug]) for lesson in lessons
    ]


@pytest.fixture(scope="module")
def forms(world: World, django_db_blocker) -> Iterator[dict[str, list[Form]]]:
    """For each URL name, the forms on the platform's own pages that post to it, read
    from every page each role can open: a new form is fuzzed without being listed."""
    found: dict[str, list[Form]] = {name: [] for name in PATTERNS}
    shapes = set()
    with django_db_blocker.unblock():
        pages = _pages(world)
        for role in FORM_ROLES:
            client = world.client(role)
            for page in pages:
                response = client.get(page)
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                for method, target, fields in _forms(response.content.decode(), page):
                    try:
                        name = resolve(target).view_name
                    except Resolver404:
                        continue
                    form = Form(role, method, target, tuple(fields))
                    if name in found and form.shape not in shapes:
                        shapes.add(form.shape)
                        found[name].append(form)
    yield found


# Who fills in a form found on several roles' pages: the one whose request goes deepest.
FORM_ROLES = (
    "admin",
    "trainer",
    "learner",
    "participant",
    "other_admin",
    "other_trainer",
    "anonymous",
)


def _send(world: World, form: Form, fields: Fields, before: Fingerprint) -> None:
    """Send `fields` as `form`'s role, by its method; fail on a server error or on a
    refusal that changed data."""
    with transaction.atomic():
        cache.clear()  # each request starts with a full rate-limit allowance
        client = world.client(form.role)
        body = fuzz.form_body(fields)
        if form.method == "GET":
            response = client.generic("GET", f"{form.path}?{body}")
        else:
            response = client.generic(
                "POST", form.path, data=body, content_type="application/x-www-form-urlencoded"
            )
        request = f"{form.method} {form.path} as {form.role} with {fields!r:.300}"
        _check(response, request, before)
        transaction.set_rollback(True)


def _check(response: HttpResponseBase, request: str, before: Fingerprint) -> None:
    status = response.status_code
    busy = status == 503 and response.has_header("Retry-After")  # a PDF builder at capacity
    assert status < 500 or busy, f"{request} -> {status}"
    if status >= 400:
        assert fingerprint() == before, f"{request} -> {status}, and data changed"


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_each_form_field_with_each_awkward_value(
    in_world: World, forms: dict[str, list[Form]], as_built: Fingerprint, name: str
) -> None:
    """Systematic: every field of every form that posts here, one at a time, gets each
    value that has broken a view before, the other fields keeping their page's values."""
    for form in forms[name]:
        for key in dict(form.fields):  # a list of checkboxes of one name: its first
            position = next(i for i, (k, _v) in enumerate(form.fields) if k == key)
            for awkward in fuzz.ONE_AT_A_TIME:
                fields = list(form.fields)
                fields[position] = (key, awkward)
                _send(in_world, form, fields, as_built)
        _send(in_world, form, [], as_built)  # nothing at all
        _send(in_world, form, list(form.fields) * 2, as_built)  # every field twice


def _fuzzed_path(data: st.DataObject, world: World, name: str, pattern: URLPattern) -> str:
    """The real path, with some of its arguments replaced by generated ones."""
    real = path_for(world, name, pattern)
    converters = {
        key: type(converter).__name__.removesuffix("Converter").lower()
        for key, converter in pattern.pattern.converters.items()
    }
    if not converters or not data.draw(st.booleans(), label="fuzz the path"):
        return real
    kwargs = {**world.kwargs, **world.kwargs_by_name.get(name, {})}
    kwargs = {key: kwargs[key] for key in converters}
    for key, kind in converters.items():
        if data.draw(st.booleans(), label=f"fuzz {key}"):
            kwargs[key] = data.draw(CONVERTERS.get(kind, fuzz.strs), label=key)
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:  # a generated value the converter refuses: no such URL
        return real


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_random_input_anywhere(
    in_world: World, forms: dict[str, list[Form]], as_built: Fingerprint, name: str
) -> None:
    """Generated: path arguments, query and form, as any role, by GET or POST."""
    pattern = PATTERNS[name]
    known = [list(form.fields) for form in forms[name]] or [[]]
    names = sorted({key for fields in known for key, _ in fields}) or ["q"]
    extra = st.lists(
        st.tuples(st.one_of(st.sampled_from(names), fuzz.texts), fuzz.texts), max_size=3
    )

    def filled(data: st.DataObject) -> Fields:
        """One of the URL's own forms, some fields replaced, some added or repeated."""
        fields = data.draw(st.sampled_from(known), label="form")
        changed = [
            (key, data.draw(fuzz.texts, label=key) if data.draw(st.booleans()) else value)
            for key, value in fields
        ]
        return changed + data.draw(extra, label="extra")

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: CI's time is bounded
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def request_once(data: st.DataObject) -> None:
        role = data.draw(st.sampled_from(ROLES), label="role")
        method = data.draw(st.sampled_from(["GET", "POST"]), label="method")
        path = _fuzzed_path(data, in_world, name, pattern)
        query = fuzz.form_body(filled(data) if method == "GET" else data.draw(extra))
        body = fuzz.form_body(filled(data)) if method == "POST" else ""
        with transaction.atomic():
            cache.clear()
            client: Client = in_world.client(role)
            response = client.generic(
                method,
                f"{path}?{query}",
                data=body,
                content_type="application/x-www-form-urlencoded",
            )
            _check(response, f"{method} {path}?{query:.300} as {role}", as_built)
            transaction.set_rollback(True)

    request_once()
