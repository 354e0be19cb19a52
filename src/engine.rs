//! The one entry point the CLI and the page share: a loaded bundle, and what it computes.

use crate::aggregate::{self, Aggregate, Results, Wins};
use crate::bundle::{Bundle, BundleError};
use crate::chart::{self, Chart, ChartError};
use crate::export::{self, ExportError, ExportOptions, Format, Lang};
use crate::state::State;
use crate::tables::{self, Context, Table};
use serde::Serialize;
use std::collections::BTreeMap;

/// The headline figures of a state: what every redraw needs, without countries and PECs.
#[derive(Serialize)]
pub struct Summary<'a> {
    pub state: String,
    pub total: &'a Aggregate<'a>,
    pub regions: &'a [Aggregate<'a>],
    pub wins: Wins,
    /// The reading in plain words.
    pub description: String,
}

/// Everything one redraw of the page shows, computed from one set of results.
#[derive(Serialize)]
pub struct Page<'a> {
    pub summary: Summary<'a>,
    pub table: Table,
    pub charts: Vec<Chart>,
    /// Every claim's verdict under this reading.
    pub claims: Vec<ClaimOutcome<'a>>,
}

/// A claim's verdict under one reading.
#[derive(Serialize)]
pub struct ClaimOutcome<'a> {
    pub id: &'a str,
    #[serde(flatten)]
    pub outcome: crate::claims::Outcome,
}

/// A loaded bundle, ready to compute any state.
pub struct Engine {
    pub bundle: Bundle,
}

impl Engine {
    /// Load from the bundle files' text, keyed by file name.
    pub fn load(texts: &BTreeMap<String, String>) -> Result<Engine, BundleError> {
        Ok(Engine {
            bundle: Bundle::from_texts(texts)?,
        })
    }

    /// Every aggregate for one state.
    pub fn compute(&self, state: &State) -> Results<'_> {
        aggregate::compute(&self.bundle, state)
    }

    /// One table, or every table when `id` is None; an unknown id is an error naming the ids.
    pub fn tables(&self, state: &State, id: Option<&str>) -> Result<Vec<Table>, ExportError> {
        let ctx = Context::new(&self.bundle, *state);
        match id {
            None => Ok(tables::build_all(&ctx)),
            Some(id) => tables::build(&ctx, id)
                .map(|t| vec![t])
                .ok_or_else(|| ExportError::UnknownTable(id.to_string())),
        }
    }

    /// What the page shows for a state: the summary, one table, every chart; the aggregates are
    /// computed once for all of them.
    pub fn page<'a>(
        &'a self,
        ctx: &'a Context<'a>,
        table: &str,
        lang: Lang,
    ) -> Result<Page<'a>, String> {
        let table = tables::build(ctx, table)
            .ok_or_else(|| ExportError::UnknownTable(table.to_string()).to_string())?;
        let table1 = tables::build(ctx, "1").expect("table 1 exists");
        let charts = chart::CHART_KINDS
            .iter()
            .map(|kind| chart::draw(kind, &ctx.current, Some(&table1), lang))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;
        Ok(Page {
            summary: Summary {
                state: ctx.current.state.clone(),
                total: &ctx.current.total,
                regions: &ctx.current.regions,
                wins: ctx.current.wins,
                description: ctx.state.describe(lang),
            },
            table,
            charts,
            claims: self
                .bundle
                .claims
                .iter()
                .map(|c| ClaimOutcome {
                    id: &c.spec.id,
                    outcome: crate::claims::evaluate(c, &ctx.current),
                })
                .collect(),
        })
    }

    /// A table-building context for a state (aggregates for it and for the paper's reading).
    pub fn context(&self, state: &State) -> Context<'_> {
        Context::new(&self.bundle, *state)
    }

    /// Every claim's outcome under one reading.
    pub fn claims(&self, state: &State) -> Vec<ClaimOutcome<'_>> {
        let results = self.compute(state);
        self.bundle
            .claims
            .iter()
            .map(|c| ClaimOutcome {
                id: &c.spec.id,
                outcome: crate::claims::evaluate(c, &results),
            })
            .collect()
    }

    /// One chart as SVG.
    pub fn chart(&self, state: &State, kind: &str, lang: Lang) -> Result<Chart, ChartError> {
        let results = self.compute(state);
        let table1 = if kind == "history" {
            let ctx = Context::new(&self.bundle, *state);
            tables::build(&ctx, "1")
        } else {
            None
        };
        chart::draw(kind, &results, table1.as_ref(), lang)
    }

    /// One table written as CSV, JSON or Markdown.
    pub fn export(
        &self,
        state: &State,
        id: &str,
        format: Format,
        options: &ExportOptions,
    ) -> Result<String, ExportError> {
        let table = self.tables(state, Some(id))?.remove(0);
        export::write(&table, state, format, &self.bundle, options)
    }
}
