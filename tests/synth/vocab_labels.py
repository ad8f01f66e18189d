"""Field labels as certification bodies print them, in the seven label languages (data only)."""

from __future__ import annotations

LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt")

# field -> language -> wordings seen on real certificates
LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "holder": {
        "en": (
            "Certified organisation",
            "Organisation",
            "Awarded to",
            "Client",
            "Certificate holder",
            "Company",
            "Organization",
        ),
        "de": ("Zertifizierte Organisation", "Zertifikatsinhaber", "Unternehmen", "Inhaber"),
        "fr": ("Organisation certifiée", "Titulaire du certificat", "Société", "Titulaire"),
        "es": ("Organización certificada", "Titular del certificado", "Empresa", "Titular"),
        "it": ("Organizzazione certificata", "Titolare del certificato", "Azienda", "Ragione sociale"),
        "nl": ("Gecertificeerde organisatie", "Certificaathouder", "Organisatie", "Bedrijf"),
        "pt": ("Organização certificada", "Titular do certificado", "Empresa", "Entidade"),
    },
    "certificate_number": {
        "en": (
            "Certificate No.",
            "Certificate number",
            "Certificate ID",
            "Registration No.",
            "Cert. Ref.",
            "Certificate Registration No.",
        ),
        "de": ("Zertifikat-Nr.", "Zertifikatsnummer", "Registrier-Nr.", "Zertifikat-Registrier-Nr."),
        "fr": ("Certificat n°", "Numéro de certificat", "N° de certificat", "Référence du certificat"),
        "es": ("Certificado n.º", "Número de certificado", "Nº de certificado", "Registro n.º"),
        "it": ("Certificato n.", "Numero certificato", "N. certificato", "Certificato numero"),
        "nl": ("Certificaatnummer", "Certificaat nr.", "Registratienummer"),
        "pt": ("Certificado n.º", "Número do certificado", "N.º do certificado"),
    },
    "certification_body": {
        "en": ("Certification body", "Issued by", "Certifier", "Certifying body"),
        "de": ("Zertifizierungsstelle", "Ausgestellt von", "Zertifizierungsgesellschaft"),
        "fr": ("Organisme de certification", "Délivré par", "Organisme certificateur"),
        "es": ("Entidad de certificación", "Emitido por", "Organismo de certificación"),
        "it": ("Organismo di certificazione", "Rilasciato da", "Ente di certificazione"),
        "nl": ("Certificatie-instelling", "Uitgegeven door", "Certificerende instelling"),
        "pt": ("Organismo de certificação", "Emitido por", "Entidade certificadora"),
    },
    "accreditation_body": {
        "en": ("Accreditation", "Accredited by", "Accreditation body"),
        "de": ("Akkreditierung", "Akkreditiert durch", "Akkreditierungsstelle"),
        "fr": ("Accréditation", "Accrédité par", "Organisme d'accréditation"),
        "es": ("Acreditación", "Acreditado por", "Entidad de acreditación"),
        "it": ("Accreditamento", "Accreditato da", "Ente di accreditamento"),
        "nl": ("Accreditatie", "Geaccrediteerd door", "Accreditatie-instelling"),
        "pt": ("Acreditação", "Acreditado por", "Organismo de acreditação"),
    },
    "standard": {
        "en": ("Standard", "Standard applied", "Normative document", "Audit criteria"),
        "de": ("Norm", "Regelwerk", "Prüfgrundlage", "Normgrundlage"),
        "fr": ("Norme", "Référentiel", "Norme de référence"),
        "es": ("Norma", "Norma de referencia", "Referencial"),
        "it": ("Norma", "Norma di riferimento", "Riferimento normativo"),
        "nl": ("Norm", "Normdocument", "Toetsingskader"),
        "pt": ("Norma", "Referencial", "Norma de referência"),
    },
    "initial_certification_date": {
        "en": (
            "Initial certification date",
            "Original certification date",
            "First issued",
            "Original registration date",
            "Certified since",
        ),
        "de": ("Erstzertifizierung", "Datum der Erstzertifizierung", "Zertifiziert seit"),
        "fr": ("Date de certification initiale", "Première certification", "Certifié depuis le"),
        "es": ("Fecha de certificación inicial", "Certificación inicial", "Fecha de la primera emisión"),
        "it": ("Data di prima emissione", "Prima certificazione", "Data prima certificazione"),
        "nl": ("Datum eerste certificering", "Oorspronkelijke certificeringsdatum", "Eerste uitgifte"),
        "pt": ("Data da certificação inicial", "Primeira certificação", "Data da primeira emissão"),
    },
    "issue_date": {
        "en": ("Issue date", "Date of issue", "Current issue date", "Effective date", "Date of this issue"),
        "de": ("Ausstellungsdatum", "Datum der Ausstellung", "Gültig ab"),
        "fr": ("Date d'émission", "Date de délivrance", "Valable à partir du"),
        "es": ("Fecha de emisión", "Fecha de expedición", "Válido desde"),
        "it": ("Data di emissione", "Data emissione corrente", "Valido dal"),
        "nl": ("Datum van uitgifte", "Uitgiftedatum", "Geldig vanaf"),
        "pt": ("Data de emissão", "Data da emissão atual", "Válido desde"),
    },
    "expiry_date": {
        "en": ("Expiry date", "Valid until", "Expiration date", "Certificate valid to", "Valid to"),
        "de": ("Gültig bis", "Ablaufdatum", "Gültigkeit bis"),
        "fr": ("Date d'expiration", "Valable jusqu'au", "Date d'échéance"),
        "es": ("Fecha de caducidad", "Válido hasta", "Fecha de vencimiento"),
        "it": ("Data di scadenza", "Valido fino al", "Scadenza"),
        "nl": ("Vervaldatum", "Geldig tot", "Geldig tot en met"),
        "pt": ("Data de validade", "Válido até", "Data de expiração"),
    },
    "validity": {
        "en": ("Validity", "Period of validity", "Valid"),
        "de": ("Gültigkeit", "Gültigkeitsdauer", "Gültigkeitszeitraum"),
        "fr": ("Validité", "Période de validité"),
        "es": ("Vigencia", "Período de validez"),
        "it": ("Validità", "Periodo di validità"),
        "nl": ("Geldigheid", "Geldigheidsduur"),
        "pt": ("Validade", "Período de validade"),
    },
    "surveillance_dates": {
        "en": ("Surveillance audit", "Last surveillance audit", "Surveillance audit(s)"),
        "de": ("Überwachungsaudit", "Letztes Überwachungsaudit"),
        "fr": ("Audit de surveillance", "Dernier audit de surveillance"),
        "es": ("Auditoría de seguimiento", "Última auditoría de seguimiento"),
        "it": ("Audit di sorveglianza", "Ultimo audit di sorveglianza"),
        "nl": ("Surveillance-audit", "Laatste surveillance-audit", "Tussentijdse audit"),
        "pt": ("Auditoria de acompanhamento", "Última auditoria de acompanhamento"),
    },
    "next_audit_due": {
        "en": ("Next surveillance audit due", "Next audit due", "Next audit"),
        "de": ("Nächstes Überwachungsaudit", "Nächstes Audit fällig"),
        "fr": ("Prochain audit de surveillance", "Prochain audit"),
        "es": ("Próxima auditoría de seguimiento", "Próxima auditoría"),
        "it": ("Prossimo audit di sorveglianza", "Prossimo audit"),
        "nl": ("Volgende surveillance-audit", "Volgende audit"),
        "pt": ("Próxima auditoria de acompanhamento", "Próxima auditoria"),
    },
    "scope": {
        "en": ("Scope", "Scope of certification", "Certified scope", "Scope of registration"),
        "de": ("Geltungsbereich", "Anwendungsbereich", "Zertifizierter Geltungsbereich"),
        "fr": ("Domaine d'application", "Périmètre de certification", "Champ d'application"),
        "es": ("Alcance", "Alcance de la certificación", "Alcance certificado"),
        "it": ("Campo di applicazione", "Scopo di certificazione", "Oggetto della certificazione"),
        "nl": ("Toepassingsgebied", "Reikwijdte", "Scope van certificatie"),
        "pt": ("Âmbito", "Âmbito da certificação", "Escopo da certificação"),
    },
    "sites": {
        "en": ("Certified site(s)", "Certified locations", "Site(s)", "Locations"),
        "de": ("Standort(e)", "Zertifizierte Standorte", "Standorte"),
        "fr": ("Site(s) certifié(s)", "Sites", "Implantations"),
        "es": ("Emplazamientos", "Centros certificados", "Ubicaciones"),
        "it": ("Siti certificati", "Sedi", "Unità operative"),
        "nl": ("Gecertificeerde locaties", "Vestigingen", "Locaties"),
        "pt": ("Locais certificados", "Instalações", "Locais"),
    },
    "soa_reference": {
        "en": ("Statement of Applicability", "SoA reference", "SoA"),
        "de": ("Erklärung zur Anwendbarkeit", "Anwendbarkeitserklärung", "SoA"),
        "fr": ("Déclaration d'applicabilité", "DdA", "Déclaration d'applicabilité (SoA)"),
        "es": ("Declaración de aplicabilidad", "DdA", "Declaración de aplicabilidad (SoA)"),
        "it": ("Dichiarazione di applicabilità", "DdA", "SoA"),
        "nl": ("Verklaring van toepasselijkheid", "VvT", "SoA"),
        "pt": ("Declaração de aplicabilidade", "DdA", "SoA"),
    },
    "revision": {
        "en": ("Revision", "Rev.", "Issue No."),
        "de": ("Revision", "Ausgabe", "Rev."),
        "fr": ("Révision", "Édition", "Rév."),
        "es": ("Revisión", "Edición", "Rev."),
        "it": ("Revisione", "Emissione", "Rev."),
        "nl": ("Revisie", "Versie"),
        "pt": ("Revisão", "Edição"),
    },
    "report_number": {
        "en": ("Audit report No.", "Project No.", "Order No."),
        "de": ("Auditbericht-Nr.", "Auftrags-Nr.", "Projekt-Nr."),
        "fr": ("N° de rapport d'audit", "N° de dossier"),
        "es": ("Informe de auditoría n.º", "Expediente n.º"),
        "it": ("Rapporto di audit n.", "Pratica n."),
        "nl": ("Auditrapport nr.", "Dossiernummer"),
        "pt": ("Relatório de auditoria n.º", "Processo n.º"),
    },
}

