//! The workbook, written with rust_xlsxwriter: numbers as numbers under display formats, a bold
//! frozen header, an autofilter over the data, column widths from the contents.

use super::{CellValue, Column, ColumnKind, Lang, Sheet, SheetError, Workbook, check_shape};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Url, Workbook as XlsxBook,
    Worksheet, XlsxError,
};

/// Excel's limits: rows and columns of a sheet (the header row included), characters in a cell,
/// and characters in a sheet name.
pub(super) const MAX_ROWS: usize = 1_048_576;
pub(super) const MAX_COLUMNS: usize = 16_384;
pub(super) const MAX_TEXT: usize = 32_767;
const MAX_NAME: usize = 31;
/// More decimals than a double carries would only print noise.
const MAX_DECIMALS: u8 = 10;

/// The workbook as XLSX bytes.
pub fn xlsx(book: &Workbook) -> Result<Vec<u8>, SheetError> {
    if book.sheets.is_empty() {
        return Err(SheetError::NoSheets);
    }
    let mut out = XlsxBook::new();
    let mut properties = DocProperties::new()
        .set_title(&book.title)
        .set_comment(&book.comment);
    if let Some(created) = &book.created {
        let (y, mo, d, h, mi, s) = super::parse_date(created)?;
        let bad = |_| SheetError::BadDate(created.clone());
        let when = ExcelDateTime::from_ymd(y, mo, d)
            .and_then(|t| t.and_hms(u16::from(h), mi, s))
            .map_err(bad)?;
        properties = properties.set_creation_datetime(&when);
    }
    out.set_properties(&properties);
    let formats = Formats::new();
    for (sheet, name) in book
        .sheets
        .iter()
        .zip(safe_sheet_names(&book.sheets, book.lang))
    {
        check_shape(sheet)?;
        let fail = |e: XlsxError| SheetError::Xlsx {
            sheet: sheet.name.clone(),
            message: e.to_string(),
        };
        let worksheet = out.add_worksheet();
        worksheet.set_name(name).map_err(fail)?;
        write_sheet(worksheet, sheet, &formats).map_err(|e| match e {
            Failure::Ours(e) => e,
            Failure::Library(e) => fail(e),
        })?;
    }
    out.save_to_buffer().map_err(|e| SheetError::Xlsx {
        sheet: String::new(),
        message: e.to_string(),
    })
}

enum Failure {
    Ours(SheetError),
    Library(XlsxError),
}

impl From<XlsxError> for Failure {
    fn from(e: XlsxError) -> Failure {
        Failure::Library(e)
    }
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet, formats: &Formats) -> Result<(), Failure> {
    let too_large = || {
        Failure::Ours(SheetError::TooLarge {
            sheet: sheet.name.clone(),
            rows: sheet.rows.len(),
            columns: sheet.columns.len(),
        })
    };
    if sheet.rows.len() >= MAX_ROWS || sheet.columns.len() > MAX_COLUMNS {
        return Err(too_large());
    }
    let too_long = |row: usize, column: usize, text: &str| {
        let chars = text.chars().count();
        (chars > MAX_TEXT).then(|| {
            Failure::Ours(SheetError::TextTooLong {
                sheet: sheet.name.clone(),
                row,
                column: column + 1,
                chars,
            })
        })
    };
    for (c, column) in sheet.columns.iter().enumerate() {
        if let Some(e) = too_long(0, c, &column.label) {
            return Err(e);
        }
        let col = u16::try_from(c).map_err(|_| too_large())?;
        ws.write_string_with_format(0, col, &column.label, &formats.header)?;
        ws.set_column_width(
            col,
            column.width.unwrap_or_else(|| estimate_width(sheet, c)),
        )?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let at = u32::try_from(r + 1).map_err(|_| too_large())?;
        for (c, (value, column)) in row.iter().zip(&sheet.columns).enumerate() {
            let col = u16::try_from(c).map_err(|_| too_large())?;
            match value {
                CellValue::Int(i) => {
                    // Excel holds every number as a double; counts here are far below 2^53.
                    let x = *i as f64;
                    write_number(ws, at, col, x, column.kind, formats)?;
                }
                CellValue::Num(x) => write_number(ws, at, col, *x, column.kind, formats)?,
                CellValue::Percent(x, d) => {
                    write_number(ws, at, col, *x, ColumnKind::Percent(*d), formats)?
                }
                CellValue::Text(t) => {
                    if let Some(e) = too_long(r + 1, c, t) {
                        return Err(e);
                    }
                    ws.write_string(at, col, t)?;
                }
                CellValue::Link(url) => {
                    if let Some(e) = too_long(r + 1, c, url) {
                        return Err(e);
                    }
                    // Excel refuses long or unknown-scheme links; they stay readable as text.
                    let linkable = url.starts_with("https://") || url.starts_with("http://");
                    if !linkable || ws.write_url(at, col, Url::new(url)).is_err() {
                        ws.write_string(at, col, url)?;
                    }
                }
                CellValue::Bool(b) => {
                    ws.write_boolean(at, col, *b)?;
                }
                CellValue::Empty => {}
            }
        }
    }
    let columns = sheet.columns.len();
    if columns > 0 {
        let last_row = u32::try_from(sheet.rows.len()).map_err(|_| too_large())?;
        let last_col = u16::try_from(columns - 1).map_err(|_| too_large())?;
        ws.autofilter(0, 0, last_row, last_col)?;
        let frozen_cols = u16::from(sheet.freeze_first_column && columns > 1);
        ws.set_freeze_panes(1, frozen_cols)?;
    }
    Ok(())
}

