"""Small name tables: countries ↔ demonyms and other names, acronyms ↔ expansions."""

from __future__ import annotations

# "Country | demonyms | other names" — the first name is the canonical one.
_COUNTRIES = """
Afghanistan|Afghan,Afghans|
Albania|Albanian,Albanians|
Algeria|Algerian,Algerians|
Andorra|Andorran|
Angola|Angolan,Angolans|
Argentina|Argentine,Argentinian,Argentines,Argentinians|
Armenia|Armenian,Armenians|
Australia|Australian,Australians|
Austria|Austrian,Austrians|
Azerbaijan|Azerbaijani,Azeri,Azerbaijanis|
Bahrain|Bahraini,Bahrainis|
Bangladesh|Bangladeshi,Bangladeshis|
Belarus|Belarusian,Belarusians,Belarussian|Byelorussia
Belgium|Belgian,Belgians|
Bolivia|Bolivian,Bolivians|
Bosnia and Herzegovina|Bosnian,Bosnians|Bosnia
Botswana|Botswanan,Motswana|
Brazil|Brazilian,Brazilians|
Bulgaria|Bulgarian,Bulgarians|
Cambodia|Cambodian,Cambodians|
Cameroon|Cameroonian,Cameroonians|
Canada|Canadian,Canadians|
Chile|Chilean,Chileans|
China|Chinese|People's Republic of China,PRC
Colombia|Colombian,Colombians|
Congo|Congolese|Democratic Republic of the Congo,DRC
Costa Rica|Costa Rican,Costa Ricans|
Croatia|Croatian,Croatians,Croat,Croats|
Cuba|Cuban,Cubans|
Cyprus|Cypriot,Cypriots|
Czech Republic|Czech,Czechs|Czechia
Denmark|Danish,Dane,Danes|
Dominican Republic|Dominican,Dominicans|
Ecuador|Ecuadorian,Ecuadorians|
Egypt|Egyptian,Egyptians|
El Salvador|Salvadoran,Salvadorans|
England|English,Englishman,Englishmen|
Estonia|Estonian,Estonians|
Ethiopia|Ethiopian,Ethiopians|
Finland|Finnish,Finn,Finns|
France|French,Frenchman,Frenchmen|
Georgia|Georgian,Georgians|
Germany|German,Germans|
Ghana|Ghanaian,Ghanaians|
Greece|Greek,Greeks|
Guatemala|Guatemalan,Guatemalans|
Haiti|Haitian,Haitians|
Honduras|Honduran,Hondurans|
Hungary|Hungarian,Hungarians|
Iceland|Icelandic,Icelander,Icelanders|
India|Indian,Indians|
Indonesia|Indonesian,Indonesians|
Iran|Iranian,Iranians|Persia
Iraq|Iraqi,Iraqis|
Ireland|Irish,Irishman|Republic of Ireland
Israel|Israeli,Israelis|
Italy|Italian,Italians|
Jamaica|Jamaican,Jamaicans|
Japan|Japanese|
Jordan|Jordanian,Jordanians|
Kazakhstan|Kazakh,Kazakhs,Kazakhstani|
Kenya|Kenyan,Kenyans|
Kosovo|Kosovar,Kosovars,Kosovan|
Kuwait|Kuwaiti,Kuwaitis|
Kyrgyzstan|Kyrgyz|
Laos|Lao,Laotian,Laotians|
Latvia|Latvian,Latvians|
Lebanon|Lebanese|
Libya|Libyan,Libyans|
Liechtenstein|Liechtensteiner|
Lithuania|Lithuanian,Lithuanians|
Luxembourg|Luxembourgish,Luxembourger|
Malaysia|Malaysian,Malaysians|
Mali|Malian,Malians|
Malta|Maltese|
Mexico|Mexican,Mexicans|
Moldova|Moldovan,Moldovans|
Monaco|Monegasque|
Mongolia|Mongolian,Mongolians|
Montenegro|Montenegrin,Montenegrins|
Morocco|Moroccan,Moroccans|
Mozambique|Mozambican,Mozambicans|
Myanmar|Burmese|Burma
Nepal|Nepalese,Nepali|
Netherlands|Dutch,Dutchman|Holland,The Netherlands
New Zealand|New Zealander,New Zealanders,Kiwi|
Nicaragua|Nicaraguan,Nicaraguans|
Niger|Nigerien|
Nigeria|Nigerian,Nigerians|
North Korea|North Korean,North Koreans|DPRK
North Macedonia|Macedonian,Macedonians|Macedonia
Norway|Norwegian,Norwegians|
Oman|Omani,Omanis|
Pakistan|Pakistani,Pakistanis|
Palestine|Palestinian,Palestinians|Palestinian Territories
Panama|Panamanian,Panamanians|
Paraguay|Paraguayan,Paraguayans|
Peru|Peruvian,Peruvians|
Philippines|Filipino,Filipinos,Philippine,Filipina|The Philippines
Poland|Polish,Pole,Poles|
Portugal|Portuguese|
Qatar|Qatari,Qataris|
Romania|Romanian,Romanians|
Russia|Russian,Russians|Russian Federation
Rwanda|Rwandan,Rwandans|
Saudi Arabia|Saudi,Saudis,Saudi Arabian|
Scotland|Scottish,Scot,Scots|
Senegal|Senegalese|
Serbia|Serbian,Serbians,Serb,Serbs|
Singapore|Singaporean,Singaporeans|
Slovakia|Slovak,Slovakian,Slovaks|
Slovenia|Slovenian,Slovene,Slovenians|
Somalia|Somali,Somalis|
South Africa|South African,South Africans|
South Korea|South Korean,South Koreans|Korea,Republic of Korea
South Sudan|South Sudanese|
Soviet Union|Soviet,Soviets|USSR
Spain|Spanish,Spaniard,Spaniards|
Sri Lanka|Sri Lankan,Sri Lankans|
Sudan|Sudanese|
Sweden|Swedish,Swede,Swedes|
Switzerland|Swiss|
Syria|Syrian,Syrians|
Taiwan|Taiwanese|
Tajikistan|Tajik,Tajiks|
Tanzania|Tanzanian,Tanzanians|
Thailand|Thai,Thais|
Tunisia|Tunisian,Tunisians|
Turkey|Turkish,Turk,Turks|Turkiye,Türkiye
Turkmenistan|Turkmen|
Uganda|Ugandan,Ugandans|
Ukraine|Ukrainian,Ukrainians|
United Arab Emirates|Emirati,Emiratis|UAE
United Kingdom|British,Briton,Britons,Brit,Brits|UK,U.K.,Britain,Great Britain
United States|American,Americans|US,U.S.,USA,U.S.A.,America,United States of America
Uruguay|Uruguayan,Uruguayans|
Uzbekistan|Uzbek,Uzbeks|
Venezuela|Venezuelan,Venezuelans|
Vietnam|Vietnamese|Viet Nam
Wales|Welsh|
Yemen|Yemeni,Yemenis|
Zambia|Zambian,Zambians|
Zimbabwe|Zimbabwean,Zimbabweans|
Europe|European,Europeans|
Africa|African,Africans|
Asia|Asian,Asians|
Kyiv||Kiev
"""

