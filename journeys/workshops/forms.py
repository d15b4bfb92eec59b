from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from journeys.accounts.access import AnyUser, organisations_for_staff
from journeys.trainings.models import Training
from journeys.workshops.activities import activity_types


class StartForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    organisation = forms.ChoiceField(label=_("Organisation"))
    training = forms.ModelChoiceField(
        label=_("Training"),
        queryset=Training.objects.all(),
        required=False,
        empty_label=_("(start empty)"),
        help_text=_("Its exercises can be added as activities."),
    )
    cap = forms.IntegerField(label=_("Most participants"), min_value=1, initial=100)
    leaderboard = forms.BooleanField(
        label=_("Show a quiz leaderboard (only nicknames of those who agree)"), required=False
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {o.slug: o for o in organisations_for_staff(user)}
        choices = [(o.slug, o.name) for o in self.organisations.values()]
        self.fields["organisation"].choices = choices  # type: ignore[attr-defined]
        self.fields["cap"].help_text = _("At most %(n)d.") % {
            "n": settings.WORKSHOP_PARTICIPANT_CAP
        }

    def clean_cap(self) -> int:
        cap = int(self.cleaned_data["cap"])
        if cap > settings.WORKSHOP_PARTICIPANT_CAP:
            raise forms.ValidationError(
                _("At most %(n)d.") % {"n": settings.WORKSHOP_PARTICIPANT_CAP}
            )
        return cap


def _moment(label: StrOrPromise) -> forms.DateTimeField:
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    return forms.DateTimeField(label=label, required=False, widget=widget)


class WhenForm(forms.Form):
    """When and where a workshop is planned: what its calendar entry says."""

    starts_at = _moment(_("Starts"))
    ends_at = _moment(_("Ends"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if self.errors:
            return data
        if (starts is None) != (ends is None):
            raise forms.ValidationError(_("Give both a start and an end, or neither."))
        if starts is not None and ends is not None and ends <= starts:
            self.add_error("ends_at", _("The end must come after the start."))
        return data


# Scenarios come from exercises and questionnaires from their own buttons.
TYPED_KINDS = [(name, t.label) for name, t in activity_types().items() if t.offered_on_form]


class ActivityForm(forms.Form):
    """Every typed activity's fields; each kind reads the ones it needs."""

    kind = forms.ChoiceField(label=_("Kind"), choices=TYPED_KINDS)
    prompt = forms.CharField(label=_("Question or statement"), max_length=500)
    options = forms.CharField(
        label=_("Options, one per line"),
        help_text=_("For a quiz question, start the right answer's line with *."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    multiple = forms.BooleanField(label=_("Allow more than one choice"), required=False)
    verdict = forms.ChoiceField(
        label=_("For fact or fiction: the statement is"),
        choices=[("", "—"), ("fact", _("a fact")), ("fiction", _("fiction"))],
        required=False,
    )
    explanation = forms.CharField(
        label=_("Explanation shown with the answer"), max_length=500, required=False
    )


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "inputmode": "text"}
        ),
    )
    nickname = forms.CharField(
        label=_("Nickname"),
        max_length=30,
        help_text=_("Any name you like. Your answers stay anonymous."),
    )
