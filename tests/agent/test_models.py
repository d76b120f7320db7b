import pytest

from agent.models import Customer


@pytest.mark.parametrize(
    ("name", "email", "first"),
    [
        pytest.param("Dana Okafor", "dana@example.com", "Dana", id="person"),
        pytest.param("dana okafor", None, "Dana", id="lower-case"),
        pytest.param("DANA OKAFOR", None, "Dana", id="upper-case"),
        pytest.param("Dr Jane Doe", None, "Jane", id="honorific"),
        pytest.param("José García", None, "José", id="accents"),
        pytest.param("Mary-Jane Watts", None, "Mary-Jane", id="hyphenated"),
        pytest.param("Harbor Finch Accounts", None, None, id="company"),
        pytest.param("Dana Okafor", "billing@example.com", None, id="shared-box"),
        pytest.param("J. Smith", None, None, id="initial"),
        pytest.param("ALL STAFF", None, None, id="group"),
        pytest.param("dana.okafor@example.com", None, None, id="email-as-name"),
        pytest.param(None, "dana@example.com", None, id="no-name"),
    ],
)
def test_first_name_is_used_only_when_the_name_is_a_persons(name, email, first):
    assert Customer(name=name, email=email).first_name == first
