//! The paper's published figures (data/paper.json, transcribed by hand exactly as printed).
//! Figures are data: code never holds a published number.

use crate::data::bundle::{BundleError, PAPER_FILE, bundle_error};
use crate::data::files::{CellNote, PaperFile, TextFigureSpec};
use crate::reading::dataset::Dataset;
use crate::reading::scope::{Quantity, Scope};
use serde::Serialize;
use std::collections::BTreeMap;

/// A figure as printed ("273 131", "85,13", "0,8%"), with its value and printed precision.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Printed {
    pub text: String,
    pub value: f64,
    /// Digits after the decimal comma.
    pub decimals: u8,
    pub percent: bool,
}

impl Printed {
    /// Read a printed figure: digit groups separated by spaces, a decimal comma, an optional %.
    pub fn parse(text: &str) -> Result<Printed, String> {
        let trimmed = text.trim();
        let (number, percent) = match trimmed.strip_suffix('%') {
            Some(n) => (n.trim_end(), true),
            None => (trimmed, false),
        };
        let compact: String = number
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}'))
            .collect();
        let (int_part, frac_part) = match compact.split_once(',') {
            Some((i, f)) => (i, f),
            None => (compact.as_str(), ""),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(int_part)
            || !(frac_part.is_empty() || digits(frac_part))
            || compact.contains(',') && frac_part.is_empty()
        {
            return Err(format!(
                "\"{text}\" is not a printed number like \"1 234\" or \"12,5%\""
            ));
        }
        if int_part.len() + frac_part.len() > 15 {
            return Err(format!("\"{text}\" has too many digits"));
        }
        let value: f64 = format!(
            "{int_part}.{}",
            if frac_part.is_empty() { "0" } else { frac_part }
        )
        .parse()
        .map_err(|_| format!("\"{text}\" is not a number"))?;
        Ok(Printed {
            text: trimmed.to_string(),
            value,
            // At most 15 digits (checked above).
            decimals: u8::try_from(frac_part.len()).unwrap_or(u8::MAX),
            percent,
        })
    }

    /// Whether a recomputed value (a count, or percentage points) shows as this figure at the
    /// printed precision.
    pub fn matches(&self, recomputed: f64) -> bool {
        let scale = 10f64.powi(i32::from(self.decimals));
        ((recomputed * scale).round() - (self.value * scale).round()).abs() < 0.5
    }

    /// Whether the figure is the recomputed value cut (not rounded) at the printed precision.
    pub fn matches_truncated(&self, recomputed: f64) -> bool {
        let scale = 10f64.powi(i32::from(self.decimals));
        ((recomputed * scale + 1e-9).floor() - (self.value * scale).round()).abs() < 0.5
    }
}

/// A text figure, parsed.
#[derive(Clone, Debug)]
pub struct TextFigure {
    pub spec: TextFigureSpec,
    pub scope: Scope,
    pub quantity: Quantity,
    pub printed: Printed,
}

/// The paper's figures, parsed and checked.
#[derive(Clone, Debug)]
pub struct Paper {
    pub file: PaperFile,
    /// table → row → col → printed figure (nested, so a lookup allocates nothing).
    pub cells: BTreeMap<String, BTreeMap<String, BTreeMap<String, Printed>>>,
    /// Text figures, parsed once the bundle's places are known.
    pub text: Vec<TextFigure>,
}

impl Paper {
    /// Parse every printed figure of the file, check each cell against the tables' layout and
    /// each text figure's place against the data.
    pub fn new(file: &PaperFile, data: &Dataset) -> Result<Paper, BundleError> {
        let file = file.clone();
        let mut cells: BTreeMap<String, BTreeMap<String, BTreeMap<String, Printed>>> =
            BTreeMap::new();
        for (table_id, table) in &file.tables {
            for (row, cols) in &table.cells {
                for (col, printed) in cols {
                    let value = Printed::parse(printed).map_err(|e| {
                        bundle_error(
                            PAPER_FILE,
                            Some(format!("table {table_id} row {row} column {col}")),
                            e,
                        )
                    })?;
                    cells
                        .entry(table_id.clone())
                        .or_default()
                        .entry(row.clone())
                        .or_default()
                        .insert(col.clone(), value);
                }
            }
        }
        let mut paper = Paper {
            file,
            cells,
            text: Vec::new(),
        };
        paper.text = paper.validate_against(data)?;
        Ok(paper)
    }

