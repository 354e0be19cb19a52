//! The paper's claims: under the paper's reading against figures summed here from the raw CSV;
//! the sweep against the exact evaluation; a tiny grid whose verdict counts are known by hand.
//! The sweep by brute force over a whole grid: tests/sweep.rs.

mod common;

use common::*;
use proptest::prelude::*;
use reweigh::State;
use reweigh::analysis::sweep::{self, Grid};
use reweigh::paper::claims::{self, Verdict};
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn outcome(id: &str, state: &State) -> claims::Outcome {
    let engine = engine();
    let claim = engine
        .study()
        .claims
        .iter()
        .find(|c| c.spec.id == id)
        .unwrap_or_else(|| panic!("no claim {id}"));
    claims::evaluate(claim, &engine.compute(state))
}

/// Per country (raw locations): [issued, invalid, davankov, putin].
fn raw_countries() -> BTreeMap<String, [i64; 4]> {
    let locations = raw_locations();
    let mut out: BTreeMap<String, [i64; 4]> = BTreeMap::new();
    for r in raw_2024() {
        let (country, _, _) = &locations[&r.pec];
        if country.is_empty() {
            continue;
        }
        let e = out.entry(country.clone()).or_default();
        for (a, x) in e
            .iter_mut()
            .zip([r.issued(), r.get(INVALID), r.get(DAVANKOV), r.get(PUTIN)])
        {
            *a += x;
        }
    }
    out
}

#[test]
fn claims_under_the_papers_reading_match_sums_of_the_raw_csv() {
    let paper = State::paper();
    let raw = raw_2024();
    let d_beats_p = raw
        .iter()
        .filter(|r| r.get(DAVANKOV) > r.get(PUTIN))
        .count() as f64;
    assert_eq!(
        outcome("davankov_won_41_pecs", &paper).value,
        Some(d_beats_p)
    );
    let opposition_pecs = raw
        .iter()
        .filter(|r| r.get(DAVANKOV) + r.get(INVALID) > r.get(PUTIN))
        .count() as f64;
    assert_eq!(
        outcome("opposition_won_56_pecs", &paper).value,
        Some(opposition_pecs)
    );
    assert_eq!(
        outcome("spoiled_ballots_add_15_pecs", &paper).value,
        Some(opposition_pecs - d_beats_p)
    );
    let countries = raw_countries();
    let won = countries.values().filter(|c| c[2] + c[1] > c[3]).count() as f64;
    assert_eq!(
        outcome("opposition_won_26_countries", &paper).value,
        Some(won)
    );
    let opposition: i64 = raw.iter().map(|r| r.get(INVALID) + r.get(DAVANKOV)).sum();
    assert_eq!(
        outcome("opposition_under_90_thousand", &paper).value,
        Some(opposition as f64)
    );
    assert_eq!(
        outcome("opposition_under_90_thousand", &paper).verdict,
        Verdict::Holds
    );
    // Europe's "opposition" share: (invalid + Davankov) / issued over the PECs placed in Europe.
    let locations = raw_locations();
    let europe: Vec<_> = raw
        .iter()
        .filter(|r| locations[&r.pec].1 == "europe")
        .collect();
    let share = europe
        .iter()
        .map(|r| r.get(INVALID) + r.get(DAVANKOV))
        .sum::<i64>() as f64
        / europe.iter().map(|r| r.issued()).sum::<i64>() as f64
        * 100.0;
    let got = outcome("table4_opposition_europe", &paper).value.unwrap();
    assert!((got - share).abs() < 1e-9, "{got} vs {share}");
    // The named countries the paper says the opposition won all have more "opposition" than Putin.
    for id in [
        "IL", "AR", "PY", "VN", "BN", "KZ", "LT", "UY", "US", "MY", "JP",
    ] {
        let c = countries[id];
        assert!(c[2] + c[1] > c[3], "{id}");
    }
    assert_eq!(
        outcome("opposition_won_named_countries", &paper).verdict,
        Verdict::Holds
    );
}

