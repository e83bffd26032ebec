"""Words extraction knows: the PACS vocabulary typos are corrected towards, and the systems.

Data only. ``DOMAIN_WORDS`` are the targets of typo correction (with their inflections, so a
real word like "viewed" is never "corrected" to "viewer"); ``COMMON_WORDS`` are ordinary
words near a domain word that must be left alone. ``SYSTEMS`` maps each affected-system
name the desk uses to the phrases (regular expressions over normalized text) that mention it.
"""

from __future__ import annotations

DOMAIN_WORDS: tuple[str, ...] = (
    # systems and parts
    "pacs", "archive", "archives", "archived", "archiving", "server", "servers", "workstation",
    "workstations", "viewer", "viewers", "viewing", "viewed", "worklist", "worklists", "modality",
    "modalities", "scanner", "scanners", "network", "networks", "firewall", "interface",
    "interfaces", "storage", "database", "router", "routing", "cluster", "failover", "redundant",
    "redundancy", "application", "printer", "printing", "printed", "monitor", "monitors",
    "display", "displays", "displaying", "console", "computer", "computers", "laptop", "desktop",
    "dictation", "reporting", "report", "reports", "template", "templates", "hanging", "protocol",
    "protocols", "certificate", "password", "account", "credentials", "connection", "connectivity",
    "connected", "connect", "dicom", "degraded", "controller", "replication",
    # modalities and places
    "ultrasound", "mammography", "fluoroscopy", "radiology", "radiologist", "radiologists",
    "technologist", "technologists", "physician", "physicians", "clinician", "clinicians",
    "emergency", "department", "hospital", "hospitals", "campus", "clinic", "clinics", "imaging",
    "surgery", "surgeon", "surgeons", "trauma", "stroke", "patient", "patients", "reading",
    "nuclear", "medicine", "portable", "cardiology", "oncology",
    # images
    "images", "image", "studies", "study", "exams", "series", "priors", "prior", "xray", "scans",
    # states and actions
    "loading", "loaded", "opening", "opened", "sending", "receiving", "retrieve", "retrieving",
    "retrieved", "retrieval", "query", "crashed", "crashing", "freezing", "frozen", "offline",
    "unavailable", "unreachable", "working", "restarted", "rebooted", "reboot", "restart",
    "cleared", "resent", "upgrade", "upgraded", "update", "updated", "updates", "migration",
    "installed", "install", "waiting", "delayed", "nobody", "everyone", "anyone", "anything",
    "nothing", "workaround", "administrator", "admin", "urgent", "cannot", "error", "errors",
    "message", "failed", "failing", "failure", "timeout", "blank", "black", "spinning",
    "retrieves", "showing", "disconnected", "refreshing", "populating", "transfer",
    "yesterday", "morning", "tonight", "overnight", "since", "still", "training", "production", "server",
)

