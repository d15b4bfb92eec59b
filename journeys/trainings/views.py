from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from journeys.accounts.access import organisations_for_staff
from journeys.trainings.catalogue import cited_sources, get_training, training_as_json, trainings


def catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "trainings/catalogue.html", {"trainings": trainings()})


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    training = get_training(slug)
    return render(
        request,
        "trainings/detail.html",
        {
            "training": training,
            "sources": cited_sources(training),
            "is_trainer": organisations_for_staff(request.user).exists(),
            # The assessments app loads a training's questionnaires as its `instrument`.
            "has_questionnaires": hasattr(training, "instrument"),
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


def api_trainings(request: HttpRequest) -> JsonResponse:
    language = _language(request)
    if language is None:
        return _unknown_language(request.GET["lang"])
    return JsonResponse(
        {"language": language, "trainings": [training_as_json(t, language) for t in trainings()]}
    )


def api_training(request: HttpRequest, slug: str) -> JsonResponse:
    language = _language(request)
    if language is None:
        return _unknown_language(request.GET["lang"])
    return JsonResponse({"language": language, **training_as_json(get_training(slug), language)})
