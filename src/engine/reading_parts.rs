//! What a page shows that depends on the reading alone (the state, the pinned reading and the
//! language), not on the view (tab, sort, search, drill-down, claim): the controls with their
//! tipping marks, the description, the headline, the charts, the claims and the map. A change of
//! view keeps the reading, so the last reading's parts are kept and taken again (a change of tab
//! had computed every claim's tipping points, the charts' SVG and the map's figures anew).

use super::Engine;
use super::claims_view::{ClaimVerdict, tick_values};
use super::map_view::{MapView, map_view};
use super::page::{ControlView, Headline, biggest_change, controls, headline};
use super::panels::{ChartView, chart_views};
use super::pin::pinned_figures;
use crate::analysis::tipping::tipping_judged;
use crate::output::words::describe;
use crate::paper::tables::{self, Context};
use crate::reading::state::State;
use crate::text::Lang;
use std::sync::Mutex;

/// The reading's parts of a page.
#[derive(Clone)]
pub struct ReadingParts {
    pub controls: Vec<ControlView>,
    pub description: String,
    pub headline: Headline,
    pub charts: Vec<ChartView>,
    pub claims: Vec<ClaimVerdict>,
    pub map: MapView,
}

/// Everything the parts depend on.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    state: State,
    pinned: Option<State>,
    lang: Lang,
}

/// The last reading's parts (one entry: a page redraws one reading at a time).
#[derive(Default)]
pub struct ReadingMemo(Mutex<Option<(Key, ReadingParts)>>);

impl Engine {
    /// The reading's parts of a page: `ctx` is the reading's context, `pinned` the pinned
    /// reading's.
    pub(super) fn reading_parts(
        &self,
        ctx: &Context,
        pinned: Option<&Context>,
        lang: Lang,
    ) -> Result<ReadingParts, super::EngineError> {
        let key = Key {
            state: ctx.state,
            pinned: pinned.map(|p| p.state),
            lang,
        };
        let memo = &self.reading_memo.0;
        if let Some((k, parts)) = memo.lock().expect("no panic holds the memo").as_ref()
            && *k == key
        {
            return Ok(parts.clone());
        }
        let parts = self.compute_reading_parts(ctx, pinned, lang)?;
        *memo.lock().expect("no panic holds the memo") = Some((key, parts.clone()));
        Ok(parts)
    }

    fn compute_reading_parts(
        &self,
        ctx: &Context,
        pinned: Option<&Context>,
        lang: Lang,
    ) -> Result<ReadingParts, super::EngineError> {
        let state = ctx.state;
        let charts = chart_views(&ctx.current, &tables::winner_shares(ctx), lang)?;
        // Each claim judged once under the reading: for its tipping points and its verdict.
        let outcomes = crate::paper::claims::evaluate_all(&self.study().claims, &ctx.current);
        let tipping = tipping_judged(&self.study().claims, &ctx.current, &outcomes);
        let mut headline = headline(&ctx.current, ctx.paper(), &state, lang);
        if let Some(p) = pinned {
            for (id, value, diff) in pinned_figures(&ctx.current, &p.current, lang) {
                if let Some(f) = headline.figures.iter_mut().find(|f| f.id == id) {
                    f.pinned = Some(value);
                    f.pinned_diff = diff;
                }
            }
        }
        headline.biggest = biggest_change(&self.study().data, &state, lang);
        Ok(ReadingParts {
            controls: controls(&state, &tick_values(&tipping), lang),
            description: describe(&state, lang),
            headline,
            charts,
            claims: self.claim_verdicts(
                &ctx.current,
                &outcomes,
                pinned.map(|p| &p.current),
                &tipping,
                lang,
            ),
            map: map_view(&ctx.current, lang),
        })
    }
}
