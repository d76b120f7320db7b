"""Finding the items of a comment written as a list of problems."""

import pytest

from agent.offline._items import list_items


@pytest.mark.parametrize(
    ("comment", "items"),
    [
        pytest.param(
            "Three problems:\n1. Sync fails.\n2. Texts go out at 3am.\n3. No chat.",
            ["Sync fails.", "Texts go out at 3am.", "No chat."],
            id="numbered-lines-with-header",
        ),
        pytest.param(
            "1) exports fail 2) nobody replied 3) the price went up",
            ["exports fail", "nobody replied", "the price went up"],
            id="numbered-inline",
        ),
        pytest.param(
            "- slow app\n- wrong bill", ["slow app", "wrong bill"], id="dashes"
        ),
    ],
)
def test_the_items_of_a_listed_comment_are_found_in_order(comment, items):
    assert [comment[s.start : s.end] for s in list_items(comment)] == items


@pytest.mark.parametrize(
    "comment",
    ["I paid 2. Then it broke.", "Version 2.1 broke sync", "It is slow - really slow"],
)
def test_a_comment_that_is_not_a_list_has_no_items(comment):
    assert list_items(comment) == []
