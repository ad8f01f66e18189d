"""Scope wording in seven languages, written the way certificates word their scope, labelled by hand.

Each sentence follows a product sentence in its language, in a certificate whose buyer relies on the
supply chain named in MEMBERS. EXCLUDES must raise scope.supply_chain_excluded; DECOYS (third parties
named without being excluded, other things excluded, exclusions negated) must not. COVERS_ALL states
that the scope covers all of the holder's AI systems, products or services; NOT_ALL does not.
SECOND_EXCLUDES and SECOND_DECOYS were written after the first round of tuning, as a second blind check.
"""

from __future__ import annotations

MEMBERS = (("OpenAI", "LLM"), ("Anthropic", "LLM"), ("Deepgram", "ASR"), ("ElevenLabs", "TTS"),
           ("Twilio", "telephony"))

PRODUCT_SENTENCE = {
    "en": "Design, development and operation of the Acme VoiceAgent platform.",
    "de": "Entwicklung und Betrieb der Plattform Acme VoiceAgent.",
    "fr": "Conception, développement et exploitation de la plateforme Acme VoiceAgent.",
    "es": "Diseño, desarrollo y operación de la plataforma Acme VoiceAgent.",
    "it": "Progettazione, sviluppo ed esercizio della piattaforma Acme VoiceAgent.",
    "nl": "Ontwerp, ontwikkeling en exploitatie van het platform Acme VoiceAgent.",
    "pt": "Conceção, desenvolvimento e operação da plataforma Acme VoiceAgent.",
}

