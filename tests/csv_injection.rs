//! Spreadsheet formula injection: text cells from the data that start with = + - @ are written
//! with a leading apostrophe; numbers (negative differences included) stay numbers. Read back
//! with the csv crate.

mod common;

use reweigh::output::export::{ExportOptions, Format};
use reweigh::{Engine, State};

#[test]
fn formula_like_text_is_neutralised_and_numbers_stay_numbers() {
    let mut texts = common::bundle_texts();
    let pecs = texts["pecs-2024.json"].replace(
        "\"country_en\":\"Israel\"",
        "\"country_en\":\"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"",
    );
    texts.insert("pecs-2024.json".into(), pecs);
    let engine = Engine::load(&texts).unwrap();
    let options = ExportOptions::default();
    let csv = engine
        .export(&State::paper(), "countries", Format::Csv, &options)
        .unwrap();
    // A header row and data only: no comment lines to skip.
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let israel = rows.iter().find(|r| r[1] == *"IL").expect("Israel's row");
    assert_eq!(&israel[0], "'=HYPERLINK(\"http://evil.example\",\"x\")");
    for row in &rows {
        for field in row {
            if field.starts_with(['=', '+', '-', '@']) {
                assert!(
                    field.parse::<f64>().is_ok(),
                    "unneutralised text cell {field:?}"
                );
            }
        }
    }
    // The audited tables write negative differences as numbers.
    let audited = engine
        .export(&State::paper(), "3", Format::Csv, &options)
        .unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(audited.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let diff = headers.iter().position(|h| h == "difference").unwrap();
    let negative: Vec<f64> = reader
        .records()
        .map(Result::unwrap)
        .filter_map(|r| r[diff].parse::<f64>().ok())
        .filter(|d| *d < 0.0)
        .collect();
    assert!(
        !negative.is_empty(),
        "Table 3 has cells below the printed figure"
    );
}
