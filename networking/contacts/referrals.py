"""The referral chain: who introduced whom (SPEC §1 step 9, issue "name in common").

The whole chain of a seeker is read in one query of (id, referred_by_id, name)
rows, so walking it up costs one query however deep it goes.
"""

from dataclasses import dataclass

# A chain deeper than this is a data problem, not a network: stop walking.
MAX_DEPTH = 50


@dataclass(frozen=True)
class Link:
    pk: int
    name: str


def _links(owner_id) -> dict[int, tuple[int | None, str]]:
    from networking.contacts.models import Contact

    rows = Contact.objects.filter(owner_id=owner_id).values_list(
        "pk", "referred_by_id", "first_name", "last_name"
    )
    return {pk: (up, f"{first} {last}".strip()) for pk, up, first, last in rows}


def chain_up(contact) -> list[Link]:
    """Who introduced ``contact``, then who introduced that person, and so on (nearest first)."""
    links = _links(contact.owner_id)
    chain, seen, current = [], {contact.pk}, contact.referred_by_id
    while current and current not in seen and current in links and len(chain) < MAX_DEPTH:
        seen.add(current)
        up, name = links[current]
        chain.append(Link(current, name))
        current = up
    return chain


def referral_loop(contact) -> list[str]:
    """The names along the loop that ``contact.referred_by`` would close, or [] when none.

    Walks up from the proposed referrer; reaching ``contact`` itself means a cycle.
    """
    if not contact.pk or not contact.referred_by_id:
        return []
    links = _links(contact.owner_id)
    names = [contact.full_name]
    seen, current = set(), contact.referred_by_id
    while current and current not in seen and current in links:
        if current == contact.pk:
            return [*names, contact.full_name]
        seen.add(current)
        up, name = links[current]
        names.append(name)
        current = up
    return []
