"""URLs of the attendance and certificate pages (full paths: the delivery URLconf is mounted at the
site root). The certificate check under verify/ is public: no login."""

from django.urls import URLPattern, path

from relais.delivery import views_attendance as attendance
from relais.delivery import views_certificates as certificates

urlpatterns: list[URLPattern] = [
    path("sessions/<int:pk>/attendance/", attendance.attendance_page, name="attendance"),
    path("sessions/<int:pk>/attendance/close/", attendance.attendance_close, name="attendance_close"),
    path("sessions/<int:pk>/attendance/<str:day>/mark/", attendance.attendance_mark, name="attendance_mark"),
    path(
        "sessions/<int:pk>/attendance/<str:day>/everyone-present/",
        attendance.attendance_all_present,
        name="attendance_all_present",
    ),
    path(
        "sessions/<int:pk>/attendance/<str:day>/sign-in.pdf",
        attendance.attendance_signin_pdf,
        name="attendance_signin_pdf",
    ),
    path("sessions/<int:pk>/certificates/", certificates.certificate_list, name="certificates"),
    path("sessions/<int:pk>/certificates/issue/", certificates.certificates_issue_view, name="certificates_issue"),
    path("sessions/<int:pk>/certificates.zip", certificates.certificates_zip_view, name="certificates_zip"),
    path(
        "sessions/<int:pk>/certificates/<int:certificate_pk>/certificate.pdf",
        certificates.certificate_pdf_view,
        name="certificate_pdf",
    ),
    path(
        "sessions/<int:pk>/certificates/<int:certificate_pk>/revoke/",
        certificates.certificate_revoke_view,
        name="certificate_revoke",
    ),
    path("verify/", certificates.verify, name="verify"),
    path("verify/<str:code>/", certificates.verify_code, name="verify_code"),
]
