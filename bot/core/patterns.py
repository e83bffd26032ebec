"""The phrases extraction looks for, as data: regular expressions over normalized text.

Written against :func:`bot.core.textnorm.normalize` output (lower case, "can't" for every
spelling of cannot, abbreviations expanded). Each name is a concept; ``extract`` decides
what a match means after checking negation and hypotheticals around it.
"""

from __future__ import annotations

import re


def any_of(*parts: str) -> re.Pattern[str]:
    """One pattern matching any of ``parts``."""
    return re.compile("|".join(parts))


# -- building blocks -----------------------------------------------------------------------
NEG_WORDS = re.compile(
    r"\b(?:no|not|never|without|none|neither|nor|isn't|aren't|wasn't|weren't|don't|doesn't|didn't|"
    r"haven't|hasn't|hadn't|won't|wouldn't|shouldn't|nothing)\b"
)
HYPOTHETICAL = any_of(
    r"\b(?:if|what if|in case|in the event|suppose|supposing|imagine|hypothetical\w*|god forbid|next time|"
    r"in the future|worried|afraid|concerned|scenario|drill|might|whether|potential(?:ly)?|ever)\b",
    r"\bcould (?:potentially|possibly|affect|impact|cause|become|be|lead|delay|put|happen)\b",
    r"\bwould (?:affect|impact|be|cause|put|have|mean|delay|lead|become|happen|we)\b",
    r"\bmay (?:affect|impact|cause|be|become|delay)\b",
)
CANT = (
    r"(?:can't|couldn't|unable to|not able to|isn't able to|aren't able to|wasn't able to|won't|fail(?:s|ed|ing)? to|"
    r"no way to|(?:haven't|hasn't|have not|has not) been able to|can no longer|no longer able to)"
)
IMG = r"(?:images?|stud(?:y|ies)|exams?|scans?|cases?|pictures?|films?|xrays?|series|imaging|anything|priors?|currents?)"
MOD = (
    r"(?:ct|cat scan|mri|ultrasound|xray|cr|dr|dx|mammography|tomo\w*|nuclear medicine|pet(?: ?ct)?|spect|"
    r"fluoro\w*|c-?arm|cath lab|dexa|echo|angio\w*|scanner|modality|portable|panorex|cone beam|cbct)"
)
PARTIAL_DET = re.compile(
    r"\b(?:some|certain|a few|few|older|old|one|this|that|these|those|specific|particular|a|an|his|her|"
    rf"prior|priors|individual|random|occasional|odd|new|recent|several|{MOD})\s+(?:\w+\s+)?$"
)

IMG_FIRST = re.compile(rf"{IMG}\b")
TIME_BEFORE = re.compile(r"\b(?:this|that|since|every|each|last|one) (?:morning|afternoon|evening|night|week|weekend|day|time)\s+$")

