"""Delivery: sessions of a design, the people trained, their registrations and attendance (DESIGN.md §2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from relais.core.models import Country, Language, Profession
from relais.design.models import ActivityDesign
from relais.programmes.models import Organisation, Programme


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for registration")
    DELIVERED = "delivered", _("Delivered")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class Session(models.Model):
    """One delivery of a design, in one place, on given dates."""

    design = models.ForeignKey(
        ActivityDesign, verbose_name=_("design"), on_delete=models.PROTECT, related_name="sessions"
    )
    # The design's programme, kept here so that scoping and lists need no join through designs.
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=300)
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+")
    city = models.CharField(_("city"), max_length=120)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Seats; registrations beyond it go to the waiting list.")
    )
    status = models.CharField(_("status"), max_length=12, choices=SessionStatus.choices, default=SessionStatus.PLANNED)
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True, related_name="+")
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("trainers"), blank=True, related_name="sessions_trained"
    )
    notes = models.TextField(_("notes"), blank=True)
    cancellation_reason = models.CharField(_("reason for cancellation"), max_length=500, blank=True)
    duplicated_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-start_date", "id"]
        indexes = [
            models.Index(fields=["programme", "country", "start_date"], name="session_scope"),
            models.Index(fields=["start_date"], name="session_start"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="session_dates_valid"),
        ]

    def __str__(self) -> str:
        return self.title


class Gender(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    OTHER = "other", _("Other")
    UNDISCLOSED = "undisclosed", _("Prefers not to say")


class Person(models.Model):
    """One real professional across all sessions (DESIGN.md §2)."""

    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    # Lower case, accents removed, Cyrillic and other scripts transliterated: "djordjevic milan".
    name_key = models.CharField(max_length=320, db_index=True, editable=False)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, default=Gender.UNDISCLOSED)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    profession = models.ForeignKey(
        Profession, verbose_name=_("profession"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Set when the person was erased (on request or at the end of the retention period): names and
    # contacts are gone, what the statistics count (gender, country, organisation, profession) stays.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            models.Index(fields=["country", "name_key"], name="person_country_name"),
            models.Index(fields=["email"], name="person_email"),
            # The people list's order: its first page is read from this index, not by sorting everyone.
            models.Index(fields=["last_name", "first_name", "id"], name="person_name_order"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name as "First Last", or a translated label with the record's number once the person is anonymised."""
        if self.anonymised_at is not None:
            return gettext("Anonymised person (no. %(n)s)") % {"n": self.pk}
        return f"{self.first_name} {self.last_name}"

    @property
    def sort_name(self) -> str:
        """The name as lists show it ("Last, First"), or the anonymised label."""
        if self.anonymised_at is not None:
            return self.display_name
        return f"{self.last_name}, {self.first_name}"


class ConsentMethod(models.TextChoices):
    PAPER = "paper", _("Signed paper form")
    ONLINE = "online", _("Online form")
    EMAIL = "email", _("E-mail")
    ORAL = "oral", _("Oral, recorded by staff")


class Consent(models.Model):
    """What a person agreed to, when and how; withdrawn consents are kept with their withdrawal date."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("what was agreed"), max_length=300)
    given_on = models.DateField(_("date"))
    method = models.CharField(_("how"), max_length=12, choices=ConsentMethod.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "id"]

    def __str__(self) -> str:
        return self.purpose


class RegistrationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not come")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Registration(models.Model):
    """A person in a session, with their profession and organisation as they were at the time."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="registrations")
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED
    )
    profession = models.ForeignKey(
        Profession, verbose_name=_("profession"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation_name = models.CharField(_("organisation (as registered)"), max_length=300, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("source"), max_length=20, default="manual")
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["session", "person__last_name", "person__first_name"]
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="registration_unique")]
        indexes = [models.Index(fields=["session", "status"], name="registration_session_status")]

    def __str__(self) -> str:
        return f"{self.person} — {self.session}"


class Attendance(models.Model):
    """Presence of one registered person on one day of the session."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="attendance")
    day = models.DateField(_("day"))
    present = models.BooleanField(_("present"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["registration", "day"], name="attendance_unique")]

    def __str__(self) -> str:
        return f"{self.registration} {self.day}"


class Certificate(models.Model):
    """A certificate of attendance; anyone may check its code on a public page."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="certificate")
    code = models.CharField(_("verification code"), max_length=32, unique=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")

    def __str__(self) -> str:
        return self.code


class ImportRecord(models.Model):
    """One import of a participant list (kept for the audit and to recognise the same file again)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="imports")
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=255)
    rows = models.PositiveIntegerField(default=0)
    people_created = models.PositiveIntegerField(default=0)
    people_matched = models.PositiveIntegerField(default=0)
    registrations_created = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return self.filename
