"""The lexicon: every phrase certscope knows (labels, sentence openers, legal forms, months, boilerplate,
exclusion and negation cues), kept as data in `data/lexicon.yaml`, one place for every language.

Code holds mechanisms and asks the lexicon for phrases; adding a wording or a language is one line in
the YAML file. A section is either a list of phrases (language-neutral) or a mapping from a language
code to a list of phrases; `phrases()` merges the languages, `by_language()` keeps them apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt")


class LexiconError(ValueError):
    """The lexicon file is malformed or a section asked for does not exist."""


@cache
def _data() -> Mapping[str, Any]:
    text = resources.files(__package__).joinpath("data/lexicon.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise LexiconError("parsers/data/lexicon.yaml must hold a mapping of sections")
    return data


def section(*path: str) -> Any:
    """Return the raw node at `path` ("labels", "holder"), raising LexiconError naming a missing key."""
    node: Any = _data()
    for depth, key in enumerate(path):
        if not isinstance(node, dict) or key not in node:
            raise LexiconError(f"lexicon has no section {'.'.join(path[: depth + 1])!r}")
        node = node[key]
    return node


@cache
def by_language(*path: str) -> dict[str, tuple[str, ...]]:
    """Return the phrases at `path` per language ("*" for a language-neutral list)."""
    node = section(*path)
    if isinstance(node, list):
        return {"*": _strings(node, path)}
    if isinstance(node, dict) and all(isinstance(v, list) for v in node.values()):
        unknown = set(node) - set(LANGUAGES) - {"*"}  # "*": marks no language owns
        if unknown:
            where = ".".join(path)
            raise LexiconError(f"lexicon section {where!r} names unknown languages {sorted(unknown)}")
        return {lang: _strings(items, path) for lang, items in node.items()}
    raise LexiconError(f"lexicon section {'.'.join(path)!r} is not a phrase list")


@cache
def phrases(*path: str) -> tuple[str, ...]:
    """Return every phrase at `path`, all languages merged, without repeats, in file order."""
    seen: dict[str, None] = {}
    for items in by_language(*path).values():
        seen.update(dict.fromkeys(items))
    return tuple(seen)


def alternation(items: Iterable[str], gap: str = r"[\s\-]+") -> str:
    """Return a regex alternation of literal phrases, longest first, any run of spaces or hyphens flexible.

    `gap` is what may stand where a phrase has a space or hyphen (e.g. also a comma: "bescheinigt, dass").
    """
    ordered = sorted(set(items), key=len, reverse=True)
    return "|".join(re.sub(r"(?:\\ |\\-)+", lambda _: gap, re.escape(p)) for p in ordered)


@cache
def pattern(*path: str, whole_words: bool = True) -> re.Pattern[str]:
    """Return a case-insensitive pattern matching any phrase at `path`."""
    body = alternation(phrases(*path))
    if whole_words:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    return re.compile(body, re.I)


def _strings(items: list[Any], path: tuple[str, ...]) -> tuple[str, ...]:
    bad = [i for i in items if not isinstance(i, str) or not i.strip()]
    if bad:
        raise LexiconError(f"lexicon section {'.'.join(path)!r} holds non-phrases: {bad[:3]!r}")
    return tuple(i.strip() for i in items)
