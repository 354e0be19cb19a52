//! The committed bundle, loaded once per fuzz process (shared by the claims and export targets).
#![allow(dead_code)] // each target uses part of it

use reweigh::Engine;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The committed bundle's files, by name.
pub fn texts() -> &'static BTreeMap<String, String> {
    static TEXTS: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        reweigh::BUNDLE_FILES
            .iter()
            .map(|name| {
                let path = format!("{}/../data/{name}", env!("CARGO_MANIFEST_DIR"));
                (
                    name.to_string(),
                    std::fs::read_to_string(path).expect("the committed bundle"),
                )
            })
            .collect()
    })
}

pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::load(texts()).expect("the committed bundle loads"))
}
