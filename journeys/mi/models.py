"""Practice personas and reflective-listening items as loaded from content/mi/.
Trainees' replies are not stored: a practice conversation travels with its page."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from journeys.core.text import localized


class Persona(models.Model):
    """A virtual client: who they are, the change goal, and their statements by kind."""

    slug = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    training = models.SlugField()
    title = models.JSONField()
    data = models.JSONField()  # name, situation, change_goal, opening, statements, closing

    class Meta:
        ordering = ["position"]
        verbose_name = _("practice persona")
        verbose_name_plural = _("practice personas")

    def __str__(self) -> str:
        return str(localized(self.title).text)


class ListeningItem(models.Model):
    """A client statement of the reflective-listening test, with an example reply per level."""

    slug = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    statement = models.JSONField()
    examples = models.JSONField()  # {"1": {"en": ..., "nl": ...}, ..., "5": ...}

    class Meta:
        ordering = ["position"]
        verbose_name = _("listening-test item")
        verbose_name_plural = _("listening-test items")

    def __str__(self) -> str:
        return self.slug
