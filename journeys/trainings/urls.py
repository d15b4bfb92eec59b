from django.urls import path

from journeys.trainings import learn_views, views

app_name = "trainings"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("trainings/<slug:slug>/", views.detail, name="detail"),
    path("trainings/<slug:slug>/guide/", learn_views.trainer_guide, name="guide"),
    path("trainings/<slug:slug>/guide/scorm/", learn_views.scorm_package, name="scorm"),
    path("learn/<slug:slug>/", learn_views.overview, name="learn"),
    path("learn/<slug:slug>/enrol/", learn_views.enrol, name="enrol"),
    path("learn/<slug:slug>/certificate/", learn_views.claim_certificate, name="claim"),
    path(
        "learn/<slug:slug>/exercises/<slug:exercise_slug>/",
        learn_views.answer,
        name="answer",
    ),
    path("learn/<slug:slug>/<slug:lesson_slug>/", learn_views.lesson, name="lesson"),
    path("learn/<slug:slug>/<slug:lesson_slug>/done/", learn_views.lesson_done, name="done"),
    path("organisations/<slug:organisation>/progress/", learn_views.learners, name="learners"),
    path(
        "organisations/<slug:organisation>/progress.csv",
        learn_views.progress_csv,
        name="progress-csv",
    ),
    path(
        "organisations/<slug:organisation>/certificates.csv",
        learn_views.certificates_csv,
        name="certificates-csv",
    ),
    path(
        "organisations/<slug:organisation>/certificates/<str:code>/revoke/",
        learn_views.revoke,
        name="revoke",
    ),
]

api_urlpatterns = [
    path("api/trainings", views.api_trainings, name="api-trainings"),
    path("api/trainings/<slug:slug>", views.api_training, name="api-training"),
]

# Certificates are verified by people who may not read the learner's language: the
# default language has no prefix and the switcher leads to /nl/certificates/<code>/.
# journeys/urls.py puts them inside i18n_patterns, without the `trainings:` namespace.
certificate_urlpatterns = [
    path("certificates/<str:code>/", learn_views.certificate, name="certificate"),
    path("certificates/<str:code>/pdf", learn_views.certificate_download, name="certificate-pdf"),
]
