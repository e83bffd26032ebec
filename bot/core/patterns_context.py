"""Phrases about the context of a problem, as data: who and what is affected, which system,
what kind of message it is, and what the client already did.

Like :mod:`bot.core.patterns`, written against normalized text.
"""

from __future__ import annotations

import re

from bot.core.patterns import MOD, any_of

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "a dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2, "both": 2,
}
_NUM = r"\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
PEOPLE = (
    r"(?:users|people|radiologists|doctors|physicians|technologists|staff|clinicians|readers|residents|nurses|"
    r"providers|surgeons|docs|fellows|attendings|members|employees|referring physicians|cardiologists|"
    r"sonographers|coworkers|colleagues|imagers|breast imagers|mammographers|neuroradiologists|teleradiologists|"
    r"reading physicians|interpreting physicians)"
)
DEPT = (
    r"(?:radiology|imaging(?! cent)|ed|emergency department|emergency room|icu|operating room|cardiology|oncology|orthopedics|"
    r"surgery|reading rooms?|mammography|ultrasound|nuclear medicine|nursing|the floor|the unit|neuro\w*|pediatrics|"
    r"urgent care|the lab|interventional|ir|night shift|day shift|department|team)"
)
SITE_NOUN = (
    r"(?:hospitals?|sites?|facilit(?:y|ies)|building|organi[sz]ation|enterprise|clinics?|campus(?:es)?|health system|"
    r"practice|centers?|imaging centers?|locations?|offices?)"
)

