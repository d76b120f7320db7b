"""Reading JSON exports: one object per line, or one JSON array of objects.

Objects may be flat (`{"score": 3, "comment": ...}`, matched by alias like
CSV columns) or keep a vendor's shape: a Delighted response or webhook
envelope (`event_data`), a Typeform `form_response`, or a Qualtrics response
(`result.values` / `values`). Nested objects are flattened to `parent_key`
names, so `{"person": {"email": ...}}` is found as `person_email`.
"""

from __future__ import annotations

import json
from typing import Any

from agent.errors import InputError, LayoutError
from plugins.importers._aliases import CUSTOMER_ID, normalize
from plugins.importers._columns import (
    Column,
    check_mapping,
    match_fields,
    missing_score,
    suggests,
)
from plugins.importers._layouts import QUALTRICS_TEXT
from plugins.importers._records import InvalidRow, RawRecord
from plugins.importers._values import RowProblem, text

# Objects whose keys are customer properties, never response fields.
_BAGS = {
    "properties", "personproperties", "customvariables", "customfields",
    "hidden", "enduserproperties", "traits", "customdata",
}  # fmt: skip
_JSON_TYPES = {
    list: "array", str: "string", int: "number", float: "number", bool: "boolean",
}  # fmt: skip
_MAX_DEPTH = 3
# Where API pages keep their responses (Typeform `items`, Qualtrics
# `result.elements`, Delighted and SurveyMonkey `data`).
_COLLECTION_KEYS = (
    "responses", "survey_responses", "items", "elements", "data", "records",
    "results", "result",
)  # fmt: skip

Shape = tuple[dict[str, Any], dict[str, str], dict[str, str]]


def read_json_records(
    content: str, mapping: dict[str, str] | None
) -> tuple[list[str], list[RawRecord | InvalidRow]]:
    """Reads every object in a JSON-lines (or JSON array) export.

    Returns the keys found across all objects and one record per object;
    a line that is not a JSON object becomes an invalid row.

    Raises:
        LayoutError: no object has a score, or `mapping` names a key that no
            object has.
        InputError: a whole-file JSON array is not valid JSON.
    """
    shaped: list[tuple[int, Shape, str | None] | InvalidRow] = []
    keys: dict[str, None] = {}
    for row, item in _items(content):
        if isinstance(item, InvalidRow):
            shaped.append(item)
            continue
        try:
            shape = _shape(item)
        except RowProblem as problem:
            shaped.append(InvalidRow(row=row, reason=str(problem)))
            continue
        keys.update(dict.fromkeys(shape[0]))
        shaped.append((row, shape, _vendor(item)))

    names = list(keys)
    check_mapping([Column(i, name, (name,)) for i, name in enumerate(names)], mapping)
    records = [
        item if isinstance(item, InvalidRow) else _record(*item[:2], mapping, item[2])
        for item in shaped
    ]
    has_objects = any(isinstance(item, tuple) for item in shaped)
    if has_objects and not any(isinstance(r, RawRecord) for r in records):
        raise missing_score("the JSON objects", names, set())
    return names, records


