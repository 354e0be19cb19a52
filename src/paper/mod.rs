//! The paper: its table layout, its printed figures, the audit that explains every difference,
//! the tables rebuilt one module each, its claims, the hypotheses about its grouping, and the
//! study (everything that does not depend on the reading, computed once).

pub mod audit;
pub mod claims;
pub mod history;
pub mod hypothesis;
pub mod layout;
pub mod ledger;
pub mod published;
pub mod reason_words;
pub mod slips;
pub mod study;
pub mod tables;
