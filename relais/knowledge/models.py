"""The knowledge centre: documents, their files (versions) and extracted text, translations,
collections, and the change log that keeps every search replica current (DESIGN.md §2, §5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from relais.core.models import Country, Profession, Theme


class DocumentKind(models.TextChoices):
    STUDY = "study", _("Study")
    GUIDELINE = "guideline", _("Guideline")
    MANUAL = "manual", _("Manual")
    TRAINING_MATERIAL = "training_material", _("Training material")
    REPORT = "report", _("Report")
    LEGAL_TEXT = "legal_text", _("Legal text")
    CASE_LAW = "case_law", _("Case law")


class Access(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")


class TranslationGroup(models.Model):
    """Documents that are translations of one another ("this guideline in English, French and Serbian")."""

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("translation group")
        verbose_name_plural = _("translation groups")

    def __str__(self) -> str:
        return f"translations #{self.pk}"


class Document(models.Model):
    kind = models.CharField(_("type"), max_length=30, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=500)
    abstract = models.TextField(
        _("abstract"), blank=True, help_text=_("Sanitised HTML: paragraphs, lists, emphasis, links.")
    )
    language = models.CharField(
        _("language of the title and abstract"), max_length=8, help_text=_("ISO 639-1 code, e.g. en, fr, sr.")
    )
    languages = models.JSONField(_("languages of the content"), default=list, blank=True)
    authors = models.JSONField(_("authors"), default=list, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    place = models.CharField(_("place of publication"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    access = models.CharField(_("access"), max_length=10, choices=Access.choices, default=Access.INTERNAL)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    countries = models.ManyToManyField(Country, verbose_name=_("countries"), blank=True, related_name="+")
    audiences = models.ManyToManyField(Profession, verbose_name=_("audiences"), blank=True, related_name="+")
    translation_group = models.ForeignKey(
        TranslationGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="documents"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-year", "title", "id"]
        indexes = [
            models.Index(fields=["access", "-year"]),
            models.Index(fields=["doi"]),
            models.Index(fields=["isbn"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__isnull=True) | (Q(year__gte=1800) & Q(year__lte=2200)), name="document_year_range"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.access == Access.PUBLIC


class DocumentTitle(models.Model):
    """The title and abstract of a document in another language than its own."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="titles")
    language = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=500)
    abstract = models.TextField(_("abstract"), blank=True)

    class Meta:
        verbose_name = _("title in another language")
        verbose_name_plural = _("titles in other languages")
        ordering = ["language"]
        constraints = [models.UniqueConstraint(fields=["document", "language"], name="document_title_language_once")]

    def __str__(self) -> str:
        return self.title


class FileKind(models.TextChoices):
    """File types accepted, recognised by their content (never by their name)."""

    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    ODT = "odt", "OpenDocument (ODT)"
    PPTX = "pptx", "PowerPoint (PPTX)"
    XLSX = "xlsx", "Excel (XLSX)"
    TXT = "txt", _("Plain text")
    HTML = "html", "HTML"


class TextStatus(models.TextChoices):
    PENDING = "pending", _("Text being extracted")
    DONE = "done", _("Text extracted")
    EMPTY = "empty", _("No text found (a scan?)")
    FAILED = "failed", _("Text could not be read")


def document_file_path(instance: DocumentFile, filename: str) -> str:
    # The stored name never carries the uploaded name (it is kept in original_name).
    return f"knowledge/{instance.document_id}/{instance.sha256[:16]}.{instance.kind}"


class DocumentFile(models.Model):
    """One version of a document's file; the current version is the one searched and offered first."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    version = models.PositiveIntegerField(_("version"))
    is_current = models.BooleanField(_("current version"), default=True)
    file = models.FileField(_("file"), upload_to=document_file_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("file type"), max_length=10, choices=FileKind.choices)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    text_status = models.CharField(max_length=10, choices=TextStatus.choices, default=TextStatus.PENDING)
    text = models.TextField(blank=True)
    text_error = models.CharField(max_length=300, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["document", "version"], name="document_file_version_once"),
            models.UniqueConstraint(
                fields=["document"], condition=Q(is_current=True), name="document_one_current_file"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} (v{self.version})"


class Collection(models.Model):
    """A curated set of documents, e.g. a training package."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    access = models.CharField(_("access"), max_length=10, choices=Access.choices, default=Access.INTERNAL)
    documents: models.ManyToManyField[Document, CollectionItem] = models.ManyToManyField(
        Document, through="CollectionItem", related_name="collections"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="collection_items")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["collection", "document"], name="collection_document_once")]

    def __str__(self) -> str:
        return f"{self.collection_id}:{self.document_id}"


class SearchChange(models.Model):
    """The change log every search replica applies: one row per write that changes what a
    document's index entry holds, written in the same transaction as the change. A replica reads
    the rows after the last it applied (and the gaps it saw: ids of transactions not yet committed),
    re-reads those documents and replaces their entries; a document gone or hidden is removed."""

    id = models.BigAutoField(primary_key=True)
    document_id = models.BigIntegerField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("search change")
        verbose_name_plural = _("search changes")

    def __str__(self) -> str:
        return f"change {self.pk} of document {self.document_id}"
