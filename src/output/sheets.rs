//! Downloads for spreadsheets, from a small model of their own: an XLSX workbook
//! (rust_xlsxwriter), CSV that opens cleanly in Excel under either locale (csv crate), and a ZIP
//! data package of named files (zip crate). Nothing here reads the engine: the caller fills
//! [`Workbook`] and [`Sheet`] from its tables.
//!
//! Numbers stay numbers. A share is given in percentage points (87.28, as the engine and the JSON
//! carry it); the CSV writes it as such, the workbook stores it as a fraction (0.8728) under a
//! percentage format, as Excel expects of a percentage.

mod package;
mod xlsx;

pub use package::{Package, PackageFile, package, safe_file_name};
pub use xlsx::{safe_sheet_names, xlsx};

use serde::{Deserialize, Serialize};
use std::fmt;

/// The language of the labels the writer itself adds (a fallback sheet name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    En,
    Ru,
}

/// A workbook: its sheets in order and the document's properties (File → Info in Excel).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
    pub lang: Lang,
    pub title: String,
    /// Shown as the document's comment: say the reading and its permalink here.
    pub comment: String,
    /// The creation time written into the file, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`
    /// (UTC); `None` stamps the current time.
    pub created: Option<String>,
}

/// One table: a header row of column labels, then the rows.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Sheet {
    /// Made safe for Excel by the workbook writer (see [`safe_sheet_names`]).
    pub name: String,
    pub columns: Vec<Column>,
    /// Each row has exactly one cell per column.
    pub rows: Vec<Vec<CellValue>>,
    pub freeze_first_column: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Column {
    pub label: String,
    pub kind: ColumnKind,
    /// In Excel's character widths; `None` estimates one from the label and the cells.
    pub width: Option<f64>,
}

/// How a column's numbers ([`CellValue::Int`], [`CellValue::Num`]) are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Ballots, PECs, countries: `#,##0`.
    Count,
    /// Percentage points, shown as a percentage with this many decimals (at most 10).
    Percent(u8),
    /// Any other number (a difference in percentage points), `#,##0.00` with this many decimals.
    Number(u8),
    Text,
    Flag,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellValue {
    Int(i64),
    /// Formatted by the column's kind; under [`ColumnKind::Percent`] it is in percentage points.
    /// NaN and infinities are written as empty cells (JSON cannot carry them: send `Empty`).
    Num(f64),
    /// A share in percentage points with its decimals, in any column: for columns whose rows
    /// mix counts and shares (Table 3's regions, the long audit layout).
    Percent(f64, u8),
    Text(String),
    /// An `http(s)` address, a clickable link in the workbook and plain text in CSV.
    Link(String),
    Bool(bool),
    Empty,
}

/// What went wrong writing a download; each names the sheet, row or file concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetError {
    NoSheets,
    /// `row` counts data rows from 1 (the header is row 0).
    RowLength {
        sheet: String,
        row: usize,
        cells: usize,
        columns: usize,
    },
    TooLarge {
        sheet: String,
        rows: usize,
        columns: usize,
    },
    TextTooLong {
        sheet: String,
        row: usize,
        column: usize,
        chars: usize,
    },
    BadDate(String),
    NoFiles,
    DuplicateFile(String),
    Xlsx {
        sheet: String,
        message: String,
    },
    Csv {
        sheet: String,
        message: String,
    },
    Zip(String),
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SheetError::NoSheets => write!(f, "a workbook needs at least one sheet"),
            SheetError::RowLength {
                sheet,
                row,
                cells,
                columns,
            } => write!(
                f,
                "sheet \"{sheet}\", row {row}: {cells} cells for {columns} columns"
            ),
            SheetError::TooLarge {
                sheet,
                rows,
                columns,
            } => write!(
                f,
                "sheet \"{sheet}\": {rows} rows × {columns} columns exceed Excel’s {} × {}",
                xlsx::MAX_ROWS - 1,
                xlsx::MAX_COLUMNS
            ),
            SheetError::TextTooLong {
                sheet,
                row,
                column,
                chars,
            } => write!(
                f,
                "sheet \"{sheet}\", row {row}, column {column}: {chars} characters exceed Excel’s {} per cell",
                xlsx::MAX_TEXT
            ),
            SheetError::BadDate(text) => write!(
                f,
                "bad date \"{text}\": expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] between 1980 and 2107"
            ),
            SheetError::NoFiles => write!(f, "a data package needs at least one file"),
            SheetError::DuplicateFile(name) => {
                write!(f, "two files of the package are both named \"{name}\"")
            }
            SheetError::Xlsx { sheet, message } => {
                write!(f, "writing sheet \"{sheet}\": {message}")
            }
            SheetError::Csv { sheet, message } => {
                write!(f, "writing sheet \"{sheet}\" as CSV: {message}")
            }
            SheetError::Zip(message) => write!(f, "writing the package: {message}"),
        }
    }
}

