"""Looking up the bibliography entries that a page cites."""

from collections.abc import Iterable, Iterator
from typing import Any

from journeys.core.content.readmodel import per_content_version
from journeys.core.models import Source


@per_content_version
def all_sources() -> dict[str, Source]:
    """content/sources.yaml as loaded: a few hundred rows, read once per content load."""
    return {source.key: source for source in Source.objects.all()}


def sources_by_key(keys: Iterable[str]) -> dict[str, Source]:
    """The cited sources in the order first cited (for numbered citations), once each."""
    found = all_sources()
    return {key: found[key] for key in dict.fromkeys(keys) if key in found}


def cited_keys(data: Any) -> Iterator[str]:
    """Every source id in a content structure: the values of all `sources` lists."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and isinstance(value, list):
                yield from (item for item in value if isinstance(item, str))
            else:
                yield from cited_keys(value)
    elif isinstance(data, list):
        for item in data:
            yield from cited_keys(item)
