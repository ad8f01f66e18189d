"""Find where a scope statement excludes part of the AI supply chain.

An exclusion is an exclusion cue governing a supply-chain term within one sentence (scoring/cues.py);
the terms come from the lexicon's `supply_chain` section. What is governed is the supply chain when it
names a member of the buyer's supply chain; a component that is the supply chain by nature (an LLM,
speech recognition, telephony), unless marked as the holder's own; an AI thing (models, APIs, engines)
marked as someone else's ("third-party", "supplied by Deepgram"); or the suppliers themselves
("sub-processors"). A sentence that names third parties without excluding them is never an exclusion.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .cues import Governed, governed
from .phrases import phrase_set
from .text import clauses, name_in

_AGENT_WINDOW = 3  # words before a party that may make it an agent: "provided by the suppliers"
_WORDS = re.compile(r"[\w']+")


@dataclass(frozen=True)
class Exclusion:
    """One sentence of a scope that excludes part of the AI supply chain."""

    clause: str
    excluded: str
    member: str | None = None


def supply_chain_exclusions(scope: str, members: Iterable[str], cutoff: float) -> list[Exclusion]:
    """Return each sentence of `scope` that excludes a supply-chain component or a named supplier."""
    found = []
    names = tuple(members)
    for sentence in clauses(scope):
        for part in governed(sentence):
            hit = supply_chain_hit(part, names, cutoff)
            if hit is not None:
                found.append(Exclusion(sentence, part.text, hit or None))
                break
    return found


def supply_chain_hit(part: Governed, members: tuple[str, ...], cutoff: float) -> str | None:
    """Return the member named ('' for a generic part of the supply chain) if `part` is one, else None."""
    member = next((m for m in members if name_in(part.text, m, cutoff)), None)
    if member is not None:
        return member
    text = part.folded
    own = phrase_set("supply_chain", "own").search(text) is not None
    external = _external(text, own)
    if phrase_set("supply_chain", "components").search(text) and (external or not own):
        return ""
    if external and phrase_set("supply_chain", "ai_things").search(text):
        return ""
    if any(not agent for agent in _parties(text)):
        return ""
    return None


def _external(text: str, own: bool) -> bool:
    """Whether `text` marks something as someone else's: "third-party", "supplied by", "by suppliers"."""
    if phrase_set("supply_chain", "external").search(text) or any(_parties(text)):
        return True
    return not own and phrase_set("supply_chain", "provision").search(text) is not None


def _parties(text: str) -> list[bool]:
    """For each party named in `text`, whether an agent word puts it as the supplier of something else."""
    agents = phrase_set("supply_chain", "agents")
    found = []
    for party in phrase_set("supply_chain", "parties").finditer(text):
        window = " ".join(_WORDS.findall(text[:party.start()])[-_AGENT_WINDOW:])
        found.append(agents.search(window) is not None)
    return found
