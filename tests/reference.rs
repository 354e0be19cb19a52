//! An independent reference for every reading. Each total, region, country and PEC is recomputed
//! here from the raw CEC file and the raw locations file (country, paper region, M49 region,
//! disputed, evidence) by README's rules ("The assumptions"), with nothing from the engine but its
//! answer, and compared with `Engine::compute` field by field over random readings.
//!
//! README's rules, as read here: the opposition is Σ weight × (invalid ballots, Davankov, Slutsky,
//! Kharitonov, ballots issued but not cast); votes are shares of the base; the opposition's share
//! adds to its denominator the ballots it counts outside the base (invalid ones under `valid`,
//! unreturned ones under `cast` and `valid`); "won" is more than Putin (plurality) or more than
//! half of that denominator (majority: an opposition share above 50%); PECs and countries with
//! fewer than `min_issued` ballots issued, and PECs with no established country in the country
//! count, are left out of win counts; `disputed=exclude` drops the PECs marked disputed;
//! `baltics` moves EE, LV, LT; `regions=un` groups by the M49 column.

mod common;

use common::*;
use proptest::prelude::*;
use reweigh::reading::aggregate::{Aggregate, Results};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

const SCALE: i64 = 10_000;

/// The paper's regions in Table 3's order, then the UN M49 regions in M49's order.
const PAPER_ORDER: [&str; 7] = [
    "post_soviet",
    "europe",
    "middle_east",
    "asia_oceania",
    "africa",
    "north_america",
    "south_america",
];
const UN_ORDER: [&str; 5] = ["africa", "americas", "asia", "europe", "oceania"];
const BALTIC: [&str; 3] = ["EE", "LV", "LT"];
const UNASSIGNED: &str = "unassigned";

/// A reading as README's table of keys defines it. Weights in 1/10 000: invalid, davankov,
/// slutsky, kharitonov, unreturned.
#[derive(Clone, Debug)]
struct Reading {
    weights: [i64; 5],
    base: &'static str,
    baltics: &'static str,
    disputed: &'static str,
    win: &'static str,
    min_issued: i64,
    regions: &'static str,
}

impl Reading {
    /// README: the canonical form lists every key in the table's order; weights as the shortest
    /// decimal.
    fn canonical(&self) -> String {
        let weight = |u: i64| match u {
            0 => "0".to_string(),
            SCALE => "1".to_string(),
            u => format!("0.{u:04}").trim_end_matches('0').to_string(),
        };
        let [i, d, s, k, u] = self.weights.map(weight);
        format!(
            // The aggregates abroad do not depend on what "Russia" means: the paper's meaning.
            "invalid={i}&davankov={d}&slutsky={s}&kharitonov={k}&unreturned={u}&base={}&baltics={}&disputed={}&win={}&min_issued={}&regions={}&russia=cec_total",
            self.base, self.baltics, self.disputed, self.win, self.min_issued, self.regions
        )
    }
}

