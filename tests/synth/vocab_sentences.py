"""Sentence templates of certificates in the seven languages (data only).

Placeholders: {cb} certification body, {holder}, {system}, {start}, {end}, {url}.
"""

from __future__ import annotations

# Opening of the certification sentence; the holder follows on its own line or inline.
CERTIFY_OPENERS: dict[str, tuple[str, ...]] = {
    "en": (
        "This is to certify that",
        "This is to certify that the company",
        "{cb} hereby certifies that",
        "We hereby certify that the organisation",
        "It is hereby certified that",
        "{cb} certifies that the management system of",
    ),
    "de": (
        "Hiermit wird bescheinigt, dass das Unternehmen",
        "{cb} bescheinigt hiermit, dass",
        "Die Zertifizierungsstelle {cb} bescheinigt, dass die Organisation",
    ),
    "fr": (
        "Nous certifions que l'organisation",
        "{cb} certifie que",
        "Le présent certificat atteste que la société",
    ),
    "es": (
        "Se certifica que la organización",
        "{cb} certifica que",
        "Por la presente se certifica que la empresa",
    ),
    "it": ("Si certifica che l'organizzazione", "{cb} certifica che", "Si attesta che la società"),
    "nl": ("Hierbij wordt verklaard dat", "{cb} verklaart dat de organisatie", "Hiermee wordt bevestigd dat"),
    "pt": (
        "Certifica-se que a organização",
        "{cb} certifica que",
        "Pelo presente se certifica que a empresa",
    ),
}

# After the holder (and its address): what it has done, ending before the standard.
CONFORMS: dict[str, tuple[str, ...]] = {
    "en": (
        "has implemented and maintains an {system} which complies with the requirements of",
        "operates an {system} which has been assessed and found to conform to",
        "has been audited and found to meet the requirements of",
    ),
    "de": (
        "ein {system} eingeführt hat und anwendet, das die Anforderungen der folgenden Norm erfüllt:",
        "ein {system} betreibt, das nachweislich die Forderungen erfüllt von",
    ),
    "fr": (
        "a mis en place et applique un {system} conforme aux exigences de la norme",
        "applique un {system} reconnu conforme à",
    ),
    "es": (
        "ha implantado y mantiene un {system} conforme con los requisitos de la norma",
        "aplica un {system} que cumple los requisitos de",
    ),
    "it": (
        "ha implementato e mantiene un {system} conforme ai requisiti della norma",
        "applica un {system} risultato conforme alla norma",
    ),
    "nl": (
        "een {system} heeft ingevoerd en onderhoudt dat voldoet aan de eisen van",
        "beschikt over een {system} dat voldoet aan",
    ),
    "pt": (
        "implementou e mantém um {system} em conformidade com os requisitos da norma",
        "aplica um {system} que cumpre os requisitos de",
    ),
}

FOR_SCOPE: dict[str, tuple[str, ...]] = {
    "en": ("for the following scope:", "for the scope of:", "in respect of:"),
    "de": ("für den folgenden Geltungsbereich:", "für den Geltungsbereich:"),
    "fr": ("pour le périmètre suivant :", "pour le domaine d'application suivant :"),
    "es": ("para el siguiente alcance:", "en el alcance:"),
    "it": ("per il seguente campo di applicazione:", "per le attività di:"),
    "nl": ("voor het volgende toepassingsgebied:", "voor de reikwijdte:"),
    "pt": ("para o seguinte âmbito:", "no âmbito de:"),
}

AT_LOCATION: dict[str, tuple[str, ...]] = {
    "en": ("at the following certified location:", "located at", "with its registered office at"),
    "de": ("mit dem Standort", "am Standort"),
    "fr": ("situé(e) au", "sise au"),
    "es": ("con domicilio en", "ubicada en"),
    "it": ("con sede in", "sita in"),
    "nl": ("gevestigd te", "op de locatie"),
    "pt": ("com sede em", "localizada em"),
}

VALID_UNTIL: dict[str, tuple[str, ...]] = {
    "en": (
        "This certificate is valid until {end}.",
        "Valid until {end}, subject to satisfactory surveillance.",
        "The certificate remains valid until {end} provided the conditions of certification are met.",
    ),
    "de": ("Dieses Zertifikat ist gültig bis {end}.", "Das Zertifikat ist bis {end} gültig."),
    "fr": ("Ce certificat est valable jusqu'au {end}.", "Certificat valable jusqu'au {end}."),
    "es": ("Este certificado es válido hasta el {end}.", "Certificado válido hasta el {end}."),
    "it": ("Il presente certificato è valido fino al {end}.", "Certificato valido fino al {end}."),
    "nl": ("Dit certificaat is geldig tot {end}.", "Het certificaat is geldig tot en met {end}."),
    "pt": ("Este certificado é válido até {end}.", "Certificado válido até {end}."),
}

