from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

OPENAPI = Path(__file__).with_name("openapi.yaml")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"error": "Not found"}, status=404)
    return render(request, "core/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without context processors' database work: the database may be the problem.
    return render(request, "core/500.html", status=500)


def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@cache
def openapi_description() -> dict[str, Any]:
    """The JSON API's OpenAPI 3.1 description, kept by hand beside the views it describes."""
    with OPENAPI.open(encoding="utf-8") as file:
        description: dict[str, Any] = yaml.safe_load(file)
    return description


def api_schema(request: HttpRequest) -> JsonResponse:
    return JsonResponse(openapi_description())
