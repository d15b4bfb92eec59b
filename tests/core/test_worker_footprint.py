"""What a fresh worker loads: the pages' own code, not the libraries of the MI coach, the
reports and the PDFs. Those are some 130 MB together (NumPy, SciPy, scikit-learn, ONNX
Runtime, matplotlib, WeasyPrint) and are imported by the first request that needs them
(docs/performance.md). A module-level import of one of them anywhere on the way from
the ASGI application to the URL list fails here."""

import json
import subprocess
import sys

from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader

HEAVY = [
    "numpy",
    "scipy",
    "sklearn",
    "joblib",
    "onnxruntime",
    "matplotlib",
    "weasyprint",
    "PIL",
    "tokenizers",
]

STARTUP = """
import json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "journeys.settings"
import journeys.asgi  # what `journeys serve` imports: Django set up, the apps ready
import journeys.urls  # what the first request imports: every view
print(json.dumps(sorted(name for name in {heavy} if name in sys.modules)))
"""


def test_a_fresh_worker_loads_no_heavy_library():
    loaded = subprocess.run(
        [sys.executable, "-c", STARTUP.format(heavy=HEAVY)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    assert json.loads(loaded.splitlines()[-1]) == []


def test_templates_are_compiled_once_per_process(settings):
    """Django's cached loader: a template is read and compiled once, not per request.
    It is the default when no loaders are named; naming loaders would turn it off."""
    assert "loaders" not in settings.TEMPLATES[0].get("OPTIONS", {})
    loaders = engines["django"].engine.template_loaders  # type: ignore[attr-defined]
    assert [type(loader) for loader in loaders] == [CachedLoader]
