//! The bundle's files as written: their schemas, nothing derived. The loader (`bundle`) reads
//! them; the layers above compile and check what the schemas cannot (figures, claims).

use super::checks::Failure;
use super::model::{HistoryCandidate, HistoryPec, HistoryYear, Pec, Protocol};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

pub const PECS_FILE: &str = "pecs-2024.json";
pub const HISTORY_FILE: &str = "history.json";
pub const MANIFEST_FILE: &str = "manifest.json";
pub const PAPER_FILE: &str = "paper.json";
pub const RUSSIA_FILE: &str = "russia-2024.json";
pub const CLAIMS_FILE: &str = "claims.json";
pub const NATIONAL_FILE: &str = super::national::NATIONAL_FILE;
/// Every file of the bundle, as the page fetches them from data/; the fingerprint hashes them
/// in this order.
pub const BUNDLE_FILES: [&str; 7] = [
    PECS_FILE,
    HISTORY_FILE,
    MANIFEST_FILE,
    PAPER_FILE,
    RUSSIA_FILE,
    CLAIMS_FILE,
    NATIONAL_FILE,
];

/// What is wrong with the bundle: the file, the record (when one is at fault), the problem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BundleError {
    pub file: String,
    pub record: Option<String>,
    pub problem: String,
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.record {
            Some(record) => write!(f, "data/{}: {record}: {}", self.file, self.problem),
            None => write!(f, "data/{}: {}", self.file, self.problem),
        }
    }
}

impl BundleError {
    /// The message in a language. The problem itself is the checks' (or the JSON parser's) own
    /// English, so the Russian says what happened and marks the details as English.
    pub fn message(&self, lang: crate::text::Lang) -> String {
        match lang {
            crate::text::Lang::En => self.to_string(),
            crate::text::Lang::Ru => {
                let details = match &self.record {
                    Some(record) => format!("{record}: {}", self.problem),
                    None => self.problem.clone(),
                };
                format!(
                    "data/{}: данные не загружены. Подробности (на английском): {details}",
                    self.file
                )
            }
        }
    }
}

impl std::error::Error for BundleError {}

/// The most characters of a problem (and of a record) a message carries: whatever part of the
/// input a message quotes (serde_json quotes a wrong value whole), it is never echoed at length.
pub const MAX_PROBLEM_CHARS: usize = 400;

pub fn bundle_error(file: &str, record: Option<String>, problem: impl Into<String>) -> BundleError {
    BundleError {
        file: file.to_string(),
        record: record.map(|r| crate::text::shorten(&r, 80)),
        problem: clip(&problem.into()),
    }
}

/// A problem of at most [`MAX_PROBLEM_CHARS`]: a long one keeps its start and its end (where
/// serde_json says what it expected and the line and column), control characters escaped.
fn clip(problem: &str) -> String {
    let escaped = crate::text::shorten(problem, usize::MAX);
    let n = escaped.chars().count();
    if n <= MAX_PROBLEM_CHARS {
        return escaped;
    }
    let half = MAX_PROBLEM_CHARS / 2;
    let head: String = escaped.chars().take(half).collect();
    let tail: String = escaped.chars().skip(n - half + 10).collect();
    format!("{head} … {tail}")
}

/// data/pecs-2024.json
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PecsFile {
    pub about: String,
    pub year: u16,
    pub sources: Vec<String>,
    pub pecs: Vec<Pec>,
}

/// data/history.json: each year's PECs as columns, one array per protocol line and per
/// candidate, not one object per PEC (a third of the bytes; the first paint needs the file).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryFile {
    pub about: String,
    pub years: Vec<HistoryYearColumns>,
}

/// One year of data/history.json: [`HistoryYear`] with its PECs as columns.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryYearColumns {
    pub year: u16,
    pub source: String,
    pub candidates: Vec<HistoryCandidate>,
    pub pecs: HistoryColumns,
}

/// A year's PECs by column: the i-th value of every column is the i-th PEC's; `votes` holds one
/// column per candidate, in `candidates` order.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryColumns {
    pub pec: Vec<u32>,
    pub registered: Vec<u32>,
    pub received: Vec<u32>,
    pub early: Vec<u32>,
    pub inside: Vec<u32>,
    pub mobile: Vec<u32>,
    pub cancelled: Vec<u32>,
    pub portable: Vec<u32>,
    pub stationary: Vec<u32>,
    pub invalid: Vec<u32>,
    pub valid: Vec<u32>,
    pub lost: Vec<u32>,
    pub unaccounted: Vec<u32>,
    pub votes: Vec<Vec<u32>>,
}

