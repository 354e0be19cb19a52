//! Each published cell beside its recomputed value, the difference, and the reason they differ.
//!
//! A reason is found, not asserted: every cell comes with alternative readings (another base,
//! another quantity, a neighbouring place, the paper's own state, the paper's own inputs, a
//! neighbouring column, ...). The first that reproduces the printed figure names the reason.
//! Failing that, a figure cut rather than rounded; then a typing slip (a digit changed, two
//! swapped, one inserted or left out, the point shifted), but only where another printed figure
//! confirms the corrected value; then the cell's own fallback; if nothing explains it, the cell
//! says so.

use super::published::Printed;
use super::slips::slips;
use crate::data::files::CellNote;
use crate::text::Lang;
use crate::text::Text;
use crate::text::numtext::{decimal_text, fixed};
use serde::Serialize;

pub use crate::reading::measure::Unit;

/// Why a recomputed value differs from the published one (or why there is none).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reason {
    pub code: &'static str,
    pub text: Text,
}

impl Reason {
    pub fn new(code: &'static str, en: impl Into<String>, ru: impl Into<String>) -> Reason {
        Reason {
            code,
            text: Text::new(en, ru),
        }
    }
}

/// A cell's state after the audit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Recomputed value equals the published one at the printed precision.
    Match,
    /// They differ; `reason` says why (or that no reading tried explains it).
    Differs,
    /// Nothing published: a recomputed figure only.
    Unpublished,
    /// Published, but the data cannot give this figure (e.g. countries before 2024).
    NotInData,
}

/// One value in a table.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Int(i64),
    Num(f64),
    Text(Text),
    Bool(bool),
    Null,
}

impl Status {
    pub fn is_unpublished(&self) -> bool {
        *self == Status::Unpublished
    }
}

impl Value {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Num(x) => Some(*x),
            _ => None,
        }
    }
}

/// A short transcribed remark on a published cell.
pub type Note = Text;

impl From<&CellNote> for Text {
    fn from(n: &CellNote) -> Text {
        Text::new(&n.en, &n.ru)
    }
}

/// The audit of a published cell: the printed figure, the difference, and why they differ.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Audit {
    pub published: Printed,
    /// recomputed − published, in the column's unit (ballots or percentage points).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<f64>,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
}

/// A table cell: the recomputed value and, where the paper printed one, its audit (boxed: most
/// cells have none, and tables stay small to build and to pass to the page).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    pub value: Value,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub audit: Option<Box<Audit>>,
    /// What the cell sums ("region:europe", "country:KZ", "pec:8096", "total").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// A share's numerator and denominator, in ballots, as it divides them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub of: Option<[f64; 2]>,
}

impl Cell {
    pub fn plain(value: Value) -> Cell {
        Cell {
            value,
            audit: None,
            scope: None,
            of: None,
        }
    }

    /// The share's numerator and denominator (nothing for a count or a missing base).
    pub fn with_parts(mut self, parts: Option<(f64, f64)>) -> Cell {
        self.of = parts
            .filter(|&(_, whole)| whole != 0.0)
            .map(|(p, w)| [p, w]);
        self
    }

    pub fn with_scope(mut self, scope: Option<String>) -> Cell {
        self.scope = scope;
        self
    }

    /// A text value in both languages.
    pub fn text(en: &str, ru: &str) -> Cell {
        Cell::plain(Value::Text(Text::new(en, ru)))
    }

    pub fn status(&self) -> Status {
        self.audit
            .as_ref()
            .map_or(Status::Unpublished, |a| a.status)
    }
    pub fn published(&self) -> Option<&Printed> {
        self.audit.as_ref().map(|a| &a.published)
    }
    pub fn reason(&self) -> Option<&Reason> {
        self.audit.as_ref().and_then(|a| a.reason.as_ref())
    }
    pub fn diff(&self) -> Option<f64> {
        self.audit.as_ref().and_then(|a| a.diff)
    }
    pub fn note(&self) -> Option<&Note> {
        self.audit.as_ref().and_then(|a| a.note.as_ref())
    }
}

/// Another way to compute a figure; if it reproduces the printed one, its reason stands. The
/// reason is written only if it is chosen.
pub struct Alternative<'a> {
    pub value: Option<f64>,
    pub reason: Box<dyn Fn() -> Reason + 'a>,
    /// What the alternative substitutes, the same at every place ("share:davankov/issued"), so
    /// the same substitute can be taken at another figure's place; None if it is tied to this one.
    pub key: Option<String>,
}

impl<'a> Alternative<'a> {
    pub fn new(value: Option<f64>, reason: impl Fn() -> Reason + 'a) -> Alternative<'a> {
        Alternative {
            value,
            reason: Box::new(reason),
            key: None,
        }
    }

    /// The alternative with what it substitutes named (see `key`).
    pub fn keyed(mut self, key: String) -> Alternative<'a> {
        self.key = Some(key);
        self
    }
}

