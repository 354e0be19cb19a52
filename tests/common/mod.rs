//! Shared by the integration tests: the committed bundle, and the raw CSV read independently of
//! the importer (by exact CEC header), so the engine is checked against sums it did not make.
#![allow(dead_code)]

pub mod edit;

use reweigh::Engine;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn bundle_texts() -> BTreeMap<String, String> {
    reweigh::BUNDLE_FILES
        .iter()
        .map(|name| {
            let text =
                std::fs::read_to_string(root().join("data").join(name)).expect("bundle file");
            (name.to_string(), text)
        })
        .collect()
}

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

/// pec → (country_id, paper region, disputed) from the raw locations file.
pub fn raw_locations() -> BTreeMap<u32, (String, String, bool)> {
    let mut reader =
        csv::Reader::from_path(root().join("data/raw/locations/pecs-abroad-2024.csv")).unwrap();
    reader
        .deserialize::<BTreeMap<String, String>>()
        .map(|r| {
            let r = r.unwrap();
            (
                r["pec"].parse().unwrap(),
                (
                    r["country_id"].clone(),
                    r["region"].clone(),
                    r["disputed"] == "yes",
                ),
            )
        })
        .collect()
}