# -- scope -----------------------------------------------------------------------------------
SCOPE_SITE = any_of(
    r"\b(?:and|&) everyone else\b|\b(?:won't|doesn't|isn't) let(?:ting)? (?:anyone|anybody)\b",
    rf"\b(?:everyone|nobody|all users|any user|every (?:single )?user|for anyone|for anybody|all (?:of )?(?:our|the) {PEOPLE}|"
    rf"none of (?:us|our users|the users))\b(?! else)(?! (?:in|on|at) (?:the |our )?{DEPT}\b)"
    r"(?! (?:told|informed|said|mentioned|warned|knows|knew|notified|called|answered|responded|picks|picked|seems to know))",
    rf"\b(?:the )?(?:whole|entire) (?:\w+ ){{0,2}}?{SITE_NOUN}\b",
    r"\b(?:hospital|site|facility|enterprise|organi[sz]ation|system|campus|building|company|clinic)[- ]wide\b",
    rf"\bacross (?:the|all|our|both|all of our) (?:\w+ )?{SITE_NOUN}\b",
    r"\b(?:all|every|any|none of the|none of our) (?!other )(?:\w+ )?(?:workstations?|computers?|pcs?|reading rooms?|viewers)\b",
    r"\ball (?:of )?(?:our |the )?reading rooms\b",
    rf"\b(?:anyone|anybody)(?: else)? (?:in|at|across) (?:the |our |this )?(?:[\w'.-]+ ){{0,2}}?{SITE_NOUN}\b",
    rf"\b(?:at|across|on|from) (?:any|every|all|each) (?:of (?:our|the) )?{SITE_NOUN}\b",
    r"\ball of (?!us\b|them\b|the \w+s\b|our \w+s\b)(?:[\w'.-]+ ){1,3}?(?:is |are )?(?:affected|impacted|down|out)\b",
)
# "It won't open for me on any computer": one person who tried several machines.
PERSONAL_ANY = re.compile(r"\b(?:for|to) (?:me|her|him)\b|^(?:\w+ )?(?:i|she|he) (?:can't|couldn't|am unable|is unable)\b")
SCOPE_DEPT = any_of(
    rf"\b(?:everyone|nobody|anyone|anybody|all users|none of the {PEOPLE}) (?:in|on|at) (?:the |our )?{DEPT}\b",
    rf"\b(?:the )?(?:whole|entire|all of) (?:the )?{DEPT}\b",
    r"\b(?:all|most|half) (?:of )?(?:the |our )?(?:\w+ )?(?:radiologists|technologists|doctors|physicians|residents|nurses|readers|clinicians)\b",
)
SCOPE_GROUP = any_of(
    rf"\b(?P<n>{_NUM}|dozens of|several|multiple|many|a few|few|some|a number of|a bunch of|a handful of|a lot of|"
    rf"lots of|numerous|various) (?:of )?(?:our |the |my )?(?:\w+ )?{PEOPLE}\b",
    r"\b(?:our|the) (?:\w+ )?(?:radiologists|technologists|doctors|physicians|residents|nurses|readers|clinicians|users)\b",
    r"\b(?:several|multiple|many|a few|some|various|all|both|half|most|(?:\d+|two|three|four|five)) (?:of )?(?:our |the )?(?:\w+ )?"
    r"(?:workstations|reading rooms|reading stations|stations|pcs|computers|modalities|scanners|machines|units|devices|users)\b",
    rf"\bnone of (?:our|the) (?:\w+ )?{PEOPLE}\b",
    r"\b(?:not|isn't|aren't|wasn't) (?:just|only) (?:me|one)\b|\bmore than one (?:user|person|workstation)\b",
    rf"^(?:the |our |all )?(?:\w+ )?{PEOPLE}\b(?! (?:is|are) (?:fine|ok|okay|unaffected))",
    r"\b(?:both|all|several|multiple) (?:of (?:our|the) )?(?:\w+ )?reading rooms\b",
    r"\b(?:every|each) (?:single )?(?:\w+ )?(?:radiologist|rad|tech|technologist|doctor|physician|nurse|imager|reader|clinician|"
    r"resident|sonographer|teleradiologist|neuroradiologist)\b",
    rf"\ball (?:of )?(?:the |our )(?:\w+ )?{PEOPLE}\b",
)
SCOPE_ONE = any_of(
    r"\b(?:just me|only me|only i|only my|it is just me|only (?:affects|happening to|happens to|for) me|single user)\b",
    r"\b(?:open|load|work|launch|start)s? for me\b(?!,? (?:and|or|&|too|as well|also)\b)",
    r"\b(?:only )?one (?:user|person|radiologist|doctor|physician|technologist|clinician|reader|resident|nurse|surgeon)\b",
    r"\ba single (?:user|person|radiologist|doctor|physician|technologist)\b",
    rf"\bone of (?:our|the|my) {PEOPLE}\b",
    r"\b(?:our|the|a|an|my) (?:only |on-call |overnight |night |weekend |covering |ed |er |reading |)(?:radiologist|doctor|"
    r"physician|technologist|resident|nurse|surgeon|clinician|reader|user|fellow|attending|cardiologist|sonographer)\b"
    r"(?!s|'s (?:\w+ )?(?:account|workstation))",
    r"\b(?:my|her|his) (?:own )?(?:workstation|computer|pc|laptop|desktop|machine|account|login|profile|password|"
    r"credentials|home workstation|user)\b",
    r"\bdr\.? [a-z]+(?:'s)? (?:can't|is unable|isn't able|keeps|gets|is getting|has|workstation|laptop|account|pc|computer)\b",
    r"(?<!and )(?<!& )\b(?:everyone|other users|all other users) else\b(?! (?:\w+ ){0,4}?(?:can't|unable|isn't able|won't|is down|are down))"
    r"|\beveryone else (?:is|can(?!')|seems|has)\b|\bother users (?:are|can(?!')|seem)\b",
)
NARROWER = any_of(
    rf"\b(?:rest of the|everyone else|other|all other|the other) (?!(?:network|internet|systems?|emr|epic|applications?|apps|servers?)\b)(?:\w+ )?(?:{PEOPLE}|{SITE_NOUN}|{DEPT}|departments|floors|"
    r"workstations|users)?\s*(?:is|are|can|seem|seems|look|looks)? (?:still )?(?:fine|ok|okay|working|unaffected|"
    r"not affected|good|normal)\b",
    rf"\b(?:{DEPT}|{SITE_NOUN}|other \w+) (?:is|are|seems?|looks?) (?:still )?(?:fine|ok|okay|working (?:fine|normally|ok)|unaffected|normal)\b",
    rf"\b(?:on-?site |local |in-house )(?:{DEPT}|workstations?|viewers?|pcs?) (?:still )?works?\b",
    r"\b(?:not|isn't|aren't|wasn't) (?:the )?(?:whole|entire|all|every|everyone|everybody|hospital[- ]wide|site[- ]wide)\b",
    r"\b(?:rest of|everywhere else|elsewhere|everything else|all else)\b(?! (?:the |our )?(?:network|internet|systems?|emr|epic|"
    r"applications?|apps|servers?)\b)(?: \w+){0,4} (?:fine|ok|okay|working|unaffected|normal)\b",
    rf"\((?:but |although |though )?(?:{DEPT}|{SITE_NOUN}|everyone else|others|the others) (?:still )?can(?!')(?: still)?(?: \w+){{0,3}}\)",
)
SITES_COUNT = any_of(
    rf"\b(?P<n>both|{_NUM}|several|multiple|all (?:of )?(?:our )?(?:{_NUM})?) (?:of (?:our|the) )?(?:\w+ )?"
    rf"(?:hospitals|sites|clinics|locations|facilities|campuses|offices|imaging centers|centers)\b",
)
SITES_EITHER = re.compile(
    r"\b(?:either|each|both) (?:of (?:our|the) )?(?:\w+ )?(?:hospital|site|clinic|campus|location|facility|office)s?\b"
)
SITE_ONE = any_of(
    r"\b(?:at|in|for) (?:the |our )?(?:\w+ ){0,2}?(?:hospital|site|clinic|campus|imaging center|center|location|office|facility)\b",
    r"\b(?:the )?(?:whole|entire) (?:\w+ )?(?:hospital|site|facility|clinic|campus|imaging center|practice|building)\b",
)

