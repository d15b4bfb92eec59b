import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from journeys.accounts import actions, audit, lrs
from journeys.accounts.access import (
    get_membership_for_admin,
    get_organisation_for_admin,
    get_organisation_for_staff,
    members_of,
    organisations_for_staff,
)
from journeys.accounts.forms import (
    CertificateNameForm,
    ConfirmErasureForm,
    LrsConnectionForm,
    SignupForm,
)
from journeys.accounts.models import LrsConnection, Membership, Profile, Role
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
    is_admin = Membership.objects.filter(
        user=account_holder(request), organisation=current, role=Role.ADMIN
    )
    return render(
        request,
        "accounts/organisation.html",
        {
            "organisation": current,
            "memberships": members_of(current),
            "is_admin": is_admin.exists(),
        },
    )


@login_required
def your_data(request: HttpRequest, form: ConfirmErasureForm | None = None) -> HttpResponse:
    """What is stored about the person, to download, and their account's deletion."""
    return render(
        request,
        "accounts/your_data.html",
        {"form": form or ConfirmErasureForm()},
        status=400 if form else 200,
    )


def _json_download(document: object, name: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def export_own_data(request: HttpRequest) -> HttpResponse:
    person = account_holder(request)
    return _json_download(actions.export_own_data(person), "journeys-your-data")


@login_required
@require_POST
def erase_own_account(request: HttpRequest) -> HttpResponse:
    form = ConfirmErasureForm(request.POST)
    if not form.is_valid():
        return your_data(request, form=form)
    try:
        actions.erase_own_account(account_holder(request), form.cleaned_data["password"])
    except actions.WrongPassword as refused:
        form.add_error("password", str(refused))
        return your_data(request, form=form)
    logout(request)
    messages.success(request, _("Your account and the data it held have been deleted."))
    return redirect("trainings:catalogue")


@login_required
def export_member_data(request: HttpRequest, slug: str, person_id: int) -> HttpResponse:
    membership = get_membership_for_admin(request.user, slug, person_id)
    document = actions.export_member_data(account_holder(request), membership)
    return _json_download(document, f"journeys-member-{person_id}")


@login_required
@require_POST
def erase_member(request: HttpRequest, slug: str, person_id: int) -> HttpResponse:
    """Asked twice: the button sits in a closed section and the form must say `confirm`."""
    membership = get_membership_for_admin(request.user, slug, person_id)
    if request.POST.get("confirm") != "erase":
        return HttpResponse(_("Confirm the erasure with its button."), status=400)
    done = actions.erase_member(account_holder(request), membership)
    if done is actions.Erasure.ACCOUNT_ERASED:
        messages.success(request, _("The member's account and the data it held are deleted."))
    else:
        messages.success(
            request,
            _(
                "The person belongs to another organisation too, so their account stays; "
                "they are no longer a member of yours."
            ),
        )
    return redirect("accounts:organisation", slug)


@login_required
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's audit log, for its administrators only."""
    current = get_organisation_for_admin(request.user, slug)
    return render(
        request,
        "accounts/audit_log.html",
        {"organisation": current, "page": audit.entries_page(current, request.GET.get("page"))},
    )


@login_required
def xapi_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's learning record store, for its administrators only: where
    statements go, and how many wait to be sent."""
    current = get_organisation_for_admin(request.user, slug)
    connection = LrsConnection.objects.filter(organisation=current).first()
    form = LrsConnectionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            actions.set_lrs_connection(account_holder(request), current, **form.cleaned_data)
            messages.success(request, _("The learning record store settings are saved."))
            return redirect("accounts:xapi", current.slug)
    elif connection is not None:
        form = LrsConnectionForm(
            initial={
                field: getattr(connection, field)
                for field in ("enabled", "endpoint", "username", "actor", "home_page")
            }
        )
    return render(
        request,
        "accounts/xapi.html",
        {
            "organisation": current,
            "form": form,
            "errors": form.errors if request.method == "POST" else None,
            "connection": connection,
            "secret_saved": bool(connection and connection.password),
            "backlog": lrs.backlog(current),
        },
        status=400 if request.method == "POST" else 200,
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
