"""The names each response field goes by in real exports.

A label (a column name, a JSON key, or a survey question's text) fits a field
exactly when its normalized form is a known alias, and loosely when its words
say so: "CUSTOMER_RESPONSE_DATE" is about a response and ends in "date", "How
likely are you to recommend us?" mentions recommending.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

CUSTOMER_ID = "customer_id"
LOOSE_RANK = 100

ALIASES: dict[str, tuple[str, ...]] = {
    "score": (
        "npsscore", "nps", "score", "npsvalue", "likelihood", "rating",
        # de, fr, es, pt, it, nl
        "bewertung", "punktzahl", "note", "puntuacion",
        "pontuacao", "punteggio", "valutazione", "cijfer",
    ),
    "id": (
        "responseid", "id", "respondentid", "surveyresponseid", "submissionid",
        "responseuuid", "recordid", "token", "#",
    ),
    "email": (
        "email", "emailaddress", "recipientemail", "customeremail",
        "respondentemail", "useremail", "contactemail", "personemail", "mail",
        "emailadresse", "courriel", "adressemail", "correo",
        "correoelectronico",
    ),
    "first_name": (
        "firstname", "givenname", "recipientfirstname", "forename", "vorname",
        "prenom", "nombre", "voornaam",
    ),
    "last_name": (
        "lastname", "surname", "familyname", "recipientlastname", "nachname",
        "nomdefamille", "apellido", "apellidos", "achternaam", "cognome",
    ),
    "name": (
        "name", "fullname", "customername", "contactname", "respondentname",
        "personname", "recipientname",
    ),
    CUSTOMER_ID: (
        "customerid", "personid", "userid", "contactid", "clientid", "enduserid",
        "externalid", "externalreference", "externaldatareference",
    ),
    "account": (
        "account", "accountname", "company", "companyname", "organization",
        "organisation", "organizationname", "organisationname", "org",
        "accountid", "companyid", "business", "businessname",
    ),
    "date": (
        "submittedat", "submitted", "submitdate", "submitdateutc",
        "datesubmitted", "recordeddate", "responsedate", "responsetimestamp",
        "respondedat", "completedat", "completeddate", "enddate", "createdat",
        "created", "createddate", "timestamp", "date", "datetime", "updatedat",
        "startdate", "startdateutc", "datum", "fecha", "data",
    ),
    "comment": (
        "comment", "comments", "text", "verbatim", "feedback", "reason", "why",
        "npscomment", "npsreason", "reasonforscore", "feedbacktext",
        "commenttext", "responsetext", "content", "review", "reviewtext",
        "body", "message",
        "kommentar", "bemerkung", "anmerkung", "begrundung", "commentaire",
        "remarque", "comentario", "comentarios", "commento", "opmerking",
        "toelichting",
    ),
}  # fmt: skip

_STAFF = {"owner", "manager", "csm", "rep", "agent", "sender", "assignee", "sales"}
_DATE_ENDINGS = {"date", "at", "time", "timestamp", "datetime", "on"}
_DONE = {
    "response", "responded", "submitted", "submit", "submission", "survey",
    "created", "recorded", "completed", "received", "answered", "end",
}  # fmt: skip
_OTHER_DATES = {"renewal", "signup", "birth", "contract", "trial", "expiry", "due"}
_PEOPLE = {"person", "customer", "user", "contact", "account"}
_COMMENT_WORDS = {
    "comment", "comments", "feedback", "verbatim", "reason", "why", "explain",
    "improve", "better", "text", "remarks", "open", "review", "content",
    "message", "tell", "anything", "describe", "response", "answer",
}  # fmt: skip
_NOT_COMMENT = {
    "id", "date", "at", "time", "timestamp", "type", "status", "language",
    "count", "code", "url", "channel", "rate", "group",
}  # fmt: skip


def normalize(label: str) -> str:
    """The comparison key of a label: lower-case letters and digits only.

    Accents are dropped first, so "Begründung" and "Begrundung" are one key.
    """
    plain = unicodedata.normalize("NFKD", label.casefold())
    key = re.sub(r"[^0-9a-z]", "", plain)
    return key or label.strip()


@lru_cache(maxsize=4096)
def words(label: str) -> tuple[str, ...]:
    """The words of a label, splitting camelCase and punctuation."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", label)
    return tuple(re.findall(r"[a-z0-9]+", spaced.casefold()))


def alias_rank(field: str, label: str) -> int | None:
    """How well a label names a field: an alias's position, or LOOSE_RANK."""
    key = normalize(label)
    if key in ALIASES[field]:
        return ALIASES[field].index(key)
    return LOOSE_RANK if _loosely(field, label) else None


def _loosely(field: str, label: str) -> bool:
    found, key = set(words(label)), normalize(label)
    if field == "score":
        return bool(
            found & {"nps", "score", "rating", "likelihood", "recommend"}
            and not found & {"group", "category", "type", "label", "segment"}
            and not found & {"date", "reason", "why", "comment", "text", "id"}
        )
    if field == "comment":
        return bool(found & _COMMENT_WORDS) and not found & _NOT_COMMENT
    if field == "email":
        return "email" in key and not found & _STAFF
    if field in ("first_name", "last_name"):
        return key.endswith(field.replace("_", "")) and not found & _STAFF
    if field == "date":
        return _dated(label)
    if field == "id":
        return key.endswith(("responseid", "respondentid", "submissionid"))
    if field == CUSTOMER_ID:
        return key.endswith(("customerid", "personid", "userid", "contactid"))
    if field == "account":
        about = {"email", "type", "plan", "tier", "size", "status", "segment", "date"}
        return bool(
            found & {"account", "company", "organization", "organisation"}
            and not found & (_STAFF | about)
        )
    return False


def _dated(label: str) -> bool:
    """A response timestamp: "Submission Date", "tweet_created", not "renewal_date"."""
    found = list(words(label))
    while found and found[-1] in {"utc", "gmt", "local", "iso", "z"}:
        found.pop()
    if not found or found[-1] not in _DATE_ENDINGS | _DONE:
        return False
    told = set(found)
    if told & _OTHER_DATES or (told & _PEOPLE and not told & _DONE - {"created"}):
        return False
    return bool(told & _DONE)