/// The counts of one PEC, or summed over several.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    pecs: i64,
    registered: i64,
    early: i64,
    inside: i64,
    mobile: i64,
    cast: i64,
    invalid: i64,
    valid: i64,
    davankov: i64,
    putin: i64,
    slutsky: i64,
    kharitonov: i64,
    /// documented, matched, inferred, unknown.
    evidence: [u32; 4],
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.pecs += o.pecs;
        self.registered += o.registered;
        self.early += o.early;
        self.inside += o.inside;
        self.mobile += o.mobile;
        self.cast += o.cast;
        self.invalid += o.invalid;
        self.valid += o.valid;
        self.davankov += o.davankov;
        self.putin += o.putin;
        self.slutsky += o.slutsky;
        self.kharitonov += o.kharitonov;
        for (a, b) in self.evidence.iter_mut().zip(o.evidence) {
            *a += b;
        }
    }
    fn issued(&self) -> i64 {
        self.early + self.inside + self.mobile
    }
    fn unreturned(&self) -> i64 {
        self.issued() - self.cast
    }
    /// The opposition in 1/10 000 ballot.
    fn opposition(&self, r: &Reading) -> i64 {
        let [wi, wd, ws, wk, wu] = r.weights;
        wi * self.invalid
            + wd * self.davankov
            + ws * self.slutsky
            + wk * self.kharitonov
            + wu * self.unreturned()
    }
    fn base(&self, r: &Reading) -> i64 {
        match r.base {
            "issued" => self.issued(),
            "cast" => self.cast,
            "valid" => self.valid,
            other => unreachable!("{other}"),
        }
    }
    /// The opposition's denominator in 1/10 000: the base and what it counts outside the base.
    fn opposition_denominator(&self, r: &Reading) -> i64 {
        let [wi, _, _, _, wu] = r.weights;
        let outside = match r.base {
            "issued" => 0,
            "cast" => wu * self.unreturned(),
            "valid" => wi * self.invalid + wu * self.unreturned(),
            other => unreachable!("{other}"),
        };
        self.base(r) * SCALE + outside
    }
    fn wins(&self, r: &Reading) -> bool {
        match r.win {
            "plurality" => self.opposition(r) > self.putin * SCALE,
            "majority" => 2 * self.opposition(r) > self.opposition_denominator(r),
            other => unreachable!("{other}"),
        }
    }
}

struct Line {
    pec: u32,
    counts: Counts,
    location: RawLocation,
}

/// The raw files, read once: every 2024 PEC with its protocol and its location line.
fn lines() -> &'static [Line] {
    static LINES: OnceLock<Vec<Line>> = OnceLock::new();
    LINES.get_or_init(|| {
        let locations = raw_location_lines();
        raw_2024()
            .into_iter()
            .map(|r| {
                let location = locations[&r.pec].clone();
                let level = ["documented", "matched", "inferred", "unknown"]
                    .iter()
                    .position(|e| *e == location.evidence)
                    .unwrap_or_else(|| panic!("evidence {}", location.evidence));
                let mut evidence = [0; 4];
                evidence[level] = 1;
                let counts = Counts {
                    pecs: 1,
                    registered: r.get(REGISTERED),
                    early: r.get(EARLY),
                    inside: r.get(INSIDE),
                    mobile: r.get(MOBILE),
                    cast: r.cast(),
                    invalid: r.get(INVALID),
                    valid: r.get(VALID),
                    davankov: r.get(DAVANKOV),
                    putin: r.get(PUTIN),
                    slutsky: r.get(SLUTSKY),
                    kharitonov: r.get(KHARITONOV),
                    evidence,
                };
                Line {
                    pec: r.pec,
                    counts,
                    location,
                }
            })
            .collect()
    })
}

/// The region a PEC falls in under the reading ("unassigned" when not established).
fn region_of(line: &Line, r: &Reading) -> String {
    let l = &line.location;
    if r.regions == "un" {
        return match l.m49_region.to_lowercase().as_str() {
            "" => UNASSIGNED.to_string(),
            m49 => m49.to_string(),
        };
    }
    if BALTIC.contains(&l.country_id.as_str()) {
        return r.baltics.to_string();
    }
    match l.region.as_str() {
        "" | "unknown" => UNASSIGNED.to_string(),
        region => region.to_string(),
    }
}

/// What the engine must say of one place.
#[derive(Debug)]
struct Expected {
    id: String,
    counts: Counts,
    countries: u32,
    counted_in_wins: Option<bool>,
    region: Option<String>,
    country_id: Option<String>,
    disputed: Option<bool>,
}

fn place(id: &str, members: &[&Line]) -> Expected {
    let mut counts = Counts::default();
    for l in members {
        counts.add(&l.counts);
    }
    let countries: BTreeSet<&str> = members
        .iter()
        .map(|l| l.location.country_id.as_str())
        .filter(|c| !c.is_empty())
        .collect();
    Expected {
        id: id.to_string(),
        counts,
        countries: countries.len() as u32,
        counted_in_wins: None,
        region: None,
        country_id: None,
        disputed: None,
    }
}