# -- outage ----------------------------------------------------------------------------------
SYS_DOWN = any_of(
    r"\b(?P<subj>pacs(?: server| system| application| archive| servers)?|system|server|servers|network|internet|"
    r"archive|vna|data ?center|database|everything|whole pacs|vpn)"
    r"(?:\s+(?:is|are|was|were|has|have|had|been|went|gone|seems|seem|appears|appear|to|be|looks|still|just|"
    r"completely|totally|entirely|fully|hard|currently|now|all|again|keeps|going|for everyone|for everybody|"
    r"for all users|at the \w+(?: center| campus| clinic| hospital| site)?|at \w+))*"
    r"\s+(?P<state>down|offline|off-line|unreachable|unavailable|inaccessible|crashed|dead|not responding|"
    r"unresponsive|not reachable|not available|not accessible|not up|failed|dark|"
    r"(?:isn't|aren't|is not|are not) (?:reachable|responding|available|accessible|up))\b",
    r"\b(?:total|complete|full|major|system[- ]wide|site[- ]wide|hospital[- ]wide|network|pacs|unplanned|"
    r"unscheduled) (?:pacs )?outage\b",
    r"\b(?:we are|we have been|been|we went) (?:on|in|into) downtime\b",
    r"\b(?:on|in|into|activated?|initiated?|started|following|using|invoked|implemented) (?:our |the )?downtime (?:procedures?|mode)\b"
    r"|\bdowntime (?:procedures?|mode) (?:activated|initiated|in effect|in place|started|invoked)\b",
    r"\bpacs (?:crashed|died|went down|is dead|is not up)\b",
)
SYS_UP = any_of(
    r"\b(?:pacs|system|server|servers|archive|network|it)\s+(?:isn't|is not|wasn't|aren't|not)\s+"
    r"(?:completely |totally |actually |really )?(?:down|offline|an outage|crashed)\b",
    r"\bnot (?:a |an )?(?:complete |total )?(?:outage|down)\b",
    r"\b(?:pacs|system|server|archive) (?:is |seems |appears )?(?:up|running|fine)\b",
)
SUBJECT_EXCLUDE = re.compile(
    r"\b(?:test|testing|training|dev|development|staging|uat|qa|sandbox|demo|print|fax|email|mail|file|ris|emr|"
    r"dictation|voice|speech|phone|backup|dr|license|reporting|scheduling|secondary|standby|redundant|one|another|"
    r"other|second|spare|citrix|home|my|her|his|ris's|web|proxy|print's)\s+$"
    r"|\b(?:backups?|copy|replica|replication|export|report|job) (?:of|for|on) (?:the |our )?(?:pacs )?$"
)
CUT_OFF = any_of(
    r"\b(?:has|have|with|got) no (?:access to )?(?:pacs|image access|imaging access)\b",
    r"\b(?:cut off|disconnected|isolated|lost (?:all )?(?:connection|connectivity|access|contact)|no (?:connection|"
    r"connectivity|access)|can't (?:connect|reach|get|talk|access|ping)|unable to (?:connect|reach|access|talk)|"
    r"not able to (?:connect|reach|access))(?: to| from| with)? (?:the )?(?:pacs|archive|main (?:hospital|site|campus)|"
    r"data ?center|pacs server|(?:image |imaging |application |web |database |license |licence )?server|database|db|offsite|cloud pacs|hosted pacs|image archive)\b"
)
TOTAL_VIEW = any_of(
    rf"\b(?:{CANT}|nobody can|none of (?:us|them|the \w+) can)\s+(?:\w+\s+){{0,2}}?(?:open|view|see|load|pull up|"
    rf"bring up|display|access|get|read|launch|retrieve|pull|look at)\s+(?:up\s+)?(?:any|anything|all|a single|{IMG})\b"
    r"(?! (?:\w+ )?(?:reports?|orders?|results|notes|worklists?|measurements)\b)",
    rf"\b(?:nobody|none of (?:us|them|the \w+|our \w+))(?: [\w'.,]+){{0,14}}? can (?:\w+ ){{0,2}}?(?:open|view|see|load|pull up|"
    rf"bring up|display|access|get|read|launch|retrieve|pull|look at)(?:\s+(?:up\s+)?(?:any|anything|all|a single|{IMG})\b|\s*$)",
    r"\b(?:no|none of the) (?:images?|stud(?:y|ies)|exams?|scans?|priors)\b (?:\w+ ){0,2}?(?:loading|loads?|opening|opens?|"
    r"displaying|displays?|showing|shows?|coming up|comes up|retrieving)\b",
    r"\bnothing (?:new )?(?:is |was |will be |has been )?(?:viewable|visible|readable|available to (?:view|read))\b",
    r"\b(?:nobody|none of)\b(?: [\w'.,]+){0,12}? can (?:get into|get in to|reach|access|connect to|log ?in to|open|launch|load) "
    r"(?:the )?(?:\w+ )?(?:pacs|viewer|archive|image server)\b",
    rf"\b{CANT} (?:open|launch|start|load|get into|reach|access) (?:the )?(?:pacs|viewer|image viewer|pacs viewer)\b"
    r"(?! (?:from|in|through|via) (?:the |their |our )?(?:emr|epic|cerner|meditech|chart|ris|portal|link|app)\b)",
    r"\b(?:study list|worklist|study browser) (?:is |comes up |shows )?(?:empty|blank) for (?:everyone|everybody|all|every user|anyone)\b",
    r"\b(?:see|sees|shows?|returns?|get|gets) (?:zero|no|0) (?:studies|results|images|exams)\b",
    r"\b(?:every|all|each)(?: single)? (?:study|exam|image|studies|exams|images|thumbnails?|viewports?)\b(?: [\w'.,-]+){0,6}? "
    r"(?:shows?|displays?|comes? up|are|is|opens?|appears?) (?:as |with )?(?:an? |all )?(?:red x|red xs|red x's|blank|empty|black|grey|gray)\b",
    r"\bno (?:study|studies|images?|exams?) (?:can|could) be (?:stored|archived|retrieved|viewed|opened)\b",
    r"\b(?:images|studies|exams|nothing)\b (?:\w+ ){0,2}?(?:won't|aren't|don't|isn't|not|doesn't|never) (?:\w+ )?"
    r"(?:load|loading|open|opening|display|displaying|show|showing|come up|coming up)\b",
    r"\bnothing (?:is |will |)(?:load|loads|loading|open|opens|opening|display\w*|showing|coming up|works|working)\b",
    r"\b(?:every|all|each)(?: single)? (?:study|exam|image|studies|exams|images)s? (?:just )?(?:spins?|hangs?|times? out|fails?|errors?|"
    r"(?:comes?|loads?|opens?|shows?|is|are) (?:up )?(?:blank|empty|black))\b",
    r"\b(?:viewer|pacs)\b (?:\w+ ){0,2}?(?:won't|doesn't|isn't|can't) (?:open|launch|load|start|come up)\b",
    r"\b(?:viewer|pacs)\b (?:is |are )?(?:not|isn't|aren't) (?:opening|loading|launching|starting|working|coming up) (?:at all )?"
    r"(?:for|on) (?:any ?body|any ?one|everyone|everybody|all|any)\b",
)
TOTAL_STORE = any_of(
    r"\bnothing (?:new |else )?(?:(?:from|on|off) (?:the |all |any |our |all the |any of the )?(?:modalities|scanners|devices|machines) )?(?:is |has |will |can |could |gets? )?(?:be |been |being )?(?:archiv|stor|go|sen|transferr|reach|arriv|cross|get|mak|land|com(?:e|es|ing)\b|flow)\w*",
    r"\bnothing new (?:is |has )?(?:in|on|into|showing (?:up )?in|hit|hitting|appearing in) (?:the )?(?:pacs|archive|vna)\b",
    r"\b(?:all (?:of )?(?:our |the )?|(?<!some of )(?<!one of )(?<!two of )(?:our|the) |every (?=modality|scanner))(?:modalities|scanners|modality|scanner) (?:\w+ ){0,3}?(?:stopped|aren't|are not|isn't|is not|can't|won't|"
    r"fail\w*(?: to)?) (?:\w+ )?(?:send|push|stor|archiv|transferr?)\w*",
    r"\b(?:studies|images|exams)\b (?:\w+ ){0,2}?(?:aren't|isn't|not|won't|haven't|never) (?:\w+ )?(?:archiv|stor)\w*",
    r"\b(?:studies|images|exams)\b (?:\w+ ){0,2}?(?:aren't|isn't|not|won't|haven't|never|stopped) (?:\w+ )?"
    r"(?:cross\w*|com\w*|go\w*|mak\w*|arriv\w*|reach\w*|land\w*|transferr?\w*|flow\w*)(?: it)? (?:over |across |through |in )?"
    r"(?:to|into|in) (?:the )?(?:pacs|archive|vna)\b",
    r"\b(?:archive|pacs|storage)\b (?:\w+ ){0,4}?(?:isn't|won't|not|stopped) (?:accepting|storing|archiving|taking)\b",
    r"\b(?:storage|archive|disks?|cache|pacs) (?:is |are )?(?:completely |totally )?(?:full|out of (?:disk )?space|at (?:100 ?%|100 percent|capacity))",
    r"\b(?:storage|archive|disks?|cache|volume|array) (?:\w+ ){0,2}?(?:hit|reached|is at|at) (?:100 ?%|100 percent|capacity)",
    r"\b(?:rejecting|refusing|bouncing) (?:every|all|any) (?:incoming |new )?(?:stud(?:y|ies)|images?|exams?|c-?stores?)\b",
    r"\b(?:all (?:of )?(?:our |the )?|every )(?:modalities|scanners|modality|scanner)\b(?: [\w'.-]+){0,4}? (?:are |is )?(?:queu\w*|backing up|backed up|stuck)\b",
    rf"\b(?:from|on) (?:any|all|every|any of the|all of the|all our|all the) (?:\w+ )?(?:modalit\w*|scanners?|{MOD}s?)\b",
    rf"\bnone of the (?:modalities|scanners|{MOD}s?) (?:can|are|is)\b",
)
TOTAL_RETRIEVE = any_of(
    rf"\b{CANT} (?:\w+ ){{0,2}}?(?:retrieve|pull|query|fetch|restore|recall)\s+(?:any|anything|all|studies|images|exams)\b",
    r"\b(?:all|every|any) (?:retrieves?|retrievals?|queries|c-?moves?|query retrieves?) (?:are |is )?(?:fail\w*|timing out|time out|erroring)\b",
    r"\b(?:retrieval|query retrieve|query/retrieve) (?:is |are )?(?:completely |totally )?(?:down|broken|fail\w*|not working)\b",
    r"\bnothing (?:will |can |could )?(?:be )?retriev\w*",
    r"\b(?:images|studies|exams|priors)\b (?:\w+ )?(?:aren't|are not|not|won't|don't|never) (?:\w+ )?retriev\w*",
    r"\bnothing (?:can |could )?(?:be )?(?:stored|archived) or retrieved\b",
)
TOTAL_SEND = any_of(
    rf"\b{CANT} (?:\w+ ){{0,2}}?(?:send|store|push|archive|transfer|save) (?:any|anything|a single|a thing|studies|images|exams)\b",
    rf"\b{CANT} (?:store|save|archive) or (?:view|see|open|retrieve|read) (?:any|anything)\b",
)
LOGIN_FAIL = any_of(
    rf"\b(?:{CANT}|won't let (?:me|us|anyone|them|anybody)(?: [\w'.]+){{0,4}}?|nobody can) (?:\w+ )?(?:log in|login|log on|get in|authenticate)\b",
    r"\blocked out\b",
    r"\blog ?in (?:fails|failed|failing|is failing|error|isn't working|not working|broken|won't work)\b",
    r"\b(?:not authori[sz]ed|unauthori[sz]ed|access (?:is )?denied|permission denied|(?:pw|pwd|password) (?:has |is )?expired|"
    r"reset link (?:doesn't|does not|won't|isn't|is not|didn't) work\w*)\b",
    r"\b(?:invalid|incorrect) (?:credentials|password|username)\b|\bpassword (?:expired|not working|isn't working)\b",
)
# -- impact ----------------------------------------------------------------------------------
ESSENTIAL_FAIL = any_of(
    rf"\b{CANT} (?:\w+ ){{0,2}}?(?:open|view|see|load|pull up|bring up|display|read|report|dictate|sign|interpret|"
    r"review|scan|acquire|retrieve|access|launch|start|perform|log in|get into|diagnose)\b",
    r"\b(?:images?|stud(?:y|ies)|exams?|scans?|priors?|viewer|worklist|reports?|cases)\b (?:\w+ ){0,2}?(?:won't|aren't|"
    r"isn't|not|don't|doesn't|never) (?:\w+ )?(?:load|open|display|show|come up|launch|start|refresh|populat)\w*",
    r"\b(?:viewer|pacs|application|it|worklist)\b (?:\w+ ){0,2}?(?:keeps )?(?:crash|freez|hang|lock)\w*",
    r"\b(?:blank|black|white|grey|gray) (?:screen|viewer|window|images?)s?\b",
)
SLOW = re.compile(
    r"\b(?:slow\w*|sluggish|laggy|lagging|lag|taking forever|takes forever|take forever|forever to|ages to|"
    r"(?:\d+|several|a few|two|three|five|ten) (?:minutes|seconds) to (?:load|open)|timing out|time ?outs?|"
    r"delays?|intermittent\w*|keeps? dropping|spinning)\b"
)
# Slowness alone: degraded, not down (timeouts are left out, a time-out can be a total loss).
SLOW_ONLY = re.compile(
    r"\b(?:slow\w*|sluggish|laggy|lagging|taking forever|takes forever|take forever|forever to|ages to|snail'?s pace|crawl|"
    r"(?:\d+|several|a few|two|three|five|ten)\+? (?:minutes|seconds|mins|secs) (?:to|per|for|before))\b"
)
FAULT = re.compile(
    r"\b(?:can't|couldn't|unable|won't|wouldn't|not working|isn't working|aren't working|doesn't work|don't work|"
    r"didn't work|stopped|broken(?! (?:down|out) by)|broke(?! (?:down|out) by)|(?<!broken )(?<!broke )down|offline|outage|crash\w*|freez\w*|frozen|hang(?:s|ing)?(?! protocols?)|hung|stuck|"
    r"slow\w*|lag\w*|errors?|erroring|fail(?!over)\w*|missing|disappear\w*|not (?:loading|showing|displaying|opening|"
    r"sending|receiving|crossing|arriving|archiving|updating|refreshing|printing|responding|coming|burning|"
    r"saving|populating|going|getting|flowing)|blank|empty|black screen|wrong|incorrect|corrupt\w*|garbled|distorted|"
    r"rejected|refus\w*|denied|locked out|lost|dropp\w*|disconnect\w*|unreachable|unavailable|inaccessible|"
    r"degraded|keeps? (?:crashing|closing|logging|freezing)|problems?|issues?|trouble|glitch\w*|bugs?|timing out|"
    r"timed out|time ?out|no longer|duplicat\w*|mismatch\w*|never (?:arrived|showed|came|crossed|made it)|"
    r"spinning|dead|not reachable|not responding|not found|(?:nobody|none of) (?:[\w'.,]+ ){0,14}?can|(?:haven't|hasn't|have not|has not|not) been able to|warnings?|alerts?|alarms?|(?:keeps? |got |were |was )?reset(?:s|ting)? (?:every|each|itself|themselves|after|on|to)|got reset)\b"
)
MINOR = re.compile(
    r"\b(?:print\w*|printers?|film printer|cds?|cd burner|burn\w*|discs?|robot|teaching files?|templates?|macros?|"
    r"hanging protocols?|annotations?|key images?|export\w*|anonymi[sz]\w*|statistics|usage reports?|audit "
    r"(?:logs?|reports?)|notifications?|email notifications?|preferences?|shortcuts?|toolbar|filters?|sort\w*|"
    r"columns?|screensaver|wallpaper|thumbnails?|favorites|bookmarks|3d|fax\w*|labels?)\b"
)
COSMETIC = re.compile(
    r"\b(?:fonts?|font size|colou?rs?|icons?|logo|misaligned|alignment|spacing|typo|misspel\w*|spelling|spelled|"
    r"cosmetic|layout|theme|tooltips?|splash screen|text is cut off|truncated|overlapp?\w*|too small|too big|"
    r"too large|too bright|looks (?:weird|odd|off|funny|ugly|strange)|ugly|capitali[sz]\w*|date format|"
    r"dark mode|greyed out icon|button (?:is|looks) (?:the )?(?:wrong|too|weird|off)|all caps|upper ?case|lower ?case|title case|"
    r"(?:labels?|text|buttons?|names?|titles?|captions?|headings?) (?:[\w-]+ ){0,4}?(?:is |are |gets? )?(?:cut off|clipped|truncated|overlapping)|"
    r"clock (?:in|on) (?:the )?(?:[\w-]+ ){0,2}?(?:status bar|toolbar|tool bar|title bar|header|taskbar|corner)|"
    r"blurry icons?|stretched|bold|italics?)\b"
)
COSMETIC_FUNCTIONAL = re.compile(rf"\b{CANT}|\b(?:error|crash\w*|down|missing|wrong (?:patient|study|side|laterality))\b")

