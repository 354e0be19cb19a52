//! The loaded bundle with what every reading starts from: each PEC's counts, summed once.

use super::sums::Sums;
use crate::data::bundle::Bundle;
use std::ops::Deref;

/// The bundle and each PEC's sums (in the bundle's PEC order).
#[derive(Clone, Debug)]
pub struct Dataset {
    pub bundle: Bundle,
    pub pec_sums: Vec<Sums>,
}

impl Dataset {
    pub fn new(bundle: Bundle) -> Dataset {
        let pec_sums = bundle.pecs.iter().map(Sums::of_pec).collect();
        Dataset { bundle, pec_sums }
    }
}

impl Deref for Dataset {
    type Target = Bundle;
    fn deref(&self) -> &Bundle {
        &self.bundle
    }
}
