"""Pre/post measurement: the instruments loaded from content, the measurements a trainer
runs (one per live workshop, one per training for self-paced learners) and the responses,
linked only by a key made from a self-generated code, never by name or account."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from journeys.accounts.models import Organisation
from journeys.core.text import localized
from journeys.trainings.models import Training


class Instrument(models.Model):
    """A training's instruments (content/assessments/<training>.yaml), as validated."""

    training = models.OneToOneField(Training, on_delete=models.CASCADE, related_name="instrument")
    definition = models.JSONField()

    def __str__(self) -> str:
        return f"instruments for {self.training.slug}"


class Scale(models.Model):
    """A licensed scale's scoring rules (content/assessments/scales/<slug>.yaml)."""

    slug = models.SlugField(unique=True)
    definition = models.JSONField()

    def __str__(self) -> str:
        return self.slug


class LicensedScale(models.Model):
    """A scale's item text as an organisation pasted it, under its own licence."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    scale = models.ForeignKey(Scale, on_delete=models.CASCADE, related_name="+")
    items = models.JSONField()  # [{"text": str, "reverse": bool}], in the scale's order
    permission = models.CharField(_("permission"), max_length=300)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "scale"], name="one_text_per_scale")
        ]

    def __str__(self) -> str:
        return f"{self.scale.slug} for {self.organisation}"


def new_token() -> str:
    return secrets.token_urlsafe(12)


class Measurement(models.Model):
    """One group's pre, post and follow-up: a workshop's, or a training's self-paced
    learners' (no organisation). Reports pool a training's measurements."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Live workshop")
        SELF_PACED = "self-paced", _("Self-paced")

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    # The address of the questionnaires (/m/<token>/...): hard to guess, shareable.
    token = models.CharField(max_length=24, unique=True, default=new_token)
    follow_up_open = models.BooleanField(_("follow-up open"), default=False)
    scales = models.ManyToManyField(LicensedScale, blank=True, related_name="+")
    demo = models.BooleanField(default=False)  # synthetic responses, to show a full report
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.title

    @property
    def shown_title(self) -> str:
        """The title on pages: a self-paced measurement is called after its training, in
        the reader's language."""
        if self.kind == self.Kind.SELF_PACED:
            return str(localized(self.training.title).text)
        return self.title


class Response(models.Model):
    class Phase(models.TextChoices):
        PRE = "pre", _("Before")
        POST = "post", _("After")
        FOLLOW_UP = "follow-up", _("Follow-up")

    measurement = models.ForeignKey(Measurement, on_delete=models.CASCADE, related_name="responses")
    phase = models.CharField(max_length=10, choices=Phase.choices)
    form = models.CharField(max_length=1, blank=True)  # the knowledge form: "a", "b" or none
    # HMAC of the participant's code, keyed per measurement: pairs pre, post and follow-up
    # without storing the code itself or linking one person across measurements.
    pair_key = models.CharField(max_length=32, db_index=True)
    answers = models.JSONField()  # {item id: answer}; an unanswered item is absent
    language = models.CharField(max_length=5, default="en")
    submitted = models.DateTimeField(auto_now_add=True)
    # Self-paced answers only: the organisations the logged-in learner belonged to, so each
    # organisation downloads its own learners' answers from the shared measurement. Never
    # the learner: that would undo the pairing key's anonymity.
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="+")

    class Meta:
        ordering = ["submitted", "id"]

    def __str__(self) -> str:
        return f"{self.phase} response {self.pk}"
