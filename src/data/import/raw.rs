//! The raw inputs: which files the importer reads (by exact name), reading them from disk.

use super::{ImportError, error};
use crate::data::model::CURRENT_YEAR;
use crate::data::national::{ELECTRONIC_FILE, PRECINCTS_FILE, SUBJECTS_FILE};
use crate::data::validate::HISTORY_YEARS;

pub const LOCATIONS_FILE: &str = "locations/pecs-abroad-2024.csv";
pub const CANDIDATES_FILE: &str = "candidates.csv";
pub const MAP_110M_FILE: &str = "map/countries-110m.json";
pub const MAP_50M_FILE: &str = "map/countries-50m.json";
pub const ISO_NUMERIC_FILE: &str = "map/iso-3166-numeric.csv";

/// Every raw input by its exact path (relative to data/raw), besides `cec/abroad-YYYY.csv`.
pub const RAW_INPUTS: [&str; 8] = [
    CANDIDATES_FILE,
    LOCATIONS_FILE,
    SUBJECTS_FILE,
    PRECINCTS_FILE,
    ELECTRONIC_FILE,
    MAP_110M_FILE,
    MAP_50M_FILE,
    ISO_NUMERIC_FILE,
];

/// A raw input file: its path relative to data/raw, and its bytes.
pub struct RawFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Whether the importer reads a file of this name (documentation and licences are not read).
fn is_data(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "csv" || e == "zip" || e == "json")
}

/// Read every data file (CSV, zip, JSON) under `dir`, paths relative to it, sorted.
pub fn read_raw_dir(dir: &std::path::Path) -> Result<Vec<RawFile>, String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let entries =
            std::fs::read_dir(&current).map_err(|e| format!("{}: {e}", current.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else if is_data(&path) {
                let relative = path
                    .strip_prefix(dir)
                    .map_err(|e| e.to_string())?
                    .to_string_lossy()
                    .replace('\\', "/");
                let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                files.push(RawFile {
                    path: relative,
                    bytes,
                });
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// `cec/abroad-2008.csv` → 2008: exactly four ASCII digits ("+2018" or "02018" is no year).
pub fn year_of(path: &str) -> Option<u16> {
    let digits = path.strip_prefix("cec/abroad-")?.strip_suffix(".csv")?;
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// Every raw file is one the importer reads, by its exact name; a protocol file's year is an
/// election's.
pub fn check_names(raw: &[RawFile]) -> Result<(), ImportError> {
    for file in raw {
        let path = file.path.as_str();
        if RAW_INPUTS.contains(&path) {
            continue;
        }
        match year_of(path) {
            Some(year) if year == CURRENT_YEAR || HISTORY_YEARS.contains(&year) => {}
            Some(year) => {
                return Err(error(
                    path,
                    None,
                    format!(
                        "{year} is not a year of an election this importer reads ({}..{CURRENT_YEAR})",
                        HISTORY_YEARS.start
                    ),
                ));
            }
            None => {
                return Err(error(
                    path,
                    None,
                    format!(
                        "not a file the importer reads: its inputs are cec/abroad-YYYY.csv and {}",
                        RAW_INPUTS.join(", ")
                    ),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_is_four_digits_exactly() {
        assert_eq!(year_of("cec/abroad-2018.csv"), Some(2018));
        for path in [
            "cec/abroad-+2018.csv",
            "cec/abroad-02018.csv",
            "cec/abroad- 2018.csv",
            "cec/abroad-2018.csv.csv",
            "cec/abroad-٢٠١٨.csv",
        ] {
            assert_eq!(year_of(path), None, "{path}");
        }
    }
}
