"""The local outbox: replies queued for the customer and team notifications."""

from __future__ import annotations

from agent.errors import InputError
from agent.models import MessageRef
from plugins.local._base import LocalBase, require_key
from plugins.local._database import messages, notifications
from plugins.roles import Notified, SentMessage

QUEUED = "queued"


class LocalOutbox(LocalBase):
    """Implements `Messenger` and `Notifier` by storing what is to be sent."""

    async def send_message(
        self,
        idempotency_key: str,
        response_id: str,
        to_email: str,
        to_name: str | None,
        subject: str,
        body: str,
        sender_name: str,
        sender_email: str | None,
    ) -> SentMessage:
        """Queue a reply, once per key; the message's status is "queued"."""
        require_key(idempotency_key)
        if "@" not in to_email:
            raise InputError(f"to_email of response {response_id!r} is not an address")
        values = {
            "idempotency_key": idempotency_key,
            "response_id": response_id,
            "to_email": to_email.strip(),
            "to_name": to_name,
            "subject": subject,
            "body": body,
            "sender_name": sender_name,
            "sender_email": sender_email,
            "status": QUEUED,
            "created_at": self._clock(),
        }
        row, created = await self._run(lambda: self._insert_or_get(messages, values))
        message = MessageRef(
            id=f"MSG-{row['id']}", status=row["status"], system="local"
        )
        return SentMessage(message=message, created=created)

    async def notify(self, team: str, text: str, idempotency_key: str) -> Notified:
        """Store a notification for a team, once per key."""
        require_key(idempotency_key)
        values = {
            "idempotency_key": idempotency_key,
            "team": team,
            "text": text,
            "created_at": self._clock(),
        }
        row, created = await self._run(
            lambda: self._insert_or_get(notifications, values)
        )
        return Notified(id=f"NTF-{row['id']}", created=created)
