//! reweigh: recompute the tables of Bocharov (2024) on the Russian vote abroad from the official
//! per-PEC protocols, under explicit, adjustable assumptions.
//!
//! Layers, each importing only from the ones above it in this list (a test, `tests/layers.rs`,
//! keeps the wall):
//! - [`text`]: the bilingual text type, numbers as text, Russian plurals;
//! - [`data`]: the model, the importer, loading and validating the bundle, control relations;
//! - [`reading`]: the registry of assumption keys, the state, aggregates, scopes;
//! - [`paper`]: the paper's tables rebuilt and audited, its claims, hypotheses, the study;
//! - [`analysis`]: the sweep over the assumption grid;
//! - [`output`]: CSV / JSON / Markdown, charts, descriptions in words;
//! - [`engine`]: the facade, the only API of the CLI (`src/bin`) and the wasm binding (`web`).

pub mod text;

pub mod data;

pub mod reading;

pub mod paper;

pub mod analysis;

pub mod output;

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use data::bundle::{BUNDLE_FILES, Bundle, BundleError, Checks};
pub use engine::{Engine, EngineError};
pub use reading::state::State;
pub use text::{Lang, Text};
