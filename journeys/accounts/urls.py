from django.urls import path

from journeys.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("", views.home, name="home"),
    path("certificate-name/", views.certificate_name, name="certificate-name"),
    path("signup/", views.signup, name="signup"),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
    path("your-data/", views.your_data, name="your-data"),
    path("your-data/download/", views.export_own_data, name="export"),
    path("your-data/delete/", views.erase_own_account, name="erase"),
    path(
        "organisations/<slug:slug>/members/<int:person_id>/download/",
        views.export_member_data,
        name="member-export",
    ),
    path(
        "organisations/<slug:slug>/members/<int:person_id>/erase/",
        views.erase_member,
        name="member-erase",
    ),
    path("organisations/<slug:slug>/audit-log/", views.audit_log, name="audit-log"),
    path("organisations/<slug:slug>/xapi/", views.xapi_settings, name="xapi"),
]
