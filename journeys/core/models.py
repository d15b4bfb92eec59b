import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.Model):
    """An entry of content/sources.yaml: what every fact on the platform cites."""

    key = models.SlugField(_("id"), max_length=80, unique=True)
    title = models.TextField(_("title"))
    author = models.TextField(_("author or publisher"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    language = models.CharField(_("language of the title"), max_length=3, default="en")
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return f"{self.author} ({self.year or 'n.d.'}). {self.title}"

    @property
    def short_name(self) -> str:
        return f"{self.author.split(',')[0].split(' (')[0]} {self.year or 'n.d.'}"


def new_content_version() -> str:
    return secrets.token_hex(8)


class ContentLoad(models.Model):
    """One row per successful `content load`. Its `version`, a random token, names the
    content that pages read from memory (journeys/core/content/readmodel.py): a new load
    gives a new version in every process. Not the id: a rolled-back load (in the tests, a
    database restored from a backup) can hand out the same id again for other content."""

    loaded_at = models.DateTimeField(auto_now_add=True)
    version = models.CharField(max_length=32, default=new_content_version)
    summary = models.JSONField(default=dict)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"content load {self.pk} at {self.loaded_at:%Y-%m-%d %H:%M}"


def current_content_version() -> str:
    """The version of the newest content load ("" before any), one indexed query.
    Pages ask journeys.core.content.readmodel.content_version(), which asks this once
    per request."""
    return ContentLoad.objects.values_list("version", flat=True).first() or ""


class RateCounter(models.Model):
    """How often something was done in one minute, for rate limits without Redis: the
    database is shared by every server process, so the count is too (journeys/core/limits.py)."""

    minute = models.PositiveBigIntegerField()  # minutes since 1970
    key = models.CharField(max_length=64)  # a keyed hash of what is counted: no address in clear
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            # minute first: the same index finds one counter and the old minutes to delete
            models.UniqueConstraint(fields=["minute", "key"], name="one_counter_per_minute_and_key")
        ]

    def __str__(self) -> str:
        return f"{self.key[:8]}… {self.count} in minute {self.minute}"
