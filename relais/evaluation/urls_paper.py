"""Evaluation URLs of one area (paper), gathered in urls.py."""

from typing import Any

urlpatterns: list[Any] = []