fn write_number(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    x: f64,
    kind: ColumnKind,
    formats: &Formats,
) -> Result<(), XlsxError> {
    // Excel has no NaN or infinity: such a cell stays empty, as in the CSV.
    if !x.is_finite() {
        return Ok(());
    }
    match kind {
        ColumnKind::Count => ws.write_number_with_format(row, col, x, &formats.count)?,
        ColumnKind::Percent(d) => {
            ws.write_number_with_format(row, col, x / 100.0, formats.percent(d))?
        }
        ColumnKind::Number(d) => ws.write_number_with_format(row, col, x, formats.number(d))?,
        ColumnKind::Text | ColumnKind::Flag => ws.write_number(row, col, x)?,
    };
    Ok(())
}

/// The formats, built once per workbook.
struct Formats {
    header: Format,
    count: Format,
    percent: Vec<Format>,
    number: Vec<Format>,
}

impl Formats {
    fn new() -> Formats {
        let decimals = |d: u8| {
            if d == 0 {
                String::new()
            } else {
                format!(".{}", "0".repeat(usize::from(d)))
            }
        };
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_border_bottom(FormatBorder::Thin),
            count: Format::new().set_num_format("#,##0"),
            percent: (0..=MAX_DECIMALS)
                .map(|d| Format::new().set_num_format(format!("0{}%", decimals(d))))
                .collect(),
            number: (0..=MAX_DECIMALS)
                .map(|d| Format::new().set_num_format(format!("#,##0{}", decimals(d))))
                .collect(),
        }
    }
    fn percent(&self, d: u8) -> &Format {
        &self.percent[usize::from(d.min(MAX_DECIMALS))]
    }
    fn number(&self, d: u8) -> &Format {
        &self.number[usize::from(d.min(MAX_DECIMALS))]
    }
}

/// A column width in Excel's character units: the widest cell as displayed, the header's
/// longest word (headers wrap) or its whole label up to 30 characters, and room for the
/// autofilter button; between 6 and 60.
fn estimate_width(sheet: &Sheet, c: usize) -> f64 {
    let column: &Column = &sheet.columns[c];
    let label = column.label.chars().count();
    let longest_word = column
        .label
        .split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0);
    let header = label.min(30).max(longest_word) + 3;
    let cells = sheet
        .rows
        .iter()
        .filter_map(|row| row.get(c))
        .map(|value| display_len(value, column.kind))
        .max()
        .unwrap_or(0);
    // Widths are small whole numbers of characters; the conversion is exact.
    let chars = u32::try_from(header.max(cells) + 1).unwrap_or(u32::MAX);
    f64::from(chars).clamp(6.0, 60.0)
}

/// About how many characters a cell shows.
fn display_len(value: &CellValue, kind: ColumnKind) -> usize {
    let grouped = |x: f64, d: u8| {
        let text = format!("{:.*}", usize::from(d.min(MAX_DECIMALS)), x.abs());
        let int_digits = text.split('.').next().map_or(0, str::len);
        text.len() + int_digits.saturating_sub(1) / 3 + usize::from(x < 0.0)
    };
    let number = |x: f64| match kind {
        ColumnKind::Count => grouped(x, 0),
        ColumnKind::Percent(d) => format!("{:.*}", usize::from(d.min(MAX_DECIMALS)), x).len() + 1,
        ColumnKind::Number(d) => grouped(x, d),
        ColumnKind::Text | ColumnKind::Flag => format!("{x}").len(),
    };
    match value {
        CellValue::Int(i) => number(*i as f64),
        CellValue::Num(x) if x.is_finite() => number(*x),
        CellValue::Percent(x, d) if x.is_finite() => {
            format!("{:.*}", usize::from((*d).min(MAX_DECIMALS)), x).len() + 1
        }
        CellValue::Text(t) | CellValue::Link(t) => {
            t.lines().map(|l| l.chars().count()).max().unwrap_or(0)
        }
        CellValue::Bool(_) => 5,
        _ => 0,
    }
}