#[test]
fn findings_under_the_papers_own_reading() {
    let paper = State::paper();
    // North America: Davankov + invalid (2 747) exceed Putin (2 688).
    assert_eq!(
        outcome("putin_lost_no_region", &paper).verdict,
        Verdict::Fails
    );
    assert_eq!(outcome("putin_won_abroad", &paper).verdict, Verdict::Holds);
    assert_eq!(
        outcome("davankov_won_16_european_countries", &paper).verdict,
        Verdict::Holds
    );
    // Belgium joins Luxembourg, Sweden, Switzerland and France.
    assert_eq!(
        outcome("spoiled_ballots_add_four_european_countries", &paper).value,
        Some(5.0)
    );
    // Table 2's 16,65% is Davankov's share of ballots cast; of ballots issued it is 16,64
    // (63 388 / 380 961 = 16.6390%): a miss in the last printed digit, not a false figure.
    let raw = raw_2024();
    let davankov: i64 = raw.iter().map(|r| r.get(DAVANKOV)).sum();
    let issued: i64 = raw.iter().map(|r| r.issued()).sum();
    assert_eq!((davankov, issued), (63_388, 380_961));
    assert_eq!(
        outcome("davankov_share_table2", &paper).verdict,
        Verdict::OffLastDigit
    );
    // "16.5%" against 16,64: the printed figure's last digit is one off (16,6); "25%" differs.
    assert_eq!(
        outcome("davankov_share_16_5", &paper).verdict,
        Verdict::OffLastDigit
    );
    assert_eq!(outcome("davankov_share_25", &paper).verdict, Verdict::Fails);
    assert_eq!(
        outcome(
            "davankov_share_table2",
            &State::from_query("base=cast").unwrap()
        )
        .verdict,
        Verdict::Holds
    );
    // Under the UN regions a claim about the paper's regions does not apply.
    assert_eq!(
        outcome(
            "table4_opposition_europe",
            &State::from_query("regions=un").unwrap()
        )
        .verdict,
        Verdict::NotApplicable
    );
}

#[test]
fn a_tiny_grid_gives_the_verdict_counts_known_by_hand() {
    let engine = engine();
    // Two weights for invalid × two bases; everything else the paper's.
    let grid = Grid::parse("invalid=0,1&davankov=1&slutsky=0&kharitonov=0&unreturned=0&base=issued,cast&baltics=post_soviet&disputed=include&win=plurality&min_issued=0&regions=paper&russia=cec_total").unwrap();
    assert_eq!(grid.size(), 4);
    let sweep = sweep::run(engine.study(), &grid);
    let report = |id: &str| sweep.report.iter().find(|c| c.spec.id == id).unwrap();
    // Davankov's share does not depend on invalid; it is 16,65 only of ballots cast, and of
    // ballots issued it shows as 16,64: off in the last printed digit, not "fails".
    let d = report("davankov_share_table2");
    assert_eq!(
        (d.holds, d.off_last_digit, d.fails, d.not_applicable),
        (2, 2, 0, 0)
    );
    assert_eq!(d.paper.verdict, Verdict::OffLastDigit);
    // Half the readings (those of ballots cast) differ from the paper's: all of it is the base.
    let split = d.importance.as_ref().unwrap();
    assert_eq!(split.differs, 0.5);
    assert_eq!(
        (split.keys[0].key.as_str(), split.keys[0].share),
        ("base", 0.5)
    );
    assert_eq!(
        (split.keys[1].key.as_str(), split.keys[1].share),
        ("invalid", 0.0)
    );
    // North America is "won" only when invalid ballots count (both bases).
    let r = report("putin_lost_no_region");
    assert_eq!((r.holds, r.fails), (2, 2));
    let split = r.importance.as_ref().unwrap();
    assert_eq!(
        (split.keys[0].key.as_str(), split.keys[0].share),
        ("invalid", 0.5)
    );
    assert_eq!(
        r.nearest_other.as_deref(),
        Some(
            "invalid=0&davankov=1&slutsky=0&kharitonov=0&unreturned=0&base=issued&baltics=post_soviet&disputed=include&win=plurality&min_issued=0&regions=paper&russia=cec_total"
        )
    );
    // Davankov beats Putin in 42 PECs whatever the weights.
    let p = report("davankov_won_41_pecs");
    assert_eq!(
        (p.holds, p.fails, p.min, p.max),
        (0, 4, Some(42.0), Some(42.0))
    );
}

