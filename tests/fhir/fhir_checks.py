"""Checks shared by the FHIR tests: parse a Bundle with fhir.resources' R4B models, follow its
references, and collect the codes it uses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle


def parse(raw: bytes) -> dict[str, Any]:
    """The Bundle as JSON, after the Bundle and every resource in it parsed as R4B models."""
    data: dict[str, Any] = json.loads(raw)
    Bundle.model_validate(data)
    for entry in data["entry"]:
        resource = entry["resource"]
        model = get_fhir_model_class(resource["resourceType"])
        parsed = model.model_validate(resource)
        assert parsed.get_resource_type() == resource["resourceType"]
        assert entry["fullUrl"] == f"urn:uuid:{resource['id']}"
    return data


def walk(value: Any, key: str) -> Iterator[Any]:
    """Every value stored under ``key``, at any depth."""
    if isinstance(value, dict):
        for name, inner in value.items():
            if name == key:
                yield inner
            yield from walk(inner, key)
    elif isinstance(value, list):
        for inner in value:
            yield from walk(inner, key)


def dangling(bundle: dict[str, Any]) -> list[str]:
    """References that name no entry of the Bundle."""
    urls = {entry["fullUrl"] for entry in bundle["entry"]}
    return [ref for ref in walk(bundle, "reference") if isinstance(ref, str) and ref not in urls]


def codes_used(bundle: dict[str, Any]) -> set[tuple[str, str]]:
    """Every (system, code) of every Coding in the Bundle."""
    return {
        (coding["system"], coding["code"])
        for codings in walk(bundle, "coding")
        for coding in codings
    }


def of_type(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]
