//! The CSV and JSON exports: for any reading, table, format, language and row selection, what is
//! written parses back (csv crate, serde_json) to the same rows, columns and values as the table;
//! no text cell a spreadsheet would run as a formula (place names that start like one come from a
//! renamed copy of the bundle); numbers stay numbers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reweigh::State;
use reweigh::engine::EngineError;
use reweigh::output::export::{ExportOptions, Format, Lang};
use reweigh::paper::audit::{Cell, Value};
use reweigh::paper::tables::{AUDITED_TABLES, TABLE_IDS};

mod committed;
use committed::{engine, formula_engine};

/// A cell as the CSV must write it: numbers as numbers, text as text (a formula-like one with a
/// leading `'`), nothing for no value.
fn written(cell: &Cell, lang: Lang) -> String {
    match &cell.value {
        Value::Int(i) => i.to_string(),
        Value::Num(x) => x.to_string(),
        Value::Text(t) => {
            let text = t.get(lang);
            if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{text}")
            } else {
                text.to_string()
            }
        }
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
    }
}

/// The same cell read back: numbers compared as numbers (any shortest spelling).
fn same(field: &str, cell: &Cell, lang: Lang) -> bool {
    match &cell.value {
        Value::Int(_) | Value::Num(_) => field.parse::<f64>().ok() == cell.value.as_f64(),
        _ => field == written(cell, lang),
    }
}

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
    let engine = if data[1] & 8 == 0 {
        engine()
    } else {
        formula_engine()
    };
    let Ok(rest) = std::str::from_utf8(&data[2..]) else {
        return;
    };
    let (query, rows) = rest.split_once('|').unwrap_or((rest, ""));
    let state = State::parse_lenient(query).state;
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
    };
    let text = match engine.export(&state, table, format, &options) {
        Ok(text) => text,
        Err(e) => {
            // Only an unknown row may be refused.
            let unknown = rows
                .iter()
                .flatten()
                .any(|id| !full.rows.iter().any(|r| &r.id == id));
            assert!(unknown && matches!(e, EngineError::Unknown { .. }), "{e}");
            return;
        }
    };
    // The rows asked for, in the order asked (all of them when none is named).
    let expected: Vec<&reweigh::paper::tables::Row> = match &rows {
        None => full.rows.iter().collect(),
        Some(ids) => ids
            .iter()
            .map(|id| full.rows.iter().find(|r| &r.id == id).expect("known row"))
            .collect(),
    };
    match format {
        Format::Json => {
            let doc: serde_json::Value =
                serde_json::from_str(&text).expect("the JSON export parses");
            assert_eq!(doc["meta"]["state"], state.canonical());
            let got = doc["table"]["rows"].as_array().expect("rows");
            assert_eq!(got.len(), expected.len());
            for (g, row) in got.iter().zip(&expected) {
                assert_eq!(g["id"], row.id.as_str());
                let cells = g["cells"].as_array().expect("cells");
                assert_eq!(cells.len(), row.cells.len());
                for (c, cell) in cells.iter().zip(&row.cells) {
                    // serde_json (without `float_roundtrip`) may read a shortest float back one
                    // unit in the last place off; JavaScript's JSON.parse does not.
                    let (a, b) = (c["value"].as_f64(), cell.value.as_f64());
                    let near =
                        |a: f64, b: f64| (a - b).abs() <= 4.0 * f64::EPSILON * a.abs().max(1.0);
                    assert!(
                        a == b || a.zip(b).is_some_and(|(a, b)| near(a, b)),
                        "{}: {a:?} {b:?}",
                        row.id
                    );
                }
            }
        }
        _ => {
            assert_eq!(text.starts_with('\u{feff}'), bom);
            let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let mut reader = csv::ReaderBuilder::new()
                .comment(Some(b'#'))
                .from_reader(body.as_bytes());
            let width = reader.headers().expect("a header row").len();
            let records: Vec<csv::StringRecord> = reader
                .records()
                .map(|r| r.expect("every line parses"))
                .collect();
            if AUDITED_TABLES.contains(&table) {
                // Long: one line per cell, rows in order, columns in order.
                let cells: Vec<(&str, &str, &Cell)> = expected
                    .iter()
                    .flat_map(|row| {
                        full.columns
                            .iter()
                            .zip(&row.cells)
                            .map(move |(col, cell)| (row.id.as_str(), col.id.as_str(), cell))
                    })
                    .collect();
                assert_eq!(records.len(), cells.len());
                for (record, (row, col, cell)) in records.iter().zip(cells) {
                    assert_eq!(record.len(), width);
                    assert_eq!((&record[0], &record[2]), (row, col));
                    assert!(
                        same(&record[5], cell, lang),
                        "{row}/{col}: {:?}",
                        &record[5]
                    );
                    let published = cell.published().map(|p| p.value);
                    assert_eq!(record[6].parse::<f64>().ok(), published, "{row}/{col}");
                }
            } else {
                // Wide: one line per row, one field per column.
                assert_eq!(records.len(), expected.len());
                for (record, row) in records.iter().zip(&expected) {
                    assert_eq!(record.len(), width);
                    assert_eq!(record.len(), row.cells.len());
                    for (field, cell) in record.iter().zip(&row.cells) {
                        assert!(same(field, cell, lang), "{}: {field:?}", row.id);
                    }
                }
            }
            for record in &records {
                for field in record {
                    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                        assert!(
                            field.parse::<f64>().is_ok(),
                            "a formula-like text cell escaped: {field:?}"
                        );
                    }
                }
            }
        }
    }
});
