//! What the engine keeps between redraws changes nothing the page shows: the ledger's memo of
//! confirmations and own inputs (answers kept from earlier readings), and the page's sections
//! left out when the page already holds them. One engine visits every key changed alone (each
//! value of a choice, a weight moved twice, the smallest PEC counted), then back; each page, on
//! every tab and in both languages, equals the page of an engine that never saw another reading.

mod common;

use common::bundle_texts;
use reweigh::Engine;
use reweigh::engine::page_text::{SECTIONS, fingerprint, section_texts};
use reweigh::paper::ledger::Kind;
use reweigh::paper::published::Printed;
use reweigh::paper::tables::TABLE_IDS;
use reweigh::reading::keys::{KEYS, KeyKind};
use serde_json::Value;

/// Readings that each change one key from the paper's, then the paper's again.
fn readings() -> Vec<String> {
    let mut out = vec![String::new()];
    for k in KEYS.iter() {
        let paper = k.write(k.paper());
        let values: Vec<String> = match k.kind {
            KeyKind::Weight => ["0.37", "0.8125"].map(String::from).to_vec(),
            KeyKind::Choice(choices) => choices.iter().map(|c| c.id.to_string()).collect(),
            KeyKind::Integer { min, max } => vec![(min + 50).min(max).to_string()],
        };
        for v in values.into_iter().filter(|v| *v != paper) {
            out.push(format!("{}={v}", k.name));
        }
    }
    out.push(String::new());
    out
}

fn hash(reading: &str, tab: &str, lang: &str) -> String {
    let view = format!("tab={tab}&lang={lang}");
    if reading.is_empty() {
        view
    } else {
        format!("{reading}&{view}")
    }
}

fn sections(engine: &Engine, hash: &str) -> Vec<(&'static str, String)> {
    section_texts(&engine.page(hash).unwrap())
}

/// Questions the redraws never ask, asked first so that a memo answering by less than the whole
/// question (a figure without its correction, a figure without the place or kind asked about)
/// would hand their answers to the readings' own questions: each figure's correction one and ten
/// units of its last digit off, and its own inputs as a share of ballots issued, in the whole
/// country.
fn ask_what_no_redraw_asks(engine: &Engine) {
    let ledger = &engine.study().ledger;
    for e in &ledger.entries {
        let unit = 10f64.powi(-i32::from(e.printed.decimals));
        for k in [-10.0, -1.0, 1.0, 10.0] {
            let value = e.printed.value + k * unit;
            let corrected = Printed {
                text: format!("{value}"),
                value,
                qualifier: None,
                ..e.printed.clone()
            };
            let _ = ledger.confirm(&e.id, &corrected);
        }
        let _ = ledger.own_inputs(&e.id, "national", &Kind::Share("issued".into()));
    }
}

#[test]
fn a_warm_engine_draws_every_reading_as_a_fresh_one() {
    let warm = Engine::load(&bundle_texts()).unwrap();
    ask_what_no_redraw_asks(&warm);
    let list = readings();
    assert!(list.len() > KEYS.len(), "{list:?}");
    let mut compared = 0;
    for reading in &list {
        // A fresh engine for each reading: its memo holds nothing from another reading.
        let fresh = Engine::load(&bundle_texts()).unwrap();
        for tab in TABLE_IDS {
            for lang in ["en", "ru"] {
                let h = hash(reading, tab, lang);
                let (a, b) = (sections(&warm, &h), sections(&fresh, &h));
                for ((name, warm_text), (_, fresh_text)) in a.iter().zip(&b) {
                    assert!(
                        warm_text == fresh_text,
                        "{h}: the section {name} differs after other readings"
                    );
                }
                compared += 1;
            }
        }
    }
    assert_eq!(compared, list.len() * TABLE_IDS.len() * 2);
}

#[test]
fn a_section_the_page_holds_is_left_out_and_named_unchanged() {
    let engine = Engine::load(&bundle_texts()).unwrap();
    let first: Value =
        serde_json::from_str(&engine.page_text("tab=3&lang=en", "").unwrap()).unwrap();
    // With nothing known, the text is the whole page, every section, and nothing unchanged.
    let whole = serde_json::to_value(engine.page("tab=3&lang=en").unwrap()).unwrap();
    for name in SECTIONS {
        assert_eq!(first[name], whole[name], "{name}");
    }
    assert_eq!(first["unchanged"], Value::Array(vec![]));
    let known = |page: &Value| {
        SECTIONS
            .iter()
            .map(|name| format!("{name}:{}", page["versions"][name].as_str().unwrap()))
            .collect::<Vec<_>>()
            .join(",")
    };
    // A weight moved: the sections it changes are sent, the others named unchanged, and each of
    // those is, as text, the section the page already has.
    let hash = "invalid=0.25&tab=3&lang=en";
    let next: Value =
        serde_json::from_str(&engine.page_text(hash, &known(&first)).unwrap()).unwrap();
    let fresh = section_texts(&engine.page(hash).unwrap());
    let unchanged: Vec<&str> = next["unchanged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for (name, text) in &fresh {
        assert_eq!(next["versions"][*name], fingerprint(text).as_str());
        if unchanged.contains(name) {
            assert!(next.get(*name).is_none(), "{name} is sent though unchanged");
            assert_eq!(
                serde_json::from_str::<Value>(text).unwrap(),
                first[*name],
                "{name}"
            );
        } else {
            assert_eq!(
                serde_json::from_str::<Value>(text).unwrap(),
                next[*name],
                "{name}"
            );
            assert_ne!(
                first[*name], next[*name],
                "{name} is sent though the page has it"
            );
        }
    }
    for name in ["tabs", "errors"] {
        assert!(unchanged.contains(&name), "{unchanged:?}");
    }
    for name in ["table", "headline", "controls", "claims"] {
        assert!(!unchanged.contains(&name), "{unchanged:?}");
    }
    // A change of view alone (the table sorted… here another tab) leaves the reading's sections.
    let view: Value =
        serde_json::from_str(&engine.page_text("tab=2&lang=en", &known(&first)).unwrap()).unwrap();
    let same: Vec<&str> = view["unchanged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for name in [
        "controls",
        "headline",
        "description",
        "charts",
        "claims",
        "map",
    ] {
        assert!(same.contains(&name), "{name}: {same:?}");
    }
    assert!(
        !same.contains(&"table") && !same.contains(&"tabs"),
        "{same:?}"
    );
}
