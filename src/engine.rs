//! The one entry point the CLI and the page share: a loaded bundle, and what it computes.

use crate::aggregate::{self, Results};
use crate::bundle::{Bundle, BundleError};
use crate::chart::{self, Chart, ChartError};
use crate::export::{self, ExportError, ExportOptions, Format, Lang};
use crate::state::State;
use crate::tables::{self, Context, Table};
use std::collections::BTreeMap;

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
