//! Analyses over many readings: the sweep of every claim over the assumption grid.

pub mod sweep;
