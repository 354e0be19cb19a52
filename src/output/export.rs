//! Tables written out: CSV (csv crate), JSON (serde_json), Markdown.
//!
//! CSV is the spreadsheet model of `spreadsheet` written by `sheets::csv`: a header row and the
//! data only, in the dialect of the reader's language (or the one asked for). Audited tables
//! (1-4, text) are written long: one line per cell with its published figure, difference and
//! reason; the countries and PECs tables wide. JSON carries the metadata (`{meta, table}`).

pub use super::sheets::neutralise;
use super::sheets::{self, Dialect};
use super::spreadsheet;
use crate::data::bundle::Bundle;
use crate::paper::audit::{Status, Value};
use crate::paper::reason_words::audit_summary_text;
use crate::paper::tables::{AUDITED_TABLES, TABLE_IDS, Table};
use crate::reading::state::State;
pub use crate::text::Lang;
use crate::text::Text;
use crate::text::numtext::{decimal_text, shortest};
use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Markdown,
}

impl Format {
    pub fn parse(text: &str) -> Option<Format> {
        match text {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "md" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// How a table is written: language of the labels, the rows to keep (the page's "what you see",
/// in its order), the date to stamp, and whether to start with a byte-order mark (for Excel).
#[derive(Clone, Debug)]
pub struct ExportOptions {
    pub lang: Lang,
    pub rows: Option<Vec<String>>,
    pub generated: String,
    pub bom: bool,
    /// A reading pinned for comparison (canonical), named in the header.
    pub pin: Option<String>,
    /// CSV's separator and decimal mark; `None`: the language's own.
    pub dialect: Option<Dialect>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            lang: Lang::En,
            rows: None,
            generated: String::new(),
            bom: false,
            pin: None,
            dialect: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    UnknownTable(String),
    UnknownFormat(String),
    UnknownRow(String),
    /// The spreadsheet writer refused the table (names the sheet and the problem).
    Sheet(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::UnknownTable(id) => {
                write!(
                    f,
                    "unknown table \"{id}\"; allowed: {}",
                    TABLE_IDS.join(" | ")
                )
            }
            ExportError::UnknownFormat(id) => {
                write!(f, "unknown format \"{id}\"; allowed: csv | json | md")
            }
            ExportError::UnknownRow(id) => write!(f, "the table has no row \"{id}\""),
            ExportError::Sheet(message) => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for ExportError {}

/// Who made the file, from what, under which reading.
#[derive(Clone, Debug, Serialize)]
pub struct Meta {
    pub tool: String,
    pub state: String,
    pub table: String,
    pub generated: String,
    pub source: String,
    pub paper: String,
    /// The reading pinned for comparison when the file was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pin: Option<String>,
    /// The bundle's fingerprint, and whether it is the one this version ships with.
    pub bundle: String,
    /// The same in the reader's words (for the Markdown file).
    #[serde(skip)]
    pub bundle_words: Text,
    /// Protocols the bundle accepts although they break a control relation (each recomputed at
    /// load); every figure that sums one includes it as published.
    pub anomalies: Vec<String>,
}

/// "sha256:… (the bundle reweigh 0.1.0 ships with)", or says it is not.
pub fn bundle_line(bundle: &Bundle) -> String {
    bundle_words(bundle).en
}

fn bundle_words(bundle: &Bundle) -> Text {
    let (fingerprint, version) = (&bundle.fingerprint, env!("CARGO_PKG_VERSION"));
    if bundle.shipped {
        Text::new(
            format!("sha256:{fingerprint} (the bundle reweigh {version} ships with)"),
            format!(
                "sha256:{fingerprint} (набор данных, с которым поставляется reweigh {version})"
            ),
        )
    } else {
        Text::new(
            format!("sha256:{fingerprint} (NOT the bundle reweigh {version} ships with)"),
            format!(
                "sha256:{fingerprint} (НЕ тот набор данных, с которым поставляется reweigh {version})"
            ),
        )
    }
}

pub fn meta(table: &Table, state: &State, bundle: &Bundle, generated: &str) -> Meta {
    let p = &bundle.paper.paper;
    Meta {
        pin: None,
        tool: format!("reweigh {}", env!("CARGO_PKG_VERSION")),
        state: state.canonical(),
        table: table.id.clone(),
        generated: generated.to_string(),
        source: "CEC per-PEC protocols (dkobak/elections) and reweigh’s locations file; see data/manifest.json".into(),
        paper: format!("{}, \"{}\", {}, doi:{}", p.author, p.title_en, p.journal, p.doi),
        bundle: bundle_line(bundle),
        bundle_words: bundle_words(bundle),
        anomalies: bundle
            .manifest
            .failures
            .iter()
            .map(|f| format!("{f} (accepted: the official data, summed as published)"))
            .collect(),
    }
}

/// A safe file name for a download: the table id and the state, nothing from the data.
pub fn file_name(table: &str, format: Format) -> String {
    let ext = match format {
        Format::Csv => "csv",
        Format::Json => "json",
        Format::Markdown => "md",
    };
    safe_file_name(&format!("table-{table}"), ext)
}

/// `reweigh-<stem>.<ext>` keeping only ASCII letters, digits, `_` and `-` of the stem (so no path,
/// drive or control character from the data reaches a file name).
pub fn safe_file_name(stem: &str, ext: &str) -> String {
    let clean = |s: &str, max: usize| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .take(max)
            .collect()
    };
    let stem = clean(stem, 60);
    let ext = clean(ext, 8);
    format!(
        "reweigh-{}.{}",
        if stem.is_empty() { "x" } else { &stem },
        if ext.is_empty() { "txt" } else { &ext }
    )
}

/// Keep the requested rows, in the requested order.
fn select_rows(table: &Table, rows: &Option<Vec<String>>) -> Result<Table, ExportError> {
    let Some(ids) = rows else {
        return Ok(table.clone());
    };
    let mut out = Table {
        rows: Vec::with_capacity(ids.len()),
        ..table.clone()
    };
    for id in ids {
        let row = table
            .rows
            .iter()
            .find(|r| &r.id == id)
            .ok_or_else(|| ExportError::UnknownRow(id.clone()))?;
        out.rows.push(row.clone());
    }
    Ok(out)
}

pub fn write(
    table: &Table,
    state: &State,
    format: Format,
    bundle: &Bundle,
    options: &ExportOptions,
) -> Result<String, ExportError> {
    let table = select_rows(table, &options.rows)?;
    let meta = Meta {
        pin: options.pin.clone(),
        ..meta(&table, state, bundle, &options.generated)
    };
    let text = match format {
        Format::Json => {
            #[derive(Serialize)]
            struct Document<'a> {
                meta: &'a Meta,
                table: &'a Table,
            }
            serde_json::to_string_pretty(&Document {
                meta: &meta,
                table: &table,
            })
            .expect("tables serialise")
                + "\n"
        }
        Format::Csv => {
            // Header and data only: the metadata goes to the data package's README and the JSON.
            let dialect = options
                .dialect
                .unwrap_or(Dialect::of(spreadsheet::sheets_lang(options.lang)));
            let text = sheets::csv(&spreadsheet::table_sheet(&table, options.lang), dialect)
                .map_err(|e| ExportError::Sheet(e.to_string()))?;
            if options.bom {
                text
            } else {
                text.trim_start_matches('\u{feff}').to_string()
            }
        }
        Format::Markdown => markdown(&table, &meta, options.lang),
    };
    Ok(text)
}

/// A number as CSV writes it: integers plainly, shares with their full precision.
fn number_text(x: f64) -> String {
    shortest(x)
}

fn value_text(v: &Value, lang: Lang) -> String {
    match v {
        Value::Int(i) => i.to_string(),
        Value::Num(x) => number_text(*x),
        Value::Text(t) => t.get(lang).to_string(),
        Value::Bool(true) => lang.pick("yes", "да").to_string(),
        Value::Bool(false) => lang.pick("no", "нет").to_string(),
        Value::Null => String::new(),
    }
}

/// Text made safe for one Markdown table cell or line: a backslash or a pipe cannot end the
/// cell (GitHub's tables split on an unescaped `|`, and `\\|` is an escaped backslash then a
/// split), a line break cannot end the row, and markup characters show as themselves.
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '|' | '`' | '*' | '_' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            // Written as its escape, the backslash escaped too: it shows as typed.
            c if c.is_control() => {
                for e in c.escape_default() {
                    if e == '\\' {
                        out.push('\\');
                    }
                    out.push(e);
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn markdown(table: &Table, meta: &Meta, lang: Lang) -> String {
    let mut out = format!(
        "## {}\n\n{}: {}\n\n{}: `{}`\n\n{}: {}\n\n",
        markdown_escape(table.title.get(lang)),
        lang.pick("reading", "прочтение"),
        State::from_query(&meta.state)
            .map(|s| markdown_escape(&super::words::describe(&s, lang)))
            .unwrap_or_default(),
        lang.pick("state", "код прочтения"),
        meta.state,
        lang.pick("bundle", "набор данных"),
        markdown_escape(meta.bundle_words.get(lang))
    );
    if let Some(pin) = &meta.pin {
        out.push_str(&format!(
            "{}: `{pin}`\n\n",
            lang.pick("pinned", "закреплённое прочтение")
        ));
    }
    if AUDITED_TABLES.contains(&table.id.as_str()) {
        out.push_str(&format!(
            "{}\n\n",
            markdown_escape(&audit_summary_text(&table.audit, lang))
        ));
    }
    for anomaly in &meta.anomalies {
        out.push_str(&format!(
            "{}: {}\n\n",
            lang.pick("anomaly", "аномалия"),
            markdown_escape(anomaly)
        ));
    }
    let escape = markdown_escape;
    let header: Vec<String> = std::iter::once(String::new())
        .chain(table.columns.iter().map(|c| escape(c.label.get(lang))))
        .collect();
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    let mut differences = Vec::new();
    for row in &table.rows {
        let mut cells = vec![escape(row.label.get(lang))];
        for (col, cell) in table.columns.iter().zip(&row.cells) {
            let mut text = match &cell.value {
                // Two decimals, with the reader's decimal mark (a comma in Russian).
                Value::Num(x) => decimal_text(*x, 2, lang),
                other => escape(&value_text(other, lang)),
            };
            if let Some(p) = cell.published() {
                let mark = match cell.status() {
                    Status::Match => "✓",
                    Status::Differs => "≠",
                    _ => "·",
                };
                text.push_str(&format!(" {mark} {}", p.text));
                if cell.status() == Status::Differs {
                    differences.push(format!(
                        "- {} / {}: {}",
                        escape(row.label.get(lang)),
                        escape(col.label.get(lang)),
                        cell.reason()
                            .map_or(String::new(), |r| escape(r.text.get(lang)))
                    ));
                }
            }
            cells.push(text);
        }
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    if !differences.is_empty() {
        out.push_str(&format!(
            "\n{}\n\n{}\n",
            lang.pick(
                "Differences from the paper (✓ same at the printed precision, ≠ differs):",
                "Расхождения со статьёй (✓ совпадает с точностью печати, ≠ расходится):"
            ),
            differences.join("\n")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_are_not() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("@SUM"), "'@SUM");
        assert_eq!(neutralise("Germany"), "Germany");
        for sneaky in [" =HYPERLINK(\"x\")", "\u{a0}=1+1", "\u{feff}=1+1", "＝1+1"] {
            assert_eq!(neutralise(sneaky), format!("'{sneaky}"), "{sneaky:?}");
        }
        assert_eq!(number_text(-3.0), "-3");
    }

    #[test]
    fn markdown_cells_cannot_end_early() {
        assert_eq!(markdown_escape("x\\|y"), "x\\\\\\|y");
        assert_eq!(markdown_escape("a\nb|c"), "a b\\|c");
        assert_eq!(markdown_escape("<b>[x]</b>"), "\\<b\\>\\[x\\]\\</b\\>");
        assert_eq!(markdown_escape("\u{1b}"), "\\\\u{1b}");
    }

    #[test]
    fn file_names_carry_nothing_from_the_data() {
        assert_eq!(
            file_name("../../etc/passwd", Format::Csv),
            "reweigh-table-etcpasswd.csv"
        );
        assert_eq!(file_name("", Format::Json), "reweigh-table-.json");
        assert_eq!(
            safe_file_name("robustness-a/../b\\c:d\u{0}", "s/vg"),
            "reweigh-robustness-abcd.svg"
        );
        assert_eq!(safe_file_name("", ""), "reweigh-x.txt");
    }
}
