//! reweigh: recompute the tables of Bocharov (2024) on the Russian vote abroad from the official
//! per-PEC protocols, under explicit, adjustable assumptions.
//!
//! A pure core: `state` (the assumption vocabulary) → `aggregate` (integer sums) → `tables` and
//! `audit` (published figures beside recomputed ones) → `export`. `wasm` is the only web boundary;
//! `src/bin/reweigh.rs` the only command line.

pub mod aggregate;
pub mod audit;
pub mod bundle;
pub mod chart;
pub mod checks;
pub mod claims;
pub mod engine;
pub mod export;
pub mod hypothesis;
pub mod import;
pub mod metric;
pub mod model;
pub mod numtext;
pub mod published;
pub mod sheets;
pub mod state;
pub mod sweep;
pub mod tables;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use bundle::{BUNDLE_FILES, Bundle, BundleError};
pub use engine::Engine;
pub use state::State;