TITLES: dict[str, tuple[str, ...]] = {
    "en": (
        "CERTIFICATE",
        "Certificate of Registration",
        "CERTIFICATE OF APPROVAL",
        "Management System Certificate",
        "Certificate of Conformity",
    ),
    "de": ("ZERTIFIKAT", "Zertifikat", "Managementsystem-Zertifikat"),
    "fr": ("CERTIFICAT", "Certificat de conformité", "Certificat"),
    "es": ("CERTIFICADO", "Certificado de registro", "Certificado"),
    "it": ("CERTIFICATO", "Certificato di conformità", "Certificato"),
    "nl": ("CERTIFICAAT", "Certificaat", "Certificaat van registratie"),
    "pt": ("CERTIFICADO", "Certificado de conformidade", "Certificado"),
}

SYSTEM_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("Artificial Intelligence Management System", "AI Management System"),
    "de": ("Managementsystem für Künstliche Intelligenz", "KI-Managementsystem"),
    "fr": ("Système de management de l'intelligence artificielle",),
    "es": ("Sistema de gestión de la inteligencia artificial",),
    "it": ("Sistema di gestione per l'intelligenza artificiale",),
    "nl": ("Managementsysteem voor kunstmatige intelligentie",),
    "pt": ("Sistema de gestão de inteligência artificial",),
}

