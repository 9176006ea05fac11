"""Evaluation URLs of one area (library), gathered in urls.py."""

from typing import Any

urlpatterns: list[Any] = []
