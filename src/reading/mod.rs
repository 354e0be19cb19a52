//! A reading of the data: the registry of assumption keys, the state they make, and the integer
//! aggregates (and the one share function) of every total, region, country and PEC under it.

pub mod aggregate;
pub mod dataset;
pub mod keys;
pub mod measure;
pub mod national;
pub mod query;
pub mod scope;
pub mod state;
pub mod sums;
