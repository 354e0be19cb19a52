//! Reading and validating the bundle (data/*.json). Every failure is a named error: which file,
//! which record, what is wrong. Nothing is dropped silently.

use super::checks::{self, Failure};
pub use super::files::*;
use super::model::{CURRENT_YEAR, HistoryYear, PAPER_REGIONS, Pec, UN_REGIONS};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

pub const PECS_FILE: &str = "pecs-2024.json";
pub const HISTORY_FILE: &str = "history.json";
pub const MANIFEST_FILE: &str = "manifest.json";
pub const PAPER_FILE: &str = "paper.json";
pub const RUSSIA_FILE: &str = "russia-2024.json";
pub const CLAIMS_FILE: &str = "claims.json";
/// Every file of the bundle, as the page fetches them from data/.
pub const BUNDLE_FILES: [&str; 6] = [
    PECS_FILE,
    HISTORY_FILE,
    MANIFEST_FILE,
    PAPER_FILE,
    RUSSIA_FILE,
    CLAIMS_FILE,
];

/// The PEC numbers the CEC gives the polling stations abroad in 2024.
pub const PEC_RANGE_2024: std::ops::RangeInclusive<u32> = 8000..=8449;

/// A country abroad, gathered from its PECs' locations.
#[derive(Clone, Debug, Serialize)]
pub struct Country {
    pub id: String,
    pub name_en: String,
    pub name_ru: String,
    pub region: Option<String>,
    pub m49_region: Option<String>,
    /// Indices into `Bundle::pecs`.
    pub pecs: Vec<usize>,
}

/// The loaded, validated bundle.
#[derive(Clone, Debug)]
pub struct Bundle {
    pub pecs: Vec<Pec>,
    pub history: Vec<HistoryYear>,
    pub manifest: Manifest,
    /// The paper's printed figures as transcribed (checked against the tables by `paper`).
    pub paper: PaperFile,
    pub russia: RussiaFile,
    /// The paper's conclusions as written (compiled by `paper::claims`).
    pub claims: ClaimsFile,
    pub countries: Vec<Country>,
    /// Each PEC's index into `countries`, if its country is established.
    pub pec_country: Vec<Option<usize>>,
}

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

impl std::error::Error for BundleError {}

pub fn bundle_error(file: &str, record: Option<String>, problem: impl Into<String>) -> BundleError {
    BundleError {
        file: file.to_string(),
        record,
        problem: problem.into(),
    }
}

fn parse<T: for<'de> Deserialize<'de>>(file: &str, text: &str) -> Result<T, BundleError> {
    serde_json::from_str(text).map_err(|e| {
        let kind = if e.is_eof() {
            "the file ends too early (truncated?)"
        } else if e.is_syntax() {
            "not valid JSON"
        } else {
            "not the expected shape"
        };
        bundle_error(file, None, format!("{kind}: {e}"))
    })
}

impl Bundle {
    /// Load the bundle from its files' text, keyed by file name (as in [`BUNDLE_FILES`]).
    pub fn from_texts(texts: &BTreeMap<String, String>) -> Result<Bundle, BundleError> {
        let get = |name: &str| {
            texts
                .get(name)
                .map(String::as_str)
                .ok_or_else(|| bundle_error(name, None, "missing from the bundle"))
        };
        let pecs_file: PecsFile = parse(PECS_FILE, get(PECS_FILE)?)?;
        let history_file: HistoryFile = parse(HISTORY_FILE, get(HISTORY_FILE)?)?;
        let manifest: Manifest = parse(MANIFEST_FILE, get(MANIFEST_FILE)?)?;
        let paper: PaperFile = parse(PAPER_FILE, get(PAPER_FILE)?)?;
        let russia: RussiaFile = parse(RUSSIA_FILE, get(RUSSIA_FILE)?)?;
        let claims: ClaimsFile = parse(CLAIMS_FILE, get(CLAIMS_FILE)?)?;
        let pecs = pecs_file.pecs;
        validate_russia(&russia)?;
        validate_pecs(&pecs)?;
        validate_history(&history_file.years)?;
        validate_relations(&pecs, &history_file.years, &manifest)?;
        let countries = gather_countries(&pecs)?;
        let mut pec_country = vec![None; pecs.len()];
        for (c, country) in countries.iter().enumerate() {
            for &i in &country.pecs {
                pec_country[i] = Some(c);
            }
        }
        Ok(Bundle {
            pecs,
            history: history_file.years,
            manifest,
            paper,
            russia,
            claims,
            countries,
            pec_country,
        })
    }

