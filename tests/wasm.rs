//! The wasm boundary, run under node by wasm-bindgen-test-runner: values in and out through
//! serde-wasm-bindgen, and the engine's errors as JS errors.
#![cfg(target_arch = "wasm32")]

use reweigh::wasm::{Handle, bundle_files, parse_hash, vocabulary};
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

fn files() -> serde_json::Map<String, Value> {
    let mut map = serde_json::Map::new();
    for (name, text) in [
        ("pecs-2024.json", include_str!("../data/pecs-2024.json")),
        ("history.json", include_str!("../data/history.json")),
        ("manifest.json", include_str!("../data/manifest.json")),
        ("paper.json", include_str!("../data/paper.json")),
        ("russia-2024.json", include_str!("../data/russia-2024.json")),
        ("claims.json", include_str!("../data/claims.json")),
    ] {
        map.insert(name.to_string(), Value::String(text.to_string()));
    }
    map
}

fn js(value: &serde_json::Map<String, Value>) -> JsValue {
    serde_wasm_bindgen::to_value(value).unwrap()
}

fn json(value: JsValue) -> Value {
    serde_wasm_bindgen::from_value(value).unwrap()
}

fn handle() -> Handle {
    Handle::new(js(&files())).unwrap()
}

fn message(e: wasm_bindgen::JsError) -> String {
    let value: JsValue = e.into();
    js_sys::Error::from(value).message().into()
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
fn summary_and_compute_cross_the_boundary() {
    let h = handle();
    let page = json(h.page("invalid=0", "3", "en").unwrap());
    let summary = &page["summary"];
    let compute = json(h.compute("invalid=0").unwrap());
    assert_eq!(page["table"]["id"], "3");
    assert_eq!(page["charts"].as_array().unwrap().len(), 3);
    assert_eq!(summary["total"]["issued"], 380961);
    assert_eq!(summary["wins"], compute["wins"]);
    assert!(
        summary["description"]
            .as_str()
            .unwrap()
            .contains("Davankov")
    );
    assert_eq!(compute["pecs"].as_array().unwrap().len(), 288);
    // Under invalid=0 the opposition is Davankov's votes alone.
    assert_eq!(
        compute["total"]["opposition"],
        compute["total"]["votes"]["davankov"]
    );
}

#[wasm_bindgen_test]
fn tables_export_and_charts() {
    let h = handle();
    let t2 = json(h.tables("", "2").unwrap());
    assert_eq!(t2[0]["id"], "2");
    assert_eq!(t2[0]["rows"][0]["cells"][0]["status"], "match");
    let csv = h
        .export("", "pecs", "csv", "ru", vec!["8096".into()], "2026-01-01")
        .unwrap();
    assert!(csv.starts_with('\u{feff}'), "CSV carries a BOM for Excel");
    assert!(csv.contains("Израиль") && csv.contains("# generated: 2026-01-01"));
    assert_eq!(
        csv.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with('\u{feff}'))
            .count(),
        2
    );
    let chart = json(h.chart("", "regions", "en").unwrap());
    assert!(chart["svg"].as_str().unwrap().starts_with("<svg"));
}

#[wasm_bindgen_test]
fn errors_become_js_errors_with_the_engines_message() {
    let h = handle();
    let e = h.page("invalid=2", "3", "en").err().unwrap();
    assert!(message(e).contains("`invalid=2`: out of range"));
    let e = h.tables("", "9").err().unwrap();
    assert!(message(e).contains("unknown table \"9\""));
    let mut broken = files();
    broken.insert("paper.json".into(), Value::String("{".into()));
    let e = Handle::new(js(&broken)).err().unwrap();
    assert!(message(e).starts_with("data/paper.json:"));
}

#[wasm_bindgen_test]
fn the_hash_and_the_vocabulary() {
    let loc = json(parse_hash("#base=cast&tab=pecs&lang=ru&invalid=x").unwrap());
    assert_eq!(loc["view"]["tab"], "pecs");
    assert_eq!(loc["errors"][0]["key"], "invalid");
    assert!(loc["canonical"].as_str().unwrap().contains("base=cast"));
    let vocab = json(vocabulary().unwrap());
    assert_eq!(vocab.as_array().unwrap().len(), 11);
}
