//! The claims loader against the committed bundle: any claims.json loads or is refused naming
//! the file (and the claim), never a panic; loaded claims evaluate under any reading.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reweigh::State;

mod committed;
use committed::texts;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut files = texts().clone();
    files.insert("claims.json".into(), text.to_string());
    match reweigh::Engine::load(&files) {
        Ok(engine) => {
            for state in [
                State::paper(),
                State::from_query("invalid=0&regions=un&min_issued=500").unwrap(),
            ] {
                let _ = engine.claims(&state);
            }
        }
        Err(e) => assert!(e.to_string().starts_with("data/claims.json"), "{e}"),
    }
});
