//! The only wasm-bindgen code: every method is values in (serde-wasm-bindgen) → the engine →
//! values out (JSON text, parsed by the browser's `JSON.parse` in one call: measured faster for
//! the page's large results than building the objects field by field across the boundary).
//! Errors become JS errors carrying the engine's message in the page's language.

use crate::engine::{self, Engine, EngineError};
use crate::text::Lang;
use serde::Serialize;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

pub(super) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let internal = |e: &dyn std::fmt::Display| {
        JsError::new(&format!(
            "internal: could not pass a result to the page: {e}"
        ))
    };
    let text = serde_json::to_string(value).map_err(|e| internal(&e))?;
    js_sys::JSON::parse(&text).map_err(|e| internal(&format!("{e:?}")))
}

pub(super) fn error(e: EngineError, lang: Lang) -> JsError {
    JsError::new(&e.message(lang))
}

pub(super) fn lang_of(text: &str) -> Result<Lang, JsError> {
    Lang::parse(text)
        .ok_or_else(|| JsError::new(&format!("unknown language \"{text}\"; allowed: en | ru")))
}

/// The bundle, loaded once; every method computes from it.
#[wasm_bindgen]
pub struct Handle {
    pub(super) engine: Engine,
    /// The last sweep, for its rows, charts, flips and downloads (the worker's module only).
    #[cfg(feature = "robustness")]
    pub(super) sweep: std::cell::RefCell<Option<crate::engine::SweepResult>>,
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
        let engine = Engine::load(&texts).map_err(|e| error(e, Lang::En))?;
        Ok(Handle {
            engine,
            #[cfg(feature = "robustness")]
            sweep: std::cell::RefCell::new(None),
        })
    }

    /// Everything one redraw shows, for a URL hash.
    pub fn page(&self, hash: &str) -> Result<JsValue, JsError> {
        let lang = self.engine.locate(hash).view.lang;
        to_js(&self.engine.page(hash).map_err(|e| error(e, lang))?)
    }

    /// Where changing some keys leads: `changes` is `[[key, value], …]`.
    pub fn navigate(&self, hash: &str, changes: JsValue) -> Result<JsValue, JsError> {
        let changes: Vec<(String, String)> = serde_wasm_bindgen::from_value(changes)
            .map_err(|e| JsError::new(&format!("changes must be [[key, value], …]: {e}")))?;
        to_js(&self.engine.navigate(hash, &changes))
    }

    /// The PECs a cell sums, under the reading of `hash`.
    pub fn members(&self, hash: &str, scope: &str) -> Result<JsValue, JsError> {
        let lang = self.engine.locate(hash).view.lang;
        to_js(
            &self
                .engine
                .members_view(hash, scope)
                .map_err(|e| error(e, lang))?,
        )
    }

    /// The page's table as a file: `rows` is "shown" or "all"; `dialect` CSV's ("", "en", "ru").
    pub fn download(
        &self,
        hash: &str,
        format: &str,
        rows: &str,
        dialect: &str,
        generated: &str,
    ) -> Result<JsValue, JsError> {
        let lang = self.engine.locate(hash).view.lang;
        to_js(
            &self
                .engine
                .download(hash, format, rows, dialect, generated)
                .map_err(|e| error(e, lang))?,
        )
    }

    /// The sources panel in a language.
    pub fn sources(&self, language: &str) -> Result<JsValue, JsError> {
        to_js(&self.engine.sources(lang_of(language)?))
    }

    /// Every aggregate for a state (the shape of `reweigh compute`).
    pub fn compute(&self, state: &str) -> Result<JsValue, JsError> {
        let state = engine::state(state).map_err(|e| error(e, Lang::En))?;
        to_js(&self.engine.compute(&state))
    }

    /// One table (or all, when `table` is empty).
    pub fn tables(&self, state: &str, table: &str) -> Result<JsValue, JsError> {
        let state = engine::state(state).map_err(|e| error(e, Lang::En))?;
        let id = (!table.is_empty()).then_some(table);
        to_js(
            &self
                .engine
                .tables(&state, id)
                .map_err(|e| error(e, Lang::En))?,
        )
    }

    /// Every claim's verdict under a state: `[{id, verdict, value}]`.
    pub fn claims(&self, state: &str) -> Result<JsValue, JsError> {
        let state = engine::state(state).map_err(|e| error(e, Lang::En))?;
        to_js(&self.engine.claims(&state))
    }
}

/// The bundle's file names, as the page fetches them from data/.
#[wasm_bindgen(js_name = bundleFiles)]
pub fn bundle_files() -> Vec<String> {
    engine::BUNDLE_FILES.iter().map(|s| s.to_string()).collect()
}

/// `reweigh-<stem>.<ext>` with only safe characters of the stem (chart and map downloads).
#[wasm_bindgen(js_name = safeFileName)]
pub fn safe_file_name(stem: &str, ext: &str) -> String {
    engine::safe_file_name(stem, ext)
}
