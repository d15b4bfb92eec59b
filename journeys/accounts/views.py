from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from journeys.accounts.access import get_organisation_for_staff, members_of, organisations_for_staff
from journeys.core.links import local_page


def next_page(request: HttpRequest) -> str:
    """The `next` a form or link asked for when it is a page of this site, else "" (the
    view's default): "home" or "//evil.example/" are not."""
    return local_page(request.POST.get("next", request.GET.get("next"))) or ""


class LoginView(auth_views.LoginView):
    def get_redirect_url(self, request: HttpRequest | None = None) -> str:
        return next_page(request or self.request)


class LogoutView(auth_views.LogoutView):
    def get_redirect_url(self, request: HttpRequest | None = None) -> str:
        return next_page(request or self.request)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """After login: the organisations this person works for."""
    return render(
        request,
        "accounts/home.html",
        {"organisations": organisations_for_staff(request.user)},
    )


@login_required
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    current = get_organisation_for_staff(request.user, slug)
    return render(
        request,
        "accounts/organisation.html",
        {"organisation": current, "memberships": members_of(current)},
    )


def signup(request: HttpRequest) -> HttpResponse:
    """A participant account for self-paced learning: a username and a password, no
    e-mail address (nothing identifying is required)."""
    form: UserCreationForm[User] = UserCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(next_page(request) or "trainings:catalogue")
    return render(request, "registration/signup.html", {"form": form})
