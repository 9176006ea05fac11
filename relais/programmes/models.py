"""Programmes, the countries they work in, and who holds which role in them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from relais.core.models import Country, Theme


def _is_french() -> bool:
    return (get_language() or "en")[:2] == "fr"


def _translated(en: str, fr: str) -> str:
    return (fr if _is_french() else "") or en


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


class ReportingPeriod(models.TextChoices):
    HALF_YEAR = "half_year", _("Half-year")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


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
    # Objectives: prose shown as a list (one per line). Nothing refers to a single objective: what is
    # measured hangs off the results framework (outcomes, outputs, indicators) below.
    objectives_en = models.TextField(_("objectives (English)"), blank=True, help_text=_("One objective per line."))
    objectives_fr = models.TextField(_("objectives (French)"), blank=True, help_text=_("One objective per line."))
    partners: models.ManyToManyField[Organisation, Any] = models.ManyToManyField(
        "Organisation", verbose_name=_("partners"), blank=True, related_name="programmes"
    )
    reporting_period = models.CharField(
        _("reporting period"),
        max_length=12,
        choices=ReportingPeriod.choices,
        default=ReportingPeriod.HALF_YEAR,
        help_text=_("Indicator values are reported for each of these periods."),
    )
    # Personal data (DESIGN.md §7): how long participants' identities are kept, and what they are told.
    retention_months = models.PositiveSmallIntegerField(
        _("retention period (months)"),
        null=True,
        blank=True,
        help_text=_(
            "Participants are anonymised this many months after their last session in the programme, "
            "unless they take part in another programme that keeps them longer. Empty: kept until erased "
            "on request."
        ),
    )
    privacy_notice_en = models.TextField(
        _("privacy notice (English)"),
        blank=True,
        help_text=_("Shown to participants before they answer; empty: the standard notice of the platform."),
    )
    privacy_notice_fr = models.TextField(_("privacy notice (French)"), blank=True)
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

    @property
    def privacy_notice(self) -> str:
        """The programme's own notice in the current language (English when no French); empty: none."""
        return (self.privacy_notice_fr if _is_french() else "") or self.privacy_notice_en

    @property
    def objectives(self) -> list[str]:
        text = (self.objectives_fr if _is_french() else "") or self.objectives_en
        return [line.strip() for line in text.splitlines() if line.strip()]


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
    kind = models.CharField(_("type"), max_length=30, choices=OrganisationKind.choices)
    website = models.URLField(_("website"), blank=True)
    # Name, acronym and other names, lower-cased, without accents and in Latin letters: the search
    # key that makes "nis" find "Niš" on SQLite and PostgreSQL alike (kept by the services).
    search_key = models.TextField(_("search key"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["country", "kind"], name="organisation_country_kind")]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


# --- Results framework (logframe): outcomes → outputs → indicators → values per period ------------


class Outcome(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="outcomes"
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("For example 1."))
    statement_en = models.TextField(_("statement (English)"))
    statement_fr = models.TextField(_("statement (French)"), blank=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["programme", "code"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="outcome_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.statement}"

    @property
    def statement(self) -> str:
        return _translated(self.statement_en, self.statement_fr)


class Output(models.Model):
    # The programme is repeated here so that codes are unique in the programme (a database constraint);
    # the services keep it equal to the outcome's.
    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="+")
    outcome = models.ForeignKey(Outcome, verbose_name=_("outcome"), on_delete=models.CASCADE, related_name="outputs")
    code = models.CharField(_("code"), max_length=20, help_text=_("For example 1.1."))
    statement_en = models.TextField(_("statement (English)"))
    statement_fr = models.TextField(_("statement (French)"), blank=True)

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["programme", "code"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="output_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.statement}"

    @property
    def statement(self) -> str:
        return _translated(self.statement_en, self.statement_fr)


class IndicatorLevel(models.TextChoices):
    OUTCOME = "outcome", _("Outcome")
    OUTPUT = "output", _("Output")


class IndicatorSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    COMPUTED = "computed", _("Computed by Relais")


class Indicator(models.Model):
    """Measures an outcome or an output: from a baseline towards a target, with an actual value per period."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="indicators"
    )
    level = models.CharField(_("level"), max_length=10, choices=IndicatorLevel.choices)
    outcome = models.ForeignKey(
        Outcome, verbose_name=_("outcome"), null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    output = models.ForeignKey(
        Output, verbose_name=_("output"), null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("For example 1.1.a."))
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_fr = models.CharField(_("name (French)"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("For example people, %, countries."))
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=4, default=0)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=4, null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=IndicatorSource.choices, default="manual")
    formula = models.CharField(
        _("formula"), max_length=80, blank=True, help_text=_("For computed indicators: what Relais computes.")
    )
    disaggregation = models.TextField(
        _("disaggregation"), blank=True, help_text=_("For example by sex, country and profession.")
    )
    means_of_verification = models.TextField(_("means of verification"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["programme", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="indicator_code_unique"),
            models.CheckConstraint(
                condition=(Q(level="outcome", outcome__isnull=False, output__isnull=True))
                | Q(level="output", output__isnull=False, outcome__isnull=True),
                name="indicator_level_matches_parent",
            ),
            models.CheckConstraint(
                condition=Q(source="manual", formula="") | (Q(source="computed") & ~Q(formula="")),
                name="indicator_formula_when_computed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return _translated(self.name_en, self.name_fr)

    @property
    def is_computed(self) -> bool:
        return self.source == IndicatorSource.COMPUTED


class IndicatorValue(models.Model):
    """The actual value of a manual indicator for one reporting period."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered"), auto_now=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "period_end"], name="indicator_value_period_unique"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="indicator_value_period_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_start}–{self.period_end}: {self.value}"
