//! The one fixture for the data bundle, shared by the integration tests (`common`), the wasm tests
//! (`#[path]`) and the fuzz targets (`#[path]`): the committed bundle files, embedded so that
//! every test reads the same text wherever it runs (node has no file system for wasm), and the
//! broken-bundle cases of `tests/fixtures/broken-bundles.json` (also read by the page's hardening
//! tests) with the one function that applies an edit.
#![allow(dead_code)]

use serde_json::Value;
use std::collections::BTreeMap;

/// The committed bundle: file name → text.
pub const BUNDLE: [(&str, &str); 7] = [
    ("pecs-2024.json", include_str!("../../data/pecs-2024.json")),
    ("history.json", include_str!("../../data/history.json")),
    ("manifest.json", include_str!("../../data/manifest.json")),
    ("paper.json", include_str!("../../data/paper.json")),
    (
        "russia-2024.json",
        include_str!("../../data/russia-2024.json"),
    ),
    ("claims.json", include_str!("../../data/claims.json")),
    (
        "russia-2024-national.json",
        include_str!("../../data/russia-2024-national.json"),
    ),
];

/// The committed bundle as `Engine::load` takes it.
pub fn bundle_texts() -> BTreeMap<String, String> {
    BUNDLE
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect()
}

/// Where an error is shown: the engine's message, the CLI's stderr, the page's error panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Surface {
    Engine,
    Cli,
    Page,
}

/// One broken bundle: which file, how it is broken, what each surface must say.
#[derive(Clone, Debug)]
pub struct Broken {
    pub name: String,
    pub file: String,
    edit: Value,
    case: Value,
}

impl Broken {
    /// The fragments `surface` must print.
    pub fn message(&self, surface: Surface) -> Vec<String> {
        let key = match surface {
            Surface::Engine => "engine",
            Surface::Cli => "cli",
            Surface::Page => "page",
        };
        let list = self
            .case
            .get(key)
            .or_else(|| self.case.get("message"))
            .unwrap_or_else(|| panic!("{}: no message for {key}", self.name));
        list.as_array()
            .expect("a list of fragments")
            .iter()
            .map(|f| f.as_str().expect("a fragment").to_string())
            .collect()
    }

    /// The committed bundle with this case's edit applied (a removed file is left out).
    pub fn bundle(&self) -> BTreeMap<String, String> {
        let mut texts = bundle_texts();
        match self.edited(&texts[&self.file]) {
            Some(text) => texts.insert(self.file.clone(), text),
            None => texts.remove(&self.file),
        };
        texts
    }

    /// The file's text after the edit; None when the edit removes the file. Panics when the edit
    /// would change nothing, so a case never silently stops testing.
    pub fn edited(&self, text: &str) -> Option<String> {
        let e = &self.edit;
        if e.get("remove").is_some() {
            return None;
        }
        let out = if let Some(keep) = e.get("keep").and_then(Value::as_f64) {
            let chars = text.chars().count();
            text.chars().take((chars as f64 * keep) as usize).collect()
        } else {
            let from = e["replace"].as_str().expect("replace");
            let to = e["with"].as_str().expect("with");
            if e.get("all").and_then(Value::as_bool) == Some(true) {
                text.replace(from, to)
            } else {
                let start = e.get("after").and_then(Value::as_str).map_or(0, |after| {
                    text.find(after).expect("`after` text") + after.len()
                });
                let at = start
                    + text[start..]
                        .find(from)
                        .unwrap_or_else(|| panic!("{}: no {from:?} in {}", self.name, self.file));
                format!("{}{to}{}", &text[..at], &text[at + from.len()..])
            }
        };
        assert_ne!(out, text, "{}: the edit changes nothing", self.name);
        Some(out)
    }
}

/// Every broken-bundle case.
pub fn broken_bundles() -> Vec<Broken> {
    let doc: Value = serde_json::from_str(include_str!("../fixtures/broken-bundles.json"))
        .expect("tests/fixtures/broken-bundles.json is JSON");
    doc["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|case| Broken {
            name: case["name"].as_str().expect("name").to_string(),
            file: case["file"].as_str().expect("file").to_string(),
            edit: case["edit"].clone(),
            case: case.clone(),
        })
        .collect()
}