EXCLUDES: dict[str, tuple[str, ...]] = {
    "en": (
        "Third-party speech recognition and speech synthesis engines do not form part of this "
        "certification.",
        "The speech-to-text service supplied by Deepgram is outside the boundary of the management system.",
        "Large language models provided by external suppliers are outside the boundary of this "
        "certification.",
        "Excluding third-party foundation models accessed through vendor APIs.",
        "With the exception of externally sourced large language models, which remain the responsibility of "
        "their providers.",
        "Third-party AI models are not covered by this certificate.",
        "Telephony services provided by Twilio are excluded from the scope of certification.",
        "The scope does not include the large language models supplied by OpenAI.",
        "This certificate does not cover the organisation's sub-processors.",
        "Speech recognition (ASR) and text-to-speech (TTS) components sourced from third parties are out of "
        "scope.",
        "Foundation models licensed from external providers fall outside the scope of this certificate.",
        "Externally hosted model APIs are explicitly excluded.",
        "Not covered: third-party LLM providers and telephony carriers.",
        "Exclusions: speech synthesis supplied by ElevenLabs.",
        "The management system excludes third-party large language models.",
        "ASR services from external vendors are not within the scope of the certification.",
        "This certification does not extend to models hosted by Anthropic.",
        "Sub-processors providing AI services are excluded.",
        "External LLM APIs consumed by the platform remain outside the certified scope.",
        "Anthropic's Claude models, used as the underlying LLM, are not part of the certified scope.",
        "The certification excludes speech recognition provided by Deepgram and telephony provided by "
        "Twilio.",
        "The following are excluded from the scope of certification: third-party foundation models and "
        "speech services.",
        "All AI components are covered except for externally hosted foundation models.",
        "Models provided by third-party suppliers are not in scope.",
        "The LLM layer, supplied by OpenAI, is excluded.",
        "The certification is limited to the orchestration layer and excludes the third-party speech-to-text "
        "and text-to-speech engines.",
        "Out of scope: generative AI models procured from external vendors.",
        "Voice synthesis provided by ElevenLabs does not fall within the scope of this certificate.",
        "Third-party telephony and speech recognition providers are not included in the certified scope.",
        "The scope of certification excludes any AI model made available by a third-party provider.",
        "Excluded from the scope are the speech recognition services of Deepgram.",
        "The AIMS boundary does not encompass third-party foundation models.",
        "The use of OpenAI's GPT models is outside the scope of this certificate.",
        "Sub-processors and their AI services are outside the scope of certification.",
        "Externally provided LLMs and TTS engines lie outside the certification boundary.",
    ),
    "de": (
        "KI-Modelle von Drittanbietern sind nicht Bestandteil dieser Zertifizierung.",
        "Ausgenommen sind die Spracherkennung und die Sprachsynthese externer Anbieter.",
        "Nicht Gegenstand der Zertifizierung sind große Sprachmodelle (LLM) von Drittanbietern.",
        "Die von Deepgram bereitgestellte Spracherkennung ist vom Geltungsbereich ausgeschlossen.",
        "Mit Ausnahme der durch Unterauftragsverarbeiter erbrachten KI-Dienste.",
        "Telefoniedienste externer Dienstleister sind im Geltungsbereich nicht enthalten.",
        "Ausgeschlossen sind Basismodelle, die von externen Anbietern bezogen werden.",
        "Der Geltungsbereich umfasst nicht die Sprachmodelle von OpenAI.",
        "Fremdbezogene KI-Modelle fallen nicht unter den Geltungsbereich dieses Zertifikats.",
        "Externe Sprachsynthese-Dienste (TTS) liegen außerhalb des Geltungsbereichs.",
        "Nicht abgedeckt sind Modell-APIs von Drittanbietern.",
        "Die Telefonie über Twilio ist nicht Bestandteil des Zertifikats.",
        "Der Geltungsbereich erstreckt sich nicht auf Unterauftragsverarbeiter.",
        "Ausgenommen: Spracherkennungsdienste (ASR) externer Lieferanten.",
        "Von Drittanbietern bereitgestellte Foundation Models sind von der Zertifizierung ausgenommen.",
    ),
    "fr": (
        "Les modèles de langage fournis par des tiers sont hors périmètre.",
        "À l'exclusion des services de reconnaissance vocale et de synthèse vocale fournis par des "
        "prestataires externes.",
        "Les modèles de fondation tiers ne font pas partie de la présente certification.",
        "Sont exclus du périmètre les sous-traitants ultérieurs fournissant des services d'IA.",
        "La téléphonie fournie par Twilio est exclue du périmètre de certification.",
        "Le périmètre ne couvre pas les API de modèles externes.",
        "Hors périmètre : les grands modèles de langage (LLM) de fournisseurs tiers.",
        "À l'exception des modèles d'IA fournis par des tiers.",
        "Les services de transcription (ASR) de Deepgram ne sont pas couverts par le certificat.",
        "La certification ne s'étend pas aux LLM hébergés par Anthropic.",
        "Les moteurs de synthèse vocale externes sont exclus.",
        "Les services de reconnaissance de la parole proposés par des fournisseurs externes ne relèvent pas "
        "du périmètre de certification.",
        "Le périmètre de certification exclut les modèles d'IA générative d'OpenAI.",
        "Exclusions : la synthèse vocale (TTS) fournie par ElevenLabs.",
    ),
    "es": (
        "Quedan excluidos los modelos de lenguaje proporcionados por terceros.",
        "Los servicios de reconocimiento de voz y síntesis de voz de proveedores externos quedan fuera del "
        "alcance.",
        "Con excepción de los modelos fundacionales de terceros.",
        "El alcance no incluye a los subencargados del tratamiento.",
        "Excluyendo las API de modelos externos.",
        "La telefonía prestada por Twilio no forma parte de esta certificación.",
        "Los LLM de OpenAI están excluidos del alcance de la certificación.",
        "No están cubiertos los servicios de ASR y TTS de terceros.",
        "Se excluyen del alcance los modelos de IA suministrados por proveedores externos.",
        "A excepción de los modelos de lenguaje de gran tamaño alojados por Anthropic.",
        "El reconocimiento de voz de Deepgram no está incluido en el alcance del certificado.",
        "La certificación no abarca los modelos fundacionales de proveedores externos.",
        "Exclusiones: motores de síntesis de voz de terceros.",
        "Fuera del alcance: los grandes modelos de lenguaje (LLM) contratados a terceros.",
    ),
    "it": (
        "Sono esclusi i modelli linguistici forniti da terze parti.",
        "I servizi di riconoscimento vocale e di sintesi vocale di fornitori esterni non rientrano nel campo "
        "di applicazione.",
        "Ad eccezione dei modelli di fondazione di terze parti.",
        "Il campo di applicazione non comprende i sub-responsabili del trattamento.",
        "Esclusi i servizi di telefonia forniti da Twilio.",
        "I modelli LLM di OpenAI sono esclusi dal campo di applicazione della certificazione.",
        "Non sono coperte le API di modelli esterni.",
        "Con l'esclusione dei servizi di ASR e TTS di terzi.",
        "I modelli di IA forniti da fornitori esterni non fanno parte della presente certificazione.",
        "Fuori dal campo di applicazione: i modelli linguistici di grandi dimensioni di terze parti.",
        "Il riconoscimento vocale di Deepgram è escluso dalla certificazione.",
        "La certificazione non copre i modelli di IA generativa ospitati da Anthropic.",
        "Esclusioni: motori di sintesi vocale di terze parti.",
        "I modelli di base acquisiti da fornitori terzi restano fuori dal perimetro della certificazione.",
    ),
    "nl": (
        "Taalmodellen van derde partijen vallen buiten de scope van deze certificering.",
        "Uitgezonderd spraakherkenning en spraaksynthese door externe leveranciers.",
        "Met uitzondering van foundation models van derden.",
        "De scope omvat geen subverwerkers.",
        "Telefonie geleverd door Twilio is uitgesloten van de certificering.",
        "LLM's van OpenAI maken geen deel uit van deze certificering.",
        "Niet inbegrepen: externe model-API's.",
        "Exclusief AI-modellen van externe leveranciers.",
        "Spraakherkenning (ASR) van Deepgram valt niet onder het toepassingsgebied.",
        "Externe spraaksynthesediensten (TTS) zijn uitgesloten.",
        "Buiten het toepassingsgebied vallen de grote taalmodellen van Anthropic.",
        "Het certificaat heeft geen betrekking op AI-modellen die door derden worden geleverd.",
        "Uitsluitingen: spraakherkenningsdiensten van derden.",
        "De certificering strekt zich niet uit tot externe taalmodellen.",
    ),
    "pt": (
        "Ficam excluídos os modelos de linguagem fornecidos por terceiros.",
        "Os serviços de reconhecimento de voz e síntese de voz de fornecedores externos estão fora do "
        "âmbito.",
        "Com exceção dos modelos fundacionais de terceiros.",
        "O âmbito não inclui os subcontratantes.",
        "Excluindo a telefonia fornecida pela Twilio.",
        "Os LLM da OpenAI não fazem parte desta certificação.",
        "Não estão abrangidas as APIs de modelos externos.",
        "À exceção dos serviços de ASR e TTS de terceiros.",
        "Modelos de IA fornecidos por fornecedores externos estão excluídos do escopo da certificação.",
        "O reconhecimento de fala da Deepgram não está coberto pelo certificado.",
        "A certificação não abrange os grandes modelos de linguagem alojados pela Anthropic.",
        "Exclusões: motores de síntese de voz de terceiros.",
        "Fora do âmbito: modelos de IA generativa contratados a fornecedores externos.",
        "Os suboperadores e os seus serviços de IA não estão incluídos no âmbito da certificação.",
    ),
}

