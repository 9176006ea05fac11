"""Evaluation's results pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from relais.evaluation.scoping import programmes_for_results


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The Evaluation menu: the programmes whose evaluation the user may read."""
    programmes = programmes_for_results(user=request.user)
    return render(request, "evaluation/index.html", {"programmes": programmes})
