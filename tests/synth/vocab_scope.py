"""Scope statements: what is certified, supply-chain exclusions, and decoys that only name third parties.

Placeholders: {product}, {holder}, {member} (a supply-chain provider), {version}, {date}.
"""

from __future__ import annotations

# coverage -> language -> statement (no trailing full stop; exclusion clauses may follow)
COVERAGE: dict[str, dict[str, tuple[str, ...]]] = {
    "product": {
        "en": (
            "The design, development, operation and support of the {product} platform",
            "Development, deployment and operation of the AI-based {product} service",
            "Management of the artificial intelligence lifecycle for the SaaS product {product}",
        ),
        "de": (
            "Entwicklung, Betrieb und Support der KI-Plattform {product}",
            "Konzeption, Entwicklung und Bereitstellung des KI-gestützten Dienstes {product}",
        ),
        "fr": (
            "Conception, développement, exploitation et support de la plateforme {product}",
            "Développement et exploitation du service d'IA {product}",
        ),
        "es": (
            "Diseño, desarrollo, operación y soporte de la plataforma {product}",
            "Desarrollo y explotación del servicio de IA {product}",
        ),
        "it": (
            "Progettazione, sviluppo, esercizio e assistenza della piattaforma {product}",
            "Sviluppo ed erogazione del servizio di IA {product}",
        ),
        "nl": (
            "Ontwerp, ontwikkeling, beheer en ondersteuning van het {product}-platform",
            "Ontwikkeling en exploitatie van de AI-dienst {product}",
        ),
        "pt": (
            "Conceção, desenvolvimento, operação e suporte da plataforma {product}",
            "Desenvolvimento e operação do serviço de IA {product}",
        ),
    },
    "all": {
        "en": (
            "All AI systems, products and services provided by {holder}, including their design, "
            "development, deployment and monitoring",
            "The design, development and provision of all of the organisation's AI-enabled products and "
            "services",
        ),
        "de": (
            "Alle KI-Systeme, Produkte und Dienstleistungen der {holder}, einschließlich Entwicklung, "
            "Bereitstellung und Überwachung",
        ),
        "fr": (
            "L'ensemble des systèmes, produits et services d'IA de {holder}, y compris leur conception, "
            "leur développement et leur surveillance",
        ),
        "es": (
            "Todos los sistemas, productos y servicios de IA de {holder}, incluido su diseño, desarrollo "
            "y supervisión",
        ),
        "it": (
            "Tutti i sistemi, prodotti e servizi di IA di {holder}, compresi progettazione, sviluppo e "
            "monitoraggio",
        ),
        "nl": (
            "Alle AI-systemen, producten en diensten van {holder}, inclusief ontwerp, ontwikkeling en "
            "monitoring",
        ),
        "pt": (
            "Todos os sistemas, produtos e serviços de IA de {holder}, incluindo conceção, desenvolvimento "
            "e monitorização",
        ),
    },
    "other": {
        "en": (
            "The development and internal use of an AI-based candidate screening tool for human resources",
            "Operation of the internal document classification system used by the finance department",
        ),
        "de": ("Entwicklung und interne Nutzung eines KI-gestützten Bewerber-Screening-Werkzeugs",),
        "fr": (
            "Développement et utilisation interne d'un outil de présélection des candidats basé sur l'IA",
        ),
        "es": ("Desarrollo y uso interno de una herramienta de preselección de candidatos basada en IA",),
        "it": ("Sviluppo e uso interno di uno strumento di preselezione dei candidati basato sull'IA",),
        "nl": ("Ontwikkeling en intern gebruik van een AI-tool voor het screenen van sollicitanten",),
        "pt": (
            "Desenvolvimento e utilização interna de uma ferramenta de triagem de candidatos baseada em IA",
        ),
    },
}