COMMON_WORDS: tuple[str, ...] = (
    "about", "above", "after", "again", "against", "along", "already", "always", "another",
    "answer", "around", "asked", "being", "below", "between", "bring", "broken", "called",
    "calling", "cause", "caused", "check", "checked", "checking", "claim", "clear", "clearing",
    "close", "closed", "coming", "could", "doing", "during", "early", "either", "email",
    "every", "first", "found", "front", "getting", "going", "great", "happen", "happened",
    "having", "heading", "hello", "hours", "issue", "issues", "known", "later", "least",
    "leading", "light", "local", "looked", "looking", "lower", "makes", "maybe", "means",
    "might", "minutes", "months", "never", "night", "noted", "other", "others", "pending",
    "people", "phone", "place", "please", "point", "print", "prints", "quick", "really",
    "reason", "right", "rooms", "saying", "screen", "second", "seeing", "seems", "sending",
    "server", "share", "shows", "since", "small", "sorry", "start", "started", "state",
    "still", "their", "there", "these", "thing", "think", "those", "three", "times", "today",
    "tried", "trying", "under", "until", "using", "usual", "viewed", "views", "wanted", "watch",
    "weeks", "where", "which", "while", "whole", "works", "worked", "worker", "would", "wrong",
    "years", "reader", "readers", "heading", "reload", "reloading", "leaving", "lending",
    "waited", "waits", "studied", "scanned", "scanning", "stored", "storing", "stores",
    "sender", "sends", "router", "routes", "routed", "monitored", "monitoring", "reported",
    "reporter", "helps", "helped", "helpful", "thanks", "thank", "hi", "files", "filed",
    "filing", "plans", "planned", "planning", "testing", "tested", "tests", "trained",
    "trains", "training", "patent", "patience", "batch", "latch", "stoke", "stroked",
    # real words one edit from a domain word, seen in support mail
    "slowing", "reset", "resets", "recent", "serve", "route", "routes", "routine", "clinical", "physical",
    "services", "handing", "freeing", "slack", "imaged", "vending", "computed", "connects", "connector",
    "archival", "displayed", "resend", "recording", "reaching", "reachable", "contacted", "corrected",
    "collection", "collected", "crossing", "deployed", "projection", "reduction", "replayed", "restored",
    "reopened", "reopening", "departmental", "mammographic", "migrating", "stills", "posting", "hosting",
    "sorting", "spinning", "loader", "viewers", "scanned", "report", "starting", "stating", "storing",
    "striking", "strokes", "surgical", "waiving", "wasting", "working", "workings", "hanged", "ranging",
    "banging", "changing", "charging", "sanding", "sending", "mending", "lending", "tending", "cleaned",
    "cleaner", "creator", "reader", "header", "heading", "leading", "loading", "severe", "never", "trailing",
    "pointed", "pointing", "painted", "printer's", "sending", "balancer", "blip",
)

# Canonical affected-system names, each with the phrases that mention it, in display order.
SYSTEMS: tuple[tuple[str, str], ...] = (
    ("viewer", r"\b(?:viewers?|web viewer|zero[- ]footprint|image viewer|diagnostic viewer|pacs client|viewing)\b"),
    ("worklist", r"(?<!modality )\b(?:worklists?|reading list|reading queue)\b"),
    ("modality worklist", r"\bmodality worklist\b"),
    ("archive", r"\b(?:archives?|archiving|archived|vna|long[- ]term storage|deep archive)\b"),
    ("storage", r"\b(?:storage|san|nas|raid|disk arrays?|storage arrays?|disks? (?:are |is )?full|out of (?:disk )?space)\b"),
    ("server", r"\b(?:servers?|application server|app server|database|nodes?|cluster)\b"),
    ("DICOM router", r"\b(?:dicom router|router|routing|auto-?rout\w*)\b"),
    (
        "modality",
        r"\b(?:modality|modalities|scanners?|ct\d*|cat scan|mri\d*|ultrasound|xray|cr|dx|mammography|tomo\w*"
        r"|nuclear medicine|pet(?: ?ct)?|spect|fluoro\w*|c-?arm|cath lab|dexa|echo|angio\w*|portable)\b",
    ),
    ("RIS", r"\bris\b"),
    ("HL7", r"\b(?:hl7|orm|oru|adt|interface engine|mirth|cloverleaf|rhapsody)\b"),
    ("interface", r"\binterfaces?\b"),
    ("EMR", r"\b(?:emr|epic|cerner|meditech|electronic (?:medical|health) record)\b"),
    ("reporting", r"\b(?:reporting|dictation|dictate|voice recognition|speech recognition|powerscribe|fluency)\b|\b(?:the|my|our|final|prelim\w*) reports?\b|\breports? (?:are|is|aren't|isn't|not|won't|don't|never)\b"),
    ("network", r"\b(?:network|vpn|firewall|switch|internet|wi-?fi|wifi|connectivity|bandwidth|vlan|dns)\b"),
    ("workstation", r"\b(?:workstations?|pcs?|computers?|reading stations?|desktops?|laptops?|thin clients?)\b"),
    ("monitor", r"\b(?:monitors?|screens?|displays?)\b"),
    ("login", r"\b(?:log in|login|logging in|log on|password|credentials|locked out|account|active directory|ldap|sso|single sign-on)\b"),
    ("printing", r"\b(?:print\w*|printers?|film printer)\b"),
    ("CD", r"\b(?:cd|cd burner|burn\w*|disc|robot|outside (?:images|studies))\b"),
    ("DICOM", r"\b(?:dicom|ae title|c-?store|c-?move|c-?find|association)\b"),
)
