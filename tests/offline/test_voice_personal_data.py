"""No fragment of personal data survives into the issue a reply says back."""

import re

import pytest
from builders import make_response

from agent.offline.analysis import analyze
from agent.offline.drafting import draft_reply, template_variables


@pytest.fixture
def reply(make_request):
    """The issue and suggestion a real draft says back for a raw comment."""

    def build(comment: str) -> tuple[str, str]:
        analysis = analyze(make_response(comment))
        request = make_request(
            comment=comment,
            issue_summary=analysis.issue_summary,
            category=analysis.category,
            product_area=analysis.product_area,
            suggested_resolution=analysis.suggested_resolution,
        )
        variables = template_variables(request)
        return variables["about_issue"], draft_reply(request).body

    return build


@pytest.mark.parametrize(
    ("comment", "fragments"),
    [
        pytest.param(
            "Account number 12345678 sort code 12-34-56 was debited twice",
            ["12345678", "12-34-56", "Account number sort code"],
            id="bank-account",
        ),
        pytest.param(
            "My card 4111 1111 1111 1111 was charged twice, call me on "
            "07700 900123 or mail me at bob.smith@example.com",
            ["4111", "07700", "bob", "example.com", "or mail", "call you on"],
            id="card-phone-email",
        ),
        pytest.param(
            "IBAN GB29 NWBK 6016 1331 9268 19 was charged for a plan I cancelled",
            ["GB29", "NWBK", "9268"],
            id="iban",
        ),
        pytest.param(
            "I live at 15 Acacia Avenue and the engineer never came",
            ["15 Acacia", "Acacia", "you live and"],
            id="street-address",
        ),
    ],
)
def test_the_restated_issue_holds_no_fragment_of_personal_data(
    reply, comment, fragments
):
    about, body = reply(comment)

    for fragment in fragments:
        assert fragment not in about
        assert fragment not in body
    assert not re.search(r"\[(?:number|phone|email|address)\]", body)


def test_a_piece_that_only_gives_contact_details_is_dropped_whole(reply):
    about, _ = reply(
        "My card 4111 1111 1111 1111 was charged twice, call me on "
        "07700 900123 or mail me at bob.smith@example.com"
    )

    assert about == "that your card was charged twice"


def test_bank_details_as_the_subject_are_said_back_as_your_account(reply):
    about, _ = reply("Account number 12345678 sort code 12-34-56 was debited twice")

    assert about == "that your account was debited twice"


def test_data_the_sentence_is_about_makes_the_reply_name_the_area_instead(reply):
    about, _ = reply("Reference 99887766 is wrong on my letter")

    assert about.startswith("about the problem")
    assert "(" not in about
    assert "99887766" not in about


@pytest.mark.parametrize(
    "comment",
    [
        '=HYPERLINK("http://evil.example","click") the invoice page is broken',
        "'the invoice page is broken",
        "'=1+1 the invoice page is broken",
    ],
    ids=["formula", "guard-quote", "guarded-formula"],
)
def test_a_spreadsheet_formula_or_guard_quote_is_not_part_of_the_issue(reply, comment):
    about, body = reply(comment)

    assert about == "that the invoice page is broken"
    assert not re.search(r"hyperlink|=|'the", body, re.I)
