from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
