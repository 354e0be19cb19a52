//! The CSV and JSON exports: for any reading, table, format, language and row selection, what is
//! written parses back (csv crate, serde_json) to the same rows and columns; no text cell a
//! spreadsheet would run as a formula; numbers stay numbers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reweigh::State;
use reweigh::output::export::{ExportOptions, Format, Lang};
use reweigh::paper::tables::{AUDITED_TABLES, TABLE_IDS};

mod committed;
use committed::engine;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let table = TABLE_IDS[data[0] as usize % TABLE_IDS.len()];
    let format = if data[1] & 1 == 0 {
        Format::Csv
    } else {
        Format::Json
    };
    let lang = if data[1] & 2 == 0 { Lang::En } else { Lang::Ru };
    let bom = data[1] & 4 != 0;
    let Ok(rest) = std::str::from_utf8(&data[2..]) else {
        return;
    };
    let (query, rows) = rest.split_once('|').unwrap_or((rest, ""));
    let state = State::parse_lenient(query).state;
    let engine = engine();
    let full = engine
        .tables(&state, Some(table))
        .expect("known table")
        .remove(0);
    let rows: Option<Vec<String>> =
        (!rows.is_empty()).then(|| rows.split(',').map(str::to_string).collect());
    let options = ExportOptions {
        lang,
        rows: rows.clone(),
        generated: "2026-01-01".into(),
        bom,
        pin: bom.then(|| state.canonical()),
        dialect: None,
    };
    let text = match engine.export(&state, table, format, &options) {
        Ok(text) => text,
        Err(e) => {
            // Only an unknown row may be refused.
            assert!(
                matches!(&e, reweigh::EngineError::Unknown { what, .. } if what.en == "row"),
                "{e}"
            );
            return;
        }
    };
    let expected_rows = rows.as_ref().map_or(full.rows.len(), Vec::len);
    match format {
        Format::Json => {
            let doc: serde_json::Value =
                serde_json::from_str(&text).expect("the JSON export parses");
            assert_eq!(
                doc["table"]["rows"].as_array().expect("rows").len(),
                expected_rows
            );
            assert_eq!(doc["meta"]["state"], state.canonical());
        }
        _ => {
            let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
            // A header row and data only, in the language's dialect.
            let delimiter = if lang == Lang::Ru { b';' } else { b',' };
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .from_reader(body.as_bytes());
            let width = reader.headers().expect("a header row").len();
            let records: Vec<csv::StringRecord> = reader
                .records()
                .map(|r| r.expect("every line parses"))
                .collect();
            let audited = AUDITED_TABLES.contains(&table);
            let expected = if audited {
                expected_rows * full.columns.len()
            } else {
                expected_rows
            };
            assert_eq!(records.len(), expected);
            for record in &records {
                assert_eq!(record.len(), width);
                for field in record {
                    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                        let number = if lang == Lang::Ru {
                            field.replace(',', ".")
                        } else {
                            field.to_string()
                        };
                        assert!(
                            number.parse::<f64>().is_ok(),
                            "a formula-like text cell escaped: {field:?}"
                        );
                    }
                }
            }
        }
    }
});
