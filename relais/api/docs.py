"""The API documentation page's content, read from the OpenAPI document (so it cannot drift)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Param:
    name: str
    where: str
    required: bool
    type: str
    description: str


@dataclass
class Operation:
    anchor: str  # the operationId
    method: str
    path: str
    summary: str
    description: str
    params: list[Param]
    body: str | None
    responses: list[tuple[str, str, str | None]]  # (status, description, schema)
    public: bool
    idempotent: bool


@dataclass
class Tag:
    name: str
    operations: list[Operation] = field(default_factory=list)
    label: str = ""


@dataclass
class Property:
    name: str
    type: str
    required: bool
    description: str


@dataclass
class Model:
    name: str
    description: str
    properties: list[Property]


def _ref(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_of(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return _ref(schema["$ref"])
    if "anyOf" in schema:
        kinds = [type_of(s) for s in schema["anyOf"]]
        return " | ".join(k for k in kinds if k != "null") + (" | null" if "null" in kinds else "")
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return type_of(schema["allOf"][0])
    if "enum" in schema:
        return " | ".join(f'"{v}"' for v in schema["enum"])
    kind = schema.get("type", "object")
    if kind == "array":
        return f"list[{type_of(schema.get('items', {}))}]"
    if schema.get("format"):
        return f"{kind} ({schema['format']})"
    return str(kind)


def _body(operation: dict[str, Any]) -> str | None:
    content = operation.get("requestBody", {}).get("content", {})
    for media in content.values():
        return type_of(media.get("schema", {}))
    return None


def _responses(operation: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    out = []
    for status, response in sorted(operation.get("responses", {}).items(), key=lambda kv: str(kv[0])):
        schema = None
        for media in response.get("content", {}).values():
            schema = type_of(media.get("schema", {}))
        out.append((str(status), str(response.get("description", "")), schema))
    return out


def operations_by_tag(schema: dict[str, Any]) -> list[Tag]:
    tags: dict[str, Tag] = {}
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            name = (operation.get("tags") or ["API"])[0]
            params = [
                Param(
                    name=p["name"],
                    where=p["in"],
                    required=bool(p.get("required")),
                    type=type_of(p.get("schema", {})),
                    description=str(p.get("description") or p.get("schema", {}).get("description", "")),
                )
                for p in operation.get("parameters", [])
            ]
            security = operation.get("security", schema.get("security"))
            tags.setdefault(name, Tag(name)).operations.append(
                Operation(
                    anchor=str(operation.get("operationId", "")),
                    method=method.upper(),
                    path=path,
                    summary=str(operation.get("summary", "")),
                    description=str(operation.get("description", "")),
                    params=params,
                    body=_body(operation),
                    responses=_responses(operation),
                    public=any(not s for s in security or []),
                    idempotent=any(p.name == "Idempotency-Key" for p in params),
                )
            )
    return list(tags.values())


def models(schema: dict[str, Any]) -> list[Model]:
    out = []
    for name, model in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(model.get("required", []))
        out.append(
            Model(
                name=name,
                description=str(model.get("description", "")),
                properties=[
                    Property(n, type_of(p), n in required, str(p.get("description", "")))
                    for n, p in model.get("properties", {}).items()
                ],
            )
        )
    return out
