"""Programmes, the countries they work in, and who holds which role in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from relais.core.models import Country, Theme


class Role(models.TextChoices):
    MANAGER = "manager", _("Programme manager")
    COORDINATOR = "coordinator", _("Country coordinator")
    TRAINER = "trainer", _("Trainer")
    ME_OFFICER = "me_officer", _("M&E officer")
    VIEWER = "viewer", _("Viewer")


class RouteRole(models.TextChoices):
    ORIGIN = "origin", _("Origin")
    TRANSIT = "transit", _("Transit")
    DESTINATION = "destination", _("Destination")


class Programme(models.Model):
    code = models.SlugField(_("short code"), max_length=40, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    donor = models.CharField(_("donor"), max_length=200, blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="programmes")
    countries: models.ManyToManyField[Country, ProgrammeCountry] = models.ManyToManyField(
        Country, through="ProgrammeCountry", verbose_name=_("countries"), related_name="programmes"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_date", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="programme_period_valid")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return (self.title_fr if (get_language() or "en")[:2] == "fr" else "") or self.title_en

    @property
    def summary(self) -> str:
        return (self.summary_fr if (get_language() or "en")[:2] == "fr" else "") or self.summary_en


class ProgrammeCountry(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="programme_countries")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    route_role = models.CharField(_("role on the route"), max_length=12, choices=RouteRole.choices)

    class Meta:
        verbose_name = _("programme country")
        verbose_name_plural = _("programme countries")
        constraints = [models.UniqueConstraint(fields=["programme", "country"], name="programme_country_unique")]

    def __str__(self) -> str:
        return f"{self.country} ({self.get_route_role_display()})"


class ProgrammeRole(models.Model):
    """A user's role in one programme; coordinators (and optionally trainers) are limited to countries."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="programme_roles",
        verbose_name=_("user"),
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="roles", verbose_name=_("programme")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    countries = models.ManyToManyField(
        Country,
        verbose_name=_("countries"),
        blank=True,
        related_name="+",
        help_text=_("Limits the role to these countries. Required for country coordinators."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme role")
        verbose_name_plural = _("programme roles")
        constraints = [models.UniqueConstraint(fields=["user", "programme", "role"], name="programme_role_unique")]
        indexes = [models.Index(fields=["user", "programme"], name="programme_role_user")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.programme.code}"


class Sector(models.TextChoices):
    PUBLIC = "public", _("Public")
    PRIVATE = "private", _("Private")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    INTERNATIONAL = "international", _("International")


class OrganisationKind(models.TextChoices):
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Labour inspectorate")
    POLICE = "police", _("Police")
    PROSECUTION = "prosecution", _("Prosecution service")
    COURT = "court", _("Court")
    MINISTRY = "ministry", _("Ministry")
    NGO = "ngo", _("Non-governmental organisation")
    EMPLOYER = "employer", _("Employer")
    TRADE_UNION = "trade_union", _("Trade union")
    INTERNATIONAL_BODY = "international_body", _("International body")
    TRAINING_INSTITUTE = "training_institute", _("Training institute")
    RESEARCH = "research", _("Research institute")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    """An agency, court, inspectorate, NGO, company or international body (DESIGN.md §2)."""

    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    other_names = models.TextField(
        _("names in other languages"),
        blank=True,
        help_text=_("One per line, for example the name in Serbian."),
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["country", "kind"], name="organisation_country_kind")]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name
