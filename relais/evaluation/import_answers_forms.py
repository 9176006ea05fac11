"""The upload form of the import of paper answers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from relais.core.forms import StyledForm
from relais.delivery.import_files import MAX_BYTES, FileRefused, read_sheet

ACCEPTED_TYPES = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv")


class AnswersUploadForm(StyledForm):
    file = forms.FileField(label=_("Workbook of answers"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = {"mb": MAX_BYTES // 1024 // 1024}
        self.fields["file"].help_text = (
            gettext(
                "The template of this questionnaire, filled in (.xlsx), or the same columns as CSV; at most %(mb)s MB."
            )
            % limit
        )
        # A hint for the file picker only: the file is checked by its content.
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.xlsm,.csv,.txt," + ",".join(ACCEPTED_TYPES)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                gettext("The file is too large: at most %(mb)s MB.") % {"mb": MAX_BYTES // 1024 // 1024}
            )
        # A file that cannot be read as a spreadsheet at all (not one, damaged, a decompression bomb,
        # XML entities…) is refused here and never kept for the preview.
        try:
            read_sheet(upload.read())
        except FileRefused as refusal:
            raise forms.ValidationError(refusal.message) from None
        finally:
            upload.seek(0)
        return upload
