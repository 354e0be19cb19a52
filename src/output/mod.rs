//! What leaves the core: CSV, JSON and Markdown exports, charts drawn as SVG, the reading in words.

pub mod chart;
pub mod curve_chart;
pub mod datapackage;
pub mod export;
pub mod heat_map;
pub mod measure;
pub mod sheets;
pub mod spreadsheet;
pub mod sweep_export;
pub mod words;