VALID_FROM_UNTIL: dict[str, tuple[str, ...]] = {
    "en": ("This certificate is valid from {start} until {end}.", "Valid from {start} to {end}."),
    "de": ("Dieses Zertifikat ist gültig vom {start} bis {end}.", "Gültig vom {start} bis zum {end}."),
    "fr": ("Ce certificat est valable du {start} au {end}.",),
    "es": ("Este certificado es válido desde el {start} hasta el {end}.",),
    "it": ("Il presente certificato è valido dal {start} al {end}.",),
    "nl": ("Dit certificaat is geldig van {start} tot {end}.",),
    "pt": ("Este certificado é válido de {start} até {end}.",),
}

RANGE_SEPARATORS = (" – ", " - ", " to ", " — ")

BOILERPLATE: dict[str, tuple[str, ...]] = {
    "en": (
        "This certificate is valid only in conjunction with its Annex.",
        "This certificate remains the property of {cb} and must be returned on request.",
        "Validity of this certificate can be verified at {url}.",
        "The validity of this certificate is subject to satisfactory annual surveillance audits.",
        "Further clarifications regarding the scope of this certificate may be obtained by consulting "
        "the organisation.",
    ),
    "de": (
        "Dieses Zertifikat ist nur in Verbindung mit der Anlage gültig.",
        "Dieses Zertifikat bleibt Eigentum der {cb}.",
        "Die Gültigkeit kann unter {url} überprüft werden.",
        "Die Gültigkeit setzt jährliche Überwachungsaudits voraus.",
    ),
    "fr": (
        "Ce certificat n'est valable qu'accompagné de son annexe.",
        "Ce certificat reste la propriété de {cb}.",
        "La validité de ce certificat peut être vérifiée sur {url}.",
    ),
    "es": (
        "Este certificado solo es válido junto con su anexo.",
        "Este certificado es propiedad de {cb}.",
        "La validez de este certificado puede verificarse en {url}.",
    ),
    "it": (
        "Il presente certificato è valido solo unitamente al suo allegato.",
        "Il presente certificato resta di proprietà di {cb}.",
        "La validità del certificato può essere verificata su {url}.",
    ),
    "nl": (
        "Dit certificaat is alleen geldig in combinatie met de bijlage.",
        "Dit certificaat blijft eigendom van {cb}.",
        "De geldigheid van dit certificaat kan worden gecontroleerd op {url}.",
    ),
    "pt": (
        "Este certificado só é válido acompanhado do seu anexo.",
        "Este certificado permanece propriedade de {cb}.",
        "A validade deste certificado pode ser verificada em {url}.",
    ),
}

ON_BEHALF: dict[str, tuple[str, ...]] = {
    "en": ("For and on behalf of {cb}", "Signed for and on behalf of {cb}", "For {cb}"),
    "de": ("Für die {cb}", "Im Namen der {cb}"),
    "fr": ("Pour {cb}", "Au nom de {cb}"),
    "es": ("Por {cb}", "En nombre de {cb}"),
    "it": ("Per {cb}", "Per conto di {cb}"),
    "nl": ("Namens {cb}", "Voor {cb}"),
    "pt": ("Por {cb}", "Em nome de {cb}"),
}

SIGNATORY_TITLES: dict[str, tuple[str, ...]] = {
    "en": ("Certification Director", "Managing Director", "Head of Certification", "Technical Manager"),
    "de": ("Leiter der Zertifizierungsstelle", "Geschäftsführer", "Leiterin Zertifizierung"),
    "fr": ("Directrice de la certification", "Directeur général", "Responsable technique"),
    "es": ("Directora de certificación", "Director general", "Responsable técnico"),
    "it": ("Direttore tecnico", "Amministratore delegato", "Responsabile certificazione"),
    "nl": ("Directeur certificatie", "Algemeen directeur"),
    "pt": ("Diretora de certificação", "Diretor-geral"),
}

SIGNATORY_NAMES = (
    "Eleanor Whitcombe",
    "Dr. Klaus Berger",
    "Claire Duvivier",
    "Marta Ruiz Ortega",
    "Giulia Moretti",
    "Pieter van Dijk",
    "João Carvalho",
    "Priya Raman",
    "Hiroshi Tanabe",
    "Anna Kowalska",
    "Mikko Virtanen",
    "Sarah O'Connell",
    "Lars Eriksson",
)

