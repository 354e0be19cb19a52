//! The claims loader against the committed bundle: any claims.json loads or is refused with a
//! short error naming the file (and the claim), never a panic; loaded claims evaluate under any
//! reading, within the limits (at most 100 claims).
#![no_main]

use libfuzzer_sys::fuzz_target;
use reweigh::State;

mod committed;
use committed::engine;

fuzz_target!(|data: &[u8]| {
    // The bytes as the CLI reads a file (a byte-order mark dropped; UTF-16 refused by name).
    let text = match reweigh::data::bundle::text_of("claims.json", data) {
        Ok(text) => text,
        Err(e) => {
            assert!(e.to_string().starts_with("data/claims.json: "), "{e}");
            return;
        }
    };
    let engine = engine();
    match reweigh::paper::claims::load(&text, engine.bundle()) {
        Ok(claims) => {
            assert!(claims.len() <= reweigh::data::validate::MAX_CLAIMS);
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
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("data/claims.json"), "{message}");
            assert!(message.chars().count() <= 600, "a long message: {message}");
        }
    }
});
