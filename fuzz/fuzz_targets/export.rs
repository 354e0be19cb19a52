//! The CSV and JSON exports: for any reading, table, format, language and row selection, what is
//! written parses back (csv crate, serde_json) to the same rows and columns; no text cell a
//! spreadsheet would run as a formula (OWASP: behind whitespace, invisible characters, full-width
//! look-alikes); numbers stay numbers. With the first byte's high bit set, the table is built
//! from the input's own texts, so any cell text is tried, not only the bundle's names.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reweigh::State;
use reweigh::output::export::{self, ExportOptions, Format, Lang};
use reweigh::output::sheets::looks_like_formula;
use reweigh::paper::audit::{Cell, Value};
use reweigh::paper::tables::{
    AUDITED_TABLES, AuditSummary, Column, ColumnUnit, Row, TABLE_IDS, Table,
};
use reweigh::text::Text;

mod committed;
use committed::engine;

/// A CSV field is safe: it does not look like a formula, unless it is a number.
fn check_field(field: &str) {
    if looks_like_formula(field) {
        assert!(
            field.parse::<f64>().is_ok(),
            "a formula-like text cell escaped: {field:?}"
        );
    }
}

/// Arbitrary texts (separated by 0x1E) as a two-column table of text cells, written as CSV: every
/// text reads back as written, with a leading `'` exactly when it looks like a formula.
fn texts_as_csv(text: &str) {
    let texts: Vec<&str> = text.split('\u{1e}').take(40).collect();
    let column = |i: usize| Column {
        id: format!("c{i}"),
        label: Text::same("x"),
        unit: ColumnUnit::Text,
    };
    let rows: Vec<Row> = texts
        .chunks(2)
        .enumerate()
        .map(|(i, pair)| Row {
            id: format!("r{i}"),
            label: Text::same("r"),
            unit: None,
            scope: None,
            filters: Vec::new(),
            cells: pair
                .iter()
                .map(|t| Cell::plain(Value::Text(Text::same(*t))))
                .chain(std::iter::repeat_with(|| Cell::plain(Value::Null)))
                .take(2)
                .collect(),
        })
        .collect();
    let table = Table {
        id: "countries".into(),
        title: Text::same("t"),
        published_in: None,
        columns: vec![column(0), column(1)],
        rows,
        notes: Vec::new(),
        audit: AuditSummary::default(),
    };
    let csv = export::write(
        &table,
        &State::paper(),
        Format::Csv,
        engine().bundle(),
        &ExportOptions::default(),
    )
    .expect("a table of text writes");
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(csv.as_bytes());
    let records: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.expect("every line parses"))
        .collect();
    assert_eq!(records.len(), table.rows.len());
    for (record, pair) in records.iter().zip(texts.chunks(2)) {
        for (field, text) in record.iter().zip(pair) {
            let expected = if looks_like_formula(text) {
                format!("'{text}")
            } else {
                text.to_string()
            };
            assert_eq!(field, expected);
            check_field(field);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    if data[0] & 0x80 != 0 {
        if let Ok(text) = std::str::from_utf8(&data[1..]) {
            texts_as_csv(text);
        }
        return;
    }
    let table = TABLE_IDS[usize::from(data[0]) % TABLE_IDS.len()];
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
            let mut reader = csv::ReaderBuilder::new()
                .comment(Some(b'#'))
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
                    check_field(field);
                }
            }
        }
    }
});
