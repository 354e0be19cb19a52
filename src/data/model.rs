//! Plain data: protocols, PECs, candidates, regions. What the bundle stores, nothing derived.

use serde::{Deserialize, Serialize};

/// The year whose PECs carry locations and drive every table but Table 1's history.
pub const CURRENT_YEAR: u16 = 2024;

/// The counts of one PEC protocol, as the CEC publishes them (lines 1-12 of the protocol).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Protocol {
    /// Voters on the list.
    pub registered: u32,
    /// Ballots received by the PEC.
    pub received: u32,
    /// Ballots issued to early voters.
    pub early: u32,
    /// Ballots issued inside the station on the day(s) of voting.
    pub inside: u32,
    /// Ballots issued outside the station (mobile / home voting).
    pub mobile: u32,
    /// Unused ballots cancelled.
    pub cancelled: u32,
    /// Ballots found in portable boxes.
    pub portable: u32,
    /// Ballots found in stationary boxes.
    pub stationary: u32,
    /// Invalid (spoiled) ballots.
    pub invalid: u32,
    /// Valid ballots.
    pub valid: u32,
    /// Ballots lost.
    pub lost: u32,
    /// Ballots not accounted for on receipt.
    pub unaccounted: u32,
}

impl Protocol {
    /// Ballots issued = early + inside + mobile: the paper's "voters".
    pub fn issued(&self) -> i64 {
        i64::from(self.early) + i64::from(self.inside) + i64::from(self.mobile)
    }
    /// Ballots cast = found in the boxes, portable + stationary.
    pub fn cast(&self) -> i64 {
        i64::from(self.portable) + i64::from(self.stationary)
    }
    /// Ballots issued but not found in the boxes: the paper's "stolen" ballots.
    pub fn unreturned(&self) -> i64 {
        self.issued() - self.cast()
    }
}

/// The four candidates of 2024, in the CEC's (alphabetical) order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Candidate {
    Davankov,
    Putin,
    Slutsky,
    Kharitonov,
}

impl Candidate {
    pub const ALL: [Candidate; 4] = [
        Candidate::Davankov,
        Candidate::Putin,
        Candidate::Slutsky,
        Candidate::Kharitonov,
    ];
    pub fn id(self) -> &'static str {
        match self {
            Candidate::Davankov => "davankov",
            Candidate::Putin => "putin",
            Candidate::Slutsky => "slutsky",
            Candidate::Kharitonov => "kharitonov",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            Candidate::Davankov => "Davankov V.A.",
            Candidate::Putin => "Putin V.V.",
            Candidate::Slutsky => "Slutsky L.E.",
            Candidate::Kharitonov => "Kharitonov N.M.",
        }
    }
    pub fn name_ru(self) -> &'static str {
        match self {
            Candidate::Davankov => "Даванков В.А.",
            Candidate::Putin => "Путин В.В.",
            Candidate::Slutsky => "Слуцкий Л.Э.",
            Candidate::Kharitonov => "Харитонов Н.М.",
        }
    }
    /// The CEC's column header for this candidate in the 2024 protocols.
    pub fn cec_header(self) -> &'static str {
        match self {
            Candidate::Davankov => "Даванков Владислав Андреевич",
            Candidate::Putin => "Путин Владимир Владимирович",
            Candidate::Slutsky => "Слуцкий Леонид Эдуардович",
            Candidate::Kharitonov => "Харитонов Николай Михайлович",
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Votes for each 2024 candidate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Votes {
    pub davankov: u32,
    pub putin: u32,
    pub slutsky: u32,
    pub kharitonov: u32,
}

impl Votes {
    pub fn get(&self, candidate: Candidate) -> u32 {
        match candidate {
            Candidate::Davankov => self.davankov,
            Candidate::Putin => self.putin,
            Candidate::Slutsky => self.slutsky,
            Candidate::Kharitonov => self.kharitonov,
        }
    }
    pub fn total(&self) -> i64 {
        Candidate::ALL.iter().map(|&c| i64::from(self.get(c))).sum()
    }
}

/// How well a PEC's location is established (strongest first), as the locations file gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    Documented,
    Matched,
    Inferred,
    Unknown,
}

