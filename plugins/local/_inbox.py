"""The local survey inbox: answers kept by response id, history by email."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from agent.errors import InputError
from agent.models import NpsResponse
from plugins.local._base import LocalBase, require_aware
from plugins.local._database import responses, writing
from plugins.roles import RecordedResponse

MAX_LIMIT = 1000


class LocalInbox(LocalBase):
    """Implements `NpsInbox` on the local SQLite file."""

    async def record_response(self, response: NpsResponse) -> RecordedResponse:
        """Store an answer, or update the one with the same `response_id`."""
        return await self._run(lambda: self._store_response(response))

    async def get_response(self, response_id: str) -> NpsResponse:
        """The answer with this id; `InputError` when there is none."""
        return await self._run(lambda: self._load_response(response_id))

    async def list_responses(
        self, email: str | None, since: datetime | None, limit: int
    ) -> list[NpsResponse]:
        """Answers, newest first, optionally from one email and after a time."""
        if not 1 <= limit <= MAX_LIMIT:
            raise InputError(f"limit {limit!r} must be between 1 and {MAX_LIMIT}")
        if since is not None:
            require_aware("since", since)
        return await self._run(lambda: self._query_responses(email, since, limit))

    def _store_response(self, response: NpsResponse) -> RecordedResponse:
        payload = response.model_dump(mode="json")
        email = (response.customer.email or "").strip().lower() or None
        now = self._clock()
        with writing(self._engine) as connection:
            known = connection.execute(
                select(responses.c.payload, responses.c.at).where(
                    responses.c.response_id == response.response_id
                )
            ).one_or_none()
            if known is None:
                connection.execute(
                    responses.insert().values(
                        response_id=response.response_id,
                        email=email,
                        at=response.submitted_at or now,
                        payload=payload,
                        recorded_at=now,
                        updated_at=now,
                    )
                )
            elif known.payload != payload:
                connection.execute(
                    update(responses)
                    .where(responses.c.response_id == response.response_id)
                    .values(
                        email=email,
                        at=response.submitted_at or known.at,
                        payload=payload,
                        updated_at=now,
                    )
                )
            connection.commit()

        return RecordedResponse(
            response_id=response.response_id,
            created=known is None,
            changed=known is not None and known.payload != payload,
        )

    def _load_response(self, response_id: str) -> NpsResponse:
        with self._engine.connect() as connection:
            payload = connection.execute(
                select(responses.c.payload).where(
                    responses.c.response_id == response_id
                )
            ).scalar_one_or_none()
        if payload is None:
            raise InputError(f"no response with id {response_id!r}")
        return NpsResponse.model_validate(payload)

    def _query_responses(
        self, email: str | None, since: datetime | None, limit: int
    ) -> list[NpsResponse]:
        query = select(responses.c.payload)
        if email is not None:
            query = query.where(responses.c.email == email.strip().lower())
        if since is not None:
            query = query.where(responses.c.at >= since)
        query = query.order_by(
            responses.c.at.desc(), responses.c.recorded_at.desc()
        ).limit(limit)
        with self._engine.connect() as connection:
            payloads = connection.execute(query).scalars().all()
        return [NpsResponse.model_validate(payload) for payload in payloads]