impl HistoryColumns {
    /// The protocol lines' columns by name, in [`Protocol`]'s order.
    fn lines(&self) -> [(&'static str, &Vec<u32>); 12] {
        [
            ("registered", &self.registered),
            ("received", &self.received),
            ("early", &self.early),
            ("inside", &self.inside),
            ("mobile", &self.mobile),
            ("cancelled", &self.cancelled),
            ("portable", &self.portable),
            ("stationary", &self.stationary),
            ("invalid", &self.invalid),
            ("valid", &self.valid),
            ("lost", &self.lost),
            ("unaccounted", &self.unaccounted),
        ]
    }
}

impl HistoryFile {
    /// The file the importer writes for these years.
    pub fn of_years(about: String, years: &[HistoryYear]) -> HistoryFile {
        let year_columns = |y: &HistoryYear| {
            let mut c = HistoryColumns {
                votes: vec![Vec::with_capacity(y.pecs.len()); y.candidates.len()],
                ..HistoryColumns::default()
            };
            for p in &y.pecs {
                let r = &p.protocol;
                c.pec.push(p.pec);
                for (column, value) in [
                    (&mut c.registered, r.registered),
                    (&mut c.received, r.received),
                    (&mut c.early, r.early),
                    (&mut c.inside, r.inside),
                    (&mut c.mobile, r.mobile),
                    (&mut c.cancelled, r.cancelled),
                    (&mut c.portable, r.portable),
                    (&mut c.stationary, r.stationary),
                    (&mut c.invalid, r.invalid),
                    (&mut c.valid, r.valid),
                    (&mut c.lost, r.lost),
                    (&mut c.unaccounted, r.unaccounted),
                ] {
                    column.push(value);
                }
                for (column, &v) in c.votes.iter_mut().zip(&p.votes) {
                    column.push(v);
                }
            }
            HistoryYearColumns {
                year: y.year,
                source: y.source.clone(),
                candidates: y.candidates.clone(),
                pecs: c,
            }
        };
        HistoryFile {
            about,
            years: years.iter().map(year_columns).collect(),
        }
    }

    /// The years, one record per PEC; refused when a column's length is not the PECs' count or
    /// `votes` has not one column per candidate.
    pub fn into_years(self) -> Result<Vec<HistoryYear>, BundleError> {
        self.years
            .into_iter()
            .map(|y| {
                let c = &y.pecs;
                let n = c.pec.len();
                let refuse = |problem: String| {
                    Err(bundle_error(
                        HISTORY_FILE,
                        Some(y.year.to_string()),
                        problem,
                    ))
                };
                for (name, column) in c.lines() {
                    if column.len() != n {
                        return refuse(format!(
                            "the column \"{name}\" has {} values for {n} PECs",
                            column.len()
                        ));
                    }
                }
                if c.votes.len() != y.candidates.len() {
                    return refuse(format!(
                        "\"votes\" has {} columns for {} candidates",
                        c.votes.len(),
                        y.candidates.len()
                    ));
                }
                if let Some((k, column)) = c.votes.iter().enumerate().find(|(_, v)| v.len() != n) {
                    return refuse(format!(
                        "the votes of {} have {} values for {n} PECs",
                        y.candidates[k].id,
                        column.len()
                    ));
                }
                let pecs = (0..n)
                    .map(|i| HistoryPec {
                        pec: c.pec[i],
                        protocol: Protocol {
                            registered: c.registered[i],
                            received: c.received[i],
                            early: c.early[i],
                            inside: c.inside[i],
                            mobile: c.mobile[i],
                            cancelled: c.cancelled[i],
                            portable: c.portable[i],
                            stationary: c.stationary[i],
                            invalid: c.invalid[i],
                            valid: c.valid[i],
                            lost: c.lost[i],
                            unaccounted: c.unaccounted[i],
                        },
                        votes: c.votes.iter().map(|v| v[i]).collect(),
                    })
                    .collect();
                Ok(HistoryYear {
                    year: y.year,
                    source: y.source,
                    candidates: y.candidates,
                    pecs,
                })
            })
            .collect()
    }
}

/// A raw file the bundle was made from.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestSource {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

/// The control relations checked at import, per year.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearCheck {
    pub year: u16,
    pub pecs: u32,
    pub failures: u32,
}

