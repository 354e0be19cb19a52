//! The paper's published figures (data/paper.json, transcribed by hand exactly as printed).
//! Figures are data: code never holds a published number.

use crate::data::bundle::{BundleError, PAPER_FILE, bundle_error};
use crate::data::files::{CellNote, PaperFile, TextFigureSpec};
use crate::reading::dataset::Dataset;
use crate::reading::measure::Measure;
use crate::reading::scope::Scope;
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
    /// The paper's hedge ("about 19%", "almost half"), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
}

/// How a hedged figure is read: the figure is the printed number, the hedge says how near.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Qualifier {
    /// "about X": within the tolerance either side.
    About { tolerance: f64 },
    /// "almost X": not above X (at the printed precision), by at most the tolerance.
    Almost { tolerance: f64 },
    /// "just over X", "slightly more than X": above X by at most the tolerance.
    JustOver { tolerance: f64 },
    /// "more than X".
    MoreThan,
    /// "less than X".
    LessThan,
}

impl Qualifier {
    /// Read `about`, `almost`, `just_over` (each with a tolerance), `more_than`, `less_than`.
    pub fn parse(word: &str, tolerance: Option<f64>) -> Result<Qualifier, String> {
        let need =
            || tolerance.ok_or_else(|| format!("the qualifier \"{word}\" needs a tolerance"));
        let none = |q: Qualifier| match tolerance {
            Some(_) => Err(format!("the qualifier \"{word}\" takes no tolerance")),
            None => Ok(q),
        };
        match word {
            "about" => Ok(Qualifier::About { tolerance: need()? }),
            "almost" => Ok(Qualifier::Almost { tolerance: need()? }),
            "just_over" => Ok(Qualifier::JustOver { tolerance: need()? }),
            "more_than" => none(Qualifier::MoreThan),
            "less_than" => none(Qualifier::LessThan),
            _ => Err(format!(
                "unknown qualifier \"{word}\"; allowed: about, almost, just_over, more_than, less_than"
            )),
        }
    }

    /// The hedge in words: "about" / "около".
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Qualifier::About { .. } => ("about", "около"),
            Qualifier::Almost { .. } => ("almost", "почти"),
            Qualifier::JustOver { .. } => ("just over", "чуть больше"),
            Qualifier::MoreThan => ("more than", "больше"),
            Qualifier::LessThan => ("less than", "меньше"),
        }
    }
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
            qualifier: None,
        })
    }

    /// The printed digits as a whole number: "16,65" is 1665 (the value times 10^decimals).
    /// Exact: a printed figure has at most 15 digits.
    pub fn mantissa(&self) -> i128 {
        (self.value * 10f64.powi(i32::from(self.decimals))).round() as i128
    }

    /// Whether a recomputed value (a count, or percentage points) shows as this figure at the
    /// printed precision, or for a hedged figure, whether the hedge holds.
    pub fn matches(&self, recomputed: f64) -> bool {
        const SLACK: f64 = 1e-9;
        let scale = 10f64.powi(i32::from(self.decimals));
        let half_unit = 0.5 / scale;
        let x = self.value;
        match self.qualifier {
            None => ((recomputed * scale).round() - (x * scale).round()).abs() < 0.5,
            Some(Qualifier::About { tolerance }) => (recomputed - x).abs() <= tolerance + SLACK,
            Some(Qualifier::Almost { tolerance }) => {
                recomputed < x + half_unit && recomputed >= x - tolerance - SLACK
            }
            Some(Qualifier::JustOver { tolerance }) => {
                recomputed > x && recomputed <= x + tolerance + SLACK
            }
            Some(Qualifier::MoreThan) => recomputed > x,
            Some(Qualifier::LessThan) => recomputed < x,
        }
    }

    /// One unit of the figure's last significant digit: 1 000 for "41 000" ("41 thousand"), 0,1
    /// for "4,5", 1 for "15".
    pub fn last_digit_unit(&self) -> f64 {
        let mut m = self.mantissa();
        let mut unit = 10f64.powi(-i32::from(self.decimals));
        while m != 0 && m % 10 == 0 {
            m /= 10;
            unit *= 10.0;
        }
        unit
    }

    /// Whether another reading's value reproduces the figure: as [`Printed::matches`], but "more
    /// than X" and "less than X" hold only within one unit of X's last significant digit, the
    /// way the hedge is meant ("more than 41 thousand" is 41 000 to 41 999, "less than 5
    /// thousand" 4 001 to 5 000): a reading far above X does not explain why the paper wrote X.
    pub fn reproduced_by(&self, value: f64) -> bool {
        const SLACK: f64 = 1e-9;
        let (x, unit) = (self.value, self.last_digit_unit());
        match self.qualifier {
            Some(Qualifier::MoreThan) => value >= x - SLACK && value < x + unit - SLACK,
            Some(Qualifier::LessThan) => value > x - unit + SLACK && value <= x + SLACK,
            _ => self.matches(value),
        }
    }

    /// Whether a figure the text gives in whole thousands ("12 thousand", plain or "about") is
    /// the recomputed count cut to thousands.
    pub fn matches_cut_to_thousands(&self, recomputed: f64) -> bool {
        let plain_or_about = matches!(self.qualifier, None | Some(Qualifier::About { .. }));
        let thousands = self.decimals == 0 && self.value >= 1000.0 && self.value % 1000.0 == 0.0;
        plain_or_about && thousands && (recomputed / 1000.0).floor() * 1000.0 == self.value
    }

    /// Whether the figure is the recomputed value cut (not rounded) at the printed precision.
    pub fn matches_truncated(&self, recomputed: f64) -> bool {
        if self.qualifier.is_some() {
            return false;
        }
        let scale = 10f64.powi(i32::from(self.decimals));
        ((recomputed * scale + 1e-9).floor() - (self.value * scale).round()).abs() < 0.5
    }
}

