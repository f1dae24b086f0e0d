"""Draft claims from an article's text: who said what, for which side, with which figure.

Pure code (no ORM, no settings). ``extract_claims`` reads English news prose and returns
``Candidate`` objects that an editor can accept or discard. The ``extract_claims`` command prints
them as JSON Lines.

The extractor is rule-based on purpose: it downloads nothing, it reads an article in milliseconds,
and each decision can be read, tested and argued with. The rules follow general newsroom grammar,
not the wording of particular articles:

- Attribution. A speech verb ("said", "told", "accused", "denied", "dismissed … as", "issued a
  statement", "according to") with its speaker before it ("X said", "X, an official, told",
  "X, who said"), after it ("…,” said X", "…, the ministry said"), or carried over from the verb
  before ("… and alleged", "…, adding that"). A bare quotation right after an attributed sentence
  continues it. A hedged sentence ("reportedly") right after one carries its figures. Headlines and
  bylines are skipped. Negated or hypothetical speech ("did not say", "could claim") is no claim.
- Speakers as named. Titles are dropped from people ("Russian President Vladimir Putin" becomes
  "Vladimir Putin"). "He", "she", "it", "they", "the minister" and "the group" resolve to the last
  fitting speaker when one is near. A surname resolves to the full name printed elsewhere in the
  article.
- Sides come from the speaker's description: demonyms and country names, capitals used as
  metonyms ("Baku said"), roles ("a ministry spokesman" after a ministry spoke), and the caller's
  own sides and actors. Think tanks, institutes and monitors are the Independent side.
- Stance and accused side. "Denied", "rejected the claim" and "our forces did not" deny.
  "Accused X of", "blamed X for" and "X's forces fired/shelled/…" name who is blamed. A denial of
  "this" denies what the other side alleged; rejecting "the accusation" makes the speaker the
  accused side.
- Figures. A count with its qualifier ("more than 2,000", "nearing 5,000", "dozens", "between 260
  and 280") found in the attributed words and read by ``claims.figures.parse_figure``. Each figure
  gives one candidate. Dates, times, years, distances, ages and money are not figures. Figures in the
  article's own voice are not candidates: an editor records attributed claims.

``tests/data/gold/README.md`` states these decisions as an editor would apply them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from claims.figures import FigureError, parse_figure

__all__ = ["ASSERTS", "DENIES", "FIELDS", "INDEPENDENT", "Candidate", "default_sides", "extract_claims"]

ASSERTS = "asserts"
DENIES = "denies"
INDEPENDENT = "Independent"
FIELDS = (
    "claimant",
    "side",
    "stance",
    "accused_side",
    "figure",
    "qualifier",
    "value",
    "value_max",
    "quote",
    "start",
    "end",
    "confidence",
)


@dataclass
class Candidate:
    """One attributed claim found in a text; ``text[start:end] == quote``."""

    claimant: str
    side: str | None
    stance: str
    accused_side: str | None
    figure: str | None
    qualifier: str | None
    value: int | None
    value_max: int | None
    quote: str
    start: int
    end: int
    confidence: float

    def as_dict(self) -> dict:
        """Return the candidate with the keys the ``extract_claims`` command prints."""
        return asdict(self)


# --------------------------------------------------------------------------------------
# Sides: countries with their names, demonyms and seats of government.
# "Name | aliases anywhere in a description | capitals, which stand for the side only
# on their own ("Baku said") or as a possessive ("Moscow's claims")".
# --------------------------------------------------------------------------------------
_COUNTRIES = """
Afghanistan | Afghan | Kabul
Albania | Albanian | Tirana
Algeria | Algerian | Algiers
Angola | Angolan | Luanda
Argentina | Argentine, Argentinian | Buenos Aires
Armenia | Armenian, Artsakh | Yerevan, Stepanakert
Australia | Australian | Canberra
Austria | Austrian | Vienna
Azerbaijan | Azerbaijani, Azeri | Baku
Bahrain | Bahraini | Manama
Bangladesh | Bangladeshi | Dhaka
Belarus | Belarusian, Belarussian | Minsk
Belgium | Belgian |
Bolivia | Bolivian | La Paz
Bosnia and Herzegovina | Bosnian, Bosnia | Sarajevo
Brazil | Brazilian | Brasilia, Brasília
Bulgaria | Bulgarian | Sofia
Burkina Faso | Burkinabe | Ouagadougou
Burundi | Burundian | Gitega
Cambodia | Cambodian, Khmer | Phnom Penh
Cameroon | Cameroonian | Yaounde, Yaoundé
Canada | Canadian | Ottawa
Central African Republic | Central African | Bangui
Chad | Chadian | N'Djamena
Chile | Chilean | Santiago
China | Chinese, People's Republic of China, PRC | Beijing
Colombia | Colombian | Bogota, Bogotá
Democratic Republic of the Congo | Congo, Congolese, DR Congo, DRC, Democratic Republic of Congo | Kinshasa
Republic of the Congo | Congo-Brazzaville | Brazzaville
Croatia | Croatian, Croat | Zagreb
Cuba | Cuban | Havana
Cyprus | Cypriot | Nicosia
Czech Republic | Czech, Czechia | Prague
Denmark | Danish, Dane | Copenhagen
Ecuador | Ecuadorian | Quito
Egypt | Egyptian | Cairo
El Salvador | Salvadoran | San Salvador
Eritrea | Eritrean | Asmara
Estonia | Estonian | Tallinn
Ethiopia | Ethiopian | Addis Ababa
Finland | Finnish, Finn | Helsinki
France | French, Elysee, Élysée | Paris
Georgia | Georgian | Tbilisi
Germany | German | Berlin
Ghana | Ghanaian | Accra
Greece | Greek | Athens
Guatemala | Guatemalan | Guatemala City
Haiti | Haitian | Port-au-Prince
Honduras | Honduran | Tegucigalpa
Hungary | Hungarian | Budapest
India | Indian | New Delhi
Indonesia | Indonesian | Jakarta
Iran | Iranian, Persian, Islamic Republic | Tehran
Iraq | Iraqi | Baghdad
Ireland | Irish | Dublin
Israel | Israeli, IDF | Jerusalem
Italy | Italian | Rome
Ivory Coast | Ivorian, Cote d'Ivoire, Côte d'Ivoire | Abidjan, Yamoussoukro
Japan | Japanese | Tokyo
Jordan | Jordanian | Amman
Kazakhstan | Kazakh | Astana
Kenya | Kenyan | Nairobi
Kosovo | Kosovar, Kosovan | Pristina
Kuwait | Kuwaiti | Kuwait City
Kyrgyzstan | Kyrgyz | Bishkek
Laos | Lao, Laotian | Vientiane
Latvia | Latvian | Riga
Lebanon | Lebanese | Beirut
Libya | Libyan | Tripoli
Lithuania | Lithuanian | Vilnius
Malaysia | Malaysian | Kuala Lumpur
Mali | Malian | Bamako
Mauritania | Mauritanian | Nouakchott
Mexico | Mexican | Mexico City
Moldova | Moldovan | Chisinau
Mongolia | Mongolian | Ulaanbaatar
Montenegro | Montenegrin | Podgorica
Morocco | Moroccan | Rabat
Mozambique | Mozambican | Maputo
Myanmar | Burmese, Burma | Naypyidaw, Naypyitaw
Nepal | Nepali, Nepalese | Kathmandu
Netherlands | Dutch | The Hague
New Zealand | New Zealander | Wellington
Nicaragua | Nicaraguan | Managua
Niger | Nigerien | Niamey
Nigeria | Nigerian | Abuja
North Korea | North Korean, DPRK | Pyongyang
North Macedonia | Macedonian | Skopje
Norway | Norwegian | Oslo
Oman | Omani | Muscat
Pakistan | Pakistani | Islamabad
Palestine | Palestinian | Ramallah
Panama | Panamanian | Panama City
Paraguay | Paraguayan | Asuncion, Asunción
Peru | Peruvian | Lima
Philippines | Filipino, Philippine | Manila
Poland | Polish, Pole | Warsaw
Portugal | Portuguese | Lisbon
Qatar | Qatari | Doha
Romania | Romanian | Bucharest
Russia | Russian, Russian Federation, Kremlin | Moscow
Rwanda | Rwandan | Kigali
Saudi Arabia | Saudi | Riyadh
Senegal | Senegalese | Dakar
Serbia | Serbian, Serb | Belgrade
Slovakia | Slovak | Bratislava
Slovenia | Slovenian, Slovene | Ljubljana
Somalia | Somali | Mogadishu
South Africa | South African | Pretoria
South Korea | South Korean, Republic of Korea | Seoul
South Sudan | South Sudanese | Juba
Spain | Spanish | Madrid
Sri Lanka | Sri Lankan | Colombo
Sudan | Sudanese | Khartoum
Sweden | Swedish, Swede | Stockholm
Switzerland | Swiss | Bern
Syria | Syrian | Damascus
Taiwan | Taiwanese | Taipei
Tajikistan | Tajik | Dushanbe
Tanzania | Tanzanian | Dodoma
Thailand | Thai | Bangkok
Tunisia | Tunisian | Tunis
Turkey | Turkish, Turk, Türkiye, Turkiye | Ankara
Turkmenistan | Turkmen | Ashgabat
Uganda | Ugandan | Kampala
Ukraine | Ukrainian | Kyiv, Kiev
United Arab Emirates | Emirati, UAE | Abu Dhabi
United Kingdom | British, Briton, UK, U.K., Britain, Great Britain, Downing Street, Whitehall, Foreign Office | London
United States | US, U.S., USA, U.S.A., American, America, United States of America | Washington
United States | State Department, Pentagon, White House |
Uruguay | Uruguayan | Montevideo
Uzbekistan | Uzbek | Tashkent
Venezuela | Venezuelan | Caracas
Vietnam | Vietnamese | Hanoi
Yemen | Yemeni | Sanaa, Sana'a
Zambia | Zambian | Lusaka
Zimbabwe | Zimbabwean | Harare
"""

# Descriptions that mark a speaker with no national side: research, monitoring, aid.
_INDEPENDENT_MARKERS = frozenset(
    {
        "think tank",
        "think-tank",
        "institute",
        "university",
        "analyst",
        "analysts",
        "expert",
        "experts",
        "researcher",
        "researchers",
        "academic",
        "professor",
        "independent",
        "watchdog",
        "monitoring group",
        "monitoring",
        "monitors",
        "observatory",
        "ngo",
        "amnesty international",
        "human rights watch",
        "crisis group",
        "doctors without borders",
        "médecins sans frontières",
        "medecins sans frontieres",
        "msf",
        "red cross",
        "icrc",
    }
)
# Word sequences that contain an alias but name no side.
_NOT_SIDES = frozenset(
    {
        "latin america",
        "south america",
        "central america",
        "north america",
        "persian gulf",
        "indian ocean",
        "new mexico",
        "turkish airlines",
    }
)


def _alias(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _build_country_tables() -> tuple[dict[str, str], dict[str, str]]:
    aliases: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for line in _COUNTRIES.strip().splitlines():
        name, names, seats = (part.strip() for part in line.split("|"))
        for word in [name, *filter(None, (n.strip() for n in names.split(",")))]:
            aliases[_alias(word)] = name
            if word[-1:] in ("n", "i") and not word.endswith("ian Federation"):
                aliases[_alias(word) + "s"] = name  # Armenians, Azeris, Afghans
        for seat in filter(None, (s.strip() for s in seats.split(","))):
            capitals[_alias(seat)] = name
    return aliases, capitals


_BUILTIN_ALIASES, _BUILTIN_CAPITALS = _build_country_tables()


def default_sides() -> dict[str, str]:
    """Return the built-in table of lower-case aliases (names, demonyms, capitals) to side names."""
    return {**_BUILTIN_CAPITALS, **_BUILTIN_ALIASES}


# --------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SAY = _words(
    """said says say told tells declared declares claimed claims alleged alleges announced
    announces reported reports stated states insisted insists warned warns noted notes added
    adds confirmed confirms asserted asserts argued argues maintained maintains estimated
    estimates tweeted tweets wrote writes explained explains stressed stresses emphasised
    emphasized acknowledged acknowledges admitted admits charged revealed contended countered
    responded replied repeated reiterated informed"""
)
_ACCUSE = _words("accused accuses accuse blamed blames blame")
_DENY = _words("denied denies deny rejected rejects dismissed dismisses refuted refutes disputed disputes rebuffed")
_DENY_NEEDS_OBJECT = _words("rejected rejects dismissed dismisses disputed disputes rebuffed")
_PARTICIPLES = {
    "saying": "say",
    "adding": "say",
    "claiming": "say",
    "alleging": "say",
    "insisting": "say",
    "warning": "say",
    "stating": "say",
    "noting": "say",
    "declaring": "say",
    "announcing": "say",
    "arguing": "say",
    "asserting": "say",
    "stressing": "say",
    "explaining": "say",
    "confirming": "say",
    "reporting": "say",
    "estimating": "say",
    "accusing": "accuse",
    "blaming": "accuse",
    "denying": "deny",
    "rejecting": "deny",
    "dismissing": "deny",
    "refuting": "deny",
}
_TOLD = _words("told tells informed")
_DOC_VERBS = _words("issued released published posted shared")
_DOC_NOUNS = _words(
    """statement statements tweet tweets post posts message messages communique communiqué release video
    report reports reporting bulletin update note"""
)
_ACCUSATIONS = _words("accusation accusations allegation allegations charge charges")
_CLAIM_HEADS = _words(
    "claim claims accusation accusations allegation allegations charge charges report reports account"
)
_CLAIM_NOUNS = _words(
    """claim claims accusation accusations allegation allegations charge charges report reports
    account accounts assertion assertions statement statements version reporting this it that
    them these those"""
)
_DENIAL_WORDS = _words(
    """baseless groundless false untrue fabricated fabrication fabrications lie lies
    disinformation misinformation slander fake propaganda nonsense absurd"""
)

# Heads of a description that can speak.
_SPEAKER_NOUNS = _words(
    """official officials ministry ministries minister ministers spokesman spokeswoman
    spokesperson spokespeople government army military authorities authority sources source
    diplomat diplomats analyst analysts expert experts observer observers resident residents
    witness witnesses leader leaders commander commanders president presidency office service
    services committee council ombudsman agency agencies media outlet newspaper daily channel
    broadcaster site website prosecutor prosecutors police statement report reports tweet
    think-tank institute group groups organisation organization organisations organizations
    monitor monitors movement militia rebels separatists command headquarters embassy envoy
    ambassador governor mayor premier chancellor general colonel medics doctors paramedics
    rescuers workers activists journalists officers aide aides adviser advisers advisor
    spokesmen head chief secretary department staff team teams wing force forces troops
    news press agency lawmakers parliament senator alliance coalition bloc mission body outfit"""
)
# Lower-case words that may stand inside a speaker's description.
_NP_MODIFIERS = _words(
    """senior top military government foreign defence defense interior local unnamed
    separatist state state-run state-owned official former deputy chief presidential regional
    international independent western opposition rebel security health emergency emergencies
    news press human rights humanitarian civilian border armed aid medical army national federal
    provincial district municipal city de facto self-proclaimed breakaway monitoring think
    tank intelligence ministry general staff public prime first acting interim paramilitary
    sources anonymous unidentified air naval ground special coast media wing"""
)
_DETERMINERS = _words("the a an one some several many both its his her their our this that these those")
_PRONOUNS = _words("he she they it we")
_GENERIC_ORGS = _words(
    "group organisation organization movement militia force outfit alliance coalition bloc agency mission body"
)
# Words that name the same kind of body: a "junta spokesman" speaks for the "military government".
_ROLE_SYNONYMS = {
    "junta": "government",
    "regime": "government",
    "administration": "government",
    "cabinet": "government",
    "military": "military",
}
_TITLES = _words(
    """president prime minister foreign defence defense interior deputy secretary of state
    spokesman spokeswoman spokesperson ambassador general gen. gen colonel col. col major
    maj. lieutenant lt. captain capt. commander chief senator sen. governor mayor king
    queen prince emir sheikh chancellor premier official officer envoy adviser advisor aide
    analyst expert researcher professor prof. dr. dr mr. mr mrs. mrs ms. ms director head
    leader chairman chairwoman representative ombudsman regional provincial national foreign
    army military police security senior top former acting interim"""
)
_ORG_WORDS = _words(
    """affairs ministry department office council committee agency service services forces army
    government institute university centre center group union party organisation
    organization borders nations court bank press post times news radio tv television
    monitor watch international republic kremlin house assembly parliament command
    headquarters embassy mission commission foundation association network guard guards
    corps police fund bureau authority authorities daily journal herald tribune gazette
    observatory coalition alliance front movement brigade battalion"""
)
# Titles that can stand right before a name: "President Aliyev", "spokesman Ivan Sorokin".
_HEAD_TITLES = _words(
    """president minister spokesman spokeswoman spokesperson ambassador general gen. colonel
    col. major maj. lieutenant lt. captain capt. commander chief senator sen. governor mayor
    king queen prince emir sheikh chancellor premier official officer envoy adviser advisor
    aide analyst expert researcher professor prof. dr. dr mr. mr mrs. mrs ms. ms director head
    leader chairman chairwoman representative ombudsman secretary state journalist
    correspondent reporter editor commentator activist lawyer prosecutor judge"""
)
_MEDIA_DESCRIPTORS = _words("news site website newspaper daily agency channel broadcaster outlet think-tank")
_CAP_STOP = _words(
    """however but and or so yet meanwhile also then while when after before as if although
    though since because despite for on in at by with last this that these those it he she
    they we i you there here thus still instead even later earlier according asked speaking
    what who which where how why nevertheless moreover furthermore besides separately
    elsewhere further"""
)
_DAYS_MONTHS = _words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec"""
)
_ADVERBS = _words(
    """however also then later again repeatedly previously earlier separately meanwhile too
    has have had flatly categorically strongly swiftly quickly promptly publicly officially
    formally angrily immediately firmly vehemently initially subsequently further once
    already recently yesterday today tonight overnight first last now would will long still yet
    often since"""
)
_TIME_WORDS = _words("week weekend night month morning evening afternoon day year last this on late early")
_NOT_ADVERBS = _words("nearly roughly approximately only early likely daily weekly monthly family")
_PAST_AUX = _words("did does do had has have was were is are")
_NEGATIONS = _words("not never no cannot")
_BE = _words("was were been being be is are")
_MODALS = _words("could might may should must")
_INNER_PREPS = _words("of for from in at")
_POSSESSIVE = frozenset({"’s", "'s"})
_RECIPIENTS = _words(
    """reporters journalists parliament lawmakers legislators news conference agency
    media television tv state radio press briefing broadcaster channel newspaper website
    senators diplomats envoys me him her them us audience crowd supporters"""
)
_CONNECTORS = _words("while whereas and but as although though ; , —")

