//! The win margins of a level's places along each weight, shared by the tipping points of every
//! claim over the same places within one `tipping` call.

use super::{Line, W_MAX, with_weight};
use crate::paper::claims::Level;
use crate::reading::aggregate::Aggregate;
use crate::reading::state::State;

/// The win margins of a level's places (within a region) along one weight, for one reading:
/// found once for every claim over those places (`Places::stretches`).
#[derive(Default)]
pub(super) struct Margins<'c> {
    found: Vec<(Level, &'c Option<String>, usize, MarginLines)>,
}

pub(super) struct MarginLines {
    /// Per place of the list: its win margin along the weight.
    pub(super) lines: Vec<Line>,
    /// (point, place) where a margin's sign turns, in order.
    pub(super) events: Vec<(i64, usize)>,
}

impl<'c> Margins<'c> {
    /// For (level, region, weight key): `list` must be `claims::places(level, within, …)` of
    /// the reading `s`.
    pub(super) fn of(
        &mut self,
        level: Level,
        within: &'c Option<String>,
        key: usize,
        list: &[&Aggregate],
        s: &State,
    ) -> &MarginLines {
        let known = self
            .found
            .iter()
            .position(|(l, w, k, _)| *l == level && *w == within && *k == key);
        let at = match known {
            Some(at) => at,
            None => {
                let at0 = with_weight(s, key, 0);
                let at1 = with_weight(s, key, W_MAX);
                let lines: Vec<Line> = list
                    .iter()
                    .map(|a| {
                        Line::through(
                            a.sums.win_margin(&at0).into(),
                            a.sums.win_margin(&at1).into(),
                        )
                    })
                    .collect();
                let mut events: Vec<(i64, usize)> = Vec::new();
                let mut points = Vec::new();
                for (i, m) in lines.iter().enumerate() {
                    points.clear();
                    m.sign_changes(&mut points);
                    events.extend(points.iter().map(|&p| (p, i)));
                }
                events.sort_unstable();
                self.found
                    .push((level, within, key, MarginLines { lines, events }));
                self.found.len() - 1
            }
        };
        &self.found[at].3
    }
}
