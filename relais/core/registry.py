"""Small registries that higher apps fill in AppConfig.ready(), so no import runs upward.

- navigation: entries of the main menu, each shown only to users its predicate admits;
- dashboard panels: blocks of the home page;
- audit actions: human labels for audit action codes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str
    order: int
    visible: Callable[[Any], bool] = field(default=lambda user: True)


@dataclass(frozen=True)
class DashboardPanel:
    key: str
    order: int
    template: str
    context: Callable[[HttpRequest], dict[str, Any] | None]


_nav: dict[str, NavItem] = {}
_panels: dict[str, DashboardPanel] = {}
_audit_actions: dict[str, str | Promise] = {}


def register_nav(item: NavItem) -> None:
    _nav[item.key] = item


def nav_items(user: Any) -> list[NavItem]:
    return sorted((i for i in _nav.values() if i.visible(user)), key=lambda i: i.order)


def register_panel(panel: DashboardPanel) -> None:
    _panels[panel.key] = panel


def dashboard_panels() -> list[DashboardPanel]:
    return sorted(_panels.values(), key=lambda p: p.order)


def register_audit_action(code: str, label: str | Promise) -> None:
    _audit_actions[code] = label


def audit_action_label(code: str) -> str | Promise:
    return _audit_actions.get(code, code)


def audit_actions() -> dict[str, str | Promise]:
    return dict(_audit_actions)


@dataclass(frozen=True)
class UserPanel:
    """A block on an administrator's page of one user (e.g. the user's programme roles)."""

    key: str
    order: int
    template: str
    context: Callable[[HttpRequest, Any], dict[str, Any] | None]


_user_panels: dict[str, UserPanel] = {}


def register_user_panel(panel: UserPanel) -> None:
    _user_panels[panel.key] = panel


def user_panels() -> list[UserPanel]:
    return sorted(_user_panels.values(), key=lambda p: p.order)


@dataclass(frozen=True)
class AdminLink:
    """An entry of the Administration page (e.g. the design rules)."""

    key: str
    label: str | Promise
    description: str | Promise
    url_name: str
    order: int


_admin_links: dict[str, AdminLink] = {}


def register_admin_link(link: AdminLink) -> None:
    _admin_links[link.key] = link


def admin_links() -> list[AdminLink]:
    return sorted(_admin_links.values(), key=lambda link: link.order)


# Addresses that a lower app prints but a higher app serves (e.g. the questionnaires' QR code on a
# sign-in sheet): the higher app registers a function of the object that returns the path.
_paths: dict[str, Callable[[Any], str]] = {}


def register_path(key: str, build: Callable[[Any], str]) -> None:
    _paths[key] = build


def path_for(key: str, obj: Any) -> str | None:
    build = _paths.get(key)
    return build(obj) if build else None


@dataclass(frozen=True)
class ObjectPanel:
    """A block that a higher app adds to a lower app's page of one object (e.g. evaluation's
    questionnaires and results on a session's page). `context(request, obj)` returns None to hide it."""

    key: str
    kind: str  # "session", "design", "programme"
    order: int
    template: str
    context: Callable[[HttpRequest, Any], dict[str, Any] | None]


_object_panels: dict[str, ObjectPanel] = {}


def register_object_panel(panel: ObjectPanel) -> None:
    _object_panels[panel.key] = panel


def object_panels(kind: str) -> list[ObjectPanel]:
    return sorted((p for p in _object_panels.values() if p.kind == kind), key=lambda p: p.order)


# Who must use a second factor besides administrators (DESIGN.md §7): a higher app that knows roles
# registers a predicate of the user (programmes: programme managers).
_second_factor_rules: dict[str, Callable[[Any], bool]] = {}


def register_second_factor_rule(key: str, applies: Callable[[Any], bool]) -> None:
    _second_factor_rules[key] = applies


def second_factor_rules() -> list[Callable[[Any], bool]]:
    return list(_second_factor_rules.values())
