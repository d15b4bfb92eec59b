from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from journeys.core import metrics as metrics_module
from journeys.core.health import checks as health_checks

OPENAPI = Path(__file__).with_name("openapi.yaml")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"error": "Not found"}, status=404)
    return render(request, "core/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without context processors' database work: the database may be the problem.
    return render(request, "core/500.html", status=500)


def health(request: HttpRequest) -> JsonResponse:
    results = health_checks()
    healthy = all(results.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "failing",
            "checks": {name: "ok" if ok else "failing" for name, ok in results.items()},
        },
        status=200 if healthy else 503,
    )


def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus' scrape: not found unless metrics are on and the token is right."""
    if not metrics_module.may_scrape(request.headers.get("Authorization", "")):
        raise Http404
    body, content_type = metrics_module.exposition()
    return HttpResponse(body, content_type=content_type)


@cache
def openapi_description() -> dict[str, Any]:
    """The JSON API's OpenAPI 3.1 description, kept by hand beside the views it describes."""
    with OPENAPI.open(encoding="utf-8") as file:
        description: dict[str, Any] = yaml.safe_load(file)
    return description


def api_schema(request: HttpRequest) -> JsonResponse:
    return JsonResponse(openapi_description())
