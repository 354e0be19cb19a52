//! The Markdown export with arbitrary text in every label and cell (not only the bundle's
//! names): the table keeps its shape (every row has the header's cells, no text ends a cell or a
//! row) and every text reads back unchanged once unescaped.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reweigh::State;
use reweigh::output::export::{self, ExportOptions, Format};
use reweigh::paper::audit::{Cell, Value};
use reweigh::paper::tables::{AuditSummary, Column, ColumnUnit, Row, Table};
use reweigh::text::Text;

mod committed;
use committed::engine;

/// Split a table line on the pipes that are not escaped; unescape each cell.
fn cells(line: &str) -> Vec<String> {
    let inner = line
        .strip_prefix("| ")
        .and_then(|l| l.strip_suffix(" |"))
        .unwrap_or_else(|| panic!("not a table row: {line:?}"));
    let mut out = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out
                .last_mut()
                .unwrap()
                .push(chars.next().expect("an escaped character")),
            '|' => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out.iter()
        .map(|c| c.trim_matches(' ').to_string())
        .collect()
}

/// What a text becomes in a cell: line breaks as spaces, control characters escaped, the cell's
/// padding spaces trimmed.
fn expected(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out.trim_matches(' ').to_string()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Texts separated by 0x1E: a title, then column labels and cells, row by row.
    let mut parts = text.split('\u{1e}');
    let title = parts.next().unwrap_or("");
    let width = 3;
    let columns: Vec<Column> = (0..width)
        .map(|i| Column {
            id: format!("c{i}"),
            label: Text::same(parts.next().unwrap_or("")),
            unit: ColumnUnit::Text,
        })
        .collect();
    let texts: Vec<&str> = parts.collect();
    let rows: Vec<Row> = texts
        .chunks(width + 1)
        .take(20)
        .enumerate()
        .map(|(i, chunk)| Row {
            id: format!("r{i}"),
            label: Text::same(chunk[0]),
            unit: None,
            scope: None,
            filters: Vec::new(),
            cells: (0..width)
                .map(|j| {
                    Cell::plain(Value::Text(Text::same(
                        chunk.get(j + 1).copied().unwrap_or(""),
                    )))
                })
                .collect(),
        })
        .collect();
    let table = Table {
        id: "fuzz".into(),
        title: Text::same(title),
        published_in: None,
        columns,
        rows,
        row_header: None,
        notes: Vec::new(),
        audit: AuditSummary::default(),
    };
    let md = export::write(
        &table,
        &State::paper(),
        Format::Markdown,
        engine().bundle(),
        &ExportOptions::default(),
    )
    .expect("a table of text writes");
    let lines: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
    assert_eq!(lines.len(), 1 + table.rows.len(), "{md}");
    let header = cells(lines[0]);
    assert_eq!(header.len(), width + 1, "{md}");
    for (c, column) in table.columns.iter().enumerate() {
        assert_eq!(header[c + 1], expected(&column.label.en));
    }
    for (line, row) in lines[1..].iter().zip(&table.rows) {
        let got = cells(line);
        assert_eq!(got.len(), width + 1, "{line}");
        assert_eq!(got[0], expected(&row.label.en));
        for (g, cell) in got[1..].iter().zip(&row.cells) {
            let Value::Text(t) = &cell.value else {
                unreachable!()
            };
            assert_eq!(*g, expected(&t.en), "{line}");
        }
    }
    assert!(md.lines().next().unwrap().starts_with("## "), "{md}");
});
