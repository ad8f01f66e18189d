"""Compose a Statement of Applicability: the controls' truth from choices, then tables or a list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import vocab_soa as vo
from .choices import Chooser
from .dates import ambiguous
from .layout import Block, Document, Page, Pair, Spacer, Table, Text
from .truth import ControlTruth, SoaTruth
from .vocab_labels import LABELS, LANGUAGES
from .wording import Wording


@dataclass(frozen=True)
class SoaCitation:
    """What the certificate says about its SoA, and whose SoA it is."""

    holder: str
    version: str | None
    date: dt.date | None
    issue: dt.date


def compose_soa(seed: int, cited: SoaCitation) -> tuple[Document, SoaTruth, dict[str, str]]:
    """Return an SoA's printed form, its truth and its dimension values."""
    ch = Chooser(seed, "soa")
    language = ch.dim("soa.language", {lang: 1.0 for lang in LANGUAGES} | {"en": 3.0})
    w = Wording.draw(ch, language, prefix="soa.")
    truth = SoaTruth(_holder(ch, cited.holder), *_version_and_date(ch, cited), _controls(ch, language))
    layout = ch.dim("soa.layout", {"table": 4.0, "list": 1.0})
    words_kind = ch.dim("soa.words", ("yes_no", "applicable", "included", "symbols"))
    words = vo.APPLICABILITY[words_kind][language]
    blocks = [*_meta(w, truth), Spacer(8)]
    blocks += _table(w, truth, words) if layout == "table" else _list(w, truth, words)
    if truth.date:
        ch.note("soa.dates.ambiguous", "yes" if ambiguous([truth.date], w.date_format) else "no")
    landscape = ch.dim("soa.orientation", {"portrait": 1.0, "landscape": 1.0}) == "landscape"
    footer = (
        (f"{vo.TITLES[language]} · {vo.META_LABELS['version'][language]} {truth.version}",)
        if truth.version and ch.chance("footer", 0.5)
        else ()
    )
    document = Document(
        [Page(blocks, (), footer)],
        ch.dim("soa.page_size", {"A4": 3.0, "Letter": 1.0}),
        landscape,
        "sans" if words_kind == "symbols" else ch.pick("font", ("sans", "serif")),
        flowing=True,
    )
    return document, truth, dict(ch.dims)


def _holder(ch: Chooser, holder: str) -> str | None:
    return holder if ch.dim("soa.holder", {"printed": 9.0, "absent": 1.0}) == "printed" else None


def _version_and_date(ch: Chooser, cited: SoaCitation) -> tuple[str, dt.date]:
    rng = ch.rng("soa.version")
    if cited.version is not None and ch.dim("soa.match", {"same": 5.0, "other_version": 1.0}) == "same":
        return cited.version, cited.date or cited.issue - dt.timedelta(days=rng.randrange(10, 90))
    version = f"{rng.randrange(1, 5)}.{rng.randrange(0, 10)}"
    if version == cited.version:
        version += ".1"
    return version, cited.issue - dt.timedelta(days=rng.randrange(10, 200))


def _controls(ch: Chooser, language: str) -> list[ControlTruth]:
    rng = ch.rng("soa.controls")
    listed = list(vo.CONTROLS)
    if ch.dim("soa.completeness", {"complete": 5.0, "incomplete": 1.0}) == "incomplete":
        for gone in rng.sample(listed, rng.randrange(1, 5)):
            listed.remove(gone)
    excluded = _excluded(ch, [cid for cid, _ in listed])
    unjustified = ch.dim("soa.unjustified", {"no": 4.0, "yes": 1.0}) == "yes" and excluded
    silent = rng.choice(sorted(excluded)) if unjustified else None
    reasons_for_included = ch.dim("soa.included_justified", {"yes": 4.0, "no": 1.0}) == "yes"
    out = []
    for cid, _ in listed:
        if cid in excluded:
            reason = None if cid == silent else rng.choice(vo.EXCLUDE_REASONS[language])
            out.append(ControlTruth(cid, False, reason))
        else:
            reason = rng.choice(vo.INCLUDE_REASONS[language]) if reasons_for_included else None
            out.append(ControlTruth(cid, True, reason))
    return out


