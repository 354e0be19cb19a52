//! The data layer: plain model types, the bundle's files, loading and validating them, the
//! control relations of a protocol, and the importer that writes the bundle from the raw files.

pub mod bundle;
pub mod checks;
pub mod files;
pub mod guard;
pub mod identity;
pub mod import;
pub mod manifest_check;
pub mod mapdata;
pub mod model;
pub mod national;
pub mod shipped;
pub mod validate;
