"""Where in the product or journey an issue sits, in plain words.

The area comes, in order, from: a cue in the clause that carries the main
issue (areas that suit the category first, then the nearest), an explicit
area property on the response, a cue anywhere in the comment, a default per
category, and for issues with no natural area the journey stage the survey
was sent at (e.g. "Equipment Received" reads as installation), but only when
the comment itself talks about that stage ("received it broken"): a survey
sent after the first payment says nothing about "it's still not working".

A bare "app" is "app"; it is the "mobile app" only when the comment says
mobile, phone, iPhone, iPad, Android or iOS.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from agent.offline._lexicon import compile_cues
from agent.offline._text import Span

_AREA_CUES = compile_cues(
    {
        "exports": (
            (r"export\w*|csv|download(?:ing)? (?:a |the )?(?:report|data)", 1),
        ),
        "login": (
            (r"log(?:ging)? ?in|sign(?:ing)? ?in|password\w*|2fa|locked out", 1),
            (r"two[- ]factor|authenticat\w+|single sign-on|sso", 1),
        ),
        "notifications": ((r"notifications?|alerts?|push messages?", 1),),
        "meetings": ((r"meetings?|video calls?|screen ?shar\w+|webinars?", 1),),
        "account management": ((r"account manager|success manager|(?:my|our) rep", 1),),
        "billing": (
            (r"bill(?:s|ing|ed)?|invoice\w*|payments?|paid", 1),
            (
                r"charg(?<!won't\scharg)(?<!not\scharg)(?<!battery\scharg)"
                r"(?<!wireless\scharg)(?:e|es|ed|ing)(?! (?:port|cable|case|station))",
                1,
            ),
            (r"direct debit|refund\w*|overcharg\w*|fees?|statement|factura|fatura", 1),
            (r"debited|double[- ]debit\w*", 1),
            (r"rechnung|facture|factuur|fattura|bolletta", 1),
        ),
        "pricing": (
            (r"prices?|pricing|expensive|overpriced|costs?|value for money", 1),
            (r"tariffs?|subscription (?:fee|price|cost)", 1),
        ),
        "installation": (
            (r"install\w*|engineers?|technicians?|set ?up|routers?|hubs?|modems?", 1),
            (r"(?:get|be|being|getting) connected|fitt(?:ed|ing)", 1),
            (r"equipment|fibre|fttp|activation|connection date|go[- ]live", 1),
        ),
        "delivery": (
            (r"parcels?|deliver(?:y|ies|ed)|courier|shipping|shipment|shipped", 1),
            (r"tracking|dispatch\w*", 1),
        ),
        "appointments": ((r"appointments?|reschedul\w+|clinic|doctor|gp|surgery", 1),),
        "baggage": ((r"bags?|baggage|luggage|suitcases?", 1),),
        "flights": ((r"flights?|plane|gate|boarding|tarmac|seats?|crew", 1),),
        "connectivity": (
            (r"broadband|internet|wi-?fi|connection|signal|speeds?|phone line", 1),
            (r"landline|dial tone|coverage|reception|network", 1),
        ),
        "customer support": (
            (r"customer (?:service|support|care)|support|help ?desk|helpline", 1),
            (r"call cent(?:re|er)|on hold|agents?|advis[oe]rs?|staff|chat ?bot", 1),
            (r"representatives?|call ?backs?|phone calls?|complaints?", 1),
            (r"kundenservice|soporte|atendimento|service client|assistenza", 1),
        ),
        "onboarding": ((r"onboarding|training|getting started|tutorials?", 1),),
        "documentation": ((r"documentation|docs|help articles?|user guide", 1),),
        "mobile app": (
            (r"(?:mobile|iphone|ipad|android|ios|phone|smartphone|tablet) apps?", 1),
            (r"iphone|ipad|android|ios|app ?store|play store", 1),
        ),
        "app": ((r"apps?|application", 1),),
        "website": ((r"website|web ?site|web ?page|portal|online account", 1),),
        "ordering": ((r"orders?|ordering|checkout|basket|cart|purchase", 1),),
        "search": ((r"search\w*", 1),),
        "integrations": ((r"integrat\w+|api|sync\w*|plugins?|add-?ons?", 1),),
        "reports": ((r"reports?|dashboards?|analytics", 1),),
        "user interface": ((r"interface|ui|ux|layout|design|menus?|navigation", 1),),
    }
)

_AFFINITY: Mapping[str, tuple[str, ...]] = {
    "pricing": ("billing", "pricing"),
    "support_experience": ("customer support",),
    "onboarding": ("installation", "onboarding", "ordering", "delivery"),
    "relationship": ("account management",),
    "usability": ("website", "mobile app", "app", "user interface"),
}

_AREA_KEYS = ("product_area", "area", "touchpoint", "feature", "component")
_STAGE_KEYS = ("journey_stage", "journey", "stage", "survey_sub_type", "survey_type")
_STAGES = (
    (re.compile(r"install|equipment|router|engineer", re.I), "installation"),
    (re.compile(r"order|purchase|checkout|sign ?up", re.I), "ordering"),
    (re.compile(r"payment|bill|invoice|renewal", re.I), "billing"),
    (re.compile(r"deliver|ship", re.I), "delivery"),
    (re.compile(r"onboard|activation|setup|set up|welcome", re.I), "onboarding"),
    (re.compile(r"support|ticket|case", re.I), "customer support"),
    (re.compile(r"appointment|visit|booking", re.I), "appointments"),
)

_DEFAULT = {
    "product_bug": "general",
    "performance": "performance",
    "pricing": "pricing",
    "support_experience": "customer support",
    "onboarding": "onboarding",
    "relationship": "account management",
    "usability": "user interface",
    "missing_feature": "features",
}


def product_area(
    folded: str,
    focus: Span | None,
    anchor: int | None,
    category: str,
    properties: Mapping[str, str],
    *,
    vague: bool = False,
) -> str:
    """Name the product area or touchpoint of the main issue.

    A vague comment gets only an area the response states outright; no cue,
    category default or journey stage can stand for a problem it never named.
    """
    hints = {_key(name): value.strip() for name, value in properties.items()}
    if vague:
        explicit = (hints.get(key, "") for key in _AREA_KEYS)
        return next((h.lower() for h in explicit if 0 < len(h) <= 40), "general")
    found = _areas_in(folded, focus, anchor) if focus else []
    preferred = _AFFINITY.get(category, ())

    for area in (*preferred, *found):
        if area in found:
            return area
    for key in _AREA_KEYS:
        if 0 < len(hints.get(key, "")) <= 40:
            return hints[key].lower()
    found = _areas_in(folded, None, anchor)
    for area in (*preferred, *found):
        if area in found:
            return area
    default = _DEFAULT.get(category, "general")
    if default != "general":
        return default
    for key in _STAGE_KEYS:
        stage = hints.get(key, "")
        for pattern, area in _STAGES:
            if pattern.search(stage) and _talks_about(folded, stage):
                return area
    return default


def _talks_about(folded: str, stage: str) -> bool:
    """Whether the comment uses a word of the journey stage's name."""
    stems = {word[:5] for word in re.findall(r"[a-z]{4,}", stage.lower())}
    said = {word[:5] for word in re.findall(r"[a-z]{4,}", folded.lower())}
    return bool(stems & said)


def _areas_in(folded: str, focus: Span | None, anchor: int | None) -> list[str]:
    """Areas whose cues occur in `folded[focus]`, nearest `anchor` first."""
    start, end = (focus.start, focus.end) if focus else (0, len(folded))
    distance: dict[str, int] = {}
    for cue in _AREA_CUES:
        for match in cue.finditer(folded[start:end]):
            position = start + match.start()
            gap = abs(position - anchor) if anchor is not None else position
            distance[cue.label] = min(gap, distance.get(cue.label, gap))
    if "mobile app" in distance:
        distance.pop("app", None)  # "the iPhone app" is the mobile app
    return sorted(distance, key=distance.__getitem__)


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