def _excluded(ch: Chooser, ids: list[str]) -> set[str]:
    kind = ch.dim("soa.exclusions", {"none": 3.0, "non_key": 2.0, "key": 1.0, "supply_chain": 1.0})
    rng = ch.rng("soa.excluded")
    theme = lambda cid: cid.rsplit(".", 1)[0] if cid.count(".") == 2 else ".".join(cid.split(".")[:2])  # noqa: E731
    pools = {
        "none": [],
        "non_key": [c for c in ids if theme(c) not in vo.KEY_THEMES],
        "key": [c for c in ids if theme(c) in ("A.5", "A.6", "A.7") or c == "A.10.4"],
        "supply_chain": [c for c in ids if c in ("A.10.2", "A.10.3")],
    }
    pool = pools[kind]
    return set(rng.sample(pool, min(len(pool), rng.randrange(1, 4)))) if pool else set()


def _meta(w: Wording, truth: SoaTruth) -> list[Block]:
    lang, ch = w.language, w.ch
    title = Text(vo.TITLES[lang], "title")
    version_label, date_label = vo.META_LABELS["version"][lang], vo.META_LABELS["date"][lang]
    version, day = truth.version or "", w.date(truth.date) if truth.date else ""
    style = ch.dim("soa.meta", {"pairs": 2.0, "title_line": 1.0, "control_table": 1.0, "history": 1.0})
    holder = [Pair(w.label("holder", ".soa"), (truth.holder,), "inline")] if truth.holder else []
    if style == "title_line":
        head = Text(f"{truth.holder} — {vo.TITLES[lang]}", "title") if truth.holder else title
        return [head, Text(f"{version_label} {version} · {date_label} {day}")]
    if style == "control_table":
        cols = ([LABELS["holder"][lang][0]] if truth.holder else []) + [
            version_label,
            date_label,
            vo.META_LABELS["author"][lang],
        ]
        values = ([truth.holder] if truth.holder else []) + [version, day, ch.pick("soa.approver", vo.OWNERS)]
        widths = tuple(1.0 / len(cols) for _ in cols)
        return [title, Table((tuple(cols), tuple(values)), widths, header=True, repeat=False)]
    pairs: list[Block] = [
        title,
        *holder,
        Pair((version_label,), (version,), "inline"),
        Pair((date_label,), (day,), "inline"),
    ]
    if style == "history" and truth.date:
        pairs += [Text(vo.META_LABELS["history"][lang], "heading"), _history(w, truth)]
    return pairs


def _history(w: Wording, truth: SoaTruth) -> Table:
    lang = w.language
    assert truth.version and truth.date
    major, minor = (int(x) for x in truth.version.split(".")[:2])
    rows = [
        (f"{max(major - 1, 0)}.{minor}", w.date(truth.date - dt.timedelta(days=400)), "Initial release"),
        (truth.version, w.date(truth.date), "Annual review"),
    ]
    head = (vo.META_LABELS["version"][lang], vo.META_LABELS["date"][lang], vo.META_LABELS["change"][lang])
    return Table((head, *rows), (0.2, 0.3, 0.5), header=True, repeat=False, small=True)


def _printed_id(cid: str, style: str) -> str:
    return {"dotted": cid, "trailing_dot": cid + ".", "no_dot": cid.replace("A.", "A", 1)}.get(style, cid)


def _columns(w: Wording) -> list[str]:
    kind = w.ch.dim(
        "soa.columns", {"basic": 2.0, "extra": 1.5, "split_justification": 1.0, "split_extra": 1.0}
    )
    base = ["id", "title", "applicable"]
    just = ["inclusion", "exclusion"] if kind.startswith("split") else ["justification"]
    extra = [c for c in ("implemented", "evidence", "owner") if w.ch.chance(f"soa.extra.{c}", 0.6)] or [
        "implemented"
    ]
    if "extra" not in kind:
        extra = []
    order = w.ch.pick("soa.extra_position", ("after_applicable", "end"))
    return base + extra + just if order == "after_applicable" else base + just + extra


