"""Pseudonyms: how a person is named to those who may not see names (M&E officers, viewers), on pages,
in CSV files and in the API (DESIGN.md §7).

`P-` and eight base32 characters of an HMAC-SHA256 of the person's id, keyed by a key derived from
SECRET_KEY (django.utils.crypto.salted_hmac, with a salt of its own). So a pseudonym is:
- stable: the same person has the same pseudonym on every page and in every download, so figures
  and files can be joined (a network tie, a response, the same person in two sessions);
- not guessable: neither the id nor the order of registration can be read from it, and nobody
  without the secret can compute the pseudonym of a known id;
- not linkable across systems: another installation (another secret) gives other pseudonyms.
Changing SECRET_KEY changes every pseudonym (files downloaded before no longer join with new ones).
Eight characters are 40 bits: two people of one programme (thousands of people) share a pseudonym with a
chance of about 1 in 20,000 for 10,000 people; a file never needs them unique across the whole installation.
"""

from __future__ import annotations

import base64

from django.utils.crypto import salted_hmac

SALT = "relais.core.pseudonyms.person"
LENGTH = 8


def pseudonym(person_id: int) -> str:
    """The stable keyed pseudonym of a person, for example "P-7KQ3M2XA"."""
    digest = salted_hmac(SALT, str(int(person_id)), algorithm="sha256").digest()
    return "P-" + base64.b32encode(digest).decode("ascii")[:LENGTH]