# -- confined to one device / interface -------------------------------------------------------
DEVICE_ONE = any_of(
    r"\b(?:workstation|pc|computer|station|terminal|machine|laptop|desktop|monitor|screen|display|printer)\s?#?(?:[a-z]{1,4}-?)?\d+\b",
    r"\b(?:one|a single|single|this|that|my|her|his|the|a)\s+(?:[\w']+\s+){0,3}?(?:workstation|pc|computer|laptop|"
    r"desktop|machine|monitor|printer|cd burner|burner|robot|reading station|station|terminal|keyboard|mouse|"
    r"microphone|speechmike)\b(?! (?:and|or) )",
    r"\b(?:one|a single|single|my|her|his|left|right|second|third|this|that)\s+(?:\w+\s+)?(?:screen|display)\b",
    r"\b(?:room|bay|suite|office|station)\s?#?\d+\s+(?:workstation|pc|computer|monitor)\b",
    r"\bone of (?:the|our|my|his|her) (?:\w+ )?(?:workstations|monitors|pcs|computers|screens|printers|scanners|"
    r"machines|displays|modalities|interfaces)\b",
    r"\bonly (?:on|in|from|at|with) (?:one|this|that|my|her|his|a single|the) \w+",
    r"\b(?:other|all other|the other) (?:workstations|pcs|computers|machines|monitors|screens|scanners|modalities) "
    r"(?:are|is|seem|work)\b",
)
MODALITY_ONE = any_of(
    rf"\b(?:the |our |one |a |that |this )?{MOD}(?: ?#?\d+| scanner| machine| unit| console| room(?: \d+)?| suite)?\b"
    rf"(?: (?!(?:{PEOPLE}|technologists|techs|at|in|on|from|for)\b)\w+){{0,3}}? (?:can't|won't|isn't|aren't|not|unable to|fail\w* to|failing|stopped|keeps|doesn't|didn't)"
    r" (?:\w+ )?(?:send|sending|push|pushing|transmit\w*|transfer\w*|connect\w*|talk\w*|query\w*|getting|pull\w*|"
    r"receiv\w*|archiv\w*|stor\w*|reach\w*|populat\w*|get the worklist|see the worklist|show\w* the worklist)\b",
    rf"\b(?:the |our |one |a )?{MOD}(?: ?#?\d+| scanner| machine| unit| console)? (?:is |went |keeps going )?(?:down|offline|dead|broken|not working)\b",
    rf"\bfrom (?:the )?{MOD}(?: ?#?\d+| scanner| machine| unit)?\b(?: \w+){{0,3}}? (?:aren't|isn't|not|never|won't|"
    r"haven't|didn't|stopped) (?:\w+ )?(?:arriv|com|show|cross|reach|mak|get|land|archiv)\w*",
    rf"\b{MOD}(?: (?:cart|unit|room|scanner|machine|magnet|suite|system))? ?#?\d+\b|\b{MOD}'s (?:worklist|modality worklist|queue)\b",
    rf"\b(?:worklist|modality worklist|queue) (?:on|for|at|of) (?:the|our|that|this|one) {MOD}\b(?!s\b| (?:machines|scanners|units|rooms)\b)",
    rf"\b(?:the|our|one|a|that|this) {MOD}(?: ?#?\d+| scanner| machine| unit| reader| camera| room(?: \d+)?)?\b"
    r"(?: [\w']+){0,6}? and it (?:is |keeps )?(?:can't|won't|isn't|not|unable|fail\w*|stopped|keeps|doesn't)",
    rf"\b(?<!all )(?<!any )(?<!every )(?:the |our |one |a )?{MOD}(?: ?\d+)? (?:images|studies|exams|scans) (?:\w+ ){{0,2}}?(?:aren't|isn't|not|never|"
    r"haven't|didn't|stopped) (?:\w+ )?(?:arriv|com|show|cross|reach|mak|get|land|archiv)\w*",
)
INTERFACE_ONE = any_of(
    r"\b(?:the |one |our |an? )?(?:hl7|orm|oru|adt|ris|emr|epic|cerner|meditech|results|orders?|reports?|billing|"
    r"dictation|voice recognition|powerscribe|inbound|outbound|mirth|cloverleaf|rhapsody)(?: \w+){0,2} "
    r"(?:interface|feed|channel|link)\b",
    r"\b(?:one|an|the|this) interface\b",
)
NOT_CONFINED = any_of(
    r"\b(?:all|every|any|each|none of (?:the|our)|multiple|several|many|various|different|most|all of (?:the|our)|"
    r"both|a few|a couple of|numerous) (?!other\b)(?:(?!on\b|in\b|at\b|from\b)\w+ ){0,2}?(?:workstations|workstation|pcs|pc|computers|computer|machines|"
    r"monitors|modalities|modality|scanners|scanner|devices|rooms|reading rooms|interfaces|viewers)\b",
    r"\bnot (?:just|only) (?:on )?(?:one|this|my|the)\b|\beverywhere\b|\bon every\b",
    rf"\b{MOD} ?#?\d+(?:,? (?:and|&) (?:the )?{MOD} ?#?\d+)+",
    r"\b(?:other|all) (?:workstations|pcs|computers|machines) (?:too|also|as well|have the same|same)\b",
    r"\bsame (?:thing )?(?:on|from|at) (?:every|all|other|any|another)\b",
)

