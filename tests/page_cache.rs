//! What the engine keeps between redraws changes nothing the page shows: the ledger's memo of
//! confirmations and own inputs (answers kept from earlier readings), and the page's sections
//! left out when the page already holds them. One engine visits every key changed alone (each
//! value of a choice, a weight moved twice, the smallest PEC counted), then back; each page, on
//! every tab and in both languages, equals the page of an engine that never saw another reading.

mod common;

use common::bundle_texts;
use reweigh::Engine;
use reweigh::engine::page_text::{ITEMIZED, SECTIONS, section_texts, sections as itemized};
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

/// A change of view keeps the reading, and the engine takes the reading's parts of the page
/// (controls, headline, charts, claims, map) from the last page: each page along views, pins and
/// languages of one reading, then another reading, equals the page of an engine that drew only
/// it (a memo keyed without the language, the pinned reading or the state fails one of them).
#[test]
fn a_change_of_view_draws_the_page_a_fresh_engine_draws() {
    let warm = Engine::load(&bundle_texts()).unwrap();
    let steps = [
        "invalid=0.4&tab=3&lang=en",
        "invalid=0.4&tab=1&lang=en",
        "invalid=0.4&tab=pecs&sort=-opposition_share&q=a&lang=en",
        "invalid=0.4&tab=pecs&lang=ru",
        "invalid=0.4&tab=3&pin=invalid%3D0&lang=ru",
        "invalid=0.4&tab=1&pin=invalid%3D1&lang=ru",
        "invalid=0.4&tab=1&lang=ru",
        "invalid=0.41&tab=1&lang=ru",
        "tab=3&lang=ru",
        "tab=3&lang=en",
    ];
    for h in steps {
        let fresh = Engine::load(&bundle_texts()).unwrap();
        let (a, b) = (sections(&warm, h), sections(&fresh, h));
        assert_eq!(a.len(), b.len());
        for ((name, warm_text), (_, fresh_text)) in a.iter().zip(&b) {
            assert!(
                warm_text == fresh_text,
                "{h}: the section {name} differs from a fresh engine's"
            );
        }
    }
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
    // The sections alone, as a page that knows nothing of items would name them.
    let known = |page: &Value| {
        SECTIONS
            .iter()
            .map(|name| format!("{name}:{}", page["versions"][name].as_str().unwrap()))
            .collect::<Vec<_>>()
            .join(",")
    };
    assert_eq!(first["reused"], serde_json::json!({}));
    // A weight moved: the sections it changes are sent, the others named unchanged, and each of
    // those is, as text, the section the page already has.
    let hash = "invalid=0.25&tab=3&lang=en";
    let next: Value =
        serde_json::from_str(&engine.page_text(hash, &known(&first)).unwrap()).unwrap();
    let fresh = section_texts(&engine.page(hash).unwrap());
    let prints: Vec<String> = itemized(engine.page(hash).unwrap())
        .iter()
        .map(|s| s.fingerprint())
        .collect();
    assert_eq!(next["reused"], serde_json::json!({}), "no item is known");
    let unchanged: Vec<&str> = next["unchanged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for ((name, text), print) in fresh.iter().zip(&prints) {
        assert_eq!(next["versions"][*name], print.as_str());
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

/// The itemized sections are, as text, the sections themselves: every tab, both languages, a
/// pinned reading and a data table sorted and searched.
#[test]
fn itemized_sections_are_the_sections_text() {
    let engine = Engine::load(&bundle_texts()).unwrap();
    let mut hashes: Vec<String> = TABLE_IDS
        .iter()
        .flat_map(|tab| ["en", "ru"].map(|lang| hash("invalid=0.37", tab, lang)))
        .collect();
    hashes.push("invalid=0.5&tab=pecs&sort=-opposition_share&q=a&pin=invalid%3D0&lang=ru".into());
    for h in &hashes {
        let plain = section_texts(&engine.page(h).unwrap());
        let split = itemized(engine.page(h).unwrap());
        assert_eq!(plain.len(), split.len());
        for ((name, text), s) in plain.iter().zip(&split) {
            assert_eq!(*name, s.name);
            assert!(s.text() == *text, "{h}: {name}");
            let items = s.item_fingerprints();
            assert_eq!(ITEMIZED.contains(name), !items.is_empty(), "{h}: {name}");
        }
    }
}

/// The page's side of `pageSince`, as www/js/main.js does it: what it holds, named for the
/// engine, and the next page put together from what is sent and what it holds.
struct Drawn {
    page: Option<Value>,
}

impl Drawn {
    fn known(&self) -> String {
        let Some(page) = &self.page else {
            return String::new();
        };
        let mut out: Vec<String> = page["versions"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(name, print)| format!("{name}:{}", print.as_str().unwrap()))
            .collect();
        for (name, prints) in page["items"].as_object().unwrap() {
            for (i, print) in prints.as_array().unwrap().iter().enumerate() {
                out.push(format!("{name}#{i}:{}", print.as_str().unwrap()));
            }
        }
        out.join(",")
    }

    /// Draw the next page.
    fn draw(&mut self, text: &str) {
        let mut next: Value = serde_json::from_str(text).unwrap();
        if let Some(previous) = &self.page {
            for name in next["unchanged"].as_array().unwrap().clone() {
                let name = name.as_str().unwrap();
                next[name] = previous[name].clone();
            }
            for (name, list) in next["reused"].as_object().unwrap().clone() {
                let (items, old) = if name == "table" {
                    (&mut next["table"]["rows"], &previous["table"]["rows"])
                } else {
                    (&mut next[name.as_str()], &previous[name.as_str()])
                };
                for i in list.as_array().unwrap() {
                    let i = i.as_u64().unwrap() as usize;
                    assert!(items[i].is_null(), "{name}#{i} is sent though reused");
                    items[i] = old[i].clone();
                }
            }
        }
        self.page = Some(next);
    }
}

/// A page that takes the items the engine names reused draws each page as the engine built it:
/// along a slider's drag, a base changed, tabs changed, a data table sorted (its rows move to
/// other places) and searched, a language changed. Items are reused (Table 3's rows, claims,
/// charts, controls), and only where they are the same item at the same place.
#[test]
fn a_page_that_takes_reused_items_draws_each_page_as_built() {
    let engine = Engine::load(&bundle_texts()).unwrap();
    let mut hashes: Vec<String> = Vec::new();
    for w in ["0.25", "0.5", "0.51", "0.75", "1", "0.3"] {
        hashes.push(format!("invalid={w}&tab=3&lang=en"));
    }
    for base in ["cast", "valid", "issued"] {
        hashes.push(format!("invalid=0.3&base={base}&tab=3&lang=en"));
    }
    for view in [
        "tab=1&lang=en",
        "tab=pecs&lang=en",
        "tab=pecs&sort=-opposition_share&lang=en",
        "tab=pecs&sort=opposition_share&lang=en",
        "tab=pecs&sort=opposition_share&q=ge&lang=en",
        "tab=countries&lang=en",
        "tab=countries&lang=ru",
        "tab=3&lang=ru",
        "tab=3&lang=en",
    ] {
        hashes.push(format!("invalid=0.3&{view}"));
        hashes.push(format!("invalid=0.6&{view}"));
    }
    let mut drawn = Drawn { page: None };
    let mut taken = std::collections::BTreeMap::new();
    for h in &hashes {
        let text = engine.page_text(h, &drawn.known()).unwrap();
        let before: Value = serde_json::from_str(&text).unwrap();
        drawn.draw(&text);
        if let Some(r) = before["reused"].as_object() {
            for (name, list) in r {
                *taken.entry(name.clone()).or_insert(0) += list.as_array().unwrap().len();
            }
        }
        let page = drawn.page.as_ref().unwrap();
        let whole = serde_json::to_value(engine.page(h).unwrap()).unwrap();
        for name in SECTIONS {
            assert!(
                page[name] == whole[name],
                "{h}: {name} differs from the page built"
            );
        }
    }
    for name in ITEMIZED {
        assert!(taken.get(name).is_some_and(|n| *n > 0), "{name}: {taken:?}");
    }
}
