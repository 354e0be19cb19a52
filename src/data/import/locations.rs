//! The locations file: where each 2024 PEC abroad sat, with its evidence level.

use super::cec::{csv_error, csv_reader, find};
use super::{ImportError, LOCATIONS_FILE, RawFile, error};
use crate::data::model::{Evidence, Location, PAPER_REGIONS, UN_REGIONS};
use std::collections::BTreeMap;

/// The locations file, one row per PEC number.
pub(super) fn read_locations(
    raw: &[RawFile],
) -> Result<(BTreeMap<u32, Location>, Vec<String>), ImportError> {
    let path = LOCATIONS_FILE;
    let file = find(raw, path)?;
    let mut reader = csv_reader(&file.bytes);
    let headers = reader.headers().map_err(|e| csv_error(path, &e))?.clone();
    let required = [
        "pec",
        "country_id",
        "country_en",
        "country_ru",
        "city_en",
        "city_ru",
        "region",
        "disputed",
        "evidence",
        "m49_region",
        "note",
    ];
    let mut index = BTreeMap::new();
    for name in required {
        let i = headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| error(path, Some(1), format!("no column `{name}`")))?;
        index.insert(name, i);
    }
    let ignored: Vec<String> = headers
        .iter()
        .filter(|h| !required.contains(h))
        .map(str::to_string)
        .collect();
    let mut locations = BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, &e))?;
        let line = record.position().map(|p| p.line());
        let get = |name: &str| record[index[name]].trim().to_string();
        let fail = |column: &str, problem: String| {
            error(path, line, format!("column `{column}`: {problem}"))
        };
        let pec = get("pec")
            .parse::<u32>()
            .map_err(|_| fail("pec", format!("\"{}\" is not a PEC number", get("pec"))))?;
        let country_id = get("country_id");
        let country_id = if country_id.is_empty() {
            if !get("country_en").is_empty() || !get("country_ru").is_empty() {
                return Err(fail(
                    "country_id",
                    "empty, but the row names a country".into(),
                ));
            }
            None
        } else if country_id.len() == 2 && country_id.bytes().all(|b| b.is_ascii_uppercase()) {
            Some(country_id)
        } else {
            return Err(fail(
                "country_id",
                format!("\"{country_id}\" is not a two-letter code"),
            ));
        };
        let region = match get("region").as_str() {
            "unknown" | "" => None,
            id if PAPER_REGIONS.iter().any(|r| r.id == id) => Some(id.to_string()),
            other => {
                let ids: Vec<&str> = PAPER_REGIONS.iter().map(|r| r.id).collect();
                return Err(fail(
                    "region",
                    format!("\"{other}\" is not one of {} or unknown", ids.join(", ")),
                ));
            }
        };
        let m49_region = match get("m49_region").to_lowercase().as_str() {
            "" => None,
            id if UN_REGIONS.iter().any(|r| r.id == id) => Some(id.to_string()),
            other => {
                return Err(fail(
                    "m49_region",
                    format!("\"{other}\" is not Africa, Americas, Asia, Europe, Oceania or empty"),
                ));
            }
        };
        let disputed = match get("disputed").as_str() {
            "yes" => true,
            "no" => false,
            other => return Err(fail("disputed", format!("\"{other}\" is not yes or no"))),
        };
        let evidence = Evidence::parse(&get("evidence")).ok_or_else(|| {
            fail(
                "evidence",
                format!(
                    "\"{}\" is not documented, matched, inferred or unknown",
                    get("evidence")
                ),
            )
        })?;
        let location = Location {
            country_id,
            country_en: get("country_en"),
            country_ru: get("country_ru"),
            city_en: get("city_en"),
            city_ru: get("city_ru"),
            region,
            m49_region,
            disputed,
            evidence,
            note: get("note"),
        };
        if locations.insert(pec, location).is_some() {
            return Err(error(path, line, format!("PEC {pec} appears twice")));
        }
    }
    Ok((locations, ignored))
}
