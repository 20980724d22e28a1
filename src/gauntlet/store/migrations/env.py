"""Alembic environment: always run against the connection Gauntlet hands over (online mode)."""

from alembic import context

from gauntlet.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    raise SystemExit("run migrations through gauntlet (they open the database for you)")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
