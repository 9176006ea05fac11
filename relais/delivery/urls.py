"""Delivery URLs, mounted at the site root: /sessions/…, /people/…, /verify/…"""

from relais.delivery.attendance_urls import urlpatterns as attendance
from relais.delivery.people_urls import urlpatterns as people
from relais.delivery.personal_data_urls import urlpatterns as personal_data
from relais.delivery.registrations_urls import urlpatterns as registrations
from relais.delivery.sessions_urls import urlpatterns as sessions

app_name = "delivery"

urlpatterns = [*sessions, *people, *personal_data, *registrations, *attendance]
