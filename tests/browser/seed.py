"""Seed the browser tests' portal: a buyer organisation with a procurement and a legal user."""

from __future__ import annotations

from portal.auth.passwords import hash_password
from portal.extensions import db
from portal.models import Organisation, User


def seed_buyer(password: str) -> dict[str, str]:
    """Create the buyer's users (committed); return role -> e-mail."""
    buyer = Organisation(name="Northwind Insurance", kind="buyer")
    db.session.add(buyer)
    users = {"procurement": "pat.procurement@northwind.example", "legal": "lee.legal@northwind.example"}
    for role, email in users.items():
        db.session.add(User(organisation=buyer, email=email, name=f"{role.title()} Person", role=role,
                            password_hash=hash_password(password)))
    db.session.commit()
    return users