/// data/manifest.json: provenance and the import-time checks.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub about: String,
    pub importer: String,
    pub sources: Vec<ManifestSource>,
    pub ignored_location_columns: Vec<String>,
    pub evidence: BTreeMap<String, u32>,
    pub relations: Vec<String>,
    pub checks: Vec<YearCheck>,
    /// Protocols that break a relation in the official data itself; the loader accepts these and
    /// no others, so a corrupted bundle cannot pass as an official anomaly.
    pub failures: Vec<Failure>,
}

/// One national figure and where it comes from. A u32 holds any count of Russia's voters
/// (about 112 million) and no sum of nine of them can overflow the i64 the tables use.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalFigure {
    pub value: u32,
    pub source: String,
}

/// data/russia-2024.json: the CEC's national totals that Table 2 quotes (transcribed).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RussiaFile {
    pub about: String,
    pub sources: BTreeMap<String, String>,
    pub early: NationalFigure,
    pub inside: NationalFigure,
    pub mobile: NationalFigure,
    pub invalid: NationalFigure,
    pub valid: NationalFigure,
    pub davankov: NationalFigure,
    pub putin: NationalFigure,
    pub slutsky: NationalFigure,
    pub kharitonov: NationalFigure,
    pub notes: Vec<String>,
}

/// Bibliographic record of the paper.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaperInfo {
    pub author: String,
    pub title_en: String,
    pub journal: String,
    pub doi: String,
    pub file: String,
}

/// A published table: printed cells by row id and column id.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaperTable {
    #[serde(rename = "where")]
    pub location: String,
    pub cells: BTreeMap<String, BTreeMap<String, String>>,
}

/// Context for one published cell, transcribed with it (why it differs, where the paper says so).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellNote {
    pub table: String,
    pub row: String,
    pub col: String,
    pub en: String,
    pub ru: String,
}

/// A number quoted in the paper's text, with where to find it in the data.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextFigureSpec {
    pub id: String,
    #[serde(rename = "where")]
    pub location: String,
    /// The section in Russian (reweigh's translation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub where_ru: Option<String>,
    pub quote: String,
    /// The quote in Russian: reweigh's translation (the paper is in English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_ru: Option<String>,
    pub scope: String,
    pub quantity: String,
    pub printed: String,
    /// The paper's hedge, if any: about, almost, just_over, more_than, less_than.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// How far "about", "almost" and "just over" reach, in the figure's unit (as printed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<String>,
    /// Figures printed in one sentence share this id ("4 PECs: two in Vietnam and one in India
    /// and Thailand"): the audit tries a figure as the sum of the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
    /// The places the text's "other" sets aside, as scopes ("the other 15 countries" after
    /// Israel and the UAE: ["country:IL", "country:AE"]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub besides: Vec<String>,
    #[serde(default)]
    pub note_en: Option<String>,
    #[serde(default)]
    pub note_ru: Option<String>,
}

/// A number the paper quotes from another source, used as the base of a text figure's share
/// (the CEC's count of voters abroad): its value as printed, its words, where it comes from.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaseSpec {
    pub id: String,
    pub printed: String,
    pub en: String,
    pub ru: String,
    pub source: String,
}

/// data/paper.json as written.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaperFile {
    pub about: String,
    pub paper: PaperInfo,
    pub tables: BTreeMap<String, PaperTable>,
    pub notes: Vec<CellNote>,
    #[serde(default)]
    pub bases: Vec<BaseSpec>,
    pub text: Vec<TextFigureSpec>,
}

/// A claim's test as written (every field optional; `compile` checks the combination).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compare: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub op: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub than: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    pub predicates: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub includes: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excludes: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bottom: Option<Vec<String>>,
}

/// A claim as written in data/claims.json.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimSpec {
    pub id: String,
    /// A short title, shown instead of the id.
    pub title_en: String,
    pub title_ru: String,
    /// Where it stands in the paper (section, table), in English and Russian.
    #[serde(rename = "where")]
    pub location: String,
    #[serde(rename = "where_ru")]
    pub location_ru: String,
    pub quote_en: String,
    pub quote_ru: String,
    pub ru_is_translation: bool,
    pub test: TestSpec,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimsFile {
    pub about: String,
    pub claims: Vec<ClaimSpec>,
}