/// Sheet names Excel accepts, in the sheets' order: at most 31 characters, none of `[ ] : * ? / \`
/// nor control characters, no apostrophe at either end, not "History" (Excel keeps it), unique
/// regardless of case; an empty name becomes "Sheet N" ("Лист N").
pub fn safe_sheet_names(sheets: &[Sheet], lang: Lang) -> Vec<String> {
    let mut taken: Vec<String> = Vec::with_capacity(sheets.len());
    let mut names = Vec::with_capacity(sheets.len());
    for (i, sheet) in sheets.iter().enumerate() {
        let cleaned: String = sheet
            .name
            .chars()
            .filter_map(|c| match c {
                '/' | '\\' | ':' => Some('-'),
                '[' => Some('('),
                ']' => Some(')'),
                '*' | '?' => None,
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        let mut base = trim_name(&truncate(&cleaned, MAX_NAME));
        if base.is_empty() {
            let word = match lang {
                Lang::En => "Sheet",
                Lang::Ru => "Лист",
            };
            base = format!("{word} {}", i + 1);
        }
        if base.eq_ignore_ascii_case("history") {
            base.push('_');
        }
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name.to_lowercase()) {
            let suffix = format!(" ({n})");
            let room = MAX_NAME - suffix.chars().count();
            name = format!("{}{suffix}", trim_name(&truncate(&base, room)));
            n += 1;
        }
        taken.push(name.to_lowercase());
        names.push(name);
    }
    names
}

/// At most `max` characters, counted as Excel does (UTF-16 units).
fn truncate(text: &str, max: usize) -> String {
    let mut units = 0;
    text.chars()
        .take_while(|c| {
            units += c.len_utf16();
            units <= max
        })
        .collect()
}

fn trim_name(text: &str) -> String {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\'')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(names: &[&str]) -> Vec<Sheet> {
        names
            .iter()
            .map(|n| Sheet {
                name: n.to_string(),
                columns: vec![],
                rows: vec![],
                freeze_first_column: false,
            })
            .collect()
    }

    #[test]
    fn sheet_names_are_made_safe_and_unique() {
        let long = "Таблица 3. Итоги по регионам мира (пересчёт)";
        let names = safe_sheet_names(
            &named(&[
                "Table 1: votes [2024]",
                "a/b\\c*?d",
                "'quoted'",
                "",
                "History",
                "TABLE 1- VOTES (2024)",
                long,
                long,
            ]),
            Lang::Ru,
        );
        assert_eq!(
            names,
            [
                "Table 1- votes (2024)",
                "a-b-cd",
                "quoted",
                "Лист 4",
                "History_",
                "TABLE 1- VOTES (2024) (2)",
                "Таблица 3. Итоги по регионам ми",
                "Таблица 3. Итоги по региона (2)",
            ]
        );
        for name in &names {
            assert!(name.encode_utf16().count() <= MAX_NAME, "{name}");
            rust_xlsxwriter::utility::check_sheet_name(name).unwrap();
        }
    }

    #[test]
    fn widths_follow_the_contents() {
        let sheet = Sheet {
            name: "s".into(),
            columns: vec![
                Column {
                    label: "Voters".into(),
                    kind: ColumnKind::Count,
                    width: None,
                },
                Column {
                    label: "A very long header that will wrap onto lines".into(),
                    kind: ColumnKind::Percent(2),
                    width: None,
                },
            ],
            rows: vec![vec![CellValue::Int(-1_234_567), CellValue::Num(87.2843)]],
            freeze_first_column: true,
        };
        // "-1,234,567" is 10 characters; the header "Voters" with its button 9.
        assert_eq!(estimate_width(&sheet, 0), 11.0);
        // The header's first 30 characters and the button.
        assert_eq!(estimate_width(&sheet, 1), 34.0);
        assert_eq!(
            display_len(&CellValue::Num(87.2843), ColumnKind::Percent(2)),
            6
        );
        assert_eq!(
            display_len(&CellValue::Num(-1234.5), ColumnKind::Number(1)),
            8
        );
    }
}
