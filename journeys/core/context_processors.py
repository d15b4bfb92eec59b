from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info, override

from journeys.core.links import local_page


def page_in(here: str | None, code: str) -> str:
    """The page `here` in language `code`, or that language's home page when `here` is
    None: the switcher is never built from a path such as "//evil.example/"."""
    if here is None:
        with override(code):
            return reverse("trainings:catalogue")
    return translate_url(here, code)


def languages(request: HttpRequest) -> dict[str, object]:
    """Links to the current page in every shipped language, for the switcher."""
    return {"language_links": language_links(request.get_full_path(), get_language())}


@lru_cache(maxsize=4096)
def language_links(full_path: str, current: str) -> list[dict[str, object]]:
    """Resolving the page and reversing it in each language costs more than the rest of
    a page's header; the URL list never changes while the process runs, so the answer for
    an address is kept (the most recent 4096 addresses; templates only read it)."""
    here = local_page(full_path)  # None on a 404
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": page_in(here, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
