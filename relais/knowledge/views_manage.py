"""Managing the knowledge centre: a document's metadata (create, edit with optimistic concurrency,
delete), its titles in other languages, its translations, and collections with their ordered
documents. Administrators and programme managers only (scoping.may_manage); everyone else gets 404."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, ProtectedError, Q, QuerySet, RestrictedError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from relais.core.http import is_htmx
from relais.core.models import AuditEvent
from relais.knowledge import scoping, services, services_collections
from relais.knowledge.forms import CollectionForm, DocumentForm, FindDocumentForm, TitleForm, language_choices
from relais.knowledge.models import Collection, CollectionItem, Document, DocumentTitle

FOUND_MAX = 20


def _manager(request: HttpRequest) -> None:
    if not scoping.may_manage(request.user):
        raise Http404


def _document_url(document: Document | int) -> str:
    pk = document if isinstance(document, int) else document.pk
    return reverse("knowledge:document", kwargs={"pk": pk})


def _collection_url(collection: Collection) -> str:
    return reverse("knowledge:collection", kwargs={"pk": collection.pk})


def _language_names() -> dict[str, str]:
    return dict(language_choices())


def _named(objects: list[Any], names: dict[str, str] | None = None) -> list[Any]:
    """Set `language_name` on each object (its `language` code named in the user's language)."""
    names = names if names is not None else _language_names()
    for obj in objects:
        obj.language_name = names.get(obj.language, obj.language)
    return objects


def _service_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


# --- finding a document by its title ---------------------------------------------------------------


def find_documents(user: Any, query: str, *, exclude: QuerySet[Document] | None = None) -> list[Document]:
    """Documents the user may see whose title (in any language) holds the words, or whose DOI, ISBN or
    number is the query; at most FOUND_MAX, by title."""
    query = " ".join((query or "").split())
    if not query:
        return []
    qs = scoping.documents_visible(user)
    if exclude is not None:
        qs = qs.exclude(pk__in=exclude.values("pk"))
    condition = Q(doi__iexact=query) | Q(isbn=query.replace("-", "").replace(" ", "").upper())
    if query.isdigit():
        condition |= Q(pk=int(query))
    words = query.split()[:8]
    own = Q()
    other = Q()
    for word in words:
        own &= Q(title__icontains=word)
        other &= Q(title__icontains=word)
    titles = DocumentTitle.objects.filter(other, document=OuterRef("pk"))
    condition |= own | Q(Exists(titles))
    return list(qs.filter(condition).order_by("title", "id")[:FOUND_MAX])


# --- documents -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def document_new(request: HttpRequest) -> HttpResponse:
    _manager(request)
    form = DocumentForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                document = services.document_create(actor=request.user, request=request, **form.service_values())
            except ValidationError as error:
                _service_errors(form, error)
            else:
                messages.success(
                    request, _("The document is added. Upload its file below: its text is then searched too.")
                )
                return redirect(_document_url(document))
        return render(request, "knowledge/manage/document_form.html", {"form": form, "document": None}, status=400)
    return render(request, "knowledge/manage/document_form.html", {"form": form, "document": None})


def _parse_version(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
    return parsed


def _last_change(document: Document) -> AuditEvent | None:
    return (
        AuditEvent.objects.filter(
            object_type=document._meta.label_lower, object_id=str(document.pk), action__startswith="document."
        )
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )


def _conflict_message(document: Document) -> str:
    event = _last_change(document)
    when = formats.date_format(timezone.localtime(document.updated_at), "DATETIME_FORMAT")
    who = ""
    if event is not None:
        who = (getattr(event.actor, "full_name", "") or event.actor_label) if event.actor else event.actor_label
    if who:
        text = _("%(who)s changed this document on %(when)s, after you opened this form.") % {"who": who, "when": when}
    else:
        text = _("Someone changed this document on %(when)s, after you opened this form.") % {"when": when}
    fields = (event.details or {}).get("fields") if event is not None else None
    if fields:
        labels = [str(DocumentForm.base_fields[f].label) for f in fields if f in DocumentForm.base_fields]
        if labels:
            text += " " + _("They changed: %(fields)s.") % {"fields": ", ".join(labels)}
    return (
        text
        + " "
        + _(
            "Your changes are not saved yet: they are kept below. Check the document's current version, then "
            "save again to replace it with yours."
        )
    )


class _Stale(Exception):
    pass


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = scoping.document_for_managing(user=request.user, pk=pk)
    if request.method != "POST":
        return render(
            request,
            "knowledge/manage/document_form.html",
            {"form": DocumentForm(document=document), "document": document},
        )
    form = DocumentForm(request.POST, document=document)
    if not form.is_valid():
        return render(request, "knowledge/manage/document_form.html", {"form": form, "document": document}, status=400)
    opened_on = _parse_version(form.cleaned_data.get("updated_at") or "")
    try:
        with transaction.atomic():
            current = Document.objects.select_for_update().get(pk=document.pk)
            if opened_on is None or current.updated_at != opened_on:
                raise _Stale
            services.document_update(actor=request.user, document=current, request=request, **form.service_values())
    except _Stale:
        document.refresh_from_db()
        data = request.POST.copy()
        data["updated_at"] = document.updated_at.isoformat()  # saving again now replaces the newer version
        form = DocumentForm(data, document=document)
        form.is_valid()
        return render(
            request,
            "knowledge/manage/document_form.html",
            {"form": form, "document": document, "conflict": _conflict_message(document)},
            status=409,
        )
    except ValidationError as error:
        _service_errors(form, error)
        return render(request, "knowledge/manage/document_form.html", {"form": form, "document": document}, status=400)
    messages.success(request, _("The document is saved."))
    return redirect(_document_url(document))


@login_required
@require_http_methods(["GET", "POST"])
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    document = scoping.document_for_managing(user=request.user, pk=pk)
    if request.method == "POST":
        title = document.title
        try:
            services.document_delete(actor=request.user, document=document, request=request)
        except (ProtectedError, RestrictedError):
            messages.error(
                request,
                _("“%(title)s” cannot be deleted: other records still need it (see where it is used).")
                % {"title": title},
            )
            return redirect(reverse("knowledge:delete", kwargs={"pk": pk}))
        messages.success(request, _("“%(title)s” is deleted, with its files.") % {"title": title})
        return redirect(reverse("knowledge:index"))
    group = [m for m in _group_members(document) if m.pk != document.pk]
    ctx = {
        "document": document,
        "files": list(document.files.order_by("-version")),
        "titles": _named(list(document.titles.all())),
        "collections": list(document.collections.order_by("title")),
        "translations": group,
    }
    return render(request, "knowledge/manage/document_delete.html", ctx)


# --- titles in other languages ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def titles(request: HttpRequest, pk: int) -> HttpResponse:
    document = scoping.document_for_managing(user=request.user, pk=pk)
    status = 200
    if request.method == "POST":
        form = TitleForm(request.POST, document=document)
        if form.is_valid():
            data = form.cleaned_data
            replaced = document.titles.filter(language=data["language"]).exists()
            services.document_title_set(
                actor=request.user,
                document=document,
                language=data["language"],
                title=data["title"],
                abstract=data.get("abstract") or "",
                request=request,
            )
            names = _language_names()
            name = names.get(data["language"], data["language"])
            if replaced:
                messages.success(request, _("The title in %(language)s is replaced.") % {"language": name})
            else:
                messages.success(request, _("The title in %(language)s is added.") % {"language": name})
            return redirect(reverse("knowledge:titles", kwargs={"pk": document.pk}))
        status = 400
    else:
        initial = {}
        language = request.GET.get("language", "")
        row = document.titles.filter(language=language).first() if language else None
        if row is not None:  # "Change" on a row: the form opens with its text
            from relais.knowledge.forms import abstract_for_editing

            initial = {"language": row.language, "title": row.title, "abstract": abstract_for_editing(row.abstract)}
        form = TitleForm(initial=initial, document=document)
    names = _language_names()
    ctx = {
        "document": document,
        "document_language": names.get(document.language, document.language),
        "form": form,
        "titles": _named(list(document.titles.all()), names),
    }
    return render(request, "knowledge/manage/titles.html", ctx, status=status)


@login_required
@require_POST
def title_delete(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    document = scoping.document_for_managing(user=request.user, pk=pk)
    if not document.titles.filter(language=language).exists():
        raise Http404
    services.document_title_remove(actor=request.user, document=document, language=language, request=request)
    name = _language_names().get(language, language)
    messages.success(request, _("The title in %(language)s is removed.") % {"language": name})
    return redirect(reverse("knowledge:titles", kwargs={"pk": document.pk}))


# --- translations --------------------------------------------------------------------------------


def _group_members(document: Document) -> list[Document]:
    if not document.translation_group_id:
        return []
    return list(
        Document.objects.filter(translation_group_id=document.translation_group_id).order_by("language", "title")
    )


@login_required
@require_http_methods(["GET", "POST"])
def translations(request: HttpRequest, pk: int) -> HttpResponse:
    document = scoping.document_for_managing(user=request.user, pk=pk)
    if request.method == "POST":
        other_pk = request.POST.get("other", "")
        other = scoping.documents_visible(request.user).filter(pk=int(other_pk)).first() if other_pk.isdigit() else None
        if other is None or other.pk == document.pk:
            messages.error(request, _("Choose the document that is a translation of this one."))
        else:
            services.translation_link(actor=request.user, document=document, other=other, request=request)
            messages.success(
                request, _("“%(title)s” is now linked as a translation of this document.") % {"title": other.title}
            )
        return redirect(reverse("knowledge:translations", kwargs={"pk": document.pk}))
    find = FindDocumentForm(request.GET or None)
    query = find.query()
    exclude = (
        Document.objects.filter(translation_group_id=document.translation_group_id)
        if document.translation_group_id
        else Document.objects.filter(pk=document.pk)
    )
    names = _language_names()
    ctx = {
        "document": document,
        "find": find,
        "query": query,
        "found": _named(find_documents(request.user, query, exclude=exclude), names),
        "found_max": FOUND_MAX,
        "members": _named(_group_members(document), names),
        "action": reverse("knowledge:translations", kwargs={"pk": document.pk}),
        "submit_label": _("Link as translations"),
        "field_name": "other",
    }
    if is_htmx(request) and request.GET.get("partial") == "found":
        return render(request, "knowledge/partials/manage_found.html", ctx)
    return render(request, "knowledge/manage/translations.html", ctx)


@login_required
@require_POST
def translation_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    document = scoping.document_for_managing(user=request.user, pk=pk)
    back = request.POST.get("back", "")
    back_pk = int(back) if back.isdigit() else document.pk
    if document.translation_group_id is None:
        messages.info(request, _("“%(title)s” is not linked to any translation.") % {"title": document.title})
    else:
        services.translation_unlink(actor=request.user, document=document, request=request)
        messages.success(request, _("“%(title)s” is no longer linked as a translation.") % {"title": document.title})
    if back_pk != document.pk and not scoping.documents_visible(request.user).filter(pk=back_pk).exists():
        back_pk = document.pk
    return redirect(reverse("knowledge:translations", kwargs={"pk": back_pk}))


# --- collections ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def collection_new(request: HttpRequest) -> HttpResponse:
    _manager(request)
    form = CollectionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                collection = services_collections.collection_create(
                    actor=request.user, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                _service_errors(form, error)
            else:
                messages.success(request, _("The collection is created. Now add its documents."))
                return redirect(reverse("knowledge:collection_items", kwargs={"pk": collection.pk}))
        return render(request, "knowledge/manage/collection_form.html", {"form": form, "collection": None}, status=400)
    return render(request, "knowledge/manage/collection_form.html", {"form": form, "collection": None})


@login_required
@require_http_methods(["GET", "POST"])
def collection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    collection = scoping.collection_for_managing(user=request.user, pk=pk)
    if request.method == "POST":
        form = CollectionForm(request.POST)
        if form.is_valid():
            try:
                services_collections.collection_update(
                    actor=request.user, collection=collection, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                _service_errors(form, error)
            else:
                messages.success(request, _("The collection is saved."))
                return redirect(_collection_url(collection))
        return render(
            request, "knowledge/manage/collection_form.html", {"form": form, "collection": collection}, status=400
        )
    form = CollectionForm(
        initial={"title": collection.title, "description": collection.description, "access": collection.access}
    )
    return render(request, "knowledge/manage/collection_form.html", {"form": form, "collection": collection})


@login_required
@require_http_methods(["GET", "POST"])
def collection_delete(request: HttpRequest, pk: int) -> HttpResponse:
    collection = scoping.collection_for_managing(user=request.user, pk=pk)
    if request.method == "POST":
        title = collection.title
        services_collections.collection_delete(actor=request.user, collection=collection, request=request)
        messages.success(request, _("The collection “%(title)s” is deleted; its documents stay.") % {"title": title})
        return redirect(reverse("knowledge:collections"))
    return render(
        request,
        "knowledge/manage/collection_delete.html",
        {"collection": collection, "count": collection.items.count()},
    )


def _items(collection: Collection) -> list[CollectionItem]:
    return list(
        CollectionItem.objects.filter(collection=collection).select_related("document").order_by("position", "id")
    )


def _items_context(request: HttpRequest, collection: Collection, find: FindDocumentForm) -> dict[str, Any]:
    query = find.query()
    in_collection = Document.objects.filter(collection_items__collection=collection)
    return {
        "collection": collection,
        "items": _items(collection),
        "find": find,
        "query": query,
        "found": _named(find_documents(request.user, query, exclude=in_collection)),
        "found_max": FOUND_MAX,
        "action": reverse("knowledge:collection_items", kwargs={"pk": collection.pk}),
        "submit_label": _("Add to the collection"),
        "field_name": "document",
        "extra": {"op": "add"},
    }


@login_required
@require_http_methods(["GET", "POST"])
def collection_items(request: HttpRequest, pk: int) -> HttpResponse:
    """The collection's documents in order: add one found by its title, take one out, move one up or
    down. Every button is a plain form (works without JavaScript); with htmx the list is swapped."""
    collection = scoping.collection_for_managing(user=request.user, pk=pk)
    url = reverse("knowledge:collection_items", kwargs={"pk": collection.pk})
    if request.method == "POST":
        note, ok = _items_change(request, collection)
        if is_htmx(request):
            ctx = _items_context(request, collection, FindDocumentForm())
            ctx["note"], ctx["note_ok"] = note, ok
            ctx.update(_focus(request, ctx["items"]))
            return render(request, "knowledge/partials/manage_collection_items.html", ctx, status=200 if ok else 400)
        (messages.success if ok else messages.error)(request, note)
        return redirect(url)
    ctx = _items_context(request, collection, FindDocumentForm(request.GET or None))
    if is_htmx(request) and request.GET.get("partial") == "found":
        return render(request, "knowledge/partials/manage_found.html", ctx)
    return render(request, "knowledge/manage/collection_items.html", ctx)


def _focus(request: HttpRequest, items: list[CollectionItem]) -> dict[str, Any]:
    """After a move with htmx, keep the keyboard focus on the moved document's button (the other
    direction when it reached the top or the bottom)."""
    op, raw = request.POST.get("op", ""), request.POST.get("item", "")
    index = next((i for i, it in enumerate(items) if str(it.pk) == raw), None)
    if op not in (services_collections.UP, services_collections.DOWN) or index is None:
        return {}
    if op == services_collections.UP and index == 0:
        op = services_collections.DOWN
    elif op == services_collections.DOWN and index == len(items) - 1:
        op = services_collections.UP
    return {"focus_item": items[index].pk, "focus_op": op}


def _items_change(request: HttpRequest, collection: Collection) -> tuple[str, bool]:
    op = request.POST.get("op", "")
    if op == "add":
        raw = request.POST.get("document", "")
        document = scoping.documents_visible(request.user).filter(pk=int(raw)).first() if raw.isdigit() else None
        if document is None:
            return _("Choose the document to add."), False
        try:
            services_collections.collection_item_add(
                actor=request.user, collection=collection, document=document, request=request
            )
        except ValidationError as error:
            return " ".join(error.messages), False
        note = _("“%(title)s” is added to the collection.") % {"title": document.title}
        if collection.access == "public" and not document.is_public:
            note += " " + _("It is internal: visitors of this public collection will not see it.")
        return note, True
    raw = request.POST.get("item", "")
    item = (
        CollectionItem.objects.filter(collection=collection, pk=int(raw)).select_related("document").first()
        if raw.isdigit()
        else None
    )
    if item is None:
        return _("This document is no longer in the collection."), False
    if op == "remove":
        services_collections.collection_item_remove(
            actor=request.user, collection=collection, item=item, request=request
        )
        return _("“%(title)s” is taken out of the collection; it stays in the catalogue.") % {
            "title": item.document.title
        }, True
    title = item.document.title
    if op == services_collections.UP:
        moved = services_collections.collection_item_move(
            actor=request.user, collection=collection, item=item, direction=op, request=request
        )
        return (_("“%(title)s” is moved up.") if moved else _("“%(title)s” is already first.")) % {"title": title}, True
    if op == services_collections.DOWN:
        moved = services_collections.collection_item_move(
            actor=request.user, collection=collection, item=item, direction=op, request=request
        )
        return (_("“%(title)s” is moved down.") if moved else _("“%(title)s” is already last.")) % {
            "title": title
        }, True
    return _("Unknown action."), False
