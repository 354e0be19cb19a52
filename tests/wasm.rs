//! The wasm boundary, run under node by wasm-bindgen-test-runner: values in and out through
//! serde-wasm-bindgen, and the engine's errors as JS errors.
#![cfg(target_arch = "wasm32")]

use reweigh::web::wasm::{Handle, bundle_files};
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

#[path = "common/fixture.rs"]
mod fixture;

use fixture::{Surface, broken_bundles};

/// The committed bundle (the tests' one fixture) as the page passes it.
fn files() -> serde_json::Map<String, Value> {
    fixture::bundle_texts()
        .into_iter()
        .map(|(name, text)| (name, Value::String(text)))
        .collect()
}

fn js(value: &serde_json::Map<String, Value>) -> JsValue {
    serde_wasm_bindgen::to_value(value).unwrap()
}

fn json(value: JsValue) -> Value {
    serde_wasm_bindgen::from_value(value).unwrap()
}

/// The page's module reads the shipped bundle only; the worker's (`--features robustness`),
/// which the page also starts for any other files, reads any bundle with every check.
#[cfg(not(feature = "robustness"))]
fn load(files: &serde_json::Map<String, Value>) -> Result<Option<Handle>, JsValue> {
    Handle::load_shipped(js(files))
}

#[cfg(feature = "robustness")]
fn load(files: &serde_json::Map<String, Value>) -> Result<Option<Handle>, JsValue> {
    Handle::new(js(files)).map(Some)
}

fn handle() -> Handle {
    load(&files()).unwrap().expect("the shipped bundle")
}

/// Under the page's module, files that are not the shipped bundle are not read (`None`): the
/// page hands them to the worker's module. Under that module, they are read with every check.
fn not_shipped_or(files: &serde_json::Map<String, Value>) -> Result<Option<Handle>, JsValue> {
    let loaded = load(files);
    if cfg!(not(feature = "robustness")) {
        // It refuses nothing: whatever is not the shipped files is left to the other module.
        assert!(
            matches!(loaded, Ok(None)),
            "the page's module read or refused other files"
        );
    }
    loaded
}

fn message(e: impl Into<JsValue>) -> String {
    js_sys::Error::from(e.into()).message().into()
}

