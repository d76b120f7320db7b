"""Small cue tables for Spanish, German, French, Portuguese, Dutch and Italian.

They are read only when a comment is detected as that language, so words that
mean something else in English ("lent", "caro") do no harm elsewhere. They
are deliberately short: enough to route and read the mood roughly, with a
person expected to read the comment before replying.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

RawCues = Mapping[str, Sequence[tuple[str, float]]]

INTL_CATEGORY_CUES: Mapping[str, RawCues] = {
    "es": {
        "product_bug": (
            (r"no funciona|error(?:es)?|fall(?:o|a|as)|se cuelga|roto|averiad[oa]", 3),
            (r"no me deja|no puedo (?:entrar|acceder)|se borr[oó]", 3),
        ),
        "performance": (
            (r"lent(?:o|a|itud)|ca[ií]das?|sin (?:conexi[oó]n|internet)", 3),
        ),
        "pricing": ((r"factura\w*|cobr(?:o|os|aron|ado)|caro|precio|reembolso", 3),),
        "support_experience": (
            (r"soporte|atenci[oó]n al cliente|servicio al cliente|sin respuesta", 3),
            (r"nadie (?:responde|contesta)|grosero|maleducad[oa]", 3),
        ),
        "onboarding": (
            (r"instalaci[oó]n|t[eé]cnico|activaci[oó]n|configuraci[oó]n", 3),
        ),
        "usability": ((r"confus[oa]|dif[ií]cil de usar|complicad[oa]", 3),),
        "missing_feature": ((r"falta|no tiene|no permite|ojal[aá]", 2.5),),
        "relationship": ((r"confianza|promesas?|enga[ñn]o|mentira\w*", 3),),
    },
    "de": {
        "product_bug": (
            (r"funktioniert nicht|fehler\w*|abgest[üu]rzt|st[üu]rzt ab|kaputt", 3),
            (r"defekt", 3),
        ),
        "performance": (
            (
                r"langsam\w*|ausfall|ausf[äa]lle|st[öo]rung\w*|verbindungsabbr[üu]ch\w*",
                3,
            ),
            (r"versp[äa]tung|kein internet", 3),
        ),
        "pricing": (
            (r"rechnung\w*|teuer\w*|preis\w*|geb[üu]hr\w*|abgebucht|erstattung", 3),
            (r"kosten", 2),
        ),
        "support_experience": (
            (r"kundenservice|kundendienst|hotline|warteschleife|keine antwort", 3),
            (r"unfreundlich|support", 3),
        ),
        "onboarding": (
            (r"installation|techniker|einrichtung|aktivierung|anschluss", 3),
        ),
        "usability": (
            (r"kompliziert|un[üu]bersichtlich|umst[äa]ndlich|verwirrend", 3),
        ),
        "missing_feature": (
            (r"fehlt|vermisse|keine m[öo]glichkeit|w[äa]re sch[öo]n", 2.5),
        ),
        "relationship": ((r"vertrauen|versprochen|gelogen|ansprechpartner", 3),),
    },
    "fr": {
        "product_bug": (
            (r"ne (?:marche|fonctionne) (?:pas|plus)|bug\w*|plante|erreur|cass[ée]", 3),
        ),
        "performance": (
            (
                r"lent(?:e|eur)?|coupures?|panne|retard|pas de (?:connexion|r[ée]seau)",
                3,
            ),
        ),
        "pricing": (
            (r"factur\w+|cher|prix|tarif\w*|pr[ée]l[èe]vement|rembours\w+|frais", 3),
        ),
        "support_experience": (
            (r"service client|sav|support|aucune r[ée]ponse|pas de r[ée]ponse", 3),
            (r"impoli|d[ée]sagr[ée]able", 3),
        ),
        "onboarding": (
            (r"installation|technicien|mise en service|activation|configuration", 3),
        ),
        "usability": (
            (r"compliqu[ée]|difficile [àa] utiliser|pas intuitif|confus", 3),
        ),
        "missing_feature": ((r"il manque|manque|pas possible de|pas d'option", 2.5),),
        "relationship": ((r"confiance|promesses?|mensonges?|menti", 3),),
    },
    "pt": {
        "product_bug": (
            (r"n[ãa]o funciona|erro|travando|trava|quebrad[oa]|defeito", 3),
        ),
        "performance": (
            (r"lent(?:o|a|id[ãa]o)|quedas?|sem internet|atraso|demora", 3),
        ),
        "pricing": ((r"fatura\w*|cobran[çc]a|cobrad[oa]|caro|pre[çc]o|reembolso", 3),),
        "support_experience": (
            (r"atendimento|suporte|sem resposta|grosseir[oa]|sac", 3),
        ),
        "onboarding": (
            (r"instala[çc][ãa]o|t[ée]cnico|ativa[çc][ãa]o|configura[çc][ãa]o", 3),
        ),
        "usability": ((r"confus[oa]|dif[ií]cil de usar|complicad[oa]", 3),),
        "missing_feature": ((r"falta|n[ãa]o tem|n[ãa]o permite|seria bom", 2.5),),
        "relationship": ((r"confian[çc]a|promessas?|mentira\w*|enganad[oa]", 3),),
    },
    "nl": {
        "product_bug": ((r"werkt niet|fout(?:en|melding)?|crasht|kapot|defect", 3),),
        "performance": ((r"traag|langzaam|storing\w*|vertraging|geen internet", 3),),
        "pricing": (
            (r"factuur|rekening|duur|prijs\w*|kosten|terugbetaling|afschrijving", 3),
        ),
        "support_experience": (
            (r"klantenservice|helpdesk|geen (?:reactie|antwoord)|onvriendelijk", 3),
        ),
        "onboarding": ((r"installatie|monteur|aansluiting|activering", 3),),
        "usability": ((r"ingewikkeld|onduidelijk|lastig|onoverzichtelijk", 3),),
        "missing_feature": ((r"mist|ontbreekt|geen mogelijkheid", 2.5),),
        "relationship": ((r"vertrouwen|beloofd|beloftes?|gelogen", 3),),
    },
    "it": {
        "product_bug": ((r"non funziona|errore|si blocca|rott[oa]|guast[oa]", 3),),
        "performance": (
            (r"lent(?:o|a|ezza)|disservizio|ritardo|senza (?:connessione|linea)", 3),
        ),
        "pricing": ((r"fattura\w*|bolletta|caro|prezz[oi]|rimborso|addebit\w+", 3),),
        "support_experience": (
            (r"assistenza|servizio clienti|nessuna risposta|scortese", 3),
        ),
        "onboarding": ((r"installazione|tecnico|attivazione|configurazione", 3),),
        "usability": (
            (r"complicat[oa]|difficile da usare|confus[oa]|poco intuitiv", 3),
        ),
        "missing_feature": ((r"manca|non c'[èe]|non permette|sarebbe bello", 2.5),),
        "relationship": ((r"fiducia|promesse|bugie|ingannat[oi]", 3),),
    },
}

INTL_EMOTION_CUES: RawCues = {
    "anger": (
        (r"furios[oa]|w[üu]tend|inaceptable|vergonzoso|frechheit|unversch[äa]mt\w*", 3),
        (r"scandaleux|inadmissible|inaceit[áa]vel|absurdo|schandalig|vergogna", 3),
        (r"mierda|merde|schei(?:ß|ss)e|porra|merda|kut", 3),
    ),
    "frustration": (
        (r"hart[oa]|frustra\w+|genervt|nervig|j'en ai marre|marre|cansad[oa]", 2.5),
        (r"stufo|stanco|balle[s]? pieds|zat|chato", 2.5),
    ),
    "disappointment": (
        (r"decepcion\w*|entt[äa]usch\w*|d[ée]çu\w*|d[ée]ception|teleurgesteld", 3),
        (r"delus[oa]|delusione", 3),
    ),
    "confusion": (
        (r"no entiendo|verstehe nicht|je ne comprends pas|n[ãa]o entendo", 3),
        (r"snap (?:het )?niet|non capisco", 3),
    ),
    "worry": ((r"preocupad[oa]|besorgt|inqui[eè]t\w*|bezorgd|preoccupat[oa]", 3),),
    "sadness": ((r"triste|traurig|verdrietig", 3),),
}

STOPWORDS: Mapping[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and is was are were it to of my i you your this that with for "
        "have has had been they we me very but on at so just get got what when "
        "can would will don't it's there because still after again not i'm "
        "doesn't can't won't didn't wanna from their about could should only "
        "even also every which who why how all any some more than then now want "
        "like really no do",
        "es": "el la los las es muy pero que por para con una del se mi está en "
        "me no lo como más nada hay tengo sin ya también porque",
        "de": "der die das und ist nicht sehr mit ich sie ein eine zu auf für "
        "den dem kein keine war wird mein aber auch noch",
        "fr": "le les et est très pas une des du je il ne que pour avec mais en "
        "sur au mon ma ce cette sont été rien trop",
        "pt": "é muito não com uma um do da que para mas meu minha está "
        "sem nada tem foi isso são",
        "nl": "de het een en is niet zeer heel met ik van op maar te voor geen "
        "nog dat die mijn wel ook er zijn",
        "it": "il lo gli è molto non con una uno del della che per ma mio mia "
        "sono ho troppo niente anche",
    }.items()
}
