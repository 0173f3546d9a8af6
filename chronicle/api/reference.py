"""The API reference page (``/api/docs``) built from the app's own OpenAPI schema.

Swagger UI would load its scripts from a CDN (no integrity check, a blank page offline, and no
room under the pages' policy of no scripts). This page is server-rendered from the schema, so it
cannot drift from the routes: each route with its summary, parameters, body fields and answers,
and a link to ``/api/openapi.json`` for tools.
"""
from __future__ import annotations

from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


def api_routes(schema: dict) -> list[dict]:
    """One row per route and method of an OpenAPI schema, in the schema's order.

    schema (dict): ``app.openapi()``.
    RETURNS (list[dict]): ``method``, ``path``, ``summary``, ``description``, ``token`` (needs
        the write token), ``parameters`` and ``body`` (``name``, ``where``, ``type``,
        ``required``, ``description``), ``responses`` (``status``, ``description``).
    """
    components = schema.get("components", {}).get("schemas", {})
    routes = []
    for path, operations in schema.get("paths", {}).items():
        for method in METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            routes.append({
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "token": bool(operation.get("security")),
                "parameters": [_parameter(p) for p in operation.get("parameters", [])],
                "body": _body(operation.get("requestBody"), components),
                "responses": [{"status": status, "description": answer.get("description", "")}
                              for status, answer in operation.get("responses", {}).items()],
            })
    return routes


def _parameter(parameter: dict) -> dict:
    schema = parameter.get("schema", {})
    return {"name": parameter.get("name", ""), "where": parameter.get("in", ""), "type": _type(schema),
            "required": bool(parameter.get("required")),
            "description": parameter.get("description") or schema.get("description", "")}


def _body(request_body: Any, components: dict) -> list[dict]:
    """The fields of a JSON request body (its schema's properties), or none."""
    if not isinstance(request_body, dict):
        return []
    schema = request_body.get("content", {}).get("application/json", {}).get("schema", {})
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        schema = components.get(ref.rsplit("/", 1)[-1], {})
    required = set(schema.get("required", []))
    return [{"name": name, "where": "body", "type": _type(field), "required": name in required,
             "description": field.get("description", "")}
            for name, field in schema.get("properties", {}).items()]


def _type(schema: dict) -> str:
    """A JSON schema's type in a word or two: ``string``, ``integer ≥ 1 ≤ 500``, ``string or null``."""
    if "anyOf" in schema:
        return " or ".join(_type(option) for option in schema["anyOf"])
    kind = schema.get("type", "any")
    limits = [f"{sign} {schema[key]}" for key, sign in (("minimum", "≥"), ("maximum", "≤"),
                                                        ("minLength", "length ≥"), ("maxLength", "length ≤"))
              if key in schema]
    return " ".join([kind, *limits])
