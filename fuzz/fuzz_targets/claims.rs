//! The claims compiler against the committed bundle: any claims.json that parses compiles or is
//! refused naming the file (and the claim), never a panic; compiled claims evaluate under any
//! reading. (Text that is not a claims file at all is the bundle target's: it is refused there
//! with the file named.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use reweigh::State;
use reweigh::paper::claims::{ClaimsFile, compile_all, evaluate};

mod committed;
use committed::engine;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(file) = serde_json::from_str::<ClaimsFile>(text) else {
        return;
    };
    let engine = engine();
    match compile_all(&file, engine.bundle()) {
        Ok(claims) => {
            for state in [
                State::paper(),
                State::from_query("invalid=0&regions=un&min_issued=500").unwrap(),
            ] {
                let results = engine.compute(&state);
                for claim in &claims {
                    let _ = evaluate(claim, &results);
                }
            }
        }
        Err(e) => assert!(e.to_string().starts_with("data/claims.json"), "{e}"),
    }
});
