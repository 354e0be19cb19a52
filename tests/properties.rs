//! Properties over random states: shares in [0,1] (a denominator without the ballots counted
//! outside the base breaks it); total = Σ regions = Σ countries = Σ PECs; a weight adds exactly
//! weight × its component (summed from the raw CSV); win counts grow with each weight. Every
//! figure of every reading against an independent reference: tests/reference.rs.

mod common;

use proptest::prelude::*;
use reweigh::reading::aggregate::{Aggregate, Results};
use reweigh::reading::state::{Disputed, State, Weight};

use common::states::{state, weight};
use common::*;

/// Totals of the raw CSV: invalid, Davankov, Slutsky, Kharitonov, unreturned (issued − cast),
/// without the disputed PECs if asked.
fn raw_components(exclude_disputed: bool) -> [i64; 5] {
    static SUMS: std::sync::OnceLock<[[i64; 5]; 2]> = std::sync::OnceLock::new();
    SUMS.get_or_init(|| [sum_components(false), sum_components(true)])
        [usize::from(exclude_disputed)]
}

fn sum_components(exclude_disputed: bool) -> [i64; 5] {
    let locations = raw_locations();
    let mut out = [0; 5];
    for p in raw_2024() {
        if exclude_disputed && locations[&p.pec].2 {
            continue;
        }
        let parts = [
            p.get(INVALID),
            p.get(DAVANKOV),
            p.get(SLUTSKY),
            p.get(KHARITONOV),
            p.issued() - p.cast(),
        ];
        for (o, x) in out.iter_mut().zip(parts) {
            *o += x;
        }
    }
    out
}

/// Every count of an aggregate, and its exact opposition (in 1/WEIGHT_SCALE ballots).
fn counts(a: &Aggregate, s: &State) -> [i64; 13] {
    [
        i64::from(a.pecs),
        a.issued,
        a.cast,
        a.valid,
        a.invalid,
        a.unreturned,
        a.early,
        a.inside,
        a.mobile,
        a.votes.davankov,
        a.votes.putin,
        a.votes.slutsky + a.votes.kharitonov,
        a.sums.opposition_scaled(s),
    ]
}

fn sum(list: &[Aggregate], s: &State) -> [i64; 13] {
    let mut out = [0i64; 13];
    for a in list {
        for (o, x) in out.iter_mut().zip(counts(a, s)) {
            *o += x;
        }
    }
    out
}

fn all_aggregates(r: &Results) -> impl Iterator<Item = &Aggregate> {
    std::iter::once(&r.total)
        .chain(&r.regions)
        .chain(&r.countries)
        .chain(&r.pecs)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn shares_lie_in_zero_one(s in state()) {
        let r = engine().compute(&s);
        for a in all_aggregates(&r) {
            for share in [a.opposition_share, a.putin_share].into_iter().flatten() {
                prop_assert!((0.0..=1.0).contains(&share), "{} {}: {share}", s, a.id);
            }
        }
    }

    #[test]
    fn totals_equal_sums_of_regions_countries_and_pecs(s in state()) {
        let r = engine().compute(&s);
        let total = counts(&r.total, &s);
        prop_assert_eq!(sum(&r.regions, &s), total);
        prop_assert_eq!(sum(&r.countries, &s), total);
        prop_assert_eq!(sum(&r.pecs, &s), total);
    }

    /// A weight adds exactly weight × its component to the total opposition, the component
    /// summed here from the raw CSV over the PECs the reading counts.
    #[test]
    fn each_weight_adds_weight_times_its_raw_component(s in state(), w in weight(), key in 0usize..5) {
        let set = |weight: Weight| {
            let mut t = s;
            *[&mut t.invalid, &mut t.davankov, &mut t.slutsky, &mut t.kharitonov, &mut t.unreturned][key] = weight;
            t
        };
        let (zero, with) = (set(Weight::ZERO), set(w));
        let (a, b) = (engine().compute(&zero), engine().compute(&with));
        let component = raw_components(s.disputed == Disputed::Exclude)[key];
        let added = b.total.opposition - a.total.opposition;
        prop_assert!(
            (added - w.as_f64() * component as f64).abs() < 1e-6,
            "key {}: {} added, {} × {}", key, added, w, component
        );
    }

    #[test]
    fn win_counts_never_fall_as_a_weight_rises(s in state(), key in 0usize..5, a in weight(), b in weight()) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let set = |weight: Weight| {
            let mut t = s;
            *[&mut t.invalid, &mut t.davankov, &mut t.slutsky, &mut t.kharitonov, &mut t.unreturned][key] = weight;
            t
        };
        let (r_low, r_high) = (engine().compute(&set(low)), engine().compute(&set(high)));
        prop_assert!(r_high.wins.pecs >= r_low.wins.pecs);
        prop_assert!(r_high.wins.countries >= r_low.wins.countries);
    }

    #[test]
    fn the_canonical_form_parses_back_to_the_same_state(s in state()) {
        let text = s.canonical();
        prop_assert_eq!(State::from_query(&text).unwrap(), s);
    }
}
