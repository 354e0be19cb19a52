//! The page's side of the boundary: the wasm binding (conversion only).

pub mod wasm;
