"""Publications: builds of a programme's results report and of a design's replication kit, kept
with their parameters and output files (DESIGN.md §2, PublicationBuild)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BuildKind(models.TextChoices):
    REPORT = "report", _("Results report")
    KIT = "kit", _("Replication kit")


class BuildStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being built")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Visibility(models.TextChoices):
    TEAM = "team", _("Programme team only")
    PROGRAMME = "programme", _("Published to the programme (viewers too)")
    PUBLIC = "public", _("Published to the public")


def build_path(instance: PublicationBuild, filename: str) -> str:
    return f"publications/{instance.programme_id}/{instance.pk}/{filename}"


class PublicationBuild(models.Model):
    """One build: what was asked (parameters), how far it went, and what it produced. The same
    parameters and the same data give the same content (`content_hash`)."""

    kind = models.CharField(_("kind"), max_length=10, choices=BuildKind.choices, default=BuildKind.REPORT)
    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="publication_builds")
    design = models.ForeignKey(
        "design.ActivityDesign", on_delete=models.CASCADE, null=True, blank=True, related_name="publication_builds"
    )
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=8)
    # sections (list of keys), session_ids (list or None = all), summary (text), filters…
    parameters = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=BuildStatus.choices, default=BuildStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    pdf = models.FileField(upload_to=build_path, blank=True, max_length=300)
    docx = models.FileField(upload_to=build_path, blank=True, max_length=300)
    archive = models.FileField(upload_to=build_path, blank=True, max_length=300)
    html = models.TextField(blank=True)  # the preview, as rendered at build time
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.TEAM)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("publication build")
        verbose_name_plural = _("publication builds")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["programme", "-created_at"]), models.Index(fields=["visibility"])]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="build_progress_percent"),
            models.CheckConstraint(condition=Q(kind="report") | Q(design__isnull=False), name="kit_build_has_design"),
        ]

    def __str__(self) -> str:
        return self.title
