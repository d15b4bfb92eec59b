from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from journeys.accounts.access import AnyUser, organisations_for_staff
from journeys.cards.decks import MAX_CUSTOM_CARDS
from journeys.cards.fitting import DEFAULT_SIZE, SIZES
from journeys.cards.pdf import MAX_ORG_LINE

SIZE_CHOICES = [(size.id, size.label) for size in SIZES.values()]
LAYOUT_CHOICES = [
    ("sheets", _("A4 sheets for double-sided printing, with crop marks")),
    ("single", _("One card per page, at card size (for a print shop)")),
]
MAX_CONTACT = 80
CardChoices = list[tuple[str, list[tuple[str, str]]]]  # (kind's label, [(ref, title)])


class PrintForm(forms.Form):
    """How to print: size, layout and, for trainers, their organisation on the back."""

    # Not required: a link without them gets the defaults.
    size = forms.ChoiceField(
        label=_("Card size"),
        choices=SIZE_CHOICES,
        initial=DEFAULT_SIZE,
        required=False,
        widget=forms.RadioSelect,
    )
    layout = forms.ChoiceField(
        label=_("Layout"),
        choices=LAYOUT_CHOICES,
        initial="sheets",
        required=False,
        widget=forms.RadioSelect,
    )
    organisation = forms.ChoiceField(label=_("Organisation on the back"), required=False)
    contact = forms.CharField(
        label=_("Contact line on the back"),
        help_text=_(
            "For example a phone number or a web address. Left empty: the organisation's own "
            "contact line."
        ),
        max_length=MAX_CONTACT,
        required=False,
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = list(organisations_for_staff(user))
        if organisations:
            choices = [("", _("(none)"))] + [(o.slug, o.name) for o in organisations]
            self.fields["organisation"].choices = choices  # type: ignore[attr-defined]
            self.names = {o.slug: o.name for o in organisations}
            self.contacts = {o.slug: o.contact_line for o in organisations}
        else:
            # Only trainers print their organisation's name on cards.
            del self.fields["organisation"]
            del self.fields["contact"]
            self.names, self.contacts = {}, {}

    def clean_size(self) -> str:
        return str(self.cleaned_data.get("size") or DEFAULT_SIZE)

    def clean_layout(self) -> str:
        return str(self.cleaned_data.get("layout") or "sheets")

    def clean_contact(self) -> str:
        contact = " ".join(str(self.cleaned_data.get("contact", "")).split())
        if any(ord(c) < 32 for c in contact):
            raise forms.ValidationError(_("Use plain text on one line."))
        return contact

    def org_line(self) -> str:
        organisation = self.cleaned_data.get("organisation", "")
        contact = self.cleaned_data.get("contact", "") or self.contacts.get(organisation, "")
        parts = [self.names.get(organisation, ""), contact]
        return " · ".join(part for part in parts if part)[:MAX_ORG_LINE]


class ComposeForm(PrintForm):
    """A deck of your own: tick the cards."""

    card = forms.MultipleChoiceField(
        label=_("Cards"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one card for your deck.")},
    )

    def __init__(self, *args: Any, card_choices: CardChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["card"].choices = card_choices  # type: ignore[attr-defined]
        self.page_order = [ref for _kind, cards in card_choices for ref, _title in cards]
        self.order_fields(["card"])

    def clean_card(self) -> list[str]:
        """The ticked cards in the page's order, each once: however a link lists them, the
        same cards are the same deck (and the same stored PDF)."""
        ticked = set(self.cleaned_data["card"])
        if len(ticked) > MAX_CUSTOM_CARDS:
            raise forms.ValidationError(
                _("A deck can hold at most %(max)d cards.") % {"max": MAX_CUSTOM_CARDS}
            )
        return [ref for ref in self.page_order if ref in ticked]
