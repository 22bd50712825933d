"""Cues the parse cuts off or the verb list lacked, layouts, and names the tagger mislabels: one short article each."""

from __future__ import annotations

import pytest

from helpers import article_from_text, entity_table, parse, quote_counts, quote_table
from helpers.nlp.entities import first_name_gender

LEADERS = ["Joe Biden", "Vladimir Putin"]
INTRO = "US President Joe Biden met Russian President Vladimir Putin in Geneva. "


def table_of(nlp, body: str, leaders=LEADERS):
    doc = parse(article_from_text(f"Leaders meet in Geneva\n\n{body}"), nlp)
    return quote_table(doc, leaders)


def speaker_of(table, start_of_text: str):
    rows = table[table.text.str.startswith(start_of_text) & (table.kind != "indirect")]
    assert len(rows) == 1, f"{start_of_text!r} not found once in {list(table.text)}"
    return rows.iloc[0].speaker


@pytest.mark.parametrize(
    "body,quote,speaker",
    [
        # the parser starts a new sentence after "?" or "!": the cue after it still counts
        (INTRO + "“Why would anyone believe that?” Putin asked.", "Why would anyone", "Vladimir Putin"),
        (INTRO + "“We are not going back!” Biden said at the lectern.", "We are not going", "Joe Biden"),
        (INTRO + "“Who benefits from this?” asked Putin.", "Who benefits", "Vladimir Putin"),
        # verbs with a particle, and verbs the list lacked
        (INTRO + "“That is a question for Washington,” Putin shot back.", "That is a question", "Vladimir Putin"),
        (INTRO + "“It is not about trust,” Biden scoffed.", "It is not about", "Joe Biden"),
        # a partial quotation under "as X put it"
        (INTRO + "As Biden put it, the summit was “the start of something”.", "the start of", "Joe Biden"),
        # "quoted X as saying": the one quoted speaks, not the outlet
        (INTRO + "State media quoted Putin as saying the talks had “cleared the air”.", "cleared",
         "Vladimir Putin"),
        # "issued a statement saying"
        (INTRO + "Biden later issued a statement saying the meeting was “candid and useful”.", "candid",
         "Joe Biden"),
        # a possessive after an inverted cue names somebody else: the spokeswoman speaks, not Putin
        (INTRO + "“Is anyone surprised?” asked Putin's spokeswoman, Maria Orlova.", "Is anyone",
         "Maria Orlova"),
        (INTRO + "“Is anyone surprised?” asked Putin's spokeswoman.", "Is anyone", None),
    ],
)
def test_cues(nlp, body, quote, speaker):
    assert speaker_of(table_of(nlp, body), quote) == speaker


def test_a_cue_ending_the_paragraph_before_gives_the_speaker(nlp):
    body = (INTRO + "Putin set out his view in a long answer to a reporter:\n\n"
            "“We did not start this. We want stability, and so does America.\n\n"
            "“The rest is for the diplomats.”\n\nBiden left without comment.")
    table = table_of(nlp, body)
    assert speaker_of(table, "We did not start this") == "Vladimir Putin"
    assert speaker_of(table, "The rest is for the diplomats") == "Vladimir Putin"
    # one quotation over two paragraphs counts once
    counts = quote_counts(table, LEADERS).set_index("leader")
    assert counts.loc["Vladimir Putin", "direct_quotes"] == 1


def test_a_name_with_an_apposition_is_a_person_even_when_tagged_otherwise(nlp):
    body = (INTRO + "“Symbolism matters, but investors want results,” said Adebayo Ogunleye, "
            "an economist at Lagos-based Meridian Capital.")
    table = table_of(nlp, body)
    assert speaker_of(table, "Symbolism matters") == "Adebayo Ogunleye"


def test_a_quoted_sentence_does_not_hide_the_narrators_antecedent(nlp):
    body = (INTRO + "Jill Carter, a Biden adviser, spoke to reporters on Friday.\n\n"
            "“We went in clear-eyed. We came out clear-eyed. Nobody expected miracles. "
            "Nobody got them. That is diplomacy,” she said.\n\n"
            "She has called the summit “overdue”.")
    table = table_of(nlp, body)
    assert speaker_of(table, "overdue") == "Jill Carter"


@pytest.mark.parametrize("name,gender", [("Angela Whitlock", "f"), ("Brock Hadley", "m"),
                                         ("Kim Jong Un", None), ("Putin", None), ("J. Smith", None)])
