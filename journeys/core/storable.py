"""Text that cannot be stored is refused at the door, for every form and API at once.

PostgreSQL's text and jsonb cannot hold U+0000 (NUL), and UTF-8 has no lone surrogates
(U+D800 to U+DFFF), which a JSON body can still spell as "\\ud800". Either gave a 500 on
saving (open answers, word clouds, questionnaires, reflections), and PostgreSQL's error
quoted the text around it into the log. This middleware answers 400 with a message for
a request that carries one where a view could read it: the path, the query string, form
field names and values, cookies (the session cookie is looked up in the database) or a
JSON body. It sits before the session middleware, so nothing reads them first.

Form bodies are decoded by Django with bad UTF-8 replaced, so a surrogate can only
arrive through a JSON escape; a NUL arrives through all of them.
"""

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

Handler = Callable[[HttpRequest], HttpResponseBase]


def unstorable(text: str) -> bool:
    return "\x00" in text or any("\ud800" <= c <= "\udfff" for c in text)


def _strings(value: Any) -> Iterator[str]:
    """Every string in parsed JSON, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _request_texts(request: HttpRequest) -> Iterator[str]:
    yield request.path_info
    try:
        fields = [request.GET, request.POST]
    except MultiPartParserError:
        fields = [request.GET]  # the view sees an empty form, as it would without us
    for data in fields:
        for key, values in data.lists():
            yield key
            yield from values
    for key, value in request.COOKIES.items():
        yield key
        yield value
    if request.content_type == "application/json" and request.body:
        try:
            parsed = json.loads(request.body)
        except ValueError:
            return  # not JSON: the view says so
        yield from _strings(parsed)


def carries_unstorable_text(request: HttpRequest) -> bool:
    return any(unstorable(text) for text in _request_texts(request))


def refuse_unstorable_text(get_response: Handler) -> Handler:
    def middleware(request: HttpRequest) -> HttpResponseBase:
        if carries_unstorable_text(request):
            return _refusal(request)
        return get_response(request)

    return middleware


def _refusal(request: HttpRequest) -> HttpResponse:
    # Before the locale middleware: the language comes from the URL or the browser.
    with translation.override(translation.get_language_from_request(request, check_path=True)):
        message = _(
            "What you sent contains a character that cannot be stored (a null character, "
            "or half of an emoji). Nothing was saved. Remove it, for example by typing "
            "the text again instead of pasting it, and send it again."
        )
        if request.path_info.startswith("/api/"):
            return JsonResponse({"error": message}, status=400)
        if request.headers.get("HX-Request"):
            return HttpResponse(format_html('<p role="alert">{}</p>', message), status=400)
        return render(request, "core/unstorable.html", {"message": message}, status=400)
