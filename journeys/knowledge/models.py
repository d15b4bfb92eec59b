"""The knowledge base as loaded from content/knowledge/. Content is the truth; these
tables are what pages and the checker read. Nested, sourced facts stay as JSON in the
shape of the content schema ({"en": ..., "nl": ..., "sources": [...]})."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from journeys.core.text import localized
from journeys.knowledge.vocabulary import Status


class Route(models.Model):
    slug = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    name = models.JSONField()
    data = models.JSONField()  # summary, onset, risks, tips

    class Meta:
        ordering = ["position"]
        verbose_name = _("route of administration")
        verbose_name_plural = _("routes of administration")

    def __str__(self) -> str:
        return str(localized(self.name).text)


class InteractionGroup(models.Model):
    """A row of the interaction table: one substance or a class of them."""

    slug = models.SlugField(unique=True)
    name = models.JSONField()
    tripsit = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("interaction group")
        verbose_name_plural = _("interaction groups")

    def __str__(self) -> str:
        return str(localized(self.name).text)


class Mechanism(models.Model):
    slug = models.SlugField(unique=True)
    text = models.JSONField()
    sources = models.JSONField()

    def __str__(self) -> str:
        return self.slug


class Interaction(models.Model):
    """One pair of groups; stored once, with group_a's slug <= group_b's."""

    group_a = models.ForeignKey(InteractionGroup, on_delete=models.CASCADE, related_name="+")
    group_b = models.ForeignKey(InteractionGroup, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=30, choices=[(s.value, s.value) for s in Status])
    mechanism = models.ForeignKey(Mechanism, on_delete=models.PROTECT)
    note = models.JSONField(null=True, blank=True)
    sources = models.JSONField()
    # "tripsit" (TripSit's chart, and we agree) or "journeys" (our own rating).
    rated_by = models.CharField(max_length=10, default="tripsit")
    deviation = models.JSONField(null=True, blank=True)  # {tripsit_status, reason, sources}

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group_a", "group_b"], name="one_interaction_per_pair")
        ]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")

    def __str__(self) -> str:
        return f"{self.group_a_id} + {self.group_b_id}: {self.status}"


class Substance(models.Model):
    slug = models.SlugField(unique=True)
    name = models.JSONField()
    classes = models.JSONField()  # list of SubstanceClass ids
    groups = models.ManyToManyField(InteractionGroup, related_name="substances")
    search_text = models.TextField()  # every name, lower-cased, for search
    data = models.JSONField()  # the whole validated file

    class Meta:
        ordering = ["slug"]
        verbose_name = _("substance")
        verbose_name_plural = _("substances")

    def __str__(self) -> str:
        return str(localized(self.name).text)


class Risk(models.Model):
    slug = models.SlugField(unique=True)
    name = models.JSONField()

    def __str__(self) -> str:
        return str(localized(self.name).text)


class Setting(models.Model):
    """Where a trainee works or lives: nightlife, street outreach, police on duty, ..."""

    slug = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    name = models.JSONField()
    description = models.JSONField()
    risks = models.ManyToManyField(Risk, related_name="settings")

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return str(localized(self.name).text)


class Intervention(models.Model):
    slug = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.JSONField()
    what_to_do = models.JSONField()  # {en, nl, sources}
    settings = models.ManyToManyField(Setting, related_name="interventions")
    reduces = models.ManyToManyField(Risk, related_name="interventions")
    groups = models.ManyToManyField(InteractionGroup, related_name="interventions", blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return str(localized(self.title).text)
