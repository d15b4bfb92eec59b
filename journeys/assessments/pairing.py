"""The self-generated code that pairs someone's before, after and follow-up answers.

Four questions a person answers the same way months later, without writing down a code
and without giving their name. Only a keyed hash of the answers is stored, keyed per
measurement: the same person in two workshops cannot be linked, and the code cannot be
read back from the database.
"""

import hashlib
import hmac
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class CodeError(Exception):
    """An answer to a code question does not fit; the message says how to answer it."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(errors.values()))


@dataclass(frozen=True)
class CodeQuestion:
    name: str
    label: object  # a lazy translation
    kind: str  # "letters" or "number"
    length: int  # letters wanted, or most digits
    low: int = 0
    high: int = 0


CODE_QUESTIONS = [
    CodeQuestion(
        "mother",
        _(
            "The first two letters of your mother's first name "
            "(or of someone else you will always remember)"
        ),
        "letters",
        2,
    ),
    CodeQuestion("birthday", _("The day of the month you were born (1 to 31)"), "number", 2, 1, 31),
    CodeQuestion("street", _("The first letter of the street you grew up in"), "letters", 1),
    CodeQuestion(
        "siblings", _("How many older brothers and sisters you have (0 to 20)"), "number", 2, 0, 20
    ),
]


def _letters(text: str) -> str:
    """Upper-case letters without accents: 'Éva' and 'eva' give the same code."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.upper() if c.isalpha())


def read_code(fields: Mapping[str, str]) -> str:
    """The normalised code, e.g. 'MA-14-K-2', or CodeError naming each bad answer."""
    parts, errors = [], {}
    for question in CODE_QUESTIONS:
        raw = fields.get(question.name, "").strip()
        if question.kind == "letters":
            letters = _letters(raw)[: question.length]
            if len(letters) < question.length:
                errors[question.name] = ngettext(
                    "Write %(n)d letter.", "Write %(n)d letters.", question.length
                ) % {"n": question.length}
            parts.append(letters)
        else:
            if not raw.isdigit() or not question.low <= int(raw) <= question.high:
                errors[question.name] = str(
                    _("Write a number from %(low)d to %(high)d.")
                    % {"low": question.low, "high": question.high}
                )
            else:
                parts.append(str(int(raw)))
    if errors:
        raise CodeError(errors)
    return "-".join(parts)


def pair_key(measurement_token: str, code: str) -> str:
    secret = settings.SECRET_KEY.encode()
    message = f"{measurement_token}:{code}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]
