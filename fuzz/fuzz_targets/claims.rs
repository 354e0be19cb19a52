//! The claims loader against the committed bundle: any claims.json loads or is refused naming
//! the file (and the claim), never a panic; loaded claims evaluate under any reading.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reweigh::State;

mod committed;
use committed::engine;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let engine = engine();
    match reweigh::paper::claims::load(text, &engine.bundle()) {
        Ok(claims) => {
            for state in [
                State::paper(),
                State::from_query("invalid=0&regions=un&min_issued=500").unwrap(),
            ] {
                let results = engine.compute(&state);
                for claim in &claims {
                    let _ = reweigh::paper::claims::evaluate(claim, &results);
                }
            }
        }
        Err(e) => assert!(e.to_string().starts_with("data/claims.json"), "{e}"),
    }
});
