"""The local CRM: accounts from a CSV file and an activity log."""

from __future__ import annotations

from pathlib import Path

import structlog
from sqlalchemy import RowMapping, select
from sqlalchemy.dialects.sqlite import insert

from agent.errors import InputError
from agent.models import Account
from plugins.local._accounts import email_domain, is_free_mail, read_accounts
from plugins.local._base import LocalBase, require_key
from plugins.local._database import accounts, activities, writing
from plugins.roles import AccountLookup, LoggedActivity

log = structlog.get_logger(__name__)


class LocalCrm(LocalBase):
    """Implements `Crm` on the local SQLite file."""

    def load_accounts(self, path: Path) -> int:
        """Upsert the accounts in a CSV file; returns how many were stored.

        Raises:
            ConfigError: The file cannot be read or lacks a required column.
        """
        rows = list(read_accounts(path))
        if rows:
            statement = insert(accounts)
            statement = statement.on_conflict_do_update(
                index_elements=["account_id"],
                set_={
                    column.name: statement.excluded[column.name]
                    for column in accounts.columns
                    if column.name != "account_id"
                },
            )
            with writing(self._engine) as connection:
                connection.execute(statement, rows)
                connection.commit()
        log.info("accounts_loaded", count=len(rows))
        return len(rows)

    async def lookup_account(self, email: str) -> AccountLookup:
        """The account of this email, or of its company domain if not free mail."""
        return await self._run(lambda: self._find_account(email))

    async def log_activity(
        self,
        idempotency_key: str,
        email: str | None,
        account_id: str | None,
        kind: str,
        text: str,
    ) -> LoggedActivity:
        """Add a note to the customer's record, once per key."""
        require_key(idempotency_key)
        if not kind.strip():
            raise InputError("activity kind must not be empty")
        values = {
            "idempotency_key": idempotency_key,
            "email": email.strip().lower() if email else None,
            "account_id": account_id,
            "kind": kind,
            "text": text,
            "created_at": self._clock(),
        }
        row, created = await self._run(lambda: self._insert_or_get(activities, values))
        return LoggedActivity(activity_id=f"ACT-{row['id']}", created=created)

    def _find_account(self, email: str) -> AccountLookup:
        address = email.strip().lower()
        domain = email_domain(address)
        with self._engine.connect() as connection:
            row = (
                connection.execute(
                    select(accounts)
                    .where(accounts.c.email == address)
                    .order_by(accounts.c.account_id)
                    .limit(1)
                )
                .mappings()
                .first()
            )
            if row is None and domain is not None and not is_free_mail(domain):
                row = (
                    connection.execute(
                        select(accounts)
                        .where(accounts.c.domain == domain)
                        .order_by(accounts.c.account_id)
                        .limit(1)
                    )
                    .mappings()
                    .first()
                )
        if row is None:
            return AccountLookup(found=False)
        return AccountLookup(found=True, account=_account(row))


def _account(row: RowMapping) -> Account:
    return Account(
        id=row["account_id"],
        name=row["account_name"],
        plan=row["plan"],
        arr=row["arr"],
        renewal_date=row["renewal_date"],
        owner_name=row["owner_name"],
        owner_email=row["owner_email"],
    )
