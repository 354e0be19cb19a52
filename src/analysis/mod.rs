//! Analyses over many readings: the sweep of every claim over the assumption grid, the split of
//! each claim's changes among the keys, exact tipping points, the specification curve, and how
//! far each verdict rests on PECs whose location is not established.

pub mod curve;
pub mod importance;
pub mod location;
pub mod sweep;
pub mod tipping;
