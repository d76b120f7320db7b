"""The offline analysis: which issues a comment raises, and where they sit."""

from __future__ import annotations

import pytest
from builders import assert_verbatim, read

from agent.models import NpsResponse
from agent.offline.analysis import DEFAULT_CATEGORIES, analyze


@pytest.mark.parametrize(
    ("comment", "category"),
    [
        pytest.param(
            "Every time I open a shared file the app crashes and I lose my edits.",
            "product_bug",
            id="app-crash",
        ),
        pytest.param(
            "The lid of the blender I ordered is broken.",
            "product_bug",
            id="broken-item",
        ),
        pytest.param("My parcel never arrived.", "product_bug", id="parcel-lost"),
        pytest.param(
            "Dashboards take forever to load and the site was down twice this week.",
            "performance",
            id="slow-and-outage",
        ),
        pytest.param(
            "My broadband keeps dropping out every evening.",
            "performance",
            id="broadband-dropping",
        ),
        pytest.param(
            "My appointment was cancelled twice at the last minute.",
            "performance",
            id="appointment-cancelled",
        ),
        pytest.param(
            "The settings page is so confusing, I can never find the password option.",
            "usability",
            id="confusing-settings",
        ),
        pytest.param(
            "There is no way to schedule a report, which is a basic thing to offer.",
            "missing_feature",
            id="no-way-to",
        ),
        pytest.param(
            "I was charged twice for my subscription this month.",
            "pricing",
            id="charged-twice",
        ),
        pytest.param(
            "The price went up by a third with no warning at all.",
            "pricing",
            id="price-rise",
        ),
        pytest.param(
            "Still waiting on the refund you promised a month ago.",
            "pricing",
            id="refund-not-processed",
        ),
        pytest.param(
            "I was on hold for 40 minutes and the agent was rude when I got through.",
            "support_experience",
            id="hold-and-rude",
        ),
        pytest.param(
            "I've emailed three times and nobody has ever replied.",
            "support_experience",
            id="no-reply",
        ),
        pytest.param(
            "The engineer never turned up for the installation, a wasted day off.",
            "onboarding",
            id="engineer-no-show",
        ),
        pytest.param(
            "We have been waiting six weeks for the line to be connected.",
            "onboarding",
            id="waiting-for-connection",
        ),
        pytest.param(
            "Getting started took ages and the training sessions taught us nothing.",
            "onboarding",
            id="saas-setup",
        ),
        pytest.param(
            "Our account manager keeps making promises and nobody listens to us.",
            "relationship",
            id="account-manager",
        ),
        pytest.param(
            "My school makes me fill in these forms every single week for homework.",
            "other",
            id="nothing-fits",
        ),
    ],
)
def test_each_category_is_read_from_its_own_wording(comment, category):
    analysis = read(comment)

    assert analysis.category == category
    assert not analysis.is_vague
    assert f"category:{category}" in {e.label for e in analysis.evidence}
    assert_verbatim(analysis, comment)


@pytest.mark.parametrize(
    ("comment", "primary", "secondary"),
    [
        pytest.param(
            "The app crashes on launch and support never replied to my ticket.",
            "product_bug",
            "support_experience",
            id="bug-then-support",
        ),
        pytest.param(
            "Far too expensive, and on top of that the reports are hard to read.",
            "pricing",
            "usability",
            id="price-then-usability",
        ),
        pytest.param(
            "Installation took a month and my first bill was wrong.",
            "onboarding",
            "pricing",
            id="setup-then-billing",
        ),
    ],
)
def test_a_second_issue_is_kept_as_a_secondary_category(comment, primary, secondary):
    analysis = read(comment)

    assert analysis.category == primary
    assert secondary in analysis.secondary_categories
    assert primary not in analysis.secondary_categories
    assert f"category:{secondary}" in {e.label for e in analysis.evidence}


@pytest.mark.parametrize(
    ("comment", "category", "absent"),
    [
        pytest.param(
            "It is not slow at all, but it crashes whenever I export.",
            "product_bug",
            "performance",
            id="not-slow",
        ),
        pytest.param(
            "The price is not expensive, the installer just never came.",
            "onboarding",
            "pricing",
            id="not-expensive",
        ),
        pytest.param(
            "The agents were not rude, but the app has been broken for days.",
            "product_bug",
            "support_experience",
            id="not-rude",
        ),
    ],
)
def test_negated_cues_do_not_count(comment, category, absent):
    analysis = read(comment)

    assert analysis.category == category
    assert absent not in analysis.secondary_categories


