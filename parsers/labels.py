"""Certificate field labels, found by meaning: the lexicon's phrases per field, matched fuzzily.

A label may carry its translation ("Geltungsbereich / Scope", "Awarded to / Décerné à: X"), and a
holder label the article that introduces the name ("This is to certify that the company | X").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from . import lexicon

FIELDS = ("certificate_number", "expiry_date", "validity", "initial_certification_date", "issue_date",
          "surveillance_dates", "next_audit_due", "holder", "sites", "accreditation_body", "scope",
          "standard", "soa_reference", "certification_body", "stop")
MIN_LABEL_SCORE = 85.0
MIN_WORD_SCORE = 72.0  # each word of a fuzzily matched label must itself be close
_NORM = re.compile(r"[^\w']+")
_NUMERO = re.compile(r"\b([Nn])\.\s*º")

_PLURAL_MARK = r"\((?i:s|es|e|en|n|x|i)\)"  # "Site(s)", "Standort(e)": one word, as if singular
_PLURAL_IN_WORD = re.compile(rf"(?<=[^\W\d_]){_PLURAL_MARK}")
_WORD = re.compile(rf"[Nn]\.\s*º|[^\W_]+(?:['’][^\W_]+)?(?:{_PLURAL_MARK})?")


def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces: the form labels compare in."""
    text = _NUMERO.sub(r"\1º", _PLURAL_IN_WORD.sub("", text.replace("ß", "ss")))  # "N.º" is "Nº": "no"
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_NORM.sub(" ", text.lower().replace("'", " ").replace("’", " ")).split())


@dataclass(frozen=True)
class LabelHit:
    """A label at the start of some text: its field, the lexicon phrase, score, and what follows."""

    field: str
    phrase: str
    score: float
    words: int  # how many words of the text the label covers
    rest: str  # the text after the label (its inline value), punctuation trimmed


@cache
def vocabulary() -> dict[str, tuple[str, ...]]:
    """Return every field's label phrases, all languages merged."""
    return {name: lexicon.phrases("labels", name) for name in FIELDS}


@cache
def _abbreviations() -> dict[str, str]:
    table = lexicon.section("label_abbreviations")
    if not isinstance(table, dict):
        raise lexicon.LexiconError("lexicon section 'label_abbreviations' must map a word to its full form")
    return {fold(str(k)): fold(str(v)) for k, v in table.items()}


def _canonical(tokens: list[str]) -> str:
    table = _abbreviations()
    return " ".join(table.get(t, t) for t in tokens)


@cache
def _verbatim_only() -> frozenset[str]:
    return frozenset(_canonical(fold(p).split()) for p in lexicon.phrases("labels_verbatim_only"))


@cache
def _vocab() -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Return (fields, folded phrases) grouped by the phrases' word count."""
    groups: dict[int, dict[tuple[str, str], None]] = {}
    for name, phrases in vocabulary().items():
        for phrase in phrases:
            folded = _canonical(fold(phrase).split())
            groups.setdefault(len(folded.split()), {})[(name, folded)] = None
    return {size: (tuple(n for n, _ in items), tuple(p for _, p in items))
            for size, items in sorted(groups.items())}


def _rest_after(text: str, words: int) -> str:
    """Return `text` with its first `words` words (as fold() counts them) removed."""
    count = 0
    pos = 0
    for m in _WORD.finditer(text):
        if count == words:
            break
        count += len(fold(m.group(0)).split()) or 1
        pos = m.end()
    rest = _PLURAL.sub("", text[pos:], count=1)  # "Surveillance audit(s)", "Standort(e)"
    rest = _ACRONYM.sub("", rest, count=1)  # "Statement of Applicability (SoA): v3"
    return rest.lstrip(" :.-–—=|)\t°º").strip()


_PLURAL = re.compile(rf"^{_PLURAL_MARK}")
_ACRONYM = re.compile(r"^\s*\([^\W\d_]{2,6}\)(?=\s|:|$)")


def has_separator(text: str, rest: str) -> bool:
    """Return whether a colon or dash stands between a label and its inline value."""
    head = text[: len(text) - len(rest)] if rest else text
    return bool(re.search(r"(?::|\s[-–—=|])\s*$", head.rstrip()))


@cache
def _ordinal() -> re.Pattern[str]:
    """"2nd", "2e", "2º" (numbers only: "first issued" is a label of its own)."""
    suffixes = lexicon.alternation(fold(s) or s for s in lexicon.phrases("ordinal_suffixes"))
    return re.compile(rf"^\d{{1,2}}(?:{suffixes})$")