def _items(content: str) -> list[tuple[int, dict[str, Any] | InvalidRow]]:
    """Numbered objects: by line for JSON lines, by position in an array."""
    stripped = content.strip()
    if stripped.startswith(("[", "{")):
        try:
            whole = json.loads(stripped)
        except json.JSONDecodeError as error:
            if stripped.startswith("["):
                raise InputError(
                    f"the file is not valid JSON: {error.msg} "
                    f"(line {error.lineno}, column {error.colno})"
                ) from error
        else:
            items = _collection(whole)
            return [_numbered(i, item, "item") for i, item in enumerate(items, 1)]

    numbered = []
    for number, line in enumerate(content.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            reason = (
                f"line {number} is not valid JSON: {error.msg} (column {error.colno})"
            )
            numbered.append((number, InvalidRow(row=number, reason=reason)))
            continue
        numbered.append(_numbered(number, item, "line"))
    return numbered


def _collection(whole: object) -> list[object]:
    """The responses in a whole-file JSON: an array, or an API page of them."""
    if isinstance(whole, list):
        return whole
    if isinstance(whole, dict):
        for key in _COLLECTION_KEYS:
            inner = whole.get(key)
            if isinstance(inner, list):
                return inner
            if isinstance(inner, dict) and (found := _collection(inner)) != [inner]:
                return found
    return [whole]


def _numbered(number: int, item: object, unit: str) -> tuple[int, Any]:
    if isinstance(item, dict):
        return number, item
    kind = "null" if item is None else _JSON_TYPES.get(type(item), "value")
    reason = f"{unit} {number} is a JSON {kind}, not an object"
    return number, InvalidRow(row=number, reason=reason)


def _shape(item: dict[str, Any]) -> Shape:
    """Flat values, property bag and field hints for one object."""
    if isinstance(item.get("event_data"), dict):
        event = text(item.get("event_type"))
        if event and not event.startswith("survey_response"):
            raise RowProblem(f"event {event!r} is not a survey response")
        flat, bag, hints = _shape(item["event_data"])
        return flat, {**bag, "event_type": event} if event else bag, hints
    if isinstance(item.get("form_response"), dict):
        return _typeform(item["form_response"])
    if isinstance(item.get("answers"), list) and {"definition", "token"} & set(item):
        return _typeform(item)
    result = item["result"] if isinstance(item.get("result"), dict) else item
    if isinstance(result.get("values"), dict):
        return _qualtrics(result)

    if isinstance(item.get("person"), (str, int)):
        # The Delighted REST API gives the person as an id, not an object.
        item = {**item, "person_id": item["person"]}
        del item["person"]
    flat, bag = _flatten(item)
    return flat, bag, {}


def _flatten(
    item: dict[str, Any], prefix: str = "", depth: int = 0
) -> tuple[dict[str, Any], dict[str, str]]:
    flat: dict[str, Any] = {}
    bag: dict[str, str] = {}
    for key, value in item.items():
        if isinstance(value, dict) and normalize(key) in _BAGS:
            bag.update({str(k): text(v) for k, v in value.items() if text(v)})
        elif isinstance(value, dict) and depth < _MAX_DEPTH:
            inner, inner_bag = _flatten(value, f"{prefix}{key}_", depth + 1)
            flat.update(inner)
            bag.update(inner_bag)
        else:
            flat[f"{prefix}{key}"] = value
    return flat, bag


def _typeform(response: dict[str, Any]) -> Shape:
    definition = response.get("definition") or {}
    titles = {
        field.get("id"): text(field.get("title"))
        for field in definition.get("fields") or []
        if isinstance(field, dict)
    }
    answers = [a for a in response.get("answers") or [] if isinstance(a, dict)]
    score = _first(answers, "nps") or _first(answers, "opinion_scale")
    long_texts = [a for a in answers if _field(a, "type") == "long_text"]
    texts = long_texts + [a for a in answers if _field(a, "type") == "short_text"]
    worded = [
        answer
        for answer in texts
        if suggests("comment", titles.get(_field(answer, "id"), ""))
        or suggests("comment", _field(answer, "ref"))
    ]
    comment = next(iter(worded or texts), None)
    email = next((a for a in answers if a.get("type") == "email"), None)

    flat, bag = _flatten(dict(response.get("hidden") or {}))
    hints = {"token": "id", "submitted_at": "date"}
    for answer in answers:
        value = _answer_value(answer)
        for chosen, key in ((score, "score"), (comment, "comment"), (email, "email")):
            if answer is chosen:
                flat[key], hints[key] = value, key
                break
        else:
            label = _field(answer, "ref") or _field(answer, "id")
            if text(value):
                bag[label] = text(value)
    for variable in response.get("variables") or []:
        if isinstance(variable, dict) and "key" in variable:
            bag[str(variable["key"])] = text(variable.get(variable.get("type")))
    flat["token"] = response.get("token") or response.get("response_id")
    flat["submitted_at"] = response.get("submitted_at")
    bag.update(
        {k: text(response[k]) for k in ("form_id", "landed_at") if k in response}
    )
    return flat, bag, hints


def _first(answers: list[dict[str, Any]], field_type: str) -> dict[str, Any] | None:
    return next((a for a in answers if _field(a, "type") == field_type), None)


def _field(answer: dict[str, Any], key: str) -> str:
    field = answer.get("field")
    return text(field.get(key)) if isinstance(field, dict) else ""


def _answer_value(answer: dict[str, Any]) -> object:
    value = answer.get(text(answer.get("type")))
    if isinstance(value, dict):
        return value.get("label") or value.get("labels") or value.get("other")
    return value


def _qualtrics(result: dict[str, Any]) -> Shape:
    values: dict[str, Any] = result["values"]
    flat, bag = _flatten(values)
    if result.get("responseId"):
        flat["responseId"] = result["responseId"]

    upper = {key.upper() for key in values}
    hints = {}
    for key in values:
        if f"{key.upper()}_NPS_GROUP" in upper:
            hints[key] = "score"
        elif QUALTRICS_TEXT.match(key):
            hints[key] = "comment"
        elif normalize(key) in {"externaldatareference", "externalreference"}:
            hints[key] = CUSTOMER_ID
    return flat, bag, hints


def _vendor(item: dict[str, Any]) -> str | None:
    """The platform whose API or webhook shape `item` has, if any.

    Answers in a vendor's shape keep the vendor's name as their response-id
    prefix, so a response imported from a file and the same response arriving
    by webhook are one case.
    """
    event = item.get("event_data")
    if isinstance(event, dict) or {"survey_type", "permalink"} <= set(item):
        return "delighted"
    if isinstance(item.get("form_response"), dict):
        return "typeform"
    if isinstance(item.get("answers"), list) and {"definition", "token"} & set(item):
        return "typeform"
    result = item["result"] if isinstance(item.get("result"), dict) else item
    if isinstance(result.get("values"), dict):
        return "qualtrics"
    return None


def _record(
    row: int,
    shape: Shape,
    mapping: dict[str, str] | None,
    vendor: str | None = None,
) -> RawRecord | InvalidRow:
    flat, bag, hints = shape
    columns = [
        Column(i, key, (key,), hint=hints.get(key)) for i, key in enumerate(flat)
    ]
    present = {}
    for field, key in (mapping or {}).items():
        try:
            present[field] = check_mapping(columns, {field: key})[field].name
        except LayoutError:
            continue

    chosen = match_fields(columns, lambda c: _present(flat[c.name]), present)
    if "score" not in chosen:
        keys = ", ".join(flat) or "none"
        return InvalidRow(row=row, reason=f"no score found; keys: {keys}")

    used = {column.name for column in chosen.values()}
    properties = dict(bag)
    properties.update(
        {
            key: text(value)
            for key, value in flat.items()
            if key not in used and text(value)
        }
    )
    return RawRecord(
        row=row,
        values={field: flat[column.name] for field, column in chosen.items()},
        columns={field: column.name for field, column in chosen.items()},
        properties=properties,
        vendor=vendor,
    )


def _present(value: object) -> list[str]:
    return [text(value)] if text(value) else []
