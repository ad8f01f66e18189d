"""Compose a certificate from the choices: facts (the truth) and how each is printed (the layout)."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import vocab_labels as vl
from . import vocab_scope as sc
from . import vocab_sentences as vs
from .cert_fields import PAIR_PLACEMENTS, PairGroups
from .choices import Chooser
from .dates import ambiguous
from .facts import CertFacts, draw_facts
from .layout import Block, Columns, Document, Page, Pair, Spacer, Table, Text
from .truth import CertTruth
from .wording import Wording


@dataclass
class Placements:
    """Where each field goes."""

    holder: str
    number: str
    dates: str
    scope: str
    sites: str
    cb: str
    accreditation: str
    soa: str

    @classmethod
    def draw(cls, ch: Chooser, facts: CertFacts) -> Placements:
        """Draw each field's placement (recorded as placement.<field>)."""
        pairs = {p: 1.0 for p in PAIR_PLACEMENTS}
        holder = ch.dim("placement.holder", pairs | {"sentence_line": 3.0, "sentence_inline": 1.5})
        number = ch.dim("placement.number", pairs | {"corner": 1.0})
        dates = ch.dim("placement.dates", pairs | {"range": 1.0, "sentence": 1.0})
        scope = ch.dim("placement.scope", {"below": 3.0, "sentence": 2.0, "table": 1.0, "annex": 1.5})
        sites = _sites_placement(ch, len(facts.sites))
        cb = ch.dim("placement.cb", {"letterhead": 3.0, "sentence": 1.5, "pair": 1.0, "footer": 1.0})
        accreditation = (
            ch.dim("placement.accreditation", {"pair": 1.0, "mark": 1.5, "sentence": 1.0})
            if facts.accreditation.truth
            else "none"
        )
        soa = (
            ch.dim("placement.soa_reference", {"in_scope": 1.0, "pair": 1.0}) if facts.soa_version else "none"
        )
        return cls(holder, number, dates, scope, sites, cb, accreditation, soa)


def _sites_placement(ch: Chooser, count: int) -> str:
    if count == 0:
        ch.note("placement.sites", "none")
        return "none"
    options = {"list": 2.0, "table": 1.5, "annex": 1.5} | ({"holder_address": 2.5} if count == 1 else {})
    return ch.dim("placement.sites", options)


@dataclass
class Composition:
    """A certificate being composed: its blocks by region, and the truth as it is printed."""

    facts: CertFacts
    w: Wording
    p: Placements
    pairs: PairGroups = field(default_factory=PairGroups)
    statement: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    annex: list[Block] = field(default_factory=list)
    letterhead: tuple[str, ...] = ()
    scope_text: str = ""


def compose_certificate(seed: int) -> tuple[Document, CertTruth, CertFacts, dict[str, str]]:
    """Return a certificate's printed form, its truth, its facts and its dimension values."""
    ch = Chooser(seed, "certificate")
    facts = draw_facts(ch)
    w = Wording.draw(ch, facts.language)
    c = Composition(facts, w, Placements.draw(ch, facts))
    c.scope_text = _scope_text(c)
    _statement(c)
    _number(c)
    _dates(c)
    _accreditation_pair(c)
    _soa_pair(c)
    _scope_and_sites(c)
    document = _assemble(c)
    ch.note("dates.ambiguous", _ambiguous(c))
    return document, _truth(c), facts, dict(ch.dims)


def _scope_text(c: Composition) -> str:
    if c.p.soa != "in_scope":
        return c.facts.scope.text
    version, day, lang = c.facts.soa_version or "", c.facts.soa_date, c.facts.scope.language
    table = sc.SOA_IN_SCOPE if day else sc.SOA_IN_SCOPE_VERSION
    sentence = c.w.ch.pick("soa.in_scope", table[lang]).format(
        version=version, date=c.w.date(day) if day else ""
    )
    return f"{c.facts.scope.text} {sentence}"