def _word_by_word(head: str, phrase: str) -> bool:
    """Return whether a fuzzy match holds word by word ("Danube Delta Certification" is no date label)."""
    return all(fuzz.ratio(a, b) >= MIN_WORD_SCORE for a, b in zip(head.split(), phrase.split(), strict=False))


def _stands_apart(text: str, words: int) -> bool:
    """Return whether a one-word label is set apart from what follows: a separator, or its translation."""
    rest = _rest_after(text, words)
    return has_separator(text, rest) or rest.startswith("/") or _only_translation(rest) is not None


def _only_translation(rest: str) -> LabelHit | None:
    """Return the label `rest` is nothing but ("Locais | Site(s)", a stacked pair on one line), if any."""
    tokens = fold(rest).split()
    if not tokens or len(tokens) > 4:
        return None
    hit = _best(rest, None, MIN_LABEL_SCORE)
    if hit is None or hit.rest or hit.score < MERGE_SCORE or hit.field == "stop":
        return None
    return hit


def match_label(text: str, fields: tuple[str, ...] | None = None,
                cutoff: float = MIN_LABEL_SCORE) -> LabelHit | None:
    """Return the best label that `text` starts with (fuzzily), or None.

    Longer phrases win ties, so "surveillance audit completed on" beats "surveillance audit".
    """
    hit = _match(text, cutoff)
    if hit is None or (fields and hit.field not in fields):
        return _match_fields(text, fields, cutoff) if fields and hit is not None else None
    return hit


@lru_cache(maxsize=8192)
def _match(text: str, cutoff: float) -> LabelHit | None:
    hit = _best(text, None, cutoff)
    return _with_translation(hit, cutoff) if hit is not None else None


def _match_fields(text: str, fields: tuple[str, ...], cutoff: float) -> LabelHit | None:
    hit = _best(text, fields, cutoff)
    return _with_translation(hit, cutoff) if hit is not None else None


def _best(text: str, fields: tuple[str, ...] | None, cutoff: float) -> LabelHit | None:
    tokens = _canonical(fold(text).split()).split()
    # "2nd surveillance audit": the ordinal numbers the audit, it is not part of the label (and
    # "2nd surveillance" must not pass for "next surveillance").
    skip = 1 if tokens and _ordinal().match(tokens[0]) and len(tokens) > 1 else 0
    tokens = tokens[skip:]
    if not tokens:
        return None
    best: tuple[float, int, str, str] | None = None
    verbatim = _verbatim_only()
    for size, (names, phrases) in _vocab().items():
        if size > len(tokens):
            break
        # A one-word label running straight into text ("Location-based services", "Issue 3 of") is
        # an ordinary sentence; as a label it needs a separator ("Location: ...") or nothing after it.
        if size == 1 and len(tokens) > 1 and not _stands_apart(text, 1 + skip):
            continue
        head = " ".join(tokens[:size])
        for phrase, score, i in process.extract(head, phrases, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                limit=None):
            # One-word labels must match exactly unless long: fuzzy short words hit ordinary words.
            if (size == 1 and len(phrase) <= 8 and score < 100) or (fields and names[i] not in fields):
                continue
            if score < 100 and (phrase in verbatim or not _word_by_word(head, phrase)):
                continue
            if best is None or (score + size * 0.5, size) > (best[0] + best[1] * 0.5, best[1]):
                best = (score, size, names[i], phrase)
    if best is None:
        return None
    score, size, name, phrase = best
    return LabelHit(name, phrase, score, size + skip, _rest_after(text, size + skip))


_SLASH = re.compile(r"^[/|]\s*")
_DIGIT_FIELDS = frozenset({"certificate_number", "expiry_date", "validity", "initial_certification_date",
                           "issue_date", "surveillance_dates", "next_audit_due"})
_TRANSLATION = re.compile(r"^/\s*[^\W\d][^:/\d]{0,40}:\s*")


