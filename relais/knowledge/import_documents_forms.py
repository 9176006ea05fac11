"""The upload form of a catalogue import: the metadata sheet and, optionally, a ZIP of the files; both
are refused here, before anything is kept, when they cannot be read at all."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm
from relais.knowledge.import_documents_files import FilesRefused, open_zip, zip_max_bytes
from relais.knowledge.import_documents_read import SHEET_MAX_BYTES, SheetRefused, read_table

SHEET_TYPES = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv")
ZIP_TYPES = ("application/zip", "application/x-zip-compressed")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f}"


class DocumentsUploadForm(StyledForm):
    sheet = forms.FileField(label=_("Metadata sheet"))
    archive = forms.FileField(label=_("Files (ZIP)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sheet"].help_text = gettext(
            "The template filled in (.xlsx), or the same columns as CSV; one row per document; at most %(mb)s MB."
        ) % {"mb": _mb(SHEET_MAX_BYTES)}
        self.fields["archive"].help_text = gettext(
            "A ZIP file holding the documents' files, as the sheet names them; at most %(mb)s MB. "
            "Leave it empty to import the metadata only."
        ) % {"mb": _mb(zip_max_bytes())}
        # Hints for the file picker only: both files are checked by their content.
        self.fields["sheet"].widget.attrs["accept"] = ".xlsx,.csv,.txt," + ",".join(SHEET_TYPES)
        self.fields["archive"].widget.attrs["accept"] = ".zip," + ",".join(ZIP_TYPES)

    def clean_sheet(self) -> Any:
        upload = self.cleaned_data["sheet"]
        if upload.size > SHEET_MAX_BYTES:
            raise forms.ValidationError(
                gettext("The sheet is too large: at most %(mb)s MB.") % {"mb": _mb(SHEET_MAX_BYTES)}
            )
        # A sheet that cannot be read at all is refused here and never kept for the preview.
        try:
            read_table(upload.read())
        except SheetRefused as refusal:
            raise forms.ValidationError(refusal.message) from None
        finally:
            upload.seek(0)
        return upload

    def clean_archive(self) -> Any:
        upload = self.cleaned_data.get("archive")
        if not upload:
            return None
        if upload.size > zip_max_bytes():
            raise forms.ValidationError(
                gettext("The ZIP file is too large: at most %(mb)s MB.") % {"mb": _mb(zip_max_bytes())}
            )
        head = upload.read(4)
        upload.seek(0)
        if head not in (b"PK\x03\x04", b"PK\x05\x06"):
            raise forms.ValidationError(
                gettext("This is not a ZIP file: put the documents' files in a ZIP file (compressed folder).")
            )
        # Its directory only (no member is inflated): too many files, a decompression bomb, an office
        # document instead of a ZIP of files… are refused here and never kept.
        try:
            open_zip(upload.read(), label=upload.name or "files.zip", max_bytes=zip_max_bytes()).close()
        except FilesRefused as refusal:
            raise forms.ValidationError(refusal.message) from None
        finally:
            upload.seek(0)
        return upload
