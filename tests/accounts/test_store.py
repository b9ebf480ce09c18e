"""The accounts tables on SQLite and PostgreSQL: the migration, unique e-mails, sessions, links."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import insert, inspect, select, text
from sqlalchemy.exc import IntegrityError

from glutewake.errors import AccessDeniedError
from glutewake.store import accounts as store
from glutewake.store import models, open_database
from glutewake.store.database import _alembic_config, create_db_engine

NOW = datetime(2026, 12, 7, 9, 0)


def test_the_migration_makes_the_account_tables(database_url: str) -> None:
    database = open_database(database_url)
    try:
        tables = set(inspect(database.engine).get_table_names())
        with database.session() as session:
            revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        database.close()
    assert {"account", "auth_session", "invite", "coach_client"} <= tables
    assert revision is not None and revision >= "0003"


def test_emails_are_lower_cased_and_unique(database_url: str) -> None:
    database = open_database(database_url)
    try:
        with database.session() as session:
            made = store.add_account(session, "Coach@Example.ORG", "coach", NOW, "hash")
        assert made.email == "coach@example.org"
        with database.session() as session:
            assert store.account_by_email(session, "COACH@example.org") == made
        with pytest.raises(IntegrityError), database.session() as session:
            store.add_account(session, "coach@example.org", "client", NOW)
        with pytest.raises(IntegrityError), database.session() as session:
            store.add_account(session, "other@example.org", "admin", NOW)
    finally:
        database.close()


def test_a_session_is_live_until_it_expires_or_is_revoked(database_url: str) -> None:
    database = open_database(database_url)
    try:
        with database.session() as session:
            account = store.add_account(session, "c@example.org", "coach", NOW, "hash")
            store.add_session(session, account.id, "a" * 64, NOW, NOW + timedelta(days=14))
            store.add_session(session, account.id, "b" * 64, NOW, NOW + timedelta(days=14))
        with database.session() as session:
            assert store.account_of_session(session, "a" * 64, NOW) == account
            assert store.account_of_session(session, "a" * 64, NOW + timedelta(days=14)) is None
            assert store.account_of_session(session, "c" * 64, NOW) is None
            assert store.revoke_session(session, "a" * 64, NOW)
            assert store.account_of_session(session, "a" * 64, NOW) is None
            assert store.account_of_session(session, "b" * 64, NOW) == account
            store.disable_account(session, account.id, NOW)
            assert store.account_of_session(session, "b" * 64, NOW) is None
    finally:
        database.close()


def test_invites_and_coach_client_links(database_url: str) -> None:
    database = open_database(database_url)
    try:
        with database.session() as session:
            coach = store.add_account(session, "c@example.org", "coach", NOW, "hash")
            person = store.add_person(session, "client@example.org", NOW)
            invite = store.add_invite(
                session, coach.id, person, "Client@example.org", "d" * 64, NOW, NOW
            )
            store.link_client(session, coach.id, person)
            store.link_client(session, coach.id, person)  # twice: one link
        with database.session() as session:
            assert store.invite_by_token(session, "d" * 64, for_update=True) == invite
            assert invite.email == "client@example.org"
            assert store.use_invite(session, invite.id, NOW)
            assert not store.use_invite(session, invite.id, NOW)  # single use
            assert store.clients_of(session, coach.id) == [person]
            assert store.coaches_client(session, coach.id, person)
            assert not store.coaches_client(session, coach.id, person + 1)
    finally:
        database.close()


def test_a_read_only_session_refuses_every_write(database_url: str) -> None:
    database = open_database(database_url)
    try:
        with pytest.raises(AccessDeniedError), database.session() as session:
            store.refuse_writes(session)
            store.add_person(session, "someone", NOW)
        with pytest.raises(AccessDeniedError), database.session() as session:
            store.refuse_writes(session)
            store.disable_account(session, 1, NOW)
        with database.session() as session:
            store.refuse_writes(session)
            assert store.accounts(session) == []  # reads still work
        with database.session() as session:
            assert session.scalars(select(models.Person)).all() == []
    finally:
        database.close()


def test_upgrading_a_solo_database_keeps_its_person_and_history(database_url: str) -> None:
    engine = create_db_engine(database_url)
    try:
        command.upgrade(_alembic_config(engine), "0002")
        with engine.begin() as connection:
            person = connection.execute(
                insert(models.Person).values(name="me", is_local_user=True, created_at=NOW)
            ).inserted_primary_key
            assert person is not None
            person_id = person[0]
            connection.execute(
                insert(models.SetLogRow).values(
                    person_id=person_id,
                    key="k1",
                    exercise_id="glute-bridge",
                    day=date(2026, 12, 1),
                    logged_at=NOW,
                    data={"reps": 10},
                    revisions=[],
                )
            )
    finally:
        engine.dispose()
    database = open_database(database_url)  # migrates to the newest schema
    try:
        with database.session() as session:
            people = session.scalars(select(models.Person)).all()
            logs = session.scalars(select(models.SetLogRow)).all()
            assert [(p.id, p.name, p.is_local_user) for p in people] == [(person_id, "me", True)]
            assert [(log.person_id, log.key, log.data) for log in logs] == [
                (person_id, "k1", {"reps": 10})
            ]
            assert store.accounts(session) == []
    finally:
        database.close()


def test_forgetting_a_person_removes_their_account_sessions_invites_and_links(
    database_url: str,
) -> None:
    database = open_database(database_url)
    try:
        with database.session() as session:
            coach = store.add_account(session, "c@example.org", "coach", NOW, "hash")
            gone = store.add_person(session, "ana", NOW)
            kept = store.add_person(session, "ben", NOW)
            for person, email in ((gone, "ana@example.org"), (kept, "ben@example.org")):
                store.add_invite(session, coach.id, person, email, email * 2, NOW, NOW)
                store.link_client(session, coach.id, person)
                client = store.add_account(session, email, "client", NOW, "hash", person)
                store.add_session(session, client.id, email * 3, NOW, NOW + timedelta(days=1))
        with database.session() as session:
            assert store.forget_person_links(session, gone) == 4
        with database.session() as session:
            assert [a.email for a in store.accounts(session)] == [
                "ben@example.org",
                "c@example.org",
            ]
            assert store.clients_of(session, coach.id) == [kept]
            assert store.account_of_session(session, "ben@example.org" * 3, NOW) is not None
            assert store.invite_by_token(session, "ana@example.org" * 2) is None
    finally:
        database.close()
