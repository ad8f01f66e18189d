"""A fifth held-out round: other languages, appendix scopes, abbreviated months; scored before fixing."""

from __future__ import annotations

from reportlab.platypus import PageBreak, Spacer, Table

from .cert_pdf import Text
from .heldout_certs import BIG, BOLD, GRID, D, HeldOut, drawn, flowed, p


def _french() -> bytes:
    return flowed([
        p("Certification Rhône-Alpes SAS", BOLD), Spacer(1, 14), p("CERTIFICAT", BIG),
        p("Organisme certifié : Lyonnaise d'Intelligence Vocale SAS"),
        p("Numéro de certificat : CRA-42-1187"),
        p("Norme : ISO/IEC 42001:2023"),
        p("Périmètre : Conception et exploitation d'assistants vocaux pour les collectivités."),
        p("Date d'émission : 02/06/2025"),
        p("Date d'expiration : 01/06/2028"),
        p("Accréditation : COFRAC"),
    ])


def _dutch() -> bytes:
    return drawn([[
        Text(60, 40, "Polder Certificering B.V.", 13, True),
        Text(60, 80, "CERTIFICAAT", 22, True),
        Text(60, 120, "Organisatie:", 10), Text(200, 120, "Deltaspraak B.V.", 11),
        Text(60, 138, "Certificaatnummer:", 10), Text(200, 138, "PC-42-5501", 11),
        Text(60, 156, "Norm:", 10), Text(200, 156, "ISO/IEC 42001:2023", 11),
        Text(60, 174, "Toepassingsgebied:", 10),
        Text(200, 174, "Ontwikkeling van spraakherkenning voor de zorg.", 11),
        Text(60, 192, "Datum van afgifte:", 10), Text(200, 192, "15-05-2025", 11),
        Text(60, 210, "Geldig tot:", 10), Text(200, 210, "14-05-2028", 11),
        Text(60, 240, "Geaccrediteerd door de Raad voor Accreditatie", 9),
    ]])


def _scope_in_appendix() -> bytes:
    return flowed([
        p("Boreal Registrar Ltd", BOLD), Spacer(1, 14), p("Certificate", BIG),
        p("Certificate holder: Yukon Signal Processing Ltd"),
        p("Certificate No.: BRL-31-662"),
        p("Standard: ISO/IEC 42001:2023"),
        p("Scope: see Appendix 1"),
        p("Issue date: 7 Nov. 2025"), p("Expiry date: 6 Nov. 2028"),
        p("Accreditation: SCC"),
        PageBreak(),
        p("Appendix 1 – Scope of certification", BOLD),
        p("Seismic signal classification models for mining operators, including model retraining and "
          "monitoring."),
    ])


def _abbrev_months_us() -> bytes:
    return drawn([[
        Text(72, 50, "Chesapeake Quality Registrar, Inc.", 13, True),
        Text(72, 90, "Certificate of Registration", 20, True),
        Text(72, 130, "Registered organization: Anacostia Data Works, Inc.", 11),
        Text(72, 148, "Registration no.: CQR-AI-3090", 11),
        Text(72, 166, "Standard: ISO/IEC 42001:2023", 11),
        Text(72, 184, "Scope: Benefits eligibility prediction services for state agencies.", 11),
        Text(72, 202, "Original registration: Sept. 3, 2024", 11),
        Text(72, 220, "Current certificate: Sept. 3, 2025", 11),
        Text(72, 238, "Expiration: Sept. 2, 2027", 11),
        Text(72, 270, "Accredited by ANAB", 9),
    ]])


def _holder_in_header_row() -> bytes:
    return flowed([
        p("Sunbelt Certification Group LLC", BOLD), Spacer(1, 14), p("Certificate", BIG),
        p("The organization below has been certified to ISO/IEC 42001:2023."), Spacer(1, 8),
        Table([["Organization", "Certificate No.", "Valid until"],
               ["Gulfstream Logistics AI LLC", "SCG-2071", "2028-01-31"]], style=GRID, hAlign="LEFT"),
        Spacer(1, 8),
        p("Scope: Route planning AI for freight carriers."),
        p("Issue date: 2025-02-01"),
        p("Accreditation: IAS"),
    ])


def _italian() -> bytes:
    return flowed([
        p("Certificazioni Adriatiche S.r.l.", BOLD), Spacer(1, 14), p("CERTIFICATO", BIG),
        p("Si certifica che il sistema di gestione dell'organizzazione"),
        p("Veneto Visione Artificiale S.r.l.", BOLD),
        p("è conforme alla norma ISO/IEC 42001:2023"),
        p("Campo di applicazione: Sviluppo di sistemi di visione artificiale per il controllo qualità."),
        p("Certificato n.: CA-42-0456"),
        p("Data di emissione: 10/10/2025"),
        p("Data di scadenza: 09/10/2028"),
        p("Accreditamento: ACCREDIA"),
    ])


