"""The greeting's first name when a name column is written surname first."""

import pytest

from agent._names import first_name


@pytest.mark.parametrize(
    ("name", "first"),
    [
        pytest.param("Smith, John", "John", id="last-first"),
        pytest.param("SMITH, JOHN", "John", id="last-first-upper-case"),
        pytest.param("Smith, Mr John", "John", id="last-honorific-first"),
        pytest.param("van der Berg, Anna", "Anna", id="surname-with-particles"),
        pytest.param("Dana Okafor, PhD", "Dana", id="suffix-after-comma"),
        pytest.param("Dana Okafor, Marketing", "Dana", id="department-after-comma"),
        pytest.param("Smith, J.", None, id="initial-after-comma"),
    ],
)
def test_a_surname_first_name_is_greeted_by_the_given_name(name, first):
    assert first_name(name, None) == first


@pytest.mark.parametrize(
    "name",
    ["Harbor Finch, Accounts", "Support, Team", "Acme Ltd, Billing Dept"],
)
def test_a_company_written_with_a_comma_still_gets_a_neutral_greeting(name):
    assert first_name(name, None) is None