DECOYS: dict[str, tuple[str, ...]] = {
    "en": (
        "The platform uses third-party LLMs under supplier controls A.10.3.",
        "Including the management of speech recognition suppliers.",
        "Third-party foundation models are within the scope and are managed through supplier controls.",
        "Including the selection, onboarding and monitoring of sub-processors.",
        "Supplier-provided models are subject to due diligence and contractual controls.",
        "Excluding the company's payroll and facilities management functions.",
        "Customer-managed on-premise deployments do not form part of this certification.",
        "The scope covers the integration of speech recognition provided by Deepgram.",
        "Telephony integration with Twilio is covered by this certificate.",
        "No third-party components are excluded from the scope.",
        "Exclusions: none.",
        "The certification covers the development, deployment and monitoring of AI models, including those "
        "sourced from external providers.",
        "The management of supplier relationships for LLM and ASR services is within the scope.",
        "Services delivered to customers outside the European Union are not covered.",
        "The Berlin office is excluded from the scope.",
        "Legacy rule-based reporting tools are excluded.",
        "Nothing in the AI supply chain is excluded from the certified scope.",
        "Third-party models are not excluded from the scope.",
        "The use of external LLM APIs, including prompt management and output monitoring, is in scope.",
        "Excluding human resources; including third-party speech recognition and speech synthesis.",
        "The certified scope extends to third-party foundation models used by the platform.",
        "Large language models supplied by OpenAI and Anthropic are included in the scope of certification.",
        "The physical security of the data centre operated by the hosting provider is outside the scope.",
        "Research prototypes developed in-house are excluded from this certification.",
        "The scope includes oversight of sub-processors; marketing activities are excluded.",
        "Third-party speech recognition is used for transcription and is covered by the supplier management "
        "process.",
        "Available in all languages other than English through partner integrations.",
        "Excluding facilities management provided by third parties.",
        "Contracts with LLM providers are reviewed annually and are not excluded from the management system.",
        "The in-house speech recognition research lab is out of scope.",
    ),
    "de": (
        "Einschließlich der Steuerung von Lieferanten für Spracherkennung.",
        "Die Plattform nutzt Sprachmodelle von Drittanbietern unter Lieferantenkontrollen gemäß A.10.3.",
        "Ausgenommen sind die Personalabrechnung und das Gebäudemanagement.",
        "KI-Modelle von Drittanbietern sind nicht ausgeschlossen.",
        "Die Auswahl und Überwachung von Unterauftragsverarbeitern ist Bestandteil des Managementsystems.",
        "Kundenseitig betriebene Installationen sind nicht Bestandteil dieser Zertifizierung.",
        "Die Integration der Spracherkennung von Deepgram ist im Geltungsbereich enthalten.",
        "Der Standort München ist vom Geltungsbereich ausgeschlossen.",
        "Es sind keine Leistungen von Drittanbietern ausgeschlossen.",
        "Vertrieb und Marketing sind nicht Gegenstand dieser Zertifizierung.",
    ),
    "fr": (
        "Y compris la gestion des fournisseurs de reconnaissance vocale.",
        "La plateforme utilise des LLM tiers soumis aux contrôles fournisseurs A.10.3.",
        "À l'exclusion des fonctions de paie et de gestion des locaux.",
        "Les modèles tiers ne sont pas exclus du périmètre.",
        "Les déploiements gérés par les clients ne font pas partie de la présente certification.",
        "Le périmètre couvre l'intégration des modèles de langage de fournisseurs tiers.",
        "Aucun service d'IA tiers n'est exclu du périmètre.",
        "Le site de Lyon est hors périmètre.",
        "La sélection et le suivi des sous-traitants ultérieurs font partie du système de management.",
        "La reconnaissance vocale de Deepgram est intégrée au périmètre certifié.",
    ),
    "es": (
        "Incluida la gestión de los proveedores de reconocimiento de voz.",
        "La plataforma utiliza LLM de terceros bajo los controles de proveedores A.10.3.",
        "Quedan excluidas las funciones de nómina y gestión de instalaciones.",
        "Los modelos de terceros no quedan excluidos.",
        "Las implantaciones gestionadas por el cliente no forman parte de esta certificación.",
        "El alcance incluye la integración de los servicios de síntesis de voz de ElevenLabs.",
        "Ningún servicio de IA de terceros queda excluido del alcance.",
        "La oficina de Sevilla queda fuera del alcance.",
        "La evaluación de los subencargados del tratamiento forma parte del sistema de gestión.",
        "Los modelos de lenguaje de OpenAI se gestionan mediante los controles de proveedores.",
    ),
    "it": (
        "Inclusa la gestione dei fornitori di riconoscimento vocale.",
        "La piattaforma utilizza LLM di terze parti soggetti ai controlli sui fornitori A.10.3.",
        "Escluse le funzioni di paghe e gestione delle strutture.",
        "I modelli di terze parti non sono esclusi.",
        "Le installazioni gestite dai clienti non fanno parte della presente certificazione.",
        "Il campo di applicazione comprende l'integrazione dei servizi di sintesi vocale di ElevenLabs.",
        "Nessun servizio di IA di terze parti è escluso dal campo di applicazione.",
        "La sede di Torino è esclusa dal campo di applicazione.",
        "La qualifica dei sub-responsabili del trattamento fa parte del sistema di gestione.",
        "I modelli linguistici di OpenAI sono gestiti tramite i controlli sui fornitori.",
    ),
    "nl": (
        "Inclusief het beheer van leveranciers van spraakherkenning.",
        "Het platform gebruikt LLM's van derden onder leveranciersbeheersmaatregelen A.10.3.",
        "Uitgezonderd de salarisadministratie en het facilitair beheer.",
        "Modellen van derden zijn niet uitgesloten.",
        "Door klanten beheerde installaties maken geen deel uit van deze certificering.",
        "De scope omvat de integratie van spraaksynthese van ElevenLabs.",
        "Er zijn geen AI-diensten van derden uitgesloten.",
        "De vestiging in Eindhoven valt buiten de scope.",
        "Het beoordelen van subverwerkers maakt deel uit van het managementsysteem.",
        "Taalmodellen van OpenAI worden beheerst via de leveranciersbeheersmaatregelen.",
    ),
    "pt": (
        "Incluindo a gestão dos fornecedores de reconhecimento de voz.",
        "A plataforma utiliza LLM de terceiros sob os controlos de fornecedores A.10.3.",
        "Excluindo as funções de processamento salarial e gestão de instalações.",
        "Os modelos de terceiros não estão excluídos.",
        "As implementações geridas pelo cliente não fazem parte desta certificação.",
        "O âmbito inclui a integração dos serviços de síntese de voz da ElevenLabs.",
        "Nenhum serviço de IA de terceiros está excluído do âmbito.",
        "O escritório do Porto está fora do âmbito.",
        "A avaliação dos subcontratantes faz parte do sistema de gestão.",
        "Os modelos de linguagem da OpenAI são geridos através dos controlos de fornecedores.",
    ),
}

