"""Small cue tables for Spanish, German, French, Portuguese, Dutch and Italian.

They are read only when a comment is detected as that language, so words that
mean something else in English ("lent", "caro") do no harm elsewhere. They
are deliberately short: enough to route and read the mood roughly, with a
person expected to read the comment before replying. As in English, a verb
of failure ("se cierra", "stürzt ab", "se ferme", "trava", "si chiude")
weighs 3, while a noun that only names the thing involved ("factura",
"Rechnung", "soporte") is a topic mention of 2 or less.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

RawCues = Mapping[str, Sequence[tuple[str, float]]]

INTL_CATEGORY_CUES: Mapping[str, RawCues] = {
    "es": {
        "product_bug": (
            (
                r"no funciona|no sirve|error(?:es)?|fall(?:o|a|an)|rot[oa]|"
                r"averiad[oa]",
                3,
            ),
            (r"se (?:cierra|cuelga|bloquea|traba|congela|reinicia|apaga|borr[oó])", 3),
            (r"se queda (?:colgad|pillad|trabad|bloquead|en blanco|cargando)\w*", 3),
            (r"no (?:me )?(?:carga|abre|responde|arranca|guarda|sincroniza|deja)", 3),
            (r"no puedo (?:entrar|acceder|iniciar|abrir|pagar|subir|descargar)", 3),
            (r"pantalla (?:en blanco|negra)|(?:citas?|reservas?) duplicad[oa]s", 3),
            (r"desde la [uú]ltima actualizaci[oó]n", 2),
        ),
        "performance": (
            (r"lent(?:o|a|itud)|ca[ií]das?|sin (?:conexi[oó]n|internet)", 3),
        ),
        "pricing": (
            (r"cobro duplicado|cobr\w+ (?:dos veces|de m[aá]s|doble)|muy caro", 3),
            (r"caro|reembolso", 2.5),
            (r"cobr(?:o|os|aron|ado|an)", 2),
            (r"factura\w*|precio\w*|tarifa\w*", 1.5),
        ),
        "support_experience": (
            (r"sin respuesta|nadie (?:\w+ ){0,3}?(?:responde|contesta|ayuda)", 3),
            (r"grosero|maleducad[oa]|p[eé]sima atenci[oó]n", 3),
            (r"soporte|atenci[oó]n al cliente|servicio al cliente", 2),
        ),
        "onboarding": (
            (r"instalaci[oó]n|activaci[oó]n", 2.5),
            (r"t[eé]cnico", 2),
            (r"configuraci[oó]n", 1.5),
        ),
        "usability": ((r"confus[oa]|dif[ií]cil de usar|complicad[oa]", 3),),
        "missing_feature": ((r"falta|no tiene|no permite|ojal[aá]", 2.5),),
        "relationship": ((r"confianza|promesas?|enga[ñn]o|mentira\w*", 3),),
    },
    "de": {
        "product_bug": (
            (r"funktioniert nicht|geht nicht|fehler(?!haft)\w*|kaputt|defekt", 3),
            (r"abgest[üu]rzt|st[üu]rzt (?:\w+ ){0,3}?ab|h[äa]ngt sich auf", 3),
            (r"friert (?:\w+ ){0,3}?ein|eingefroren", 3),
            (
                r"(?:l[äa]dt|[öo]ffnet|startet|reagiert) (?:sich )?nicht|"
                r"bleibt h[äa]ngen",
                3,
            ),
            (r"schlie[ßs]t sich|doppelt (?:vergeben|gebucht|angezeigt|eingetragen)", 3),
            (r"verschwunden|gel[öo]scht|(?:wei[ßs]er|schwarzer) bildschirm", 2.5),
            (r"(?:seit|nach) (?:dem )?(?:letzten |neuen |neuesten )?update", 2),
        ),
        "performance": (
            (
                r"langsam\w*|ausfall|ausf[äa]lle|st[öo]rung\w*|verbindungsabbr[üu]ch\w*",
                3,
            ),
            (r"versp[äa]tung|kein internet", 3),
        ),
        "pricing": (
            (r"doppelt abgebucht|zu viel (?:berechnet|abgebucht)|falsche rechnung", 3),
            (r"rechnung (?:\w+ ){0,2}(?:falsch|fehlerhaft|zu hoch)|teuer\w*", 3),
            (r"erstattung", 2.5),
            (r"abgebucht", 2),
            (r"rechnung\w*|preis\w*|geb[üu]hr\w*|kosten", 1.5),
        ),
        "support_experience": (
            (r"warteschleife|keine antwort|unfreundlich|nicht erreichbar", 3),
            (r"kundenservice|kundendienst|hotline|support", 2),
        ),
        "onboarding": (
            (r"installation|aktivierung", 2.5),
            (r"techniker|einrichtung|anschluss", 2),
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
            (r"ne (?:marche|fonctionne|charge|s'ouvre|d[ée]marre) (?:pas|plus)", 3),
            (r"ne (?:r[ée]pond|s'affiche) plus|bug\w*|plante|crash\w*|erreur", 3),
            (r"cass[ée]e?|se (?:ferme|bloque|fige)|bloqu[ée]e?|fig[ée]e?", 3),
            (
                r"[ée]cran (?:blanc|noir)|"
                r"impossible de (?:me |se )?(?:connecter|ouvrir)",
                3,
            ),
            (r"en double|depuis la (?:derni[èe]re )?mise [àa] jour", 2),
        ),
        "performance": (
            (
                r"lent(?:e|eur)?|coupures?|panne|retard|pas de (?:connexion|r[ée]seau)",
                3,
            ),
        ),
        "pricing": (
            (r"trop cher|factur[ée]e? (?:deux fois|en double)|pr[ée]lev[ée] deux", 3),
            (r"cher|rembours\w+", 2.5),
            (r"pr[ée]l[èe]vement", 2),
            (r"factur\w+|prix|tarif\w*|frais", 1.5),
        ),
        "support_experience": (
            (r"aucune r[ée]ponse|pas de r[ée]ponse|sans r[ée]ponse", 3),
            (r"ne r[ée]pond(?:ent)? jamais|personne ne r[ée]pond", 3),
            (r"impoli|d[ée]sagr[ée]able", 3),
            (r"service client|sav|support", 2),
        ),
        "onboarding": (
            (r"installation|mise en service|activation", 2.5),
            (r"technicien", 2),
            (r"configuration", 1.5),
        ),
        "usability": (
            (r"compliqu[ée]|difficile [àa] utiliser|pas intuitif|confus", 3),
        ),
        "missing_feature": ((r"il manque|manque|pas possible de|pas d'option", 2.5),),
        "relationship": ((r"confiance|promesses?|mensonges?|menti", 3),),
    },
    "pt": {
        "product_bug": (
            (r"n[ãa]o funciona|erro|trava(?:ndo|do|da|ou)?|quebrad[oa]|defeito", 3),
            (r"fecha sozinho|(?:o app|aplicativo|aplica[çc][ãa]o) fecha", 3),
            (r"n[ãa]o (?:abre|carrega|responde|inicia|salva|sincroniza)", 3),
            (r"tela (?:branca|preta)|desde a [úu]ltima atualiza[çc][ãa]o", 2.5),
        ),
        "performance": (
            (r"lent(?:o|a|id[ãa]o)|quedas?|sem internet|atraso|demora", 3),
        ),
        "pricing": (
            (r"cobrad[oa] (?:duas vezes|em dobro|a mais)|cobran[çc]a indevida", 3),
            (r"caro|reembolso", 2.5),
            (r"cobran[çc]a|cobrad[oa]", 2),
            (r"fatura\w*|pre[çc]o", 1.5),
        ),
        "support_experience": (
            (r"sem resposta|grosseir[oa]|p[ée]ssimo atendimento", 3),
            (r"atendimento|suporte|sac", 2),
        ),
        "onboarding": (
            (r"instala[çc][ãa]o|ativa[çc][ãa]o", 2.5),
            (r"t[ée]cnico", 2),
            (r"configura[çc][ãa]o", 1.5),
        ),
        "usability": ((r"confus[oa]|dif[ií]cil de usar|complicad[oa]", 3),),
        "missing_feature": ((r"falta|n[ãa]o tem|n[ãa]o permite|seria bom", 2.5),),
        "relationship": ((r"confian[çc]a|promessas?|mentira\w*|enganad[oa]", 3),),
    },
    "nl": {
        "product_bug": (
            (r"werkt niet|doet het niet|fout(?:en|melding)?|crasht|kapot|defect", 3),
            (r"loopt vast|blijft hangen|sluit (?:af|zichzelf)|(?:laadt|start) niet", 3),
            (r"dubbel (?:geboekt|ingepland)|sinds de (?:laatste )?update", 2),
        ),
        "performance": ((r"traag|langzaam|storing\w*|vertraging|geen internet", 3),),
        "pricing": (
            (r"dubbel (?:afgeschreven|betaald|gefactureerd)|te veel betaald", 3),
            (r"te duur|terugbetaling", 2.5),
            (r"duur|afschrijving", 2),
            (r"factuur|rekening|prijs\w*|kosten", 1.5),
        ),
        "support_experience": (
            (r"geen (?:reactie|antwoord)|onvriendelijk", 3),
            (r"klantenservice|helpdesk", 2),
        ),
        "onboarding": (
            (r"installatie|activering", 2.5),
            (r"monteur|aansluiting", 2),
        ),
        "usability": ((r"ingewikkeld|onduidelijk|lastig|onoverzichtelijk", 3),),
        "missing_feature": ((r"mist|ontbreekt|geen mogelijkheid", 2.5),),
        "relationship": ((r"vertrouwen|beloofd|beloftes?|gelogen", 3),),
    },
    "it": {
        "product_bug": (
            (r"non funziona|errore|si (?:blocca|chiude|pianta|riavvia|spegne)", 3),
            (r"non (?:si apre|carica|risponde|parte|salva)|crash\w*|rott[oa]", 3),
            (r"guast[oa]|schermata (?:bianca|nera)", 3),
            (r"in doppio|dall'ultimo aggiornamento", 2),
        ),
        "performance": (
            (r"lent(?:o|a|ezza)|disservizio|ritardo|senza (?:connessione|linea)", 3),
        ),
        "pricing": (
            (r"bolletta (?:\w+ ){0,2}sbagliat[ao]|addebit\w+ (?:due volte|doppi)", 3),
            (r"caro|rimborso", 2.5),
            (r"addebit\w+", 2),
            (r"fattura\w*|bolletta|prezz[oi]", 1.5),
        ),
        "support_experience": (
            (r"nessuna risposta|scortese|nessuno (?:mi |ci )?(?:ha )?rispost\w*", 3),
            (r"assistenza|servizio clienti", 2),
        ),
        "onboarding": (
            (r"installazione|attivazione", 2.5),
            (r"tecnico", 2),
            (r"configurazione", 1.5),
        ),
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
