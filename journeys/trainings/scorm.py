"""A training as a SCORM 1.2 package: one zip that runs inside any learning management
system (Moodle, Totara, Canvas, ...) without the platform.

What goes in (docs/integrations.md#scorm-packages says it for trainers):

- `imsmanifest.xml`: one organisation with one item and one SCO (the whole training is
  one page, so an LMS shows one activity), the training's pass mark as
  `adlcp:masteryscore`.
- `index.html`: every lesson's text in the export language, its sources, and the
  exercises that can be checked without the platform (single and multiple choice, fact
  or fiction, a ranking with a key), with the same feedback and the same points as on the
  platform. Open reflections are shown as questions to think about, with no box to write
  in: nothing a learner writes is kept or sent. Exercises that need the platform (a
  branching scenario, agreement scales, a ranking of values) and the parts that cannot
  work offline (the MI coach, live workshops, the combination checker) are links to the
  platform, and the page says so.
- `package.js`, `package.css`, `images/`: no network, no CDN, nothing outside the zip
  except links a learner chooses to follow (the platform, the cited sources).

The script finds the LMS's SCORM 1.2 API as the standard says (the `API` object on this
window, its parents, then its opener's), reports `incomplete` on the first visit, the
score (0-100, the share of the points) after every checked exercise, and `passed` or
`failed` against the mastery score (`completed` for a training with nothing to score)
when the learner finishes. Plain data in (a loaded Training), bytes out; built in
milliseconds, so the download is built on request.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from journeys.core.citations import cited_keys, sources_by_key
from journeys.core.icons import ICONS
from journeys.core.models import Source
from journeys.core.text import localized
from journeys.trainings.exercises import ExerciseBase
from journeys.trainings.learning import exercise_model, lesson_body, lessons_of
from journeys.trainings.models import Exercise, Training

FILES = Path(__file__).parent / "templates" / "trainings" / "scorm"
# The types a page can check by itself, with what the platform would give.
OFFLINE = ("single-choice", "multiple-choice", "fact-or-fiction", "ranking")
PLATFORM_LINK = re.compile(r'href="/(?!/)')
IMAGE = re.compile(r'<img src="([^"]*)" alt="([^"]*)"( title="[^"]*")? */?>')


class UnknownLanguage(ValueError):
    """A language the platform does not ship."""


@dataclass
class PackagedExercise:
    exercise: Exercise
    model: ExerciseBase
    offline: bool  # checked in the page
    check: dict[str, Any] = field(default_factory=dict)  # for package.js
    platform_url: str = ""


@dataclass
class PackagedLesson:
    slug: str
    title: str
    body_html: str
    body_language: str
    exercises: list[PackagedExercise]
    sources: dict[str, Source]


def languages() -> list[str]:
    return list(dict(settings.LANGUAGES))


def check_language(language: str) -> str:
    if language not in languages():
        raise UnknownLanguage(
            _("Unknown language %(lang)r; use one of: %(choices)s")
            % {"lang": language, "choices": ", ".join(languages())}
        )
    return language


def filename(training: Training, language: str) -> str:
    return f"journeys-{training.slug}-{language}-scorm12.zip"


def build_package(training: Training, language: str, platform_url: str) -> bytes:
    """The zip for `training` in `language`; links to the platform start at `platform_url`
    (e.g. https://journeys.example.org)."""
    check_language(language)
    platform_url = platform_url.rstrip("/")
    with translation.override(language):
        images: dict[str, bytes] = {}
        lessons = [
            _lesson(training, lesson.slug, language, platform_url, images)
            for lesson in lessons_of(training.pk)
        ]
        scored = [e for lesson in lessons for e in lesson.exercises if e.offline]
        icon = f"images/{training.icon}.svg" if training.icon in ICONS else ""
        if icon:
            images[icon] = _icon_svg(training.icon)
        title = localized(training.title, language).text
        data = {
            "masteryScore": training.pass_mark,
            "exercises": {e.exercise.slug: e.check for e in scored},
            "text": _script_texts(),
        }
        html = render_to_string(
            "trainings/scorm/index.html",
            {
                "language": language,
                "training": training,
                "title": title,
                "summary": localized(training.summary, language).text,
                "icon": icon,
                "lessons": lessons,
                "scored": scored,
                "platform": _platform_links(training, platform_url),
                "platform_url": platform_url,
                "data": data,
            },
        )
    files = {
        "imsmanifest.xml": manifest(training, title, list(images)).encode(),
        "index.html": html.encode(),
        "package.js": (FILES / "package.js").read_bytes(),
        "package.css": (FILES / "package.css").read_bytes(),
        **images,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            # A fixed date: the same content gives the same bytes.
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def manifest(training: Training, title: str, images: list[str]) -> str:
    """imsmanifest.xml: SCORM 1.2 (IMS Content Packaging 1.1.2, ADL CP 1.2)."""
    identifier = f"journeys-{training.slug}"
    files = "".join(
        f"\n      <file href={quoteattr(name)}/>"
        for name in ["index.html", "package.js", "package.css", *images]
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{identifier}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd
    http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd
    http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="{identifier}-organisation">
    <organization identifier="{identifier}-organisation">
      <title>{escape(title)}</title>
      <item identifier="{identifier}-item" identifierref="{identifier}-sco" isvisible="true">
        <title>{escape(title)}</title>
        <adlcp:masteryscore>{training.pass_mark}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="{identifier}-sco" type="webcontent" adlcp:scormtype="sco" \
href="index.html">{files}
    </resource>
  </resources>
</manifest>
"""


def _lesson(
    training: Training, slug: str, language: str, platform_url: str, images: dict[str, bytes]
) -> PackagedLesson:
    lesson = next(lesson for lesson in lessons_of(training.pk) if lesson.slug == slug)
    body_html, body_language = lesson_body(training.pk, slug, language)
    exercises = list(lesson.exercises.all())
    lesson_url = platform_url + reverse("trainings:lesson", args=[training.slug, slug])
    return PackagedLesson(
        slug=slug,
        title=localized(lesson.title, language).text,
        body_html=_packaged_html(body_html, platform_url, images),
        body_language=body_language,
        exercises=[_exercise(e, language, lesson_url) for e in exercises],
        sources=sources_by_key([*lesson.sources, *cited_keys([e.data for e in exercises])]),
    )


def _packaged_html(html: str, platform_url: str, images: dict[str, bytes]) -> str:
    """A lesson's HTML for the package: links within the platform (/nl/knowledge/...)
    lead to the platform; images from its static files go into the zip, any other image
    (no network in the package) becomes its description."""

    def replace(match: re.Match[str]) -> str:
        src, alt = match[1], match[2]
        prefix = static("")
        found = finders.find(src.removeprefix(prefix)) if src.startswith(prefix) else None
        if not isinstance(found, str):
            return f'<span class="image-missing">{alt}</span>'
        name = f"images/{len(images)}-{Path(found).name}"
        images[name] = Path(found).read_bytes()
        return f'<img src="{name}" alt="{alt}">'

    return IMAGE.sub(replace, PLATFORM_LINK.sub(f'href="{platform_url}/', html))


def _text(value: Any, language: str) -> str:
    return str(localized(value.as_dict(), language).text) if value is not None else ""


def _exercise(exercise: Exercise, language: str, lesson_url: str) -> PackagedExercise:
    model: Any = exercise_model(exercise)
    platform_url = f"{lesson_url}#exercise-{exercise.slug}"
    offline = model.type in OFFLINE and not (model.type == "ranking" and model.key is None)
    packaged = PackagedExercise(exercise, model, offline, platform_url=platform_url)
    if not offline:
        return packaged
    if model.type in ("single-choice", "multiple-choice"):
        packaged.check = {
            "kind": "choice",
            "max": 1,
            "multiple": model.type == "multiple-choice",
            "items": {
                o.id: {
                    "label": _text(o.text, language),
                    "correct": o.correct,
                    "feedback": _text(o.feedback, language),
                }
                for o in model.options
            },
        }
    elif model.type == "fact-or-fiction":
        packaged.check = {
            "kind": "fact-or-fiction",
            "max": len(model.statements),
            "items": {
                s.id: {
                    "label": _text(s.statement, language),
                    "verdict": s.verdict,
                    "feedback": _text(s.explanation, language),
                }
                for s in model.statements
            },
        }
    else:
        packaged.check = {
            "kind": "ranking",
            "max": len(model.key),
            "key": model.key,
            "items": {i.id: {"label": _text(i.text, language)} for i in model.items},
            "explanation": _text(model.explanation, language),
        }
    return packaged


def _platform_links(training: Training, platform_url: str) -> list[tuple[str, str]]:
    return [
        (_("The motivational-interviewing coach"), platform_url + reverse("mi:practice")),
        (_("Live workshops (join with a code)"), platform_url + reverse("workshops:join")),
        (_("The combination checker"), platform_url + reverse("knowledge:combinations")),
        (
            _("This training on the platform"),
            platform_url + reverse("trainings:detail", args=[training.slug]),
        ),
    ]


def _script_texts() -> dict[str, str]:
    """The few sentences package.js writes, in the export language."""
    return {
        "right": _("Right."),
        "notQuite": _("Not quite."),
        "fact": _("It is a fact."),
        "fiction": _("It is fiction."),
        "score": _("Your score: {score} of {max}"),
        "chooseOne": _("Choose an answer first."),
        "answerAll": _("Answer each statement first."),
        "placeEach": _("Give each item a different place first."),
        "order": _("The order from the sources:"),
        "total": _("Your score: {percent} % ({points} of {max} points). Pass mark: {mastery} %."),
        "answered": _("You checked {done} of {all} exercises."),
        "passed": _("You passed. Your learning environment has your result."),
        "failed": _(
            "You did not reach the pass mark yet. You can check your answers again and "
            "finish once more."
        ),
        "completed": _("Done. Your learning environment has your result."),
        "noLms": _("No learning environment was found: your result is shown here but not saved."),
    }


def _icon_svg(name: str) -> bytes:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
        'stroke="#083f78" stroke-width="1.8" stroke-linecap="round" '
        f'stroke-linejoin="round">{ICONS[name]}</svg>'
    ).encode()
