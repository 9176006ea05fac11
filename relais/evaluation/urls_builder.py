"""Evaluation URLs of one area (builder), gathered in urls.py."""

from typing import Any

urlpatterns: list[Any] = []
