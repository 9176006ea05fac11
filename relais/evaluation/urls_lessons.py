"""Evaluation URLs of one area (lessons), gathered in urls.py."""

from typing import Any

urlpatterns: list[Any] = []
