//! The specification curve of one claim (as in specr or Boba): its number under every reading of
//! the grid, sorted, with the assumption choices of each reading beneath. A grid holds far more
//! readings than a chart has pixels, so the sorted readings are cut into columns of equal size;
//! each column keeps the lowest and highest number, how many readings hold, and per choice the
//! share of its readings making that choice (per weight: the mean weight).

use super::sweep::{self, Grid};
use crate::paper::claims::{self, Outcome, Verdict};
use crate::paper::study::Study;
use crate::reading::aggregate;
use crate::reading::keys::{KEYS, KeyKind};
use crate::reading::query::parse_value;
use crate::reading::state::State;

/// How many columns a curve is cut into (at most).
pub const COLUMNS: usize = 240;

/// One column of sorted readings.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Positions in the sorted order: [first, end).
    pub first: usize,
    pub end: usize,
    pub min: f64,
    pub max: f64,
    pub holds: u32,
    pub off_last_digit: u32,
    pub fails: u32,
}

/// One row of the choice panel: a weight (its mean per column) or one value of a choice (the
/// share of the column's readings making it).
#[derive(Clone, Debug, PartialEq)]
pub struct PanelRow {
    /// The key's index in the registry.
    pub key: usize,
    /// The choice's value as the grid writes it; None for a weight's mean.
    pub value: Option<String>,
    /// Per column, 0..=1.
    pub shade: Vec<f64>,
}

/// A reading marked on the curve: where it falls in the sorted order, and its outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub position: usize,
    pub value: f64,
    pub verdict: Verdict,
}

/// A claim's specification curve.
#[derive(Clone, Debug)]
pub struct Curve {
    pub claim: usize,
    /// Readings with a number (the claim applies there).
    pub readings: usize,
    /// Readings sorted by number (ties by grid order): (number, verdict, grid index).
    pub sorted: Vec<(f64, Verdict, usize)>,
    pub columns: Vec<Column>,
    pub panel: Vec<PanelRow>,
    /// The printed figure or threshold.
    pub target: Option<f64>,
    pub paper: Option<Mark>,
    pub current: Option<Mark>,
}

/// Where a number falls among the sorted ones (the first position not below it).
fn position_of(sorted: &[(f64, Verdict, usize)], value: f64) -> usize {
    sorted.partition_point(|(v, _, _)| *v < value)
}

/// The curve of claim `claim` over `grid`, with the paper's reading and `current` marked.
/// None when the claim has no number (a ranking) or applies nowhere on the grid.
pub fn curve(study: &Study, grid: &Grid, claim: usize, current: &State) -> Option<Curve> {
    let outcomes = sweep::outcomes(study, grid, claim);
    let mut sorted: Vec<(f64, Verdict, usize)> = outcomes
        .iter()
        .enumerate()
        .filter_map(|(i, o)| Some((o.value?, o.verdict, i)))
        .filter(|(_, v, _)| *v != Verdict::NotApplicable)
        .collect();
    if sorted.is_empty() {
        return None;
    }
    crate::text::order::sort_by(&mut sorted, |a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
    let n = sorted.len();
    let count = COLUMNS.min(n);
    let bounds: Vec<(usize, usize)> = (0..count)
        .map(|j| (j * n / count, (j + 1) * n / count))
        .collect();
    let columns = bounds
        .iter()
        .map(|&(first, end)| {
            let part = &sorted[first..end];
            let tally = |v: Verdict| part.iter().filter(|x| x.1 == v).count() as u32;
            Column {
                first,
                end,
                min: part.first().map_or(0.0, |x| x.0),
                max: part.last().map_or(0.0, |x| x.0),
                holds: tally(Verdict::Holds),
                off_last_digit: tally(Verdict::OffLastDigit),
                fails: tally(Verdict::Fails),
            }
        })
        .collect();
    let mut panel = Vec::new();
    for (k, (_, values)) in grid.keys.iter().enumerate() {
        if values.len() < 2 {
            continue;
        }
        let typed: Vec<f64> = values
            .iter()
            .map(|v| match parse_value(&KEYS[k], v) {
                Ok(crate::reading::keys::KeyValue::Weight(w)) => w.as_f64(),
                _ => 0.0,
            })
            .collect();
        let stride = grid.stride(k);
        let radix = values.len();
        let digit = |index: usize| (index / stride) % radix;
        if matches!(KEYS[k].kind, KeyKind::Weight) {
            let shade = bounds
                .iter()
                .map(|&(first, end)| {
                    let total: f64 = sorted[first..end].iter().map(|x| typed[digit(x.2)]).sum();
                    total / (end - first) as f64
                })
                .collect();
            panel.push(PanelRow {
                key: k,
                value: None,
                shade,
            });
        } else {
            for (d, value) in values.iter().enumerate() {
                let shade = bounds
                    .iter()
                    .map(|&(first, end)| {
                        let hits = sorted[first..end]
                            .iter()
                            .filter(|x| digit(x.2) == d)
                            .count();
                        hits as f64 / (end - first) as f64
                    })
                    .collect();
                panel.push(PanelRow {
                    key: k,
                    value: Some(value.clone()),
                    shade,
                });
            }
        }
    }
    let mark = |state: &State| -> Option<Mark> {
        let results = aggregate::compute(&study.data, state);
        let Outcome { verdict, value } = claims::evaluate(&study.claims[claim], &results);
        let value = value.filter(|_| verdict != Verdict::NotApplicable)?;
        // A reading of the grid is found at its own place; another where its number falls.
        let position = grid
            .index_of(state)
            .and_then(|i| sorted.iter().position(|x| x.2 == i))
            .unwrap_or_else(|| position_of(&sorted, value));
        Some(Mark {
            position,
            value,
            verdict,
        })
    };
    Some(Curve {
        claim,
        readings: n,
        target: study.claims[claim].target(),
        paper: mark(&State::paper()),
        current: mark(current),
        sorted,
        columns,
        panel,
    })
}
