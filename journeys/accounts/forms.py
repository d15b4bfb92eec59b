"""The forms of the account pages."""

from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from journeys.accounts import lrs
from journeys.accounts.models import LrsConnection

CERTIFICATE_NAME_HELP = _(
    "Optional. Your name as it should be printed on your certificates, for example "
    "“Sam Jansen”. Without it, a certificate shows your username. You can change it later."
)


def certificate_name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Name on your certificate"),
        help_text=CERTIFICATE_NAME_HELP,
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


class SignupForm(UserCreationForm[User]):
    """A username, a password and, if the person wants one, the name for certificates."""

    certificate_name = certificate_name_field()
    field_order = ["username", "certificate_name", "password1", "password2"]


class CertificateNameForm(forms.Form):
    certificate_name = certificate_name_field()


class ConfirmErasureForm(forms.Form):
    """Deleting one's own account is asked twice: the button is inside a closed section,
    and the password confirms that the person at the keyboard holds the account."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class LrsConnectionForm(forms.Form):
    """An organisation's learning record store (docs/integrations.md). The secret is never
    shown back: left empty, the one kept stays."""

    enabled = forms.BooleanField(
        label=_("Send statements to this learning record store"), required=False
    )
    endpoint = forms.URLField(
        label=_("LRS endpoint"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "The address that ends in /xAPI/ or similar, e.g. https://lrs.example.org/xAPI/"
        ),
    )
    username = forms.CharField(label=_("Key or username"), required=False, max_length=200)
    password = forms.CharField(
        label=_("Secret or password"),
        required=False,
        max_length=200,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep the secret already saved."),
    )
    actor = forms.ChoiceField(
        label=_("Identify learners by"),
        choices=LrsConnection.Actor.choices,
        initial=LrsConnection.Actor.OPAQUE,
    )
    home_page = forms.URLField(
        label=_("Your organisation's home page"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Needed to identify learners by account name, e.g. https://www.example.org/"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("enabled") and not data.get("endpoint"):
            self.add_error("endpoint", _("Give the LRS endpoint to send statements to."))
        if data.get("actor") == LrsConnection.Actor.ACCOUNT and not data.get("home_page"):
            self.add_error(
                "home_page", _("Give your home page to identify learners by account name.")
            )
        endpoint = data.get("endpoint") or ""
        if endpoint and not endpoint.startswith(("https://", "http://")):
            self.add_error("endpoint", _("The endpoint must start with https:// or http://."))
        elif endpoint and not lrs.reachable_from_outside(endpoint):
            self.add_error(
                "endpoint",
                _("This address is in a private network; give the LRS's public address."),
            )
        return data