SECOND_EXCLUDES: dict[str, tuple[str, ...]] = {
    "en": (
        "The scope explicitly excludes any externally hosted large language model services.",
        "External model providers (including OpenAI) are not within the certified boundary.",
        "Outsourced speech-to-text processing is not covered by the AIMS.",
        "This certificate shall not be construed to cover third-party AI components.",
        "Third-party hosted LLM inference is excluded from the AIMS scope.",
    ),
    "de": (
        "Nicht eingeschlossen sind die Sprachdienste von OpenAI.",
        "Der Anwendungsbereich schließt die von Drittanbietern betriebenen Sprachmodelle aus.",
    ),
    "fr": ("Les API de modèles d'OpenAI ne sont pas incluses dans le périmètre.",),
    "es": ("No se incluyen en el alcance los servicios de transcripción de Deepgram.",),
    "it": ("Restano esclusi dal perimetro i servizi di telefonia di Twilio.",),
    "nl": ("Uitgesloten zijn de taalmodellen van externe partijen.",),
    "pt": ("Não são abrangidos pela certificação os modelos de linguagem de terceiros.",),
}

SECOND_DECOYS: dict[str, tuple[str, ...]] = {
    "en": (
        "Third-party LLMs are assessed under the supplier management process and are in scope.",
        "The scope includes all integrations with external speech recognition providers.",
        "Office IT, HR and finance systems are excluded.",
        "The datacentre in Dublin is not covered.",
        "Supplier due diligence for OpenAI and Deepgram is part of the management system.",
        "None of the AI supply chain is excluded.",
        "Excluding sales and marketing, the scope covers third-party LLM integration.",
        "Research activities are out of scope; third-party models used in production are in scope.",
    ),
    "de": ("Die Verwaltung von Drittanbietern ist Bestandteil des Geltungsbereichs.",),
    "fr": ("Les prestataires de téléphonie sont évalués chaque année.",),
}