#[test]
fn hypotheses_reproduce_the_printed_rows() {
    let engine = engine();
    let hypotheses = &engine.study().hypotheses;
    let t3 = |row: &str, col: &str| engine.study().paper.cell("3", row, col).unwrap().value as i64;
    for h in hypotheses {
        for r in &h.reassignments {
            // Apply the reassignment to the raw protocols and compare with the printed row.
            let locations = raw_locations();
            let raw = raw_2024();
            let chosen: Vec<_> = raw
                .iter()
                .filter(|p| {
                    (locations[&p.pec].1 == h.region && !r.moved_out.contains(&p.pec))
                        || r.moved_in.contains(&p.pec)
                })
                .collect();
            assert_eq!(chosen.len() as i64, t3("pecs", &h.region), "{}", h.region);
            assert_eq!(
                chosen.iter().map(|p| p.issued()).sum::<i64>(),
                t3("issued", &h.region)
            );
            assert_eq!(
                chosen.iter().map(|p| p.get(VALID)).sum::<i64>(),
                t3("valid", &h.region)
            );
            assert_eq!(
                chosen.iter().map(|p| p.get(DAVANKOV)).sum::<i64>(),
                t3("davankov", &h.region)
            );
            assert_eq!(
                chosen.iter().map(|p| p.get(PUTIN)).sum::<i64>(),
                t3("putin", &h.region)
            );
            for pec in r.moved_in.iter().chain(&r.moved_out) {
                let i = engine.bundle().pec_index(*pec).unwrap();
                assert!(
                    !engine.bundle().pecs[i].location.evidence.is_established(),
                    "PEC {pec} moved although documented"
                );
            }
        }
    }
    let europe = hypotheses.iter().find(|h| h.region == "europe").unwrap();
    assert!(
        !europe.reassignments.is_empty(),
        "the Europe row is reproducible"
    );
    let middle_east = hypotheses
        .iter()
        .find(|h| h.region == "middle_east")
        .unwrap();
    assert!(
        middle_east.reassignments.is_empty() && middle_east.text.en.starts_with("No reassignment")
    );
}