# When the holder is given by a label rather than in the sentence.
CONFORMS_NAMED: dict[str, tuple[str, ...]] = {
    "en": (
        "The {system} of the organisation named above has been audited and found to comply with",
        "has been assessed and registered as meeting the requirements of",
    ),
    "de": ("Das {system} der oben genannten Organisation erfüllt nachweislich die Anforderungen der Norm",),
    "fr": ("Le {system} de l'organisation mentionnée ci-dessus a été audité et jugé conforme à",),
    "es": ("El {system} de la organización indicada ha sido auditado y es conforme con",),
    "it": (
        "Il {system} dell'organizzazione sopra indicata è stato verificato e trovato conforme alla norma",
    ),
    "nl": ("Het {system} van bovengenoemde organisatie is beoordeeld en voldoet aan",),
    "pt": ("O {system} da organização acima indicada foi auditado e considerado conforme com",),
}

ACCREDITED_BY: dict[str, tuple[str, ...]] = {
    "en": ("Accredited by the {name}", "Certification accredited by the {name}"),
    "de": ("Akkreditiert durch die {name}",),
    "fr": ("Accrédité par le {name}",),
    "es": ("Acreditado por la {name}",),
    "it": ("Accreditato da {name}",),
    "nl": ("Geaccrediteerd door de {name}",),
    "pt": ("Acreditado pelo {name}",),
}

# Alignment letters: confirm readiness, never certify.
CONFIRM_OPENERS: dict[str, tuple[str, ...]] = {
    "en": (
        "This is to confirm that",
        "{cb} confirms that",
        "We are pleased to confirm that the organisation",
    ),
    "de": ("Hiermit wird bestätigt, dass", "{cb} bestätigt, dass"),
    "fr": ("Nous attestons que", "{cb} atteste que"),
    "es": ("Se hace constar que", "{cb} hace constar que"),
    "it": ("Si dichiara che", "{cb} dichiara che"),
    "nl": ("Hierbij wordt bevestigd dat", "{cb} bevestigt dat"),
    "pt": ("Declara-se que", "{cb} declara que"),
}

ALIGNED: dict[str, tuple[str, ...]] = {
    "en": (
        "has completed a readiness assessment and its {system} is aligned with the requirements of",
        "has demonstrated compliance of its {system} with",
    ),
    "de": ("eine Bereitschaftsbewertung durchlaufen hat; das {system} ist ausgerichtet an",),
    "fr": ("a réalisé une évaluation de préparation ; son {system} est aligné sur",),
    "es": ("ha completado una evaluación de preparación y su {system} está alineado con",),
    "it": ("ha completato una valutazione di prontezza e il suo {system} è allineato a",),
    "nl": ("een gereedheidsbeoordeling heeft doorlopen; het {system} is afgestemd op",),
    "pt": ("concluiu uma avaliação de preparação e o seu {system} está alinhado com",),
}

ALIGNED_NAMED: dict[str, tuple[str, ...]] = {
    "en": ("The {system} of the organisation named above has been assessed as aligned with",),
    "de": ("Das {system} der oben genannten Organisation wurde als ausgerichtet bewertet an",),
    "fr": ("Le {system} de l'organisation mentionnée ci-dessus a été évalué comme aligné sur",),
    "es": ("El {system} de la organización indicada se ha evaluado como alineado con",),
    "it": ("Il {system} dell'organizzazione sopra indicata è stato valutato allineato a",),
    "nl": ("Het {system} van bovengenoemde organisatie is beoordeeld als afgestemd op",),
    "pt": ("O {system} da organização acima indicada foi avaliado como alinhado com",),
}

NOT_A_CERTIFICATE: dict[str, tuple[str, ...]] = {
    "en": ("This document is not a certificate of conformity and is not issued under accreditation.",),
    "de": ("Dieses Dokument ist kein Zertifikat und wurde nicht unter Akkreditierung ausgestellt.",),
    "fr": ("Ce document n'est pas un certificat et n'est pas délivré sous accréditation.",),
    "es": ("Este documento no es un certificado ni se emite bajo acreditación.",),
    "it": ("Il presente documento non è un certificato e non è emesso sotto accreditamento.",),
    "nl": ("Dit document is geen certificaat en is niet onder accreditatie uitgegeven.",),
    "pt": ("Este documento não é um certificado e não é emitido sob acreditação.",),
}
