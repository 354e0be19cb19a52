//! Shared by the integration tests: the committed bundle and the broken ones (`fixture`, shared
//! with the wasm tests and the fuzz targets), and the raw CSV read independently of the importer
//! (by exact CEC header), so the engine is checked against sums it did not make.
#![allow(dead_code)]

pub mod edit;
pub mod states;

use reweigh::Engine;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub mod fixture;

pub use fixture::bundle_texts;

/// The committed bundle, loaded once per test binary.
pub fn engine() -> &'static Engine {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| Engine::load(&bundle_texts()).expect("the committed bundle loads"))
}

/// One 2024 protocol row of the raw CEC file, by header.
pub struct RawPec {
    pub pec: u32,
    pub values: BTreeMap<String, i64>,
}

impl RawPec {
    pub fn get(&self, header: &str) -> i64 {
        *self
            .values
            .get(header)
            .unwrap_or_else(|| panic!("no column {header}"))
    }
    pub fn issued(&self) -> i64 {
        self.get(EARLY) + self.get(INSIDE) + self.get(MOBILE)
    }
    pub fn cast(&self) -> i64 {
        self.get(PORTABLE) + self.get(STATIONARY)
    }
}

pub const REGISTERED: &str = "Число избирателей, включенных в список избирателей";
pub const EARLY: &str =
    "Число избирательных бюллетеней, выданных избирателям, проголосовавшим досрочно";
pub const INSIDE: &str =
    "Число избирательных бюллетеней, выданных в помещении для голосования в день голосования";
pub const MOBILE: &str =
    "Число избирательных бюллетеней, выданных вне помещения для голосования в день голосования";
pub const PORTABLE: &str = "Число избирательных бюллетеней в переносных ящиках для голосования";
pub const STATIONARY: &str = "Число бюллетеней в стационарных ящиках для голосования";
pub const INVALID: &str = "Число недействительных избирательных бюллетеней";
pub const VALID: &str = "Число действительных избирательных бюллетеней";
pub const DAVANKOV: &str = "Даванков Владислав Андреевич";
pub const PUTIN: &str = "Путин Владимир Владимирович";
pub const SLUTSKY: &str = "Слуцкий Леонид Эдуардович";
pub const KHARITONOV: &str = "Харитонов Николай Михайлович";

pub fn raw_2024() -> Vec<RawPec> {
    let path = root().join("data/raw/cec/abroad-2024.csv");
    let mut reader = csv::Reader::from_path(&path).expect("raw 2024 file");
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let pec: u32 = r[2].trim_start_matches("УИК №").parse().unwrap();
            let values = headers
                .iter()
                .zip(r.iter())
                .skip(3)
                .map(|(h, v)| (h.to_string(), v.parse().unwrap()))
                .collect();
            RawPec { pec, values }
        })
        .collect()
}

/// One line of the raw locations file, by header (every column the engine reads).
#[derive(Clone, Debug)]
pub struct RawLocation {
    /// Empty when the country is not established.
    pub country_id: String,
    pub country_en: String,
    pub country_ru: String,
    /// The paper's region as the file writes it (`unknown` when not established).
    pub region: String,
    /// The UN M49 region as the file writes it (`Asia`, ...; empty when not established).
    pub m49_region: String,
    pub disputed: bool,
    pub evidence: String,
}

pub fn raw_location_lines() -> BTreeMap<u32, RawLocation> {
    let mut reader =
        csv::Reader::from_path(root().join("data/raw/locations/pecs-abroad-2024.csv")).unwrap();
    reader
        .deserialize::<BTreeMap<String, String>>()
        .map(|r| {
            let r = r.unwrap();
            let disputed = match r["disputed"].as_str() {
                "yes" => true,
                "no" => false,
                other => panic!("disputed column: {other}"),
            };
            let line = RawLocation {
                country_id: r["country_id"].clone(),
                country_en: r["country_en"].clone(),
                country_ru: r["country_ru"].clone(),
                region: r["region"].clone(),
                m49_region: r["m49_region"].clone(),
                disputed,
                evidence: r["evidence"].clone(),
            };
            (r["pec"].parse().unwrap(), line)
        })
        .collect()
}

/// pec → (country_id, paper region, disputed) from the raw locations file.
pub fn raw_locations() -> BTreeMap<u32, (String, String, bool)> {
    raw_location_lines()
        .into_iter()
        .map(|(pec, l)| (pec, (l.country_id, l.region, l.disputed)))
        .collect()
}

impl RawPec {
    /// A count by the name the paper's files use (`issued`, `cast`, `davankov`, ...).
    pub fn count(&self, name: &str) -> i64 {
        match name {
            "issued" => self.issued(),
            "cast" => self.cast(),
            "early" => self.get(EARLY),
            "inside" => self.get(INSIDE),
            "mobile" => self.get(MOBILE),
            "invalid" => self.get(INVALID),
            "valid" => self.get(VALID),
            "unreturned" => self.issued() - self.cast(),
            "davankov" => self.get(DAVANKOV),
            "putin" => self.get(PUTIN),
            "slutsky" => self.get(SLUTSKY),
            "kharitonov" => self.get(KHARITONOV),
            other => panic!("no count {other}"),
        }
    }
}

/// data/paper.json as plain JSON: the printed figures as transcribed, read without the engine.
pub fn paper_json() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(root().join("data/paper.json")).unwrap()).unwrap()
}

/// Whether `x` printed at the printed figure's precision is that figure ("16,65", "380 961",
/// "8%"): the figure's digits after the comma, rounded half away from zero.
pub fn rounds_to(x: f64, printed: &str) -> bool {
    let compact: String = printed
        .chars()
        .filter(|c| !matches!(c, ' ' | '%' | '\u{a0}'))
        .collect();
    let decimals = compact.split_once(',').map_or(0, |(_, f)| f.len());
    let scale = 10f64.powi(decimals as i32);
    let rounded = (x * scale).round() / scale;
    format!("{rounded:.decimals$}").replace('.', ",") == compact
}