impl Evidence {
    pub const ALL: [Evidence; 4] = [
        Evidence::Documented,
        Evidence::Matched,
        Evidence::Inferred,
        Evidence::Unknown,
    ];
    pub fn id(self) -> &'static str {
        match self {
            Evidence::Documented => "documented",
            Evidence::Matched => "matched",
            Evidence::Inferred => "inferred",
            Evidence::Unknown => "unknown",
        }
    }
    pub fn parse(text: &str) -> Option<Evidence> {
        Evidence::ALL.into_iter().find(|e| e.id() == text)
    }
    /// Whether the location may be presented as established fact.
    pub fn is_established(self) -> bool {
        matches!(self, Evidence::Documented | Evidence::Matched)
    }
}

/// A region of one of the two region schemes, with its names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegionInfo {
    pub id: &'static str,
    pub name_en: &'static str,
    pub name_ru: &'static str,
    /// "Countries of Europe" / «Страны Европы» (the region's name in the genitive): the name of
    /// its drill-down to its countries.
    pub countries_en: &'static str,
    pub countries_ru: &'static str,
}

impl RegionInfo {
    pub fn name(&self) -> crate::text::Text {
        crate::text::Text::new(self.name_en, self.name_ru)
    }
    pub fn countries(&self) -> crate::text::Text {
        crate::text::Text::new(self.countries_en, self.countries_ru)
    }
}

/// The paper's seven regions, in the paper's order (Table 3).
pub const PAPER_REGIONS: [RegionInfo; 7] = [
    RegionInfo {
        id: "post_soviet",
        name_en: "Post-Soviet space",
        name_ru: "Постсоветское пространство",
        countries_en: "Countries of the post-Soviet space",
        countries_ru: "Страны постсоветского пространства",
    },
    RegionInfo {
        id: "europe",
        name_en: "Europe",
        name_ru: "Европа",
        countries_en: "Countries of Europe",
        countries_ru: "Страны Европы",
    },
    RegionInfo {
        id: "middle_east",
        name_en: "Middle East",
        name_ru: "Ближний Восток",
        countries_en: "Countries of the Middle East",
        countries_ru: "Страны Ближнего Востока",
    },
    RegionInfo {
        id: "asia_oceania",
        name_en: "Other Asia, Oceania and Australia",
        name_ru: "Остальная Азия, Океания и Австралия",
        countries_en: "Countries of other Asia, Oceania and Australia",
        countries_ru: "Страны остальной Азии, Океании и Австралии",
    },
    RegionInfo {
        id: "africa",
        name_en: "Africa",
        name_ru: "Африка",
        countries_en: "Countries of Africa",
        countries_ru: "Страны Африки",
    },
    RegionInfo {
        id: "north_america",
        name_en: "North America",
        name_ru: "Северная Америка",
        countries_en: "Countries of North America",
        countries_ru: "Страны Северной Америки",
    },
    RegionInfo {
        id: "south_america",
        name_en: "South and Central America",
        name_ru: "Южная и Центральная Америка",
        countries_en: "Countries of South and Central America",
        countries_ru: "Страны Южной и Центральной Америки",
    },
];

/// The UN M49 regions (column `m49_region` of the locations file).
pub const UN_REGIONS: [RegionInfo; 5] = [
    RegionInfo {
        id: "africa",
        name_en: "Africa",
        name_ru: "Африка",
        countries_en: "Countries of Africa",
        countries_ru: "Страны Африки",
    },
    RegionInfo {
        id: "americas",
        name_en: "Americas",
        name_ru: "Америка",
        countries_en: "Countries of the Americas",
        countries_ru: "Страны Америки",
    },
    RegionInfo {
        id: "asia",
        name_en: "Asia",
        name_ru: "Азия",
        countries_en: "Countries of Asia",
        countries_ru: "Страны Азии",
    },
    RegionInfo {
        id: "europe",
        name_en: "Europe",
        name_ru: "Европа",
        countries_en: "Countries of Europe",
        countries_ru: "Страны Европы",
    },
    RegionInfo {
        id: "oceania",
        name_en: "Oceania",
        name_ru: "Океания",
        countries_en: "Countries of Oceania",
        countries_ru: "Страны Океании",
    },
];

