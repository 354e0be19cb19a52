//! The page's side of the boundary: the wasm bindings (conversion only). The default build is
//! the page's module; `--features spreadsheets` builds the second module, the XLSX and ZIP
//! writers alone, which the page fetches only when a reader asks for such a file.

#[cfg(feature = "spreadsheets")]
pub mod sheets;
#[cfg(not(feature = "spreadsheets"))]
pub mod wasm;
