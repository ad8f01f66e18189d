"""Statements of Applicability: Annex A, column headings, applicability words, justifications (data only)."""

from __future__ import annotations

CONTROLS: tuple[tuple[str, str], ...] = (
    ("A.2.2", "AI policy"),
    ("A.2.3", "Alignment with other organizational policies"),
    ("A.2.4", "Review of the AI policy"),
    ("A.3.2", "AI roles and responsibilities"),
    ("A.3.3", "Reporting of concerns"),
    ("A.4.2", "Resource documentation"),
    ("A.4.3", "Data resources"),
    ("A.4.4", "Tooling resources"),
    ("A.4.5", "System and computing resources"),
    ("A.4.6", "Human resources"),
    ("A.5.2", "AI system impact assessment process"),
    ("A.5.3", "Documentation of AI system impact assessments"),
    ("A.5.4", "Assessing AI system impact on individuals or groups of individuals"),
    ("A.5.5", "Assessing societal impacts of AI systems"),
    ("A.6.1.2", "Objectives for responsible development of AI system"),
    ("A.6.1.3", "Processes for responsible AI system design and development"),
    ("A.6.2.2", "AI system requirements and specification"),
    ("A.6.2.3", "Documentation of AI system design and development"),
    ("A.6.2.4", "AI system verification and validation"),
    ("A.6.2.5", "AI system deployment"),
    ("A.6.2.6", "AI system operation and monitoring"),
    ("A.6.2.7", "AI system technical documentation"),
    ("A.6.2.8", "AI system recording of event logs"),
    ("A.7.2", "Data for development and enhancement of AI system"),
    ("A.7.3", "Acquisition of data"),
    ("A.7.4", "Quality of data for AI systems"),
    ("A.7.5", "Data provenance"),
    ("A.7.6", "Data preparation"),
    ("A.8.2", "System documentation and information for users"),
    ("A.8.3", "External reporting"),
    ("A.8.4", "Communication of incidents"),
    ("A.8.5", "Information for interested parties"),
    ("A.9.2", "Processes for responsible use of AI systems"),
    ("A.9.3", "Objectives for responsible use of AI system"),
    ("A.9.4", "Intended use of the AI system"),
    ("A.10.2", "Allocating responsibilities"),
    ("A.10.3", "Suppliers"),
    ("A.10.4", "Customers"),
)

THEMES: dict[str, str] = {
    "A.2": "Policies related to AI",
    "A.3": "Internal organization",
    "A.4": "Resources for AI systems",
    "A.5": "Assessing impacts of AI systems",
    "A.6": "AI system life cycle",
    "A.7": "Data for AI systems",
    "A.8": "Information for interested parties of AI systems",
    "A.9": "Use of AI systems",
    "A.10": "Third-party and customer relationships",
}

KEY_THEMES = ("A.5", "A.6", "A.7", "A.10")  # FLAGS.md soa.key_control_excluded

TITLES = {
    "en": "Statement of Applicability",
    "de": "Erklärung zur Anwendbarkeit",
    "fr": "Déclaration d'applicabilité",
    "es": "Declaración de aplicabilidad",
    "it": "Dichiarazione di applicabilità",
    "nl": "Verklaring van toepasselijkheid",
    "pt": "Declaração de aplicabilidade",
}

# kind -> language -> (applicable, not applicable)
APPLICABILITY: dict[str, dict[str, tuple[str, str]]] = {
    "yes_no": {
        "en": ("Yes", "No"),
        "de": ("Ja", "Nein"),
        "fr": ("Oui", "Non"),
        "es": ("Sí", "No"),
        "it": ("Sì", "No"),
        "nl": ("Ja", "Nee"),
        "pt": ("Sim", "Não"),
    },
    "applicable": {
        "en": ("Applicable", "Not applicable"),
        "de": ("Anwendbar", "Nicht anwendbar"),
        "fr": ("Applicable", "Non applicable"),
        "es": ("Aplica", "No aplica"),
        "it": ("Applicabile", "Non applicabile"),
        "nl": ("Van toepassing", "Niet van toepassing"),
        "pt": ("Aplicável", "Não aplicável"),
    },
    "included": {
        "en": ("Included", "Excluded"),
        "de": ("Eingeschlossen", "Ausgeschlossen"),
        "fr": ("Inclus", "Exclu"),
        "es": ("Incluido", "Excluido"),
        "it": ("Incluso", "Escluso"),
        "nl": ("Opgenomen", "Uitgesloten"),
        "pt": ("Incluído", "Excluído"),
    },
    "symbols": {lang: ("✓", "✗") for lang in TITLES},
}

