from django.urls import path

from journeys.workshops import agenda_views, plan_views, views

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
    path(
        "workshops/<int:workshop_id>/leaderboard/<slug:shown>/",
        views.leaderboard,
        name="leaderboard",
    ),
    path(
        "workshops/<int:workshop_id>/words/<int:activity_id>/",
        views.word,
        name="word",
    ),
    path("workshops/<int:workshop_id>/joining/<slug:door>/", views.joining, name="joining"),
    path(
        "workshops/<int:workshop_id>/participants/<int:participant_id>/remove/",
        views.remove,
        name="remove",
    ),
    path("workshops/<int:workshop_id>/report/", views.report, name="report"),
    path("workshops/<int:workshop_id>/report.csv", views.export, name="export"),
    path("workshops/<int:workshop_id>/when/", agenda_views.plan, name="when"),
    path(
        "workshops/<int:workshop_id>/calendar.ics",
        agenda_views.workshop_calendar,
        name="calendar",
    ),
    path("workshops/agenda/", agenda_views.agenda_page, name="agenda"),
    path("workshops/agenda/<str:feed_token>.ics", agenda_views.agenda_feed, name="agenda-feed"),
    path("workshops/plans/", plan_views.plan_list, name="plans"),
    path("workshops/plans/new/", plan_views.plan_new, name="plan-new"),
    path("workshops/plans/<int:plan_id>/", plan_views.plan_edit, name="plan"),
    path("workshops/plans/<int:plan_id>/start/", plan_views.plan_start, name="plan-start"),
    path("workshops/plans/<int:plan_id>/own/", plan_views.plan_own, name="plan-own"),
    path("workshops/plans/<int:plan_id>/add/", plan_views.plan_add, name="plan-add"),
    path(
        "workshops/plans/<int:plan_id>/add/<slug:training_slug>/",
        plan_views.plan_add,
        name="plan-add-from",
    ),
    path(
        "workshops/plans/<int:plan_id>/add/<slug:training_slug>/<int:exercise_id>/",
        plan_views.plan_pick,
        name="plan-pick",
    ),
    path(
        "workshops/plans/<int:plan_id>/items/<int:item_id>/<slug:action>/",
        plan_views.plan_item,
        name="plan-item",
    ),
    path(
        "workshops/plans/default/<slug:training_slug>/",
        plan_views.default_view,
        name="plan-default",
    ),
    path(
        "workshops/plans/default/<slug:training_slug>/start/",
        plan_views.default_start,
        name="plan-default-start",
    ),
    path(
        "workshops/plans/default/<slug:training_slug>/copy/",
        plan_views.default_copy,
        name="plan-default-copy",
    ),
    path("join/", views.join, name="join"),
    path("w/<str:code>/", views.participant_page, name="participant"),
    path("w/<str:code>/answer/<int:activity_id>/", views.answer, name="answer"),
    path("w/<str:code>/name/", views.named, name="named"),
    path("w/<str:code>/mine/", views.mine, name="mine"),
    path("w/<str:code>/events/", views.events_elsewhere, name="participant-events"),
]
