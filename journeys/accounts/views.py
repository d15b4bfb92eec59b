from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from journeys.accounts.access import get_organisation_for_staff, members_of, organisations_for_staff


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
        login(request, user)
        next_url = request.GET.get("next", "")
        safe = url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})
        return redirect(next_url if safe else "trainings:catalogue")
    return render(request, "registration/signup.html", {"form": form})
