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
]