def test_gender_from_a_first_name_only_when_the_name_says_so(name, gender):
    assert first_name_gender(name) == gender


def test_a_pronoun_takes_the_person_of_its_gender_not_the_nearest_name(nlp):
    body = (INTRO + "Angela Whitlock, who voted in Decatur with Thomas Reed, was asked how she felt.\n\n"
            "“Like a kid on Christmas Eve!” she said.")
    assert speaker_of(table_of(nlp, body), "Like a kid") == "Angela Whitlock"


def test_a_party_and_a_time_zone_are_not_speakers(nlp):
    body = (INTRO + "Labour, Biden said, had “no plan and no idea”.\n\n"
            "9:45 p.m. ET\n\n“We did the work,” Putin told reporters.")
    table = table_of(nlp, body)
    assert speaker_of(table, "no plan") == "Joe Biden"
    assert speaker_of(table, "We did the work") == "Vladimir Putin"
    assert not table.speaker.isin(["Labour", "ET"]).any()


RACE = ("Republican state Senate Majority Leader Doug Brandt and his Democratic challenger, "
        "Lt. Gov. Nia Okafor, met voters in Erie on Monday. ")


@pytest.mark.parametrize(
    "body,quote,speaker",
    [
        # a bare party word names the one person of that party the article introduced
        (RACE + "“She is going to tell you she is a moderate,” the Republican said.", "She is going",
         "Doug Brandt"),
        # party and campaign role together; the party comes from the phrase the name stands beside
        (RACE + "“Why would you cut funding for schools?” the Democratic nominee asked.", "Why would you",
         "Nia Okafor"),
    ],
)
def test_party_role_phrases(nlp, body, quote, speaker):
    assert speaker_of(table_of(nlp, body, ["Doug Brandt", "Nia Okafor"]), quote) == speaker


def test_a_party_word_with_two_members_names_nobody(nlp):
    body = ("Republican Sen. Tom Kessler and Republican Rep. Jane Ortiz toured Ohio farms on Monday. "
            "“We need rain,” the Republican said.")
    assert speaker_of(table_of(nlp, body, ["Tom Kessler", "Jane Ortiz"]), "We need rain") is None


@pytest.mark.parametrize(
    "body,quote",
    [
        # titles of shows, films and books are nobody's words, even under a speech verb
        (INTRO + "Biden told NBC's “Meet the Press” that the talks went well.", "Meet the Press"),
        (INTRO + "Putin said he had recently watched “King of Boys” on a flight.", "King of Boys"),
        # an unnamed source: the words are somebody's, never a leader's
        (INTRO + "According to a Kremlin spokesperson, Putin “raised the issue directly”.", "raised the"),
        (INTRO + "“We expect nothing,” said a senior Biden adviser, who spoke on condition of anonymity.",
         "We expect nothing,"),
        (INTRO + "His office said Putin would thank the Swiss for their “warm hospitality”.", "warm hospitality"),
    ],
)
def test_words_that_are_no_leaders(nlp, body, quote):
    table = table_of(nlp, body)
    assert speaker_of(table, quote) is None
    counts = quote_counts(table, LEADERS)
    assert counts.direct_quotes.sum() == 0


def test_what_an_institution_reports_as_said_stays_the_speakers(nlp):
    body = INTRO + "The Kremlin said Putin had told his guest that Ukraine was “a red line”."
    assert speaker_of(table_of(nlp, body), "a red line") == "Vladimir Putin"


def test_a_name_the_tagger_calls_an_organisation_speaks_when_the_article_says_so(nlp):
    # first name from the name list, and the name is the subject of a verb of saying
    body = ("Republican Brett Calloway and Democrat Angela Whitlock spent the day in Atlanta. "
            "Earlier, Calloway, 58, voted in his hometown of Tifton and told reporters, “We did the work.”")
    table = table_of(nlp, body, ["Brett Calloway", "Angela Whitlock"])
    assert speaker_of(table, "We did the work") == "Brett Calloway"


def test_a_town_that_only_follows_in_or_of_is_not_a_person(nlp):
    body = ("Angela Whitlock voted in Decatur with her husband. She grew up in Tifton.\n\n"
            "“Like a kid on Christmas Eve!” she said.")
    table = table_of(nlp, body, ["Angela Whitlock"])
    assert speaker_of(table, "Like a kid") == "Angela Whitlock"


