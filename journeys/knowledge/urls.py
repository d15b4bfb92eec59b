from django.urls import path

from journeys.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("", views.index, name="index"),
    path("substances/<slug:slug>/", views.substance, name="substance"),
    path("routes/<slug:slug>/", views.route, name="route"),
    path("combinations/", views.combinations, name="combinations"),
    path("interventions/", views.interventions, name="interventions"),
]

api_urlpatterns = [
    path("api/knowledge/substances", views.api_substances, name="api-substances"),
    path("api/knowledge/substances/<slug:slug>", views.api_substance, name="api-substance"),
    path("api/knowledge/combinations", views.api_combinations, name="api-combinations"),
]
