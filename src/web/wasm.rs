//! The only wasm-bindgen code: every method is values in (serde-wasm-bindgen) → the engine →
//! values out (JSON text, parsed by the browser's `JSON.parse` in one call: measured faster for
//! the page's large results than building the objects field by field across the boundary).
//! Errors become JS errors carrying the engine's message in the page's language (in both, with
//! `messages`, where the page's language is not known yet: the load, a bare state).

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

fn bundle_texts(files: JsValue) -> Result<BTreeMap<String, String>, JsError> {
    serde_wasm_bindgen::from_value(files).map_err(|e| {
        JsError::new(&format!(
            "the bundle files must be a {{name: text}} object: {e}"
        ))
    })
}

/// An error in both languages, for what fails before the page has read its language from the
/// link (the engine starts first): a JS `Error` whose `message` is the English and whose
/// `messages` is `{en, ru}`, the engine's own words in each, for the page to pick from.
pub(super) fn bilingual(e: &EngineError) -> JsValue {
    let error = js_sys::Error::new(&e.message(Lang::En));
    let messages = js_sys::Object::new();
    for (key, lang) in [("en", Lang::En), ("ru", Lang::Ru)] {
        // Setting a property of a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&messages, &key.into(), &e.message(lang).into());
    }
    let _ = js_sys::Reflect::set(&error, &"messages".into(), &messages);
    error.into()
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
    /// The page's module: the bundle from `{file name: text}` (the files of `bundleFiles()`)
    /// when it is the shipped one, read without the loader's checks (`Engine::load_shipped`), so
    /// this module carries none of their code; `undefined` for any other files, which the page
    /// hands to the worker's module (its constructor checks them all). What cannot be loaded is
    /// an error in both languages (see [`bilingual`]).
    #[cfg(not(any(feature = "robustness", feature = "spreadsheets")))]
    #[wasm_bindgen(js_name = loadShipped)]
    pub fn load_shipped(files: JsValue) -> Result<Option<Handle>, JsValue> {
        let texts = bundle_texts(files)?;
        let engine = Engine::load_shipped(&texts).map_err(|e| bilingual(&e))?;
        Ok(engine.map(|engine| Handle { engine }))
    }

    /// Load the bundle from `{file name: text}` (the files of `bundleFiles()`): the worker's
    /// module and the writers' (which load whatever the page loaded). A bundle that cannot be
    /// loaded is an error in both languages (see [`bilingual`]).
    #[cfg(any(feature = "robustness", feature = "spreadsheets"))]
    #[wasm_bindgen(constructor)]
    pub fn new(files: JsValue) -> Result<Handle, JsValue> {
        let texts = bundle_texts(files)?;
        // The shipped files are not checked again here: the test suite checks them (see
        // `Checks::UnlessShipped`); any other files are.
        let engine =
            Engine::load_with(&texts, engine::Checks::UnlessShipped).map_err(|e| bilingual(&e))?;
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

    /// The page for a redraw: the sections whose fingerprints are not in `known`
    /// (`"section:fingerprint,…"`, the last page's `versions`), `unchanged` naming the others.
    #[wasm_bindgen(js_name = pageSince)]
    pub fn page_since(&self, hash: &str, known: &str) -> Result<JsValue, JsError> {
        let lang = self.engine.locate(hash).view.lang;
        let text = self
            .engine
            .page_text(hash, known)
            .map_err(|e| error(e, lang))?;
        js_sys::JSON::parse(&text).map_err(|e| {
            JsError::new(&format!(
                "internal: could not pass a result to the page: {e:?}"
            ))
        })
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
    pub fn compute(&self, state: &str) -> Result<JsValue, JsValue> {
        let state = engine::state(state).map_err(|e| bilingual(&e))?;
        Ok(to_js(&self.engine.compute(&state))?)
    }

    /// One table (or all, when `table` is empty).
    pub fn tables(&self, state: &str, table: &str) -> Result<JsValue, JsValue> {
        let state = engine::state(state).map_err(|e| bilingual(&e))?;
        let id = (!table.is_empty()).then_some(table);
        Ok(to_js(
            &self.engine.tables(&state, id).map_err(|e| bilingual(&e))?,
        )?)
    }

    /// Every claim's verdict under a state: `[{id, verdict, value}]`.
    pub fn claims(&self, state: &str) -> Result<JsValue, JsValue> {
        let state = engine::state(state).map_err(|e| bilingual(&e))?;
        Ok(to_js(&self.engine.claims(&state))?)
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

#[cfg(feature = "spreadsheets")]
mod sheets {
    //! The second wasm module's methods: the reading's workbook or data package as bytes. Only the
    //! spreadsheets build has them, so the page's first module carries neither the writers nor the
    //! mapping of the tables to sheets.

    use super::Handle;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    impl Handle {
        /// The reading in `hash` as a workbook (`format` "xlsx") or a data package ("zip"):
        /// `{name, mime}` and the bytes in `bytes` (a Uint8Array).
        pub fn spreadsheet(
            &self,
            hash: &str,
            format: &str,
            dialect: &str,
            page_url: &str,
            generated: &str,
        ) -> Result<js_sys::Object, JsError> {
            let lang = self.engine.locate(hash).view.lang;
            let file = self
                .engine
                .spreadsheet_file(hash, format, dialect, page_url, generated)
                .map_err(|e| JsError::new(&e.message(lang)))?;
            let out = js_sys::Object::new();
            let set = |key: &str, value: JsValue| {
                js_sys::Reflect::set(&out, &JsValue::from_str(key), &value)
                    .map_err(|_| JsError::new("internal: could not pass the file to the page"))
            };
            set("name", JsValue::from_str(&file.name))?;
            set("mime", JsValue::from_str(file.mime))?;
            set(
                "bytes",
                js_sys::Uint8Array::from(file.bytes.as_slice()).into(),
            )?;
            Ok(out)
        }
    }
}

#[cfg(feature = "robustness")]
mod robustness {
    //! The worker's module: the robustness map (the sweep over the assumption grid) and what reads
    //! it — its rows, charts, specification curves, flips and downloads. Only the robustness build
    //! has these methods, so the page's first module carries none of that code; the page's worker
    //! fetches this module once the page is ready.

    use super::{Handle, error, lang_of, to_js};
    use crate::engine::{self, Format};
    use crate::text::Lang;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    impl Handle {
        /// Run the robustness map over a grid (`""`: the default grid); returns its rows in `language`.
        pub fn sweep(&self, grid: &str, language: &str) -> Result<JsValue, JsError> {
            let lang = lang_of(language)?;
            let grid = engine::grid(grid).map_err(|e| error(e, lang))?;
            let sweep = self.engine.sweep(&grid);
            let view = to_js(&self.engine.sweep_view(&sweep, lang));
            *self.sweep.borrow_mut() = Some(sweep);
            view
        }

        /// The last sweep's report as data: the grid, the number of readings, every claim's counts.
        #[wasm_bindgen(js_name = sweepReport)]
        pub fn sweep_report(&self) -> Result<JsValue, JsError> {
            let sweep = self.sweep.borrow();
            let sweep = sweep.as_ref().ok_or_else(|| no_sweep(Lang::En))?;
            to_js(&self.engine.sweep_report(sweep))
        }

        /// The last sweep's rows in another language.
        #[wasm_bindgen(js_name = sweepView)]
        pub fn sweep_view(&self, language: &str) -> Result<JsValue, JsError> {
            let lang = lang_of(language)?;
            let sweep = self.sweep.borrow();
            let sweep = sweep.as_ref().ok_or_else(|| no_sweep(lang))?;
            to_js(&self.engine.sweep_view(sweep, lang))
        }

        /// The last sweep as a file: `{name, mime, text}` (CSV / JSON / Markdown), with the
        /// verdicts under the reading of `hash` and its pin in the header.
        #[wasm_bindgen(js_name = sweepExport)]
        pub fn sweep_export(
            &self,
            format: &str,
            generated: &str,
            hash: &str,
        ) -> Result<JsValue, JsError> {
            let format = format_of(format)?;
            let sweep = self.sweep.borrow();
            let sweep = sweep.as_ref().ok_or_else(|| no_sweep(Lang::En))?;
            to_js(&self.engine.sweep_download(sweep, format, generated, hash))
        }

        /// A claim's specification curve over the last sweep's grid, the reading of `hash` marked.
        #[wasm_bindgen(js_name = sweepCurve)]
        pub fn sweep_curve(&self, claim: &str, hash: &str) -> Result<JsValue, JsError> {
            let lang = self.engine.locate(hash).view.lang;
            let sweep = self.sweep.borrow();
            let sweep = sweep.as_ref().ok_or_else(|| no_sweep(lang))?;
            to_js(
                &self
                    .engine
                    .curve_view(sweep, claim, hash)
                    .map_err(|e| error(e, lang))?,
            )
        }

        /// A claim's verdict over the two assumptions its changes rest on most, the reading of `hash`
        /// marked.
        #[wasm_bindgen(js_name = sweepChart)]
        pub fn sweep_chart(&self, claim: &str, hash: &str) -> Result<JsValue, JsError> {
            let location = self.engine.locate(hash);
            let lang = location.view.lang;
            let sweep = self.sweep.borrow();
            let sweep = sweep.as_ref().ok_or_else(|| no_sweep(lang))?;
            to_js(
                &self
                    .engine
                    .sweep_chart(sweep, claim, &location.parsed, lang)
                    .map_err(|e| error(e, lang))?,
            )
        }

        /// The hash of the grid reading nearest the reading of `hash` where the claim's verdict
        /// differs (the view kept).
        #[wasm_bindgen(js_name = sweepFlip)]
        pub fn sweep_flip(&self, claim: &str, hash: &str) -> Result<String, JsError> {
            let location = self.engine.locate(hash);
            let lang = location.view.lang;
            let sweep = self.sweep.borrow();
            let sweep = sweep.as_ref().ok_or_else(|| no_sweep(lang))?;
            let state = self
                .engine
                .flip(sweep, claim, &location.parsed)
                .map_err(|e| error(e, lang))?;
            Ok(self
                .engine
                .navigate(hash, &[("state".into(), state.canonical())])
                .canonical)
        }
    }

    fn no_sweep(lang: Lang) -> JsError {
        JsError::new(lang.pick(
            "no sweep has run yet",
            "карта устойчивости ещё не рассчитана",
        ))
    }

    fn format_of(text: &str) -> Result<Format, JsError> {
        Format::parse(text).ok_or_else(|| {
            JsError::new(&format!(
                "unknown format \"{text}\"; allowed: csv | json | md"
            ))
        })
    }
}