def test_a_possessive_before_a_quoted_remark_names_its_speaker(nlp):
    body = INTRO + "Officials in Moscow still bristle at Biden's “killer” remark from the spring."
    assert speaker_of(table_of(nlp, body), "killer") == "Joe Biden"


def test_of_two_presidents_the_one_just_written_about_is_the_president(nlp):
    body = ("South African President Cyril Ramaphosa met Nigerian President Bola Tinubu in Abuja.\n\n"
            "Later, Ramaphosa addressed a business forum.\n\n"
            "“Africa will rise on trade,” the president said.")
    table = table_of(nlp, body, ["Cyril Ramaphosa", "Bola Tinubu"])
    assert speaker_of(table, "Africa will rise") == "Cyril Ramaphosa"


@pytest.mark.parametrize(
    "body,quote,speaker",
    [
        # a fronted phrase's object is not the main clause's pronoun
        (INTRO + "Standing beside Putin at the villa, he described the relationship as “family”.", "family",
         "Joe Biden"),
        # ... but the subject of a clause on the pronoun's own verb is
        (INTRO + "When Putin arrived at the villa, he said the talks were “overdue”.", "overdue", "Vladimir Putin"),
        # a subject the parser hangs on a phrase before it
        (INTRO + "Back in Canberra, the opposition leader, Karen Pike, dismissed the trip as a “selfie tour”.",
         "selfie tour", "Karen Pike"),
        # a role phrase with a country nobody was tied to names the person written about
        ("When Joe Biden stepped off the plane in Geneva, the American president said ties were "
         "“more important than ever”. Vladimir Putin arrived later.", "more important", "Joe Biden"),
        # a quoted word before a possessive's talk is the possessor's
        (INTRO + "Biden's “family” talk did not impress everyone.", "family", "Joe Biden"),
    ],
    ids=["fronted-phrase", "clause-on-own-verb", "misparsed-subject", "role-with-country", "possessive-talk"],
)
def test_who_a_pronoun_role_or_misparsed_subject_names(nlp, body, quote, speaker):
    assert speaker_of(table_of(nlp, body), quote) == speaker


def test_a_country_outside_the_hand_list_is_no_person(nlp):
    # GeoNames gives every country and capital: "New Zealand, a country …" names no one
    doc = parse(article_from_text("Leaders meet\n\n" + INTRO + "Trade with New Zealand, a country of five million, "
                                  "is small."), nlp)
    t = entity_table(doc)
    assert "New Zealand" not in set(t[t.label == "PERSON"].text)


def test_the_one_asked_does_not_speak(nlp):
    # "was asked whether he feared “…”": the words are the questioner's, not the president's
    table = table_of(nlp, INTRO + "Putin was asked whether he feared “donor fatigue”. He did not answer.")
    assert speaker_of(table, "donor fatigue") is None


def test_the_one_quoted_in_the_passive_speaks(nlp):
    table = table_of(nlp, INTRO + "Putin was quoted by TASS as saying the talks were “useful”.")
    assert speaker_of(table, "useful") == "Vladimir Putin"


def test_a_headline_that_repeats_a_speakers_words_is_theirs(nlp):
    doc = parse(article_from_text(
        "Biden and Putin meet — 'Trust must be earned'\n\n" + INTRO
        + "“Trust must be earned, not declared,” Biden told reporters after the talks."), nlp)
    table = quote_table(doc, LEADERS)
    rows = table[table.text.str.startswith("Trust must")]
    assert list(rows.speaker) == ["Joe Biden", "Joe Biden"] and rows.iloc[0].cue == "echo"


def test_a_headline_quotation_before_a_colon_and_a_name(nlp):
    doc = parse(article_from_text("'We are not the junior partner': Russia's Putin on the talks\n\n" + INTRO
                                  + "The talks lasted four hours."), nlp)
    table = quote_table(doc, LEADERS)
    assert speaker_of(table, "We are not") == "Vladimir Putin"


def test_a_name_the_parser_made_the_root_still_speaks(nlp):
    # the small model parses this sentence with "Brandl" as its root and "called" hung on "Democrats"
    body = (INTRO + "Markus Brandl, defence spokesman for the opposition Christian Democrats, called Thursday's "
            "package “thin on detail” and accused the chancellor of “selling headlines instead of shells.”")
    table = table_of(nlp, body)
    assert speaker_of(table, "thin on detail") == "Markus Brandl"
    assert speaker_of(table, "selling headlines") == "Markus Brandl"


