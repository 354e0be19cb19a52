//! The only wasm-bindgen code: values in with serde-wasm-bindgen, into the core, values out.
//! Errors become JS errors carrying the engine's message.

use crate::engine::Engine;
use crate::export::{ExportOptions, Format, Lang};
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

fn strict_state(query: &str) -> Result<State, JsError> {
    State::from_query(query).map_err(|errors| {
        JsError::new(
            &errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}

/// The bundle, loaded once; every method computes from it.
#[wasm_bindgen]
pub struct Handle {
    engine: Engine,
}

#[wasm_bindgen]
impl Handle {
    /// Load the bundle from `{file name: text}` (the files of `bundleFiles()`).
    #[wasm_bindgen(constructor)]
    pub fn new(files: JsValue) -> Result<Handle, JsError> {
        let texts: BTreeMap<String, String> =
            serde_wasm_bindgen::from_value(files).map_err(|e| {
                JsError::new(&format!(
                    "the bundle files must be a {{name: text}} object: {e}"
                ))
            })?;
        let engine = Engine::load(&texts).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Handle { engine })
    }

    /// Every aggregate for a state (the shape of `reweigh compute`).
    pub fn compute(&self, state: &str) -> Result<JsValue, JsError> {
        to_js(&self.engine.compute(&strict_state(state)?))
    }

    /// One table (or all, when `table` is empty).
    pub fn tables(&self, state: &str, table: &str) -> Result<JsValue, JsError> {
        let id = (!table.is_empty()).then_some(table);
        let tables = self
            .engine
            .tables(&strict_state(state)?, id)
            .map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&tables)
    }

    /// A table as CSV / JSON / Markdown text. `rows`: the row ids to keep, in order (empty: all).
    pub fn export(
        &self,
        state: &str,
        table: &str,
        format: &str,
        lang: &str,
        rows: Vec<String>,
        generated: &str,
    ) -> Result<String, JsError> {
        let format = Format::parse(format).ok_or_else(|| {
            JsError::new(&format!(
                "unknown format \"{format}\"; allowed: csv | json | md"
            ))
        })?;
        let lang = Lang::parse(lang).ok_or_else(|| {
            JsError::new(&format!("unknown language \"{lang}\"; allowed: en | ru"))
        })?;
        let options = ExportOptions {
            lang,
            rows: (!rows.is_empty()).then_some(rows),
            generated: generated.to_string(),
            bom: format == Format::Csv,
        };
        self.engine
            .export(&strict_state(state)?, table, format, &options)
            .map_err(|e| JsError::new(&e.to_string()))
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
