//! The second wasm module's methods: the reading's workbook or data package as bytes. Only the
//! spreadsheets build has them, so the page's first module carries neither the writers nor the
//! mapping of the tables to sheets.

use super::wasm::Handle;
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
