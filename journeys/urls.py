from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from journeys.core import views as core_views
from journeys.knowledge.urls import api_urlpatterns as knowledge_api
from journeys.trainings.urls import api_urlpatterns as trainings_api
from journeys.trainings.urls import certificate_urlpatterns

# Pages in the default language (JOURNEYS_LANGUAGE) have no prefix; the other
# language lives under /<code>/, e.g. /nl/trainings/addiction/.
urlpatterns = [
    path("", include((trainings_api + knowledge_api, "api"))),
    path("healthz", core_views.health, name="health"),
    path("metrics", core_views.metrics, name="metrics"),
    path("api/schema/", core_views.api_schema, name="api-schema"),
    *i18n_patterns(
        *certificate_urlpatterns,
        path("", include("journeys.trainings.urls")),
        path("knowledge/", include("journeys.knowledge.urls")),
        path("cards/", include("journeys.cards.urls")),
        path("mi/", include("journeys.mi.urls")),
        path("", include("journeys.assessments.urls")),
        path("", include("journeys.workshops.urls")),
        path("accounts/", include("journeys.accounts.urls")),
        path("admin/", admin.site.urls),
        prefix_default_language=False,
    ),
]

handler404 = "journeys.core.views.page_not_found"
handler500 = "journeys.core.views.server_error"