def test_a_quoted_promise_is_the_promisers_but_a_term_inside_it_is_not(nlp):
    table = table_of(nlp, INTRO + "Biden came to office promising to “build it here”. Putin and Biden pledged to "
                     "restore regular “shuttle diplomacy.”")
    assert speaker_of(table, "build it here") == "Joe Biden"
    assert speaker_of(table, "shuttle diplomacy") is None


def test_a_description_the_article_gave_names_its_person(nlp):
    body = (INTRO + "Hours later, Maria Lopez, a pediatrician, told reporters she had watched on television. "
            "“It was calm,” the pediatrician said. Sam Ortiz, a former councillor, was less sure. "
            "“It was theatre,” the former councillor added.")
    table = table_of(nlp, body)
    assert speaker_of(table, "It was calm") == "Maria Lopez"
    assert speaker_of(table, "It was theatre") == "Sam Ortiz"


def test_a_description_nobody_was_given_names_nobody(nlp):
    table = table_of(nlp, INTRO + "“It was calm,” the pediatrician said.")
    assert speaker_of(table, "It was calm") is None


def test_a_counterpart_holds_the_same_office(nlp):
    # only Biden is called "President"; Putin, "his Russian counterpart", is a president too
    body = ("President Joe Biden on Wednesday received his Russian counterpart, Vladimir Putin, in Geneva. "
            "Biden spoke first.\n\nLater on Wednesday, Putin addressed a business forum in the city.\n\n"
            "“Trade will not wait,” the president said.")
    assert speaker_of(table_of(nlp, body), "Trade will not wait") == "Vladimir Putin"


def test_of_two_people_sharing_a_name_the_title_says_which(nlp):
    body = ("President Kim Min-seo and Prime Minister Haruto Sakamoto stayed out of public view on Wednesday.\n\n"
            "South Korea's foreign minister, Kim Jae-won, summoned Japan's ambassador. Kim Jae-won later spoke "
            "to lawmakers.\n\nPresident Kim, a former lawyer, took office promising a “future-oriented” "
            "relationship with Tokyo.")
    table = table_of(nlp, body, ["Kim Min-seo", "Haruto Sakamoto"])
    assert speaker_of(table, "future-oriented") == "Kim Min-seo"


def test_a_quotation_interrupted_by_a_long_cue_clause_counts_once(nlp):
    body = (INTRO + "“I'm sentimental about it,” Biden said on a recent afternoon, turning the stamp over in his "
            "hand in a campaign office above a shuttered hardware store in the old part of town. “It reminds me "
            "of the job.”\n\n“We do not rebuild only roads,” Putin went on. “We rebuild trust.”")
    table = table_of(nlp, body)
    counts = quote_counts(table, LEADERS).set_index("leader").direct_quotes
    assert counts["Joe Biden"] == 1 and counts["Vladimir Putin"] == 1


def test_a_tv_host_is_a_description_not_the_summits_host(nlp):
    table = table_of(nlp, INTRO + "CNN host Jake Tapper interviewed Biden on Sunday. “Will you meet him again?” "
                     "the CNN host asked.")
    assert speaker_of(table, "Will you meet") == "Jake Tapper"


def test_a_quotation_whose_own_verb_has_an_unnamed_subject_stays_theirs(nlp):
    # "She" is the granddaughter, whom the article does not name; the next sentence is no cue
    body = (INTRO + "Biden said his granddaughter phoned him after the count. She said, “It's over.” "
            "He did not believe her.")
    assert speaker_of(table_of(nlp, body), "It's over") is None


RACE = ("Sen. Joel Castellano, a Democrat, rallied in Des Moines on Saturday against his rival for the nomination, "
        "Gov. Patrice Oduya, also a Democrat.\n\n")
DEBATE = ("Democratic Rep. Dana Whitfield and Republican businessman Cole Brannigan met for a debate moderated "
          "by Janelle Ortiz.\n\n")