/// Every place under a reading: total, regions (in order), countries and PECs (by id), and the
/// win counts [pecs, countries, pecs counted, countries counted].
struct Reference {
    total: Expected,
    regions: Vec<Expected>,
    countries: BTreeMap<String, Expected>,
    pecs: BTreeMap<String, Expected>,
    wins: [u32; 4],
}

fn reference(r: &Reading) -> Reference {
    let included: Vec<&Line> = lines()
        .iter()
        .filter(|l| !(r.disputed == "exclude" && l.location.disputed))
        .collect();
    let total = place("total", &included);

    let order: &[&str] = if r.regions == "un" {
        &UN_ORDER
    } else {
        &PAPER_ORDER
    };
    let in_region = |id: &str| -> Vec<&Line> {
        included
            .iter()
            .copied()
            .filter(|l| region_of(l, r) == id)
            .collect()
    };
    let mut regions: Vec<Expected> = order.iter().map(|id| place(id, &in_region(id))).collect();
    let unassigned = in_region(UNASSIGNED);
    if !unassigned.is_empty() {
        regions.push(place(UNASSIGNED, &unassigned));
    }
    for region in &mut regions {
        region.counted_in_wins = Some(false);
    }

    let mut by_country: BTreeMap<&str, Vec<&Line>> = BTreeMap::new();
    for l in &included {
        by_country
            .entry(l.location.country_id.as_str())
            .or_default()
            .push(l);
    }
    let countries: BTreeMap<String, Expected> = by_country
        .iter()
        .map(|(&country, members)| {
            let id = if country.is_empty() {
                UNASSIGNED
            } else {
                country
            };
            let mut e = place(id, members);
            if country.is_empty() {
                e.counted_in_wins = Some(false);
            } else {
                let regions: BTreeSet<String> = members.iter().map(|l| region_of(l, r)).collect();
                assert_eq!(regions.len(), 1, "country {country} spans {regions:?}");
                e.region = regions.into_iter().next().filter(|x| x != UNASSIGNED);
                e.country_id = Some(country.to_string());
                e.counted_in_wins = Some(e.counts.issued() >= r.min_issued);
            }
            (id.to_string(), e)
        })
        .collect();

    let pecs: BTreeMap<String, Expected> = included
        .iter()
        .map(|l| {
            let id = l.pec.to_string();
            let mut e = place(&id, &[l]);
            let region = region_of(l, r);
            e.region = (region != UNASSIGNED).then_some(region);
            let c = &l.location.country_id;
            e.country_id = (!c.is_empty()).then(|| c.clone());
            e.disputed = Some(l.location.disputed);
            e.counted_in_wins = Some(e.counts.issued() >= r.min_issued);
            (id, e)
        })
        .collect();

    let won = |list: &BTreeMap<String, Expected>| {
        list.values()
            .filter(|e| e.counted_in_wins == Some(true) && e.counts.wins(r))
            .count() as u32
    };
    let counted = |list: &BTreeMap<String, Expected>| {
        list.values()
            .filter(|e| e.counted_in_wins == Some(true))
            .count() as u32
    };
    let wins = [
        won(&pecs),
        won(&countries),
        counted(&pecs),
        counted(&countries),
    ];
    Reference {
        total,
        regions,
        countries,
        pecs,
        wins,
    }
}

/// Shares to 1e-12: the same integers divided, whatever the order of operations.
fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-12,
        (None, None) => true,
        _ => false,
    }
}

