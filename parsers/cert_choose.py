"""Stage `choose`: pick each field's value from its validated candidates, or abstain.

Readings of the same value agree: their support adds up (independent sources only, one per place in
the document). The best-supported value wins when it clearly beats every other value; when two
values are both well supported and close, the field stays null, since a wrong value is worse than a
missing one (a missing one asks the supplier to confirm it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .cert_candidates import Candidate
from .labels import fold
from .orgnames import ends_in_legal_form, name_key

MIN_SUPPORT = 0.3  # below this the best value is no more than a guess: leave the field null
CONFLICT_FLOOR = 0.6  # a disagreeing value this well supported can make the field null ...
MARGIN = 0.12  # ... unless the best value beats it by at least this much


@dataclass
class Group:
    """Candidates that read one value (possibly printed a little differently)."""

    key: Any
    members: list[Candidate] = field(default_factory=list)
    fullest: bool = False  # show the fullest reading (partial ones were folded in), not the best-scored

    @property
    def support(self) -> float:
        """Return the combined support: independent sources reinforce each other (noisy-or)."""
        best_per_source: dict[Any, float] = {}
        for cand in self.members:
            source = _source(cand)
            best_per_source[source] = max(best_per_source.get(source, 0.0), cand.score)
        missing = 1.0
        for score in best_per_source.values():
            missing *= 1.0 - score
        return 1.0 - missing

    @property
    def best(self) -> Candidate:
        """Return the member whose value is shown: the best-scored, the fuller reading on a tie."""
        if self.fullest:
            return max(self.members, key=lambda c: (_fullness(c.value), c.score))
        # one value printed a little differently ("X Limited" thrice, "X Limited Limited" once): the
        # printing most independent readings agree on
        return max(self.members, key=lambda c: (round(self._printing_support(c.value), 2), round(c.score, 2),
                                                _fullness(c.value)))

    def _printing_support(self, value: Any) -> float:
        same = [m for m in self.members if m.value == value or m.loose_stop and _stop_aside(m.value, value)]
        return Group(self.key, same).support


def _source(cand: Candidate) -> Any:
    """Return what makes a reading independent of another: a different way of finding, or another page.

    The same name printed twice (letterhead and signature) is one guess, not two.
    """
    page = cand.evidence[0].page if cand.evidence else 0
    return (cand.how.split(":")[0], page)


def _stop_aside(a: Any, b: Any) -> bool:
    """Return whether two printings differ at most by a final full stop ("X Lda." and "X Lda")."""
    return isinstance(a, str) and isinstance(b, str) and a.rstrip(".") == b.rstrip(".")


def _fullness(value: Any) -> int:
    if isinstance(value, str):
        return len(value) + (50 if ends_in_legal_form(value) else 0)
    if isinstance(value, tuple):
        return sum(v is not None for v in value) * 100 + len(value)
    return 0


@dataclass
class Choice:
    """One field's outcome: the chosen value and its candidates, or null and why."""

    name: str
    value: Any = None
    winner: Candidate | None = None
    groups: list[Group] = field(default_factory=list)
    reason: str = ""

    @property
    def alternatives(self) -> list[Group]:
        """Return the groups that lost (or, when abstaining, all of them), best first."""
        return [g for g in self.groups if self.winner is None or self.winner not in g.members]


def choose(name: str, candidates: list[Candidate]) -> Choice:
    """Pick the value of field `name` from its accepted candidates, or leave it null with a reason."""
    groups = group(name, candidates)
    if not groups:
        return Choice(name, reason="nothing plausible was found")
    groups.sort(key=lambda g: -g.support)
    top = groups[0]
    if top.support < MIN_SUPPORT:
        return Choice(name, groups=groups, reason="only weak guesses were found")
    if len(groups) > 1:
        runner = groups[1]
        if runner.support >= CONFLICT_FLOOR and top.support - runner.support < MARGIN:
            return Choice(name, groups=groups, reason=f"readings disagree: {_show(top)} vs {_show(runner)}")
    return Choice(name, top.best.value, top.best, groups)


def _show(g: Group) -> str:
    return f"{g.best.value!r} ({g.best.how}, {g.support:.2f})"


def group(name: str, candidates: list[Candidate]) -> list[Group]:
    """Gather candidates of one field into groups that read the same value, then fold partial readings in."""
    keyer = _KEYS.get(name, _plain)
    groups: dict[Any, Group] = {}
    for cand in candidates:
        key = keyer(cand.value)
        groups.setdefault(key, Group(key)).members.append(cand)
    merge = _MERGES.get(name)
    return merge(list(groups.values())) if merge else list(groups.values())


