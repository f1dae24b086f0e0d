"""Word lists the extractor reads prose with: sides (countries, demonyms, capitals), speech verbs, speaker nouns."""

from __future__ import annotations

import re

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
# Forms of "admit", a speech verb only when what is admitted is not people taken in (parsed.takes_in).
_ADMIT = _words("admitted admits")
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
    report reports reporting bulletin update note study document survey investigation analysis
    assessment review findings memo"""
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
    news press agency lawmakers parliament senator alliance coalition bloc mission body outfit navy study
    document survey investigation findings memo investigators inspectors"""
)
# Heads of a description of one person: "a village resident", "a police officer" is "he" or "she", not "it".
_PERSON_HEADS = _words(
    """official minister spokesman spokeswoman spokesperson source diplomat analyst expert observer resident
    witness leader commander president governor mayor premier chancellor general colonel doctor medic officer
    aide adviser advisor head chief secretary envoy ambassador senator lawmaker prosecutor judge journalist
    reporter correspondent activist lawyer farmer teacher nurse survivor villager worker director manager
    pastor imam priest bishop elder man woman mother father driver owner student engineer soldier fighter"""
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
# Counts before a speaker's description ("two security sources"): part of the description as printed.
_COUNT_DETERMINERS = _words("two three four five six seven eight nine ten")
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
    army military police security senior top former acting interim pastor bishop archbishop cardinal imam
    rabbi reverend rev. father mullah cleric commissioner inspector superintendent sergeant sgt. corporal
    brigadier admiral marshal vice lawmaker mp judge justice adm. adm brig. rear cmdr. cmdr"""
)
_ORG_WORDS = _words(
    """affairs ministry department office council committee agency service services forces army
    government institute university centre center group union party organisation
    organization borders nations court bank press post times news radio tv television
    monitor watch international republic kremlin house assembly parliament command
    headquarters embassy mission commission foundation association network guard guards
    corps police fund bureau authority authorities daily journal herald tribune gazette
    observatory coalition alliance front movement brigade battalion staff chiefs"""
)
# Titles that can stand right before a name: "President Aliyev", "spokesman Ivan Sorokin".
_HEAD_TITLES = _words(
    """president minister spokesman spokeswoman spokesperson ambassador general gen. colonel
    col. major maj. lieutenant lt. captain capt. commander chief senator sen. governor mayor
    king queen prince emir sheikh chancellor premier official officer envoy adviser advisor
    aide analyst expert researcher professor prof. dr. dr mr. mr mrs. mrs ms. ms director head
    leader chairman chairwoman representative ombudsman secretary state journalist
    correspondent reporter editor commentator activist lawyer prosecutor judge pastor bishop archbishop
    cardinal imam rabbi reverend rev. father mullah cleric commissioner inspector superintendent sergeant
    sgt. corporal brigadier admiral marshal lawmaker mp justice adm. adm cmdr. cmdr"""
)
_MEDIA_DESCRIPTORS = _words("news site website newspaper daily agency channel broadcaster outlet think-tank")
_CAP_STOP = _words(
    """however but and or so yet meanwhile also then while when after before as if although
    though since because despite for on in at by with last this that these those it he she
    they we i you there here thus still instead even later earlier according asked speaking
    what who which where how why nevertheless moreover furthermore besides separately
    elsewhere further no none neither"""
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
# Titles and suffixes printed with a full stop ("Gen.", "Cmdr.", "Jr."): each one token, never a sentence's end.
_TITLE_ABBREVIATIONS = (
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Sen", "Rep", "Gov", "Prof", "St", "Adm",
    "Brig", "Cmdr", "Cpl", "Jr", "Sr",
)  # fmt: skip
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,7}")
_ABBREVIATED = re.compile(
    r"(?:[A-Z]\.){2,}|[A-Z]\.|(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Prof|Adm|Brig|Cmdr|Rep|Gov|Cpl)\."
)
_PUT_TOLL = re.compile(r"put (?:the|its|their) (?:\w+ )?(?:toll|tally|number|figure) at\b", re.IGNORECASE)


# The writer's comment after reported words: "—which would mean", ", a far higher number than".
_COMMENTARY = re.compile(
    r"\s?[—–]\s?(?:which|something|a claim|an assertion)\b"
    r"|,(?P<q>[”\"’]?)\s(?:a|an)\s(?:[\w-]+\s){0,3}?"
    r"(?:number|figure|fact|claim|assertion|allegation|charge|toll|estimate|account)\b",
    re.IGNORECASE,
)
