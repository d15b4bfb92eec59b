from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from journeys.accounts import actions
from journeys.accounts.access import get_organisation_for_staff, members_of, organisations_for_staff
from journeys.accounts.forms import CertificateNameForm, SignupForm
from journeys.accounts.models import Profile
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


def account_holder(request: HttpRequest) -> User:
    """The logged-in user (the views that call this are behind login_required)."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


@login_required
def home(request: HttpRequest, name_form: CertificateNameForm | None = None) -> HttpResponse:
    """After login: the organisations this person works for, and the name printed on
    their certificates."""
    user = account_holder(request)
    chosen = Profile.objects.filter(user=user).values_list("certificate_name", flat=True)
    return render(
        request,
        "accounts/home.html",
        {
            "organisations": organisations_for_staff(user),
            "name_form": name_form
            or CertificateNameForm(initial={"certificate_name": chosen.first()}),
            "errors": name_form.errors if name_form else None,  # the title says "Error:"
        },
        status=400 if name_form else 200,
    )


@login_required
@require_POST
def certificate_name(request: HttpRequest) -> HttpResponse:
    form = CertificateNameForm(request.POST)
    if not form.is_valid():
        return home(request, name_form=form)
    shown = actions.set_certificate_name(
        account_holder(request), form.cleaned_data["certificate_name"]
    )
    messages.success(request, _("Your certificates now show the name %(name)s.") % {"name": shown})
    return redirect("accounts:home")


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
    e-mail address (nothing identifying is required), and if the person wants, the name
    to print on their certificates."""
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        actions.set_certificate_name(user, form.cleaned_data["certificate_name"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(next_page(request) or "trainings:catalogue")
    return render(request, "registration/signup.html", {"form": form})
