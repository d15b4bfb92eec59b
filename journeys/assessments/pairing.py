"""The self-generated code that pairs someone's before, after and follow-up answers.

Four questions a person answers the same way months later, without writing down a code
and without giving their name. Only a key derived from the answers is stored, per
measurement: the same person in two workshops cannot be linked, and the code cannot be
read back from the database.

The code space is small (676 × 31 × 26 × 21 = 11.4 million codes), so a fast keyed hash
gives every respondent's code to anyone who holds its key: trying all codes took 37 s.
The stored key is therefore

    scrypt(HMAC(SECRET_KEY, token:code), salt=HMAC(pairing key, token), n=2**15, r=8)

- slow: one derivation costs 0.09 to 0.16 s and 32 MiB; trying every code against one
  measurement costs 6 to 11 days of both cores of the 2-core machine this was built on
  (`python bench/assessments.py` measures it). One derivation per questionnaire.
- peppered: the salt needs the pairing key, a random file kept apart from var/ and the
  database (JOURNEYS_PAIRING_KEY_FILE). Without it not a single code can be tried.
- The inner HMAC is what was stored before keys were slow: migration 0003 turned every
  stored key into its slow form, so earlier answers pair with later ones, and the
  knowledge form still follows the inner HMAC, so nobody who answered before the change
  gets the same form after it.
"""

import hashlib
import hmac
import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from journeys.core import keyfiles
from journeys.core.numbers import whole_number


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
            number = whole_number(raw, question.low, question.high)
            if number is None:
                errors[question.name] = str(
                    _("Write a number from %(low)d to %(high)d.")
                    % {"low": question.low, "high": question.high}
                )
            else:
                parts.append(str(number))
    if errors:
        raise CodeError(errors)
    return "-".join(parts)


# scrypt's cost: 128 × n × r bytes of memory (32 MiB) and 0.09 to 0.16 s per derivation.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1

# How many different codes there are: what a full search has to try.
CODE_SPACE = math.prod(
    26**q.length if q.kind == "letters" else q.high - q.low + 1 for q in CODE_QUESTIONS
)


@dataclass(frozen=True)
class Pairing:
    key: str  # stored with each response
    first_form: str  # the knowledge form before: "a" or "b"; after, the other one


def pairing_for(measurement_token: str, code: str) -> Pairing:
    """The stored key for this code in this measurement: one slow derivation."""
    inner = legacy_key(measurement_token, code)
    first_form = "a" if int(inner[:8], 16) % 2 == 0 else "b"
    return Pairing(slow_key(measurement_token, inner), first_form)


def legacy_key(measurement_token: str, code: str) -> str:
    """The fast keyed hash that was stored before keys were slow; never stored now."""
    secret = settings.SECRET_KEY.encode()
    message = f"{measurement_token}:{code}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def slow_key(measurement_token: str, inner: str) -> str:
    salt = hmac.new(pairing_secret(), measurement_token.encode(), hashlib.sha256).digest()
    derived = hashlib.scrypt(
        inner.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=2**26, dklen=16
    )
    return derived.hex()


def pairing_secret() -> bytes:
    return _read_or_create(Path(settings.PAIRING_KEY_FILE))


@cache
def _read_or_create(path: Path) -> bytes:
    """The pairing key file's random key, made on first use (core/keyfiles.py)."""
    try:
        text = keyfiles.read_or_create(path)
    except OSError as error:
        raise ImproperlyConfigured(
            f"Cannot read or create the pairing key file {path} ({error.strerror}): "
            "set JOURNEYS_PAIRING_KEY_FILE to a writable path outside JOURNEYS_VAR_DIR."
        ) from error
    if len(text) < 32:
        raise ImproperlyConfigured(f"The pairing key file {path} holds too short a key.")
    return text.encode()
