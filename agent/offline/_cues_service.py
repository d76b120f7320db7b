"""Cues for how the service performed and how setting up went.

Data for `_lexicon`; see its docstring for the pattern and weight rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from agent.offline._text import NOT

RawCues = Mapping[str, Sequence[tuple[str, float]]]

_NOT_NOW = rf"(?:{NOT}|stopped|stop|no longer)\s+(?:be\s+|been\s+|even\s+|still\s+)?"

SERVICE_CUES: RawCues = {
    "performance": (
        (r"~slow(?:ly|ness|er|est|s|ed)?|sluggish|snail'?s? pace", 2.5),
        (r"~(?:lag|lags|laggy|lagging|buffering|crawl(?:s|ing)?)", 2.5),
        (r"(?:takes?|taking|took|taken) (?:forever|ages|so long)", 2),
        (
            r"(?:takes?|taking|took|taken) (?:forever|ages|an age|so long) to "
            r"(?:load|open|start|connect|respond|send|sync|upload|join|update|"
            r"log ?in|sign ?in|refresh|display|show)",
            2.5,
        ),
        (
            r"(?:takes?|taking|took) (?:so |too |very |a (?:very )?)?long(?:er)? to "
            r"(?:load|open|start|connect|respond|send|sync|upload|join|update)",
            2.5,
        ),
        (
            r"loading (?:forever|for ages)|"
            r"wait(?:ing|ed)? (?:far |way )?(?:too|to) long",
            2,
        ),
        (r"outages?|went down|(?:is|was|been|keeps? going) (?:down|offline)", 3),
        (r"down (?:again|for (?:hours|days)|all day|every)", 2.5),
        (
            r"(?:keeps?|kept|always|constantly)\s+(?:dropping|disconnecting|"
            r"cutting (?:out|off)|going (?:off|down)|buffering|freezing)",
            3,
        ),
        (r"drop(?:s|ped|ping)? (?:out|off|connection|calls?)|dropped calls?", 3),
        (r"~disconnect(?:s|ed|ing|ions?)?|cut off|cuts? out", 2.5),
        (
            r"(?:connection|signal|line|internet|broadband|wi-?fi|service|"
            r"coverage|reception)\s+(?:keeps?\s+|is\s+|was\s+)?(?:dropping|drops|"
            r"unstable|intermittent|unreliable|patchy|weak|poor|terrible|awful)",
            3,
        ),
        (r"~(?:unreliabl[ey]|intermittent(?:ly)?|unstable|patchy)", 2.5),
        (
            r"(?:internet|broadband|wi-?fi|signal|connection|reception|coverage|"
            r"speeds?)\s+(?:is|was|has been|got|are|were)\s+(?:\w+\s+)?(?:rubbish|"
            r"useless|shocking|appalling|crap|dreadful|bad|atrocious|worse|slower)",
            3,
        ),
        (r"(?:broadband|internet|wi-?fi|download|upload|connection) speeds?", 2),
        (
            r"missed (?:\w+ )?appointments?|(?:pushed|put|moved) back|kept being "
            r"(?:moved|changed|pushed)",
            2.5,
        ),
        (r"(?:no|poor|weak|bad|terrible) (?:signal|coverage|reception|speeds?)", 3),
        (
            r"speeds? (?:is |are |was )?(?:very |so )?(?:slow|poor|terrible|awful|"
            r"nowhere near|variable|inconsistent|unstable|dropping)",
            3,
        ),
        (
            r"appointments?\s+(?:\w+\s+){0,3}?(?:never went ahead|didn't go ahead|"
            r"did not go ahead|didn't happen|never happened|(?:was|were) missed|"
            r"kept being (?:moved|changed))",
            2.5,
        ),
        (
            r"(?:no|without|lost|loss of|still no|never had)\s+(?:any\s+)?"
            r"(?:phone\s+(?:and|or|&)\s+)?"
            r"(?:internet|broadband|wi-?fi|services?|connection|phone line|"
            r"dial tone|landline|tv|signal)",
            2.5,
        ),
        (r"time(?:s|d)? ?out|timing out", 2),
        (r"~delay(?:s|ed|ing)?|late (?:delivery|flights?|arrival|again)", 2.5),
        (
            r"(?:sitting|waiting|waited|stuck|sat|held)\s+(?:\w+\s+){0,3}?for\s+"
            r"(?:over |almost |nearly |more than )?(?:\d+|an?|two|three|four|five|"
            r"six) (?:hours?|hrs?)",
            2,
        ),
        (
            r"(?:arrived|came|delivered|running|was|were|flight|hours?|days?|weeks?|"
            r"months?) late",
            2.5,
        ),
        (
            r"miss(?:ed|ing)? (?:my |our |the |a )?(?:\w+ )?(?:connection|"
            r"connecting flight|cnxn|flight)|stranded|stuck (?:at|in|on)"
            r"(?! (?:the |an? |my )?(?:\w+ )?(?:screen|page|loading|spinner|step|"
            r"logo|splash|loop|login|checkout|verification|update|updating|\d+ ?%))",
            2.5,
        ),
        (r"supposed to (?:depart|leave|arrive|land|take off)", 2.5),
        (
            r"(?:\d+\s?|an?\s|several\s|two\s|three\s)(?:hrs?|hours?|mins?|"
            r"minutes?)\s+(?:late|delay(?:ed)?|wait(?:ing)?|on the (?:tarmac|plane|"
            r"runway)|at the gate)",
            3,
        ),
        (
            r"(?:sitting|waiting|stuck|sat|held)\s+(?:on|at|in)\s+(?:the\s+)?"
            r"(?:plane|tarmac|gate|runway|airport)",
            2.5,
        ),
        (
            rf"{NOT}\s+(?:yet\s+)?(?:left|departed|taken off|boarded|landed)|"
            rf"{NOT} on time",
            2.5,
        ),
        (r"still waiting|long waits?", 1.5),
        (r"(?:took|taking|takes|take) (?:far |way |so )?too long", 2),
        (r"(?:sat|sitting|stuck|waiting) on (?:the )?(?:tarmac|plane|runway)", 2.5),
        (
            r"(?:flights?|appointments?|trains?|bookings?|visits?|surgery)\s+"
            r"(?:\w+\s+){0,3}cancel+(?:ed|ation|led)?",
            2.5,
        ),
        (r"cancel+ed (?:my |our |the )?(?:flights?|appointments?|visits?)", 2.5),
        (r"(?:still )?waiting (?:for|on) (?:my |the |a )?(?:parcel|delivery)", 2.5),
        (r"reschedul\w+|rebook(?:ed|ing)?", 1.5),
        (r"~(?:poor|bad|terrible) performance|performance (?:is|was) poor", 2.5),
    ),
    "onboarding": (
        (r"install(?:ation|ations|ed|er|ers|ing|s)?", 2.5),
        (r"onboarding|getting started", 2.5),
        (r"set ?up|setting (?:\w+ )?up|change ?over|switch ?over", 2),
        (r"activat(?:e|ed|ion|ing)|go[- ]live|went live", 2),
        (
            r"engineers?\s+(?:\w+\s+){0,2}(?:never|didn't|did not|failed to|"
            r"did not|no[- ]show|not) (?:\w+ )?(?:turn(?:ed)? up|show(?:ed)?|"
            r"arrive|come|attend)",
            3,
        ),
        (r"engineers?|technicians?|fitters?", 2),
        (
            rf"(?:{NOT}|still not|yet to be|waiting to be|not yet)\s+"
            r"(?:been\s+|yet\s+|even\s+)?(?:connected|installed|activated|set up|"
            r"switched on|live|active|enabled|up and running)",
            3,
        ),
        (
            rf"{NOT} (?:\w+ )?(?:active|activated|live|started|begun|running|"
            r"connected|come on|came on) yet|yet to (?:start|begin|be \w+)|has yet to",
            3,
        ),
        (
            r"(?:should|supposed to|meant to|due to)\s+(?:have\s+)?(?:be(?:en)?\s+)?"
            r"(?:connected|installed|enabled|activated|active|live|start(?:ed)?|run|"
            r"go live)",
            3,
        ),
        (
            rf"(?:still\s+)?{NOT}\s+(?:yet\s+)?(?:got|get|getting|have|having|had|"
            r"received)\s+(?:a\s+|my\s+|our\s+|the\s+|any\s+)?(?:\w+\s+){0,2}?"
            r"(?:broadband|internet|wi-?fi|phone line|landline|connection|tv|"
            r"equipment|router|telephone|services?)",
            2.5,
        ),
        (
            r"(?:still\s+)?waiting\s+(?:for|on)\s+(?:\w+\s+){0,3}?(?:connection|"
            r"installation|install|engineer|activation|router|hub|equipment|"
            r"go[- ]live|broadband|internet|landline|phone line|number|service)",
            3,
        ),
        (
            r"(?:taken|took|taking|take|waited|waiting|wait)\s+(?:\w+\s+){0,3}?"
            r"(?:\d+\s?|an?\s|one\s|a few\s|several\s|two\s|three\s|four\s|"
            r"five\s|six\s|many\s)(?:days?|weeks?|months?)\s+(?:\w+\s+){0,2}?"
            r"(?:to|for)\s+(?:\w+\s+){0,4}?(?:connect\w*|install\w*|set up|"
            r"activat\w*|go live|start\w*|"
            r"switch\w*|broadband|internet|wi-?fi|phone line|landline|service|"
            r"equipment|router)",
            3,
        ),
        (
            r"(?:\d+\s?|two\s|three\s|four\s|several\s)(?:weeks|months)\s+"
            r"(?:for|to get|waiting for)\s+(?:\w+\s+)?(?:broadband|internet|"
            r"connection|phone line|landline|installation|service)",
            3,
        ),
        (
            r"(?:router|hub|equipment|modem|box|kit|device|sim)\s+(?:has\s+)?"
            rf"{NOT}\s+(?:yet\s+)?(?:arrive|arrived|come|turned up|been delivered)",
            3,
        ),
        (r"(?:messed|screwed|mucked|ballsed) up (?:my |our |the )?(?:\w+ )?order", 2.5),
        (
            r"(?:no one|nobody|no-one|never|didn't|did not|failed to|fail to)\s+"
            r"(?:\w+\s+)?(?:turn(?:ed)? up|show(?:ed)? up)|no[- ]show",
            3,
        ),
        (
            r"(?:get|have|getting|having)\s+(?:it\s+|us\s+|me\s+|(?:my|our|the)\s+"
            r"\w+\s+)?(?:connected|installed|set up|activated|fitted)",
            2.5,
        ),
        (r"fitt(?:ed|ing)|new (?:home|house|property)", 2),
        (rf"(?:still\s+)?{NOT}\s+(?:yet\s+)?(?:been\s+)?provided", 2.5),
        (r"time (?:it )?(?:taken|took|takes) to (?:get|connect|install|set)", 2.5),
        (
            r"(?:installation|install|setup|set up|connection|activation|onboarding)\s+"
            r"(?:\w+\s+){0,2}?(?:took|takes|taking|has taken)\s+"
            r"(?:over\s+|more than\s+)?(?:an?|\d+|two|three|four|several|many)\s+"
            r"(?:days?|weeks?|months?)",
            3,
        ),
        (r"cancel+(?:ed|ing) (?:my |our |the )?orders?", 2.5),
        (r"(?:i|we) ordered", 1.5),
        (r"(?<!in\s)(?<!of\s)orders?", 1.2),
        (
            r"order(?:ed)? (?:\w+ ){0,3}?(?:broadband|fibre|fiber|internet|line|"
            r"landline|router|tv|sim|package|bundle|upgrade|connection)",
            2,
        ),
        (r"order(?:ing)? process|placed? (?:an |my |the )?order|re-?order\w*", 2),
        (
            r"orders?\s+(?:\w+\s+){0,2}?"
            r"(?:cancel+ed|delayed|lost|messed up)",
            2.5,
        ),
        (r"(?:transfer|port|move) (?:my |our |the )?(?:number|line|service)", 2),
        (r"moved? house|moving house|home move|new address", 1.5),
        (r"training|tutorials?|documentation|welcome (?:pack|email|call)", 1.5),
        (r"migrat(?:e|ed|ing|ion)|import(?:ing)? (?:my|our) data", 2),
        (r"(?:connection|installation|activation|start|go[- ]live) dates?", 2),
        (
            r"still (?:have no|no|not got|haven't got|have not got|don't have|"
            r"do not have|without) (?:a |any |the |my |our )?(?:\w+ ){0,2}?"
            r"(?:service|broadband|"
            r"internet|connection|phone line|landline|line|wi-?fi|tv)",
            3,
        ),
        (
            r"connect(?:ing|ed)? (?:my |our |the )?(?:\w+ )?(?:phone line|line|"
            r"broadband|internet|service|property|house|home)|"
            r"(?:taken|took|taking) (?:\w+ ){0,6}?to get (?:\w+ ){0,2}?(?:connected|"
            r"broadband|internet|phone line|service|installed|set up)",
            2.5,
        ),
    ),
}