fn check(a: &Aggregate, e: &Expected, r: &Reading) -> Result<(), TestCaseError> {
    let c = &e.counts;
    let at = format!("{} under {}", e.id, r.canonical());
    prop_assert_eq!(&a.id, &e.id);
    prop_assert_eq!(i64::from(a.pecs), c.pecs, "pecs of {}", at);
    prop_assert_eq!(a.countries, e.countries, "countries of {}", at);
    let got = [
        a.registered,
        a.issued,
        a.early,
        a.inside,
        a.mobile,
        a.cast,
        a.valid,
        a.invalid,
        a.unreturned,
        a.votes.davankov,
        a.votes.putin,
        a.votes.slutsky,
        a.votes.kharitonov,
    ];
    let want = [
        c.registered,
        c.issued(),
        c.early,
        c.inside,
        c.mobile,
        c.cast,
        c.valid,
        c.invalid,
        c.unreturned(),
        c.davankov,
        c.putin,
        c.slutsky,
        c.kharitonov,
    ];
    prop_assert_eq!(got, want, "counts of {}", at);
    let ev = a.evidence;
    prop_assert_eq!(
        [ev.documented, ev.matched, ev.inferred, ev.unknown],
        c.evidence,
        "evidence of {}",
        at
    );
    let opposition = c.opposition(r);
    prop_assert!(
        (a.opposition - opposition as f64 / SCALE as f64).abs() < 1e-9,
        "opposition of {}: {} vs {}",
        at,
        a.opposition,
        opposition
    );
    let denominator = c.opposition_denominator(r);
    let opposition_share = (denominator != 0).then(|| opposition as f64 / denominator as f64);
    prop_assert!(
        close(a.opposition_share, opposition_share),
        "opposition share of {}: {:?} vs {:?}",
        at,
        a.opposition_share,
        opposition_share
    );
    let base = c.base(r);
    let putin_share = (base != 0).then(|| c.putin as f64 / base as f64);
    prop_assert!(
        close(a.putin_share, putin_share),
        "Putin's share of {}: {:?} vs {:?}",
        at,
        a.putin_share,
        putin_share
    );
    prop_assert_eq!(a.opposition_wins, c.wins(r), "won? {}", at);
    if let Some(counted) = e.counted_in_wins {
        prop_assert_eq!(a.counted_in_wins, counted, "counted in wins? {}", at);
    }
    if e.id != "total" {
        prop_assert_eq!(a.place.region, e.region.as_deref(), "region of {}", at);
        prop_assert_eq!(&a.place.country_id, &e.country_id, "country of {}", at);
        prop_assert_eq!(a.place.disputed, e.disputed, "disputed? {}", at);
    }
    Ok(())
}

fn check_all(results: &Results, r: &Reading) -> Result<(), TestCaseError> {
    let expected = reference(r);
    prop_assert_eq!(&results.state, &r.canonical());
    check(&results.total, &expected.total, r)?;
    let ids: Vec<&str> = results.regions.iter().map(|a| a.id.as_str()).collect();
    let want: Vec<&str> = expected.regions.iter().map(|e| e.id.as_str()).collect();
    prop_assert_eq!(ids, want, "regions in order");
    for (a, e) in results.regions.iter().zip(&expected.regions) {
        check(a, e, r)?;
    }
    for (list, want) in [
        (&results.countries, &expected.countries),
        (&results.pecs, &expected.pecs),
    ] {
        let ids: BTreeSet<&str> = list.iter().map(|a| a.id.as_str()).collect();
        prop_assert_eq!(ids.len(), list.len(), "ids are unique");
        prop_assert_eq!(
            ids,
            want.keys().map(String::as_str).collect::<BTreeSet<_>>()
        );
        for a in list {
            check(a, &want[&a.id], r)?;
        }
    }
    // The unassigned country row, if any, comes last.
    if expected.countries.contains_key(UNASSIGNED) {
        prop_assert_eq!(&results.countries.last().unwrap().id, UNASSIGNED);
    }
    let w = results.wins;
    prop_assert_eq!(
        [w.pecs, w.countries, w.pecs_counted, w.countries_counted],
        expected.wins,
        "wins under {}",
        r.canonical()
    );
    Ok(())
}

fn compute(r: &Reading) -> Results {
    let state = reweigh::engine::state(&r.canonical()).expect("a valid reading");
    engine().compute(&state)
}

/// Weights biased to the ends and the middle, where ties and edge cases live.
fn weight() -> impl Strategy<Value = i64> {
    prop_oneof![Just(0), Just(SCALE), Just(SCALE / 2), 0..=SCALE]
}