@pytest.mark.parametrize(
    "body,quote,speaker,leaders",
    [
        # a quotation over three paragraphs whose cue comes in the last: the paragraphs of the quotation do
        # not put "he" out of reach of the narrator's sentence before it
        (RACE + "He closed his speech with a story about his father.\n\n“My dad used to say the job isn't done "
         "when the pipe's in the ground.\n\n“So I'm asking you for 16 days.\n\n“And when the water runs,” he "
         "said, “we'll all know who laid the pipe.”", "And when the water", "Joel Castellano", None),
        # a subject the parser hangs on the phrase before its verb
        (RACE + "After the rally, Castellano, whose 2019 memoir, “The Long Way Home,” recounts his childhood in a "
         "steel town, told The Des Moines Register that the poll was “a gift” to his campaign.", "a gift",
         "Joel Castellano", None),
        # of two Democrats, "the Democrat" is the one the sentence before is about
        (RACE + "Castellano waved off a protester. “We've got room for everybody,” the Democrat said.",
         "We've got room", "Joel Castellano", None),
        # a name inside the quotation is not the subject of the verb after it
        (DEBATE + "“You'll have thirty seconds, Mr. Brannigan,” Ortiz replied.", "You'll have", "Janelle Ortiz",
         ["Dana Whitfield", "Cole Brannigan"]),
        # a naming verb's word, hung by the parser inside the thing named
        (DEBATE + "Brannigan called Whitfield's plan to raise the top rate “reckless” and unfair.", "reckless",
         "Cole Brannigan", ["Dana Whitfield", "Cole Brannigan"]),
        # an unnamed description before the colon: somebody the article does not name, not the last speaker
        (DEBATE + "“Taxes are too high,” Brannigan said.\n\nThe former prosecutor shot back: “My opponent has "
         "never met a tax break he didn't like.”", "My opponent", None, ["Dana Whitfield", "Cole Brannigan"]),
    ],
)
def test_cues_of_rally_and_debate_stories(nlp, body, quote, speaker, leaders):
    table = table_of(nlp, body, leaders or ["Joel Castellano", "Patrice Oduya"])
    assert speaker_of(table, quote) == speaker


@pytest.mark.parametrize(
    "sentence",
    [
        "Castellano, whose 2019 memoir, “The Long Way Home,” recounts his childhood, spoke first.",
        "Mid-debate, the Castellano campaign released a new digital ad titled “Two-Truck Garage.”",
    ],
)
def test_a_title_with_the_comma_inside_its_marks_is_nobody_s(nlp, sentence):
    # a quotation just before: a title taken for a quotation of nobody's would float on to Oduya
    table = table_of(nlp, RACE + "“We will win Iowa,” Oduya said. " + sentence, ["Joel Castellano", "Patrice Oduya"])
    rows = table[(table.kind != "indirect") & ~table.text.str.startswith("We will")]
    assert len(rows) == 1 and rows.iloc[0].speaker is None


SUMMIT = ("Helena Duarte walked off the stage in Belém on Tuesday. Colombia’s president, Andrés Felipe Salcedo, "
          "spoke after her.\n\n")
SUMMIT_LEADERS = ["Helena Duarte", "Andrés Felipe Salcedo"]


@pytest.mark.parametrize(
    "body,quote,speaker",
    [
        # an unnamed subject keeps the pronoun after it from the president named before
        (SUMMIT + "A senior Colombian official, who asked not to be named, admitted as much. “We know where the "
         "camps are,” he told the BBC. “What we don’t have is the people to hold the ground.”", "We know where",
         None),
        (SUMMIT + "A senior Colombian official, who asked not to be named, admitted as much. “We know where the "
         "camps are,” he told the BBC. “What we don’t have is the people to hold the ground.”", "What we don",
         None),
        # organisations the small model tags as people
        (SUMMIT + "Brazil’s news agency, Agência Brasil, described the meeting as “historic”.", "historic", None),
        (SUMMIT + "Greenpeace Brazil was more cautious, calling the commitment “a step, not a leap”.", "a step",
         None),
        # "the 63-year-old Brazilian president": nobody is tied to Brazil yet, and the sentence before is
        # about Duarte
        ("Maria Silva walked off the stage in Belém on Tuesday, to long applause. The 63-year-old Brazilian "
         "president had just told the hall that the Amazon was near a “point of no return”. Colombia’s "
         "president, Andrés Felipe Salcedo, spoke next.", "point of no", "Maria Silva"),
        # a quotation with no cue opening the paragraph after one about its speaker
        (SUMMIT + "Marivaldo Tembé, a leader of the Tembé people, had travelled two days by boat. Afterwards he "
         "was blunt.\n\n“Every president comes to Belém and says the forest is sacred.”", "Every president",
         "Marivaldo Tembé"),
    ],
)
def test_unnamed_sources_organisations_and_roles_at_a_summit(nlp, body, quote, speaker):
    assert speaker_of(table_of(nlp, body, SUMMIT_LEADERS), quote) == speaker


