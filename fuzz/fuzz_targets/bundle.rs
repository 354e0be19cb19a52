//! The bundle loader: the input is the six bundle files, separated by NUL bytes (a small valid
//! bundle is the seed). Any text must load or be refused with a named error, never a panic; a
//! bundle that loads must compute and build every table.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reweigh::{BUNDLE_FILES, Engine, State};
use std::collections::BTreeMap;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let texts: BTreeMap<String, String> = BUNDLE_FILES
        .iter()
        .zip(text.split('\0'))
        .map(|(name, part)| (name.to_string(), part.to_string()))
        .collect();
    match Engine::load(&texts) {
        Ok(engine) => {
            let tables = engine
                .tables(&State::paper(), None)
                .expect("every table builds");
            assert_eq!(tables.len(), reweigh::paper::tables::TABLE_IDS.len());
            let _ = engine.compute(
                &State::from_query("invalid=0.5&base=valid&disputed=exclude&regions=un").unwrap(),
            );
        }
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("data/"), "{message}");
        }
    }
});
