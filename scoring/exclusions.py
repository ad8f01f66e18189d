"""Find what a scope statement excludes, and whether that is part of the AI supply chain."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .text import clauses, name_in

# Exclusion wording whose object FOLLOWS it: "excluding X", "does not extend to X".
_AFTER = (r"exclud(?:ing|es?)\b|exclusions?\s*(?:of|are|is|:)|excluded\s*(?::|from\s+(?:the\s+)?"
          r"scope\s+(?:is|are)\b)|(?:does|do|shall|will)\s+not\s+(?:extend\s+to|cover|include|apply\s+to)|"
          r"not\s+including|with\s+the\s+exceptions?\s+of|except(?:\s+for)?\b|other\s+than|"
          r"(?:outside|out\s+of)\s+(?:the\s+)?scope\s+(?:is|are)\b")
# Exclusion wording whose object PRECEDES it: "X are excluded", "X is outside the scope".
_BEFORE = (r"(?:is|are|remains?|being)\s+(?:explicitly\s+|expressly\s+|also\s+)?(?:excluded|not\s+covered|"
           r"not\s+included|not\s+(?:with)?in\s+(?:the\s+)?scope|not\s+part\s+of)|"
           r"(?<!not\s)(?:outside|out[\s-]+of)[\s-]+(?:the\s+|its\s+)?(?:certified\s+|certification\s+)?scope|"
           r"falls?\s+outside|(?<!not\s)excluded\b")
# German wording puts the excluded part on either side: check the whole clause.
_EITHER = (r"ausgenommen|ausgeschlossen|mit\s+ausnahme\s+(?:von|der|des)|nicht\s+(?:bestandteil|umfasst|"
           r"enthalten|eingeschlossen)")
_CUE = re.compile(rf"(?P<after>\b(?:{_AFTER}))|(?P<before>\b(?:{_BEFORE}))|(?P<either>\b(?:{_EITHER}))", re.I)
_NOTHING = re.compile(r"\s*(?:no|none|nothing|neither)\b", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no|without|nicht|keine?)\s+(?:\w+\s+)?$", re.I)
_BOUNDARY = re.compile(r",?\s+\b(?:but|while|whereas|although|however)\b|\bincluding\b", re.I)

# Parts of the AI supply chain named outright.
_COMPONENT = re.compile(
    r"\b(?:foundation|frontier|base|third[- ]party|external)\s+(?:ai\s+)?models?\b|\bllms?\b|"
    r"\blarge[- ]language[- ]models?\b|\bgenerative\s+ai\b|\bgpai\b|speech[- ]to[- ]text|\bstt\b|\basr\b|"
    r"speech\s+recognition|text[- ]to[- ]speech|\btts\b|(?:speech|voice)\s+synthesis|telephony|"
    r"\bapis?\b|\b(?:service|cloud|model|ai|speech|voice|telephony)\s+providers?\b|"
    # Parties as what is excluded ("does not extend to sub-processors"), not as who supplies something.
    r"(?<!\bby\s)(?<!\bfrom\s)\b(?:sub[- ]?processors?|suppliers?|vendors?|sub[- ]?contractors?|"
    r"third[- ]parties)\b|"
    r"\b(?:drittanbieter|unterauftragsverarbeiter|zulieferer|lieferanten|sprachmodell|spracherkennung|"
    r"sprachsynthese|telefonie|basismodell|fremdmodell)\w*", re.I)
# Wording that makes what follows someone else's: "third-party X", "X supplied by third parties".
_EXTERNAL = re.compile(
    r"\bthird[- ]party\b|\bexternally\s+\w+|\bexternal\s+(?:ai|ml|models?|providers?|suppliers?|vendors?|"
    r"apis?|services?)\b|\boutsourced\b|\b(?:supplier|vendor|partner)[- ](?:provided|"
    r"supplied|hosted)\b|\b(?:provided|supplied|hosted|operated|delivered|sourced|licensed)\s+(?:by|from)\s+"
    r"(?!(?:the\s+)?(?:company|organi[sz]ation|holder|certified\s+organi[sz]ation|its|our)\b|in[- ]house)",
    re.I)
# What an externally provided thing must be to be part of the AI supply chain.
_TECH = re.compile(r"\b(?:models?|services?|components?|systems?|tools?|software|platforms?|integrations?|"
                   r"engines?|algorithms?|ai|solutions?|products?|technolog(?:y|ies)|those|these|them)\b",
                   re.I)

# The holder's own components are not its supply chain: "excluding the in-house LLM research lab".
_OWN = re.compile(r"\b(?:in[- ]house|own|proprietary|internally[- ](?:developed|built|hosted))\b", re.I)


@dataclass(frozen=True)
class Exclusion:
    """One clause of a scope that excludes part of the AI supply chain."""

    clause: str
    excluded: str
    member: str | None = None


def supply_chain_exclusions(scope: str, members: Iterable[str], cutoff: float) -> list[Exclusion]:
    """Return each clause of `scope` that excludes a supply-chain component or a named supplier."""
    found = []
    names = tuple(members)
    for clause in clauses(scope):
        for excluded in _excluded_parts(clause):
            hit = _supply_chain_hit(excluded, names, cutoff)
            if hit is not None:
                found.append(Exclusion(clause, excluded.strip(" ,.;:"), hit or None))
                break
    return found


def _excluded_parts(clause: str) -> list[str]:
    """Return the text each exclusion cue in `clause` applies to."""
    parts = []
    for cue in _CUE.finditer(clause):
        if _NEGATED.search(clause[: cue.start()]) and cue.group("before") is None:
            continue
        if cue.group("either"):
            parts.append(clause[: cue.start()] + " " + clause[cue.end():])
        elif cue.group("after"):
            parts.append(_bounded_after(clause[cue.end():]))
        else:
            before = clause[: cue.start()]
            if re.search(r"\bnot\s*$", before, re.I):
                continue  # "are not excluded"
            parts.append(_bounded_before(before) or clause[cue.end():])
    return [p for p in parts if p.strip() and not _NOTHING.match(p)]  # "excludes no third-party ..."


def _bounded_after(text: str) -> str:
    """Cut the object of an exclusion at the next clause boundary ("..., but", "including")."""
    match = _BOUNDARY.search(text)
    return text[: match.start()] if match else text


def _bounded_before(text: str) -> str:
    """Keep what precedes an exclusion back to the previous clause boundary."""
    cuts = list(_BOUNDARY.finditer(text))
    text = text[cuts[-1].end():] if cuts else text
    if re.fullmatch(r"\s*(?:the\s+)?(?:scope|certificate|certification)?\s*", text, re.I):
        return ""
    return text


def _supply_chain_hit(excluded: str, members: tuple[str, ...], cutoff: float) -> str | None:
    """Return the member named ('' for a generic component) if `excluded` is supply chain, else None."""
    for member in members:
        if name_in(excluded, member, cutoff):
            return member
    external = _EXTERNAL.search(excluded)
    if _COMPONENT.search(excluded) and (external or not _OWN.search(excluded)):
        return ""
    if external and _TECH.search(excluded):
        return ""
    return None
