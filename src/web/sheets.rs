//! The second wasm module: the spreadsheet model in (as the page's module made it), the file's
//! bytes out. Kept out of the page's first load: the XLSX and ZIP writers are most of its size.

use crate::engine::spreadsheets::{write_xlsx, write_zip};
use crate::text::Lang;
use wasm_bindgen::prelude::*;

fn model<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        JsError::new(&format!(
            "internal: the spreadsheet model is malformed: {e}"
        ))
    })
}

/// A workbook model (`SpreadsheetDownload.workbook`) as XLSX bytes.
#[wasm_bindgen]
pub fn xlsx(workbook: JsValue, language: &str) -> Result<Vec<u8>, JsError> {
    let lang = Lang::parse(language).unwrap_or(Lang::En);
    write_xlsx(&model(workbook)?).map_err(|e| JsError::new(&e.message(lang)))
}

/// A data package model (`SpreadsheetDownload.package`) as ZIP bytes.
#[wasm_bindgen]
pub fn zip(package: JsValue, language: &str) -> Result<Vec<u8>, JsError> {
    let lang = Lang::parse(language).unwrap_or(Lang::En);
    write_zip(&model(package)?).map_err(|e| JsError::new(&e.message(lang)))
}