@pytest.mark.parametrize(
    ("categories", "comment", "expected"),
    [
        pytest.param(
            ("pricing", "other"), "The app crashes.", "other", id="not-configured"
        ),
        pytest.param(
            ("pricing", "other"), "Charged twice.", "pricing", id="configured"
        ),
        pytest.param(("billing", "bugs"), "The app crashes.", "bugs", id="no-other"),
    ],
)
def test_the_category_never_leaves_the_configured_taxonomy(
    categories, comment, expected
):
    response = NpsResponse(response_id="t:1", source="t", score=2, comment=comment)

    analysis = analyze(response, categories)

    assert analysis.category == expected
    assert set(analysis.secondary_categories) <= set(categories)


def test_secondary_categories_stay_within_a_narrow_taxonomy():
    comment = "The app crashes, support never replies and it is far too expensive."
    response = NpsResponse(response_id="t:1", source="t", score=1, comment=comment)

    analysis = analyze(response, ("pricing", "support_experience", "other"))

    assert {analysis.category, *analysis.secondary_categories} <= {
        "pricing",
        "support_experience",
    }
    assert "product_bug" not in {e.label.split(":")[-1] for e in analysis.evidence}


@pytest.mark.parametrize(
    ("comment", "area"),
    [
        pytest.param("I can't log in since the password reset.", "login", id="login"),
        pytest.param("The CSV export fails every time.", "exports", id="exports"),
        pytest.param("My parcel never arrived.", "delivery", id="delivery"),
        pytest.param("My GP appointment was cancelled twice.", "appointments", id="gp"),
        pytest.param("I was overcharged on my last invoice.", "billing", id="billing"),
        pytest.param("Way too expensive.", "pricing", id="pricing"),
        pytest.param(
            "Your call centre staff were rude.", "customer support", id="support"
        ),
        pytest.param(
            "The iPhone app freezes on launch.", "mobile app", id="mobile-app"
        ),
        pytest.param(
            "The engineer failed to show up.", "installation", id="installation"
        ),
        pytest.param("My broadband keeps dropping.", "connectivity", id="connectivity"),
        pytest.param("The whole app was down on Tuesday.", "app", id="app-not-mobile"),
        pytest.param("The Android app keeps crashing.", "mobile app", id="android-app"),
    ],
)
def test_the_product_area_names_the_touchpoint(comment, area):
    assert read(comment).product_area == area


@pytest.mark.parametrize(
    ("comment", "properties", "area"),
    [
        pytest.param(
            "Received it a week late and it still does not work properly.",
            {"SURVEY_SUB_TYPE": "Equipment Received"},
            "installation",
            id="journey-stage-the-comment-talks-about",
        ),
        pytest.param(
            "Because it's still not working",
            {"SURVEY_SUB_TYPE": "First Payment"},
            "general",
            id="journey-stage-the-comment-does-not-mention",
        ),
        pytest.param(
            "Terrible.",
            {"SURVEY_SUB_TYPE": "Equipment Received"},
            "general",
            id="vague-comment-names-no-stage",
        ),
        pytest.param(
            "Not what I hoped for, to be honest with you all.",
            {"product_area": "Exports"},
            "exports",
            id="explicit-area",
        ),
        pytest.param(
            "My bill is wrong.",
            {"SURVEY_SUB_TYPE": "Equipment Received"},
            "billing",
            id="text-beats-stage",
        ),
    ],
)
def test_response_properties_hint_the_product_area(comment, properties, area):
    assert read(comment, **properties).product_area == area


def test_every_default_category_is_reachable():
    assert set(DEFAULT_CATEGORIES) == {
        "product_bug",
        "performance",
        "usability",
        "missing_feature",
        "pricing",
        "support_experience",
        "onboarding",
        "relationship",
        "other",
    }


@pytest.mark.parametrize("comment", ["0", "Because it's still not working", "meh"])
def test_the_survey_stage_does_not_give_an_area_the_comment_never_mentions(comment):
    analysis = read(comment, SURVEY_SUB_TYPE="First Payment")

    assert analysis.product_area == "general"