COVERS_ALL: dict[str, tuple[str, ...]] = {
    "en": (
        "All AI systems developed and operated by Acme Voice Ltd.",
        "The AI management system applicable to the whole organisation and to all AI systems it develops, "
        "provides or uses.",
        "The design, development and operation of all of Acme Voice's AI-enabled products and services.",
        "An organisation-wide AI management system.",
        "The provision of all products and services of the organisation, excluding third-party speech "
        "recognition.",
        "Company-wide governance of every AI-based service offered to customers.",
        "The AI management system covering the entire organisation.",
    ),
    "de": (
        "Entwicklung und Betrieb aller KI-Systeme der Acme Voice GmbH.",
        "Sämtliche KI-gestützten Produkte und Dienstleistungen des Unternehmens.",
        "Unternehmensweites KI-Managementsystem.",
        "Das gesamte Unternehmen mit allen von ihm entwickelten KI-Systemen.",
    ),
    "fr": (
        "Conception, développement et exploitation de tous les systèmes d'IA d'Acme Voice SAS.",
        "L'ensemble des produits et services d'IA de l'organisation.",
        "Système de management de l'IA couvrant toute l'organisation.",
        "Tous les produits et services fournis par la société.",
    ),
    "es": (
        "Diseño, desarrollo y operación de todos los sistemas de IA de Acme Voice S.L.",
        "La totalidad de los productos y servicios de la organización.",
        "Sistema de gestión de IA que abarca toda la organización.",
        "Todos los productos y servicios basados en IA ofrecidos por la empresa.",
    ),
    "it": (
        "Progettazione, sviluppo ed esercizio di tutti i sistemi di IA di Acme Voice S.r.l.",
        "L'intera organizzazione e tutti i suoi prodotti e servizi.",
        "Sistema di gestione dell'IA esteso a tutta l'organizzazione.",
        "Tutti i prodotti e servizi basati sull'IA offerti dalla società.",
    ),
    "nl": (
        "Ontwerp, ontwikkeling en exploitatie van alle AI-systemen van Acme Voice B.V.",
        "De gehele organisatie en al haar producten en diensten.",
        "Organisatiebreed AI-managementsysteem.",
        "Alle op AI gebaseerde producten en diensten van de onderneming.",
    ),
    "pt": (
        "Conceção, desenvolvimento e operação de todos os sistemas de IA da Acme Voice Lda.",
        "A totalidade dos produtos e serviços da organização.",
        "Sistema de gestão de IA que abrange toda a organização.",
        "Todos os produtos e serviços baseados em IA oferecidos pela empresa.",
    ),
}

