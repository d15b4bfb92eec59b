"""Live workshops: a session with a join code, its activities, the people who joined
(by nickname, no account) and their answers. The database is the truth: an answer is
stored before it is acknowledged, and pages rebuild what they show from here."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from journeys.accounts.models import Organisation
from journeys.assessments.models import Measurement
from journeys.trainings.models import Exercise, Training


class Workshop(models.Model):
    class Status(models.TextChoices):
        LIVE = "live", _("Live")
        ENDED = "ended", _("Ended")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    training = models.ForeignKey(Training, on_delete=models.SET_NULL, null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    code = models.CharField(max_length=8, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.LIVE)
    participant_cap = models.PositiveIntegerField(_("most participants"), default=300)
    leaderboard = models.BooleanField(_("show a quiz leaderboard"), default=False)
    # The leaderboard is on the projector only while the trainer shows it.
    leaderboard_shown = models.BooleanField(default=False)
    # The trainer's lock: those in the room stay, nobody new joins.
    joining_closed = models.BooleanField(_("closed to new participants"), default=False)
    # The pre/post questionnaires' measurement, made when the first one is added.
    measurement = models.OneToOneField(
        Measurement, on_delete=models.SET_NULL, null=True, blank=True, related_name="workshop"
    )
    current = models.ForeignKey(
        "Activity", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Rises with every change participants see (an activity opened, closed, revealed):
    # the id of the event streams, so a page that reconnects knows whether it missed one.
    stage = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    ended = models.DateTimeField(null=True, blank=True)
    # When and where the trainer plans to hold it (optional): what its calendar entry and
    # the trainer's agenda feed say (journeys/workshops/agenda.py).
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"


class Activity(models.Model):
    class State(models.TextChoices):
        READY = "ready", _("Ready")
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed")
        REVEALED = "revealed", _("Results shown")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=30)  # a registered activity type (activities/)
    config = models.JSONField()  # the prompt, options, right answer: per kind
    progress = models.JSONField(null=True, blank=True)  # a scenario's path so far
    state = models.CharField(max_length=10, choices=State.choices, default=State.READY)
    # Deleted by the trainer: out of the list, the phones, the report and Next, with its
    # answers kept, so that it can be restored until the workshop ends.
    deleted = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return f"{self.kind} #{self.position}"


class Participant(models.Model):
    """Someone in the room: a nickname and a secret in their browser's cookie."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    nickname = models.CharField(max_length=30)
    token = models.CharField(max_length=64, unique=True)
    # Only with this on may the room see the nickname beside a quiz score.
    named = models.BooleanField(default=False)
    joined = models.DateTimeField(auto_now_add=True)
    # Removed by the trainer: kept (without answers) so the phone can be told, and so
    # the room's join count still counts it; never counted as in the room.
    removed = models.BooleanField(default=False)

    class Meta:
        ordering = ["joined"]

    def __str__(self) -> str:
        return self.nickname


class Answer(models.Model):
    """One per participant per activity: a second answer replaces the first."""

    class Review(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SHOWN = "shown", _("Shown")
        HIDDEN = "hidden", _("Hidden")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="answers")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField()
    review = models.CharField(max_length=10, choices=Review.choices, default=Review.PENDING)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "participant"], name="one_answer_per_participant"
            )
        ]

    def __str__(self) -> str:
        return f"answer {self.pk} to {self.activity_id}"


class Plan(models.Model):
    """A workshop prepared once and run as often as needed: a name and an ordered list
    of activities. It belongs to an organisation; its trainers see, edit and start it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("workshop plan")
        verbose_name_plural = _("workshop plans")

    def __str__(self) -> str:
        return self.name


class PlanItem(models.Model):
    """One activity of a plan, as a snapshot (kind and config, as an Activity has them),
    so a later change to the content does not break the plan; `exercise` says where it
    came from, for display only."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()  # 1..n without gaps
    kind = models.CharField(max_length=30)  # a registered activity type (activities/)
    config = models.JSONField()
    exercise = models.ForeignKey(
        Exercise, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.position}"


class AgendaFeed(models.Model):
    """A trainer's secret calendar address: a calendar app cannot log in, so the random
    token in the URL is the key. Renewing replaces it (the old address stops working);
    deleting the row turns the feed off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"agenda feed of {self.user_id}"
