"""Initial local tables: the cache tables and the local ones (outbox, draft, sync_state, snapshot_seen).

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22 19:26:08.451446
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "buyer",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=False),
        sa.Column("nickname", sa.String(length=128), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("phone_masked", sa.String(length=32), nullable=False),
        sa.Column("address_short", sa.String(length=128), nullable=False),
        sa.Column("vip_level", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buyer")),
    )
    with op.batch_alter_table("buyer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_buyer_nickname"), ["nickname"], unique=False)
        batch_op.create_index(batch_op.f("ix_buyer_shop_id"), ["shop_id"], unique=False)

    op.create_table(
        "colleague",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=128), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("groups", sa.JSON(), nullable=False),
        sa.Column("shop_ids", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_colleague")),
    )
    with op.batch_alter_table("colleague", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_colleague_staff_id"), ["staff_id"], unique=False)

    op.create_table(
        "conversation",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation")),
    )
    with op.batch_alter_table("conversation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conversation_buyer_id"), ["buyer_id"], unique=False)
        batch_op.create_index("ix_conversation_status_shop", ["status", "shop_id"], unique=False)

    op.create_table(
        "draft",
        sa.Column("conversation_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("conversation_id", name=op.f("pk_draft")),
    )
    op.create_table(
        "message",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("sender", sa.String(length=8), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message")),
    )
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_message_conversation_id"), ["conversation_id"], unique=False)

    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("mutation_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("authored_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("server_version", sa.Integer(), nullable=True),
        sa.Column("acked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
        sa.UniqueConstraint("mutation_id", name=op.f("uq_outbox_mutation_id")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_status"), ["status"], unique=False)

    op.create_table(
        "phrase",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("shop_id", sa.Integer(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("group_name", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phrase")),
    )
    op.create_table(
        "shop",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shop")),
    )
    op.create_table(
        "snapshot_seen",
        sa.Column("entity", sa.String(length=16), nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("entity", "id", name=op.f("pk_snapshot_seen")),
    )
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )


def downgrade() -> None:

    op.drop_table("sync_state")
    op.drop_table("snapshot_seen")
    op.drop_table("shop")
    op.drop_table("phrase")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_status"))

    op.drop_table("outbox")
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_conversation_id"))

    op.drop_table("message")
    op.drop_table("draft")
    with op.batch_alter_table("conversation", schema=None) as batch_op:
        batch_op.drop_index("ix_conversation_status_shop")
        batch_op.drop_index(batch_op.f("ix_conversation_buyer_id"))

    op.drop_table("conversation")
    with op.batch_alter_table("colleague", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_colleague_staff_id"))

    op.drop_table("colleague")
    with op.batch_alter_table("buyer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buyer_shop_id"))
        batch_op.drop_index(batch_op.f("ix_buyer_nickname"))

    op.drop_table("buyer")