ANNEX_HEADINGS: dict[str, tuple[str, ...]] = {
    "en": ("Annex to certificate", "Schedule to certificate", "Appendix to certificate No."),
    "de": ("Anlage zum Zertifikat", "Anhang zum Zertifikat Nr."),
    "fr": ("Annexe au certificat", "Annexe au certificat n°"),
    "es": ("Anexo al certificado", "Anexo al certificado n.º"),
    "it": ("Allegato al certificato", "Allegato al certificato n."),
    "nl": ("Bijlage bij certificaat", "Bijlage bij certificaat nr."),
    "pt": ("Anexo ao certificado", "Anexo ao certificado n.º"),
}

ANNEX_POINTERS: dict[str, tuple[str, ...]] = {
    "en": (
        "{what} are listed in the Annex to this certificate, which forms an integral part of it.",
        "{what}: see the Schedule on page 2.",
        "For {what} see Appendix 1.",
    ),
    "de": ("{what} sind in der Anlage zu diesem Zertifikat aufgeführt.", "{what}: siehe Anlage."),
    "fr": ("{what} figurent en annexe du présent certificat.", "{what} : voir annexe."),
    "es": ("{what} se detallan en el anexo a este certificado.", "{what}: véase el anexo."),
    "it": ("{what} sono riportati nell'allegato al presente certificato.", "{what}: vedi allegato."),
    "nl": ("{what} zijn opgenomen in de bijlage bij dit certificaat.", "{what}: zie bijlage."),
    "pt": ("{what} constam do anexo a este certificado.", "{what}: ver anexo."),
}

