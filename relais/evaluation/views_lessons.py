"""The lessons learned pages: record a lesson from a session or a design, read, edit, validate or
mark applied, delete, and the programme's roll-up. Who may what: see selectors_lessons (404 for
everyone else)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from relais.core.http import is_htmx
from relais.delivery.models import Session
from relais.delivery.scoping import session_get, sessions_visible
from relais.design.models import ActivityDesign
from relais.design.selectors import design_get, designs_visible
from relais.evaluation.forms_lessons import LessonFilterForm, LessonForm
from relais.evaluation.models import LessonLearned, LessonStatus
from relais.evaluation.scoping import results_scope
from relais.evaluation.selectors_lessons import (
    is_staff_of,
    lesson_for_changing,
    lesson_for_validating,
    lesson_get,
    lesson_rollup,
    may_change,
    may_validate,
    programme_tags,
)
from relais.evaluation.services_lessons import (
    LessonData,
    lesson_create,
    lesson_delete,
    lesson_set_status,
    lesson_update,
)

PER_PAGE = 50


def _detail_url(lesson: LessonLearned) -> str:
    return reverse("evaluation:lesson", kwargs={"pk": lesson.pk})


def _create(request: HttpRequest, *, session: Session | None, design: ActivityDesign | None) -> HttpResponse:
    source: Session | ActivityDesign = session or design  # type: ignore[assignment]
    tags = programme_tags(user=request.user, programme=source.programme_id)
    form = LessonForm(request.POST or None, suggested_tags=tags)
    if request.method == "POST" and form.is_valid():
        lesson = lesson_create(
            actor=request.user,
            data=LessonData.from_form(form.cleaned_data),
            session=session,
            design=design,
            request=request,
        )
        messages.success(request, _("The lesson is recorded. It is shown to donors once validated."))
        return redirect(_detail_url(lesson))
    back = (
        reverse("delivery:session", kwargs={"pk": session.pk})
        if session
        else reverse("design:detail", kwargs={"pk": source.pk})
    )
    return render(
        request,
        "evaluation/lessons/form.html",
        {"form": form, "session": session, "design": design, "source": source, "back": back, "lesson": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_new_session(request: HttpRequest, pk: int) -> HttpResponse:
    return _create(request, session=session_get(user=request.user, pk=pk), design=None)


@login_required
@require_http_methods(["GET", "POST"])
def lesson_new_design(request: HttpRequest, pk: int) -> HttpResponse:
    return _create(request, session=None, design=design_get(user=request.user, pk=pk))


def _source_links(user: Any, lesson: LessonLearned) -> dict[str, Any]:
    """Links to the lesson's session or design, for those who may open them."""
    out: dict[str, Any] = {"session_url": None, "design_url": None}
    if lesson.session_id and sessions_visible(user=user).filter(pk=lesson.session_id).exists():
        out["session_url"] = reverse("delivery:session", kwargs={"pk": lesson.session_id})
    design_id = lesson.design_id or (lesson.session.design_id if lesson.session else None)
    if design_id and designs_visible(user=user).filter(pk=design_id).exists():
        out["design_url"] = reverse("design:detail", kwargs={"pk": design_id})
    return out


@login_required
@require_GET
def lesson_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = lesson_get(user=request.user, pk=pk)
    validator = may_validate(user=request.user, programme=lesson.programme_id)
    ctx = {
        "lesson": lesson,
        "programme": lesson.programme,
        "may_validate": validator,
        "may_change": may_change(user=request.user, lesson=lesson, validator=validator),
        "statuses": [(value, label) for value, label in LessonStatus.choices if value != lesson.status],
        "show_author": validator or is_staff_of(user=request.user, programme=lesson.programme_id),
        **_source_links(request.user, lesson),
    }
    return render(request, "evaluation/lessons/detail.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def lesson_edit(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = lesson_for_changing(user=request.user, pk=pk)
    tags = programme_tags(user=request.user, programme=lesson.programme_id)
    if request.method == "POST":
        form = LessonForm(request.POST, suggested_tags=tags)
        if form.is_valid():
            lesson_update(
                actor=request.user, lesson=lesson, data=LessonData.from_form(form.cleaned_data), request=request
            )
            messages.success(request, _("The lesson is saved."))
            return redirect(_detail_url(lesson))
    else:
        form = LessonForm.for_lesson(lesson, suggested_tags=tags)
    source = lesson.session or lesson.design
    return render(
        request,
        "evaluation/lessons/form.html",
        {
            "form": form,
            "lesson": lesson,
            "source": source,
            "session": lesson.session,
            "design": lesson.design,
            "back": _detail_url(lesson),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = lesson_for_changing(user=request.user, pk=pk)
    if request.method == "POST":
        programme_id = lesson.programme_id
        lesson_delete(actor=request.user, lesson=lesson, request=request)
        messages.success(request, _("The lesson is deleted."))
        return redirect(reverse("evaluation:lessons", kwargs={"pk": programme_id}))
    return render(request, "evaluation/lessons/delete.html", {"lesson": lesson, "programme": lesson.programme})


@login_required
@require_POST
def lesson_status(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = lesson_for_validating(user=request.user, pk=pk)
    status = request.POST.get("status", "")
    if status in LessonStatus.values:
        lesson_set_status(actor=request.user, lesson=lesson, status=status, request=request)
        messages.success(request, _("The lesson is now: %(status)s.") % {"status": LessonStatus(status).label})
    else:
        messages.error(request, _("Choose a status."))
    return redirect(_detail_url(lesson))


@login_required
@require_GET
def lessons(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme's roll-up: the lessons the user may see, filtered, counted per tag and status."""
    scope = results_scope(user=request.user, programme_pk=pk)
    programme = scope.programme
    tags = programme_tags(user=request.user, programme=programme)
    form = LessonFilterForm(request.GET or None, programme=programme, tags=tags)
    if form.is_bound:
        form.is_valid()
    rollup = lesson_rollup(user=request.user, programme=programme, filters=form.filters())
    page = Paginator(rollup.lessons, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    ctx = {
        "programme": programme,
        "form": form,
        "rollup": rollup,
        "page": page,
        "statuses": LessonStatus.choices,
        "query": query.urlencode(),
        "filtered": form.is_bound and form.filters().any,
        "viewer": scope.suppress_small,
    }
    template = "evaluation/lessons/partials/rollup.html" if is_htmx(request) else "evaluation/lessons/list.html"
    return render(request, template, ctx)