# -- critical components ------------------------------------------------------------------------
COMPONENT = re.compile(
    r"\b(?:archive nodes?|storage nodes?|cluster nodes?|nodes?(?: \d+| [a-d])?|archive servers?|application servers?|"
    r"app servers?|image servers?|database servers?|database|sql servers?|pacs servers?|dicom routers?|router|"
    r"routing (?:server|service|engine)|primary storage|storage arrays?|storage|san|nas|raid(?: array| \d+)?|"
    r"disk arrays?|arrays?|vna|archive|load balancer|cluster|controllers?|(?:hard )?(?:drives?|disks?)|power supply|psu)\b"
)
COMPONENT_PART = re.compile(r"^(?:node|nodes|controllers?|(?:hard )?(?:drives?|disks?)|power supply|psu|arrays?)")
HOST_CONTEXT = re.compile(r"\b(?:server|archive|storage|array|raid|san|nas|cluster|vna|data ?center|node)\b")
DESKTOP_CONTEXT = re.compile(r"\b(?:workstation|pc|laptop|computer|desktop|my|monitor)\b")
COMPONENT_FAULT = re.compile(
    r"\b(?:failed|failing|failure|faults?|faulted|faulting|down|offline|crashed|died|dead|degraded|rebuilding|out of space|full|"
    r"not responding|unresponsive|stopped|errors?|alarms?|alerts?|red light|amber light|predictive failure|"
    r"went down|lost|not working|isn't working|corrupt\w*|unavailable|crash\w*|blue ?screen\w*|"
    r"(?:won't|will not|doesn't|does not|can't|isn't|is not) (?:start|boot|come up|come back|restart|power on|turn on)|"
    r"(?:isn't|aren't|is not|are not|not) (?:forwarding|routing|sending|accepting|storing|responding|running|starting|processing)|stopped \w+ing)\b"
)
REDUNDANCY = any_of(
    r"\b(?:fail(?:ed)? ?over|failover|redundan\w*|still (?:up|running|working|serving|available)|degraded)\b",
    r"\b(?:secondary|backup|standby|other|second|remaining|surviving|partner) (?:node|server|controller|array|site)s? "
    r"(?:took|is|are|has|have|picked|carrying|handling)\b",
    r"\bone of (?:the|our|two|three|four|\w+) (?:\w+ ){0,2}?(?:nodes|servers|controllers|disks|drives|power supplies|routers)\b",
    r"\b(?:node|server|controller|array|site|primary|secondary)(?: \w{1,2})? (?:is |are )?(?:still )?(?:carrying|handling|serving|"
    r"taking|picking up) (?:the |all |everything|it|the load)",
    r"\b(?:running|working|operating) on (?:the )?(?:one|other|second|remaining|single|redundant|backup) (?:\w+ )?"
    r"(?:node|server|controller|array|disk|drive|power supply|router)s?\b|\b(?:controller|node|server) \w{1,2} only\b",
    r"\bload balancer (?:is )?(?:sending|routing|moving|pointing)\b",
    r"\b(?:no (?:user|clinical) impact|users (?:don't|haven't|didn't) (?:notice|see)|nobody (?:has )?noticed)\b",
    r"\b(?:running|limping along|limping|working|operating|up|surviving) (?:on|off|from) (?:the |our )?(?:replica|standby|secondary|"
    r"backup|mirror|dr (?:site|copy|server)|other node|second node|other server|second server)\b",
)