def _cell(column: str, c: ControlTruth, title: str, w: Wording, words: tuple[str, str], id_style: str) -> str:
    rng = w.ch.rng(f"soa.cell.{c.id}.{column}")
    values = {
        "id": _printed_id(c.id, id_style) + (f" {title}" if id_style == "with_title" else ""),
        "title": title,
        "applicable": words[0] if c.applicable else words[1],
        "justification": c.justification or "",
        "inclusion": (c.justification or "") if c.applicable else "",
        "exclusion": "" if c.applicable else (c.justification or ""),
        "implemented": rng.choice(vo.IMPLEMENTED_VALUES[w.language]) if c.applicable else "",
        "evidence": rng.choice(vo.EVIDENCE) if c.applicable else "",
        "owner": rng.choice(vo.OWNERS),
    }
    return values[column]


def _table(w: Wording, truth: SoaTruth, words: tuple[str, str]) -> list[Block]:
    ch, lang = w.ch, w.language
    columns = _columns(w)
    id_style = ch.dim("soa.id_style", {"dotted": 3.0, "trailing_dot": 1.0, "no_dot": 1.0, "with_title": 1.0})
    if id_style == "with_title":
        columns.remove("title")
    themes = ch.dim("soa.themes", {"rows": 1.0, "none": 1.0}) == "rows"
    repeat = ch.dim("soa.header_repeat", {"repeated": 1.0, "first_page_only": 1.0}) == "repeated"
    titles = dict(vo.CONTROLS)
    rows: list[tuple[str, ...]] = [tuple(vo.COLUMNS[c][lang] for c in columns)]
    current = ""
    for c in truth.controls:
        theme = _theme(c.id)
        if themes and theme != current:
            rows.append((f"{theme} {vo.THEMES[theme]}",) + ("",) * (len(columns) - 1))
        current = theme
        rows.append(tuple(_cell(col, c, titles[c.id], w, words, id_style) for col in columns))
    return [Table(tuple(rows), _widths(columns), header=True, borders=True, repeat=repeat, small=True)]


WIDTHS = {
    "id": 0.09,
    "title": 0.2,
    "applicable": 0.1,
    "justification": 0.32,
    "inclusion": 0.2,
    "exclusion": 0.2,
    "implemented": 0.12,
    "evidence": 0.12,
    "owner": 0.1,
}


def _widths(columns: list[str]) -> tuple[float, ...]:
    raw = [WIDTHS[c] * (2.6 if c == "id" and "title" not in columns else 1.0) for c in columns]
    return tuple(x / sum(raw) for x in raw)


def _theme(cid: str) -> str:
    parts = cid.split(".")
    return ".".join(parts[:2])


def _list(w: Wording, truth: SoaTruth, words: tuple[str, str]) -> list[Block]:
    lang = w.language
    style = w.ch.dim("soa.list_style", ("block", "line"))
    titles = dict(vo.CONTROLS)
    app_label, just_label = vo.COLUMNS["applicable"][lang], vo.COLUMNS["justification"][lang]
    blocks: list[Block] = []
    for c in truth.controls:
        word = words[0] if c.applicable else words[1]
        if style == "line":
            tail = f" — {c.justification}" if c.justification else ""
            blocks.append(Text(f"{c.id} {titles[c.id]} — {word}{tail}"))
            continue
        blocks.append(Text(f"{c.id} {titles[c.id]}", "strong"))
        blocks.append(Text(f"{app_label}: {word}"))
        if c.justification:
            blocks.append(Text(f"{just_label}: {c.justification}"))
        blocks.append(Spacer(4))
    return blocks