/// Which other printed figures give a corrected value (and not the figure as printed), in
/// words; None if none does. A slip is accepted only with such a confirmation.
pub type Confirm<'c> = &'c dyn Fn(&Printed) -> Option<Text>;

/// No other printed figure bears on the cell: no slip can be confirmed.
pub fn unconfirmed(_: &Printed) -> Option<Text> {
    None
}

/// Audit one cell. `recomputed` and every alternative's value are raw (counts, fractions for
/// percentages, multiples); `fallback` explains a difference nothing else explains; `confirm`
/// names the printed figures that confirm a slip's correction.
pub fn audit_cell<'a>(
    unit: Unit,
    recomputed: Option<f64>,
    published: Option<&Printed>,
    note: Option<&CellNote>,
    alternatives: impl FnOnce() -> Vec<Alternative<'a>>,
    fallback: impl FnOnce() -> Option<Reason>,
    confirm: Confirm,
) -> Cell {
    // Boxed so the audit itself is compiled once, not once per call site (wasm size).
    audit(
        unit,
        recomputed,
        published,
        note,
        Box::new(alternatives),
        Box::new(fallback),
        confirm,
    )
}

type AltReason<'a> = Box<dyn Fn() -> Reason + 'a>;
type Alternatives<'f, 'a> = Box<dyn FnOnce() -> Vec<Alternative<'a>> + 'f>;
type Fallback<'f> = Box<dyn FnOnce() -> Option<Reason> + 'f>;

fn audit<'a>(
    unit: Unit,
    recomputed: Option<f64>,
    published: Option<&Printed>,
    note: Option<&CellNote>,
    alternatives: Alternatives<'_, 'a>,
    fallback: Fallback<'_>,
    confirm: Confirm,
) -> Cell {
    let value = match (recomputed, unit) {
        (None, _) => Value::Null,
        (Some(x), _) => match (unit, crate::text::numtext::exact_int(x)) {
            (Unit::Count, Some(n)) => Value::Int(n),
            _ => Value::Num(unit.from_raw(x)),
        },
    };
    let Some(published) = published else {
        return Cell::plain(value);
    };
    let shown = recomputed.map(|x| unit.from_raw(x));
    let (status, reason) = match shown {
        None => (Status::NotInData, fallback()),
        Some(x) if published.matches(x) => (Status::Match, None),
        Some(x) => {
            let alternatives = alternatives();
            let reason = explain(unit, x, published, &alternatives, confirm)
                .or_else(fallback)
                .or_else(|| {
                    Some(Reason::new(
                        "unexplained",
                        "No reading tried reproduces the printed figure.",
                        "Ни одно из проверенных прочтений не воспроизводит напечатанное число.",
                    ))
                });
            (Status::Differs, reason)
        }
    };
    Cell {
        audit: Some(Box::new(Audit {
            published: published.clone(),
            diff: shown.map(|x| x - published.value),
            status,
            reason,
            note: note.map(Text::from),
        })),
        ..Cell::plain(value)
    }
}

