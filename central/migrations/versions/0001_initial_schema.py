"""initial schema

Creates every table and the single ``meta`` row with a fresh random epoch: a database created
anew is a new history, and clients that synced with another one must rebuild their caches.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 19:26:08.719264
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("epoch", sa.String(length=64), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("purge_version", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meta")),
    )
    op.create_table(
        "shop",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shop")),
    )
    with op.batch_alter_table("shop", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shop_version"), ["version"], unique=False)

    op.create_table(
        "tombstone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("entity", sa.String(length=16), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tombstone")),
    )
    with op.batch_alter_table("tombstone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tombstone_version"), ["version"], unique=False)

    op.create_table(
        "user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("staff_id", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=128), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("groups_csv", sa.String(length=128), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user")),
        sa.UniqueConstraint("staff_id", name=op.f("uq_user_staff_id")),
    )
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_version"), ["version"], unique=False)

    op.create_table(
        "auth_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("device_name", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_auth_session_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_session")),
    )
    with op.batch_alter_table("auth_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_session_user_id"), ["user_id"], unique=False)

    op.create_table(
        "buyer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("nickname", sa.String(length=128), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("province", sa.String(length=32), nullable=False),
        sa.Column("city", sa.String(length=32), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("vip_level", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["shop_id"], ["shop.id"], name=op.f("fk_buyer_shop_id_shop")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buyer")),
    )
    with op.batch_alter_table("buyer", schema=None) as batch_op:
        batch_op.create_index("ix_buyer_shop_version", ["shop_id", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_buyer_version"), ["version"], unique=False)

    op.create_table(
        "phrase",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("group_name", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["owner_id"], ["user.id"], name=op.f("fk_phrase_owner_id_user")),
        sa.ForeignKeyConstraint(["shop_id"], ["shop.id"], name=op.f("fk_phrase_shop_id_shop")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phrase")),
    )
    with op.batch_alter_table("phrase", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_phrase_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_phrase_shop_id"), ["shop_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_phrase_version"), ["version"], unique=False)

    op.create_table(
        "push_client",
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_push_client_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_push_client")),
    )
    op.create_table(
        "user_shop",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["shop_id"], ["shop.id"], name=op.f("fk_user_shop_shop_id_shop"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_user_shop_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "shop_id", name=op.f("pk_user_shop")),
    )
    with op.batch_alter_table("user_shop", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_shop_shop_id"), ["shop_id"], unique=False)

    op.create_table(
        "access_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["auth_session.id"],
            name=op.f("fk_access_token_session_id_auth_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_access_token_token_hash")),
    )
    with op.batch_alter_table("access_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_token_expires_at"), ["expires_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_access_token_session_id"), ["session_id"], unique=False)

    op.create_table(
        "conversation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("group", sa.String(length=16), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("assignment_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("waiting_since", sa.DateTime(), nullable=True),
        sa.Column("last_message_at", sa.DateTime(), nullable=False),
        sa.Column("last_message_preview", sa.Text(), nullable=False),
        sa.Column("last_message_from", sa.String(length=8), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["assignee_id"], ["user.id"], name=op.f("fk_conversation_assignee_id_user")),
        sa.ForeignKeyConstraint(["buyer_id"], ["buyer.id"], name=op.f("fk_conversation_buyer_id_buyer")),
        sa.ForeignKeyConstraint(["shop_id"], ["shop.id"], name=op.f("fk_conversation_shop_id_shop")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation")),
    )
    with op.batch_alter_table("conversation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conversation_buyer_id"), ["buyer_id"], unique=False)
        batch_op.create_index("ix_conversation_shop_status", ["shop_id", "status"], unique=False)
        batch_op.create_index("ix_conversation_shop_version", ["shop_id", "version"], unique=False)
        batch_op.create_index(batch_op.f("ix_conversation_version"), ["version"], unique=False)

    op.create_table(
        "mutation_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("mutation_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("error", sa.JSON(), nullable=True),
        sa.Column("version", sa.BigInteger(), nullable=True),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["push_client.client_id"],
            name=op.f("fk_mutation_log_client_id_push_client"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mutation_log")),
        sa.UniqueConstraint("client_id", "seq", name=op.f("uq_mutation_log_client_id")),
    )
    with op.batch_alter_table("mutation_log", schema=None) as batch_op:
        batch_op.create_index("ix_mutation_log_client_mutation", ["client_id", "mutation_id"], unique=False)
    op.create_table(
        "refresh_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["auth_session.id"],
            name=op.f("fk_refresh_token_session_id_auth_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refresh_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_refresh_token_token_hash")),
    )
    with op.batch_alter_table("refresh_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_refresh_token_session_id"), ["session_id"], unique=False)

    op.create_table(
        "message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("sender", sa.String(length=8), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"], ["conversation.id"], name=op.f("fk_message_conversation_id_conversation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message")),
    )
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_message_conversation_id"), ["conversation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_message_version"), ["version"], unique=False)
        batch_op.create_index("ix_message_shop_version", ["shop_id", "version"], unique=False)

    meta = sa.table(
        "meta",
        sa.column("id", sa.Integer()),
        sa.column("epoch", sa.String()),
        sa.column("version", sa.BigInteger()),
        sa.column("purge_version", sa.BigInteger()),
        sa.column("created_at", sa.DateTime()),
    )
    op.bulk_insert(
        meta,
        [
            {
                "id": 1,
                "epoch": uuid.uuid4().hex,
                "version": 0,
                "purge_version": 0,
                "created_at": datetime.now(UTC).replace(tzinfo=None),
            }
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_version"))
        batch_op.drop_index("ix_message_shop_version")
        batch_op.drop_index(batch_op.f("ix_message_conversation_id"))

    op.drop_table("message")
    with op.batch_alter_table("refresh_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_refresh_token_session_id"))

    op.drop_table("refresh_token")
    op.drop_table("mutation_log")
    with op.batch_alter_table("conversation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversation_version"))
        batch_op.drop_index("ix_conversation_shop_status")
        batch_op.drop_index("ix_conversation_shop_version")
        batch_op.drop_index(batch_op.f("ix_conversation_buyer_id"))

    op.drop_table("conversation")
    with op.batch_alter_table("access_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_token_session_id"))
        batch_op.drop_index(batch_op.f("ix_access_token_expires_at"))

    op.drop_table("access_token")
    with op.batch_alter_table("user_shop", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_shop_shop_id"))

    op.drop_table("user_shop")
    op.drop_table("push_client")
    with op.batch_alter_table("phrase", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phrase_version"))
        batch_op.drop_index(batch_op.f("ix_phrase_shop_id"))
        batch_op.drop_index(batch_op.f("ix_phrase_owner_id"))

    op.drop_table("phrase")
    with op.batch_alter_table("buyer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buyer_version"))
        batch_op.drop_index("ix_buyer_shop_version")

    op.drop_table("buyer")
    with op.batch_alter_table("auth_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_session_user_id"))

    op.drop_table("auth_session")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_version"))

    op.drop_table("user")
    with op.batch_alter_table("tombstone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tombstone_version"))

    op.drop_table("tombstone")
    with op.batch_alter_table("shop", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shop_version"))

    op.drop_table("shop")
    op.drop_table("meta")
