"""URLs of the sessions pages (full paths: the delivery URLconf is mounted at the site root)."""

from django.urls import URLPattern, path

from relais.delivery import views_sessions as views

urlpatterns: list[URLPattern] = [
    path("sessions/", views.session_list, name="sessions"),
    path("sessions/calendar/", views.session_calendar, name="sessions_calendar"),
    path("sessions/new/", views.session_new, name="session_new"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/duplicate/", views.session_duplicate, name="session_duplicate"),
    path("sessions/<int:pk>/calendar.ics", views.session_ics, name="session_ics"),
    path("sessions/programme/<int:pk>/calendar.ics", views.programme_ics, name="programme_sessions_ics"),
]