# -- test systems -----------------------------------------------------------------------------
TEST_SYSTEM = any_of(
    r"\b(?:test|testing|training|dev|development|staging|uat|qa|sandbox|non-?production|nonprod|validation|demo)\s+"
    r"(?:pacs\s+|environment\s+)?(?:server|system|environment|instance|pacs|box|vm|site|domain|database|archive|"
    r"viewer|env|region|build|copy|node)s?\b",
    r"\bpacs (?:test|training|dev|uat|qa) (?:server|system|environment|instance)\b",
)
PRODUCTION = re.compile(r"\b(?:production|prod|live) (?:pacs|system|server|environment|instance)\b|\bin production\b")

# -- kind of message --------------------------------------------------------------------------
QUESTION = any_of(
    r"^\W*(?:(?:hi|hello|hey|good (?:morning|afternoon|evening)|team|all)\W+)?(?:quick question|question|how (?:do|can|"
    r"would|should|does|to|long|many|much|often)|is (?:there|it possible)|are (?:there|we able)|can (?:i|we|you tell|"
    r"you explain)|could (?:you tell|you explain|i|we)|where (?:do|can|is|are)|what (?:is|are|does|do|would|should|"
    r"happens|was)|which|who (?:do|should|can)|when (?:is|will|does|do|should)|does|do (?:you|we|i)|i was wondering|"
    r"wondering|i would like to know|just curious|curious|faq)\b",
    r"\b(?:just wondering|i was wondering|wondering (?:if|whether)|just curious|any idea (?:why|what|how)|quick q)\b",
    r"\b(?:how do i|how can i|how to|is there a way|is it possible|where can i find|can you explain|documentation "
    r"(?:on|for|about)|user guide|manual for)\b",
    r"\bwho (?:exactly |else )?(?:do|should|would|can) (?:we|i) (?:call|contact|reach|email|page|escalate to)\b",
    r"^\W*(?:hw|how) (?:do|can|would) (?:i|we|u|you)\b|^\W*will (?:the|it|we|our|this|there|pacs|you)\b",
)
REQUEST = any_of(
    r"\b(?:please|can you|could you|would you|kindly|we need you to|i need you to|we would like|i would like|"
    r"would like (?:a|an|to|the|our|us)|requesting|request(?:ing)? (?:a|an|to|that)|need (?:a|an|to have|to)|we need|i need|needs?|can we|could we|"
    r"we want to|we'd like to|we would like to|asked (?:if|whether))\b[^.?!]{0,60}?\b(?:add|added|changed|updated|modified|removed|"
    r"adjusted|switched|set to|"
    r"create|set ?up|configure|configured|change|update|modify|remove|delete|disable|enable|install|move|rename|merge|"
    r"unmerge|reset|unlock|grant|give|provide|schedule|extend|increase|decrease|adjust|build|make|export|import|"
    r"new|access|account|quote|training|send|share|forward|get|decommission|retire|onboard)\b",
    r"\b(?:feature request|enhancement|new feature|suggestion|would be (?:nice|great|helpful|good|useful|ideal)|wish ?list|"
    r"nice to have|we'd love|we would love)\b|\b(?:it )?would be \w+ (?:for us )?to have\b",
)
FUTURE = re.compile(
    r"\b(?:next (?:week|month|year|monday|tuesday|wednesday|thursday|friday|quarter)|go-?live|going live|upcoming|"
    r"planned|planning|scheduled for|starts? (?:on|next|monday|tuesday|wednesday|thursday|friday)|in (?:january|"
    r"february|march|april|may|june|july|august|september|october|november|december))\b"
)

