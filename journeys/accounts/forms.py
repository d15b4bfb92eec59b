"""The forms of the account pages."""

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

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
