//! The loader's checks of the protocols, the history and the national totals: ranges, order,
//! uniqueness, the relations a file's own figures must satisfy. Every failure names the file,
//! the record and the problem.

use super::files::{
    BundleError, CLAIMS_FILE, ClaimsFile, HISTORY_FILE, PECS_FILE, RUSSIA_FILE, RussiaFile,
    bundle_error,
};
use super::model::{CURRENT_YEAR, HistoryYear, PAPER_REGIONS, Pec, UN_REGIONS};
use serde::Serialize;
use std::fmt;
use std::ops::{Range, RangeInclusive};

/// The PEC numbers the CEC gives the polling stations abroad in 2024.
pub const PEC_RANGE_2024: RangeInclusive<u32> = 8000..=8449;
/// The numbers of the PECs abroad in earlier years (5001-5499 in 2004-2012, 8000-8443 in 2018).
pub const HISTORY_PEC_RANGE: RangeInclusive<u32> = 5000..=8999;
/// Years an earlier election abroad may carry: Russia's presidential elections since 1991,
/// before the current one.
pub const HISTORY_YEARS: Range<u16> = 1991..CURRENT_YEAR;

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

/// The most claims a claims file holds: the sweep judges every claim under every reading, and
/// the page runs it on load (24 claims: 87 ms in the browser; it grows linearly).
pub const MAX_CLAIMS: usize = 100;
/// The longest text of a claim's test (a metric, a predicate, a target), in characters.
pub const MAX_TEST_TEXT: usize = 200;
/// The most entries of a claim's list (predicates, countries or PECs, regions).
pub const MAX_TEST_LIST: usize = 300;

