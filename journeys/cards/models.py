"""Card decks and topic cards as loaded from content/cards/. Substance and route cards
have no table of their own: they are drawn from the knowledge base when printed."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from journeys.core.text import localized


class TopicCard(models.Model):
    """A card about a subject rather than one substance: overdose response, sex and drugs."""

    slug = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.JSONField()
    data = models.JSONField()  # subtitle, front and back sections as in topics.yaml

    class Meta:
        ordering = ["position"]
        verbose_name = _("topic card")
        verbose_name_plural = _("topic cards")

    def __str__(self) -> str:
        return str(localized(self.title).text)


class Deck(models.Model):
    slug = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.JSONField()
    description = models.JSONField()
    cards = models.JSONField()  # card references as written: "substance/mdma", "topic/*"

    class Meta:
        ordering = ["position"]
        verbose_name = _("card deck")
        verbose_name_plural = _("card decks")

    def __str__(self) -> str:
        return str(localized(self.title).text)
