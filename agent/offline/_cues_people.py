"""Cues for people: how support treated the customer, and the relationship.

Data for `_lexicon`; see its docstring for the pattern and weight rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from agent.offline._text import NOT

RawCues = Mapping[str, Sequence[tuple[str, float]]]

PEOPLE_CUES: RawCues = {
    "support_experience": (
        (r"customer (?:service|services|support|care)|after[- ]sales", 1.5),
        (
            r"(?:poor|bad|terrible|awful|horrible|appalling|shocking|worst|"
            r"rubbish|useless|lousy|non[- ]existent|disgusting|abysmal|no)\s+"
            r"(?:customer (?:service|support|care)|support|help ?desk|"
            r"call cent(?:re|er)|aftercare)",
            3,
        ),
        (
            r"(?:customer service|support|staff|agents?|advis[oe]rs?|reps?|"
            r"representatives?|operators?|employees?|call cent(?:er|re)|"
            r"crew|attendants?)\s+(?:(?:is|are|was|were|have been|has been|been|"
            r"seemed|seem|always|often|so|very|really|extremely|quite|just|"
            r"totally|completely|incredibly)\s+){0,3}"
            r"(?:rude|unhelpful|useless|clueless|incompetent|dismissive|arrogant|"
            r"condescending|patroni[sz]ing|unprofessional|hopeless|ignorant)",
            3,
        ),
        (r"~(?:rude|unhelpful|impolite|condescending|dismissive|patroni[sz]ing)", 2.5),
        (r"(?:on|put on|kept on) hold|hold (?:for|music)|held for", 3),
        (
            r"(?:wait(?:ed|ing)?|queu(?:e|ed|ing))\s+(?:for\s+)?(?:over\s+|"
            r"more than\s+|"
            r"about\s+)?(?:an?|\d+\+?|several|two|three)\s*(?:hours?|hrs?|minutes?|"
            r"mins?)\s+(?:on|to|for)\s+(?:the\s+)?(?:phone|line|call|chat|speak|"
            r"get through|answer|someone)",
            3,
        ),
        (r"wait(?:ing)? times?|call (?:cent(?:re|er)|queue)|helpline", 2),
        (
            r"(?:no|never got (?:a|any)|still no|didn't get (?:a|any)|not even an?|"
            r"without an?)\s+"
            r"(?:reply|response|answer|call ?backs?|ring ?backs?|acknowledge?ment|"
            r"follow[- ]up|apology)",
            3,
        ),
        (
            r"(?:never|nobody|no one|no-one|didn't|did not|haven't|hasn't|has not|"
            r"have not|doesn't|don't|won't)\s+(?:\w+\s+){0,4}(?:replied|responded|"
            r"reply|respond|return(?:ed)? (?:my|our) calls?|"
            r"called (?:me |us )?back|call (?:me |us )?back|rang (?:me |us )?back|"
            r"ring (?:me |us )?back|got back|get back|answered|followed up)",
            3,
        ),
        (rf"call ?backs? (?:\w+ ){{0,3}}{NOT}", 3),
        (
            r"(?:spoke|spoken|speak|talked|talk)\s+(?:to|with)\s+(?:\d+|several|"
            r"many|numerous|multiple|different|various|loads of|lots of)\s+"
            r"(?:\w+\s+)?(?:people|agents|advis[oe]rs|staff|departments)",
            3,
        ),
        (r"(?:passed|pushed|bounced|transferred) (?:around|between|back and)", 3),
        (r"pillar to post|(?:kept|keep) (?:being )?transferred", 3),
        (
            r"(?:transferr?\w*|passed|put through)\s+(?:me\s+|us\s+)?(?:to|between)\s+"
            r"(?:\d+|several|many|different|various|wrong|the wrong)|"
            r"(?:wrong|different) dep(?:artmen)?ts?|pass(?:ed|ing)? the buck",
            3,
        ),
        (
            r"(?:holding|held|hold)(?: on)? for (?:over |about |nearly |more than |"
            r"almost |close to )?(?:\d+|an?|two|three)|(?:hangs?|hanging) up on "
            r"(?:me|us)|"
            r"(?:nobody|no one|no-one) (?:\w+ )?(?:answers?|answering|picks? up|"
            r"picking up|(?:is )?available to)",
            3,
        ),
        (
            r"waiting (?:for|on) (?:a |an |any |your )?(?:reply|response|answer|"
            r"call ?back|update|news)|spoke to no one|no word",
            3,
        ),
        (
            r"(?:bad|no|worst|poor|terrible|awful|horrible)\s*(?:c[ou]st[ou]m[ea]r\s*"
            r"service|cust\s*serv\w*)|hold ?times?|high call volume|hung up|hang up",
            3,
        ),
        (
            r"(?:get|reach|speak to|talk to)\s+(?:a\s+|an\s+)?(?:live|real|actual)\s+"
            r"(?:person|human|agent)|automated (?:system|message|menu)|phone menu",
            2.5,
        ),
        (r"(?:trying|tried|try) to (?:call|reach|contact|get through|get hold)", 2.5),
        (
            r"(?:respond|reply|answer)\w* to (?:my|our) (?:tweets?|dms?|emails?|"
            r"messages?|complaints?|calls?|letters?)|(?:been|being|got) ignored|"
            r"ignoring (?:me|us|my)",
            2.5,
        ),
        (
            r"not (?:even )?accepting calls|copy (?:and|&) paste|not (?:a|one) word|"
            r"(?:speak|talk) to a (?:human|person)",
            3,
        ),
        (r"cs|cust\s*serv\w*|customer relations|complaints? department", 1.5),
        (
            r"(?:\d+|an?)\s+(?:minutes?|mins?|hours?|hrs?)\s+(?:to|before)\s+"
            r"(?:\w+\s+)?(?:answer|get through|respond|reply|speak|connect)",
            3,
        ),
        (
            r"contradict\w* (?:messages|information|info|advice|answers)|"
            r"mixed messages|mis-?communications?",
            3,
        ),
        (
            r"(?:clueless|incompetent|rude|useless|unhelpful|ignorant|arrogant|"
            r"untrained|poorly trained)\s+(?:staff|agents?|advis[oe]rs?|people|"
            r"person|employees?|reps?|operators?|call handlers?|team)",
            3,
        ),
        (r"(?:a lot of|lots of|constant|endless|so much) chasing|chas(?:e|ed|ing)", 2),
        (r"messed (?:me |us )?(?:around|about)|mucked (?:me |us )?about", 2),
        (rf"(?:still|{NOT})\s+(?:been\s+)?(?:resolved|sorted)", 2),
        (
            r"(?:phoned|called|rang|chased|contacted|emailed|messaged)\s+"
            r"(?:you\s+|them\s+|company\s+)?(?:\d+|numerous|several|many|multiple|"
            r"countless|so many|three|four|five|six)\s+times",
            3,
        ),
        (r"(?:\d+|numerous|several|many|multiple|countless) (?:phone )?calls", 2.5),
        (r"(?:had|have|having) to (?:keep )?(?:chas\w+|phone|call|ring|chase)", 2.5),
        (r"(?:poor|bad|no|lack of|terrible|zero|awful) communication", 3),
        (
            r"(?:communication|comms)\s+(?:is|was|has been|were)\s+(?:\w+\s+)?"
            r"(?:poor|bad|abysmal|terrible|awful|non-existent|shocking|appalling|"
            r"lacking|rubbish|lacking)",
            3,
        ),
        (rf"(?:{NOT}|no)\s+(?:\w+\s+){{0,2}}communicat\w*", 2.5),
        (r"without (?:telling|informing|notifying|letting|warning) (?:me|us)", 2.5),
        (r"with ?out (?:any )?(?:warning|notice)", 2.5),
        (r"no (?:notice|warning)|(?:had|got|received) no (?:call|reply|contact)", 2.5),
        (
            r"(?:nobody|no one|no-one)\s+(?:\w+\s+)?(?:calls?|called|rings?|rang|"
            r"contacts?|contacted|updates?|updated|tells?|told|knows?|knew|"
            r"has a clue|seems to know|gets? back|came back|bothered)",
            3,
        ),
        (
            rf"{NOT}\s+(?:\w+\s+)?(?:speak|talk|get through)\s+to\s+(?:anyone|"
            r"anybody|someone|a (?:human|person|real person))",
            3,
        ),
        (
            r"put through to (?:\d+|several|many|different|various)|"
            r"(?:\d+|several|many|multiple|different) departments",
            3,
        ),
        (
            r"hours? (?:of|on) (?:the )?(?:phone|calls?|hold)|spent (?:\w+ ){0,3}"
            r"on the phone|(?:\d+(?:\.\d+)?\s?h(?:ours?|rs?)?|an hour) on the phone",
            3,
        ),
        (r"sales ?(?:person|people|staff|team|advis[oe]r|rep)s?", 1.5),
        (rf"{NOT} (?:kept )?(?:informed|updated)|kept in the dark", 2.5),
        (
            r"misinform\w*|misadvis\w*|(?:conflicting|wrong|incorrect|inaccurate) "
            r"(?:information|info|advice)",
            3,
        ),
        (r"(?:told|given) (?:different|conflicting|wrong|incorrect) \w+", 3),
        (
            r"(?:agent|advis[oe]r|rep|representative|operator|supervisor|"
            r"(?<!account\s)manager|flight attendant|gate agent|cabin crew|"
            r"call handler)s?",
            1.5,
        ),
        (r"help ?desk|chat ?bot|live chat|support tickets?|escalat\w+", 1.5),
        (r"complain(?:ed|ts?|ing)?", 1.5),
        (r"(?:long|huge|massive|ridiculous) (?:lines?|queues?)", 3),
        (
            r"(?:support|they|agents?|staff|you|nobody|company|customer service|"
            r"help ?desk|advis[oe]rs?|the team) (?:\w+ ){0,2}?(?:did|does|do|have "
            r"done|has done) (?:absolutely |literally )?nothing",
            3,
        ),
        (
            r"repeat(?:ing)? (?:myself|my story|the same (?:thing|story|details))|"
            r"explain(?:ing|ed)? (?:\w+ ){0,3}?(?:again|all over again|every "
            r"(?:single )?time|each time|over and over|to (?:each|every|another))",
            3,
        ),
        (
            rf"{NOT}\s+(?:very\s+|that\s+|so\s+|at all\s+|particularly\s+|"
            r"really\s+|much\s+|of any\s+)?(?:help|helpful)|unhelpful",
            3,
        ),
        (r"(?:no|little|zero|not much) (?:help|assistance)", 3),
        (r"(?:couldn't|could not|can't|cannot|unable to|won't) help", 3),
        (r"(?:couldn't|could not|can't|cannot) get (?:through|hold of)", 3),
        (r"impossible to (?:get through|reach|contact|speak)", 3),
        (
            r"auto ?respon\w+|(?:canned|generic|robotic|scripted|template|stock|"
            r"form) (?:response|reply|answer|letter|email)s?|less than helpful|"
            r"lack of (?:customer|cust\.?) ?(?:service|support|care)",
            3,
        ),
        (
            r"(?:emailed|called|phoned|rang|contacted|wrote|messaged|complained)\s+"
            r"(?:\w+\s+){0,4}?(?:and|but)\s+(?:still\s+)?(?:nothing|no (?:reply|"
            r"response|answer|word))|holding (?:for )?\d+\+? ?(?:min|mins|minutes|"
            r"hours?|hrs?)|no one (?:at|on|behind|manning) the (?:counter|desk|phone|"
            r"gate|helpline)",
            3,
        ),
        (
            r"(?:couldn't|could not|can't|cannot|unable to) (?:\w+ )?get (?:a ?hold "
            r"of|anyone|someone|somebody|a person|an agent|a human)",
            3,
        ),
        (r"(?:speak|talk) (?:with|to) (?:someone|a person|an agent|a manager)", 2),
        (r"~attitude", 1.5),
    ),
    "relationship": (
        (r"account manager|(?:customer )?success manager|(?:my|our) (?:rep|csm)", 3),
        (r"(?:nobody|no one|no-one) (?:ever )?listens|(?:don't|doesn't) listen", 3),
        (r"(?:never|not) listen(?:ing|ed)?", 2),
        (r"(?:broken|empty|false|non|hollow) promises?|promises? (?:\w+ )?broken", 3),
        (
            rf"(?:{NOT}|fail\w* to|unable to)\s+(?:deliver on|keep|honou?r|stick to)"
            r"\s+(?:\w+\s+){0,4}promises?",
            3,
        ),
        (r"lied|lying|liars?|lies|dishonest\w*|misled|miss? ?leading", 3),
        (r"miss? ?sold|mis-sold|miss-sold", 3),
        (
            r"(?:never|don't|do not|didn't|did not|haven't|have not) (?:\w+ ){0,3}?"
            r"(?:you|they) (?:say|said|promised?|committed)|"
            r"(?:said|promised) (?:you|they) would",
            2.5,
        ),
        (r"~trust(?:ed|worthy)?|(?:lost|lose) (?:my |all )?(?:faith|confidence)", 2.5),
        (
            r"(?:don't|doesn't|do not|does not|didn't|never)\s+(?:seem to\s+)?"
            r"(?:care|value)\s+(?:about\s+|for\s+)?(?:us|me|your customers|customers)",
            3,
        ),
        (
            r"(?:loyal|long[- ]standing|long[- ]term|existing|valued)\s+"
            r"(?:customers?|clients?)",
            2,
        ),
        (
            r"(?:\d+|many|several|ten|twenty) years? (?:as a customer|with (?:you|us))",
            2,
        ),
        (
            r"treated (?:like|as) (?:a number|dirt|rubbish|an idiot)|taken for granted",
            3,
        ),
        (r"(?:feel|felt) (?:ignored|unvalued|undervalued|unappreciated|let down)", 2.5),
        (r"not (?:a |the )?(?:good |great |right )?fit", 3),
        (r"wrong (?:product|tool|solution|choice)", 2.5),
        (r"(?:false|misleading) advertising|advertising (?:is|was) false", 3),
        (r"new customers (?:get|are|pay)", 2.5),
        (
            r"forced (?:into|to use)|no (?:other )?(?:choice|option|alternative)s?"
            r"(?! to\b| for\b)",
            2,
        ),
        (rf"fail\w* to honou?r|{NOT} (?:been )?honou?red", 3),
        (r"outgr[eo]wn|(?:doesn't|does not|don't) (?:meet|suit) (?:our|my) needs", 3),
    ),
}
