"""Looking up the bibliography entries that a page cites."""

from collections.abc import Iterable, Iterator
from typing import Any

from journeys.core.models import Source


def sources_by_key(keys: Iterable[str]) -> dict[str, Source]:
    """The cited sources in the order first cited (for numbered citations), once each."""
    wanted = list(dict.fromkeys(keys))
    found = {source.key: source for source in Source.objects.filter(key__in=wanted)}
    return {key: found[key] for key in wanted if key in found}


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
