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