# column -> language -> heading
COLUMNS: dict[str, dict[str, str]] = {
    "id": {
        "en": "Control",
        "de": "Maßnahme",
        "fr": "Mesure",
        "es": "Control",
        "it": "Controllo",
        "nl": "Beheersmaatregel",
        "pt": "Controlo",
    },
    "title": {
        "en": "Title",
        "de": "Titel",
        "fr": "Intitulé",
        "es": "Título",
        "it": "Titolo",
        "nl": "Titel",
        "pt": "Título",
    },
    "applicable": {
        "en": "Applicable",
        "de": "Anwendbar",
        "fr": "Applicable",
        "es": "Aplicable",
        "it": "Applicabile",
        "nl": "Van toepassing",
        "pt": "Aplicável",
    },
    "justification": {
        "en": "Justification",
        "de": "Begründung",
        "fr": "Justification",
        "es": "Justificación",
        "it": "Giustificazione",
        "nl": "Rechtvaardiging",
        "pt": "Justificação",
    },
    "inclusion": {
        "en": "Justification for inclusion",
        "de": "Begründung der Aufnahme",
        "fr": "Justification de l'inclusion",
        "es": "Justificación de la inclusión",
        "it": "Motivazione dell'inclusione",
        "nl": "Reden voor opname",
        "pt": "Justificação da inclusão",
    },
    "exclusion": {
        "en": "Justification for exclusion",
        "de": "Begründung des Ausschlusses",
        "fr": "Justification de l'exclusion",
        "es": "Justificación de la exclusión",
        "it": "Motivazione dell'esclusione",
        "nl": "Reden voor uitsluiting",
        "pt": "Justificação da exclusão",
    },
    "implemented": {
        "en": "Implemented",
        "de": "Umgesetzt",
        "fr": "Mis en œuvre",
        "es": "Implantado",
        "it": "Implementato",
        "nl": "Geïmplementeerd",
        "pt": "Implementado",
    },
    "evidence": {
        "en": "Evidence",
        "de": "Nachweis",
        "fr": "Preuves",
        "es": "Evidencia",
        "it": "Evidenze",
        "nl": "Bewijs",
        "pt": "Evidências",
    },
    "owner": {
        "en": "Owner",
        "de": "Verantwortlich",
        "fr": "Responsable",
        "es": "Responsable",
        "it": "Responsabile",
        "nl": "Eigenaar",
        "pt": "Responsável",
    },
}

IMPLEMENTED_VALUES: dict[str, tuple[str, ...]] = {
    "en": ("Yes", "Partially", "In progress", "No"),
    "de": ("Ja", "Teilweise", "In Umsetzung", "Nein"),
    "fr": ("Oui", "Partiellement", "En cours", "Non"),
    "es": ("Sí", "Parcialmente", "En curso", "No"),
    "it": ("Sì", "Parzialmente", "In corso", "No"),
    "nl": ("Ja", "Gedeeltelijk", "In uitvoering", "Nee"),
    "pt": ("Sim", "Parcialmente", "Em curso", "Não"),
}

EVIDENCE = (
    "AIMS-POL-01",
    "AIMS-PRO-07",
    "Risk register R-03",
    "ISMS-PRO-12",
    "Model card template",
    "DPIA-2024-04",
)
OWNERS = ("CISO", "Head of AI", "DPO", "CTO", "Quality Manager", "AI Governance Board")

