//! The only wasm-bindgen code: values in with serde-wasm-bindgen, into the core, values out.
//! Errors become JS errors carrying the engine's message. No logic of its own.

use crate::engine::Engine;
use crate::export::{self, ExportOptions, Format, Lang};
use crate::state::State;
use serde::Serialize;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            JsError::new(&format!(
                "internal: could not pass a result to the page: {e}"
            ))
        })
}

fn error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// Every problem of a query, as one JS error.
fn errors(list: Vec<crate::state::StateError>) -> JsError {
    error(
        list.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; "),
    )
}

fn strict_state(query: &str) -> Result<State, JsError> {
    State::from_query(query).map_err(errors)
}

fn lang(text: &str) -> Result<Lang, JsError> {
    Lang::parse(text).ok_or_else(|| error(format!("unknown language \"{text}\"; allowed: en | ru")))
}

/// One PEC a cell sums, for the "which PECs" panel.
#[derive(Serialize)]
struct Member<'a> {
    pec: u32,
    country_en: &'a str,
    country_ru: &'a str,
    city_en: &'a str,
    city_ru: &'a str,
    evidence: &'static str,
    note: &'a str,
    issued: i64,
}

/// The bundle, loaded once; every method computes from it.
#[wasm_bindgen]
pub struct Handle {
    engine: Engine,
    /// The last sweep, for its charts, flips and downloads.
    sweep: std::cell::RefCell<Option<crate::sweep::Sweep>>,
}

#[wasm_bindgen]
impl Handle {
    /// Load the bundle from `{file name: text}` (the files of `bundleFiles()`).
    #[wasm_bindgen(constructor)]
    pub fn new(files: JsValue) -> Result<Handle, JsError> {
        let texts: BTreeMap<String, String> =
            serde_wasm_bindgen::from_value(files).map_err(|e| {
                error(format!(
                    "the bundle files must be a {{name: text}} object: {e}"
                ))
            })?;
        let engine = Engine::load(&texts).map_err(error)?;
        Ok(Handle {
            engine,
            sweep: std::cell::RefCell::new(None),
        })
    }

    /// Every aggregate for a state (the shape of `reweigh compute`).
    pub fn compute(&self, state: &str) -> Result<JsValue, JsError> {
        to_js(&self.engine.compute(&strict_state(state)?))
    }

    /// What one redraw shows: `{summary, table, charts}`, from one computation.
    pub fn page(&self, state: &str, table: &str, language: &str) -> Result<JsValue, JsError> {
        let ctx = self.engine.context(&strict_state(state)?);
        to_js(
            &self
                .engine
                .page(&ctx, table, lang(language)?)
                .map_err(error)?,
        )
    }

    /// One table (or all, when `table` is empty).
    pub fn tables(&self, state: &str, table: &str) -> Result<JsValue, JsError> {
        let id = (!table.is_empty()).then_some(table);
        to_js(
            &self
                .engine
                .tables(&strict_state(state)?, id)
                .map_err(error)?,
        )
    }

    /// A table as CSV / JSON / Markdown text. `rows`: the row ids to keep, in order (empty: all).
    pub fn export(
        &self,
        state: &str,
        table: &str,
        format: &str,
        language: &str,
        rows: Vec<String>,
        generated: &str,
    ) -> Result<String, JsError> {
        let format = Format::parse(format).ok_or_else(|| {
            error(format!(
                "unknown format \"{format}\"; allowed: csv | json | md"
            ))
        })?;
        let options = ExportOptions {
            lang: lang(language)?,
            rows: (!rows.is_empty()).then_some(rows),
            generated: generated.to_string(),
            bom: format == Format::Csv,
        };
        self.engine
            .export(&strict_state(state)?, table, format, &options)
            .map_err(error)
    }

    /// One chart: `{kind, svg, description}`.
    pub fn chart(&self, state: &str, kind: &str, language: &str) -> Result<JsValue, JsError> {
        to_js(
            &self
                .engine
                .chart(&strict_state(state)?, kind, lang(language)?)
                .map_err(error)?,
        )
    }

    /// The PECs a scope sums ("region:europe", "country:KZ", "pec:8096", "total") under a state.
    pub fn members(&self, state: &str, scope: &str) -> Result<JsValue, JsError> {
        let results = self.engine.compute(&strict_state(state)?);
        let indices = crate::tables::members_of(&results, scope)
            .ok_or_else(|| error(format!("nothing is summed under \"{scope}\"")))?;
        let list: Vec<Member> = indices
            .iter()
            .map(|&i| {
                let pec = &self.engine.bundle.pecs[i];
                let l = &pec.location;
                Member {
                    pec: pec.pec,
                    country_en: &l.country_en,
                    country_ru: &l.country_ru,
                    city_en: &l.city_en,
                    city_ru: &l.city_ru,
                    evidence: l.evidence.id(),
                    note: &l.note,
                    issued: pec.protocol.issued(),
                }
            })
            .collect();
        to_js(&list)
    }

