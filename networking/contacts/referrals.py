"""The referral chain: who introduced whom (SPEC §1 step 9, issue "name in common").

A chain is walked up in the database, one recursive query following ``referred_by`` from a
contact towards the first introducer: it reads the people on the chain and no one else, so
its cost is the chain's length, never the size of the seeker's network.
"""

from dataclasses import dataclass

from django.db import connection

# A chain deeper than this is a data problem, not a network: stop walking.
MAX_DEPTH = 50


@dataclass(frozen=True)
class Link:
    pk: int
    name: str


# From ``start`` up the introducers, all of ``owner``'s, nearest first, at most ``MAX_DEPTH`` of
# them; the walk does not go on past ``stop`` (the contact whose chain it is), so a loop back
# to it ends there. Plain SQL, the same on SQLite and PostgreSQL.
_WALK_UP = """
WITH RECURSIVE up (id, referred_by_id, first_name, last_name, depth) AS (
    SELECT id, referred_by_id, first_name, last_name, 1
    FROM {table}
    WHERE id = %s AND owner_id = %s
  UNION ALL
    SELECT contact.id, contact.referred_by_id, contact.first_name, contact.last_name, up.depth + 1
    FROM {table} contact
    JOIN up ON contact.id = up.referred_by_id
    WHERE contact.owner_id = %s AND up.id <> %s AND up.depth < %s
)
SELECT id, referred_by_id, first_name, last_name FROM up ORDER BY depth
"""


def _walk_up(start_id: int, *, owner_id: int, stop_id: int | None) -> list[tuple]:
    """The rows ``(pk, referred_by_id, first_name, last_name)`` from ``start_id`` upwards."""
    from networking.contacts.models import Contact

    sql = _WALK_UP.format(table=connection.ops.quote_name(Contact._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, [start_id, owner_id, owner_id, stop_id or 0, MAX_DEPTH])
        return cursor.fetchall()


def _name(first: str, last: str) -> str:
    return f"{first} {last}".strip()


def chain_up(contact) -> list[Link]:
    """Who introduced ``contact``, then who introduced that person, and so on (nearest first)."""
    if not contact.referred_by_id:
        return []
    chain, seen = [], {contact.pk}
    for pk, _, first, last in _walk_up(
        contact.referred_by_id, owner_id=contact.owner_id, stop_id=contact.pk
    ):
        if pk in seen:
            break
        seen.add(pk)
        chain.append(Link(pk, _name(first, last)))
    return chain


def referral_loop(contact) -> list[str]:
    """The names along the loop that ``contact.referred_by`` would close, or [] when none.

    Walks up from the proposed referrer; reaching ``contact`` itself means a cycle.
    """
    if not contact.pk or not contact.referred_by_id:
        return []
    names = [contact.full_name]
    for pk, _, first, last in _walk_up(
        contact.referred_by_id, owner_id=contact.owner_id, stop_id=contact.pk
    ):
        if pk == contact.pk:
            return [*names, contact.full_name]
        names.append(_name(first, last))
    return []
