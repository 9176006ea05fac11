"""Reference data shared by every app, and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TranslatedName(models.Model):
    """A reference item with its name in each interface language."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    is_active = models.BooleanField(_("in use"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        lang = (get_language() or "en")[:2]
        return (self.name_fr if lang == "fr" else self.name_en) or self.name_en

    @classmethod
    def order_field(cls) -> str:
        return "name_fr" if (get_language() or "en")[:2] == "fr" else "name_en"


class Country(TranslatedName):
    """ISO 3166-1 countries, plus Kosovo (XK, a user-assigned code)."""

    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    alpha3 = models.CharField(_("ISO alpha-3 code"), max_length=3, blank=True)

    class Meta(TranslatedName.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")


class Profession(TranslatedName):
    """Professional group or sector of a trained professional."""

    class Meta(TranslatedName.Meta):
        verbose_name = _("profession")
        verbose_name_plural = _("professions")


class Theme(TranslatedName):
    """Subject area of programmes, designs and documents."""

    class Meta(TranslatedName.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Language(TranslatedName):
    """ISO 639-1 languages (working languages, interpretation, documents)."""

    code = models.CharField(_("ISO 639-1 code"), max_length=3, unique=True)

    class Meta(TranslatedName.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class AuditEvent(models.Model):
    """Who did what to which record, and when. Written by services in the same transaction."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The actor's e-mail at the time, kept if the account is later anonymised or removed.
    actor_label = models.CharField(_("actor"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["action", "-at"], name="audit_action_at"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            models.Index(fields=["actor", "-at"], name="audit_actor_at"),
            models.Index(Lower("actor_label"), name="audit_actor_label"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"
