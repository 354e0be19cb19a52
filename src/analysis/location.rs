//! Location evidence: does a claim's verdict under a reading rest on PECs whose location is only
//! inferred or unknown? It does when leaving those PECs out of the country and region groupings
//! (they stay in the totals and among the PECs) changes the verdict.

use crate::paper::claims::{self, Claim, Verdict};
use crate::reading::aggregate::{self, Results};
use crate::reading::dataset::Dataset;
use crate::reading::state::State;

/// The data with every PEC whose location is not established (inferred or unknown) taken out
/// of its country and region: it still counts in the totals and as a PEC.
pub fn established_only(data: &Dataset) -> Dataset {
    let mut bundle = data.bundle.clone();
    let uncertain: Vec<bool> = bundle
        .pecs
        .iter()
        .map(|p| !p.location.evidence.is_established())
        .collect();
    for (pec, &out) in bundle.pecs.iter_mut().zip(&uncertain) {
        if out {
            pec.location.country_id = None;
            pec.location.region = None;
            pec.location.m49_region = None;
        }
    }
    for country in &mut bundle.countries {
        country.pecs.retain(|&i| !uncertain[i]);
    }
    bundle.countries.retain(|c| !c.pecs.is_empty());
    bundle.pec_country = vec![None; bundle.pecs.len()];
    for (c, country) in bundle.countries.iter().enumerate() {
        for &i in &country.pecs {
            bundle.pec_country[i] = Some(c);
        }
    }
    Dataset::new(bundle)
}

/// How many PECs the check leaves out of the groupings.
pub fn uncertain_count(data: &Dataset) -> usize {
    data.pecs
        .iter()
        .filter(|p| !p.location.evidence.is_established())
        .count()
}

/// A claim's verdict with and without the PECs of uncertain location in the groupings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocationCheck {
    pub verdict: Verdict,
    /// The verdict with those PECs left out of countries and regions.
    pub without: Verdict,
}

impl LocationCheck {
    /// Whether the verdict rests on PECs whose location is not established.
    pub fn rests_on_uncertain(&self) -> bool {
        self.verdict != self.without
    }
}

/// Every claim's check under a reading: `results` from the data, `established` from
/// [`established_only`].
pub fn check(claims: &[Claim], results: &Results, established: &Dataset) -> Vec<LocationCheck> {
    let without = aggregate::compute(established, &results.parsed_state);
    let verdicts = claims::evaluate_all(claims, results);
    let without = claims::evaluate_all(claims, &without);
    verdicts
        .iter()
        .zip(&without)
        .map(|(v, w)| LocationCheck {
            verdict: v.verdict,
            without: w.verdict,
        })
        .collect()
}

/// The same, computing the reading's results too.
pub fn check_state(
    claims: &[Claim],
    data: &Dataset,
    established: &Dataset,
    state: &State,
) -> Vec<LocationCheck> {
    check(claims, &aggregate::compute(data, state), established)
}