# -- patient care (now) ----------------------------------------------------------------------
CARE_POS = any_of(
    r"\b(?:patients?|people|ambulances?|traumas?|strokes?|surger(?:y|ies)|surgeons?|procedures?|operating room|"
    r"cath lab|treatment|doctors?|physicians?|clinicians?|providers?|nurses?|neurologists?|families|ed docs?)\b "
    r"(?:\w+ ){0,4}?(?:are |is |being |have been |has been |)(?:waiting|held up|held|on hold|delayed|stacking up|"
    r"piling up|backing up|backed up|stuck|being diverted|diverted|turned away|sent home|rescheduled|cancel\w*|"
    r"can't be (?:seen|treated|read|discharged|scanned|operated))\b",
    r"\b(?:waiting|holding|delay\w*|diverting|divert|cancel\w*|reschedul\w*|postpon\w*|hold(?:ing)? up|sending home|"
    r"turning away) (?:\w+ ){0,3}?(?:patients?|ambulances?|surger\w*|procedures?|treatment|traumas?|strokes?|"
    r"discharges?|care|appointments|the operating room|cases)\b",
    r"\b(?:on diversion|divert\w* ambulances|code stroke|stroke alert|stroke code|trauma (?:alert|activation)|"
    r"level (?:1|one|i) trauma|(?:affecting|impacting|delaying|compromising|impacts|affects|delays|hurting|"
    r"holding up) (?:patient |clinical )?(?:care|treatment|patients|diagnos\w*)|patient care (?:is |has been |"
    r"being )?(?:affected|impacted|compromised|delayed|at risk)|patient safety (?:issue|risk|concern)|"
    r"(?:patient|pt) (?:is )?on the table|patient (?:is )?in the scanner)\b",
    r"\b(?:stat|trauma|stroke|ed|emergent|urgent|icu|critical|inpatient)\b (?:\w+ ){0,2}?(?:reads?|studies|exams|"
    r"scans?|ct|mri|images|cases|films|patients?|xrays?) (?:\w+ ){0,3}?(?:waiting|held|delayed|piling|backing|"
    r"backed|stacking|queued|stuck|can't|unread|pending|not)\b",
    rf"\b(?:ed|emergency department|trauma|icu|operating room|cath lab|surgeons?|doctors?|physicians?|clinicians?|"
    rf"neurolog\w*|intensivists?|hospitalists?)\b(?! (?:\w+ )?(?:workstations?|pcs?|computers?|monitors?|printers?|stations?|"
    rf"bay (?:pc|computer|workstation)|{MOD})\b) (?:\w+ ){{0,3}}?{CANT} (?:\w+ ){{0,2}}?(?:see|view|open|pull up|"
    rf"access|get|look at|load) (?:\w+ ){{0,2}}?(?:images?|studies|scans?|films?|xrays?|ct|mri|results|anything)\b",
)
CARE_POS_PLACES = any_of(
    r"\b(?:ed|er|emergency department|emergency room|trauma bay|icu|operating room|cath lab|stroke team)\b (?:is |are )?(?:\w+ )?"
    r"(?:backing up|backed up|piling up|slammed|on hold|holding|waiting|asking for|screaming for|calling for|stacking up)\b",
    r"\b(?:trauma|stroke|code stroke|bleed|gsw|mva|mvc)\b (?:patient )?(?:is )?(?:in|on) (?:the )?(?:bay|table|scanner|way)\b",
    r"\b(?:head |chest |stat |trauma )?(?:ct|cta|mri|mr|scan|study|exam|xray|film)s? from the (?:ed|er|icu|or|emergency department|"
    r"trauma bay) (?:is |are )?(?:waiting|pending|sitting|unread)\b",
)
CARE_NEG = any_of(
    r"\bno (?:patients?|patient care|clinical|care) (?:\w+ )?(?:affected|impact\w*|waiting|harmed|involved|issues?)\b",
    r"\bno (?:patient|clinical|care) impact\b|\bno (?:impact|effect) on (?:patient\w* |clinical )?care\b",
    r"\bno (?:impact|effect) on patients\b|\bnot (?:patient[- ]facing|clinical|time[- ]sensitive|time[- ]critical)\b",
    r"\b(?:not|isn't|aren't|doesn't|don't|not really) (?:\w+ )?(?:affect\w*|impact\w*|delay\w*) (?:patient\w*|clinical|care|treatment)\b",
    r"\bpatient care (?:is |has )?(?:not|isn't|hasn't been|wasn't) (?:\w+ )?(?:affected|impacted)\b",
    r"\bpatients (?:are not|aren't) (?:\w+ )?(?:affected|impacted|waiting)\b",
    r"\b(?:not|isn't|is not) (?:\w+ )?(?:urgent|critical|an emergency|a priority)\b|\bno rush\b|\bno hurry\b",
    r"\bwhenever (?:you|someone) (?:get|gets|have|has)\b|\bat your convenience\b|\bwhen you have (?:a )?(?:minute|chance|time)\b",
    r"\bno patients (?:today|right now|scheduled|on the schedule|in the department)\b|\bclinic is closed\b",
)

