//! The paper's tables rebuilt from the aggregates, with honest labels, each published cell
//! audited (see `audit`). Tables never sum protocols themselves: they read `aggregate`.

use super::audit::{Alternative, Cell, Reason, Status, Unit, Value, audit_cell, unconfirmed};
use super::layout::*;
use super::published::Printed;
use super::study::Study;
use crate::data::files::CellNote;
use crate::data::model::{Candidate, PAPER_REGIONS, UNASSIGNED};
use crate::reading::aggregate::{self, Aggregate, Component, Results, Sums, share};
use crate::reading::scope::Quantity;
use crate::reading::state::{Base, RegionScheme, State};
use crate::text::Text;
use serde::Serialize;

mod compare;
mod places;
mod readings;
mod reasons;
mod sentence;
mod table1;
mod table2;
mod table3;
mod table4;
mod text;

pub use compare::abroad_rank;

pub use super::layout::{AUDITED_TABLES, TABLE_IDS};
use places::places_table;
use reasons::*;
use table1::table1;
pub use table1::{WinnerShare, winner_shares};
use table2::*;
use table3::*;
use table4::table4;
pub use text::evidence_text;
use text::text_table;

/// A column of a table.
#[derive(Clone, Debug, Serialize)]
pub struct Column {
    pub id: String,
    pub label: Text,
    pub unit: ColumnUnit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnUnit {
    Count,
    Percent,
    Text,
    Flag,
    /// Each row says its own unit (rows mixing counts and percentages).
    Mixed,
}

/// A row of a table.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub id: String,
    pub label: Text,
    /// The row's unit where the columns mix them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// What the whole row sums, where a row is one place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Drill-down keys the row matches ("region:europe", "country:KZ").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<String>,
    pub cells: Vec<Cell>,
}

/// A rebuilt table.
#[derive(Clone, Debug, Serialize)]
pub struct Table {
    pub id: String,
    pub title: Text,
    /// Where the paper prints it ("Table 3"), if it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_in: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// The heading of the rows' names, for a table whose rows are named by their label alone
    /// (no text column of their own): the page's first heading and the spreadsheets' first
    /// column. Not in the JSON, whose rows carry their labels.
    #[serde(skip)]
    pub row_header: Option<Text>,
    pub notes: Vec<Text>,
    /// How many published cells match, differ, or cannot be computed.
    pub audit: AuditSummary,
}

impl Table {
    /// Counts of audited cells by status, and of the cells that differ (or cannot be
    /// computed) by reason.
    pub fn audit_summary(&self) -> AuditSummary {
        let mut s = AuditSummary::default();
        for cell in self.rows.iter().flat_map(|r| &r.cells) {
            match cell.status() {
                Status::Match => s.matches += 1,
                Status::Differs => s.differs += 1,
                Status::NotInData => s.not_in_data += 1,
                Status::Unpublished => {}
            }
            if let Some(reason) = cell.reason() {
                match s.reasons.iter_mut().find(|r| r.code == reason.code) {
                    Some(r) => r.count += 1,
                    None => s.reasons.push(ReasonCount {
                        code: reason.code,
                        count: 1,
                    }),
                }
            }
        }
        // Most frequent first; an explanation its own sentence contradicts, then "unexplained",
        // last, beside each other, where a reader looks for what is not settled.
        let rank = |code: &str| match code {
            "unexplained" => 2,
            "other_quantity_contradicted" => 1,
            _ => 0,
        };
        crate::text::order::sort_by(&mut s.reasons, |a, b| {
            (rank(a.code), b.count, a.code).cmp(&(rank(b.code), a.count, b.code))
        });
        s
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AuditSummary {
    pub matches: u32,
    pub differs: u32,
    pub not_in_data: u32,
    /// Cells that differ or cannot be computed, by reason code.
    pub reasons: Vec<ReasonCount>,
}

/// How many cells a reason explains.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReasonCount {
    pub code: &'static str,
    pub count: u32,
}

/// Notes in both languages, given as two lists of the same length.
fn notes(en: Vec<String>, ru: Vec<String>) -> Vec<Text> {
    en.into_iter()
        .zip(ru)
        .map(|(en, ru)| Text::new(en, ru))
        .collect()
}

fn column(id: &str, en: &str, ru: &str, unit: ColumnUnit) -> Column {
    Column {
        id: id.to_string(),
        label: Text::new(en, ru),
        unit,
    }
}

/// What a table build needs: the study, the state's results, and the paper's reading's.
pub struct Context<'a> {
    pub study: &'a Study,
    pub state: State,
    pub current: Results,
}

