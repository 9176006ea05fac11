"""Evaluation URLs of one area (network), gathered in urls.py."""

from typing import Any

urlpatterns: list[Any] = []
