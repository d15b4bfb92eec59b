from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from journeys.accounts.models import Organisation
from journeys.trainings.models import Training

REVERSE_MARK = "(R)"


class _ForOrganisation(forms.Form):
    organisation = forms.ChoiceField(label=_("Organisation"))

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {o.slug: o for o in organisations}
        self.fields["organisation"].choices = [(o.slug, o.name) for o in organisations]  # type: ignore[attr-defined]

    def chosen_organisation(self) -> Organisation:
        return self.organisations[self.cleaned_data["organisation"]]


class MeasurementForm(_ForOrganisation):
    """A measurement without a live workshop: a training given another way, or on paper."""

    title = forms.CharField(label=_("Title"), max_length=200)
    training = forms.ModelChoiceField(
        label=_("Training"), queryset=Training.objects.filter(instrument__isnull=False)
    )


class LicensedScaleForm(_ForOrganisation):
    items = forms.CharField(
        label=_("Items, one per line"),
        help_text=_("In the scale's order. End a reverse-scored item's line with (R)."),
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    permission = forms.CharField(
        label=_("Permission"),
        max_length=300,
        help_text=_("Who gave your organisation permission to use the items, and when."),
    )

    def __init__(self, *args: Any, rules: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rules = rules

    def clean_items(self) -> list[dict[str, Any]]:
        lines = [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
        wanted = self.rules["items"]
        if len(lines) != wanted:
            raise forms.ValidationError(
                _("This scale has %(wanted)d items; you pasted %(got)d lines.")
                % {"wanted": wanted, "got": len(lines)}
            )
        items = []
        for line in lines:
            reverse = line.endswith(REVERSE_MARK)
            text = line.removesuffix(REVERSE_MARK).strip()
            if not text or len(text) > 500:
                raise forms.ValidationError(_("Each item needs a text under 500 characters."))
            items.append({"text": text, "reverse": reverse})
        if self.rules.get("reverse") is not None:
            # The publication lists the reverse items: its list wins over the marks.
            listed = set(self.rules["reverse"])
            items = [{**item, "reverse": n in listed} for n, item in enumerate(items, start=1)]
        elif self.rules.get("reverse_count") is not None:
            marked = sum(item["reverse"] for item in items)
            if marked != self.rules["reverse_count"]:
                raise forms.ValidationError(
                    _("The scale has %(wanted)d reverse-scored items; you marked %(got)d.")
                    % {"wanted": self.rules["reverse_count"], "got": marked}
                )
        return items
