//! The page's side of the boundary: the wasm bindings (conversion only). `--features
//! spreadsheets` builds the second module: the same handle plus the XLSX and ZIP writers, which
//! the page fetches only when a reader asks for such a file.

#[cfg(feature = "spreadsheets")]
pub mod sheets;
pub mod wasm;
