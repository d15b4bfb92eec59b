from django.urls import path

from journeys.workshops import views

app_name = "workshops"
urlpatterns = [
    path("workshops/", views.index, name="index"),
    path("workshops/<int:workshop_id>/control/", views.control, name="control"),
    path("workshops/<int:workshop_id>/present/", views.present, name="present"),
    path("workshops/<int:workshop_id>/events/", views.events_elsewhere, name="room-events"),
    path("workshops/<int:workshop_id>/activities/add/", views.add_activity, name="add"),
    path(
        "workshops/<int:workshop_id>/activities/from-exercise/<int:exercise_id>/",
        views.add_exercise,
        name="add-exercise",
    ),
    path(
        "workshops/<int:workshop_id>/activities/<int:activity_id>/<slug:action>/",
        views.act,
        name="act",
    ),
    path(
        "workshops/<int:workshop_id>/activities/questionnaire/<slug:phase>/",
        views.add_questionnaire,
        name="add-questionnaire",
    ),
    path("workshops/<int:workshop_id>/next/", views.next_activity, name="next"),
    path(
        "workshops/<int:workshop_id>/answers/<int:answer_id>/review/", views.review, name="review"
    ),
    path("workshops/<int:workshop_id>/end/", views.end, name="end"),
    path("workshops/<int:workshop_id>/joining/<slug:door>/", views.joining, name="joining"),
    path(
        "workshops/<int:workshop_id>/participants/<int:participant_id>/remove/",
        views.remove,
        name="remove",
    ),
    path("workshops/<int:workshop_id>/report/", views.report, name="report"),
    path("workshops/<int:workshop_id>/report.csv", views.export, name="export"),
    path("join/", views.join, name="join"),
    path("w/<str:code>/", views.participant_page, name="participant"),
    path("w/<str:code>/answer/<int:activity_id>/", views.answer, name="answer"),
    path("w/<str:code>/name/", views.named, name="named"),
    path("w/<str:code>/events/", views.events_elsewhere, name="participant-events"),
]