def _statement(c: Composition) -> None:
    """The certification sentence: opener, holder (when in the sentence), conformity, standard."""
    f, w = c.facts, c.w
    alignment = f.kind == "alignment"
    system = w.phrase("system", vl.ISMS_NAMES if f.kind == "other_standard" else vl.SYSTEM_NAMES)
    openers = vs.CONFIRM_OPENERS if alignment else vs.CERTIFY_OPENERS
    opener = w.phrase("opener", openers, cb=f.cb.name)
    if c.p.cb == "sentence" and f.cb.name not in opener:
        with_cb = {k: [v for v in openers[k] if "{cb}" in v] for k in vl.LANGUAGES}
        opener = w.phrase("opener.cb", with_cb, cb=f.cb.name)
    address = f.sites[0] if c.p.sites == "holder_address" else ""
    c.statement.append(
        Text(w.phrase("title", vl.ALIGNMENT_TITLES if alignment else vl.TITLES), "title", "center")
    )
    c.statement.append(Text(system, "subtitle", "center"))
    if c.p.holder == "sentence_inline":
        where = f", {address}," if address else ""
        conforms = w.phrase("conforms", vs.ALIGNED if alignment else vs.CONFORMS, system=system)
        c.statement.append(Text(f"{opener} {f.holder.name}{where} {conforms}", "body", "center"))
    elif c.p.holder == "sentence_line":
        c.statement.append(Text(opener, "body", "center"))
        c.statement.append(Text(f.holder.name, "big", "center"))
        if address:
            if w.ch.chance("at_location", 0.5):
                c.statement.append(Text(w.phrase("at", vs.AT_LOCATION), "body", "center"))
            c.statement.append(Text(address, "body", "center"))
        conforms = w.phrase("conforms", vs.ALIGNED if alignment else vs.CONFORMS, system=system)
        c.statement.append(Text(conforms, "body", "center"))
    else:
        value = (f.holder.name, address) if address else (f.holder.name,)
        c.pairs.add(c.p.holder, w.label("holder"), value)
        if c.p.cb == "sentence":
            c.statement.append(Text(opener, "body", "center"))
        named = vs.ALIGNED_NAMED if alignment else vs.CONFORMS_NAMED
        c.statement.append(Text(w.phrase("conforms.named", named, system=system), "body", "center"))
    c.statement.append(Text(f.standard_printed, "big", "center"))
    if alignment:
        c.statement.append(Text(w.phrase("not_certificate", vs.NOT_A_CERTIFICATE), "small", "center"))
    if c.p.cb == "pair":
        c.pairs.add(_pair_mode(c), w.label("certification_body"), (f.cb.name,))


def _pair_mode(c: Composition) -> str:
    """The placement of fields that follow the document's main pair style (the number's, else 'right')."""
    return c.p.number if c.p.number in PAIR_PLACEMENTS else "right"


def _number(c: Composition) -> None:
    f, w = c.facts, c.w
    decoy = w.ch.dim(
        "number.decoy", {"none": 2.0, "revision": 1.0, "report_number": 1.0, "page_of": 1.0, "same_row": 1.0}
    )
    revision = (w.label_text("revision"), w.ch.pick("revision.value", ("2", "02", "1", "03", "Rev. 2")))
    report = (w.label_text("report_number"), str(w.ch.rng("report").randrange(10**6, 10**8)))
    if c.p.number in ("corner", "inline"):
        items = [(w.label_text("certificate_number").replace("\n", " / "), f.number)]
        if decoy in ("revision", "same_row"):
            items.append(revision)
        if decoy == "same_row":
            items.append((w.label_text("issue_date").replace("\n", " / "), w.date(f.dates.issue)))
        if decoy == "report_number":
            items.append(report)
        line = Text(
            "     ".join(f"{k}: {v}" for k, v in items), "body", "right" if c.p.number == "corner" else "left"
        )
        if c.p.number == "corner":
            c.statement.insert(0, line)
        else:
            c.body.insert(0, line)
    elif decoy == "same_row" and c.p.number in ("right", "below", "table"):
        cells = (
            w.label_text("certificate_number"),
            f.number,
            revision[0],
            revision[1],
            w.label_text("issue_date"),
            w.date(f.dates.issue),
        )
        c.body.insert(
            0,
            Table(
                (cells,),
                (0.2, 0.2, 0.14, 0.1, 0.18, 0.18),
                header=False,
                borders=c.p.number == "table",
                repeat=False,
            ),
        )
    else:
        c.pairs.add(c.p.number, w.label("certificate_number"), (f.number,))
        if decoy in ("revision", "same_row"):
            c.pairs.add(c.p.number, w.label("revision"), (revision[1],))
        if decoy == "same_row":
            c.pairs.add(c.p.number, w.label("issue_date", ".row"), (w.date(f.dates.issue),))
        if decoy == "report_number":
            c.pairs.add(c.p.number, w.label("report_number"), (report[1],))
    if decoy == "page_of":
        c.statement.insert(
            0, Text(vl.PAGE_OF[w.language].format(n=1, m=2 if _has_annex(c) else 1), "small", "right")
        )


def _has_annex(c: Composition) -> bool:
    return c.p.scope == "annex" or c.p.sites == "annex"