impl std::error::Error for SheetError {}

/// Every row has one cell per column.
fn check_shape(sheet: &Sheet) -> Result<(), SheetError> {
    for (i, row) in sheet.rows.iter().enumerate() {
        if row.len() != sheet.columns.len() {
            return Err(SheetError::RowLength {
                sheet: sheet.name.clone(),
                row: i + 1,
                cells: row.len(),
                columns: sheet.columns.len(),
            });
        }
    }
    Ok(())
}

/// A date and time as `(year, month, day, hour, minute, second)`, each library checking the range.
fn parse_date(text: &str) -> Result<(u16, u8, u8, u8, u8, u8), SheetError> {
    let bad = || SheetError::BadDate(text.to_string());
    let field = |s: Option<&str>, digits: usize| -> Result<u16, SheetError> {
        match s {
            Some(s) if s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()) => {
                s.parse().map_err(|_| bad())
            }
            _ => Err(bad()),
        }
    };
    let small = |x: u16| u8::try_from(x).map_err(|_| bad());
    let (date, time) = match text.split_once('T') {
        Some((d, t)) => (d, Some(t.trim_end_matches('Z'))),
        None => (text, None),
    };
    let mut ymd = date.split('-');
    let year = field(ymd.next(), 4)?;
    let month = small(field(ymd.next(), 2)?)?;
    let day = small(field(ymd.next(), 2)?)?;
    if ymd.next().is_some() {
        return Err(bad());
    }
    let (mut hour, mut minute, mut second) = (0, 0, 0);
    if let Some(time) = time {
        // Fractions of a second are dropped: neither format stores them.
        let time = time.split('.').next().unwrap_or_default();
        let mut hms = time.split(':');
        hour = small(field(hms.next(), 2)?)?;
        minute = small(field(hms.next(), 2)?)?;
        if let Some(s) = hms.next() {
            second = small(field(Some(s), 2)?)?;
        }
        if hms.next().is_some() {
            return Err(bad());
        }
    }
    if !(1980..=2107).contains(&year) || hour > 23 || minute > 59 || second > 59 {
        return Err(bad());
    }
    Ok((year, month, day, hour, minute, second))
}

// ---------------------------------------------------------------------------------------------
// CSV

/// Separator and decimal mark. Excel reads a CSV with the list separator and decimal mark of
/// the computer's locale: a Russian Windows uses `;` and the decimal comma.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    /// `,` and the decimal point: `pandas.read_csv(f)`.
    En,
    /// `;` and the decimal comma: `pandas.read_csv(f, sep=';', decimal=',')`.
    Ru,
}

impl Dialect {
    /// The page language's usual dialect.
    pub fn of(lang: Lang) -> Dialect {
        match lang {
            Lang::En => Dialect::En,
            Lang::Ru => Dialect::Ru,
        }
    }
    pub fn delimiter(self) -> u8 {
        match self {
            Dialect::En => b',',
            Dialect::Ru => b';',
        }
    }
}

/// One sheet as CSV: a UTF-8 byte-order mark (Excel then reads UTF-8), the header row and the
/// data, nothing else. Text a spreadsheet would run as a formula gets a leading `'`.
pub fn csv(sheet: &Sheet, dialect: Dialect) -> Result<String, SheetError> {
    check_shape(sheet)?;
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut writer = csv::WriterBuilder::new()
        .delimiter(dialect.delimiter())
        .from_writer(&mut out);
    let fail = |e: csv::Error| SheetError::Csv {
        sheet: sheet.name.clone(),
        message: e.to_string(),
    };
    writer
        .write_record(sheet.columns.iter().map(|c| neutralise(&c.label)))
        .map_err(fail)?;
    for row in &sheet.rows {
        let record = row.iter().map(|value| csv_cell(value, dialect));
        writer.write_record(record).map_err(fail)?;
    }
    writer.flush().map_err(|e| fail(e.into()))?;
    drop(writer);
    // Every field came from a `&str` or a formatted number.
    String::from_utf8(out).map_err(|e| SheetError::Csv {
        sheet: sheet.name.clone(),
        message: e.to_string(),
    })
}

