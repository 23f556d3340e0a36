"""The API reference at /docs, made from the OpenAPI schema and served without any outside script or style."""

from __future__ import annotations

import json
from typing import Any

ERRORS = (
    ("400", "bad input: empty, undecodable or not an article; a URL refused as private; invalid JSON"),
    ("401", "a token is set and the request lacks it (Authorization: Bearer <RETOLD_TOKEN>)"),
    ("404", "no such run"),
    ("413", "the request body is larger than the server's cap (--max-body)"),
    ("415", "the body is not sent as JSON (Content-Type: application/json)"),
    ("422", "the body does not match the schema, or an unknown style or engine"),
    ("502", "the article's site or the rewrite engine failed"),
    ("503", "the work queue is full: retry after the Retry-After seconds"),
    ("504", "a URL timed out, or the request ran past the time limit (--time-limit)"),
)


def endpoints(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Each operation with its fields and an example body, ready for the template."""
    schemas = spec.get("components", {}).get("schemas", {})
    out = []
    for path, operations in spec.get("paths", {}).items():
        for method, op in operations.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            schema = _resolve(body, schemas)
            fields = [
                {
                    "name": name,
                    "type": _type_name(prop, schemas),
                    "required": name in schema.get("required", ()),
                    "description": prop.get("description", ""),
                    "default": json.dumps(prop["default"]) if "default" in prop else "",
                }
                for name, prop in schema.get("properties", {}).items()
            ]
            params = [
                {
                    "name": p["name"],
                    "in": p["in"],
                    "type": _type_name(p.get("schema", {}), schemas),
                    "required": p.get("required", False),
                }
                for p in op.get("parameters", ())
            ]
            examples = schema.get("examples") or []
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "fields": fields,
                    "params": params,
                    "example": json.dumps(examples[0], indent=2, ensure_ascii=False) if examples else "",
                }
            )
    return out


def _resolve(schema: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref", "")
    return schemas.get(ref.rsplit("/", 1)[-1], {}) if ref else schema


def _type_name(prop: dict[str, Any], schemas: dict[str, Any]) -> str:
    if "anyOf" in prop:
        return " | ".join(_type_name(p, schemas) for p in prop["anyOf"])
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    kind = prop.get("type", "any")
    return f"{kind} ({prop['format']})" if "format" in prop else kind