/// An error's message in a language, from its `messages` (the errors raised before the page
/// knows its language carry both).
fn message_in(e: &JsValue, lang: &str) -> String {
    let messages = js_sys::Reflect::get(e, &"messages".into()).unwrap();
    js_sys::Reflect::get(&messages, &lang.into())
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
fn the_bundle_file_list_matches() {
    let names = bundle_files();
    assert_eq!(names.len(), files().len());
    for name in names {
        assert!(files().contains_key(&name), "{name}");
    }
}

#[wasm_bindgen_test]
fn the_page_and_compute_cross_the_boundary() {
    let h = handle();
    let page = json(h.page("invalid=0&tab=3&lang=en").unwrap());
    let compute = json(h.compute("invalid=0").unwrap());
    assert_eq!(page["table"]["id"], "3");
    assert_eq!(page["charts"].as_array().unwrap().len(), 3);
    assert_eq!(compute["total"]["issued"], 380961);
    let figures = page["headline"]["figures"].as_array().unwrap();
    let putin = figures.iter().find(|f| f["id"] == "putin-share").unwrap();
    assert!(
        putin["detail"]
            .as_str()
            .unwrap()
            .ends_with("of 380,961 ballots issued"),
        "{putin}"
    );
    let won = figures.iter().find(|f| f["id"] == "pecs-won").unwrap();
    assert_eq!(won["value"], compute["wins"]["pecs"].to_string());
    assert!(page["description"].as_str().unwrap().contains("Davankov"));
    assert_eq!(compute["pecs"].as_array().unwrap().len(), 288);
    // Under invalid=0 the opposition is Davankov's votes alone.
    assert_eq!(
        compute["total"]["opposition"],
        compute["total"]["votes"]["davankov"]
    );
}

#[wasm_bindgen_test]
fn tables_downloads_and_charts() {
    let h = handle();
    let t2 = json(h.tables("", "2").unwrap());
    assert_eq!(t2[0]["id"], "2");
    assert_eq!(t2[0]["rows"][0]["cells"][0]["status"], "match");
    let file = json(
        h.download("tab=pecs&q=8096&lang=ru", "csv", "shown", "", "2026-01-01")
            .unwrap(),
    );
    let csv = file["text"].as_str().unwrap();
    assert!(csv.starts_with('\u{feff}'), "CSV carries a BOM for Excel");
    assert!(csv.contains("Израиль"));
    // A header and the one PEC, nothing else; the Russian page's `;` and decimal comma.
    assert_eq!(csv.lines().count(), 2);
    assert!(csv.lines().next().unwrap().contains(';'));
    let english = json(
        h.download(
            "tab=pecs&q=8096&lang=ru",
            "csv",
            "shown",
            "en",
            "2026-01-01",
        )
        .unwrap(),
    );
    let header = english["text"]
        .as_str()
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert!(header.contains(',') && !header.contains(';'), "{header}");
    // The date and the state reach the reader in the JSON's meta.
    let doc = json(
        h.download(
            "tab=pecs&q=8096&lang=ru&invalid=0.5",
            "json",
            "shown",
            "",
            "2026-01-01",
        )
        .unwrap(),
    );
    let meta: serde_json::Value = serde_json::from_str(doc["text"].as_str().unwrap()).unwrap();
    assert_eq!(meta["meta"]["generated"], "2026-01-01");
    assert!(
        meta["meta"]["state"]
            .as_str()
            .unwrap()
            .starts_with("invalid=0.5&")
    );
    assert_eq!(file["name"], "reweigh-table-pecs-shown-paper.csv");
    let page = json(h.page("").unwrap());
    assert!(
        page["charts"][0]["svg"]
            .as_str()
            .unwrap()
            .starts_with("<svg")
    );
}

#[wasm_bindgen_test]
fn errors_are_worded_in_the_pages_language() {
    let h = handle();
    let page = json(h.page("invalid=2").unwrap());
    assert!(
        page["errors"][0]
            .as_str()
            .unwrap()
            .contains("“Invalid (spoiled) ballots”: 2 — out of range")
    );
    let page = json(h.page("invalid=2&lang=ru").unwrap());
    assert!(
        page["errors"][0]
            .as_str()
            .unwrap()
            .contains("«Недействительные (испорченные) бюллетени»: 2 — вне допустимого диапазона"),
        "{}",
        page["errors"][0]
    );
    let e = h.tables("", "9").err().unwrap();
    assert!(message(e).contains("unknown table \"9\""));
    let mut broken = files();
    broken.insert("paper.json".into(), Value::String("{".into()));
    match not_shipped_or(&broken) {
        Err(e) => {
            assert_eq!(message_in(&e, "en"), message(e.clone()));
            assert!(message(e.clone()).starts_with("data/paper.json:"));
            assert!(
                message_in(&e, "ru").starts_with("data/paper.json: данные не загружены."),
                "{}",
                message_in(&e, "ru")
            );
        }
        Ok(loaded) => assert!(loaded.is_none(), "a broken paper.json loaded"),
    }
    // A missing file is refused by the worker's module, in both languages (the page's leaves it
    // to that one).
    let mut missing = files();
    missing.remove("paper.json");
    match not_shipped_or(&missing) {
        Err(e) => {
            assert!(message_in(&e, "ru").starts_with("data/paper.json: данные не загружены."))
        }
        Ok(loaded) => assert!(loaded.is_none(), "a missing file was read"),
    }
    let e = h.compute("invalid=2").err().unwrap();
    assert!(message_in(&e, "ru").contains("вне допустимого диапазона"));
}

/// Every shared broken-bundle case is refused at the boundary with the engine's message.
#[wasm_bindgen_test]
fn broken_bundles_are_refused_with_the_engines_message() {
    for case in broken_bundles() {
        let texts: serde_json::Map<String, Value> = case
            .bundle()
            .into_iter()
            .map(|(name, text)| (name, Value::String(text)))
            .collect();
        let text = match not_shipped_or(&texts) {
            Ok(Some(_)) => panic!("{}: loaded", case.name),
            // The page's module: not the shipped files, left to the worker's module.
            Ok(None) => continue,
            Err(e) => message(e),
        };
        for fragment in case.message(Surface::Engine) {
            assert!(text.contains(&fragment), "{}: {text}", case.name);
        }
    }
}

#[wasm_bindgen_test]
fn the_hash_and_the_controls() {
    let h = handle();
    let page = json(h.page("#base=cast&tab=pecs&lang=ru&invalid=x").unwrap());
    assert_eq!(page["here"]["tab"], "pecs");
    assert!(
        page["errors"][0]
            .as_str()
            .unwrap()
            .starts_with("«Недействительные (испорченные) бюллетени»: x — не число")
    );
    assert!(
        page["here"]["canonical"]
            .as_str()
            .unwrap()
            .contains("base=cast")
    );
    assert_eq!(page["controls"].as_array().unwrap().len(), 12);
    let changes = serde_wasm_bindgen::to_value(&vec![("invalid", "0.5")]).unwrap();
    let next = json(h.navigate("base=cast&lang=ru", changes).unwrap());
    assert!(
        next["canonical"]
            .as_str()
            .unwrap()
            .starts_with("invalid=0.5&")
    );
    assert!(next["errors"].as_array().unwrap().is_empty());
}

#[wasm_bindgen_test]
fn the_sources_say_the_bundle_is_the_shipped_one() {
    let h = handle();
    let sources = json(h.sources("en").unwrap());
    let status = sources["bundle_status"].as_str().unwrap();
    assert!(status.contains("This is the bundle reweigh"), "{status}");
    let mut other = files();
    let claims = other["claims.json"].as_str().unwrap().to_string() + " ";
    other.insert("claims.json".into(), Value::String(claims));
    let Some(h) = not_shipped_or(&other).unwrap() else {
        return;
    };
    let sources = json(h.sources("ru").unwrap());
    assert!(
        sources["bundle_status"]
            .as_str()
            .unwrap()
            .contains("Это НЕ те данные")
    );
}