/// The first explanation of a difference: an alternative that reproduces the figure, then a
/// figure cut rather than rounded, then a confirmed slip (of the state's value, then of each
/// alternative's).
fn explain(
    unit: Unit,
    x: f64,
    published: &Printed,
    alternatives: &[Alternative],
    confirm: Confirm,
) -> Option<Reason> {
    let shown = |alt: &Alternative| alt.value.map(|v| unit.from_raw(v));
    if let Some(alt) = alternatives
        .iter()
        .find(|alt| shown(alt).is_some_and(|v| published.reproduced_by(v)))
    {
        return Some((alt.reason)());
    }
    // The state's own value first, then each alternative's, with the alternative's reason.
    let candidates = std::iter::once((Some(x), None)).chain(
        alternatives
            .iter()
            .map(|alt| (shown(alt), Some(&alt.reason))),
    );
    let with = |prefix: Option<&AltReason>, code: &'static str, en: String, ru: String| match prefix
        .map(|r| r())
    {
        Some(r) => Reason::new(
            code,
            format!("{} {en}", r.text.en),
            format!("{} {ru}", r.text.ru),
        ),
        None => Reason::new(code, en, ru),
    };
    if unit == Unit::Percent {
        for (v, prefix) in candidates.clone() {
            if let Some(v) = v.filter(|&v| published.matches_truncated(v)) {
                return Some(with(
                    prefix,
                    "truncated",
                    format!(
                        "The printed figure is {}% cut off rather than rounded.",
                        fixed(v, 3)
                    ),
                    format!(
                        "Напечатанное число — это {}%, усечённое, а не округлённое.",
                        crate::text::numtext::decimal_text(v, 3, crate::text::Lang::Ru)
                    ),
                ));
            }
        }
    }
    // "12 thousand" for 12 663: a count the text gives in whole thousands, cut rather than
    // rounded (as the paper writes 27 024 "27 thousand").
    if unit == Unit::Count {
        for (v, prefix) in candidates.clone() {
            if let Some(v) = v.filter(|&v| published.matches_cut_to_thousands(v)) {
                return Some(with(
                    prefix,
                    "truncated",
                    format!(
                        "The printed figure is {} cut to whole thousands rather than rounded.",
                        decimal_text(v, 0, Lang::En)
                    ),
                    format!(
                        "Напечатанное число — это {}, усечённое до целых тысяч, а не округлённое.",
                        decimal_text(v, 0, Lang::Ru)
                    ),
                ));
            }
        }
    }
    // Of every slip another figure confirms, the most precise correction (the state's value
    // before the alternatives' on a tie).
    let mut best: Option<(super::slips::Slip, Text, Option<&AltReason>)> = None;
    for (v, prefix) in candidates {
        let Some(v) = v else { continue };
        for slip in slips(published, v) {
            if best
                .as_ref()
                .is_some_and(|(b, _, _)| b.corrected.decimals >= slip.corrected.decimals)
            {
                continue;
            }
            if let Some(by) = confirm(&slip.corrected) {
                best = Some((slip, by, prefix));
            }
        }
    }
    if let Some((slip, by, prefix)) = best {
        let (kind_en, kind_ru) = slip.kind.words();
        let c = &slip.corrected;
        let (c_en, c_ru) = (
            decimal_text(c.value, c.decimals, Lang::En),
            decimal_text(c.value, c.decimals, Lang::Ru),
        );
        let p = &published.text;
        return Some(with(
            prefix,
            slip.kind.code(),
            format!(
                "The printed {p} is {c_en} {kind_en} (a typing slip): {}.",
                by.en
            ),
            format!(
                "Напечатанное {p} — это {c_ru} {kind_ru} (опечатка): {}.",
                by.ru
            ),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(t: &str) -> Printed {
        Printed::parse(t).unwrap()
    }

    #[test]
    fn a_match_has_no_reason() {
        let p = printed("72,25");
        let cell = audit_cell(
            Unit::Percent,
            Some(0.722507),
            Some(&p),
            None,
            Vec::new,
            || None,
            &unconfirmed,
        );
        assert_eq!(cell.status(), Status::Match);
        assert!(cell.reason().is_none());
        assert!((cell.diff().unwrap() - 0.0007).abs() < 1e-3);
    }

    #[test]
    fn the_first_reproducing_alternative_gives_the_reason() {
        let p = printed("16,65");
        let alternatives = || {
            vec![
                Alternative::new(Some(0.5), || Reason::new("wrong", "", "")),
                Alternative::new(Some(63388.0 / 380724.0), || {
                    Reason::new("other_base", "cast", "")
                }),
            ]
        };
        let cell = audit_cell(
            Unit::Percent,
            Some(63388.0 / 380961.0),
            Some(&p),
            None,
            alternatives,
            || None,
            &unconfirmed,
        );
        assert_eq!(cell.status(), Status::Differs);
        assert_eq!(cell.reason().unwrap().code, "other_base");
    }

    /// Confirms a corrected figure when it shows as `value` (the share printed next to it).
    fn confirmed_by(value: f64) -> impl Fn(&Printed) -> Option<Text> {
        move |c: &Printed| {
            c.matches(value)
                .then(|| Text::new("the share printed next to it", "доля рядом"))
        }
    }

    #[test]
    fn a_dropped_digit_is_recognised() {
        let p = printed("17 806");
        let cell = audit_cell(
            Unit::Count,
            Some(178506.0),
            Some(&p),
            None,
            Vec::new,
            || None,
            &confirmed_by(178506.0),
        );
        assert_eq!(cell.reason().unwrap().code, "dropped_digit");
        assert_eq!(cell.diff(), Some(160700.0));
    }

    #[test]
    fn a_dropped_decimal_digit_is_recognised_on_an_alternative() {
        let p = printed("85,2");
        let alternatives = || {
            vec![Alternative::new(Some(403306.0 / 474366.0), || {
                Reason::new("other_base", "Cast.", "Cast.")
            })]
        };
        let cell = audit_cell(
            Unit::Percent,
            Some(403306.0 / 474616.0),
            Some(&p),
            None,
            alternatives,
            || None,
            &confirmed_by(100.0 * 403306.0 / 474366.0),
        );
        let reason = cell.reason().unwrap();
        assert_eq!(reason.code, "dropped_digit");
        assert!(
            reason.text.en.starts_with("Cast.") && reason.text.en.contains("85.02"),
            "{}",
            reason.text.en
        );
    }

    #[test]
    fn nothing_reproducing_is_said_plainly() {
        let p = printed("232 502");
        let cell = audit_cell(
            Unit::Count,
            Some(232505.0),
            Some(&p),
            None,
            Vec::new,
            || None,
            &unconfirmed,
        );
        assert_eq!(cell.reason().unwrap().code, "unexplained");
    }
}
