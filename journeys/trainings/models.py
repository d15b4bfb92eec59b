from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from journeys.core.models import Source
from journeys.core.text import localized


class Training(models.Model):
    """One of the curriculum's trainings, loaded from content/trainings/<slug>/training.yaml.

    Text fields hold {"en": ..., "nl": ...}; `localized` picks the active language."""

    slug = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    icon = models.CharField(max_length=40, blank=True)
    title = models.JSONField()
    summary = models.JSONField()
    audience = models.JSONField()
    # From trainer.md: {"title": {...}, "body": {"en": markdown, "nl": ...}, "sources": [...]}
    trainer_guide = models.JSONField(default=dict, blank=True)
    # training.yaml's certificate.pass_mark: the share (in %) of the scored exercises'
    # points a learner needs, besides every lesson and exercise done, for a certificate.
    pass_mark = models.PositiveSmallIntegerField(default=70)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def __str__(self) -> str:
        return str(localized(self.title).text)


class Objective(models.Model):
    """A learning objective of a training; lessons and exercises will say which they serve."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="objectives")
    key = models.SlugField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)
    text = models.JSONField()
    sources = models.ManyToManyField(Source, related_name="objectives")

    class Meta:
        ordering = ["training", "position"]
        constraints = [
            models.UniqueConstraint(fields=["training", "key"], name="objective_key_per_training")
        ]
        verbose_name = _("learning objective")
        verbose_name_plural = _("learning objectives")

    def __str__(self) -> str:
        return str(localized(self.text).text)

    @property
    def source_keys(self) -> list[str]:
        return [source.key for source in self.sources.all()]


class Lesson(models.Model):
    """A lesson: content/trainings/<slug>/lessons/NN-<slug>.md. The body is Markdown
    per language, rendered when shown."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="lessons")
    slug = models.SlugField(max_length=80)
    position = models.PositiveSmallIntegerField()
    title = models.JSONField()
    body = models.JSONField()
    duration_minutes = models.PositiveSmallIntegerField()
    sources = models.JSONField(default=list)
    objectives = models.ManyToManyField(Objective, related_name="lessons")

    class Meta:
        ordering = ["training", "position"]
        constraints = [
            models.UniqueConstraint(fields=["training", "slug"], name="lesson_slug_per_training")
        ]

    def __str__(self) -> str:
        return str(localized(self.title).text)


class Exercise(models.Model):
    """An exercise: content/trainings/<slug>/exercises/<slug>.yaml; `data` is the whole
    validated file, read back through its type's schema."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="exercises")
    slug = models.SlugField(max_length=80)
    type = models.CharField(max_length=40)
    title = models.JSONField()
    data = models.JSONField()
    lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.SET_NULL, related_name="exercises"
    )
    position = models.PositiveSmallIntegerField(default=0)  # within its lesson
    objectives = models.ManyToManyField(Objective, related_name="exercises")

    class Meta:
        ordering = ["training", "lesson__position", "position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["training", "slug"], name="exercise_slug_per_training")
        ]

    def __str__(self) -> str:
        return str(localized(self.title).text)


class Enrolment(models.Model):
    """A learner following a training at their own pace."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="enrolments")
    started = models.DateTimeField(auto_now_add=True)
    last_lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "training"], name="one_enrolment_per_training")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.training}"


class LessonCompletion(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="completions")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="one_completion_per_lesson"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.lesson}"


class Attempt(models.Model):
    """A learner's answer to an exercise (the latest replaces the one before; a
    scenario keeps its path). Open reflections are private to the learner."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="attempts")
    state = models.JSONField()
    complete = models.BooleanField(default=False)
    score = models.FloatField(null=True, blank=True)
    max_score = models.FloatField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "exercise"], name="one_attempt_per_exercise")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.exercise}"


class Certificate(models.Model):
    """Proof that a learner completed a training; anyone can verify the code."""

    code = models.CharField(max_length=20, unique=True)
    # None once the holder erased their account: the row stays, without the name, so
    # that whoever checks the code learns it was withdrawn (erase_certificates).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="certificates"
    )
    training = models.ForeignKey(Training, on_delete=models.PROTECT, related_name="certificates")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    name = models.CharField(max_length=200)
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)  # at the holder's request

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "training"], name="one_certificate_per_training"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}, {self.training}"