INCLUDE_REASONS: dict[str, tuple[str, ...]] = {
    "en": (
        "Selected to address risk R-01 (absence of AI governance direction).",
        "Selected: governance roles are defined in the AIMS manual.",
        "Required to manage risks identified in the AI risk assessment.",
        "Needed because customer data is used to improve the models.",
        "Legal requirement under the EU AI Act for high-risk systems.",
    ),
    "de": (
        "Ausgewählt zur Behandlung des Risikos R-01.",
        "Erforderlich gemäß KI-Risikobeurteilung.",
        "Rollen sind im KI-Managementhandbuch festgelegt.",
    ),
    "fr": (
        "Retenu pour traiter le risque R-01.",
        "Requis par l'appréciation des risques IA.",
        "Les rôles sont définis dans le manuel du SMIA.",
    ),
    "es": (
        "Seleccionado para tratar el riesgo R-01.",
        "Requerido por la evaluación de riesgos de IA.",
        "Los roles están definidos en el manual del SGIA.",
    ),
    "it": (
        "Selezionato per trattare il rischio R-01.",
        "Richiesto dalla valutazione dei rischi IA.",
        "I ruoli sono definiti nel manuale del SGIA.",
    ),
    "nl": (
        "Geselecteerd om risico R-01 te behandelen.",
        "Vereist volgens de AI-risicobeoordeling.",
        "Rollen zijn vastgelegd in het AIMS-handboek.",
    ),
    "pt": (
        "Selecionado para tratar o risco R-01.",
        "Exigido pela avaliação de riscos de IA.",
        "As funções estão definidas no manual do SGIA.",
    ),
}

EXCLUDE_REASONS: dict[str, tuple[str, ...]] = {
    "en": (
        "Not applicable: the organisation does not supply AI systems to customers.",
        "Excluded: no third-party AI components are used.",
        "Not relevant: no personal data is processed by the AI system.",
        "Out of scope: models are not trained in-house.",
    ),
    "de": (
        "Nicht anwendbar: keine KI-Systeme an Kunden geliefert.",
        "Ausgeschlossen: keine Drittkomponenten.",
    ),
    "fr": (
        "Non applicable : aucun système d'IA fourni aux clients.",
        "Exclu : aucun composant tiers utilisé.",
    ),
    "es": (
        "No aplica: no se suministran sistemas de IA a clientes.",
        "Excluido: no se usan componentes de terceros.",
    ),
    "it": (
        "Non applicabile: nessun sistema di IA fornito ai clienti.",
        "Escluso: nessun componente di terzi.",
    ),
    "nl": (
        "Niet van toepassing: geen AI-systemen aan klanten geleverd.",
        "Uitgesloten: geen componenten van derden.",
    ),
    "pt": (
        "Não aplicável: não são fornecidos sistemas de IA a clientes.",
        "Excluído: sem componentes de terceiros.",
    ),
}

META_LABELS: dict[str, dict[str, str]] = {
    "version": {
        "en": "Version",
        "de": "Version",
        "fr": "Version",
        "es": "Versión",
        "it": "Versione",
        "nl": "Versie",
        "pt": "Versão",
    },
    "date": {
        "en": "Date",
        "de": "Datum",
        "fr": "Date",
        "es": "Fecha",
        "it": "Data",
        "nl": "Datum",
        "pt": "Data",
    },
    "author": {
        "en": "Approved by",
        "de": "Freigegeben von",
        "fr": "Approuvé par",
        "es": "Aprobado por",
        "it": "Approvato da",
        "nl": "Goedgekeurd door",
        "pt": "Aprovado por",
    },
    "change": {
        "en": "Change",
        "de": "Änderung",
        "fr": "Modification",
        "es": "Cambio",
        "it": "Modifica",
        "nl": "Wijziging",
        "pt": "Alteração",
    },
    "history": {
        "en": "Revision history",
        "de": "Änderungshistorie",
        "fr": "Historique des révisions",
        "es": "Historial de revisiones",
        "it": "Storico delle revisioni",
        "nl": "Revisiegeschiedenis",
        "pt": "Histórico de revisões",
    },
}
