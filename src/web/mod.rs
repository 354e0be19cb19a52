//! The page's side of the boundary: the wasm bindings (conversion only). `--features
//! spreadsheets` builds the second module: the same handle plus the XLSX and ZIP writers, which
//! the page fetches only when a reader asks for such a file; `--features robustness` the third:
//! the same handle plus the sweep and its queries, which the page's worker loads. All in `wasm.rs`, the one binding module.

pub mod wasm;
