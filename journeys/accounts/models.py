from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A training organisation: its trainers, participants and (later) their data."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    contact_line = models.CharField(_("contact line"), max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    TRAINER = "trainer", _("Trainer")
    PARTICIPANT = "participant", _("Participant")


# Roles that may see the organisation's learners and results.
STAFF_ROLES = (Role.ADMIN, Role.TRAINER)


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    joined = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


class Profile(models.Model):
    """What a person chose to add to their account: the name printed on their
    certificates. Optional; nothing here is needed to learn."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    certificate_name = models.CharField(_("name on your certificate"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)


def printed_name(user: AbstractBaseUser) -> str:
    """The name a certificate shows: the one the person chose, else their full name,
    else their username."""
    chosen = Profile.objects.filter(user_id=user.pk).values_list("certificate_name", flat=True)
    full_name = user.get_full_name() if isinstance(user, AbstractUser) else ""
    return (chosen.first() or "").strip() or full_name or user.get_username()


class AuditEntry(models.Model):
    """One action of a trainer or an administrator that changed or revealed people's data
    (journeys/accounts/audit.py writes them). `target` says what was acted on in words
    that do not name a person: an account number, a certificate code, a report's title."""

    class Action(models.TextChoices):
        MEMBER_ADDED = "member-added", _("Membership added or changed")
        MEMBER_REMOVED = "member-removed", _("Membership ended")
        CERTIFICATE_REVOKED = "certificate-revoked", _("Certificate revoked")
        DATA_EXPORTED = "data-exported", _("Personal data downloaded")
        ACCOUNT_ERASED = "account-erased", _("Account erased")
        REPORT_OPENED = "report-opened", _("Measurement report opened")
        RESPONSES_EXPORTED = "responses-exported", _("Questionnaire answers downloaded")
        WORKSHOP_EXPORTED = "workshop-exported", _("Workshop answers downloaded")
        LRS_CHANGED = "lrs-changed", _("Learning record store settings changed")

    # Kept when the account is erased, without the name: "an erased account" did it.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    target = models.CharField(_("target"), max_length=200)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "-at"], name="audit_by_organisation")]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target}"


class LrsConnection(models.Model):
    """Where an organisation's xAPI statements go (docs/integrations.md), and how sending
    them goes: journeys/accounts/lrs.py. Off until its administrator turns it on."""

    class Actor(models.TextChoices):
        ACCOUNT = "account", _("Account name on the organisation's home page")
        OPAQUE = "opaque", _("An opaque id that only this site can link to a person")

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="lrs_connection"
    )
    enabled = models.BooleanField(_("send statements"), default=False)
    endpoint = models.URLField(_("LRS endpoint"), max_length=500, blank=True)
    username = models.CharField(_("LRS key or username"), max_length=200, blank=True)
    # Needed in the clear to send; never shown back in full nor logged.
    password = models.CharField(_("LRS secret or password"), max_length=200, blank=True)
    actor = models.CharField(
        _("identify learners by"), max_length=20, choices=Actor.choices, default=Actor.OPAQUE
    )
    home_page = models.URLField(_("organisation's home page"), max_length=500, blank=True)
    # Sending: how many tries in a row failed, when the next may start, the last error.
    failures = models.PositiveIntegerField(default=0)
    next_try_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("learning record store connection")
        verbose_name_plural = _("learning record store connections")

    def __str__(self) -> str:
        return f"{self.organisation} -> {self.endpoint or '-'}"


class OutboxStatement(models.Model):
    """One xAPI statement waiting to be sent to an organisation's LRS, written in the same
    transaction as the learning event. Its id is the statement's id, fixed here, so
    sending it again is harmless. Deleted once the LRS has it."""

    id = models.UUIDField(primary_key=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="outbox_statements"
    )
    # The person the statement is about: their erasure takes it away unsent.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outbox_statements"
    )
    statement = models.JSONField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]
        indexes = [models.Index(fields=["organisation", "created"], name="outbox_by_organisation")]
        verbose_name = _("statement waiting to be sent")
        verbose_name_plural = _("statements waiting to be sent")

    def __str__(self) -> str:
        return str(self.id)
