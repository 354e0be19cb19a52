//! The sweep's own claim evaluator (compiled for speed, `analysis::sweep::fast`) against the
//! engine's single-reading one: for a grid built from the input, every claim's verdict at every
//! reading of the grid is the verdict `Engine::claims` gives that reading alone.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reweigh::analysis::sweep::Grid;

mod committed;
use committed::engine;

const WEIGHTS: [&str; 8] = ["0", "0.1", "0.25", "0.3333", "0.5", "0.75", "0.9999", "1"];
const CHOICES: [(&str, &[&str]); 7] = [
    ("base", &["issued", "cast", "valid"]),
    ("baltics", &["post_soviet", "europe"]),
    ("disputed", &["include", "exclude"]),
    ("win", &["plurality", "majority"]),
    ("regions", &["paper", "un"]),
    ("min_issued", &["0", "1", "100", "350", "1000", "5000"]),
    ("russia", &["cec_total", "without_abroad", "protocols"]),
];
const WEIGHT_KEYS: [&str; 5] = ["invalid", "davankov", "slutsky", "kharitonov", "unreturned"];

fuzz_target!(|data: &[u8]| {
    // One byte per key: a value (or, with the high bit, two values) from the key's list; at most
    // four readings, so every one can be judged alone and a run stays cheap.
    let mut bytes = data.iter().copied().chain(std::iter::repeat(0));
    let mut pairs = Vec::new();
    let mut size = 1usize;
    let mut pick = |key: &str, values: &[&str], byte: u8| {
        let first = values[usize::from(byte & 0x3f) % values.len()];
        let second = values[usize::from(byte >> 3) % values.len()];
        if byte & 0x80 != 0 && first != second && size < 4 {
            size *= 2;
            pairs.push(format!("{key}={first},{second}"));
        } else {
            pairs.push(format!("{key}={first}"));
        }
    };
    for key in WEIGHT_KEYS {
        pick(key, &WEIGHTS, bytes.next().unwrap_or(0));
    }
    for (key, values) in CHOICES {
        pick(key, values, bytes.next().unwrap_or(0));
    }
    let grid = Grid::parse(&pairs.join("&")).expect("a grid of listed values parses");
    assert!(grid.size() <= 4, "every key is given: {}", grid.canonical());
    let engine = engine();
    let sweep = engine.sweep(&grid);
    assert_eq!(sweep.report.len(), engine.study().claims.len());
    for index in 0..grid.size() {
        let state = grid.state(index);
        for (c, outcome) in engine.claims(&state).iter().enumerate() {
            assert_eq!(
                sweep.verdict(c, index),
                outcome.outcome.verdict,
                "claim {} at {}",
                outcome.id,
                state.canonical()
            );
        }
    }
});
