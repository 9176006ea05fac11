"""Evaluation (DESIGN.md §4): questionnaires and their items, personal links, responses with their
stored totals, the cooperation network reported in follow-ups, and lessons learned.

Figures are aggregated from per-response totals (Response.score, likert_*, applies_learning) and
from LearningScore rows (one per paired pre/post), written when a response is submitted and
recomputed when a questionnaire's key changes — never from individual answers at report time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from relais.core.models import Country, Profession, Theme
from relais.delivery.models import Person, Registration, Session
from relais.design.models import ActivityDesign, LearningObjective
from relais.programmes.models import Organisation, Programme


class QuestionnaireKind(models.TextChoices):
    PRE_TEST = "pre", _("Pre-test")
    POST_TEST = "post", _("Post-test")
    SATISFACTION = "satisfaction", _("Satisfaction")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CUSTOM = "custom", _("Custom")


class QuestionnaireStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("questionnaire status", "Draft")
    OPEN = "open", pgettext_lazy("questionnaire status", "Open for answers")
    CLOSED = "closed", pgettext_lazy("questionnaire status", "Closed")


class Questionnaire(models.Model):
    """An evaluation instrument of one session. Texts are written in `language` and translated into
    the other languages of `languages` (item.translations)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="questionnaires")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+", editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionnaireKind.choices)
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(_("introduction"), blank=True)
    # Translations of title and introduction: {"fr": {"title": "…", "introduction": "…"}}.
    translations = models.JSONField(default=dict, blank=True)
    language = models.CharField(_("written in"), max_length=10, default="en")
    languages = models.JSONField(_("languages offered"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionnaireStatus.choices, default=QuestionnaireStatus.DRAFT
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Answers are not linked to a participant (satisfaction questionnaires only)."),
    )
    # A post-test names the pre-test it is compared with.
    paired_with = models.OneToOneField(
        "self",
        verbose_name=_("pre-test it is compared with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="paired_post",
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True, help_text=_("Personal links expire then."))
    # Incremented on every change, for optimistic concurrency.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["session", "kind", "id"]
        indexes = [models.Index(fields=["programme", "kind"], name="questionnaire_programme_kind")]
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(kind__in=["satisfaction", "custom"]),
                name="questionnaire_anonymous_kinds",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(opens_on__isnull=True) | Q(closes_on__gte=models.F("opens_on")),
                name="questionnaire_dates_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_test(self) -> bool:
        return self.kind in (QuestionnaireKind.PRE_TEST, QuestionnaireKind.POST_TEST)


class Section(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=300)
    translations = models.JSONField(default=dict, blank=True)  # {"fr": {"title": "…"}}
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class ItemType(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    LIKERT = "likert", _("Agreement scale 1–5")
    NUMBER = "number", _("Number")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    CONTACTS = "contacts", _("Contacts made (co-participants or agencies)")
    COOPERATION = "cooperation", _("Cooperation undertaken")


class ItemRole(models.TextChoices):
    """What a figure of DESIGN.md §4 reads from an item, beyond its own answers."""

    NONE = "", _("None")
    APPLICATION = "application", _("Use of learning (level 3)")
    APPLICATION_EXAMPLE = "application_example", _("Example of use of learning")


class Item(models.Model):
    """One question. Choices are [{"value": "a", "label": "…"}]; `correct` lists the values that
    score (scored items of tests); translations: {"fr": {"text": "…", "help": "…", "options": {"a": "…"}}}."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    type = models.CharField(_("type"), max_length=12, choices=ItemType.choices)
    text = models.TextField(_("question"))
    help = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=True)
    options = models.JSONField(_("choices"), default=list, blank=True)
    correct = models.JSONField(_("correct answers"), default=list, blank=True)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, default=0)
    objective = models.ForeignKey(
        LearningObjective,
        verbose_name=_("learning objective"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("counts as"), max_length=24, choices=ItemRole.choices, default="", blank=True)
    translations = models.JSONField(default=dict, blank=True)
    library_item = models.ForeignKey(
        "LibraryItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="uses"
    )

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["position", "id"]
        constraints = [models.CheckConstraint(condition=Q(points__gte=0), name="item_points_positive")]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_scored(self) -> bool:
        return bool(self.points) and bool(self.correct)


class LibraryItem(models.Model):
    """A reusable item (shared by a programme, or by all when programme is empty)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("for questionnaires of kind"), max_length=16, choices=QuestionnaireKind.choices)
    type = models.CharField(_("type"), max_length=12, choices=ItemType.choices)
    text = models.TextField(_("question"))
    help = models.CharField(_("help text"), max_length=500, blank=True)
    options = models.JSONField(_("choices"), default=list, blank=True)
    correct = models.JSONField(_("correct answers"), default=list, blank=True)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, default=0)
    role = models.CharField(_("counts as"), max_length=24, choices=ItemRole.choices, default="", blank=True)
    translations = models.JSONField(default=dict, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    required = models.BooleanField(_("required"), default=True)
    standard = models.BooleanField(
        _("proposed for every new questionnaire of its kind"),
        default=False,
        help_text=_("Questionnaires created from a design's evaluation plan start with the standard items."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("library item")
        verbose_name_plural = _("item library")
        ordering = ["kind", "text", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Invitation(models.Model):
    """A participant's personal link to one questionnaire: unguessable, expiring, one response."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="invitations")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="invitations")
    token = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=10, default="en")
    expires_at = models.DateTimeField(_("expires"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders"), default=0)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "registration"], name="invitation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.registration} — {self.questionnaire}"


class ResponseStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


class ResponseSource(models.TextChoices):
    WEB = "web", _("Web")
    PAPER = "paper", _("Paper, typed in")
    IMPORT = "import", _("Spreadsheet import")
    API = "api", _("Entered through the API")


class Response(models.Model):
    """The answers of one participant (or one anonymous respondent) to one questionnaire, with the
    totals that every figure is aggregated from."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="responses")
    # Denormalised for aggregation without joins: scope and the dimensions of DESIGN.md §4.
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+", editable=False)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+", editable=False)
    kind = models.CharField(max_length=16, choices=QuestionnaireKind.choices, editable=False)
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.CASCADE, related_name="responses"
    )
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    profession = models.ForeignKey(Profession, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(_("language"), max_length=10, default="en")
    status = models.CharField(
        _("status"), max_length=12, choices=ResponseStatus.choices, default=ResponseStatus.IN_PROGRESS
    )
    source = models.CharField(_("source"), max_length=8, choices=ResponseSource.choices, default=ResponseSource.WEB)
    # Anonymous web responses carry a random key in a cookie so they can be resumed.
    resume_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Stored totals (written on submit; recomputed when the key changes).
    score = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    objective_scores = models.JSONField(default=dict, blank=True)  # {"<objective id>": [score, max]}
    likert_count = models.PositiveSmallIntegerField(default=0)
    likert_sum = models.PositiveSmallIntegerField(default=0)
    likert_high = models.PositiveSmallIntegerField(default=0)  # answers of 4 or 5
    applies_learning = models.BooleanField(null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-submitted_at", "id"]
        indexes = [
            models.Index(fields=["programme", "kind", "status"], name="response_programme_kind"),
            models.Index(fields=["session", "kind", "status"], name="response_session_kind"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "registration"],
                condition=Q(registration__isnull=False),
                name="response_one_per_registration",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} #{self.pk}"


class Answer(models.Model):
    """One answer. `value` holds what was answered (a choice value, a list of them, a number, a
    text); `number` the numeric value of Likert and number items; `points` what a scored item earned."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(null=True, blank=True)
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    points = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["response", "item"], name="answer_unique")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.value}"


class LearningScore(models.Model):
    """One participant's paired pre/post result (DESIGN.md §4, level 2), written when the second of
    the two is submitted. Scores are fractions of the maximum (0–1)."""

    post_response = models.OneToOneField(Response, on_delete=models.CASCADE, related_name="learning")
    pre_response = models.OneToOneField(Response, on_delete=models.CASCADE, related_name="+")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    design = models.ForeignKey(ActivityDesign, on_delete=models.CASCADE, related_name="+")
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    profession = models.ForeignKey(Profession, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    pre = models.FloatField()
    post = models.FloatField()
    difference = models.FloatField()
    gain = models.FloatField(null=True, blank=True)  # (post − pre) / (1 − pre); empty when pre = 1
    improved = models.BooleanField()

    class Meta:
        indexes = [
            models.Index(fields=["session"], name="learning_session"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.pre:.2f} → {self.post:.2f}"


class Contact(models.Model):
    """A tie reported in a follow-up: `person` says they are in touch with `contact` (a person) or
    with an organisation. Ties are undirected when figures are computed."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="contacts")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contacts_named")
    contact = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="named_by")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="contacted_by"
    )
    reported_on = models.DateField()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [models.Index(fields=["programme", "reported_on"], name="contact_programme_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(contact__isnull=False) | Q(organisation__isnull=False), name="contact_has_target"
            ),
            models.CheckConstraint(
                condition=Q(contact__isnull=True) | ~Q(contact=models.F("person")), name="contact_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.contact_id or self.organisation_id}"


class CooperationType(models.TextChoices):
    INFORMATION_EXCHANGE = "information_exchange", _("Information exchange")
    JOINT_INVESTIGATION = "joint_investigation", _("Joint investigation")
    MLA_REQUEST = "mla_request", _("Mutual legal assistance request")
    VICTIM_REFERRAL = "victim_referral", _("Victim referral")
    JOINT_INSPECTION = "joint_inspection", _("Joint inspection")
    OTHER = "other", _("Other cooperation")


class CooperationEvent(models.Model):
    """Concrete cooperation a participant reports having undertaken after the session."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="cooperation_events")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="cooperation_events")
    type = models.CharField(_("type"), max_length=24, choices=CooperationType.choices)
    countries = models.ManyToManyField(Country, verbose_name=_("countries"), blank=True, related_name="+")
    date = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("cooperation event")
        verbose_name_plural = _("cooperation events")
        indexes = [models.Index(fields=["programme", "date"], name="cooperation_programme_date")]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.date}"


class LessonStatus(models.TextChoices):
    OBSERVED = "observed", _("Observed")
    VALIDATED = "validated", _("Validated")
    APPLIED = "applied", _("Applied")


class LessonLearned(models.Model):
    """A structured observation from a session or a design (DESIGN.md §2)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="lessons", editable=False)
    session = models.ForeignKey(
        Session, verbose_name=_("session"), null=True, blank=True, on_delete=models.CASCADE, related_name="lessons"
    )
    design = models.ForeignKey(
        ActivityDesign,
        verbose_name=_("design"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="lessons",
    )
    title = models.CharField(_("title"), max_length=300)
    what_happened = models.TextField(_("what happened"))
    why_it_matters = models.TextField(_("why it matters"), blank=True)
    recommendation = models.TextField(_("recommendation"), blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=LessonStatus.choices, default=LessonStatus.OBSERVED)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")
        ordering = ["-created_at", "id"]
        indexes = [models.Index(fields=["programme", "status"], name="lesson_programme_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(session__isnull=False) | Q(design__isnull=False), name="lesson_has_source"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SessionEntry(models.Model):
    """The unguessable address of a session's page for participants (the QR code of the sign-in
    sheet): it lists the open anonymous questionnaires and sends participants their personal links."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="evaluation_entry")
    token = models.CharField(max_length=64, unique=True, editable=False)

    def __str__(self) -> str:
        return f"{self.session_id}"