def _plain(value: Any) -> Any:
    return fold(value) if isinstance(value, str) else value


def _name(value: Any) -> Any:
    return name_key(value) if isinstance(value, str) else value


def _code(value: Any) -> Any:
    return fold(value).replace(" ", "") if isinstance(value, str) else value


def _items(value: Any) -> Any:
    if isinstance(value, tuple):
        return frozenset(fold(v) if isinstance(v, str) else v for v in value)
    return value


def _merge_truncated_names(groups: list[Group]) -> list[Group]:
    """Fold a name cut short of its legal form into the full name ("X Private" -> "X Private Limited")."""
    full = [g for g in groups if ends_in_legal_form(g.best.value)]
    out: list[Group] = []
    for g in groups:
        if ends_in_legal_form(g.best.value):
            out.append(g)
            continue
        host = next((f for f in full if fold(f.best.value).startswith(fold(g.best.value) + " ")), None)
        if host is not None:
            host.members.extend(c.rescored(0.9) for c in g.members)
        else:
            out.append(g)
    return out


def _merge_subsets(groups: list[Group]) -> list[Group]:
    """Fold a partial list into a fuller one that contains it (one site of two, one audit of two)."""
    return _fold_into(groups, lambda g: len(g.key) if isinstance(g.key, frozenset) else 0,
                      lambda part, full: _proper_subset(part.key, full.key), weight=0.8)


def _proper_subset(part: Any, full: Any) -> bool:
    return isinstance(part, frozenset) and isinstance(full, frozenset) and part < full


def _merge_partial_reference(groups: list[Group]) -> list[Group]:
    """Fold an SoA reference read with only its version (or date) into the full one that agrees."""
    def agrees(part: Group, full: Group) -> bool:
        return all(a is None or a == b for a, b in zip(part.key, full.key, strict=True))

    return _fold_into(groups, lambda g: sum(v is not None for v in g.key), agrees)


def _merge_contained_text(groups: list[Group]) -> list[Group]:
    """Fold a scope read shorter (a sentence less) into the fuller reading that starts with it."""
    return _fold_into(groups, lambda g: len(g.key), lambda part, full: full.key.startswith(part.key))


def _fold_into(groups: list[Group], size: Callable[[Group], int], fits: Callable[[Group, Group], bool],
               weight: float = 1.0, show_fullest: bool = True) -> list[Group]:
    """Fold each group into a fuller one its reading fits in; the fuller reading is the one shown
    (unless `show_fullest` is off: then the host's best-supported printing still is)."""
    out: list[Group] = []
    for g in sorted(groups, key=lambda x: -size(x)):
        host = next((h for h in out if fits(g, h)), None)
        if host is not None:
            host.members.extend(c.rescored(weight) for c in g.members)
            host.fullest = host.fullest or show_fullest
        else:
            out.append(g)
    return out


def _merge_truncated_codes(groups: list[Group]) -> list[Group]:
    """Fold a number cut off mid-code ("PT24/7176", wrapped in a narrow cell) into the full one printed
    elsewhere ("PT24/717685"). A reading that stops at a space ("AB-123" beside "AB-123 Rev 2") is no
    truncation: those two still disagree."""
    def cut_short(part_group: Group, full_group: Group) -> bool:
        part, full = part_group.best.value, full_group.best.value
        return isinstance(part, str) and isinstance(full, str) and len(full) > len(part) \
            and full.startswith(part) and part[-1:].isalnum() and full[len(part)].isalnum()

    return _fold_into(groups, lambda g: len(str(g.best.value)), cut_short, weight=0.9, show_fullest=False)


def _reference(value: Any) -> Any:
    if isinstance(value, tuple) and len(value) == 2:
        version, when = value
        return (fold(version) if version else None, when if isinstance(when, dt.date) else None)
    return value


_KEYS: dict[str, Callable[[Any], Any]] = {
    "holder": _name, "certification_body": _name, "certificate_number": _code, "sites": _items,
    "surveillance_dates": _items, "soa_reference": _reference,
}
_MERGES: dict[str, Callable[[list[Group]], list[Group]]] = {
    "holder": _merge_truncated_names, "certification_body": _merge_truncated_names,
    "sites": _merge_subsets, "surveillance_dates": _merge_subsets, "soa_reference": _merge_partial_reference,
    "scope": _merge_contained_text, "certificate_number": _merge_truncated_codes,
}
