"""What a data export says about motivational-interviewing practice: nothing is stored."""

from django.utils.translation import gettext_lazy as _

from journeys.accounts.personal_data import add_note

NOT_STORED = _(
    "Practice conversations with virtual clients and the reflective-listening test are "
    "not stored: a conversation lives only in the page while you practise."
)


def connect() -> None:
    add_note("mi", NOT_STORED)