def test_a_nested_quotation_is_the_words_of_whoever_the_outer_speaker_says_spoke_them(nlp):
    body = (RACE + "“Governor Oduya says, ‘We can’t afford to go all the way.’ Well, I’ve been to Ottumwa,” "
            "Castellano said.\n\nOduya’s ally, Meg Lund, told the crowd: “When Patrice told me ‘we will win "
            "Iowa’, I believed her.”")
    table = table_of(nlp, body, ["Joel Castellano", "Patrice Oduya"])
    assert speaker_of(table, "Governor Oduya says") == "Joel Castellano"
    assert speaker_of(table, "We can’t afford") == "Patrice Oduya"
    # the cue of a nested quotation is inside the outer one: "Patrice" is no name the article gives, and
    # "told the crowd" is Lund's own cue, not the inner words' cue
    assert speaker_of(table, "we will win") is None
    counts = quote_counts(table, ["Joel Castellano", "Patrice Oduya"]).set_index("leader")
    assert counts.loc["Patrice Oduya", "direct_quotes"] == 1


TRADE = ("Opinion: the wrong trade war\n\nBy Martin Leclerc\n\nPrime Minister Bridget Carney and President Tomás "
         "Ortega Ruiz have been trading insults for a month. ")
TRADE_LEADERS = ["Bridget Carney", "Tomás Ortega Ruiz"]


@pytest.mark.parametrize(
    "body,quote,speaker",
    [
        # an op-ed's "I" is its author
        (TRADE + "In January I wrote in this space that the steel file was “the fuse nobody wants to look at.”",
         "the fuse", "Martin Leclerc"),
        # a second surname the tagger cut off stays part of the name
        (TRADE + "Ortega won the presidency promising to “recover” Mexico's mineral wealth.", "recover",
         "Tomás Ortega Ruiz"),
        # a title after the noun of a work, with its full stop inside the marks
        (TRADE + "Carney said so. Leclerc's most recent book is “Three Amigos: The Making and Unmaking of North "
         "America.”", "Three Amigos", None),
        # "put it to me": an unnamed diplomat, not the president the sentence is about
        (TRADE + "A Mexican diplomat, who asked not to be named, put it to me bluntly over coffee in Ottawa: “The "
         "president does not need Canada to like him.”", "The president does not", None),
    ],
)
def test_an_op_ed_and_its_columnist(nlp, body, quote, speaker):
    doc = parse(article_from_text(body), nlp)
    assert speaker_of(quote_table(doc, TRADE_LEADERS), quote) == speaker


PMQS = ("Rachel Hartley went into prime minister’s questions on Wednesday needing a quiet half-hour. Kwame Osei, "
        "the leader of the opposition, had clearly spent the night rehearsing.\n\n")
PMQS_LEADERS = ["Rachel Hartley", "Kwame Osei"]


@pytest.mark.parametrize(
    "body,quote,speaker",
    [
        # the parser makes "Rachel" a sentence of its own: a gendered first name before a known surname
        (PMQS + "“I did not read it,” Hartley said.", "I did not", "Rachel Hartley"),
        # "began" after a quotation is a cue
        (PMQS + "“Let me help the prime minister,” Osei began, holding up a copy.", "Let me help", "Kwame Osei"),
        # a noun for words with its owner before the quotation
        (PMQS + "“No,” Hartley said. Hartley’s reply – that Osei had sat in “the cabinet that built fewer "
         "homes” – was accurate.",
         "the cabinet", "Rachel Hartley"),
        # a question asked: the words are the asker's, not those of the one asked about
        (PMQS + "The SNP’s Callum Reid wondered whether Hartley agreed that Scotland had “already solved” it.",
         "already solved", "Callum Reid"),
        # the one prompted to speak, not the one who prompted
        (PMQS + "Hartley took questions. Priya Lal, the Liberal Democrat MP for Esher, asked about sewage, "
         "prompting Hartley to promise “a meeting at the earliest opportunity”.", "a meeting", "Rachel Hartley"),
        # the spokesperson is never the leader the article is about
        (PMQS + "Afterwards Hartley left the chamber. “The target will be met,” the spokesperson said.",
         "The target will", None),
    ],
)
def test_a_parliamentary_sketch(nlp, body, quote, speaker):
    assert speaker_of(table_of(nlp, body, PMQS_LEADERS), quote) == speaker