def _with_translation(hit: LabelHit, cutoff: float) -> LabelHit:
    """Extend a label over its translation ("Scope / Geltungsbereich") and a holder's article."""
    rest = hit.rest
    if _SLASH.match(rest):
        after = _SLASH.sub("", rest, count=1)
        other = _shorter_translation(hit.field, after, _best(after, None, cutoff), cutoff)
        if other is not None and other.field in (hit.field, "stop") or other is not None and _bilingual_pair(
                hit.field, other.field):
            rest = other.rest
        elif _TRANSLATION.match(rest):  # "Awarded to / Décerné à: X": an unknown translation, then a colon
            rest = _TRANSLATION.sub("", rest, count=1)
        elif hit.field in _DIGIT_FIELDS:
            # "Fecha de emisión / Current | issue date": a translation cut short by wrapping; a date or
            # number starts at the first word with a digit, a number maybe at a scheme's letters before
            # it ("Nº de certificado / AIMS 049500"): capitals that are no word of the field's labels
            digit = re.search(r"(?:^|\s)(?=\S*\d)", after)
            rest = after[digit.end():] if digit else ""
            if hit.field == "certificate_number" and digit:
                words = after[:digit.end()].split()
                k = len(words)
                while k > 0 and _SCHEME_WORD.match(words[k - 1]) \
                        and fold(words[k - 1]) not in _all_label_words():
                    k -= 1
                rest = " ".join([*words[k:], rest])
        else:
            # "Unità operative / Certified | site(s)": the part of a wrapped translation on this line is
            # label words; the value follows them
            words = after.split()
            k = 0
            while (k < min(3, len(words)) and len(fold(words[k])) > 2
                   and fold(words[k]) in _field_words(hit.field)):
                k += 1
            rest = " ".join(words[k:])
    elif (other := _only_translation(rest)) is not None and other.field == hit.field \
            and other.score >= cutoff:
        rest = ""  # "Locais Site(s)": the translation stacked on the label's own line
    if hit.field == "holder":
        rest = strip_article(rest)
    return hit if rest == hit.rest else LabelHit(hit.field, hit.phrase, hit.score, hit.words, rest)


def _shorter_translation(field: str, after: str, other: LabelHit | None, cutoff: float) -> LabelHit | None:
    """Prefer a translation that leaves the next header cell's label whole ("Certificaathouder /
    Organization | Certificaat nr.": not "Organization Certificaat" read fuzzily as one label)."""
    if other is None or other.words < 2 or other.score >= MERGE_SCORE:
        return other
    words = after.split()
    for j in range(other.words - 1, 0, -1):
        head = _best(" ".join(words[:j]), None, cutoff)
        if head is None or head.words != j or not (head.field == field or _bilingual_pair(field, head.field)):
            continue
        if _best(_rest_after(after, j), None, cutoff) is not None:
            return LabelHit(head.field, head.phrase, head.score, j, _rest_after(after, j))
    return other


_SCHEME_WORD = re.compile(r"^[A-Z]{2,6}$")


@cache
def _all_label_words() -> frozenset[str]:
    """Return the words any field's labels are made of, abbreviations included (all languages)."""
    words = {w for phrases in vocabulary().values() for phrase in phrases for w in fold(phrase).split()}
    return frozenset(words | set(_abbreviations()))


MERGE_SCORE = 95.0  # a fuzzy translation below this may have swallowed the next label's first word


@cache
def _field_words(name: str) -> frozenset[str]:
    """Return the words a field's labels are made of (all languages)."""
    return frozenset(w for phrase in vocabulary().get(name, ()) for w in fold(phrase).split())


def _bilingual_pair(first: str, second: str) -> bool:
    """Return whether two labels name one field in two languages with different wording.

    "Ausgestellt am / Issued on" and "Erstzertifizierung / First certification" are one field;
    the validity label pairs with either end of a period.
    """
    dates = {"validity", "issue_date", "expiry_date"}
    return first in dates and second in dates


@cache
def _articles() -> re.Pattern[str]:
    return re.compile(r"^(?:" + lexicon.alternation(lexicon.phrases("holder_articles")) + r")\b[\s:,]*", re.I)


def strip_article(text: str) -> str:
    """Remove the article that introduces a holder's name ("the company X" -> "X")."""
    return _articles().sub("", text, count=1) if text else text


@cache
def _inline_phrases() -> re.Pattern[str]:
    phrases = {p for ps in vocabulary().values() for p in ps if " " in p}
    return re.compile(r"(?<!\w)(?:" + lexicon.alternation(phrases) + r")(?!\w)", re.I)


def cut_at_next_label(text: str) -> str:
    """Return text up to where another label starts ("SC-4410 Expiry date: 1 Dec 2027" -> "SC-4410")."""
    m = _inline_phrases().search(text, 1)
    return text[: m.start()].rstrip(" ,;|") if m else text


@cache
def _ends_with_opener() -> re.Pattern[str]:
    body = lexicon.alternation(lexicon.phrases("holder_openers"), gap=r"[\s,\-]+")
    return re.compile(r"(?<!\w)(?P<opener>" + body + r")[\s:,]*$", re.I)


def trailing_opener(text: str) -> tuple[str, str] | None:
    """Split a line that ends with a holder opener into (what precedes it, the opener).

    "Tamsin & Rowe Assurance Ltd hereby certifies that" -> ("Tamsin & Rowe Assurance Ltd", ...):
    the name of the body that certifies, and the opener whose value (the holder) follows below.
    """
    m = _ends_with_opener().search(text)
    if not m:
        return None
    return text[: m.start()].strip(" ,"), m.group("opener")