/// The row that gathers PECs whose region (or country) is not established.
pub const UNASSIGNED: RegionInfo = RegionInfo {
    id: "unassigned",
    name_en: "Location not established",
    name_ru: "Место не установлено",
    countries_en: "PECs whose location is not established",
    countries_ru: "УИК, место которых не установлено",
};

/// A region of either scheme by its id (an id both schemes have names the same region).
pub fn region_info(id: &str) -> Option<&'static RegionInfo> {
    PAPER_REGIONS
        .iter()
        .chain(UN_REGIONS.iter())
        .chain(std::iter::once(&UNASSIGNED))
        .find(|r| r.id == id)
}

/// Countries the `baltics` assumption moves between the post-Soviet space and Europe.
pub const BALTIC_COUNTRIES: [&str; 3] = ["EE", "LV", "LT"];

/// Where a 2024 PEC sat, as the locations file gives it (with its evidence level).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// ISO 3166-1 alpha-2 (or the file's code for a territory without one); None when unknown.
    pub country_id: Option<String>,
    pub country_en: String,
    pub country_ru: String,
    pub city_en: String,
    pub city_ru: String,
    /// One of the paper's region ids; None when not established.
    pub region: Option<String>,
    /// UN M49 region id (lowercase); None when not established.
    pub m49_region: Option<String>,
    /// In Abkhazia, South Ossetia or Transnistria.
    pub disputed: bool,
    pub evidence: Evidence,
    /// The evidence in short, with its source.
    pub note: String,
}

impl Location {
    /// The evidence note in both languages: the file's English note, and in Russian what the
    /// structured fields say (the level and the place; the English note stays beside it).
    pub fn note_text(&self) -> crate::text::Text {
        let place: Vec<&str> = [self.city_ru.as_str(), self.country_ru.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let at = if place.is_empty() {
            String::new()
        } else {
            format!(" ({})", place.join(", "))
        };
        let ru = match self.evidence {
            Evidence::Documented => format!(
                "Документально{at}: источник 2024 года называет этот УИК и его место или публикует число, точно совпадающее с его протоколом."
            ),
            Evidence::Matched => format!(
                "Сопоставлено{at}: два независимых источника или источник прежних лет вместе с данными 2024 года сходятся на этом месте."
            ),
            Evidence::Inferred => format!(
                "Выведено{at}: по нумерации ЦИК, исключению внутри страны, прежним выборам или характеру голосования; это не установленный факт."
            ),
            Evidence::Unknown => {
                "Неизвестно: страна этого УИК не установлена; он учитывается в итогах и в своём регионе, если тот известен.".to_string()
            }
        };
        crate::text::Text::new(readable_note(&self.note), ru)
    }
}

/// The locations file's note with its column names and region ids in words ("region:
/// middle_east" → "region: Middle East").
fn readable_note(note: &str) -> String {
    let mut text = note.to_string();
    // Every id and column name replaced below holds an underscore; most notes have none.
    if !note.contains('_') {
        return text;
    }
    for r in PAPER_REGIONS.iter().chain(UN_REGIONS.iter()) {
        if r.id.contains('_') {
            text = text.replace(r.id, r.name_en);
        }
    }
    for (column, words) in [
        ("m49_region", "UN M49 region"),
        ("country_id", "country code"),
        ("country_en", "country name"),
        ("country_ru", "Russian country name"),
    ] {
        text = text.replace(column, words);
    }
    text
}

/// One PEC abroad in 2024: number, location, protocol, votes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pec {
    pub pec: u32,
    pub location: Location,
    pub protocol: Protocol,
    pub votes: Votes,
}

/// A candidate (or ballot option such as "against all") of an earlier year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryCandidate {
    pub id: String,
    pub name_en: String,
    pub name_ru: String,
    /// The CEC's column header.
    pub cec_header: String,
}

/// One PEC abroad in an earlier year: protocol and the votes of each option, in `candidates` order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryPec {
    pub pec: u32,
    pub protocol: Protocol,
    pub votes: Vec<u32>,
}

/// The PECs abroad of one presidential election.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryYear {
    pub year: u16,
    /// Raw file this year was imported from, relative to data/raw.
    pub source: String,
    pub candidates: Vec<HistoryCandidate>,
    pub pecs: Vec<HistoryPec>,
}