fn default_sweep() -> &'static sweep::Sweep {
    static SWEEP: OnceLock<sweep::Sweep> = OnceLock::new();
    SWEEP.get_or_init(|| sweep::run(engine().study(), &Grid::default_grid()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The sweep's fast path gives every claim the same verdict as the full evaluation.
    #[test]
    fn the_sweep_agrees_with_the_exact_evaluation(index in 0usize..450_000) {
        let sweep = default_sweep();
        let state = sweep.grid.state(index);
        let results = engine().compute(&state);
        for (c, claim) in engine().study().claims.iter().enumerate() {
            let exact = claims::evaluate(claim, &results).verdict;
            prop_assert_eq!(sweep.verdict(c, index), exact, "{} at {}", claim.spec.id, state);
        }
    }

    /// A claim monotone in a weight flips at most once along it.
    #[test]
    fn monotone_claims_flip_at_most_once(others in 0usize..450_000, key in 0usize..5) {
        let base = default_sweep().grid.state(others);
        for id in ["opposition_under_90_thousand", "putin_won_abroad", "putin_lost_no_region"] {
            let verdicts: Vec<Verdict> = (0..=20)
                .map(|step| {
                    let mut s = base;
                    let w = reweigh::reading::state::Weight::from_scaled(step * 500).unwrap();
                    *[&mut s.invalid, &mut s.davankov, &mut s.slutsky, &mut s.kharitonov, &mut s.unreturned][key] = w;
                    outcome(id, &s).verdict
                })
                .collect();
            let flips = verdicts.windows(2).filter(|w| w[0] != w[1]).count();
            prop_assert!(flips <= 1, "{} flips {} times along key {}: {:?}", id, flips, key, verdicts);
        }
    }
}

/// The nearest reading the default sweep names for each claim really gives the other verdict
/// under the full evaluation (that it is the nearest: tests/sweep.rs, by enumeration).
#[test]
fn the_nearest_other_reading_has_the_other_verdict() {
    let sweep = default_sweep();
    let mut named = 0;
    for c in &sweep.report {
        assert_eq!(
            c.holds + c.off_last_digit + c.fails + c.not_applicable,
            450_000,
            "{}",
            c.spec.id
        );
        // Only a claim against a printed figure can be off in its last digit.
        let printed = c.spec.test.value.is_some();
        assert!(printed || c.off_last_digit == 0, "{}", c.spec.id);
        // The parts of the importance split add up to the share that differs.
        if let Some(split) = &c.importance {
            let total: f64 = split.keys.iter().map(|k| k.share).sum();
            assert!((total - split.differs).abs() < 1e-9, "{}", c.spec.id);
        }
        let paper = outcome(&c.spec.id, &State::paper()).verdict;
        assert_eq!(c.paper.verdict, paper, "{}", c.spec.id);
        // A reading is named exactly when some reading of the grid gives the other verdict:
        // where it does not hold if it holds, else where it holds.
        let others = if paper == Verdict::Holds {
            c.fails + c.off_last_digit
        } else {
            c.holds
        };
        assert_eq!(c.nearest_other.is_some(), others > 0, "{}", c.spec.id);
        let Some(text) = &c.nearest_other else {
            continue;
        };
        named += 1;
        let other = outcome(&c.spec.id, &State::from_query(text).unwrap()).verdict;
        assert!(
            other != paper && other != Verdict::NotApplicable,
            "{}: {text} gives {other:?}, as the paper's reading does",
            c.spec.id
        );
        assert_eq!(
            other == Verdict::Holds,
            paper != Verdict::Holds,
            "{}: {text} gives {other:?}",
            c.spec.id
        );
    }
    assert!(named > 0);
}

#[test]
fn bad_grids_are_refused_naming_the_key() {
    let errors = Grid::parse("invalid=0,2&base=voters&colour=red").unwrap_err();
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(text.iter().any(|t| t.contains("`invalid=2`")), "{text:?}");
    assert!(text.iter().any(|t| t.contains("`base=voters`")), "{text:?}");
    assert!(
        text.iter().any(|t| t.contains("`colour=red`: unknown key")),
        "{text:?}"
    );
    let huge = Grid::parse("min_issued=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14").unwrap_err();
    assert!(huge[0].problem.en.contains("readings"), "{:?}", huge);
}

/// Claims over the same places with different regions and predicates, in an order where a
/// result shared too widely would be reused: the world's countries before Europe's, one
/// predicate before another over the same countries, all PECs before Africa's.
fn claims_sharing_places() -> Vec<claims::Claim> {
    use claims::{Predicate, Test};
    let study = engine().study();
    let by_id = |id: &str| {
        study
            .claims
            .iter()
            .find(|c| c.spec.id == id)
            .unwrap()
            .clone()
    };
    let with = |id: &str, edit: &dyn Fn(&mut Option<String>, &mut Vec<Predicate>)| {
        let mut c = by_id(id);
        let (Test::Count {
            within, predicates, ..
        }
        | Test::Set {
            within, predicates, ..
        }) = &mut c.test
        else {
            panic!("{id} is not a count or a set");
        };
        edit(within, predicates);
        c
    };
    let ahead = || match &by_id("davankov_won_16_european_countries").test {
        Test::Count { predicates, .. } => predicates[0].clone(),
        _ => unreachable!(),
    };
    vec![
        by_id("opposition_won_26_countries"),
        with("opposition_won_26_countries", &|w, _| {
            *w = Some("europe".into())
        }),
        with("opposition_won_26_countries", &|w, p| {
            *w = Some("europe".into());
            *p = vec![ahead()];
        }),
        with("opposition_won_26_countries", &|_, p| p.push(ahead())),
        by_id("spoiled_ballots_add_four_european_countries"),
        with("estonia_latvia_putin_won", &|w, _| {
            *w = Some("post_soviet".into())
        }),
        by_id("opposition_won_56_pecs"),
        by_id("putin_won_every_african_pec"),
        by_id("asia_only_4_pecs"),
        by_id("putin_lost_no_region"),
        by_id("davankov_share_table2"),
    ]
}

/// A count's or a set's outcome the plain way: its places listed, each predicate tested on each.
fn judged_naively(
    claim: &claims::Claim,
    results: &reweigh::reading::aggregate::Results,
) -> claims::Outcome {
    use claims::{SetKind, Test};
    let Some((level, within, predicates)) = claim.test.places() else {
        return claims::evaluate(claim, results);
    };
    let Some(list) = claims::places(level, within, results) else {
        return claims::Outcome::not_applicable();
    };
    let s = &results.parsed_state;
    let matched: Vec<&str> = list
        .iter()
        .filter(|a| predicates.iter().all(|p| p.holds(&a.sums, s)))
        .map(|a| a.id.as_ref())
        .collect();
    let n = matched.len() as f64;
    let holds = match &claim.test {
        Test::Count { op, value, .. } => op.holds(n, *value),
        Test::Set { ids, kind, .. } => {
            let listed = |id: &String| matched.contains(&id.as_str());
            match kind {
                SetKind::Includes => ids.iter().all(listed),
                SetKind::Excludes => !ids.iter().any(listed),
                SetKind::Equals => ids.iter().all(listed) && matched.len() == ids.len(),
            }
        }
        _ => unreachable!("counts and sets"),
    };
    claims::Outcome::judged(holds, Some(n))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Judging claims together (`evaluate_all`, `tipping`: the places, predicates and win
    /// margins shared between claims over the same places) gives each claim its own answer,
    /// as judged alone.
    #[test]
    fn claims_judged_together_get_their_own_answers(state in states::state()) {
        let list = claims_sharing_places();
        let results = engine().compute(&state);
        let together = claims::evaluate_all(&list, &results);
        let tipping = reweigh::analysis::tipping::tipping(&list, &results);
        for (i, c) in list.iter().enumerate() {
            prop_assert_eq!(&together[i], &claims::evaluate(c, &results), "{} at {}", c.spec.id, state);
            prop_assert_eq!(&together[i], &judged_naively(c, &results), "{} at {}", c.spec.id, state);
            let alone = reweigh::analysis::tipping::claim_tipping(i, c, &results);
            prop_assert_eq!(tipping[i].verdict, alone.verdict);
            prop_assert_eq!(&tipping[i].keys, &alone.keys, "{} at {}", c.spec.id, state);
        }
    }
}

/// The claims above differ where a shared result would make them agree (the test can fail).
#[test]
fn claims_sharing_places_differ_under_the_papers_reading() {
    let list = claims_sharing_places();
    let results = engine().compute(&State::paper());
    let values: Vec<Option<f64>> = claims::evaluate_all(&list, &results)
        .iter()
        .map(|o| o.value)
        .collect();
    // Countries the opposition won: everywhere, in Europe; Europe's where Davankov is ahead; both.
    assert_eq!(
        &values[..4],
        &[Some(34.0), Some(21.0), Some(16.0), Some(22.0)]
    );
}