/// A text figure, parsed.
#[derive(Clone, Debug)]
pub struct TextFigure {
    pub spec: TextFigureSpec,
    pub scope: Scope,
    pub measure: Measure,
    pub printed: Printed,
    /// The places the text's "other" sets aside ("the other 15 countries" after Israel and the
    /// UAE), each of the level the figure counts.
    pub besides: Vec<Scope>,
}

/// The paper's figures, parsed and checked.
#[derive(Clone, Debug)]
pub struct Paper {
    /// The notes the paper's cells carry.
    pub notes: Vec<CellNote>,
    /// table → row → col → printed figure (nested, so a lookup allocates nothing).
    pub cells: BTreeMap<String, BTreeMap<String, BTreeMap<String, Printed>>>,
    /// Text figures, parsed once the bundle's places are known.
    pub text: Vec<TextFigure>,
    /// Numbers the paper quotes from other sources, by id, with their words.
    pub bases: Vec<(String, i64, crate::text::Text)>,
}

impl Paper {
    /// Parse every printed figure of the file, check each cell against the tables' layout and
    /// each text figure's place against the data.
    pub fn new(file: &PaperFile, data: &Dataset) -> Result<Paper, BundleError> {
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
        let mut bases = Vec::new();
        for base in &file.bases {
            let record = || Some(format!("base {}", base.id));
            let printed =
                Printed::parse(&base.printed).map_err(|e| bundle_error(PAPER_FILE, record(), e))?;
            if printed.decimals > 0 || printed.value > 1e12 {
                return Err(bundle_error(
                    PAPER_FILE,
                    record(),
                    "a base is a whole number",
                ));
            }
            if bases.iter().any(|(id, _, _)| id == &base.id) {
                return Err(bundle_error(PAPER_FILE, record(), "duplicate id"));
            }
            bases.push((
                base.id.clone(),
                printed.value as i64,
                crate::text::Text::new(&base.en, &base.ru),
            ));
        }
        let mut paper = Paper {
            notes: file.notes.clone(),
            cells,
            text: Vec::new(),
            bases,
        };
        paper.text = paper.validate_against(file, data)?;
        Ok(paper)
    }