_HOSTILE = _words(
    """fired fire fires firing shelled shelling shells attacked attacking attacks struck
    strike strikes striking bombed bombing bombs bombarded bombarding shot shooting killed
    killing kills targeted targeting targets violated violating violates breached breaching
    breaches broke breaking launched launching launches started starting provoked provoking
    destroyed destroying downed ambushed massacred executed tortured abducted kidnapped looted
    torched invaded invading raided raiding hit hitting"""
)
_CASUALTY = _words("killed wounded injured died dead hurt casualties deaths wounding killing injuring")
_BLAME_NOUNS = _words(
    """shelling shells attack attacks strike strikes airstrike airstrikes bombardment
    bombardments bombing bombings aggression provocation provocations violation violations
    crime crimes atrocity atrocities massacre invasion incursion incursions offensive raid
    raids terrorism terrorist sabotage"""
)
_FORCE_NOUNS = _words(
    """forces troops army military artillery soldiers units drones jets aircraft warplanes
    side militants fighters rebels separatists militia gunmen snipers missiles rockets shells
    navy servicemen positions"""
)
_OWN_REFS = _words("its our their we own")
_HEDGES = _words("reportedly allegedly purportedly")
_ANAPHORA = _words("this it that these those them")
_ARTICLES = _words("the a an")
_DO = _words("did does do")
_TARGET_PREPS = _words("on at against toward towards into of to from over")
_CLAUSE_WORDS = _words("that while but whereas which who although though")
_ADVERBIAL_PREPS = _words("on in at during via through by over from to after last this late early")
_TERMINAL = frozenset('.!?…:;,"”’»)]')
_OPENERS = frozenset({'"', "“", "«", "„"})
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,7}")
_ABBREVIATED = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]\.|(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Prof)\.")
_PUT_TOLL = re.compile(r"put (?:the|its|their) (?:\w+ )?(?:toll|tally|number|figure) at\b", re.IGNORECASE)