ANNEX_WHAT: dict[str, tuple[str, str, str]] = {  # (scope, sites, scope and sites)
    "en": ("The scope of certification", "The certified locations", "The scope and the certified locations"),
    "de": ("Der Geltungsbereich", "Die Standorte", "Geltungsbereich und Standorte"),
    "fr": ("Le périmètre", "Les sites certifiés", "Le périmètre et les sites"),
    "es": ("El alcance", "Los emplazamientos", "El alcance y los emplazamientos"),
    "it": ("Il campo di applicazione", "I siti", "Il campo di applicazione e i siti"),
    "nl": ("Het toepassingsgebied", "De locaties", "Het toepassingsgebied en de locaties"),
    "pt": ("O âmbito", "Os locais", "O âmbito e os locais"),
}

PAGE_OF: dict[str, str] = {
    "en": "Page {n} of {m}",
    "de": "Seite {n} von {m}",
    "fr": "Page {n} sur {m}",
    "es": "Página {n} de {m}",
    "it": "Pagina {n} di {m}",
    "nl": "Pagina {n} van {m}",
    "pt": "Página {n} de {m}",
}

SITE_COLUMNS: dict[str, tuple[str, str, str]] = {  # (site, address, activities)
    "en": ("Site", "Address", "Activities"),
    "de": ("Standort", "Anschrift", "Tätigkeiten"),
    "fr": ("Site", "Adresse", "Activités"),
    "es": ("Centro", "Dirección", "Actividades"),
    "it": ("Sito", "Indirizzo", "Attività"),
    "nl": ("Locatie", "Adres", "Activiteiten"),
    "pt": ("Local", "Morada", "Atividades"),
}

SITE_NAMES: dict[str, tuple[str, ...]] = {  # decoy headings of site rows: "Location 1", "Head office"
    "en": ("Location {i}", "Site {i}", "Head office", "Main site"),
    "de": ("Standort {i}", "Hauptsitz", "Niederlassung {i}"),
    "fr": ("Site {i}", "Siège social", "Établissement {i}"),
    "es": ("Centro {i}", "Sede central", "Emplazamiento {i}"),
    "it": ("Sito {i}", "Sede legale", "Unità {i}"),
    "nl": ("Locatie {i}", "Hoofdkantoor", "Vestiging {i}"),
    "pt": ("Local {i}", "Sede", "Instalação {i}"),
}

SITE_ACTIVITIES: dict[str, tuple[str, ...]] = {
    "en": ("Headquarters; AIMS governance", "Engineering and model development", "Operations and support"),
    "de": ("Zentrale; KI-Governance", "Entwicklung und Modelltraining", "Betrieb und Support"),
    "fr": ("Siège ; gouvernance SMIA", "Ingénierie et développement des modèles", "Exploitation et support"),
    "es": ("Sede; gobierno del SGIA", "Ingeniería y desarrollo de modelos", "Operación y soporte"),
    "it": ("Sede; governance SGIA", "Ingegneria e sviluppo modelli", "Esercizio e assistenza"),
    "nl": ("Hoofdkantoor; AIMS-governance", "Engineering en modelontwikkeling", "Beheer en support"),
    "pt": ("Sede; governação do SGIA", "Engenharia e desenvolvimento de modelos", "Operação e suporte"),
}

ISMS_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("Information Security Management System",),
    "de": ("Informationssicherheits-Managementsystem",),
    "fr": ("Système de management de la sécurité de l'information",),
    "es": ("Sistema de gestión de seguridad de la información",),
    "it": ("Sistema di gestione per la sicurezza delle informazioni",),
    "nl": ("Managementsysteem voor informatiebeveiliging",),
    "pt": ("Sistema de gestão de segurança da informação",),
}

ALIGNMENT_TITLES: dict[str, tuple[str, ...]] = {
    "en": ("Certificate of Alignment", "Statement of Alignment", "Letter of Conformity"),
    "de": ("Konformitätsbestätigung", "Bestätigung der Ausrichtung"),
    "fr": ("Attestation d'alignement",),
    "es": ("Declaración de alineamiento",),
    "it": ("Attestato di allineamento",),
    "nl": ("Verklaring van afstemming",),
    "pt": ("Declaração de alinhamento",),
}