NOT_ALL: dict[str, tuple[str, ...]] = {
    "en": (
        "The development and use of an AI-assisted CV screening tool used internally by Human Resources.",
        "The operation of all internal HR tools.",
        "The chatbot made available to all employees of the organisation.",
        "All AI systems are excluded except the internal HR screening assistant.",
        "The AI-based fraud detection service operated at all UK sites.",
        "Support processes for all customers of the claims triage system.",
    ),
    "de": (
        "Betrieb aller internen Personalwerkzeuge.",
        "Der interne HR-Chatbot für alle Mitarbeitenden.",
        "Alle KI-Systeme sind ausgeschlossen, mit Ausnahme des internen Bewerber-Screenings.",
    ),
    "fr": (
        "Exploitation de tous les outils RH internes.",
        "Le chatbot interne mis à la disposition de tous les salariés.",
        "Conception de l'outil de tri des CV pour l'ensemble des recrutements.",
    ),
    "es": (
        "Operación de todas las herramientas internas de RR. HH.",
        "El asistente interno de RR. HH. disponible para todos los empleados.",
        "Todos los sistemas de IA quedan excluidos salvo el asistente interno de selección.",
    ),
    "it": (
        "Gestione di tutti gli strumenti interni per le risorse umane.",
        "Il chatbot interno messo a disposizione di tutti i dipendenti.",
    ),
    "nl": (
        "Beheer van alle interne HR-tools.",
        "De interne chatbot voor alle medewerkers.",
    ),
    "pt": (
        "Operação de todas as ferramentas internas de RH.",
        "O assistente interno de RH disponível para todos os colaboradores.",
    ),
}


def rows(table: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """Return (id, sentence) pairs, ids like "de-03", for pytest's parametrize."""
    return [(f"{lang}-{n:02d}", text) for lang, texts in table.items() for n, text in enumerate(texts, 1)]