# Acronym → expansion (initials of capitalised words are computed on top of these).
ACRONYMS: dict[str, str] = {
    "NATO": "North Atlantic Treaty Organization",
    "EU": "European Union",
    "UN": "United Nations",
    "WHO": "World Health Organization",
    "IMF": "International Monetary Fund",
    "WTO": "World Trade Organization",
    "OPEC": "Organization of the Petroleum Exporting Countries",
    "FBI": "Federal Bureau of Investigation",
    "CIA": "Central Intelligence Agency",
    "NSA": "National Security Agency",
    "NASA": "National Aeronautics and Space Administration",
    "CDC": "Centers for Disease Control and Prevention",
    "FDA": "Food and Drug Administration",
    "EPA": "Environmental Protection Agency",
    "SEC": "Securities and Exchange Commission",
    "FIFA": "Fédération Internationale de Football Association",
    "UEFA": "Union of European Football Associations",
    "IOC": "International Olympic Committee",
    "ICC": "International Criminal Court",
    "OSCE": "Organization for Security and Co-operation in Europe",
    "ECB": "European Central Bank",
    "BBC": "British Broadcasting Corporation",
    "NHS": "National Health Service",
    "MoD": "Ministry of Defence",
    "IAEA": "International Atomic Energy Agency",
    "G7": "Group of Seven",
    "G20": "Group of Twenty",
    "ASEAN": "Association of Southeast Asian Nations",
    "NFL": "National Football League",
    "NBA": "National Basketball Association",
    "GOP": "Republican Party",
    "LAPD": "Los Angeles Police Department",
    "NYPD": "New York City Police Department",
}

# Words that mark a name as an organisation, a document or an event rather than a person.
NON_PERSON_WORDS = frozenset(
    """ministry department office agency council committee commission union organization organisation
    association party court bank company corporation group institute university college school
    hospital summit memorandum treaty agreement act law convention alliance forces army navy
    police service network times post news journal review press club league federation fund
    foundation church parliament congress senate assembly government administration bureau
    board authority force house republic kingdom states nations independent guardian telegraph herald
    tribune courier courant gazette observer mirror express mail chronicle reports inquirer""".split()
)


def _rows() -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    rows = []
    for line in _COUNTRIES.strip().splitlines():
        name, demonyms, others = line.split("|")
        rows.append(
            (
                name,
                tuple(d for d in demonyms.split(",") if d),
                tuple(o for o in others.split(",") if o),
            )
        )
    return rows


COUNTRY_ROWS = _rows()
# surface form (as written) → canonical place name
DEMONYM_TO_PLACE: dict[str, str] = {d: name for name, ds, _ in COUNTRY_ROWS for d in ds}
PLACE_ALIASES: dict[str, str] = {o: name for name, _, os_ in COUNTRY_ROWS for o in os_}
PLACE_NAMES: frozenset[str] = frozenset(name for name, _, _ in COUNTRY_ROWS)