# exclusion kind -> language -> (clause appended with ", ", or a sentence of its own)
EXCLUSION_CLAUSES: dict[str, tuple[str, ...]] = {
    "en": (
        "excluding third-party large language models and speech recognition services",
        "with the exception of externally provided foundation models",
        "but not including speech synthesis and telephony services supplied by third parties",
    ),
    "de": (
        "ausgenommen KI-Modelle von Drittanbietern und Spracherkennungsdienste",
        "mit Ausnahme extern bezogener Basismodelle",
    ),
    "fr": (
        "à l'exclusion des modèles de langage fournis par des tiers",
        "à l'exception des services de reconnaissance vocale de fournisseurs externes",
    ),
    "es": (
        "excluidos los modelos de lenguaje de terceros",
        "con excepción de los servicios de telefonía externos",
    ),
    "it": (
        "esclusi i modelli linguistici di terze parti",
        "ad eccezione dei servizi di sintesi vocale esterni",
    ),
    "nl": ("met uitzondering van taalmodellen van derden", "exclusief externe spraakherkenningsdiensten"),
    "pt": ("excluindo modelos de linguagem de terceiros", "com exceção dos serviços de telefonia externos"),
}

EXCLUSION_SENTENCES: dict[str, tuple[str, ...]] = {
    "en": (
        "Third-party AI models, speech-to-text and text-to-speech services provided by external suppliers "
        "are excluded from the scope of certification.",
        "Large language models and telephony provided by sub-processors do not form part of this "
        "certification.",
        "Externally provided AI components are outside the boundary of this certification.",
    ),
    "de": (
        "Extern bezogene Sprachmodelle und Spracherkennungsdienste sind nicht Bestandteil dieser "
        "Zertifizierung.",
        "KI-Modelle von Drittanbietern sind vom Geltungsbereich ausgeschlossen.",
    ),
    "fr": (
        "Les modèles d'IA et services de reconnaissance vocale de fournisseurs externes sont hors périmètre.",
        "Les modèles de langage fournis par des sous-traitants sont exclus du périmètre de certification.",
    ),
    "es": (
        "Los modelos de IA y servicios de reconocimiento de voz de proveedores externos quedan excluidos "
        "del alcance.",
    ),
    "it": (
        "I modelli di IA e i servizi di riconoscimento vocale di fornitori esterni sono esclusi dal campo "
        "di applicazione.",
    ),
    "nl": (
        "AI-modellen en spraakherkenningsdiensten van externe leveranciers vallen buiten de scope van "
        "deze certificering.",
    ),
    "pt": (
        "Os modelos de IA e os serviços de reconhecimento de voz de fornecedores externos estão excluídos "
        "do âmbito.",
    ),
}

MEMBER_EXCLUSIONS: dict[str, tuple[str, ...]] = {
    "en": (
        "The {member} models used by the platform are not covered by this certification.",
        "Services provided by {member} are excluded from the scope.",
    ),
    "de": ("Die von {member} bereitgestellten Modelle sind nicht Bestandteil dieser Zertifizierung.",),
    "fr": ("Les services fournis par {member} sont exclus du périmètre.",),
    "es": ("Los servicios prestados por {member} quedan excluidos del alcance.",),
    "it": ("I servizi forniti da {member} sono esclusi dal campo di applicazione.",),
    "nl": ("De diensten van {member} vallen buiten de scope.",),
    "pt": ("Os serviços prestados por {member} estão excluídos do âmbito.",),
}

# Name third parties without excluding them: no flag may follow from these.
DECOY_CLAUSES: dict[str, tuple[str, ...]] = {
    "en": (
        "including the management of third-party AI suppliers",
        "including the integration of third-party speech recognition services under supplier agreements",
        "including oversight of externally provided large language models",
    ),
    "de": (
        "einschließlich der Steuerung externer KI-Dienstleister",
        "einschließlich der Einbindung von Sprachmodellen von Drittanbietern",
    ),
    "fr": ("y compris la gestion des fournisseurs tiers de modèles d'IA",),
    "es": ("incluida la gestión de proveedores externos de modelos de IA",),
    "it": ("inclusa la gestione dei fornitori terzi di modelli di IA",),
    "nl": ("inclusief het beheer van externe leveranciers van AI-modellen",),
    "pt": ("incluindo a gestão de fornecedores externos de modelos de IA",),
}