def _next_audit_and_recert() -> bytes:
    return drawn([[
        Text(60, 40, "Highland Assessment Services Ltd", 13, True),
        Text(60, 80, "Certificate of Approval", 20, True),
        Text(60, 120, "Client: Cairngorm Predictive Ltd", 11),
        Text(60, 138, "Certificate Number: HAS 42 0801", 11),
        Text(60, 156, "Standard: ISO/IEC 42001:2023", 11),
        Text(60, 174, "Scope: Snow-load prediction for roof inspection services.", 11),
        Text(60, 200, "Date of original approval: 21 October 2023", 11),
        Text(60, 218, "Date of current approval: 21 October 2025", 11),
        Text(60, 236, "Approval expiry: 20 October 2026", 11),
        Text(60, 254, "Recertification due: 20 August 2026", 11),
        Text(60, 290, "Accredited by UKAS", 9),
    ]])


def _scope_excludes_third_party() -> bytes:
    return flowed([
        p("Meridian Line Certification Ltd", BOLD), Spacer(1, 14), p("Certificate", BIG),
        p("Awarded to: Quayside Voice Ltd"),
        p("Certificate No.: MLC-7720"),
        p("Standard: ISO/IEC 42001:2023"),
        p("Scope: Operation of the Quayside voice agent platform. Speech-to-text and large language "
          "models supplied by third parties are excluded."),
        p("Issue date: 3 December 2025"), p("Expiry date: 2 December 2028"),
        p("Accreditation: UKAS"),
    ])


CASES5: tuple[HeldOut, ...] = (
    HeldOut("french", _french, {
        "holder": "Lyonnaise d'Intelligence Vocale SAS", "certificate_number": "CRA-42-1187",
        "certification_body": "Certification Rhône-Alpes SAS", "accreditation_body": "COFRAC",
        "issue_date": D(2025, 6, 2), "expiry_date": D(2028, 6, 1),
        "scope": "Conception et exploitation d'assistants vocaux pour les collectivités."}),
    HeldOut("dutch", _dutch, {
        "holder": "Deltaspraak B.V.", "certificate_number": "PC-42-5501",
        "certification_body": "Polder Certificering B.V.", "accreditation_body": "RvA",
        "issue_date": D(2025, 5, 15), "expiry_date": D(2028, 5, 14),
        "scope": "Ontwikkeling van spraakherkenning voor de zorg."}),
    HeldOut("scope_in_appendix", _scope_in_appendix, {
        "holder": "Yukon Signal Processing Ltd", "certificate_number": "BRL-31-662",
        "certification_body": "Boreal Registrar Ltd", "accreditation_body": "SCC",
        "issue_date": D(2025, 11, 7), "expiry_date": D(2028, 11, 6),
        "scope": "Seismic signal classification models for mining operators, including model retraining "
                 "and monitoring."}),
    HeldOut("abbrev_months_us", _abbrev_months_us, {
        "holder": "Anacostia Data Works, Inc.", "certificate_number": "CQR-AI-3090",
        "certification_body": "Chesapeake Quality Registrar, Inc.", "accreditation_body": "ANAB",
        "initial_certification_date": D(2024, 9, 3), "issue_date": D(2025, 9, 3),
        "expiry_date": D(2027, 9, 2),
        "scope": "Benefits eligibility prediction services for state agencies."}),
    HeldOut("holder_in_header_row", _holder_in_header_row, {
        "holder": "Gulfstream Logistics AI LLC", "certificate_number": "SCG-2071",
        "certification_body": "Sunbelt Certification Group LLC", "accreditation_body": "IAS",
        "issue_date": D(2025, 2, 1), "expiry_date": D(2028, 1, 31),
        "scope": "Route planning AI for freight carriers."}),
    HeldOut("italian", _italian, {
        "holder": "Veneto Visione Artificiale S.r.l.", "certificate_number": "CA-42-0456",
        "certification_body": "Certificazioni Adriatiche S.r.l.", "accreditation_body": "ACCREDIA",
        "issue_date": D(2025, 10, 10), "expiry_date": D(2028, 10, 9),
        "scope": "Sviluppo di sistemi di visione artificiale per il controllo qualità."}),
    HeldOut("next_audit_and_recert", _next_audit_and_recert, {
        "holder": "Cairngorm Predictive Ltd", "certificate_number": "HAS 42 0801",
        "certification_body": "Highland Assessment Services Ltd", "accreditation_body": "UKAS",
        "initial_certification_date": D(2023, 10, 21), "issue_date": D(2025, 10, 21),
        "expiry_date": D(2026, 10, 20), "next_audit_due": D(2026, 8, 20),
        "scope": "Snow-load prediction for roof inspection services."}),
    HeldOut("scope_excludes_third_party", _scope_excludes_third_party, {
        "holder": "Quayside Voice Ltd", "certificate_number": "MLC-7720",
        "certification_body": "Meridian Line Certification Ltd", "accreditation_body": "UKAS",
        "issue_date": D(2025, 12, 3), "expiry_date": D(2028, 12, 2),
        "scope": "Operation of the Quayside voice agent platform. Speech-to-text and large language models "
                 "supplied by third parties are excluded."}),
)