/// A cell as CSV text: numbers in the dialect's decimal mark (percentages in points), text
/// neutralised, booleans `true`/`false` (what pandas reads as booleans).
pub fn csv_cell(value: &CellValue, dialect: Dialect) -> String {
    match value {
        CellValue::Int(i) => i.to_string(),
        CellValue::Num(x) | CellValue::Percent(x, _) => number_text(*x, dialect),
        CellValue::Text(t) | CellValue::Link(t) => neutralise(t),
        CellValue::Bool(b) => b.to_string(),
        CellValue::Empty => String::new(),
    }
}

/// The shortest text that reads back as the same `f64`, never in exponent notation (Excel in
/// some locales reads `1e-7` as text), `0` for minus zero, empty for NaN and infinities.
pub fn number_text(x: f64, dialect: Dialect) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let text = if x == 0.0 {
        "0".to_string()
    } else {
        format!("{x}")
    };
    match dialect {
        Dialect::En => text,
        Dialect::Ru => text.replace('.', ","),
    }
}

/// Characters a spreadsheet skips before deciding that a cell is a formula.
fn is_invisible_lead(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{feff}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{180e}'
        )
}

/// Whether a spreadsheet could run this text as a formula (OWASP's CSV-injection guidance): it
/// starts with a control character (tab, CR, LF, NUL), or its first visible character is
/// `=` `+` `-` `@` or a full-width look-alike.
pub fn looks_like_formula(text: &str) -> bool {
    if text.starts_with(|c: char| c.is_control()) {
        return true;
    }
    text.trim_start_matches(is_invisible_lead)
        .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
}

/// A text cell that a spreadsheet would not run: a leading `'` where it looks like a formula.
pub fn neutralise(text: &str) -> String {
    if looks_like_formula(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_caught_behind_invisible_characters() {
        for text in [
            "=1+1",
            "+7",
            "-x",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "\nx",
            "\0x",
            " =1",
            "\u{a0}=1",
            "\u{feff}=1",
            "\u{200b}\u{2060}+1",
            "＝1",
            "＠x",
            "  －1",
        ] {
            assert!(looks_like_formula(text), "{text:?}");
            assert_eq!(neutralise(text), format!("'{text}"));
        }
        for text in ["Germany", "", "1=1", "a-b", "'=1", "Кот-д’Ивуар"] {
            assert!(!looks_like_formula(text), "{text:?}");
            assert_eq!(neutralise(text), text);
        }
    }

    #[test]
    fn numbers_are_written_in_the_dialect_and_never_neutralised() {
        assert_eq!(csv_cell(&CellValue::Int(-3), Dialect::Ru), "-3");
        assert_eq!(csv_cell(&CellValue::Num(-0.5), Dialect::Ru), "-0,5");
        assert_eq!(
            csv_cell(&CellValue::Percent(87.28, 2), Dialect::En),
            "87.28"
        );
        assert_eq!(csv_cell(&CellValue::Text("-1".into()), Dialect::En), "'-1");
        assert_eq!(number_text(1e-7, Dialect::En), "0.0000001");
        assert_eq!(number_text(-0.0, Dialect::En), "0");
        assert_eq!(number_text(f64::NAN, Dialect::Ru), "");
        assert_eq!(number_text(1234567.0, Dialect::Ru), "1234567");
    }

    #[test]
    fn dates_are_read_strictly() {
        assert_eq!(parse_date("2026-03-17"), Ok((2026, 3, 17, 0, 0, 0)));
        assert_eq!(
            parse_date("2026-03-17T09:05:01.123Z"),
            Ok((2026, 3, 17, 9, 5, 1))
        );
        assert_eq!(parse_date("2026-03-17T09:05"), Ok((2026, 3, 17, 9, 5, 0)));
        for bad in [
            "",
            "2026-3-17",
            "2026-03-17T24:00",
            "17.03.2026",
            "1970-01-01",
            "2026-03-17T9",
            "x",
        ] {
            assert!(parse_date(bad).is_err(), "{bad:?}");
        }
    }
}
