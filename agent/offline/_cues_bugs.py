"""Cues for what is broken: a thing that fails, errs, or loses what it held.

Data for `_lexicon`; see its docstring for the pattern and weight rules. A
fault is named by what the thing does wrong ("does nothing", "keeps
spinning", "greyed out", "misses", "double-booked"), whatever the thing is,
so these cues work across products; the thing itself is left to the
product area.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from agent.offline._text import NOT

RawCues = Mapping[str, Sequence[tuple[str, float]]]

_NOT_NOW = rf"(?:{NOT}|stopped|stop|no longer)\s+(?:be\s+|been\s+|even\s+|still\s+)?"
_STILL = r"(?:\w+\s+)?"
_THINGS = (
    r"(?:app|site|website|page|screen|button|link|tab|menu|field|form|search|"
    r"filter|toggle|switch|setting|option|icon|camera|mic|microphone|audio|sound|"
    r"video|notifications?|alerts?|reminders?|calendar|sync|export|import|upload|"
    r"download|report|dashboard|login|checkout|basket|cart|card|reader|scanner|"
    r"printer|device|phone|tablet|laptop|watch|tv|box|remote|router|system|portal|"
    r"feature|widget|player|map|gps|bluetooth|keyboard|code|qr code)"
)
_FAULT_VERB = (
    r"(?:even |always |properly |correctly |actually )?(?!(?:needed|included|"
    r"designed|supported|offered|built|made|meant|intended|required|allowed|"
    r"expected|interested|bothered|being|going|getting|coming|arrived|delivered|"
    r"received|willing|asking|installed|connected|activated|used|helping|"
    r"helped|trying|answered|answering|replied|replying|recommended|signed)\b)"
    r"(?:\w+ing|\w+ed|work|load|open|save|send|sync|start|play|print|function|"
    r"show|respond|display|appear|update|refresh|ring|connect|charge|turn on|"
    r"switch on|recogni[sz]e|accept|register|pair|scan|submit|calculate|add up)"
)
_DEVICE_VERBS = (
    r"(?:respond(?:ing)?(?! to (?:my|our|me|us|your|the|any|emails?|calls?|"
    r"messages?|complaints?|dms?|tweets?|customers?))|load(?:ing)?|open(?:ing)?|"
    r"display(?:ing)?|"
    r"appear(?:ing)?|show(?:ing)?(?! up)|updat(?:e|ing)|refresh(?:ing)?|"
    r"submit(?:ting)?|ring(?:ing)?|vibrat(?:e|ing)|scan(?:ning)?|boot(?:ing)?|"
    r"turn(?:ing)? on|switch(?:ing)? on|register(?:ing)?|recogni[sz](?:e|ing)|"
    r"accept(?:ing)? (?:my |the |any |a )?(?:card|payment|code|password|login|"
    r"address|photo|file|upload)|go(?:ing)? through|click(?:ing)?|scroll(?:ing)?|"
    r"tap(?:ping)?|calculat(?:e|ing)|add(?:ing)? up|"
    r"connect(?:ing)? to (?:the |my )?(?:app|bluetooth|printer|device|car|watch)|"
    r"pair(?:ing)?|detect(?:ing)?|record(?:ing)?|stream(?:ing)?|play(?:ing)?|"
    r"populat(?:e|ing))"
)

BUG_CUES: RawCues = {
    "product_bug": (
        (r"~crash(?:es|ed|ing)?", 3),
        (r"~(?:freez(?:e|es|ing)|froze|frozen)", 2.5),
        (r"~(?:bugs?|buggy|glitch(?:es|y|ing|ed)?)", 3),
        (r"~errors?(?: messages?| codes?)?", 2.5),
        (
            r"~(?:broken(?! promises?| english)|broke(?! (?:my |our |the |their |"
            r"your |a |his |her )?(?:promise|word|contract|agreement)))",
            2.5,
        ),
        (r"~(?:faulty|defective|malfunction\w*)", 3),
        (r"something went wrong", 3),
        (r"(?:black|blank|frozen|white|grey|gray) (?:screen|page)s?", 3),
        (
            _NOT_NOW + r"(?:work|works|working|worked|functioning|functional|"
            r"responding|loading|loads?|opens?|finds?|syncs?|saves?|sends?)",
            3,
        ),
        (r"nothing(?: is|'s)? working|(?:won't|wont|will not) work", 3),
        (
            rf"{NOT}\s+(?:even\s+)?(?:let|letting|allow|allowing)\s+(?:me|us)\s+"
            r"(?:to\s+)?(?:log|sign|join|rejoin|access|open|in|into|use|book|pay)",
            3,
        ),
        (r"(?:keeps?|kept) (?:saying|telling me|asking)|incorrect password", 2),
        (
            r"(?:won't|wont|doesn't|does not|can't|cannot|couldn't|could not|"
            r"unable to|will not|didn't|did not)\s+(?:even\s+)?(?:let me\s+)?"
            r"(?:log ?in|sign ?in|access|load|open|launch|join|upload|download|sync|"
            r"save|print|pay|book|check ?in|send|play|start|select|reserve|purchase|"
            r"rebook|complete)",
            3,
        ),
        (
            rf"@(?:{NOT}|never|no longer|stopped|refuses? to)\s+{_STILL}"
            + _DEVICE_VERBS,
            3,
        ),
        (
            rf"@{_THINGS}s?\s+(?:(?!(?:i|we|you|they|he|she)\s)\w+\s+){{0,2}}?"
            rf"(?:{NOT}|never|no longer)\s+" + _FAULT_VERB,
            2.5,
        ),
        (
            r"@(?:does|did) nothing|(?:does|did|do)(?:n't|nt| not) do "
            r"(?:anything|a thing)|nothing (?:at all )?(?:happens|happened)",
            3,
        ),
        (
            r"(?:keeps?|kept) (?:on )?(?:spinning|loading|buffering|crashing|"
            r"freezing|failing|restarting|rebooting|closing|quitting|resetting|"
            r"reverting|disappearing|glitching|hanging(?! up)|refreshing|reloading|"
            r"deleting|duplicating|(?:un)?muting|shutting down|popping up|"
            r"showing (?:an? |the )?(?:error|wrong)|(?:logging|signing|kicking) "
            r"(?:me |us )?(?:out|off))",
            3,
        ),
        (
            r"(?:spins?|spinning|loads?|loading|hangs?|hanging|buffers?) (?:forever|"
            r"endlessly|indefinitely|for ever)|(?:endless|infinite|constant) "
            r"(?:spinner|spinning|loading|loop|reboots?)|spinning (?:wheel|circle)",
            3,
        ),
        (r"gr[ae]yed[- ]?out|(?:won't|doesn't|does not|can't) (?:be )?click\w*", 3),
        (
            r"stuck (?:on|at|in) (?:the |a |an |my )?(?:\w+ )?(?:screen|page|"
            r"loading|spinner|step|logo|splash|loop|login|checkout|verification|"
            r"update|updating|\d+ ?%)",
            3,
        ),
        (
            r"(?:closes?|shuts? down|quits?|restarts?|reboots?|turns? off) (?:itself|"
            r"by itself|on its own|unexpectedly|randomly|without warning|suddenly|"
            r"every (?:single )?time|whenever|as soon as|when(?:ever)? i|mid)|"
            r"force[- ]?(?:closes?|quits?)",
            3,
        ),
        (
            r"(?:search\w*|filters?|sync|imports?|exports?|reports?|scanner|reader|"
            r"forms?|calendar|app|system|it)\s+(?:\w+\s+){0,2}?(?:misses|"
            r"skip(?:s|ped)|ignor(?:es|ed)|duplicat(?:es|ed)|overwrit(?:es|ten)|"
            r"corrupt(?:s|ed)|mangl(?:es|ed)|truncat(?:es|ed)|wip(?:es|ed)|"
            r"drop(?:s|ped) (?:\w+ ){0,2}?(?:contacts|entries|records|rows|items|"
            r"data|files|photos|events|appointments|fields))\b",
            3,
        ),
        (
            r"@[^\W\d_]{3,}\s+(?:misses|skips|ignores|duplicates|overwrites|"
            r"corrupts|mangles|truncates|wipes)\b",
            3,
        ),
        (
            r"(?:arrived|came|delivered|turned up|was|is)\s+(?:\w+\s+){0,3}?"
            r"(?:damaged|broken|cracked|smashed|shattered|dented|torn|ripped|"
            r"leaking|defective|faulty|missing parts)",
            3,
        ),
        (r"~(?:cracked|shattered|smashed|dented|leaking)", 2.5),
        (
            r"(?:search\w*|filters?|results?|lookup)\s+(?:\w+\s+)?(?:returns?|shows?|"
            r"gives?|finds?|brings? up)\s+(?:no|nothing|wrong|the wrong|irrelevant|"
            rf"incorrect|old|duplicate)|search\w* (?:\w+ )?(?:{NOT}|never|fails? to)"
            r" (?:find|show|return|match|work)",
            3,
        ),
        (
            r"(?:wrong|incorrect) (?:time ?zones?|dates?|times?|totals?|results?|"
            r"balance|currency|language|timestamps?|figures?|calculations?|readings?)|"
            r"(?:in|into|with|to) the wrong (?:time ?zone|currency|language|format|"
            r"account|folder|calendar)",
            2.5,
        ),
        (
            r"double[- ]?book(?:ed|ing|s)?|(?:duplicate[sd]?|duplicating)\s+(?:\w+\s+)?"
            r"(?:entries|entry|appointments?|bookings?|events?|messages?|"
            r"notifications?|contacts?|records?|emails?|orders?|reminders?|items?)|"
            r"(?:shows?|showing|appears?|appearing|listed|booked|sent|posted|"
            r"imported|synced|added)\s+(?:up\s+)?twice",
            3,
        ),
        (r"out of sync|sync\w* (?:\w+ )?(?:fails?|failed|failing|issues?)", 3),
        (
            r"@(?:disappear(?:s|ed|ing)?|vanish(?:es|ed|ing)?|gone missing|"
            r"went missing)",
            2.5,
        ),
        (
            r"(?:card|payment|transfer|transaction|deposit|top[- ]?up)s?\s+"
            r"(?:\w+\s+){0,2}?(?:declined|rejected|bounced|failed|blocked|"
            r"(?:won't|wouldn't|didn't|doesn't|not|never) go(?:ing|es)? through)",
            3,
        ),
        (
            r"(?:since|after) (?:the |an? |this |that |its |their |your )?(?:last |"
            r"latest |recent |new |most recent |newest )?(?:update|upgrade|release|"
            r"ios update|version)",
            2,
        ),
        (r"update (?:\w+ ){0,2}?(?:broke|killed|wiped|deleted|bricked)", 3),
        (
            r"fail(?:s|ed|ing)? to (?:load|open|save|send|sync|upload|launch|start|"
            r"update|connect|install|download|print|display|register|submit)",
            3,
        ),
        (
            r"~(?<!#)fail(?:s|ed|ing|ures?)?(?! to (?:call|ring|turn up|show|reply|"
            r"respond|get back|deliver on|honou?r|keep|inform|contact|arrive|attend|"
            r"communicate|tell|update me|return|listen|answer|follow))",
            2.5,
        ),
        (r"(?:keeps?|kept) (?:logging|signing|kicking|throwing) (?:me )?out", 3),
        (
            r"@(?:logs?|logged|kicks?|kicked|signs?|signed|throws?|threw) "
            r"(?:me|us) out",
            3,
        ),
        (r"~(?:unusable|not usable)", 2),
        (
            r"(?:lost|deleted|wiped|erased|disappeared)\s+(?:all\s+)?(?:of\s+)?"
            r"(?:my|our|the)\s+(?:data|files?|messages?|chats?|history|photos?|"
            r"settings|emails?|contacts|notes)",
            3,
        ),
        (
            r"(?:los(?:e|es|ing|t)|missing|damaged|broken|mishandled|stolen|"
            r"(?:can't|cannot|couldn't|unable to) (?:find|locate))\s+(?:my\s+|our\s+|"
            r"the\s+|a\s+)?(?:bags?|luggage|baggage|suitcases?|parcels?|items?)",
            3,
        ),
        (
            r"(?:bags?|luggage|baggage|suitcases?|parcels?|package|items?|order)\s+"
            r"(?:\w+\s+){0,3}(?:lost|missing|damaged|broken|never (?:arrived|came|"
            rf"showed up|turned up)|{NOT} (?:arrived|delivered|received))",
            3,
        ),
        (rf"{NOT} (?:been )?delivered|never arrived", 2.5),
        (r"wrong (?:item|size|colou?r|product|parcel|order)", 2.5),
        (
            r"(?:seats?|food|meals?|toilets?|bathrooms?|restrooms?|wi-?fi|"
            r"entertainment|screens?|room|bed)\s+(?:\w+\s+){0,2}(?:awful|broken|"
            r"dirty|disgusting|nasty|terrible|inedible|filthy|uncomfortable|cramped)",
            2.5,
        ),
        (
            r"(?:nasty|awful|inedible|disgusting|terrible|cold|broken|dirty)\s+"
            r"(?:food|meals?|seats?|toilets?|bathrooms?|rooms?)|no (?:legroom|water)",
            2.5,
        ),
        (
            r"(?:website|site|system|app|online form|portal|page)\s+(?:\w+\s+){0,3}?"
            rf"(?:keeps? (?:saying|telling|crashing|failing)|{NOT} (?:let|allow|load)|"
            r"fails?|failed|errors? out)|try again later",
            2.5,
        ),
        (r"bags?|luggage|baggage|suitcases?", 1.5),
        (
            rf"{NOT}\s+(?:\w+\s+)?use\s+(?:the\s+|my\s+|our\s+)?(?:internet|"
            r"broadband|wi-?fi|app|service|phone|account|website|site)",
            2.5,
        ),
        (r"unable to (?:price|complete|process|check|purchase|buy|order|pay)", 2.5),
        (r"(?:dirty|filthy|broken seats?|no wi-?fi|cockroach\w*)", 2),
        (r"issues? with|problems? with", 1),
        (r"out of order", 2.5),
        (
            rf"(?:{NOT}|no longer|never|stopped) (?:get|getting|receiv\w+) (?:any |my "
            r"|the )?(?:notifications?|alerts?|reminders?|push|sound|audio|video)|"
            r"(?:can't|cannot|couldn't|can not) (?:hear|see) (?:me|us|anyone|anything)",
            3,
        ),
        (
            r"(?:account|card|app|profile|login)s? (?:was |got |has been |is |keeps "
            r"getting )?(?:\w+ )?(?:locked|blocked|suspended|frozen)|"
            r"(?:says|said|saying) (?:that )?(?:it's |my \w+ (?:is|was) )?"
            r"(?:incorrect|invalid)",
            2.5,
        ),
        (
            r"@(?:kicks?|kicked|kicking|throws?|threw) (?:me|us) (?:off|out)|"
            r"(?:get|getting|got|keep getting) (?:kicked|thrown|booted|logged) "
            r"(?:out|off)",
            3,
        ),
        (
            r"(?:automatically|randomly|by (?:it ?self|themselves)|on (?:its|their) "
            r"own) (?:delet|remov|chang|reset|log|sign|turn|switch|mut|unmut)\w*|"
            r"(?:changes?|resets?|deletes?|turns? (?:on|off)) (?:by (?:it ?self|"
            r"themselves)|on (?:its|their) own)",
            2.5,
        ),
        (r"re-?install\w*|(?:is|was|got|all) (?:\w+ )?(?:messed|screwed) up", 2),
    ),
}