# --------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------
_UNIT = "one|two|three|four|five|six|seven|eight|nine"
_NUM_WORD = (
    rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:{_UNIT}))?"
    rf"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{_UNIT})"
)
_WORD_NUMBER = rf"{_NUM_WORD}(?: (?:hundred|thousand|million))?(?: (?:and )?{_NUM_WORD}(?: (?:hundred|thousand))?)?"
_DIGITS = (
    r"\d{1,3}(?:(?:,|\.|\u202f|\u00a0|\u2009)\d{3})+(?![\d.,]\d)"  # 2,300 2.300
    r"|\d{1,3}(?: \d{3})+(?!\d)"  # 2 300
    r"|\d+(?:\.\d+)?(?: (?:million|thousand))?"  # 25, 1.5 million
)
_NUMBER = rf"(?:{_DIGITS}|{_WORD_NUMBER})"
_QUALIFIER = (
    r"at least|no less than|not less than|no fewer than|a minimum of|more than|upwards of|upward of|"
    r"in excess of|just over|at most|up to|no more than|not more than|a maximum of|less than|fewer than|"
    r"just under|close to|an estimated|estimated|approximately|about|around|roughly|some|nearly|nearing|as many as|"
    r"almost|over|above|under|below|~"
)
_VAGUE = (
    r"(?:tens|dozens|hundreds|thousands|millions)(?: of (?:thousands|millions))?"
    r"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten) dozen"
)
_FIGURE = re.compile(
    rf"(?<![\w.,\-–/:$€£])(?:(?P<qual>{_QUALIFIER})\s)?"
    rf"(?:between (?P<a>{_NUMBER}) and (?P<b>{_NUMBER})"
    rf"|(?P<vague>{_VAGUE})"
    rf"|(?P<r1>{_NUMBER}) ?(?:-|–|—|to) ?(?P<r2>{_NUMBER})"
    rf"|(?P<n>{_NUMBER})(?P<plus>\+)?)"
    r"(?![\w%])",
    re.IGNORECASE,
)
_SINGLE_CASUALTY = re.compile(
    r"\b(?:a|an|one)\s(?:[\w-]+\s){0,2}?(?:soldier|civilian|serviceman|servicewoman|person|child|woman|man|"
    r"officer|policeman|fighter|journalist|worker|resident|medic|guard|border guard)\s(?:was|has been|had been|is)\s"
    r"(?:killed|wounded|injured|hurt|captured|detained|abducted)\b",
    re.IGNORECASE,
)
_NOT_COUNTED = _words(
    """km kilometres kilometers kilometre kilometer miles mile metres meters metre meter m
    hours hour minutes minute seconds second days day weeks week months month years year
    decades decade percent per cent a.m p.m am pm gmt utc local o'clock degrees tonnes
    tons kg dollars euros pounds manat rubles roubles dram drams hryvnia mm calibre caliber
    sides side countries nations parties times occasions rounds st nd rd th years-old
    year-old bn billion"""
)
_COUNT_WORDS = _words(
    """dead killed wounded injured people persons civilians soldiers troops servicemen
    children women men prisoners captives hostages casualties deaths others more"""
)
_NOT_PLURAL = _words(
    "this was has is his its as us yes whereas always perhaps across less unless thus its towards afterwards besides"
)
# The writer's comment after reported words: "—which would mean", ", a far higher number than".
_COMMENTARY = re.compile(
    r"\s?[—–]\s?(?:which|something|a claim|an assertion)\b"
    r"|,(?P<q>[”\"’]?)\s(?:a|an)\s(?:[\w-]+\s){0,3}?"
    r"(?:number|figure|fact|claim|assertion|allegation|charge|toll|estimate|account)\b",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------------------
# Text preparation
# --------------------------------------------------------------------------------------
_WS = re.compile(r"\s+")
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"
    r"|(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|Prof|St|Adm|Brig|Cpl|Jr|Sr)\.(?=\s)"
    r"|[A-Z]\.(?= [A-Z])"
    r"|[’']s\b"
    r"|\w+(?:[-‐‑]\w+)*(?:[’'](?!s\b)\w+)*"
    r"|[^\w\s]"
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’»)\]]*(?= +[\"“‘«(\[]?[A-Z0-9])|\n")
_ABBREVIATIONS = _words(
    "mr mrs ms dr gen lt col maj capt sgt sen rep gov prof st adm brig cpl jr sr no vs etc inc ltd co jan feb "
    "mar apr jun jul aug sep sept oct nov dec"
)
_OPEN_QUOTES = {"“": "”", "«": "»", "„": "“”", '"': '"'}
_CLOSE_QUOTES = frozenset('”»"')
_MAX_QUOTE = 3000
_MAX_FIGURES = 20  # per attributed passage


@dataclass(slots=True)
class _Tok:
    text: str
    lower: str
    start: int
    end: int
    quoted: bool

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def word(self) -> bool:
        return self.text[:1].isalnum()


class _Doc:
    """The article with whitespace runs collapsed, mapped back to the original offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm, self.origin = self._normalise(text)
        self.quotes = self._quotes()
        inside = bytearray(len(self.norm))
        for open_at, close_at in self.quotes:
            inside[open_at + 1 : close_at] = b"\x01" * (close_at - open_at - 1)
        self.inside = inside
        self.toks = [
            _Tok(m.group(), m.group().lower().replace("’", "'"), m.start(), m.end(), bool(inside[m.start()]))
            for m in _TOKEN.finditer(self.norm)
        ]
        self.sentences = self._sentences()

    @staticmethod
    def _normalise(text: str) -> tuple[str, list[int]]:
        parts: list[str] = []
        origin: list[int] = []
        pos = 0
        for m in _WS.finditer(text):
            a, b = m.span()
            parts.append(text[pos:a])
            origin.extend(range(pos, a))
            pos = b
            if a == 0 or b == len(text):
                continue
            run = m.group()
            after = text[b]
            if "\n" in run and text[a - 1] == "-" and a >= 2 and text[a - 2].isalpha() and after.isalpha():
                continue  # a word hyphenated across lines: "Nagorno-\nKarabakh"
            if run.count("\n") >= 2 and not after.islower():
                parts.append("\n")  # a paragraph break, unless the sentence runs on
            else:
                parts.append(" ")
            origin.append(a)
        parts.append(text[pos:])
        origin.extend(range(pos, len(text)))
        return "".join(parts), origin

    def _quotes(self) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        opened = -1
        closers = ""
        for i, ch in enumerate(self.norm):
            if ch == "\n":
                opened = -1
            elif opened >= 0 and ch in closers:
                spans.append((opened, i))
                opened = -1
            elif ch in _OPEN_QUOTES:
                opened, closers = i, _OPEN_QUOTES[ch]
            if opened >= 0 and i - opened > _MAX_QUOTE:
                opened = -1
        return spans

    def _sentences(self) -> list[tuple[int, int]]:
        """Return sentences as token index ranges; quotations are never split."""
        cuts = [0]
        norm = self.norm
        for m in _SENTENCE_END.finditer(norm):
            end = m.end()
            if m.group() != "\n":
                if self.inside[end - 1]:
                    continue
                word = re.search(r"(\w+)\W*$", norm[max(0, m.start() - 12) : m.start() + 1])
                if word and (word.group(1).lower() in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", word.group(1))):
                    continue
            cuts.append(end)
        cuts.append(len(norm) + 1)
        sentences = []
        t = 0
        toks = self.toks
        for a, b in zip(cuts, cuts[1:], strict=False):
            first = t
            while t < len(toks) and toks[t].start < b:
                t += 1
            if t > first and toks[first].start >= a:
                sentences.append((first, t))
        return sentences

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Map a normalised [a, b) span to the original text."""
        return self.origin[a], self.origin[b - 1] + 1

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """Return the quotation that opens at ``pos``."""
        i = bisect.bisect_left(self.quotes, (pos, -1))
        return self.quotes[i] if i < len(self.quotes) and self.quotes[i][0] == pos else None

    def quotes_in(self, a: int, b: int) -> list[tuple[int, int]]:
        """Return the quotations that open inside [a, b)."""
        i = bisect.bisect_left(self.quotes, (a, -1))
        j = bisect.bisect_left(self.quotes, (b, -1))
        return self.quotes[i:j]


# --------------------------------------------------------------------------------------
# Lexicon: who belongs to which side
# --------------------------------------------------------------------------------------
class _Lexicon:
    def __init__(self, sides: Mapping[str, str] | None, actors: Mapping[str, str] | None) -> None:
        aliases = dict(_BUILTIN_ALIASES)
        capitals = dict(_BUILTIN_CAPITALS)
        rename: dict[str, str] = {}
        for alias, name in (sides or {}).items():
            builtin = aliases.get(_alias(alias)) or capitals.get(_alias(alias))
            if name and builtin and builtin != name:
                rename[builtin] = name
            if name and _alias(alias) == _alias(INDEPENDENT):
                rename[INDEPENDENT] = name
        self.aliases = {a: rename.get(s, s) for a, s in aliases.items()}
        self.capitals = {a: rename.get(s, s) for a, s in capitals.items()}
        for alias, name in (sides or {}).items():
            if name:
                self.aliases[_alias(alias)] = name
        self.actors = {_alias(a): s for a, s in (actors or {}).items() if a and s}
        self.independent = rename.get(INDEPENDENT, INDEPENDENT)
        words = (len(a.replace("'s", " 's").split()) for a in [*self.aliases, *self.actors, *_INDEPENDENT_MARKERS])
        self.longest = min(max(words, default=1), 8)

    def mentions(self, toks: list[_Tok], a: int, b: int) -> list[tuple[int, int, str, str]]:
        """Return (first, end, side, kind) for each side named in toks[a:b]; kind is actor, alias or capital."""
        found = []
        i = a
        while i < b:
            step = 1
            for n in range(min(self.longest, b - i), 0, -1):
                words = toks[i : i + n]
                if not words[0].word or not words[-1].word:
                    continue
                key = " ".join(t.lower for t in words).replace(" 's", "'s")
                if key in _NOT_SIDES:
                    step = n
                    break
                if len(key) <= 3 and not all(t.text.isupper() for t in words):
                    continue  # "us" is not the US
                hit = None
                if key in self.actors:
                    hit = (self.actors[key], "actor")
                elif key in self.aliases:
                    hit = (self.aliases[key], "alias")
                elif key in self.capitals and words[0].cap:
                    hit = (self.capitals[key], "capital")
                if hit:
                    found.append((i, i + n, *hit))
                    step = n
                    break
            i += step
        return found

    def independent_in(self, toks: list[_Tok], a: int, b: int) -> bool:
        lowers = [t.lower for t in toks[a:b]]
        for n in (3, 2, 1):
            for i in range(len(lowers) - n + 1):
                if " ".join(lowers[i : i + n]) in _INDEPENDENT_MARKERS:
                    return True
        return False


# --------------------------------------------------------------------------------------
# Speakers and statements
# --------------------------------------------------------------------------------------
@dataclass(eq=False)
class _Speaker:
    name: str
    side: str | None
    person: bool
    plural: bool
    roles: frozenset[str]
    sentence: int
    resolved: bool = False  # came from "he", "the minister", …
    named: bool = True  # False for a bare role: "medics", "a spokesman"

    def again(self, s_idx: int) -> _Speaker:
        """Return this speaker as the antecedent of a later mention."""
        return _Speaker(self.name, self.side, self.person, self.plural, self.roles, s_idx, True, self.named)


@dataclass(eq=False)
class _Segment:
    start: int  # normalised offsets of the attributed words
    end: int
    direct: bool  # the words are one quotation
    quote: tuple[int, int]  # normalised span offered as the quote


@dataclass(eq=False)
class _Statement:
    speaker: _Speaker
    kind: str  # say, doc, accuse, deny, according
    sentence: int
    trigger: int  # token index of the attribution verb
    clause_start: int  # token index where this statement's clause begins
    stance: str = ASSERTS
    accused: str | None = None
    segments: list[_Segment] = field(default_factory=list)
    pending: int | None = None  # token index where words after the verb begin, until their end is known
    confidence: float = 0.75
    figures_only: bool = False  # a hedged continuation: only its figures are claims
    has_quote: bool = False
    guessed_blame: bool = False
    self_act: bool = False  # the speaker reports its own side's act: "it had targeted an army post"


class _Extractor:
    def __init__(self, text: str, lex: _Lexicon) -> None:
        self.doc = _Doc(text)
        self.lex = lex
        self.toks = self.doc.toks
        self.people: dict[str, tuple[str, str | None]] = {}
        self.history: list[_Speaker] = []
        self.statements: list[_Statement] = []
        self.current: list[_Statement] = []
        self.relative: dict[int, int] = {}  # denial verb → start of the claim it denies: "a claim X rejected"
        self._scan_people()

    # ----- people named with a title anywhere in the article -------------------------
    def _scan_people(self) -> None:
        toks = self.toks
        i = 0
        while i < len(toks):
            if toks[i].lower not in _TITLES:
                i += 1
                continue
            j = i
            while j < len(toks) and toks[j].lower in _TITLES:
                j += 1
            k = j
            while k < len(toks) and k - j < 4 and self._name_token(toks[k]):
                k += 1
            if k > j and toks[j - 1].lower in _HEAD_TITLES:
                a = i
                while a > 0 and a > i - 3 and (toks[a - 1].cap or toks[a - 1].text in _POSSESSIVE):
                    a -= 1
                self._remember_person(j, k, self._side_of_tokens(a, j))
            i = max(k, i + 1)

    def _name_token(self, t: _Tok) -> bool:
        if re.fullmatch(r"[A-Z]\.", t.text):
            return True
        return (
            t.cap
            and t.word
            and t.lower not in _TITLES
            and t.lower not in _ORG_WORDS
            and t.lower not in _CAP_STOP
            and t.lower not in _DAYS_MONTHS
            and t.lower not in self.lex.aliases
            and t.lower not in self.lex.capitals
            and t.lower not in self.lex.actors
        )

    def _remember_person(self, a: int, b: int, side: str | None) -> str:
        full = self._text(a, b)
        known = self.people.get(full.lower())
        if known and known[1] and not side:
            side = known[1]
        self.people[full.lower()] = (full, side)
        last = self.toks[b - 1].lower
        if b - a > 1:
            current = self.people.get(last)
            if current is None or current[0] == full or (side and not current[1]):
                self.people[last] = (full, side)
        return full

    # ----- helpers -------------------------------------------------------------------
    def _text(self, a: int, b: int) -> str:
        return self.doc.norm[self.toks[a].start : self.toks[b - 1].end]

    def _side_of_tokens(self, a: int, b: int, *, whole: bool = False) -> str | None:
        """The one side named in toks[a:b]; a capital counts alone ("Baku") or as a possessive."""
        toks = self.toks
        sides = []
        found = self.lex.mentions(toks, a, b)
        actors = [side for _i, _j, side, kind in found if kind == "actor"]
        if actors:
            return actors[0]  # the caller's own actors outrank demonyms: "Yemen's Houthi rebels"
        for i, j, side, kind in found:
            if kind == "capital":
                standalone = whole and (i, j) == (a, b)
                possessive = j < len(toks) and toks[j].text in _POSSESSIVE
                if not (standalone or possessive):
                    continue
            sides.append(side)
        distinct = list(dict.fromkeys(sides))
        return distinct[0] if len(distinct) == 1 else None

    def _actor_side(self, a: int, b: int) -> str | None:
        for _i, _j, side, kind in self.lex.mentions(self.toks, a, b):
            if kind == "actor":
                return side
        return None

    def _np_token(self, i: int) -> bool:
        t = self.toks[i]
        if t.quoted:
            return False
        if t.text in _POSSESSIVE or _ABBREVIATED.fullmatch(t.text):
            return True
        if not t.word:
            return False
        if t.cap:
            return t.lower not in _DAYS_MONTHS and t.lower not in _CAP_STOP
        return t.lower in _SPEAKER_NOUNS or t.lower in _NP_MODIFIERS

    def _np_left(self, end: int, lo: int) -> int:
        """Return the first token of the description that ends at token ``end`` (inclusive)."""
        toks = self.toks
        j = end
        while j >= lo:
            t = toks[j]
            if self._np_token(j):
                j -= 1
                continue
            if t.lower in _ARTICLES:
                j -= 1
                # "Jack Watling of the Royal United Services Institute"
                if j - 1 >= lo and toks[j].lower in _INNER_PREPS and self._np_head(j - 1):
                    j -= 1
                    continue
                break
            if t.lower in _INNER_PREPS and lo < j < end and self._np_head(j - 1):
                j -= 1
                continue
            if t.lower == "and" and lo < j < end and toks[j - 1].cap and toks[j + 1].cap:
                j -= 1
                continue
            if t.word and j < end and j - 1 >= lo and toks[j - 1].text in _POSSESSIVE:
                j -= 1  # "Congo's communications minister"
                continue
            if t.word and j < end and toks[j + 1].text in _POSSESSIVE and j - 1 >= lo and toks[j - 1].cap:
                j -= 1  # "the United Nations children's agency"
                continue
            break
        start = j + 1
        if start <= end and toks[start - 1].lower in _DETERMINERS and start - 1 >= lo:
            start -= 1  # keep "the", "its", "one" for resolution
        while start <= end and (toks[start].lower in _INNER_PREPS or toks[start].text in _POSSESSIVE):
            start += 1
        return start

    def _np_head(self, i: int) -> bool:
        t = self.toks[i]
        return self._np_token(i) and t.word and (t.cap or t.lower in _SPEAKER_NOUNS)

    def _np_right(self, start: int, hi: int) -> int:
        """Return the end (exclusive) of the description that starts at token ``start``."""
        toks = self.toks
        j = start
        if j < hi and toks[j].lower in _ARTICLES:
            j += 1
        while j < hi:
            t = toks[j]
            if self._np_token(j):
                j += 1
                continue
            if t.lower in _INNER_PREPS and j > start and j + 1 < hi:
                nxt = j + 1
                if toks[nxt].lower in _ARTICLES:
                    nxt += 1
                if nxt < hi and self._np_token(nxt):
                    j = nxt
                    continue
            if t.lower == "and" and j > start and j + 1 < hi and toks[j - 1].cap and toks[j + 1].cap:
                j += 1
                continue
            break
        while j > start and (toks[j - 1].lower in _INNER_PREPS or toks[j - 1].lower in _DETERMINERS):
            j -= 1
        return j

    def _appositive_left(self, comma: int, lo: int) -> tuple[int, int, bool] | None:
        """For "X, an Azeri official, said": the token range between the commas, and whether it describes X.

        An aside ("X, speaking on television, said", "X, who asked not to be named, said") is
        skipped but describes nothing.
        """
        toks = self.toks
        k = comma - 1
        while k >= lo and k > comma - 16 and toks[k].text != ",":
            if toks[k].quoted or toks[k].text in ".;:!?" or toks[k].text in _CLOSE_QUOTES:
                return None
            k -= 1
        if k < lo or toks[k].text != "," or k + 1 >= comma:
            return None
        inner = (k + 1, comma)
        first = toks[inner[0]]
        if (first.lower.endswith("ing") and not first.cap) or first.lower in ("who", "which", "whose", "whom"):
            return (*inner, False)
        if all(
            self._np_token(i)
            or toks[i].lower in _DETERMINERS
            or toks[i].lower in _INNER_PREPS
            or toks[i].text.isdigit()
            for i in range(*inner)
        ):
            return (*inner, True)
        return None

    def _appositive_right(self, end: int, hi: int) -> tuple[int, int] | None:
        """For "…, said X, a spokeswoman for the ministry.": the appositive after the speaker."""
        toks = self.toks
        if end >= hi or toks[end].text != ",":
            return None
        a = end + 1
        while a + 1 < hi and toks[a].text.isdigit() and toks[a + 1].text == ",":
            a += 2  # an age: "Farida Begum, 54, a teacher"
        b = a
        while b < hi and b - a < 15 and toks[b].text not in ",.;:!?" and not toks[b].quoted:
            b += 1
        if b > a and (toks[a].lower in _ARTICLES or self._np_token(a)):
            return a, b
        return None

    def _is_proper(self, a: int, b: int) -> bool:
        """A proper noun phrase: "Col. Arvind Mehta", "the Kyiv-based Centre for Conflict Data"."""
        toks = self.toks
        while a < b and (toks[a].lower in _DETERMINERS or toks[a].lower.endswith("-based")):
            a += 1
        if a >= b or not toks[a].cap or not toks[b - 1].cap:
            return False
        return all(
            (t.cap and (t.word or _ABBREVIATED.fullmatch(t.text)))
            or t.lower in _INNER_PREPS
            or t.lower in ("and", "the")
            for t in toks[a:b]
        )

    def _names_person(self, a: int, b: int) -> bool:
        name_a, name_b = self._strip_titles(a, b)
        return name_a < name_b and self._is_person(name_a, name_b)

    def _strip_titles(self, a: int, b: int) -> tuple[int, int]:
        """Return the personal name at the end of toks[a:b] with its titles dropped, or an empty range."""
        toks = self.toks
        i = b
        while i > a and self._name_token(toks[i - 1]):
            i -= 1
        if i == b:
            return b, b
        if i == a:
            return a, b
        if toks[i - 1].lower not in _HEAD_TITLES and toks[i - 1].lower not in _SPEAKER_NOUNS:
            return b, b
        prefix_ok = all(
            t.cap
            or t.lower in _TITLES
            or t.lower in _NP_MODIFIERS
            or t.lower in _SPEAKER_NOUNS
            or t.lower in _DETERMINERS
            or t.text in _POSSESSIVE
            for t in toks[a:i]
        )
        return (i, b) if prefix_ok else (b, b)

    def _is_person(self, a: int, b: int) -> bool:
        if a >= b:
            return False
        toks = self.toks[a:b]
        if any(t.lower in _ORG_WORDS for t in toks):
            return False
        if any(t.text.isupper() and len(t.text) > 1 and not t.text.endswith(".") for t in toks):
            return False  # an acronym: RSF, NATO
        return self._text(a, b).lower() in self.people or len(toks) >= 2

    # ----- speakers ---------------------------------------------------------------------
    def _speaker(self, a: int, b: int, s_idx: int, appositive: tuple[int, int] | None = None) -> _Speaker | None:
        """Build the speaker that toks[a:b] describes (with an optional appositive)."""
        toks = self.toks
        if a >= b:
            return None
        if b - a == 1 and toks[a].lower in _PRONOUNS:
            return self._resolve_pronoun(toks[a].lower, s_idx)
        # "the statement from X", "a report in X", "a tweet by X" speak for X.
        for i in range(a, b - 1):
            if toks[i].lower in _DOC_NOUNS and toks[i + 1].lower in ("from", "in", "by", "of", "on"):
                return self._speaker(i + 2, b, s_idx, appositive)
        if all(t.lower in _DOC_NOUNS or t.lower in _DETERMINERS for t in toks[a:b]):
            return None
        det = None
        while a < b and (toks[a].lower in _DETERMINERS or toks[a].lower.endswith("-based")):
            det = det or toks[a].lower
            a += 1
        if a >= b or toks[b - 1].text in _POSSESSIVE:
            return None
        if toks[b - 1].lower in _DOC_NOUNS and not any(t.cap for t in toks[a:b]):
            return None  # "several reports said": nobody in particular
        lowers = [t.lower for t in toks[a:b]]
        roles = set(lowers)
        if appositive:
            roles |= {t.lower for t in toks[appositive[0] : appositive[1]]}
        roles = frozenset(_ROLE_SYNONYMS.get(r, r) for r in roles)
        has_cap = any(t.cap and t.word for t in toks[a:b])
        side = self._side_of_tokens(a, b, whole=True)
        named = True
        owner = None  # "its spokesman": the body "its" stands for
        if det in ("its", "their"):
            owner = self._resolve_pronoun("it" if det == "its" else "they", s_idx)
            side = side or (owner.side if owner else None)

        # A role with no name ("the minister", "its spokesman", "the group") stands for the
        # last fitting speaker; a side word keeps it a description ("Azeri officials").
        if not has_cap and appositive is None:
            if owner:
                return owner
            if side is None:
                if det in ("the", "this", "that"):
                    found = self._resolve_role(lowers, s_idx)
                    if found:
                        return found
                named = False

        # A proper-noun appositive names the speaker: "a ministry spokesman, Col. X, said".
        if appositive and self._is_proper(*appositive) and not self._names_person(a, b):
            side = side or self._side_of_tokens(*appositive) or self._role_side(lowers, s_idx)
            if side is None and self.lex.independent_in(self.toks, a, b):
                side = self.lex.independent
            name_a, name_b = self._strip_titles(*appositive)
            if name_a < name_b and self._is_person(name_a, name_b):
                return _Speaker(self._remember_person(name_a, name_b, side), side, True, False, roles, s_idx)
            p, q = appositive
            while p < q and (toks[p].lower in _DETERMINERS or toks[p].lower.endswith("-based")):
                p += 1
            return _Speaker(self._text(p, q), side, False, False, roles, s_idx)

        # People: titles and demonyms before the name are dropped; "of X" after it is context.
        cut = b
        for i in range(a + 1, b):
            if toks[i].lower in ("of", "from", "at"):
                if self._is_person(*self._strip_titles(a, i)):
                    cut = i
                break
        name_a, name_b = self._strip_titles(a, cut)
        if name_a < name_b and self._is_person(name_a, name_b):
            known = self.people.get(self._text(name_a, name_b).lower())
            if side is None:
                side = self._side_of_tokens(cut, b)
            if side is None and name_a > a:  # "Government spokesman X": the government last quoted
                side = self._role_side(lowers[: name_a - a], s_idx) or self._title_side(lowers[: name_a - a], s_idx)
            if side is None and appositive:
                side = self._side_of_tokens(*appositive)
            if side is None and known:
                side = known[1]
            if side is None and (
                self.lex.independent_in(toks, a, b) or (appositive and self.lex.independent_in(toks, *appositive))
            ):
                side = self.lex.independent
            if name_b - name_a == 1 and known:
                return _Speaker(known[0], side, True, False, roles, s_idx)
            return _Speaker(self._remember_person(name_a, name_b, side), side, True, False, roles, s_idx)

        # Bodies and groups: as printed, without the article or a trailing "news site"; a
        # description ending in an acronym is named by it: "the UN children's agency UNICEF".
        last_tok = toks[b - 1]
        if b - a > 1 and _ACRONYM.fullmatch(last_tok.text) and not toks[b - 2].cap:
            return _Speaker(last_tok.text, side or self._actor_side(b - 1, b), False, False, roles, s_idx)
        end = b
        e = b
        while e - a > 1 and toks[e - 1].lower in _MEDIA_DESCRIPTORS:
            e -= 1
        if e < b and toks[e - 1].cap:
            end = e
        if side is None and appositive:
            side = self._side_of_tokens(*appositive)
        if side is None and not has_cap:
            side = self._role_side(lowers, s_idx)
        if side is None and (
            self.lex.independent_in(toks, a, b) or (appositive and self.lex.independent_in(toks, *appositive))
        ):
            side = self.lex.independent
        last = toks[b - 1].lower
        plural = last in ("police", "media") or (
            last.endswith("s") and last not in ("news", "press", "headquarters", "forces")
        )
        return _Speaker(self._text(a, end), side, False, plural, roles, s_idx, named=named or has_cap)

    def _role_side(self, lowers: list[str], s_idx: int) -> str | None:
        """Side of "a ministry spokesman": the side of the last speaker that is such a body."""
        roles = [
            _ROLE_SYNONYMS.get(w, w) for w in lowers if w in _ORG_WORDS or w in _GENERIC_ORGS or w in _ROLE_SYNONYMS
        ]
        if not roles:
            return None
        for sp in reversed(self.history):
            if s_idx - sp.sentence > 6:
                break
            if sp.side and (
                any(r in sp.roles for r in roles)
                or (any(r in _GENERIC_ORGS for r in roles) and not sp.person and s_idx - sp.sentence <= 3)
            ):
                return sp.side
        return None

    def _title_side(self, title: list[str], s_idx: int) -> str | None:
        """Side of "Interior Minister X" after "Kosovo's interior minister said": the speaker with that title."""
        words = {w for w in title if w in _TITLES or w in _NP_MODIFIERS}
        if not words & _HEAD_TITLES:
            return None
        for sp in reversed(self.history):
            if s_idx - sp.sentence > 6:
                break
            if sp.side and words <= sp.roles:
                return sp.side
        return None

    def _other_side(self, st: _Statement) -> str | None:
        """The side of the latest statement by another side: whose claim "no ship was hit" answers."""
        for prev in self._recent(st, 5):
            if prev.speaker.side and prev.speaker.side != st.speaker.side:
                return prev.speaker.side
        return None

    def _resolve_pronoun(self, pronoun: str, s_idx: int) -> _Speaker | None:
        window = {"he": 6, "she": 6, "they": 2, "it": 2}.get(pronoun, -1)
        for sp in reversed(self.history):
            if s_idx - sp.sentence > window:
                return None
            if pronoun in ("he", "she"):
                if sp.person:
                    return sp.again(s_idx)
            elif pronoun == "they":
                if sp.plural and not sp.person:
                    return sp.again(s_idx)
            elif not sp.person and not sp.plural:
                return sp.again(s_idx)
        return None

    def _resolve_role(self, lowers: list[str], s_idx: int) -> _Speaker | None:
        head = lowers[-1]
        for sp in reversed(self.history):
            if s_idx - sp.sentence > 10:
                return None
            if head in sp.roles or (head in _GENERIC_ORGS and not sp.person and s_idx - sp.sentence <= 3):
                return sp.again(s_idx)
        return None

    # ----- reading the article ----------------------------------------------------------
    def run(self) -> list[_Statement]:
        previous: list[_Statement] = []
        for s_idx, (lo, hi) in enumerate(self.doc.sentences):
            if self._heading(hi):
                previous = []
                continue
            found = self._sentence(s_idx, lo, hi)
            if not found and previous:
                found = self._continuation(s_idx, lo, hi, previous)
            for st in found:
                if not any(st is seen for seen in self.statements[-4:]):
                    self.statements.append(st)
            previous = found
        return self.statements

    def _heading(self, hi: int) -> bool:
        """A line with no closing punctuation before a paragraph break: a headline, byline or link."""
        last = self.toks[hi - 1]
        return last.text[-1] not in _TERMINAL and self.doc.norm[last.end : last.end + 1] == "\n"

    def _trigger(self, k: int, lo: int, hi: int) -> tuple[str, int, bool] | None:
        """Return (kind, last token of the trigger, participle?) when token k attributes speech."""
        toks = self.toks
        t = toks[k]
        w = t.lower
        if t.quoted or not t.word:
            return None
        if w == "according":
            return ("according", k + 1, False) if k + 1 < hi and toks[k + 1].lower == "to" else None
        if w in _DOC_VERBS:
            for j in range(k + 1, min(k + 4, hi)):
                if toks[j].lower in _DOC_NOUNS:
                    return "doc", j, False
                if toks[j].lower not in _DETERMINERS and toks[j].lower not in ("new", "short", "joint", "press"):
                    break
            return None
        if w == "put":
            return ("say", k, False) if _PUT_TOLL.match(self.doc.norm, t.start) else None
        if w in _PARTICIPLES:
            return _PARTICIPLES[w], k, True
        if w in _SAY:
            return "say", k, False
        if w in _ACCUSE:
            return "accuse", k, False
        if w in _DENY:
            if k + 1 >= hi or toks[k + 1].text in ".,;!?":
                for i in range(k - 1, max(lo, k - 9) - 1, -1):
                    if toks[i].lower in _CLAIM_HEADS and not toks[i].quoted:
                        self.relative[k] = i - 1 if i > lo and toks[i - 1].lower in _ARTICLES else i
                        return "deny", k, False  # "…, a claim the government rejected."
            if w in _DENY_NEEDS_OBJECT and not any(
                x.lower in _CLAIM_NOUNS or x.lower == "as" for x in toks[k + 1 : min(k + 7, hi)]
            ):
                return None  # "rejected the proposal" is no denial
            return "deny", k, False
        return None

    def _sentence(self, s_idx: int, lo: int, hi: int) -> list[_Statement]:
        toks = self.toks
        out: list[_Statement] = []
        self.current = out
        k = lo
        while k < hi:
            trig = self._trigger(k, lo, hi)
            if not trig:
                k += 1
                continue
            kind, last, participle = trig
            st = self._statement(kind, k, last, participle, s_idx, lo, hi, out)
            if st:
                out.append(st)
                self.history.append(st.speaker)
            k = last + 1
        # Words after a verb run to where the next statement's clause begins.
        for n, st in enumerate(out):
            if st.pending is None:
                continue
            end = out[n + 1].clause_start if n + 1 < len(out) else hi
            while end - 1 > st.pending and toks[end - 1].lower in _CONNECTORS:
                end -= 1
            start, st.pending = st.pending, None
            self._add_segment(st, start, end)
        merged: list[_Statement] = []
        for st in out:
            if not st.segments:
                continue
            prev = merged[-1] if merged else None
            if (
                prev
                and prev.speaker.name == st.speaker.name
                and prev.stance == st.stance
                and "according" not in (prev.kind, st.kind)
                and (prev.accused == st.accused or prev.accused is None or st.accused is None)
            ):
                prev.segments.extend(st.segments)
                prev.accused = prev.accused or st.accused
                prev.has_quote = prev.has_quote or st.has_quote
                continue
            merged.append(st)
        self.current = []
        return merged

    def _statement(
        self, kind: str, k: int, last: int, participle: bool, s_idx: int, lo: int, hi: int, before: list[_Statement]
    ) -> _Statement | None:
        toks = self.toks
        speaker: _Speaker | None = None
        clause_start = k
        words_before = False  # the words come before their speaker: "“…,” he said"
        words_from = last + 1

        if kind == "according":
            end = self._np_right(last + 1, hi)
            speaker = self._speaker(last + 1, end, s_idx, self._appositive_right(end, hi))
            if speaker is None:
                return None
            if all(not t.word or t.lower in _TIME_WORDS or t.lower in _DAYS_MONTHS for t in toks[lo:k]):
                while end < hi and toks[end].text != ",":
                    end += 1
                words_from = end + 1
                clause_start = lo
            else:
                words_before = True
        elif participle:
            if k > lo and toks[k - 1].lower == "as":
                speaker = self._quoted_as_saying(k, lo, s_idx)
            elif before:
                speaker = before[-1].speaker
            elif k > lo and toks[k - 1].text == ",":
                speaker = self._sentence_subject(lo, k, s_idx)
            if speaker is None:
                return None
            clause_start = k - 1 if k > lo and toks[k - 1].text == "," else k
        else:
            found = self._subject_left(k, kind, lo, hi, s_idx, before)
            if found is None:
                return None
            speaker, clause_start, inverted_end = found
            if inverted_end is not None:
                words_before = True
            elif kind in ("say", "doc") and self._nothing_after(last + 1, hi, told=toks[k].lower in _TOLD):
                p = clause_start - 1
                words_before = p >= lo and (toks[p].text == "," or toks[p].text in _CLOSE_QUOTES)
        if speaker is None:
            return None

        st = _Statement(speaker, kind, s_idx, k, clause_start, stance=DENIES if kind == "deny" else ASSERTS)
        st.confidence = 0.75 - (0.15 if speaker.resolved else 0) - (0 if speaker.named else 0.1)
        st.confidence -= 0.05 if kind == "according" else 0
        if words_before:
            begin = self._clause_begin(clause_start, lo, before)
            end = clause_start
            while end > begin and toks[end - 1].text in ",:":
                end -= 1
            if kind != "according":
                st.clause_start = begin
            self._add_segment(st, begin, end)
            return st if st.segments else None
        if kind in ("accuse", "deny"):
            words_from = self.relative.get(k, k)
        elif kind != "according":
            words_from = self._skip_adverbials(words_from, hi, told=toks[k].lower in _TOLD)
        if words_from >= hi:
            return None
        st.pending = words_from
        return st

    def _sentence_subject(self, lo: int, k: int, s_idx: int) -> _Speaker | None:
        """The subject at the start of a sentence: "Azerbaijan closed the road, saying …"."""
        toks = self.toks
        start = lo
        while start < k and (
            not toks[start].word
            or toks[start].lower in _TIME_WORDS
            or toks[start].lower in _DAYS_MONTHS
            or toks[start].text.isdigit()
        ):
            start += 1
        end = start
        while end < k and (self._np_token(end) or toks[end].lower in _DETERMINERS):
            end += 1
        return self._speaker(start, end, s_idx) if end > start else None

    def _add_segment(self, st: _Statement, a: int, b: int) -> None:
        """Attach the words toks[a:b] to a statement, then settle its quote, stance and blame."""
        toks = self.toks
        while a < b and (toks[a].lower == "that" or toks[a].text in ",:;—–-"):
            a += 1
        while b > a and (toks[b - 1].text in ",;:—–-(." or toks[b - 1].lower in ("and", "while", "but", "whereas")):
            b -= 1
        if a >= b:
            return
        norm = self.doc.norm
        cs, ce = toks[a].start, toks[b - 1].end
        cut = _COMMENTARY.search(norm, cs, ce)
        if cut and cut.start() > cs:
            ce = cut.start() + (1 + len(cut.group("q")) if cut.group("q") else 0)
            while ce > cs and norm[ce - 1] == " ":
                ce -= 1
        direct, quote = self._quote_span(cs, ce)
        st.segments.append(_Segment(cs, ce, direct, quote))
        st.has_quote = st.has_quote or direct or any(cs <= q0 < ce for q0, _ in self.doc.quotes_in(cs, ce))
        if len(st.segments) == 1:
            self._blame(st, a, self._tok_end(b, ce))

    def _tok_end(self, b: int, ce: int) -> int:
        while b > 0 and self.toks[b - 1].start >= ce:
            b -= 1
        return b

    def _quote_span(self, cs: int, ce: int) -> tuple[bool, tuple[int, int]]:
        """A quotation that is all of norm[cs:ce] gives its inside as the quote; else the words themselves."""
        norm = self.doc.norm
        a, b = cs, ce
        while a < b and norm[a] in " :,":
            a += 1
        while b > a and norm[b - 1] in " ,.;:!?":
            b -= 1
        span = self.doc.quote_at(a)
        if span and span[1] in (b - 1, b):
            inner_a, inner_b = span[0] + 1, span[1]
            while inner_a < inner_b and norm[inner_a] == " ":
                inner_a += 1
            while inner_b > inner_a and norm[inner_b - 1] in " ,":
                inner_b -= 1
            if inner_b > inner_a:
                return True, (inner_a, inner_b)
        return False, (cs, ce)

    def _subject_left(
        self, k: int, kind: str, lo: int, hi: int, s_idx: int, before: list[_Statement]
    ) -> tuple[_Speaker, int, int | None] | None:
        """Find who speaks for the verb at k: (speaker, clause start, end of a speaker after the verb)."""
        toks = self.toks
        j = k - 1
        skipped: list[str] = []
        while j >= lo:
            w = toks[j].lower
            if w in _ADVERBS or w in _NEGATIONS or w in _BE or w in _MODALS or w in _DO or w.endswith("n't"):
                skipped.append(w)
                j -= 1
            elif w.endswith("ly") and not toks[j].cap and w.isalpha() and w not in _NOT_ADVERBS:
                j -= 1  # "flatly denied", "reportedly said"
            elif w == "turn" and j - 1 >= lo and toks[j - 1].lower == "in":
                j -= 2
            elif w in ("statement", "interview") and j - 2 >= lo and toks[j - 2].lower == "in":
                j -= 3
            elif w in _DAYS_MONTHS and j - 1 >= lo and toks[j - 1].lower == "on":
                j -= 2
            elif w == "to" and j - 1 >= lo and toks[j - 1].lower in ("declined", "refused", "failed"):
                skipped.append("not")
                j -= 2
            else:
                break
        if any(w in _NEGATIONS or w.endswith("n't") or w in _MODALS for w in skipped):
            return None  # "did not say", "could claim"
        if j < lo:
            return self._inverted(k, kind, lo, hi, s_idx)
        t = toks[j]
        if any(w in _BE for w in skipped):
            # Passive. Only "“…,” it was stated" names a speaker: the statement just quoted.
            if t.lower == "it" and j - 1 >= lo and toks[j - 1].text in _CLOSE_QUOTES:
                sp = self._resolve_pronoun("it", s_idx)
                return (sp, j, None) if sp else None
            return None
        if t.lower in ("and", "but", "or") and before:
            return before[-1].speaker, j, None
        if t.lower in _PRONOUNS:
            speaker = self._speaker(j, j + 1, s_idx)
            return (speaker, j, None) if speaker else None
        if t.text in _CLOSE_QUOTES or t.text == ",":
            inverted = self._inverted(k, kind, lo, hi, s_idx)
            if inverted:
                return inverted
        appositive = None
        if t.lower == "who" and j - 1 >= lo:
            j -= 1
            if toks[j].text == ",":
                j -= 1
        elif t.text == ",":
            between = self._appositive_left(j, lo)
            if between is None:
                return None
            first, last, describes = between
            appositive = (first, last) if describes else None
            j = first - 2
            if j < lo:
                return None
        start = self._np_left(j, lo)
        if start > j or toks[start].lower in ("which", "that", "what"):
            return None
        speaker = self._speaker(start, j + 1, s_idx, appositive)
        return (speaker, start, None) if speaker else None

    def _inverted(self, k: int, kind: str, lo: int, hi: int, s_idx: int) -> tuple[_Speaker, int, int] | None:
        """For "“…,” said the ministry": the speaker follows the verb."""
        if kind != "say" or self.toks[k].lower in _TOLD:
            return None
        toks = self.toks
        end = self._np_right(k + 1, hi)
        if end <= k + 1 or (end < hi and toks[end].text not in ",.;!?"):
            return None
        speaker = self._speaker(k + 1, end, s_idx, self._appositive_right(end, hi))
        return (speaker, k, end) if speaker else None

    def _quoted_as_saying(self, k: int, lo: int, s_idx: int) -> _Speaker | None:
        """For "the FT quoted X as saying" and "X was quoted as saying"."""
        toks = self.toks
        for j in range(k - 2, max(lo, k - 12) - 1, -1):
            if toks[j].lower in ("quoted", "cited"):
                if j - 1 >= lo and toks[j - 1].lower in _BE:
                    start = self._np_left(j - 2, lo)
                    return self._speaker(start, j - 1, s_idx) if start <= j - 2 else None
                end = self._np_right(j + 1, k - 1)
                return self._speaker(j + 1, end, s_idx)
        return None

    def _nothing_after(self, j: int, hi: int, *, told: bool) -> bool:
        """True when only adverbials follow the verb: "…, the ministry said on Tuesday."."""
        toks = self.toks
        j = self._skip_adverbials(j, hi, told=told, to_end=True)
        if j >= hi or toks[j].text in ".!?":
            return True
        if toks[j].lower in _PARTICIPLES and toks[j - 1].text == ",":
            return True  # "…, the military said in a statement, adding that"
        if toks[j].text == "," and j + 1 < hi:
            nxt = toks[j + 1].lower
            return nxt in _PARTICIPLES or nxt in ("in", "on", "at", "after", "as", "citing", "during", "amid", "but")
        return False

    def _skip_adverbials(self, j: int, hi: int, *, told: bool, to_end: bool = False) -> int:
        """Skip a told-object, "on Sunday", "in a statement", "shortly afterward", then "that" or ":"."""
        toks = self.toks
        if told:
            k = j
            if k < hi and toks[k].lower in _ARTICLES:
                k += 1
            while (
                k < hi
                and k - j < 5
                and (toks[k].lower in _RECIPIENTS or (toks[k].cap and toks[k].word) or toks[k].text in _POSSESSIVE)
            ):
                k += 1
            while k > j and toks[k - 1].lower in _ARTICLES:
                k -= 1
            j = k
        for _ in range(6):
            if j >= hi:
                return j
            w = toks[j].lower
            if w in ("that", ":"):
                return j + 1
            if (
                w in _ADVERBS
                or w in ("afterward", "afterwards")
                or (w.endswith("ly") and w.isalpha() and w not in _NOT_ADVERBS)
            ):
                j += 1
                continue
            if w not in _ADVERBIAL_PREPS:
                return j
            stop = None
            for m in range(j + 1, min(j + 8, hi)):
                if toks[m].quoted:
                    break
                if toks[m].lower in ("that", ":") or toks[m].text in (",", ".", "!", "?") or toks[m].text in _OPENERS:
                    stop = m
                    break
            if stop is not None and (to_end or toks[stop].text not in ".!?"):
                j = stop + 1 if toks[stop].text == "," else stop
                continue
            if j + 1 < hi and (toks[j + 1].lower in _DAYS_MONTHS or toks[j + 1].lower in _TIME_WORDS):
                j += 2
                continue
            return j
        return j

    def _clause_begin(self, clause_start: int, lo: int, before: list[_Statement]) -> int:
        """Where words said before their speaker begin: the sentence, a dash or semicolon, or a previous statement."""
        toks = self.toks
        begin = max(lo, before[-1].trigger + 1) if before else lo
        for i in range(clause_start - 1, begin - 1, -1):
            if toks[i].text == ";" or (toks[i].text in ("—", "–") and not toks[i].quoted):
                return i + 1
        return begin

    # ----- continuation sentences -------------------------------------------------------
    def _continuation(self, s_idx: int, lo: int, hi: int, previous: list[_Statement]) -> list[_Statement]:
        toks = self.toks
        norm = self.doc.norm
        last = previous[-1]
        cs, ce = toks[lo].start, toks[hi - 1].end
        span = self.doc.quote_at(cs)
        if span and span[1] >= toks[hi - 1].start - 2:
            # A bare quotation continues the statement before it.
            direct, quote = self._quote_span(cs, ce)
            seg = _Segment(cs, ce, direct, quote)
            if not last.has_quote and not last.figures_only:
                last.segments.append(seg)
                last.has_quote = True
                return [last]
            st = _Statement(last.speaker.again(s_idx), "say", s_idx, lo, lo, segments=[seg], confidence=0.55)
            st.has_quote = True
            self.current = []
            self._blame(st, lo, hi)
            self.history.append(st.speaker)
            return [st]
        if any(t.lower in _HEDGES for t in toks[lo:hi]) and not any(t.quoted for t in toks[lo:hi]):
            # "The attack reportedly killed 25": the figures of the claim just made.
            while ce > cs and norm[ce - 1] in ".!?":
                ce -= 1
            seg = _Segment(cs, ce, False, (cs, ce))
            st = _Statement(last.speaker.again(s_idx), "say", s_idx, lo, lo, segments=[seg], confidence=0.45)
            st.figures_only = True
            st.accused = self._agent(lo, hi, st.speaker.side, ASSERTS) or last.accused
            return [st]
        return []

    # ----- stance and blame -------------------------------------------------------------
    def _blame(self, st: _Statement, a: int, b: int) -> None:
        """Settle stance and accused side from the statement's words toks[a:b]."""
        toks = self.toks
        own = st.speaker.side
        if st.kind == "accuse":
            obj_a = st.trigger + 1
            obj_b = obj_a
            while obj_b < b and toks[obj_b].lower not in ("of", "for", "over", "with", "in", "on"):
                obj_b += 1
            side = self._side_of_tokens(obj_a, obj_b, whole=True)
            if side is None and obj_b < b and toks[obj_b].lower == "on":  # "blamed the attack on Armenia"
                side = self._side_of_tokens(obj_b + 1, b, whole=True)
            st.accused = side or self._agent(obj_a, b, own, ASSERTS)
            return
        if st.kind == "deny":
            relative = self.relative.get(st.trigger)
            obj = toks[relative : st.trigger] if relative is not None else toks[st.trigger + 1 : min(b, st.trigger + 6)]
            agent = None if relative is not None else self._agent(st.trigger + 1, b, own, DENIES)
            if agent:
                st.accused = agent
            elif any(t.lower in _ACCUSATIONS for t in obj[:5]):
                st.accused = own  # "rejected the accusation": the accused side denies
            elif relative is not None or (
                obj and (obj[0].lower in _ANAPHORA or any(t.lower in _CLAIM_NOUNS for t in obj[:4]))
            ):
                owner = self._side_of_tokens(st.trigger + 1, min(b, st.trigger + 6)) if relative is None else None
                st.accused = self._denied_claim_blame(st, owner) or own
            else:
                st.accused = own  # "denied firing first": its own act
            return
        words = [t.lower for t in toks[a : min(b, a + 12)]]
        if self._own_negation(a, b, own) or (
            any(w in _DENIAL_WORDS for w in words) and any(w in _CLAIM_NOUNS for w in words)
        ):
            st.stance = DENIES
            st.accused = self._agent(a, b, own, DENIES) or own
            return
        if self._negated_harm(a, b):  # "no US ship had been hit": a denial of the other side's claim
            st.stance = DENIES
            st.accused = self._agent(a, b, own, DENIES) or self._other_side(st)
            return
        st.self_act = self._own_act(a, b, own)
        st.accused = self._agent(a, b, own, ASSERTS)
        if st.accused is None:
            st.accused = self._fallback_blame(a, b, own)
            st.guessed_blame = st.accused is not None
        if st.accused is None:
            st.accused = self._inherit_blame(st, a, b)

    def _own_subject(self, a: int, b: int, own: str | None) -> int | None:
        """The end of the words that open toks[a:b] when they name the speaker's own side ("its fighters")."""
        toks = self.toks
        i = a
        while i < b and (toks[i].lower in ("that", "the") or not toks[i].word):
            i += 1
        if i < b and toks[i].lower in _OWN_REFS | {"it", "they", "we"}:
            return i + 2 if i + 1 < b and toks[i + 1].lower in _FORCE_NOUNS else i + 1
        for m_a, m_b, side, _kind in self.lex.mentions(toks, i, min(b, i + 4)):
            if m_a == i and side == own and own is not None:
                return m_b + 1 if m_b < b and toks[m_b].lower in _FORCE_NOUNS else m_b
            break
        return None

    def _own_negation(self, a: int, b: int, own: str | None) -> bool:
        """Tell whether the speaker's own side denies an act: "its fighters had not been", "Serbia did not"."""
        toks = self.toks
        i = self._own_subject(a, b, own)
        if i is None or i + 1 >= b:
            return False
        aux, neg = toks[i].lower, toks[i + 1].lower
        return (
            aux.endswith("n't")
            and aux not in ("won't", "can't")
            or (aux in _PAST_AUX and (neg in _NEGATIONS or neg == "never"))
            or aux == "never"
        )

    def _own_act(self, a: int, b: int, own: str | None) -> bool:
        """Tell whether the words report the speaker's own hostile act: "it had targeted an army post"."""
        toks = self.toks
        i = self._own_subject(a, b, own)
        if i is None:
            return False
        for m in range(i, min(b, i + 4)):
            w = toks[m].lower
            if w in _HOSTILE:
                return toks[m - 1].lower not in _BE or w.endswith("ing")
            if w not in _PAST_AUX and w not in _ADVERBS:
                return False
        return False

    def _negated_harm(self, a: int, b: int) -> bool:
        toks = self.toks
        for i in range(a, min(b, a + 10)):
            w = toks[i].lower
            if toks[i].text in ",;" or w in _CLAUSE_WORDS and i > a:
                return False
            if w in _NEGATIONS or w in ("none", "nobody", "nothing") or w.endswith("n't"):
                return any(t.lower in _HOSTILE or t.lower in _CASUALTY for t in toks[i + 1 : min(b, i + 7)])
        return False

    def _agent(self, a: int, b: int, own: str | None, stance: str) -> str | None:
        """The side named as doing a hostile act in toks[a:b]: "Azeri artillery had fired", "by Russian troops"."""
        toks = self.toks
        for i, j, side, kind in self.lex.mentions(toks, a, b):
            if kind == "capital" and not (
                (j < b and (toks[j].text in _POSSESSIVE or toks[j].lower in _HOSTILE))
                or any(t.lower == "by" for t in toks[max(a, i - 2) : i])
            ):
                continue
            blame_ok = stance == DENIES or side != own
            p = i - 1
            while p >= a and (toks[p].lower in _ARTICLES or toks[p].lower in _NP_MODIFIERS):
                p -= 1
            if p >= a and toks[p].lower == "by":
                if blame_ok and any(
                    toks[m].lower in _HOSTILE or toks[m].lower in _BLAME_NOUNS or toks[m].lower in _CASUALTY
                    for m in range(max(a, p - 5), p)
                ):
                    return side
                continue
            if p >= a and toks[p].lower in _TARGET_PREPS:
                continue  # "fired on Armenian positions": the side is the target
            m = j
            if m < b and toks[m].text in _POSSESSIVE:
                m += 1
            if m < b and toks[m].lower in _BLAME_NOUNS:  # "Azerbaijani aggression", "Russia's attack"
                if blame_ok:
                    return side
                continue
            steps = 0
            while m < b and steps < 9 and toks[m].text not in ",;:" and toks[m].lower not in _CLAUSE_WORDS:
                w = toks[m].lower
                if w in _HOSTILE:
                    if toks[m - 1].lower in _BE and not w.endswith("ing"):
                        break  # "Armenian positions were shelled": a target
                    if blame_ok:
                        return side
                    break
                if m > j and self.lex.mentions(toks, m, m + 1):
                    break
                m += 1
                steps += 1
        if stance == DENIES:
            for i in range(a, b - 1):
                if toks[i].lower in _OWN_REFS and toks[i + 1].lower in _FORCE_NOUNS:
                    return own
        return None

    def _fallback_blame(self, a: int, b: int, own: str | None) -> str | None:
        """Blame the one other side named near a word of blame: "this war crime … Azerbaijan's target"."""
        toks = self.toks
        if not any(t.lower in _BLAME_NOUNS for t in toks[a:b]):
            return None
        others = {side for _i, _j, side, kind in self.lex.mentions(toks, a, b) if side != own and kind != "capital"}
        return others.pop() if len(others) == 1 else None

    def _recent(self, st: _Statement, within: int) -> list[_Statement]:
        earlier = [s for s in [*self.statements[-8:], *self.current] if s is not st]
        return [s for s in reversed(earlier) if st.sentence - s.sentence <= within]

    def _inherit_blame(self, st: _Statement, a: int, b: int) -> str | None:
        """Harm with no named culprit ("the militia shelled"): the culprit this side named just before."""
        toks = self.toks
        if not any(t.lower in _HOSTILE or t.lower in _CASUALTY or t.lower in _BLAME_NOUNS for t in toks[a:b]):
            return None
        for prev in self._recent(st, 2):
            same = prev.speaker.name == st.speaker.name or (st.speaker.side and prev.speaker.side == st.speaker.side)
            if same and prev.accused and prev.stance == ASSERTS:
                return prev.accused
        return None

    def _denied_claim_blame(self, st: _Statement, owner: str | None) -> str | None:
        """What "denied this" or "rejected Baku's account" denies: the blame in the other side's claim."""
        for prev in self._recent(st, 5):
            if prev.speaker.side is not None and prev.speaker.side == st.speaker.side:
                continue
            if owner and prev.speaker.side != owner:
                continue
            if prev.self_act or not prev.accused:
                return prev.speaker.side  # "disputed that account" of the other side's own attack
            return prev.accused
        return None


# --------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------
def _find_figures(norm: str, cs: int, ce: int) -> list[tuple[int, int, str]]:
    """Return (start, end, wording) for each count in norm[cs:ce]."""
    singles = [(m.start(), m.end(), "1") for m in _SINGLE_CASUALTY.finditer(norm, cs, ce)]
    found = list(singles)
    for m in _FIGURE.finditer(norm, cs, ce):
        if len(found) >= _MAX_FIGURES:
            break  # a table pasted as prose: the first counts are draft enough
        if any(a <= m.start() < b for a, b, _ in singles):
            continue
        if _is_count(norm, m, cs):
            found.append((m.start(), m.end(), m.group()))
    found.sort()
    return found


def _is_count(norm: str, m: re.Match, cs: int) -> bool:
    after = norm[m.end() : m.end() + 40]
    next_words = [w.rstrip(".") for w in re.findall(r"[\w.'’%-]+", after)[:3]]
    nxt = next_words[0].lower() if next_words else ""
    before = norm[max(0, m.start() - 30) : m.start()]
    prev_words = re.findall(r"[\w.'’]+", before)
    prev = prev_words[-1] if prev_words else ""
    if nxt in _NOT_COUNTED or after[:1] in "%:" or re.match(r"[.,]\d", after):
        return False
    if prev.lower() in _DAYS_MONTHS or nxt in _DAYS_MONTHS:
        return False
    if before.endswith((":", "$", "€", "£", "#")) or re.search(r"[A-Za-z]-$", before):
        return False
    numbers = [g for g in (m.group("a"), m.group("b"), m.group("r1"), m.group("r2"), m.group("n")) if g]
    qualified = bool(m.group("qual")) or bool(m.group("a"))
    for g in numbers:
        if re.fullmatch(r"1[89]\d\d|20\d\d", g) and nxt not in _COUNT_WORDS:
            return False  # a year
        if re.fullmatch(r"\d+\.\d{1,2}", g):
            return False  # a time or a decimal: "18.30"
    if m.group("vague"):
        return True
    if not qualified and prev[:1].isupper() and prev.lower() not in _CAP_STOP and m.start() - len(prev) - 1 > cs:
        return False  # "Resolution 2334", "Su 25"
    word_number = not any(ch.isdigit() for ch in m.group())
    if word_number and not qualified:
        lowers = [w.lower() for w in next_words]
        if m.group().lower() == "one":
            return False
        if lowers[:2] == ["of", "the"] or lowers[:2] == ["of", "them"]:
            return True
        for w in lowers[:3]:
            if w in _COUNT_WORDS or (w.endswith("s") and w.isalpha() and len(w) > 3 and w not in _NOT_PLURAL):
                return w not in _NOT_COUNTED
            if not (w[:1].isupper() or w.isalpha()):
                break
        return False
    return True


# --------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------
def extract_claims(
    text: str, *, sides: Mapping[str, str] | None = None, actors: Mapping[str, str] | None = None
) -> list[Candidate]:
    """Return the attributed claims in an English news text, in reading order."""
    if not text or not text.strip():
        return []
    extractor = _Extractor(text, _Lexicon(sides, actors))
    statements = extractor.run()
    doc = extractor.doc
    out: list[Candidate] = []
    seen: set[tuple] = set()
    for st in statements:
        if not st.segments:
            continue
        figures = []
        for seg in st.segments:
            for fa, fb, wording in _find_figures(doc.norm, seg.start, seg.end):
                figures.append((seg, fa, fb, wording))
        rows = figures or ([] if st.figures_only else [(_best_segment(st), None, None, None)])
        for seg, _fa, _fb, wording in rows:
            qualifier = value = value_max = None
            confidence = st.confidence + (0.1 if seg.direct else 0.0)
            if st.guessed_blame:
                confidence -= 0.05
            if wording is not None:
                try:
                    figure = parse_figure(wording)
                except FigureError:
                    confidence -= 0.1
                else:
                    qualifier = str(getattr(figure.qualifier, "value", figure.qualifier))
                    value, value_max = figure.value, figure.value_max
            start, end = doc.span(*seg.quote)
            key = (st.speaker.name, wording, start, end)
            if key in seen:
                continue
            seen.add(key)
            out.append(
                Candidate(
                    claimant=st.speaker.name,
                    side=st.speaker.side,
                    stance=st.stance,
                    accused_side=st.accused,
                    figure=wording,
                    qualifier=qualifier,
                    value=value,
                    value_max=value_max,
                    quote=text[start:end],
                    start=start,
                    end=end,
                    confidence=round(min(0.99, max(0.05, confidence)), 2),
                )
            )
    return out


def _best_segment(st: _Statement) -> _Segment:
    for seg in st.segments:
        if seg.direct:
            return seg
    return st.segments[0]