impl<'a> Context<'a> {
    pub fn new(study: &'a Study, state: State) -> Context<'a> {
        Context {
            study,
            state,
            current: aggregate::compute(&study.data, &state),
        }
    }

    /// The results under the paper's own reading (computed once, in the study).
    pub fn paper(&self) -> &'a Results {
        &self.study.paper_results
    }

    fn published(&self, table: &str, row: &str, col: &str) -> Option<&'a Printed> {
        self.study.paper.cell(table, row, col)
    }

    fn note(&self, table: &str, row: &str, col: &str) -> Option<&'a CellNote> {
        self.study.paper.note(table, row, col)
    }

    /// "Under the paper's own reading it reproduces the figure": offered whenever the state differs.
    fn reading_alternative(&self, value: Option<f64>) -> Option<Alternative<'_>> {
        (!self.state.is_paper()).then(|| {
            Alternative::new(value, move || {
                let changed = crate::reading::keys::KEYS
                    .iter()
                    .filter(|k| (k.get)(&self.state) != k.paper())
                    .map(|k| {
                        let (label, value) = (k.label(), k.words((k.get)(&self.state)));
                        Text::new(
                            format!("{}: {}", label.en, value.en),
                            format!("{}: {}", label.ru, value.ru),
                        )
                    })
                    .collect::<Vec<_>>();
                let list = |l: crate::text::Lang| {
                    changed
                        .iter()
                        .map(|t| t.get(l).to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                Reason::new(
                    "reading",
                    format!(
                        "Differs because of this reading ({}); the paper’s own assumptions reproduce it.",
                        list(crate::text::Lang::En)
                    ),
                    format!(
                        "Отличие вызвано выбранным прочтением ({}); при допущениях статьи число воспроизводится.",
                        list(crate::text::Lang::Ru)
                    ),
                )
            })
        })
    }
}

/// Build one table by id, or None for an unknown id.
pub fn build(ctx: &Context, id: &str) -> Option<Table> {
    let mut table = match id {
        "1" => table1(ctx),
        "2" => table2(ctx),
        "3" => table3(ctx),
        "4" => table4(ctx),
        "text" => text_table(ctx),
        "russia" => compare::compare_table(ctx),
        "countries" => places_table(ctx, false),
        "pecs" => places_table(ctx, true),
        _ => return None,
    };
    table.audit = table.audit_summary();
    table.notes.extend(anomaly_notes(ctx, id));
    Some(table)
}

/// A note for each anomaly of the official data the bundle accepts whose numbers this table
/// sums (Table 1 sums every year, the others 2024): never silently absorbed.
fn anomaly_notes(ctx: &Context, id: &str) -> Vec<Text> {
    let current = crate::data::model::CURRENT_YEAR;
    ctx.study
        .data
        .manifest
        .failures
        .iter()
        .filter(|f| id == "1" || f.year == current)
        .map(|f| {
            Text::new(
                format!(
                    "Includes {} PEC {}, whose protocol breaks the control relation `{}` ({}): an anomaly of the official data the bundle accepts; its numbers are summed as published.",
                    f.year, f.pec, f.relation, f.breach_text().en
                ),
                format!(
                    "Включает УИК {} ({} год), чей протокол нарушает контрольное соотношение `{}` ({}): аномалию официальных данных, принятую набором данных; его числа суммируются как опубликовано.",
                    f.pec, f.year, f.relation, f.breach_text().ru
                ),
            )
        })
        .collect()
}

pub fn build_all(ctx: &Context) -> Vec<Table> {
    TABLE_IDS.iter().filter_map(|id| build(ctx, id)).collect()
}

fn num_value(x: f64) -> Value {
    match crate::text::numtext::exact_int(x) {
        Some(n) => Value::Int(n),
        None => Value::Num(x),
    }
}

/// The PECs a scope sums under a state's results ("region:europe", "country:KZ", "pec:8096",
/// "countries:EE,LV", "total"); None if the scope names nothing here.
pub fn members_of(results: &Results, scope: &str) -> Option<Vec<usize>> {
    let find =
        |list: &[Aggregate], id: &str| list.iter().find(|a| a.id == id).map(|a| a.members.clone());
    match scope.split_once(':') {
        None if scope == "total" => Some(results.total.members.clone()),
        Some(("region", id)) => find(&results.regions, id),
        Some(("country", id)) => find(&results.countries, id),
        Some(("countries", ids)) => {
            let mut all = Vec::new();
            for id in ids.split(',') {
                all.extend(find(&results.countries, id)?);
            }
            Some(all)
        }
        Some(("pec", n)) => find(&results.pecs, n),
        _ => None,
    }
}
