from django.urls import path

from journeys.assessments import views

app_name = "assessments"
urlpatterns = [
    path("m/<str:token>/<slug:phase>/", views.take, name="take"),
    path("m/<str:token>/<slug:phase>/answers/", views.answers, name="answers"),
    path("m/<str:token>/<slug:phase>/done/", views.done, name="done"),
    path("trainings/<slug:slug>/measure/<slug:phase>/", views.self_paced, name="self-paced"),
    path("assessments/", views.index, name="index"),
    path("assessments/scales/", views.scales, name="scales"),
    path("assessments/scales/<slug:slug>/", views.paste_scale, name="paste-scale"),
    path("assessments/<int:measurement_id>/", views.measurement_page, name="measurement"),
    path("assessments/<int:measurement_id>/follow-up/", views.follow_up, name="follow-up"),
    path("assessments/<int:measurement_id>/scales/", views.choose_scales, name="choose-scales"),
    path(
        "assessments/<int:measurement_id>/report/",
        views.measurement_report,
        name="measurement-report",
    ),
    path(
        "assessments/<int:measurement_id>/report.pdf",
        views.measurement_report,
        name="measurement-pdf",
    ),
    path(
        "assessments/<int:measurement_id>/responses.csv",
        views.measurement_csv,
        name="measurement-csv",
    ),
    path(
        "assessments/trainings/<slug:slug>/report/", views.training_report, name="training-report"
    ),
    path(
        "assessments/trainings/<slug:slug>/report.pdf", views.training_report, name="training-pdf"
    ),
    path(
        "assessments/trainings/<slug:slug>/responses.csv", views.training_csv, name="training-csv"
    ),
]
