"""URLs of the agenda exports (PDF and DOCX), included in relais.design.urls."""

from django.urls import path

from relais.design import export_views

urlpatterns = [
    path("<int:pk>/agenda.pdf", export_views.agenda_pdf, name="agenda_pdf"),
    path("<int:pk>/agenda.docx", export_views.agenda_docx, name="agenda_docx"),
]
