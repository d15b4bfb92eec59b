from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from journeys.accounts.access import organisations_for_staff
from journeys.core.caching import content_page
from journeys.trainings.catalogue import (
    cited_sources,
    get_training,
    has_questionnaires,
    training_json,
    trainings,
    trainings_json,
)


@content_page
def catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "trainings/catalogue.html", {"trainings": trainings()})


@content_page
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    training = get_training(slug)
    return render(
        request,
        "trainings/detail.html",
        {
            "training": training,
            "sources": cited_sources(slug),
            "is_trainer": organisations_for_staff(request.user).exists(),
            "has_questionnaires": has_questionnaires(training),
            "enrolled": request.user.is_authenticated
            and training.enrolments.filter(user_id=request.user.pk).exists(),
        },
    )


def _language(request: HttpRequest) -> str | None:
    language = request.GET.get("lang", settings.LANGUAGE_CODE)
    return language if language in dict(settings.LANGUAGES) else None


def _unknown_language(language: str) -> JsonResponse:
    choices = ", ".join(dict(settings.LANGUAGES))
    return JsonResponse(
        {
            "error": _("Unknown language %(lang)r; use one of: %(choices)s")
            % {"lang": language, "choices": choices}
        },
        status=400,
    )


@content_page
def api_trainings(request: HttpRequest) -> HttpResponse:
    language = _language(request)
    if language is None:
        return _unknown_language(request.GET["lang"])
    return HttpResponse(trainings_json(language), content_type="application/json")


@content_page
def api_training(request: HttpRequest, slug: str) -> HttpResponse:
    language = _language(request)
    if language is None:
        return _unknown_language(request.GET["lang"])
    get_training(slug)  # a 404 for an unknown slug, before anything is kept
    return HttpResponse(training_json(slug, language), content_type="application/json")