def _dates(c: Composition) -> None:
    d, w = c.facts.dates, c.w
    mode = c.p.dates if c.p.dates in PAIR_PLACEMENTS else _pair_mode(c)
    if d.initial:
        c.pairs.add(mode, w.label("initial_certification_date"), (w.date(d.initial),))
    if c.p.dates == "range":
        sep = w.ch.pick("range.sep", vs.RANGE_SEPARATORS)
        c.pairs.add(mode, w.label("validity"), (f"{w.date(d.issue)}{sep}{w.date(d.expiry)}",))
    elif c.p.dates == "sentence":
        both = w.ch.chance("valid.both", 0.5)
        if not both:
            c.pairs.add(mode, w.label("issue_date"), (w.date(d.issue),))
        table = vs.VALID_FROM_UNTIL if both else vs.VALID_UNTIL
        c.body.append(Text(w.phrase("valid", table, start=w.date(d.issue), end=w.date(d.expiry))))
    else:
        c.pairs.add(mode, w.label("issue_date"), (w.date(d.issue),))
        c.pairs.add(mode, w.label("expiry_date"), (w.date(d.expiry),))
    if d.surveillance:
        joined = w.ch.chance("surveillance.joined", 0.5)
        values = (", ".join(map(w.date, d.surveillance)),) if joined else tuple(map(w.date, d.surveillance))
        c.pairs.add(mode, w.label("surveillance_dates"), values)
    if d.next_audit:
        c.pairs.add(mode, w.label("next_audit_due"), (w.date(d.next_audit),))


def _accreditation_pair(c: Composition) -> None:
    a, w = c.facts.accreditation, c.w
    if c.p.accreditation != "pair" or a.full_name is None:
        return
    style = w.ch.dim("accreditation.printed", {"acronym": 1.0, "full_name": 1.0, "mark": 1.0})
    value = {"acronym": a.truth, "full_name": a.full_name, "mark": a.mark}[style] or a.full_name
    c.pairs.add(_pair_mode(c), w.label("accreditation_body"), (value,))


def _soa_pair(c: Composition) -> None:
    f, w = c.facts, c.w
    if c.p.soa != "pair" or f.soa_version is None:
        return
    if f.soa_date:
        value = w.phrase("soa.value", sc.SOA_VALUES, version=f.soa_version, date=w.date(f.soa_date))
    else:
        value = w.ch.pick("soa.version_only", ("Version {v}", "v{v}", "Rev. {v}")).format(v=f.soa_version)
    c.pairs.add(_pair_mode(c), w.label("soa_reference"), (value,))


def _scope_and_sites(c: Composition) -> None:
    f, w = c.facts, c.w
    if c.p.scope == "sentence":
        c.statement.append(Text(w.phrase("for_scope", vs.FOR_SCOPE), "body", "center"))
        c.statement.append(Text(c.scope_text, "body", "center"))
    elif c.p.scope == "table":
        c.pairs.add("table", w.label("scope"), (c.scope_text,))
    elif c.p.scope == "below":
        c.body.append(Pair(w.label("scope"), (c.scope_text,), "below"))
    else:
        c.annex.append(Pair(w.label("scope"), (c.scope_text,), "below"))
    if c.p.sites == "list":
        c.body.append(Pair(w.label("sites"), f.sites, w.ch.pick("sites.list_mode", ("below", "right"))))
    elif c.p.sites in ("table", "annex"):
        table = _site_table(c)
        (c.body if c.p.sites == "table" else c.annex).extend([Text(w.label_text("sites"), "heading"), table])
    if _has_annex(c):
        what = vl.ANNEX_WHAT[w.language][
            2 if c.p.scope == c.p.sites == "annex" else (0 if c.p.scope == "annex" else 1)
        ]
        c.body.append(Text(w.phrase("annex.pointer", vl.ANNEX_POINTERS, what=what)))


def _site_table(c: Composition) -> Table:
    w = c.w
    names = w.ch.dim("sites.names", {"numbered": 1.0, "named": 1.0, "none": 1.0})
    cols = vl.SITE_COLUMNS[w.language]
    rows: list[tuple[str, ...]] = []
    for i, address in enumerate(c.facts.sites, start=1):
        activity = w.ch.pick(f"site.activity{i}", vl.SITE_ACTIVITIES[w.language])
        name = (
            w.ch.pick(f"site.name{i}", vl.SITE_NAMES[w.language]).format(i=i)
            if names == "named"
            else vl.SITE_NAMES[w.language][0].format(i=i)
        )
        rows.append((address, activity) if names == "none" else (name, address, activity))
    header = cols[1:] if names == "none" else cols
    widths = (0.6, 0.4) if names == "none" else (0.18, 0.5, 0.32)
    return Table((header, *rows), widths, header=True, borders=w.ch.chance("sites.ruled", 0.6))