/// The claims file's limits (its tests are compiled by `paper::claims`).
pub fn validate_claims(claims: &ClaimsFile) -> Result<(), BundleError> {
    if claims.claims.len() > MAX_CLAIMS {
        return Err(bundle_error(
            CLAIMS_FILE,
            None,
            format!(
                "{} claims; the file holds at most {MAX_CLAIMS}",
                claims.claims.len()
            ),
        ));
    }
    for claim in &claims.claims {
        let record = || Some(format!("claim {}", crate::text::shorten(&claim.id, 40)));
        let t = &claim.test;
        let texts = [
            &t.value,
            &t.published,
            &t.compare,
            &t.op,
            &t.than,
            &t.count,
            &t.target,
            &t.within,
            &t.set,
            &t.rank,
            &t.by,
        ];
        let lists = [
            &t.predicates,
            &t.includes,
            &t.equals,
            &t.excludes,
            &t.top,
            &t.bottom,
        ];
        for list in lists.into_iter().flatten() {
            if list.len() > MAX_TEST_LIST {
                return Err(bundle_error(
                    CLAIMS_FILE,
                    record(),
                    format!(
                        "a list of {} entries; a test’s list holds at most {MAX_TEST_LIST}",
                        list.len()
                    ),
                ));
            }
        }
        let all_texts = texts
            .into_iter()
            .flatten()
            .chain(lists.into_iter().flatten().flatten());
        for text in all_texts.chain(std::iter::once(&claim.id)) {
            let n = text.chars().count();
            if n > MAX_TEST_TEXT {
                return Err(bundle_error(
                    CLAIMS_FILE,
                    record(),
                    format!(
                        "a test text of {n} characters (\"{}\"); at most {MAX_TEST_TEXT}",
                        crate::text::shorten(text, 20)
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn pec_record(pec: u32) -> Option<String> {
    Some(format!("PEC {pec}"))
}

/// The national totals: each figure's source is listed; valid = Σ candidates; the ballots in the
/// boxes (invalid + valid) are no more than those issued (early + inside + mobile). Sums in u64
/// of u32 figures cannot overflow.
pub fn validate_russia(russia: &RussiaFile) -> Result<(), BundleError> {
    for (name, figure) in russia.figures() {
        if !russia.sources.contains_key(&figure.source) {
            return Err(bundle_error(
                RUSSIA_FILE,
                Some(name.to_string()),
                format!(
                    "source \"{}\" is not one of the file’s sources",
                    crate::text::shorten(&figure.source, 40)
                ),
            ));
        }
    }
    let n = |f: &super::files::NationalFigure| u64::from(f.value);
    let votes: u64 = [
        &russia.davankov,
        &russia.putin,
        &russia.slutsky,
        &russia.kharitonov,
    ]
    .into_iter()
    .map(n)
    .sum();
    if votes != n(&russia.valid) {
        return Err(bundle_error(
            RUSSIA_FILE,
            Some("valid".into()),
            format!(
                "the candidates’ votes sum to {votes}, not to the valid ballots {}",
                russia.valid.value
            ),
        ));
    }
    let issued = n(&russia.early) + n(&russia.inside) + n(&russia.mobile);
    let cast = n(&russia.invalid) + n(&russia.valid);
    if cast > issued {
        return Err(bundle_error(
            RUSSIA_FILE,
            Some("invalid, valid".into()),
            format!(
                "invalid + valid = {cast} ballots in the boxes, more than the {issued} issued (early + inside + mobile)"
            ),
        ));
    }
    Ok(())
}

pub fn validate_pecs(pecs: &[Pec]) -> Result<(), BundleError> {
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
                format!("unknown region \"{}\"", crate::text::shorten(region, 40)),
            ));
        }
        if let Some(region) = &loc.m49_region
            && !UN_REGIONS.iter().any(|r| r.id == region)
        {
            return Err(bundle_error(
                PECS_FILE,
                record,
                format!("unknown UN region \"{}\"", crate::text::shorten(region, 40)),
            ));
        }
        if let Some(id) = &loc.country_id
            && !(id.len() == 2 && id.bytes().all(|b| b.is_ascii_uppercase()))
        {
            return Err(bundle_error(
                PECS_FILE,
                record,
                format!(
                    "country id \"{}\" is not two capital letters",
                    crate::text::shorten(id, 40)
                ),
            ));
        }
    }
    Ok(())
}

/// Each year once, ascending, within [`HISTORY_YEARS`], from the raw file of its own name; PEC
/// numbers within [`HISTORY_PEC_RANGE`], each once; one vote count per candidate.
pub fn validate_history(years: &[HistoryYear]) -> Result<(), BundleError> {
    for (i, year) in years.iter().enumerate() {
        let record = Some(year.year.to_string());
        if !HISTORY_YEARS.contains(&year.year) {
            return Err(bundle_error(
                HISTORY_FILE,
                record,
                format!(
                    "not a year of an earlier election ({}..{})",
                    HISTORY_YEARS.start,
                    HISTORY_YEARS.end - 1
                ),
            ));
        }
        if let Some(before) = i.checked_sub(1).map(|j| &years[j])
            && before.year >= year.year
        {
            return Err(bundle_error(
                HISTORY_FILE,
                record,
                if before.year == year.year {
                    "the year appears twice"
                } else {
                    "years are not in ascending order (the importer writes them sorted)"
                },
            ));
        }
        let source = format!("cec/abroad-{}.csv", year.year);
        if year.source != source {
            return Err(bundle_error(
                HISTORY_FILE,
                record,
                format!(
                    "source \"{}\" is not {source}",
                    crate::text::shorten(&year.source, 40)
                ),
            ));
        }
        if year.pecs.is_empty() || year.candidates.is_empty() {
            return Err(bundle_error(
                HISTORY_FILE,
                record,
                "no PECs or no candidates",
            ));
        }
        let mut numbers: Vec<u32> = year.pecs.iter().map(|p| p.pec).collect();
        numbers.sort_unstable();
        if let Some(pair) = numbers.windows(2).find(|w| w[0] == w[1]) {
            return Err(bundle_error(
                HISTORY_FILE,
                Some(format!("{} PEC {}", year.year, pair[0])),
                "duplicate PEC",
            ));
        }
        for pec in &year.pecs {
            let record = Some(format!("{} PEC {}", year.year, pec.pec));
            if !HISTORY_PEC_RANGE.contains(&pec.pec) {
                return Err(bundle_error(
                    HISTORY_FILE,
                    record,
                    format!(
                        "unknown PEC: the PECs abroad are numbered {}..{}",
                        HISTORY_PEC_RANGE.start(),
                        HISTORY_PEC_RANGE.end()
                    ),
                ));
            }
            if pec.votes.len() != year.candidates.len() {
                return Err(bundle_error(
                    HISTORY_FILE,
                    record,
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

/// Countries from the PECs' locations; a country's PECs must agree on its names and regions.
pub fn gather_countries(pecs: &[Pec]) -> Result<Vec<Country>, BundleError> {
    let mut countries: Vec<Country> = Vec::new();
    for (index, pec) in pecs.iter().enumerate() {
        let loc = &pec.location;
        let Some(id) = &loc.country_id else { continue };
        match countries.iter_mut().find(|c| &c.id == id) {
            Some(country) => {
                let clash = |what: &str, a: &dyn fmt::Debug, b: &dyn fmt::Debug| {
                    let shown = |v: &dyn fmt::Debug| crate::text::shorten(&format!("{v:?}"), 60);
                    bundle_error(
                        PECS_FILE,
                        pec_record(pec.pec),
                        format!(
                            "country {id}: {what} {} differs from {} given by PEC {}",
                            shown(b),
                            shown(a),
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
    crate::text::order::sort_by(&mut countries, |a, b| a.name_en.cmp(&b.name_en));
    Ok(countries)
}
