//! Write the national file: `cargo run --release --example national -- OUT.json`.
//! Reads data/raw (the CEC's precincts zip, the electronic vote, subjects.csv) and the CEC's
//! announced totals from data/russia-2024.json; prints the size and the time taken.

use reweigh::data::national::{Announced, NationalRaw, build_national, national_json};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: national OUT.json");
        return ExitCode::from(2);
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = || -> Result<usize, String> {
        let started = std::time::Instant::now();
        let raw = NationalRaw::read(&root.join("data/raw")).map_err(|e| e.to_string())?;
        let totals = std::fs::read_to_string(root.join("data/russia-2024.json"))
            .map_err(|e| format!("data/russia-2024.json: {e}"))?;
        let announced = Announced::from_transcribed_json(&totals).map_err(|e| e.to_string())?;
        let file = build_national(&raw, &announced).map_err(|e| e.to_string())?;
        let text = national_json(&file);
        let elapsed = started.elapsed();
        std::fs::write(&out, &text).map_err(|e| format!("{out}: {e}"))?;
        eprintln!(
            "{out}: {} bytes, {} subjects, {} failures, built in {:.0} ms",
            text.len(),
            file.subjects.len(),
            file.failures.len(),
            elapsed.as_secs_f64() * 1000.0
        );
        Ok(text.len())
    };
    match run() {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
