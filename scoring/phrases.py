"""Lexicon phrases as patterns over folded text, in the notation of the scope-wording sections.

Folding lower-cases, strips accents and reads ’ as ', so "hors périmètre" matches "HORS PERIMETRE";
a `Folded` text keeps where each folded character came from, to quote the original. The notation:
`[a|b]` optional words, `(a|b)` alternatives, `word*` any ending, `…` where the governed text stands
(cues only), spaces and hyphens match any run of spaces or hyphens, `x:` allows a space before `:`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from parsers import lexicon

from .text import fold

SEP = r"[\s\-]+"
_STEM = r"[\w']*"
_WORD_START, _WORD_END = r"(?<![\w'])", r"(?![\w])"
GAP = "…"


class PhraseError(ValueError):
    """A lexicon phrase does not follow the notation."""


@dataclass(frozen=True)
class Folded:
    """Folded text, with the index in the original of each folded character (and one past the end)."""

    text: str
    original: str
    origins: tuple[int, ...]

    @classmethod
    def of(cls, original: str) -> Folded:
        if original.isascii():
            return cls(original.lower(), original, tuple(range(len(original) + 1)))
        chars: list[str] = []
        origins: list[int] = []
        for index, char in enumerate(original):
            for folded in _fold_char(char):
                chars.append(folded)
                origins.append(index)
        return cls("".join(chars), original, (*origins, len(original)))

    def quote(self, start: int, end: int) -> str:
        """Return the original text of the folded span [start, end)."""
        return self.original[self.origins[start]:self.origins[end]]


@lru_cache(maxsize=4096)
def folded(text: str) -> Folded:
    """Return `text` folded (memoised: the rules read the same scope sentences more than once)."""
    return Folded.of(text)


@cache
def _fold_char(char: str) -> str:
    return fold(char.replace("\u2019", "'"))


def compile_phrase(phrase: str) -> str:
    """Return the regex body of one phrase in the lexicon notation (no `…`)."""
    tokens = _split_top(phrase.strip(), " ")
    if not tokens or all(_whole_optional(t) for t in tokens):
        raise PhraseError(f"phrase {phrase!r} has no required word")
    body, leading = "", True  # an optional word before the first required one carries its own separator
    for token in tokens:
        if _whole_optional(token):
            inner = _alternatives(token[1:-1])
            body += f"(?:{inner}{SEP})?" if leading else f"(?:{SEP}{inner})?"
        else:
            body += _token(token) if leading else SEP + _token(token)
            leading = False
    return body


def bounded(*phrases: str) -> str:
    """Return phrases as one whole-word regex body (longest first, one look-behind for all)."""
    ordered = sorted(phrases, key=len, reverse=True)
    return f"{_WORD_START}(?:{'|'.join(compile_phrase(p) for p in ordered)}){_WORD_END}"


def _whole_optional(token: str) -> bool:
    return token.startswith("[") and _closing(token, 0) == len(token) - 1


def _alternatives(text: str) -> str:
    return "(?:" + "|".join(compile_phrase(alt) for alt in _split_top(text, "|")) + ")"


def _token(token: str) -> str:
    """Compile one space-free token: groups, endings, hyphens, colons, literal characters."""
    out, i = [], 0
    while i < len(token):
        char = token[i]
        if char in "([":
            end = _closing(token, i)
            group = _alternatives(token[i + 1:end])
            out.append(group if char == "(" else f"(?:{group})?")
            i = end + 1
            continue
        out.append(_STEM if char == "*" else SEP if char == "-" else r"\s*:" if char == ":"
                   else re.escape(fold(char)))
        i += 1
    return "".join(out)


def _closing(text: str, start: int) -> int:
    """Return the index of the bracket closing the one at `start`."""
    pairs = {"(": ")", "[": "]"}
    depth = 0
    for i in range(start, len(text)):
        if text[i] in pairs:
            depth += 1
        elif text[i] in pairs.values():
            depth -= 1
            if depth == 0:
                return i
    raise PhraseError(f"unclosed bracket in {text!r}")


def _split_top(text: str, separator: str) -> list[str]:
    """Split `text` at `separator` outside brackets (a space separator also splits on any whitespace)."""
    parts, depth, current = [], 0, ""
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if depth == 0 and (char == separator or (separator == " " and char.isspace())):
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [p for p in parts if p] if separator == " " else parts


@dataclass(frozen=True)
class PhraseSet:
    """Every phrase of a lexicon section, as one case-insensitive whole-word pattern over folded text."""

    pattern: re.Pattern[str]

    def search(self, folded: str) -> re.Match[str] | None:
        return self.pattern.search(folded)

    def finditer(self, folded: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(folded)

    def fullmatch(self, folded: str) -> bool:
        return self.pattern.fullmatch(folded) is not None


@cache
def phrase_set(*path: str) -> PhraseSet:
    """Return the phrases of lexicon section `path`, all languages, longest first."""
    return PhraseSet(re.compile(bounded(*lexicon.phrases(*path))))
