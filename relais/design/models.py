"""Activity designs: the reusable blueprint of a capacity-building activity (DESIGN.md §2–3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from relais.core.models import Country, Language, Profession, Theme
from relais.programmes.models import Organisation, Programme, RouteRole


class DesignType(models.TextChoices):
    TRAINING = "training", _("Training")
    WORKSHOP = "workshop", _("Workshop")
    SIMULATION = "simulation", _("Simulation exercise")
    STUDY_VISIT = "study_visit", _("Study visit")
    TOT = "tot", _("Training of trainers")


class DesignFormat(models.TextChoices):
    NATIONAL = "national", _("National")
    BILATERAL = "bilateral", _("Bilateral")
    REGIONAL = "regional", _("Regional")
    TRANSNATIONAL = "transnational", _("Transnational")


class DesignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    READY = "ready", _("Ready for delivery")
    ARCHIVED = "archived", _("Archived")


class Sustainability(models.TextChoices):
    CONTACT_LIST = "contact_list", _("Exchange of a contact list among participants")
    TOT = "tot", _("Training of trainers (formateurs relais)")
    CURRICULUM = "curriculum", _("Uptake into a national training curriculum")
    FOLLOW_UP_MEETING = "follow_up_meeting", _("Follow-up meeting or refresher")
    NETWORK = "network", _("Practitioners' network or online community")
    JOINT_PROCEDURES = "joint_procedures", _("Joint procedures or referral protocol")


class ActivityDesign(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="designs"
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    type = models.CharField(_("type"), max_length=20, choices=DesignType.choices, default=DesignType.TRAINING)
    format = models.CharField(_("format"), max_length=20, choices=DesignFormat.choices, default=DesignFormat.NATIONAL)
    status = models.CharField(_("status"), max_length=20, choices=DesignStatus.choices, default=DesignStatus.DRAFT)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    replicated_from = models.ForeignKey(
        "self",
        verbose_name=_("replicated from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replications",
    )
    # Languages: the working languages of the activity, and the languages interpretation is planned into.
    working_languages = models.ManyToManyField(
        Language, verbose_name=_("working languages"), blank=True, related_name="+"
    )
    interpretation_languages = models.ManyToManyField(
        Language,
        verbose_name=_("interpretation into"),
        blank=True,
        related_name="+",
        help_text=_("Languages into which the activity is interpreted."),
    )
    # Evaluation plan.
    plans_pre_test = models.BooleanField(_("pre-test planned"), default=False)
    plans_post_test = models.BooleanField(_("post-test planned"), default=False)
    plans_satisfaction = models.BooleanField(_("satisfaction questionnaire planned"), default=False)
    plans_follow_up = models.BooleanField(_("follow-up questionnaire planned"), default=False)
    follow_up_months = models.PositiveSmallIntegerField(_("follow-up after (months)"), null=True, blank=True)
    evaluation_notes = models.TextField(_("evaluation notes"), blank=True)
    # Needs assessment, follow-up and sustainability.
    needs_assessment = models.TextField(_("needs assessment"), blank=True)
    follow_up_plan = models.TextField(_("follow-up plan"), blank=True)
    sustainability = models.JSONField(_("sustainability measures"), default=list, blank=True)
    partners = models.ManyToManyField(Organisation, verbose_name=_("partners"), blank=True, related_name="designs")
    # The check, stored on every change so that lists can filter and sort by it.
    check_score = models.PositiveSmallIntegerField(_("check score"), default=0)
    check_passed = models.BooleanField(_("check passed"), default=False)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("activity design")
        verbose_name_plural = _("activity designs")
        ordering = ["programme", "title"]
        indexes = [models.Index(fields=["programme", "status"], name="design_programme_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_months__isnull=True) | Q(follow_up_months__lte=36),
                name="design_follow_up_months_range",
            )
        ]

    def __str__(self) -> str:
        return self.title


class DesignCountry(models.Model):
    design = models.ForeignKey(ActivityDesign, on_delete=models.CASCADE, related_name="design_countries")
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+")
    route_role = models.CharField(_("role on the route"), max_length=12, choices=RouteRole.choices)
    participant_languages = models.ManyToManyField(
        Language,
        verbose_name=_("participants' languages"),
        blank=True,
        related_name="+",
        help_text=_("The languages the participants from this country work in."),
    )

    class Meta:
        verbose_name = _("participating country")
        verbose_name_plural = _("participating countries")
        constraints = [models.UniqueConstraint(fields=["design", "country"], name="design_country_unique")]

    def __str__(self) -> str:
        return f"{self.country} ({self.get_route_role_display()})"


class SeatQuota(models.Model):
    """Seats for one profession from one participating country."""

    design = models.ForeignKey(ActivityDesign, on_delete=models.CASCADE, related_name="quotas")
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+")
    profession = models.ForeignKey(Profession, verbose_name=_("profession"), on_delete=models.PROTECT, related_name="+")
    seats = models.PositiveSmallIntegerField(_("seats"))

    class Meta:
        verbose_name = _("seat quota")
        verbose_name_plural = _("seat quotas")
        constraints = [
            models.UniqueConstraint(fields=["design", "country", "profession"], name="seat_quota_unique"),
            models.CheckConstraint(condition=Q(seats__gt=0), name="seat_quota_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.country} · {self.profession}: {self.seats}"


class ObjectiveKind(models.TextChoices):
    KNOWLEDGE = "knowledge", _("Knowledge")
    SKILL = "skill", _("Skill")
    ATTITUDE = "attitude", _("Attitude")


class LearningObjective(models.Model):
    design = models.ForeignKey(ActivityDesign, on_delete=models.CASCADE, related_name="objectives")
    kind = models.CharField(_("kind"), max_length=12, choices=ObjectiveKind.choices)
    text = models.CharField(_("objective"), max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("learning objective")
        verbose_name_plural = _("learning objectives")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class AgendaDay(models.Model):
    design = models.ForeignKey(ActivityDesign, on_delete=models.CASCADE, related_name="days")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("agenda day")
        verbose_name_plural = _("agenda days")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title or f"#{self.position + 1}"


class Method(models.TextChoices):
    LECTURE = "lecture", _("Lecture or presentation")
    PANEL = "panel", _("Panel discussion")
    DISCUSSION = "discussion", _("Plenary discussion")
    CASE_STUDY = "case_study", _("Case study")
    SIMULATION = "simulation", _("Simulation exercise")
    MOCK_TRIAL = "mock_trial", _("Mock trial")
    GROUP_WORK = "group_work", _("Group work")
    STUDY_VISIT = "study_visit", _("Study visit")
    ROLE_PLAY = "role_play", _("Role play")
    EVALUATION = "evaluation", _("Test or evaluation")
    OPENING = "opening", _("Opening, closing or logistics")


class AgendaModule(models.Model):
    day = models.ForeignKey(AgendaDay, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    trainer_profile = models.CharField(_("trainer profile"), max_length=300, blank=True)
    objectives = models.ManyToManyField(
        LearningObjective, verbose_name=_("objectives served"), blank=True, related_name="modules"
    )

    class Meta:
        verbose_name = _("agenda module")
        verbose_name_plural = _("agenda modules")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=720),
                name="module_duration_range",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Material(models.Model):
    """A material of a module: a document of the knowledge centre, or a titled reference with a link
    elsewhere or a file. The title of a linked document is copied, so that a deleted document still
    leaves a readable reference."""

    module = models.ForeignKey(AgendaModule, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to="design/materials/%Y/", blank=True)
    document = models.ForeignKey(
        "knowledge.Document",
        verbose_name=_("document of the knowledge centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="design_materials",
    )

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class NeedsSource(models.Model):
    """Evidence the needs assessment rests on: a study, a survey, a consultation, a report."""

    design = models.ForeignKey(ActivityDesign, on_delete=models.CASCADE, related_name="needs_sources")
    title = models.CharField(_("source"), max_length=300)
    url = models.URLField(_("link"), blank=True)
    note = models.CharField(_("what it shows"), max_length=500, blank=True)
    document = models.ForeignKey(
        "knowledge.Document",
        verbose_name=_("document of the knowledge centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="design_sources",
    )

    class Meta:
        verbose_name = _("source of the needs assessment")
        verbose_name_plural = _("sources of the needs assessment")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class DesignReference(models.Model):
    """A document of the knowledge centre that a design draws on: its sources and further reading."""

    design = models.ForeignKey(ActivityDesign, on_delete=models.CASCADE, related_name="references")
    document = models.ForeignKey(
        "knowledge.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="design_references",
    )
    note = models.CharField(_("why it is useful"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("reference")
        verbose_name_plural = _("sources and further reading")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["design", "document"], name="design_reference_once")]

    def __str__(self) -> str:
        return f"{self.design_id}:{self.document_id}"


class AdaptationTopic(models.TextChoices):
    LANGUAGES = "languages", _("Working languages and interpretation")
    LEGAL_FRAMEWORK = "legal_framework", _("National legal framework")
    LOCAL_TRAINERS = "local_trainers", _("Local trainers")
    TRANSLATED_MATERIALS = "translated_materials", _("Translated materials")
    LOCAL_PARTNERS = "local_partners", _("Local partners")


class AdaptationItem(models.Model):
    """One point of the adaptation checklist of a replicated design."""

    design = models.ForeignKey(ActivityDesign, on_delete=models.CASCADE, related_name="adaptation_items")
    topic = models.CharField(_("topic"), max_length=30, choices=AdaptationTopic.choices)
    done = models.BooleanField(_("done"), default=False)
    note = models.CharField(_("note"), max_length=500, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("adaptation item")
        verbose_name_plural = _("adaptation items")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["design", "topic"], name="adaptation_item_unique")]

    def __str__(self) -> str:
        return self.get_topic_display()


class Severity(models.TextChoices):
    REQUIRED = "required", _("Required")
    RECOMMENDED = "recommended", _("Recommended")


class RuleSetting(models.Model):
    """The data of one rule of the design model: severity, thresholds, whether it applies at all.
    The rule's logic is code (relais.design.rules); what can be tuned is here."""

    code = models.CharField(_("rule"), max_length=10, unique=True)
    severity = models.CharField(_("severity"), max_length=12, choices=Severity.choices)
    thresholds = models.JSONField(_("thresholds"), default=dict, blank=True)
    enabled = models.BooleanField(_("in use"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("design rule")
        verbose_name_plural = _("design rules")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code
