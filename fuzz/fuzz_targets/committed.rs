//! The committed bundle, loaded once per fuzz process (shared by the claims and export targets),
//! from the tests' one fixture; and a copy whose place names start like spreadsheet formulas, so
//! the export target's formula check has something to catch.

#[path = "../../tests/common/fixture.rs"]
mod fixture;

use reweigh::Engine;
use std::sync::OnceLock;

pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE
        .get_or_init(|| Engine::load(&fixture::bundle_texts()).expect("the committed bundle loads"))
}

/// The committed bundle with country and city names that a spreadsheet would run.
#[allow(dead_code)] // the claims target does not export
pub fn formula_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut texts = fixture::bundle_texts();
        let pecs = texts.get_mut("pecs-2024.json").expect("the PECs file");
        for (from, to) in [
            ("\"country_en\":\"Israel\"", "\"country_en\":\"=1+2\""),
            ("\"country_ru\":\"Израиль\"", "\"country_ru\":\"+7(495)\""),
            (
                "\"country_en\":\"Kazakhstan\"",
                "\"country_en\":\"-Kazakhstan\"",
            ),
            ("\"country_en\":\"Japan\"", "\"country_en\":\"@SUM(A1)\""),
            ("\"city_en\":\"Haifa\"", "\"city_en\":\"\\tHaifa\""),
            ("\"city_en\":\"Tel Aviv\"", "\"city_en\":\"\\rTel Aviv\""),
        ] {
            assert!(pecs.contains(from), "{from}");
            *pecs = pecs.replace(from, to);
        }
        Engine::load(&texts).expect("the renamed bundle loads")
    })
}
