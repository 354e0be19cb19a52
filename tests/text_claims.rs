//! Eleven of the paper's conclusions in data/claims.json (drawn from figures of its text): each
//! compiles against the committed bundle, and its verdict under the paper's own reading is the
//! one found here from the raw CEC file and the locations file, independently of the engine.

mod common;

use common::*;
use reweigh::State;
use reweigh::paper::claims::{self, ClaimsFile, Verdict};
use std::collections::{BTreeMap, BTreeSet};

/// The conclusions this test checks, from data/claims.json.
const CHECKED: [&str; 11] = [
    "davankov_best_regions",
    "slutsky_best_and_worst_regions",
    "kharitonov_best_and_worst_regions",
    "estonia_latvia_putin_won",
    "davankov_over_half_in_eight_european_countries",
    "davankov_ahead_under_half_in_europe",
    "uae_not_for_the_opposition",
    "putin_won_every_african_pec",
    "uruguay_tie",
    "putin_won_us_and_canada",
    "canada_putin_still_won",
];

fn checked() -> ClaimsFile {
    let text = std::fs::read_to_string(root().join("data/claims.json")).unwrap();
    let mut file: ClaimsFile = serde_json::from_str(&text).expect("claims.json parses");
    file.claims.retain(|c| CHECKED.contains(&c.id.as_str()));
    assert_eq!(
        file.claims.len(),
        CHECKED.len(),
        "every checked claim is in claims.json"
    );
    file
}

/// A country's region and (issued, cast, invalid, davankov, putin, slutsky, kharitonov).
type Country = (String, [i64; 7]);

/// Every established country's figures, summed from the raw protocols.
fn countries() -> BTreeMap<String, Country> {
    let places = raw_locations();
    let mut out: BTreeMap<String, Country> = BTreeMap::new();
    for r in raw_2024() {
        let (country, region, _) = &places[&r.pec];
        if country.is_empty() {
            continue;
        }
        let e = out
            .entry(country.clone())
            .or_insert_with(|| (region.clone(), [0; 7]));
        let v = [
            r.issued(),
            r.cast(),
            r.get(INVALID),
            r.get(DAVANKOV),
            r.get(PUTIN),
            r.get(SLUTSKY),
            r.get(KHARITONOV),
        ];
        for (a, b) in e.1.iter_mut().zip(v) {
            *a += b;
        }
    }
    out
}

#[test]
fn text_claims_compile_and_hold_or_fail_as_the_raw_data_say() {
    let engine = engine();
    let file = checked();
    let compiled =
        claims::compile_all(&file, engine.bundle()).expect("every checked claim compiles");
    assert_eq!(compiled.len(), file.claims.len());
    let results = engine.compute(&State::paper());
    let verdict: BTreeMap<&str, Verdict> = compiled
        .iter()
        .map(|c| (c.spec.id.as_str(), claims::evaluate(c, &results).verdict))
        .collect();
    let all = countries();
    let set = |keep: &dyn Fn(&Country) -> bool, region: Option<&str>| -> BTreeSet<String> {
        all.iter()
            .filter(|(_, v)| region.is_none_or(|r| v.0 == r) && keep(v))
            .map(|(id, _)| id.clone())
            .collect()
    };
    let ids = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    let holds = |b: bool| if b { Verdict::Holds } else { Verdict::Fails };
    let opposition_wins = |v: &Country| v.1[2] + v.1[3] > v.1[4];

    let over_half = set(&|v| 2 * v.1[3] > v.1[1], Some("europe"));
    let eight = ids(&["ME", "RS", "CZ", "NL", "PL", "GB", "PT", "SK"]);
    assert_eq!(
        verdict["davankov_over_half_in_eight_european_countries"],
        holds(over_half == eight)
    );
    let ahead = set(&|v| v.1[3] > v.1[4] && 2 * v.1[3] <= v.1[1], Some("europe"));
    let named = ids(&["DK", "HR", "AT", "ES", "FI", "SI", "IE", "HU"]);
    assert_eq!(
        verdict["davankov_ahead_under_half_in_europe"],
        holds(named.is_subset(&ahead))
    );
    let wins = set(&opposition_wins, None);
    for (claim, excluded) in [
        ("estonia_latvia_putin_won", ids(&["EE", "LV"])),
        ("uae_not_for_the_opposition", ids(&["AE"])),
        ("canada_putin_still_won", ids(&["CA"])),
    ] {
        assert_eq!(
            verdict[claim],
            holds(wins.is_disjoint(&excluded)),
            "{claim}"
        );
    }
    let davankov_ahead = set(&|v| v.1[3] > v.1[4], None);
    assert_eq!(
        verdict["putin_won_us_and_canada"],
        holds(davankov_ahead.is_disjoint(&ids(&["US", "CA"])))
    );
    let tie = all["UY"].1[3] == all["UY"].1[4];
    assert_eq!(verdict["uruguay_tie"], holds(tie));
    let places = raw_locations();
    let african_wins = raw_2024()
        .iter()
        .filter(|r| places[&r.pec].1 == "africa")
        .filter(|r| r.get(INVALID) + r.get(DAVANKOV) > r.get(PUTIN))
        .count();
    assert_eq!(
        verdict["putin_won_every_african_pec"],
        holds(african_wins == 0)
    );

    // Regions ranked by a candidate's share of the ballots issued.
    let mut regions: BTreeMap<String, [i64; 7]> = BTreeMap::new();
    for (region, v) in all.values() {
        let e = regions.entry(region.clone()).or_default();
        for (a, b) in e.iter_mut().zip(v) {
            *a += b;
        }
    }
    // Unestablished countries still count in their region where it is known.
    for r in raw_2024() {
        let (country, region, _) = &places[&r.pec];
        if country.is_empty() && region != "unknown" {
            let e = regions.entry(region.clone()).or_default();
            let v = [
                r.issued(),
                r.cast(),
                r.get(INVALID),
                r.get(DAVANKOV),
                r.get(PUTIN),
                r.get(SLUTSKY),
                r.get(KHARITONOV),
            ];
            for (a, b) in e.iter_mut().zip(v) {
                *a += b;
            }
        }
    }
    let order = |k: usize| {
        let mut list: Vec<(&String, f64)> = regions
            .iter()
            .filter(|(id, _)| id.as_str() != "unknown")
            .map(|(id, v)| (id, v[k] as f64 / v[0] as f64))
            .collect();
        list.sort_by(|a, b| b.1.total_cmp(&a.1));
        list.into_iter()
            .map(|(id, _)| id.clone())
            .collect::<Vec<_>>()
    };
    let ranked = |k: usize, top: &[&str], bottom: &[&str]| {
        let o = order(k);
        holds(
            top.iter().all(|t| o[..top.len()].contains(&t.to_string()))
                && bottom
                    .iter()
                    .all(|b| o[o.len() - bottom.len()..].contains(&b.to_string())),
        )
    };
    assert_eq!(
        verdict["davankov_best_regions"],
        ranked(3, &["south_america", "asia_oceania"], &[])
    );
    assert_eq!(
        verdict["slutsky_best_and_worst_regions"],
        ranked(5, &["europe", "asia_oceania"], &["post_soviet"])
    );
    assert_eq!(
        verdict["kharitonov_best_and_worst_regions"],
        ranked(6, &["europe", "asia_oceania"], &["post_soviet"])
    );
    // And pinned: Davankov's best regions are North America and Asia, not South America.
    for (id, v) in &verdict {
        let expected = if *id == "davankov_best_regions" {
            Verdict::Fails
        } else {
            Verdict::Holds
        };
        assert_eq!(*v, expected, "{id}");
    }
}
