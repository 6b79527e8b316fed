# The contact search (the list's and the pickers') on PostgreSQL: a trigram index on each name
# field as the search reads it (``UPPER(field) LIKE '%…%'``, Django's ``icontains``), so a
# search reads the matching rows, not every contact. Nothing on SQLite, which has no such
# index (its searches stay a scan). Without GIN's pending list (``fastupdate``): a contact is
# indexed as it is saved, and the planner need not count a list of recent additions to scan.

from django.db import migrations

FIELDS = ("first_name", "last_name", "title")


def index_name(field):
    return f"contacts_contact_{field}_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for field in FIELDS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{index_name(field)}" ON "contacts_contact" '
            f'USING gin (UPPER("{field}") gin_trgm_ops) WITH (fastupdate = off)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in FIELDS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{index_name(field)}"')


class Migration(migrations.Migration):
    dependencies = [("contacts", "0010_contact_cadence_dates")]

    operations = [migrations.RunPython(create, drop)]