    /// The PEC with this number.
    pub fn pec_index(&self, number: u32) -> Option<usize> {
        self.pecs.binary_search_by_key(&number, |p| p.pec).ok()
    }

    pub fn country(&self, id: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.id == id)
    }
}

impl RussiaFile {
    /// Every figure with its name.
    pub fn figures(&self) -> [(&'static str, &NationalFigure); 9] {
        [
            ("early", &self.early),
            ("inside", &self.inside),
            ("mobile", &self.mobile),
            ("invalid", &self.invalid),
            ("valid", &self.valid),
            ("davankov", &self.davankov),
            ("putin", &self.putin),
            ("slutsky", &self.slutsky),
            ("kharitonov", &self.kharitonov),
        ]
    }
}

fn validate_russia(russia: &RussiaFile) -> Result<(), BundleError> {
    for (name, figure) in russia.figures() {
        if !russia.sources.contains_key(&figure.source) {
            return Err(bundle_error(
                RUSSIA_FILE,
                Some(name.to_string()),
                format!(
                    "source \"{}\" is not one of the file's sources",
                    figure.source
                ),
            ));
        }
    }
    let votes: u64 = [
        &russia.davankov,
        &russia.putin,
        &russia.slutsky,
        &russia.kharitonov,
    ]
    .iter()
    .map(|f| f.value)
    .sum();
    if votes != russia.valid.value {
        return Err(bundle_error(
            RUSSIA_FILE,
            Some("valid".into()),
            format!(
                "the candidates' votes sum to {votes}, not to the valid ballots {}",
                russia.valid.value
            ),
        ));
    }
    Ok(())
}

fn pec_record(pec: u32) -> Option<String> {
    Some(format!("PEC {pec}"))
}

fn validate_pecs(pecs: &[Pec]) -> Result<(), BundleError> {
    if pecs.is_empty() {
        return Err(bundle_error(PECS_FILE, None, "no PECs"));
    }
    for pair in pecs.windows(2) {
        if pair[0].pec == pair[1].pec {
            return Err(bundle_error(
                PECS_FILE,
                pec_record(pair[1].pec),
                "duplicate PEC",
            ));
        }
        if pair[0].pec > pair[1].pec {
            return Err(bundle_error(
                PECS_FILE,
                pec_record(pair[1].pec),
                "PECs are not in ascending order (the importer writes them sorted)",
            ));
        }
    }
    for pec in pecs {
        let record = pec_record(pec.pec);
        if !PEC_RANGE_2024.contains(&pec.pec) {
            return Err(bundle_error(
                PECS_FILE,
                record,
                format!(
                    "unknown PEC: the PECs abroad are numbered {}..{}",
                    PEC_RANGE_2024.start(),
                    PEC_RANGE_2024.end()
                ),
            ));
        }
        let loc = &pec.location;
        if let Some(region) = &loc.region
            && !PAPER_REGIONS.iter().any(|r| r.id == region)
        {
            return Err(bundle_error(
                PECS_FILE,
                record,
                format!("unknown region \"{region}\""),
            ));
        }
        if let Some(region) = &loc.m49_region
            && !UN_REGIONS.iter().any(|r| r.id == region)
        {
            return Err(bundle_error(
                PECS_FILE,
                record,
                format!("unknown UN region \"{region}\""),
            ));
        }
        if let Some(id) = &loc.country_id
            && !(id.len() == 2 && id.bytes().all(|b| b.is_ascii_uppercase()))
        {
            return Err(bundle_error(
                PECS_FILE,
                record,
                format!("country id \"{id}\" is not two capital letters"),
            ));
        }
    }
    Ok(())
}

fn validate_history(years: &[HistoryYear]) -> Result<(), BundleError> {
    for year in years {
        let mut numbers: Vec<u32> = year.pecs.iter().map(|p| p.pec).collect();
        numbers.sort_unstable();
        if let Some(pair) = numbers.windows(2).find(|w| w[0] == w[1]) {
            return Err(bundle_error(
                HISTORY_FILE,
                Some(format!("{} PEC {}", year.year, pair[0])),
                "duplicate PEC",
            ));
        }
        if year.pecs.is_empty() || year.candidates.is_empty() {
            return Err(bundle_error(
                HISTORY_FILE,
                Some(year.year.to_string()),
                "no PECs or no candidates",
            ));
        }
        for pec in &year.pecs {
            if pec.votes.len() != year.candidates.len() {
                return Err(bundle_error(
                    HISTORY_FILE,
                    Some(format!("{} PEC {}", year.year, pec.pec)),
                    format!(
                        "{} vote counts for {} candidates",
                        pec.votes.len(),
                        year.candidates.len()
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Every control relation on every protocol; a failure the manifest does not list is an error.
fn validate_relations(
    pecs: &[Pec],
    history: &[HistoryYear],
    manifest: &Manifest,
) -> Result<(), BundleError> {
    let mut found: Vec<(String, Failure)> = Vec::new();
    for pec in pecs {
        for failure in
            checks::check_protocol(CURRENT_YEAR, pec.pec, &pec.protocol, pec.votes.total())
        {
            found.push((PECS_FILE.to_string(), failure));
        }
    }
    for year in history {
        for pec in &year.pecs {
            let total = pec.votes.iter().map(|&v| i64::from(v)).sum();
            for failure in checks::check_protocol(year.year, pec.pec, &pec.protocol, total) {
                found.push((HISTORY_FILE.to_string(), failure));
            }
        }
    }
    for (file, failure) in found {
        if !manifest.failures.contains(&failure) {
            return Err(bundle_error(
                &file,
                Some(format!("{} PEC {}", failure.year, failure.pec)),
                format!("control relation: {}", failure.breach()),
            ));
        }
    }
    Ok(())
}

/// Countries from the PECs' locations; a country's PECs must agree on its names and regions.
fn gather_countries(pecs: &[Pec]) -> Result<Vec<Country>, BundleError> {
    let mut countries: Vec<Country> = Vec::new();
    for (index, pec) in pecs.iter().enumerate() {
        let loc = &pec.location;
        let Some(id) = &loc.country_id else { continue };
        match countries.iter_mut().find(|c| &c.id == id) {
            Some(country) => {
                let clash = |what: &str, a: &dyn fmt::Debug, b: &dyn fmt::Debug| {
                    bundle_error(
                        PECS_FILE,
                        pec_record(pec.pec),
                        format!(
                            "country {id}: {what} {b:?} differs from {a:?} given by PEC {}",
                            pecs[country.pecs[0]].pec
                        ),
                    )
                };
                if country.name_en != loc.country_en || country.name_ru != loc.country_ru {
                    return Err(clash("name", &country.name_en, &loc.country_en));
                }
                if country.region != loc.region {
                    return Err(clash("region", &country.region, &loc.region));
                }
                if country.m49_region != loc.m49_region {
                    return Err(clash("UN region", &country.m49_region, &loc.m49_region));
                }
                country.pecs.push(index);
            }
            None => countries.push(Country {
                id: id.clone(),
                name_en: loc.country_en.clone(),
                name_ru: loc.country_ru.clone(),
                region: loc.region.clone(),
                m49_region: loc.m49_region.clone(),
                pecs: vec![index],
            }),
        }
    }
    countries.sort_by(|a, b| a.name_en.cmp(&b.name_en));
    Ok(countries)
}