    /// Check every cell against the tables' layout; parse the text figures against the places.
    fn validate_against(
        &self,
        file: &PaperFile,
        bundle: &Dataset,
    ) -> Result<Vec<TextFigure>, BundleError> {
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
        for note in &self.notes {
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
        let bases: Vec<&str> = self.bases.iter().map(|(id, _, _)| id.as_str()).collect();
        let mut figures: Vec<TextFigure> = Vec::new();
        let mut ids = std::collections::BTreeSet::new();
        for spec in &file.text {
            if !ids.insert(spec.id.as_str()) {
                return Err(bundle_error(
                    PAPER_FILE,
                    Some(format!("text figure {}", spec.id)),
                    "duplicate id",
                ));
            }
            figures.push(parse_text_figure(spec, bundle, &bases)?);
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

    /// A number quoted from another source, by id.
    pub fn base(&self, id: &str) -> Option<i64> {
        self.bases
            .iter()
            .find(|(b, _, _)| b == id)
            .map(|(_, v, _)| *v)
    }

    pub fn note(&self, table: &str, row: &str, col: &str) -> Option<&CellNote> {
        self.notes
            .iter()
            .find(|n| n.table == table && n.row == row && n.col == col)
    }
}

fn parse_text_figure(
    spec: &TextFigureSpec,
    bundle: &Dataset,
    bases: &[&str],
) -> Result<TextFigure, BundleError> {
    let record = || Some(format!("text figure {}", spec.id));
    let scope =
        Scope::parse(&spec.scope, bundle).map_err(|e| bundle_error(PAPER_FILE, record(), e))?;
    let measure = Measure::parse(&spec.quantity, bundle)
        .map_err(|e| bundle_error(PAPER_FILE, record(), e))?;
    if let crate::reading::measure::Measure::Part(_, crate::reading::measure::Whole::Base(id)) =
        &measure
        && !bases.contains(&id.as_str())
    {
        return Err(bundle_error(
            PAPER_FILE,
            record(),
            format!("no base \"{id}\" in the file’s bases"),
        ));
    }
    let mut printed =
        Printed::parse(&spec.printed).map_err(|e| bundle_error(PAPER_FILE, record(), e))?;
    let tolerance = match &spec.tolerance {
        Some(t) => Some(
            Printed::parse(t)
                .map_err(|e| bundle_error(PAPER_FILE, record(), e))?
                .value,
        ),
        None => None,
    };
    printed.qualifier = match &spec.qualifier {
        Some(word) => Some(
            Qualifier::parse(word, tolerance).map_err(|e| bundle_error(PAPER_FILE, record(), e))?,
        ),
        None if tolerance.is_some() => {
            return Err(bundle_error(
                PAPER_FILE,
                record(),
                "a tolerance without a qualifier",
            ));
        }
        None => None,
    };
    let besides = parse_besides(spec, &measure, bundle)?;
    if spec
        .sentence
        .as_deref()
        .is_some_and(|s| s.trim().is_empty())
    {
        return Err(bundle_error(PAPER_FILE, record(), "an empty sentence id"));
    }
    Ok(TextFigure {
        spec: spec.clone(),
        scope,
        measure,
        printed,
        besides,
    })
}

/// The places a count of places sets aside: each a place of the level counted, named once.
fn parse_besides(
    spec: &TextFigureSpec,
    measure: &Measure,
    bundle: &Dataset,
) -> Result<Vec<Scope>, BundleError> {
    use crate::reading::measure::Level;
    let record = || Some(format!("text figure {}", spec.id));
    if spec.besides.is_empty() {
        return Ok(Vec::new());
    }
    let level = match measure {
        Measure::Places(level)
        | Measure::PlacesWhere {
            level,
            as_share: false,
            ..
        } => *level,
        _ => {
            return Err(bundle_error(
                PAPER_FILE,
                record(),
                "\"besides\" is for a count of PECs or countries",
            ));
        }
    };
    let mut out: Vec<Scope> = Vec::new();
    for text in &spec.besides {
        let place =
            Scope::parse(text, bundle).map_err(|e| bundle_error(PAPER_FILE, record(), e))?;
        let fits = matches!(
            (&place, level),
            (Scope::Country(_), Level::Countries) | (Scope::Pec(_), Level::Pecs)
        );
        if !fits {
            return Err(bundle_error(
                PAPER_FILE,
                record(),
                format!("\"{text}\" in \"besides\" is not one of the places the figure counts"),
            ));
        }
        if out.contains(&place) {
            return Err(bundle_error(
                PAPER_FILE,
                record(),
                format!("\"{text}\" is named twice in \"besides\""),
            ));
        }
        out.push(place);
    }
    Ok(out)
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

    #[test]
    fn another_reading_reproduces_more_than_or_less_than_within_one_unit_of_its_last_digit() {
        let hedged = |text: &str, q: Qualifier| Printed {
            qualifier: Some(q),
            ..Printed::parse(text).unwrap()
        };
        assert_eq!(Printed::parse("41 000").unwrap().last_digit_unit(), 1000.0);
        assert_eq!(Printed::parse("15").unwrap().last_digit_unit(), 1.0);
        assert!((Printed::parse("4,50").unwrap().last_digit_unit() - 0.1).abs() < 1e-12);
        let more = hedged("41 000", Qualifier::MoreThan);
        // The state's own value: any count above; another reading's: 41 000 to 41 999.
        assert!(more.matches(50_000.0) && !more.reproduced_by(50_000.0));
        assert!(more.reproduced_by(41_229.0) && more.reproduced_by(41_000.0));
        assert!(!more.reproduced_by(42_000.0) && !more.reproduced_by(40_999.0));
        let less = hedged("5 000", Qualifier::LessThan);
        assert!(less.matches(100.0) && !less.reproduced_by(100.0));
        assert!(less.reproduced_by(4_001.0) && less.reproduced_by(4_999.0));
        assert!(!less.reproduced_by(4_000.0) && !less.reproduced_by(5_001.0));
        // The other hedges are read as before.
        let about = hedged("15", Qualifier::About { tolerance: 1.5 });
        assert!(about.reproduced_by(14.23) && !about.reproduced_by(16.6));
    }
}