PRESSER = ("German Chancellor Annika Weber and Polish President Tomasz Nowak met in Berlin on Tuesday.\n\n")
PRESSER_LEADERS = ["Annika Weber", "Tomasz Nowak"]


@pytest.mark.parametrize(
    "body,quote,speaker",
    [
        # "who said": the one the relative clause is about
        (PRESSER + "Nowak smiled and deferred to Weber, who said the command would be “jointly staffed and jointly "
         "led” from the start.", "jointly staffed", "Annika Weber"),
        # an unnamed questioner after the quotation, a few words before the verb: not the last speaker
        (PRESSER + "“We are ready,” Nowak said.\n\n“Will Polish officers be giving orders to German crews?” a "
         "reporter from German broadcaster ARD asked moments later.", "Will Polish", None),
        # "according to her campaign": the campaign, not its candidate
        (PRESSER + "Weber has toured every state, “most of them twice,” according to her campaign.", "most of them",
         None),
    ],
)
def test_a_press_conference(nlp, body, quote, speaker):
    assert speaker_of(table_of(nlp, body, PRESSER_LEADERS), quote) == speaker


PRIMARY = "Claire Haddad and Daniel Okafor fought the Pennsylvania primary to the end.\n\n"
PRIMARY_LEADERS = ["Claire Haddad", "Daniel Okafor"]


@pytest.mark.parametrize(
    "body,quote,speaker",
    [
        # a name the tagger missed at the start of a sentence, marked by an age
        (PRIMARY + "Jamal Pierce, 34, a warehouse worker, said he voted for Okafor because “he's the only one "
         "talking about wages like he means it.”", "he's the only", "Jamal Pierce"),
        # a show's title after a possessive, the comma inside its marks
        (PRIMARY + "“We will win,” Okafor said. On Sunday's “Meet the Press,” he said it again.", "Meet the", None),
        # "said X had dodged … and called": the second verb is the reporter's, not the one reported on
        (PRIMARY + "A spokesman for the state party said Okafor had dodged every question and called his excuse "
         "“a dog-ate-my-homework answer.”", "a dog-ate", None),
        # the source right after the quotation is its own, whatever verb the sentence has
        (PRIMARY + "Haddad has told the story in every county, “most of them twice,” according to her campaign.",
         "most of them", None),
    ],
)
def test_a_primary_night(nlp, body, quote, speaker):
    assert speaker_of(table_of(nlp, body, PRIMARY_LEADERS), quote) == speaker


FACT_CHECK = ("AP FACT CHECK: ‘40,000 manufacturing jobs’ and other stretches in a debate\n\nHARRISBURG, Pa. (AP) — "
              "Democrat Maria Castellano, a former state treasurer, and Republican state Sen. Doug Hensley sparred "
              "over jobs on Tuesday.\n\n")
FACT_LEADERS = ["Maria Castellano", "Doug Hensley"]


@pytest.mark.parametrize(
    "body,quote,speaker",
    [
        # a fact check's speaker label in capitals before the colon
        (FACT_CHECK + "HENSLEY: “When Maria Castellano was in charge, Pennsylvania lost 40,000 manufacturing "
         "jobs.”\n\nTHE FACTS: That’s misleading.", "When Maria", "Doug Hensley"),
        # a mark before a number with a thousands comma opens a quotation (the headline's ‘40,000 …’), unlike
        # ‘90s; the headline repeats his words
        (FACT_CHECK + "HENSLEY: “Pennsylvania lost 40,000 manufacturing jobs on her watch.”", "40,000 manufacturing",
         "Doug Hensley"),
        # one leader quoting the other: "She" inside his quotation is the other leader, a woman
        (FACT_CHECK + "HENSLEY: “She told the Inquirer last year, ‘We can’t afford to raise the minimum wage.’ "
         "Now she says the opposite.”", "We can’t afford", "Maria Castellano"),
    ],
)
def test_a_fact_check(nlp, body, quote, speaker):
    doc = parse(article_from_text(body), nlp)
    assert speaker_of(quote_table(doc, FACT_LEADERS), quote) == speaker


