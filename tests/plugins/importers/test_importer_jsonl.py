"""JSON-lines exports: flat objects and the vendors' own shapes."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from agent.errors import InputError, LayoutError
from plugins.importers import read_export

DELIGHTED_RESPONSE = {
    "id": "900001",
    "person": {
        "id": "700001",
        "email": "Riley@Example.com",
        "name": "Riley Testcase",
        "created_at": 1735689600,
    },
    "survey_type": "nps",
    "score": 3,
    "comment": None,
    "permalink": "https://example.invalid/r/demo",
    "created_at": 1735693200,
    "updated_at": 1735693500,
    "person_properties": {"plan": "Pro", "Delighted Source": "Email"},
    "notes": [],
    "tags": ["billing", "urgent"],
    "additional_answers": [],
}
TYPEFORM_EVENT = {
    "event_id": "01HDEMO0000000000000000000",
    "event_type": "form_response",
    "form_response": {
        "form_id": "DemoFrm1",
        "token": "demo-token-1",
        "landed_at": "2025-01-01T09:00:00Z",
        "submitted_at": "2025-01-01T09:01:30Z",
        "hidden": {"account_id": "acc_42", "email": "riley@example.com", "tier": "pro"},
        "definition": {
            "fields": [
                {"id": "fNps01", "ref": "nps", "type": "nps", "title": "Recommend?"},
                {"id": "fRole", "ref": "role", "type": "short_text", "title": "Role?"},
                {
                    "id": "fWhy01",
                    "ref": "nps_reason",
                    "type": "long_text",
                    "title": "What is the main reason for your score?",
                },
            ]
        },
        "answers": [
            {"type": "number", "number": 4, "field": {"id": "fNps01", "type": "nps"}},
            {
                "type": "text",
                "text": "CFO",
                "field": {"id": "fRole", "type": "short_text", "ref": "role"},
            },
            {
                "type": "text",
                "text": "Too expensive for a 5-seat team.",
                "field": {"id": "fWhy01", "type": "long_text", "ref": "nps_reason"},
            },
        ],
    },
}
QUALTRICS_VALUES = {
    "recordedDate": "2025-01-01T17:01:30.512Z",
    "_recordId": "R_demo0000000001",
    "recipientEmail": "riley@example.com",
    "recipientFirstName": "Riley",
    "recipientLastName": "Testcase",
    "externalDataReference": "acc_42",
    "userLanguage": "DE",
    "QID1": 5,
    "QID1_NPS_GROUP": 1,
    "QID2_TEXT": "Die Rechnung war doppelt so hoch wie angeboten.",
    "plan": "Enterprise",
}


def _lines(*items: object) -> str:
    return "\n".join(i if isinstance(i, str) else json.dumps(i) for i in items) + "\n"


def test_flat_objects_are_matched_by_alias(write_export):
    line = {"response_id": "a1", "nps": "2", "feedback": "Slow", "e-mail": "A@x.org"}

    result = read_export(write_export(_lines(line), "export.jsonl"))

    (response,) = result.responses
    assert result.layout == "jsonl"
    assert response.response_id == "export:a1"
    assert (response.score, response.comment) == (2, "Slow")
    assert response.customer.email == "a@x.org"


def test_json_lines_are_recognised_whatever_the_extension(write_export):
    path = write_export(_lines({"score": 4, "comment": "Meh"}), "export.csv")

    result = read_export(path)

    assert result.layout == "jsonl"
    assert result.responses[0].score == 4


def test_a_delighted_api_response_gives_person_id_and_properties(write_export):
    rest = DELIGHTED_RESPONSE | {"person": "700001", "comment": "Export broken."}

    result = read_export(write_export(_lines(rest), "responses.ndjson"))

    (response,) = result.responses
    assert response.response_id == "delighted:900001"
    assert response.customer.id == "700001"
    assert response.submitted_at == datetime(2025, 1, 1, 1, 0, tzinfo=UTC)
    assert response.properties["plan"] == "Pro"
    assert response.properties["Delighted Source"] == "Email"
    assert response.properties["tags"] == "billing, urgent"


def test_delighted_webhooks_keep_the_updated_state_of_a_response(write_export):
    created = {
        "event_type": "survey_response.created",
        "event_data": DELIGHTED_RESPONSE,
    }
    updated = {
        "event_type": "survey_response.updated",
        "event_data": DELIGHTED_RESPONSE | {"comment": "Export to CSV is broken."},
    }
    unsubscribed = {
        "event_type": "unsubscribe.created",
        "event_data": {"person_id": "700001"},
    }

    result = read_export(
        write_export(_lines(created, updated, unsubscribed), "h.jsonl")
    )

    (response,) = result.responses
    assert response.comment == "Export to CSV is broken."
    assert response.customer.email == "riley@example.com"
    assert response.customer.name == "Riley Testcase"
    assert response.customer.id == "700001"
    assert response.properties["event_type"] == "survey_response.updated"
    assert result.duplicates == 1
    assert result.invalid[0].row == 3
    assert "'unsubscribe.created' is not a survey response" in result.invalid[0].reason


def test_a_typeform_response_reads_the_nps_and_reason_answers(write_export):
    result = read_export(write_export(_lines(TYPEFORM_EVENT), "typeform.jsonl"))

    (response,) = result.responses
    assert response.response_id == "typeform:demo-token-1"
    assert response.score == 4
    assert response.comment == "Too expensive for a 5-seat team."
    assert response.customer.email == "riley@example.com"
    assert response.submitted_at == datetime(2025, 1, 1, 9, 1, 30, tzinfo=UTC)
    assert response.properties["role"] == "CFO"
    assert response.properties["account"] == "acc_42"
    assert response.properties["tier"] == "pro"


@pytest.mark.parametrize(
    "item",
    [
        {"result": {"responseId": "R_demo0000000001", "values": QUALTRICS_VALUES}},
        {"responseId": "R_demo0000000001", "values": QUALTRICS_VALUES},
    ],
    ids=["api-result", "bare-values"],
)
def test_a_qualtrics_response_reads_the_nps_question(write_export, item):
    result = read_export(write_export(_lines(item), "qualtrics.jsonl"))

    (response,) = result.responses
    assert response.response_id == "qualtrics:R_demo0000000001"
    assert response.score == 5
    assert response.comment == "Die Rechnung war doppelt so hoch wie angeboten."
    assert response.customer.id == "acc_42"
    assert response.customer.name == "Riley Testcase"
    assert response.submitted_at == datetime(2025, 1, 1, 17, 1, 30, 512000, UTC)
    assert response.properties["QID1_NPS_GROUP"] == "1"


def test_a_line_that_is_not_json_is_invalid_and_the_rest_import(write_export):
    content = _lines({"score": 1, "comment": "a"}, '{"score": 2, "comment": "b",}', "")
    content += _lines([1, 2], {"score": 3})

    result = read_export(write_export(content, "export.jsonl"))

    assert [r.score for r in result.responses] == [1, 3]
    first, second = result.invalid
    assert first.row == 2
    assert first.reason.startswith("line 2 is not valid JSON: ")
    assert "column" in first.reason
    assert (second.row, second.reason) == (4, "line 4 is a JSON array, not an object")
    assert result.rows_read == 4


def test_an_object_without_a_score_is_an_invalid_row(write_export):
    content = _lines({"score": 1, "comment": "a"}, {"comment": "no score"})

    result = read_export(write_export(content, "export.jsonl"))

    assert result.invalid[0].row == 2
    assert result.invalid[0].reason == "no score found; keys: comment"


def test_objects_without_any_score_are_a_layout_error(write_export):
    content = _lines({"stars": 1, "said": "a"})

    with pytest.raises(LayoutError, match="--map score=COLUMN") as caught:
        read_export(write_export(content, "export.jsonl"))

    assert caught.value.columns == ["stars", "said"]


def test_a_mapping_names_json_keys(write_export):
    content = _lines({"stars": 1, "said": "a"})

    result = read_export(
        write_export(content, "export.jsonl"),
        mapping={"score": "stars", "comment": "said"},
    )

    assert (result.responses[0].score, result.responses[0].comment) == (1, "a")


def test_a_mapping_to_a_key_no_object_has_is_a_layout_error(write_export):
    with pytest.raises(LayoutError, match="'stars'"):
        read_export(
            write_export(_lines({"score": 1}), "export.jsonl"),
            mapping={"score": "stars"},
        )


def test_a_json_array_of_responses_is_read_by_position(write_export):
    content = json.dumps([{"score": 1}, {"score": "x"}], indent=2)

    result = read_export(write_export(content, "export.json"))

    assert result.layout == "jsonl"
    assert result.invalid[0].row == 2


def test_a_broken_json_array_is_an_input_error(write_export):
    with pytest.raises(InputError, match="not valid JSON"):
        read_export(write_export('[{"score": 1},', "export.json"))


def test_a_typeform_api_page_of_responses_is_read(write_export):
    page = {
        "total_items": 1,
        "page_count": 1,
        "items": [TYPEFORM_EVENT["form_response"] | {"definition": None}],
    }

    result = read_export(write_export(json.dumps(page), "responses.json"))

    (response,) = result.responses
    assert response.response_id == "typeform:demo-token-1"
    assert response.score == 4
    assert response.comment == "Too expensive for a 5-seat team."
    assert response.properties["role"] == "CFO"


def test_json_lines_with_a_broken_first_line_are_still_json_lines(write_export):
    content = '{"score": 1, "comment": "a"\n' + _lines({"score": 2}, {"score": 3})

    result = read_export(write_export(content, "export.txt"))

    assert result.layout == "jsonl"
    assert [r.score for r in result.responses] == [2, 3]
    assert result.invalid[0].row == 1


def test_vendor_shaped_objects_keep_the_vendor_prefix_unless_a_source_is_given(
    write_export,
):
    flat = {"id": "f1", "score": 4, "comment": "Slow checkout."}
    path = write_export(_lines(DELIGHTED_RESPONSE, flat), "mixed.jsonl")

    default = read_export(path)
    named = read_export(path, source="nps2026")

    assert [r.response_id for r in default.responses] == [
        "delighted:900001",
        "export:f1",
    ]
    assert [r.response_id for r in named.responses] == [
        "nps2026:900001",
        "nps2026:f1",
    ]