def _signature(c: Composition) -> list[Block]:
    f, w = c.facts, c.w
    name = w.ch.pick("signatory", vs.SIGNATORY_NAMES)
    blocks: list[Block] = [
        Spacer(10),
        Text(w.phrase("behalf", vs.ON_BEHALF, cb=f.cb.name)),
        Spacer(14),
        Text("______________________________"),
        Text(f"{name}, {w.phrase('sig.title', vs.SIGNATORY_TITLES)}"),
    ]
    a = f.accreditation
    if c.p.accreditation == "mark":
        text = a.mark if a.mark else w.phrase("accredited", vs.ACCREDITED_BY, name=a.full_name or "")
        blocks.append(Text(text, "mark", "right"))
    elif c.p.accreditation == "sentence":
        with_acronym = a.mark and w.ch.chance("acc.acronym", 0.5)
        body = f"{a.full_name} ({a.truth})" if with_acronym else a.full_name or ""
        blocks.append(Text(w.phrase("accredited", vs.ACCREDITED_BY, name=body), "small"))
    return blocks


def _boilerplate(c: Composition) -> list[Block]:
    f, w = c.facts, c.w
    amount = w.ch.dim("boilerplate", {"none": 1.0, "some": 2.0, "all": 1.0})
    sentences = [s.format(cb=f.cb.name, url=f.cb_url) for s in vs.BOILERPLATE[w.language]]
    if amount == "none":
        return []
    if amount == "some":
        sentences = w.ch.rng("boilerplate.some").sample(sentences, 2)
    return [Text(" ".join(sentences), "small")]


def _footer(c: Composition, page: int, pages: int) -> tuple[str, ...]:
    f, w = c.facts, c.w
    lines = []
    if c.p.cb == "footer":
        lines.append(
            f"{w.label_text('certification_body').replace(chr(10), ' / ')}: {f.cb.name}, {f.cb.address}"
        )
    elif w.ch.chance("footer.cb_address", 0.6):
        lines.append(f"{f.cb.name} · {f.cb.address}" if c.p.cb != "letterhead" else f.cb.address)
    if pages > 1 or w.ch.chance("footer.page", 0.4):
        lines.append(vl.PAGE_OF[w.language].format(n=page, m=pages))
    return tuple(lines)


def _letterhead(c: Composition) -> tuple[str, ...]:
    f = c.facts
    if c.p.cb == "letterhead":
        return (f.cb.name, f.cb.address) if c.w.ch.chance("letterhead.address", 0.5) else (f.cb.name,)
    return (f.cb.name.split()[0].upper(),)  # a logo word, not the body's name


def _assemble(c: Composition) -> Document:
    w = c.w
    main: list[Block] = [*c.statement, Spacer(8)]
    for placement in c.pairs.order:
        if placement != "sidebar":
            main.extend(c.pairs.blocks(placement))
    main.extend([Spacer(6), *c.body, *_signature(c), Spacer(6), *_boilerplate(c)])
    sidebar = c.pairs.blocks("sidebar")
    if sidebar:
        side = w.ch.dim("sidebar.side", ("left", "right"))
        blocks: list[Block] = [
            Columns(tuple(sidebar), tuple(main), 0.3)
            if side == "left"
            else Columns(tuple(main), tuple(sidebar), 0.68)
        ]
    else:
        blocks = main
    pages_n = 2 if _has_annex(c) else 1
    pages = [Page(blocks, _letterhead(c), _footer(c, 1, pages_n))]
    if c.annex:
        heading = f"{w.phrase('annex.heading', vl.ANNEX_HEADINGS)} {c.facts.number}"
        holder = Pair(w.label("holder", ".annex"), (c.facts.holder.name,), "inline")
        pages.append(
            Page(
                [Text(heading, "heading"), holder, Spacer(8), *c.annex, *_boilerplate(c)],
                _letterhead(c),
                _footer(c, 2, pages_n),
            )
        )
    size = w.ch.dim("page.size", {"A4": 3.0, "Letter": 1.0})
    landscape = w.ch.dim("page.orientation", {"portrait": 4.0, "landscape": 1.0}) == "landscape"
    font = w.ch.dim("font", ("sans", "serif"))
    return Document(pages, size, landscape, font)  # type: ignore[arg-type]


def _ambiguous(c: Composition) -> str:
    d = c.facts.dates
    printed = [
        x for x in (d.initial, d.issue, d.expiry, d.next_audit, c.facts.soa_date, *d.surveillance) if x
    ]
    return "yes" if ambiguous(printed, c.w.date_format) else "no"


def _truth(c: Composition) -> CertTruth:
    f, d = c.facts, c.facts.dates
    return CertTruth(
        holder=f.holder.name,
        standard=f.standard,
        certified=f.kind != "alignment",
        certificate_number=f.number,
        certification_body=f.cb.name,
        scope=c.scope_text,
        accreditation_body=f.accreditation.truth,
        initial_certification_date=d.initial,
        issue_date=d.issue,
        expiry_date=d.expiry,
        surveillance_dates=list(d.surveillance),
        next_audit_due=d.next_audit,
        sites=list(f.sites),
        soa_version=f.soa_version,
        soa_date=f.soa_date,
    )