@pytest.mark.parametrize(
    "body,quote,speaker",
    [
        # "who called" hung on the last noun of a long apposition: the person it describes
        (RACE + "Among the crowd was Mike Radtke, president of the Steelworkers local at a Chippewa Falls paper "
         "mill, who called Castellano's answer on right-to-work “the same dance we’ve seen for 10 years.”",
         "the same dance", "Mike Radtke"),
        # a union's statement: "called her" is the union's second act, not the candidate's
        (RACE + "On Monday the state's largest union endorsed Oduya. In a statement, the union said she had “a "
         "record of standing with workers” and called her “the only candidate ready to govern.”", "the only",
         None),
        # a company the small model tags as a person
        (RACE + "PT Sawit Raya Lestari said in a statement that it “has a strict zero-burning policy” on its "
         "land.", "has a strict", None),
        # a dateline in capitals is no person
        ("CHIPPEWA FALLS, Wis. — Sen. Joel Castellano faced voters on Tuesday. “I am listening,” he said.",
         "I am listening", "Joel Castellano"),
    ],
)
def test_sources_that_hang_far_from_their_words(nlp, body, quote, speaker):
    assert speaker_of(table_of(nlp, body, ["Joel Castellano", "Patrice Oduya"]), quote) == speaker


OHIO = ("Democrat Renee Castellano faces Republican Mark Dillard, the state auditor, in November.\n\n")


def test_a_quotation_closed_by_a_full_stop_takes_no_cue_from_the_next_sentence(nlp):
    body = (OHIO + "Castellano's campaign answered with its own spot, which accuses him of using the auditor's "
            "office as a “springboard.” Dillard has taken to calling his opponent's agenda “the Columbus wish "
            "list,” a line lifted from his mailers.")
    table = table_of(nlp, body, ["Renee Castellano", "Mark Dillard"])
    assert speaker_of(table, "springboard") is None
    assert speaker_of(table, "the Columbus wish list") == "Mark Dillard"


def test_what_his_campaign_describes_as_is_not_his(nlp):
    body = (OHIO + "Dillard has said he would support a federal limit at 15 weeks, a position his campaign "
            "describes as “mainstream.”")
    table = table_of(nlp, body, ["Renee Castellano", "Mark Dillard"])
    assert speaker_of(table, "mainstream") is None


def test_a_second_verb_after_a_perfect_is_the_reporters(nlp):
    # "the auditor has been clear … and accused": the spokeswoman accused, not the auditor
    body = (OHIO + "A Dillard spokeswoman said the auditor “has been clear and consistent” and accused the "
            "Castellano campaign of “trying to change the subject from the economy.”")
    table = table_of(nlp, body, ["Renee Castellano", "Mark Dillard"])
    assert speaker_of(table, "trying to change") is None


def test_a_headline_naming_two_people_before_its_colon_is_no_label(nlp):
    doc = parse(article_from_text(
        "New poll finds Whitaker, Ellington deadlocked in Senate race: 'This is a coin flip'\n\n"
        "Democrat Danielle Whitaker leads Republican Wade Ellington 46% to 45% in a new poll.\n\n"
        "\"This is a coin flip, and I don't say that lightly,\" said Jason Mabry, who directs the poll."), nlp)
    table = quote_table(doc, ["Danielle Whitaker", "Wade Ellington"])
    assert table[table.text == "This is a coin flip"].speaker.tolist() == ["Jason Mabry"]  # the headline repeats him


def test_a_nested_quotation_repeats_the_words_of_the_one_it_answers(nlp):
    body = (OHIO + "Pressed on new restrictions, he said he would “look at whatever comes to my desk.”\n\n"
            "“‘Look at whatever comes to my desk’ is not an answer. It's a hedge,” Castellano's campaign manager, "
            "Jerome Pettaway, said in a statement.\n\n"
            "His yard signs read “Law and order.” “A yard sign that says ‘Law and order’ tells you how he would "
            "rule,” Pettaway said.")
    table = quote_table(parse(article_from_text(f"Leaders meet in Geneva\n\n{body}"), nlp),
                        ["Renee Castellano", "Mark Dillard"])
    rows = table[table.text == "Look at whatever comes to my desk"]
    assert rows.speaker.tolist() == ["Mark Dillard"]  # the words he said before, quoted back at him
    assert table[table.text == "Law and order"].speaker.isna().all()  # the sign's words: nobody's
