"""Evaluation URLs of one area (import), gathered in urls.py."""

from typing import Any

urlpatterns: list[Any] = []
