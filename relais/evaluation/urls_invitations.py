"""Evaluation URLs of one area (invitations), gathered in urls.py."""

from typing import Any

urlpatterns: list[Any] = []