    /// Every claim's verdict under one reading: `[{id, verdict, value}]`.
    pub fn claims(&self, state: &str) -> Result<JsValue, JsError> {
        to_js(&self.engine.claims(&strict_state(state)?))
    }

    /// Run the robustness map over a grid (`""`: the default grid); returns the report.
    pub fn sweep(&self, grid: &str) -> Result<JsValue, JsError> {
        let grid = crate::sweep::Grid::parse(grid).map_err(errors)?;
        let sweep = crate::sweep::run(&self.engine.bundle, &grid);
        let report = to_js(&crate::sweep::Report::of(&sweep));
        *self.sweep.borrow_mut() = Some(sweep);
        report
    }

    /// The last sweep as CSV / JSON / Markdown, with its grid.
    #[wasm_bindgen(js_name = sweepExport)]
    pub fn sweep_export(&self, format: &str, generated: &str) -> Result<String, JsError> {
        let format = Format::parse(format).ok_or_else(|| {
            error(format!(
                "unknown format \"{format}\"; allowed: csv | json | md"
            ))
        })?;
        let sweep = self.sweep.borrow();
        let sweep = sweep
            .as_ref()
            .ok_or_else(|| error("no sweep has run yet"))?;
        Ok(export::sweep_text(sweep, format, generated))
    }

    /// A claim's verdict over the two assumptions it hinges on most, with `state` marked.
    #[wasm_bindgen(js_name = sweepChart)]
    pub fn sweep_chart(
        &self,
        claim: &str,
        state: &str,
        language: &str,
    ) -> Result<JsValue, JsError> {
        let sweep = self.sweep.borrow();
        let sweep = sweep
            .as_ref()
            .ok_or_else(|| error("no sweep has run yet"))?;
        to_js(
            &crate::chart::robustness(sweep, claim, &strict_state(state)?, lang(language)?)
                .map_err(error)?,
        )
    }

    /// The grid reading nearest `state` where the claim's verdict differs from its verdict there.
    #[wasm_bindgen(js_name = sweepFlip)]
    pub fn sweep_flip(&self, claim: &str, state: &str) -> Result<String, JsError> {
        let sweep = self.sweep.borrow();
        let sweep = sweep
            .as_ref()
            .ok_or_else(|| error("no sweep has run yet"))?;
        let state = strict_state(state)?;
        crate::sweep::flip(&self.engine, sweep, claim, &state).map_err(error)
    }

    /// Provenance for the sources panel: the manifest and the paper's record.
    pub fn provenance(&self) -> Result<JsValue, JsError> {
        #[derive(Serialize)]
        struct Provenance<'a> {
            manifest: &'a crate::bundle::Manifest,
            paper: &'a crate::published::PaperInfo,
            russia_sources: &'a BTreeMap<String, String>,
            published_cells: usize,
            text_figures: usize,
        }
        let b = &self.engine.bundle;
        to_js(&Provenance {
            manifest: &b.manifest,
            paper: &b.paper.file.paper,
            russia_sources: &b.russia.sources,
            published_cells: b
                .paper
                .cells
                .values()
                .flat_map(|rows| rows.values())
                .map(|cols| cols.len())
                .sum(),
            text_figures: b.paper.text.len(),
        })
    }
}

/// The bundle's file names, as the page fetches them from data/.
#[wasm_bindgen(js_name = bundleFiles)]
pub fn bundle_files() -> Vec<String> {
    crate::BUNDLE_FILES.iter().map(|s| s.to_string()).collect()
}

/// The assumption vocabulary, to build the controls from.
#[wasm_bindgen]
pub fn vocabulary() -> Result<JsValue, JsError> {
    to_js(&crate::state::vocabulary())
}

/// Read a URL hash: `{state, view, errors, canonical}`; each bad key falls back alone.
#[wasm_bindgen(js_name = parseHash)]
pub fn parse_hash(hash: &str) -> Result<JsValue, JsError> {
    to_js(&crate::view::parse_hash(hash))
}

/// A download's file name, from the table id only.
#[wasm_bindgen(js_name = fileName)]
pub fn file_name(table: &str, format: &str) -> Result<String, JsError> {
    let format =
        Format::parse(format).ok_or_else(|| error(format!("unknown format \"{format}\"")))?;
    Ok(export::file_name(table, format))
}

/// `reweigh-<stem>.<ext>` with only safe characters of the stem (chart and claim downloads).
#[wasm_bindgen(js_name = safeFileName)]
pub fn safe_file_name(stem: &str, ext: &str) -> String {
    export::safe_file_name(stem, ext)
}