# -- PACS administrator, what was tried, recent changes ----------------------------------------
IS_ADMIN = any_of(
    r"\b(?:i am|this is|as) (?:the |a |one of the |our |their )?(?:\w+ )?(?:pacs|imaging informatics|radiology "
    r"informatics|imaging it|radiology it) (?:admin|administrator|manager|analyst|lead|coordinator|engineer|"
    r"specialist|team)s?\b",
    r"\bpacs (?:admin|administrator) here\b|\b(?:i|we) (?:administer|manage|run|support) (?:the |our )?pacs\b",
)
NOT_ADMIN = re.compile(r"\bi am not (?:the |a |an )?(?:pacs )?(?:admin|administrator)\b|\bi am just a\b")
_ADMIN = r"(?:(?:our |the |my |local |site )?pacs (?:admin|administrator|manager|team|analyst|support|lead|person|guy|coordinator)s?|imaging it|radiology it)"
ADMIN_CONTACTED = any_of(
    rf"\b(?:contacted|called|paged|emailed|messaged|texted|notified|informed|told|spoke (?:to|with)|talked (?:to|with)|"
    rf"reached out to|escalated to|looped in|involved|checked with|asked) (?:our |the |my )?{_ADMIN}",
    rf"{_ADMIN} (?:\w+ ){{0,3}}?(?:already |has |have |is |are |was )*(?:looked|checked|aware|knows|involved|notified|"
    r"contacted|informed|restarted|rebooted|tried|said|says|working|investigating|on it|looking|confirmed|verified|"
    r"cleared|sent|escalated|recommended|suggested|asked|told|helped|came|called)\b",
)
ADMIN_NOT_CONTACTED = any_of(
    r"\b(?:haven't|didn't|not yet|couldn't|can't|unable to|wasn't able to|not able to) (?:yet )?(?:contacted|contact|"
    r"called|call|reach|reached|get hold of|get a hold of|find|paged|page|emailed|email|spoken to|spoke to|talked to|"
    r"talk to|notified|notify|informed) (?:\w+ )?(?:anyone|anybody|our|the|my|pacs)\b",
    r"\b(?:pacs (?:admin|administrator)|admin) (?:is |was )?(?:out|off|away|on vacation|on leave|on pto|unavailable|"
    r"not available|not answering|not responding|sick|gone for the day)\b",
    r"\b(?:we )?don't have (?:a |an )?(?:pacs )?(?:admin|administrator)\b|\bno (?:pacs )?(?:admin|administrator)\b",
)
TRIED = re.compile(
    r"\b(?P<act>restarted|rebooted|re-?started|re-?booted|power[- ]?cycled|cycled|cleared|flushed|re-?installed|"
    r"resent|repushed|pushed (?:it |them )?again|sent (?:it |them )?again|retried|logged (?:out|off) and (?:back )?"
    r"(?:in|on)|re-?logged|rolled back|reverted|pinged|replaced|swapped|reseated|unplugged|re-?registered|"
    r"reconfigured|re-?mapped|re-?indexed|killed|bounced|recycled|checked (?:the |our |all )?(?:network|cables?|"
    r"connection|services?|logs?|ae titles?|firewall|ports?|settings|config\w*|disk|storage|dns|ip)|tried (?:a |"
    r"another |other |different |the )?(?:workstations?|pcs?|computers?|browsers?|users?|logins?|accounts?)|"
    r"tried (?:restarting|rebooting|clearing|re-?sending|resending|logging|reinstalling|power cycling|pinging|"
    r"reconnecting|updating))(?P<obj>(?: (?!and\b|but\b|then\b|with\b|which\b|to\b|no\b|still\b|didn't\b|"
    r"nothing\b|it didn't\b|without\b|because\b|so\b|already\b)[\w/'-]+){0,5})"
)
TRIED_NOTHING = re.compile(
    r"\b(?:haven't|didn't|not) (?:yet )?(?:tried|done|attempted) (?:anything|much|a thing)\b|\bnothing (?:tried )?yet\b|"
    r"\bnot tried anything\b|\bno troubleshooting\b|\bnothing (?:has been|was) (?:tried|done)\b"
)
TRIED_BLOCK = re.compile(
    r"\b(?:not|never|before|without|should|could|can|will|going to|want to|need to|please|haven't|didn't|to|was|were|been|got|being|is|are)\s+(?:\w+\s+)?$"
)
CHANGE = any_of(
    r"\b(?:after|since|following|with|from) (?:the |our |a |an |last night's |yesterday's |this morning's |the weekend's |"
    r"friday's |monday's |last week's |the recent |a recent |today's |this week's |tonight's |last )?(?:\w+ ){0,2}?"
    r"(?:upgrade|update|updates|patch|patches|patching|migration|install|installation|cutover|cut-over|go-?live|"
    r"maintenance|change|changes|move|deployment|rollout|reconfiguration|replacement|power outage|windows updates?|"
    r"firmware update|server move|domain change|switch replacement|network change)\b",
    r"\b(?:new|changed|updated|replaced|upgraded|installed|migrated|moved|reconfigured|renamed|added|removed|renewed) "
    r"(?:the |a |our |an )?(?:\w+ ){0,2}?(?:firewall(?: rules?)?|switch(?:es)?|router|servers?|certificates?|ip(?: "
    r"address)?|ae titles?|dns|vlan|antivirus|group policy|gpo|domain|network|proxy|ssl|tls|password policy|windows|"
    r"java|browser|chrome|edge|driver|video driver|firmware|storage|san|vpn)\b",
    r"\b(?:it department|we|they|our it|network team|someone|the vendor|vendor) (?:\w+ ){0,2}?(?:pushed|installed|"
    r"changed|updated|upgraded|replaced|moved|migrated|patched|reconfigured|rolled out|deployed)\b(?: [\w'-]+){0,5}",
    r"\b(?:windows updates?|firewall (?:rule|change)s?|network (?:change|maintenance)|ip change)\b",
)
NO_CHANGE = any_of(
    r"\bno (?:recent )?changes? (?:were |have been |has been )?(?:made|on our (?:side|end)|to (?:the|our))\b",
    r"\bno recent (?:changes?|updates|upgrades)\b|\bnothing (?:new )?(?:has )?changed (?:on our|recently|that i know|lately)\b",
    r"\b(?:haven't|didn't) (?:changed?|updated?|installed?) anything\b|\bnothing new (?:was )?(?:installed|changed)\b",
    r"^\W*(?:nothing (?:has )?changed|no changes?)\W*$",
)
RESOLVED = re.compile(
    r"\b(?:everything|it|pacs|all|things|system) (?:is|are|seems?) (?:fine|working|back|ok|okay|up|fixed|resolved|sorted)(?: (?!for\b)\w+)? (?:now|again)\b|"
    r"\ball good (?:now|again)\b|\ball (?:fine|ok|okay|working|normal|back to normal) (?:now|again)\b|\bcame back (?:up )?(?:on its own|by itself)\b|"
    r"\b(?:everything|it|all|things) (?:has |have )?caught up\b|\bnothing is (?:broken|down|wrong) (?:right )?now\b|"
    r"\bclos(?:e|ing) the loop\b|\bjust documenting\b|\bnever ?mind\b|"
    r"\b(?:it|everything|pacs|things|the \w+)(?: is| has)? been (?:fine|ok|okay|working|good|normal|stable)(?: ever)? since\b|"
    r"\bback (?:up )?(?:and running|to normal)\b|\bresolved (?:itself|on its own)\b|\bno (?:further )?action (?:is )?needed\b|"
    r"\b(?:is|was|has been) (?:now )?resolved\b|\bworking (?:fine )?again\b|\bjust (?:fyi|log it|for your records)\b|"
    r"\broot cause\b|\brca\b"
)
PRESENT_FAULT = re.compile(r"\b(?:is|are|can't|won't|isn't|aren't|keeps?|still|doesn't|don't|am|now)\b")
NO_CHANGE_BARE = re.compile(r"\bnothing (?:has )?changed\b")
