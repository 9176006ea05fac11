"""The URLs of config.urls plus the benchmarks' floor page (ROOT_URLCONF when RELAIS_BENCH is on)."""

from django.urls import path

from config.urls import urlpatterns as base_patterns
from relais.core.views_floor import floor

urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *base_patterns]