/// `min_issued` at 0, at a PEC's or a country's exact ballots issued (the `>=` boundary), or
/// anywhere up to the maximum.
fn min_issued() -> impl Strategy<Value = i64> {
    let mut exact: BTreeSet<i64> = lines().iter().map(|l| l.counts.issued()).collect();
    let mut by_country: BTreeMap<&str, i64> = BTreeMap::new();
    for l in lines() {
        *by_country.entry(&l.location.country_id).or_default() += l.counts.issued();
    }
    exact.extend(by_country.values());
    let exact: Vec<i64> = exact.into_iter().collect();
    prop_oneof![
        Just(0),
        proptest::sample::select(exact),
        0..=5_000i64,
        0..=1_000_000i64
    ]
}

prop_compose! {
    fn reading()(
        weights in [weight(), weight(), weight(), weight(), weight()],
        base in proptest::sample::select(vec!["issued", "cast", "valid"]),
        baltics in proptest::sample::select(vec!["post_soviet", "europe"]),
        disputed in proptest::sample::select(vec!["include", "exclude"]),
        win in proptest::sample::select(vec!["plurality", "majority"]),
        min_issued in min_issued(),
        regions in proptest::sample::select(vec!["paper", "un"]),
    ) -> Reading {
        Reading { weights, base, baltics, disputed, win, min_issued, regions }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_aggregate_equals_the_reference(r in reading()) {
        check_all(&compute(&r), &r)?;
    }
}

fn paper() -> Reading {
    Reading {
        weights: [SCALE, SCALE, 0, 0, 0],
        base: "issued",
        baltics: "post_soviet",
        disputed: "include",
        win: "plurality",
        min_issued: 0,
        regions: "paper",
    }
}

/// Every choice of every choice key at least once, with the paper's weights and with all five
/// weights at once (so the outside-the-base denominators are exercised under each base).
#[test]
fn every_choice_equals_the_reference() {
    for weights in [
        paper().weights,
        [SCALE; 5],
        [2_500, 10_000, 5_000, 7_500, 10_000],
    ] {
        for base in ["issued", "cast", "valid"] {
            for win in ["plurality", "majority"] {
                for (baltics, disputed, regions) in [
                    ("post_soviet", "include", "paper"),
                    ("europe", "exclude", "paper"),
                    ("post_soviet", "exclude", "un"),
                    ("europe", "include", "un"),
                ] {
                    let r = Reading {
                        weights,
                        base,
                        win,
                        baltics,
                        disputed,
                        regions,
                        ..paper()
                    };
                    check_all(&compute(&r), &r).unwrap();
                }
            }
        }
    }
}

/// Control values read off the raw files by hand, so the reference itself is checked.
#[test]
fn the_reference_agrees_with_figures_read_by_eye() {
    let r = paper();
    let under_paper = reference(&r);
    // The paper's Table 3 total column (which the protocols reproduce).
    let t = &under_paper.total.counts;
    assert_eq!(
        (t.pecs, t.issued(), t.valid, t.invalid),
        (288, 380_961, 354_577, 26_147)
    );
    assert_eq!((t.davankov, t.putin), (63_388, 275_249));
    // README: the opposition outnumbers Putin in North America, 2 747 against 2 688.
    let na = under_paper
        .regions
        .iter()
        .find(|e| e.id == "north_america")
        .unwrap();
    assert_eq!(
        (na.counts.opposition(&r) / SCALE, na.counts.putin),
        (2_747, 2_688)
    );
    // 50 disputed PECs in the raw file; the UN scheme has no unassigned PEC but the 10 unknown.
    let excluded = reference(&Reading {
        disputed: "exclude",
        ..paper()
    });
    assert_eq!(excluded.total.counts.pecs, 288 - 50);
    let un = reference(&Reading {
        regions: "un",
        ..paper()
    });
    assert_eq!(un.regions.last().unwrap().id, UNASSIGNED);
    assert_eq!(un.regions.last().unwrap().counts.pecs, 10);
}