# -- workaround --------------------------------------------------------------------------------
WORKAROUND_POS = any_of(
    r"\bworkaround (?:is|for now|we are using|works|:)|\bas a workaround\b|\bwork ?around (?:it|this)\b",
    r"\b(?:we|they|he|she|i|users|radiologists|technologists) (?:can|could|are able to|is able to) (?:still )?"
    r"(?:use|read|view|open|work|get|log in|send|see)\b",
    r"\b(?:can|could|are able to) still (?:use|read|view|open|work|get|log|send|see|access|do)\b|\bstill able to\b",
    r"\busing (?:the |a |an )?(?:other|another|different|spare|backup|web|second|old|alternate|alternative) \w+",
    r"\b(?:other|another|different|spare|backup) (?:\w+ )?(?:workstations?|stations?|pcs?|computers?|machines?|rooms?|viewers?|scanners?) "
    r"(?:are |is )?(?:works?|fine|working|ok|okay|work fine)\b",
    r"\b(?:is|are) (?:fine|ok|okay|working),? so (?:we|they|i)\b",
    r"\b(?:is |it is |works? |working )(?:fine|ok|okay) (?:when|whenever|once|if) (?:she|he|they|we|i)\b",
    r"\b(?:manually|by hand)\b|\btyping (?:it|them|those|these|\w+ \w+|\w+) in\b",
    r"\b(?:using|use|used|went to|moved to|switched to)\b(?: [\w'-]+){1,6}? instead\b|\bused the one (?:in|at|on|next|down)\b",
    r"\b(?:switched|moved|went|logged (?:in|on)) (?:over )?to (?:the |a |an |another |workstation )?[\w-]+(?: [\w-]+)? and "
    r"(?:it is|it) (?:fine|ok|okay|works?|working)\b",
    r"\b(?:reading|working|read|work) (?:on|from|off|with) (?:the |my |a |an )?(?:other|another|right|left|second|remaining|"
    r"spare|backup|web|old) (?:one|monitor|screen|display|workstation|station|pc|computer)\b",
    r"\b(?!(?:waiting|holding|diverting|sitting|nothing)\b)\w+ing\b(?: [\w'-]+){0,4}? for now\b",
    r"\bworks? (?:fine |ok |okay |normally )?(?:on|from|in) (?:the |a |an |any )?(?:other|another|different|web|second)\b",
    r"\b(?:switched|moved|went) (?:over )?to (?:the |a |an )?(?:other|another|different|backup|web|spare)\b",
    r"\breading (?:from|on|off) (?:the |a )?(?:web|backup|other|another|spare)\b",
    r"\bmanually (?:sending|entering|pushing|routing|typing|keying|sent|entered)\b|\bentering (?:\w+ ){0,2}manually\b",
    r"\bwe can get by\b|\bgetting by\b|\bmanag(?:e|ing) for now\b",
    # Doing the work another, slower way: typing instead of dictating, walking films over, entering by hand.
    r"\b(?:typing|keying|importing|entering|sending|burning|reading|printing|faxing|dictating) (?:[\w'-]+ ){0,5}?instead\b",
    r"\b(?:are|is|'re|'s|all|been|now|just) (?:all )?(?:typing|keying) (?:in )?(?:their |his |her |the |all )?(?:reports?|measurements?|results?|"
    r"patients?|demographics|orders?|it|them)\b",
    r"\b(?:walking|walk|carrying|carry|driving|running) (?:the |their |all )?(?:[\w'-]+ ){0,3}?(?:over|down|across|up) to\b",
    r"\b(?:walking|walk|carrying|carry) (?:the |their )?(?:printouts?|films?|cassettes?|discs?|cds?|plates?)\b",
    r"\bhand[- ]?(?:entering|enter|entered|sending|send|sent|keying|carrying|delivering|typing)\b",
    r"\bthe other (?:\d+|two|three|four|five|six|ones?)\b(?: [\w'-]+){0,6}? (?:are|is|can|works?|still)(?: \w+)? ?(?:fine|ok|okay|working|work)?\b",
    r"\b(?:the )?other \w+(?: \w+)? (?:are|is) (?:working|covering|picking up|reading|taking)\b",
    r"(?<!nobody )(?<!no one )(?<!nothing )\b(?:can|could) (?:still )?(?:burn|print|find|search|import|log back in|reopen|retry|push)\b",
    r"\b(?:restart\w*|reboot\w*|refresh\w*|retry\w*|reopen\w*) (?:[\w'-]+ ){0,3}?and (?:it|studies|images|things|everything|they) "
    r"(?:\w+ )?(?:works?|flows?|comes? back|is fine|are fine|carry on)\b",
    r"\bcan (?:still )?(?:find|get|see|open|view|read|pull) (?:them|it|the \w+|his \w+|her \w+|their \w+) (?:if|by|when|via|through|from)\b",
    r"\b(?:a |the )?(?:retry|retrying|restart|reboot|refresh|re-?login) (?:usually |normally |always |mostly )?(?:works|fixes it|helps)\b",
    r"\b(?:carry|carrying|carried) on\b|\blog(?:ging)? back in\b",
    r"\b(?:my |the |his |her )?(?:desktop|laptop|home pc|home computer|work pc|other pc) (?:is|works|are) (?:fine|ok|okay|working)\b",
    r"\b(?:doing|reading|working|scanning|running) (?:[\w'-]+ ){0,3}?(?:on|in|at|from) (?:the )?(?:other|another|second|spare) "
    r"(?:room|one|unit|machine|scanner|station|workstation|site)\b",
    r"\b(?:storing|saving|keeping|holding) (?:them |it |the \w+ )?locally\b|\b(?:will|we'll|they'll) (?:push|send|resend) (?:them |it )?later\b",
    r"\b(?:keep |keeps |kept )?having to (?:manually |re-?|hand[- ]?)?(?:arrange|rearrange|enter|type|walk|carry|search|hang|drag|"
    r"reopen|restart|retry|log ?in|sign ?in)\w*\b",
    r"\b\w+ing\b(?: [\w'-]+){0,5}? in the meantime\b|\bpicking up the slack\b|\bhas relocated\b|\b(?:moved|relocated) (?:over )?to\b",
    r"\b(?:the )?(?:other|right|left|second|spare) (?:one|computer|pc|monitor|screen|station|workstation|room)\b(?: [\w'-]+){0,4}? "
    r"(?:works|is fine|is working|is ok)\b|\brest of the (?:station|workstation|system|computer) works\b",
    r"\b(?:use|using) the one (?:next to|beside|in|at|on|down)\b",
    r"\b(?:resend\w*|re-send\w*|click\w* again|try\w* again|tries again)\b(?: [\w'-]+){0,4}? (?:usually |eventually |normally )?"
    r"(?:works|goes|goes through|gets through)\b",
    r"\bcan still (?:upload|open|read|see|view|use|send|print|burn|access)\b",
)
CONSOLE = re.compile(
    r"\b(?:view\w*|read\w*|look\w*|check\w*|see\w*|show\w*|using)\s+(?:\w+\s+){0,4}?(?:on|at|from|off|in)\s+(?:the\s+)?"
    r"(?:\w+\s+)?(?:console|scanner|modality|modalities|acquisition workstation)s?\b|\bconsole\b"
)
WORKAROUND_NEG = any_of(
    r"\bno (?:\w+ )?(?:workaround|work around|work-around|alternative|other way|way around)s?\b",
    r"\bnothing (?:we|i|anyone|they) can do\b|\bno other (?:way|option|workstation|computer|pc|viewer|choice)\b",
    r"\bthere is no (?:other )?(?:way|option|workaround)\b|\bwithout (?:a |any )?(?:workaround|alternative)\b",
    r"\b(?:can't|unable to) work around\b|\bdead in the water\b|\b(?:completely|totally) stuck\b|\bwe are stuck\b",
    r"\b(?:at a )?standstill\b|\bno way to (?:read|view|see|work|get)\b",
    r"\bdon't have (?:a |any )?(?:workaround|alternative)\b",
    r"\b(?:same|happens|does it) (?:thing )?(?:on|from|at) (?:every|all|other|any|another|each) (?:\w+ )?(?:workstations?|pcs?|computers?|machines?)\b",
    r"\btried (?:other|another|different|a different) (?:workstations?|pcs?|computers?|machines?) (?:too |also )?(?:same|no luck|didn't help|doesn't help|with the same)\b",
)