    /// Check every cell against the tables' layout; parse the text figures against the places.
    fn validate_against(&self, bundle: &Dataset) -> Result<Vec<TextFigure>, BundleError> {
        for (table, rows) in &self.cells {
            for (row, cols) in rows {
                for col in cols.keys() {
                    if !super::layout::is_published_cell(table, row, col) {
                        return Err(bundle_error(
                            PAPER_FILE,
                            Some(format!("table {table} row {row} column {col}")),
                            "no such cell in the tables reweigh rebuilds",
                        ));
                    }
                }
            }
        }
        for note in &self.file.notes {
            if self.cell(&note.table, &note.row, &note.col).is_none() {
                return Err(bundle_error(
                    PAPER_FILE,
                    Some(format!(
                        "note on table {} row {} column {}",
                        note.table, note.row, note.col
                    )),
                    "the note is on a cell with no published figure",
                ));
            }
        }
        let mut figures: Vec<TextFigure> = Vec::new();
        let mut ids = std::collections::BTreeSet::new();
        for spec in &self.file.text {
            if !ids.insert(spec.id.as_str()) {
                return Err(bundle_error(
                    PAPER_FILE,
                    Some(format!("text figure {}", spec.id)),
                    "duplicate id",
                ));
            }
            figures.push(parse_text_figure(spec, bundle)?);
        }
        Ok(figures)
    }

    /// How many published table cells there are.
    pub fn cell_count(&self) -> usize {
        self.cells
            .values()
            .flat_map(|rows| rows.values())
            .map(|cols| cols.len())
            .sum()
    }

    pub fn cell(&self, table: &str, row: &str, col: &str) -> Option<&Printed> {
        self.cells.get(table)?.get(row)?.get(col)
    }

    pub fn note(&self, table: &str, row: &str, col: &str) -> Option<&CellNote> {
        self.file
            .notes
            .iter()
            .find(|n| n.table == table && n.row == row && n.col == col)
    }
}

fn parse_text_figure(spec: &TextFigureSpec, bundle: &Dataset) -> Result<TextFigure, BundleError> {
    let record = || Some(format!("text figure {}", spec.id));
    let scope =
        Scope::parse(&spec.scope, bundle).map_err(|e| bundle_error(PAPER_FILE, record(), e))?;
    let quantity =
        Quantity::parse(&spec.quantity).map_err(|e| bundle_error(PAPER_FILE, record(), e))?;
    let printed =
        Printed::parse(&spec.printed).map_err(|e| bundle_error(PAPER_FILE, record(), e))?;
    Ok(TextFigure {
        spec: spec.clone(),
        scope,
        quantity,
        printed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_figures_parse_with_their_precision() {
        let p = Printed::parse("273 131").unwrap();
        assert_eq!((p.value, p.decimals, p.percent), (273131.0, 0, false));
        let p = Printed::parse("85,13").unwrap();
        assert_eq!((p.value, p.decimals), (85.13, 2));
        let p = Printed::parse("0,8%").unwrap();
        assert_eq!((p.value, p.decimals, p.percent), (0.8, 1, true));
        for bad in ["", "%", "1,", ",5", "12a", "1.5", "--1"] {
            assert!(Printed::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn matching_is_at_the_printed_precision() {
        let p = Printed::parse("72,25").unwrap();
        assert!(p.matches(72.2507));
        assert!(!p.matches(72.2951));
        let p = Printed::parse("8%").unwrap();
        assert!(p.matches(8.0758));
        assert!(!p.matches(8.6));
        let p = Printed::parse("85,2").unwrap();
        assert!(!p.matches(85.02) && !p.matches_truncated(85.02));
        let p = Printed::parse("43,5").unwrap();
        assert!(!p.matches(43.5506) && p.matches_truncated(43.5506));
    }
}