DECOY_SENTENCES: dict[str, tuple[str, ...]] = {
    "en": (
        "Speech recognition and language models are sourced from {member} under a supplier agreement "
        "managed within the AIMS.",
        "The platform integrates third-party telephony and text-to-speech providers, which are managed "
        "as suppliers.",
    ),
    "de": ("Sprachmodelle werden von {member} bezogen und als Lieferant im KI-Managementsystem gesteuert.",),
    "fr": ("Les modèles de langage sont fournis par {member} et gérés comme fournisseurs dans le SMIA.",),
    "es": ("Los modelos de lenguaje los suministra {member} y se gestionan como proveedor en el SGIA.",),
    "it": ("I modelli linguistici sono forniti da {member} e gestiti come fornitore nel SGIA.",),
    "nl": ("Taalmodellen worden geleverd door {member} en als leverancier beheerd binnen het AIMS.",),
    "pt": ("Os modelos de linguagem são fornecidos pela {member} e geridos como fornecedor no SGIA.",),
}

SOA_IN_SCOPE: dict[str, tuple[str, ...]] = {
    "en": (
        "This is in accordance with the Statement of Applicability version {version} dated {date}.",
        "In accordance with the Statement of Applicability, Version {version}, dated {date}.",
    ),
    "de": ("Gemäß der Erklärung zur Anwendbarkeit, Version {version} vom {date}.",),
    "fr": ("Conformément à la déclaration d'applicabilité version {version} du {date}.",),
    "es": ("De acuerdo con la declaración de aplicabilidad versión {version} de {date}.",),
    "it": ("In conformità alla dichiarazione di applicabilità versione {version} del {date}.",),
    "nl": ("Overeenkomstig de verklaring van toepasselijkheid versie {version} van {date}.",),
    "pt": ("De acordo com a declaração de aplicabilidade versão {version} de {date}.",),
}

# How a certificate cites the SoA on its own line: {version} and/or {date}
SOA_VALUES: dict[str, tuple[str, ...]] = {
    "en": ("Version {version}, dated {date}", "v{version} ({date})", "Rev. {version} of {date}"),
    "de": ("Version {version} vom {date}", "Rev. {version} ({date})"),
    "fr": ("version {version} du {date}", "v{version} ({date})"),
    "es": ("versión {version} de {date}", "v{version} ({date})"),
    "it": ("versione {version} del {date}", "rev. {version} ({date})"),
    "nl": ("versie {version} van {date}", "v{version} ({date})"),
    "pt": ("versão {version} de {date}", "v{version} ({date})"),
}

SUPPLY_CHAIN_PROVIDERS = (
    ("OpenAI", "LLM"),
    ("Anthropic", "LLM"),
    ("Mistral AI", "LLM"),
    ("Deepgram", "ASR"),
    ("ElevenLabs", "TTS"),
    ("Twilio", "telephony"),
    ("AssemblyAI", "ASR"),
    ("Cohere", "LLM"),
    ("Vonage", "telephony"),
)

PRODUCT_WORDS = (
    "VoiceDesk",
    "CallPilot",
    "ShelfEye",
    "VoiceAgent",
    "Assist",
    "Insight",
    "RadiologyAssist",
    "DocFlow",
    "Sentinel",
    "Copilot",
    "Translate",
    "Lens",
    "Scribe",
    "Navigator",
)

SOA_IN_SCOPE_VERSION: dict[str, tuple[str, ...]] = {
    "en": ("This is in accordance with the Statement of Applicability version {version}.",),
    "de": ("Gemäß der Erklärung zur Anwendbarkeit, Version {version}.",),
    "fr": ("Conformément à la déclaration d'applicabilité version {version}.",),
    "es": ("De acuerdo con la declaración de aplicabilidad versión {version}.",),
    "it": ("In conformità alla dichiarazione di applicabilità versione {version}.",),
    "nl": ("Overeenkomstig de verklaring van toepasselijkheid versie {version}.",),
    "pt": ("De acordo com a declaração de aplicabilidade versão {version}.",),
}
