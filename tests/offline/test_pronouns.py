"""Turning "company" (how exports write our brand) round only where it reads.

"Company" becomes "we", "us" or "our" as a subject, an object or an owner;
anywhere else the reply quotes the customer instead of writing "at we" or
"worst our ever".
"""

import pytest

from agent.offline._pronouns import flip
from agent.offline._vocabulary import load_vocabulary
from agent.offline.drafting import draft_reply

ONE_LINE = "You told us {{ about_issue }}.\n"


@pytest.fixture
def about(make_request, tmp_path):
    framework = tmp_path / "replies" / "fix" / "product_bug.md.j2"
    framework.parent.mkdir(parents=True)
    framework.write_text(ONE_LINE)

    def render(summary: str) -> str:
        request = make_request(issue_summary=summary, product_area="broadband")
        return draft_reply(request, prompts_dir=tmp_path).body

    return render


@pytest.mark.parametrize(
    ("summary", "said"),
    [
        pytest.param(
            "Company cancelled my order without telling me",
            "that we cancelled your order without telling you",
            id="subject",
        ),
        pytest.param(
            "I had to call company three times",
            "that you had to call us three times",
            id="object",
        ),
        pytest.param(
            "Terrible service from company",
            "about terrible service from us",
            id="after-preposition",
        ),
    ],
)
def test_company_is_turned_into_we_us_or_our_where_that_reads_as_english(
    about, summary, said
):
    assert about(summary) == f"You told us {said}."


@pytest.mark.parametrize(
    "summary",
    [
        pytest.param("Worst company ever", id="after-adjective"),
        pytest.param(
            "Everybody you spoke to at company were very apologetic",
            id="place-and-someone-elses-you",
        ),
        pytest.param("Dealing with company has been a nightmare", id="gerund"),
    ],
)
def test_company_is_quoted_rather_than_turned_where_no_turn_reads_as_english(
    about, summary
):
    body = about(summary)

    assert f'("{summary}")' in body
    for broken in ["at we", "at us", "our ever", "we spoke"]:
        assert broken not in body


def test_a_sentence_that_cannot_be_turned_is_reported_as_such():
    vocabulary = load_vocabulary(None)

    assert flip("worst company ever", vocabulary) is None
    assert flip("company broke my router", vocabulary) == "we broke your router"


def test_company_is_turned_beside_a_you_that_also_means_us(about):
    body = about("I have had a bad experience with company every time I was with you")

    assert body == (
        "You told us that you have had a bad experience with us every time you "
        "were with us."
    )
