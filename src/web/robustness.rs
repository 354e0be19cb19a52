//! The worker's module: the robustness map (the sweep over the assumption grid) and what reads
//! it — its rows, charts, specification curves, flips and downloads. Only the robustness build
//! has these methods, so the page's first module carries none of that code; the page's worker
//! fetches this module once the page is ready.

use super::wasm::{Handle, error, lang_of, to_js};
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
