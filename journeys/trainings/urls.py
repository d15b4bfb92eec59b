from django.urls import path

from journeys.trainings import views

app_name = "trainings"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("trainings/<slug:slug>/", views.detail, name="detail"),
]

api_urlpatterns = [
    path("api/trainings", views.api_trainings, name="api-trainings"),
    path("api/trainings/<slug:slug>", views.api_training, name="api-training"),
]
