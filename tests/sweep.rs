//! The sweep by brute force: on a grid of about a thousand readings, every claim is judged one
//! reading at a time with the full evaluation (`claims::evaluate` on `Engine::compute`), and the
//! counts, ranges, importance split (Shapley values over every order of the keys), nearest other
//! verdict and heat maps are taken here by plain enumeration, then compared with
//! `Engine::sweep`. Then README's sentences about the default grid.

mod common;

use common::edit::{edit_in, load};
use common::*;
use reweigh::State;
use reweigh::analysis::sweep::{Sweep, distance};
use reweigh::paper::claims::{self, Outcome, Verdict};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Every key takes at least two values but `kharitonov` and `unreturned` (1 152 readings); the
/// paper's reading is one of them. 328 ballots issued: Croatia's one PEC, where Davankov beats
/// Putin (the `>=` of `min_issued` at its boundary, for a PEC and a country).
const GRID: &str = "invalid=0,0.5,1&davankov=0.5,1&slutsky=0,1&kharitonov=0&unreturned=0\
    &base=issued,cast,valid&baltics=post_soviet,europe&disputed=include,exclude\
    &win=plurality,majority&min_issued=0,328&regions=paper,un";

struct Brute {
    sweep: Sweep,
    /// Per reading: its state and its key values as the canonical query writes them.
    states: Vec<State>,
    values: Vec<BTreeMap<String, String>>,
    /// Per claim, per reading: the full evaluation.
    outcomes: Vec<Vec<Outcome>>,
}

fn key_values(state: &State) -> BTreeMap<String, String> {
    state
        .canonical()
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap();
            (k.to_string(), v.to_string())
        })
        .collect()
}

fn brute() -> &'static Brute {
    static BRUTE: OnceLock<Brute> = OnceLock::new();
    BRUTE.get_or_init(|| {
        let engine = engine();
        let grid = reweigh::engine::grid(GRID).unwrap();
        let sweep = engine.sweep(&grid);
        let states: Vec<State> = (0..grid.size()).map(|i| grid.state(i)).collect();
        let mut outcomes = vec![Vec::with_capacity(states.len()); engine.study().claims.len()];
        for state in &states {
            let results = engine.compute(state);
            for (c, claim) in engine.study().claims.iter().enumerate() {
                outcomes[c].push(claims::evaluate(claim, &results));
            }
        }
        let values = states.iter().map(key_values).collect();
        Brute {
            sweep,
            states,
            values,
            outcomes,
        }
    })
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1.0),
        (None, None) => true,
        _ => false,
    }
}

#[test]
fn the_grid_holds_every_combination_once() {
    let b = brute();
    let mut sizes = 1;
    for (key, list) in &b.sweep.grid.keys {
        sizes *= list.len();
        for v in list {
            assert!(
                b.values.iter().any(|r| &r[key] == v),
                "{key}={v} never taken"
            );
        }
    }
    assert_eq!(sizes, 3 * 2 * 2 * 3 * 2 * 2 * 2 * 2 * 2 * 3);
    assert_eq!(b.states.len(), sizes);
    let mut unique: Vec<String> = b.states.iter().map(State::canonical).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), sizes);
    assert!(b.states.contains(&State::paper()));
}

#[test]
fn counts_ranges_and_the_papers_verdict_equal_the_brute_force() {
    let b = brute();
    assert_eq!(b.sweep.report.len(), b.outcomes.len());
    for (report, outcomes) in b.sweep.report.iter().zip(&b.outcomes) {
        let id = &report.spec.id;
        let count = |v: Verdict| outcomes.iter().filter(|o| o.verdict == v).count() as u32;
        let (holds, off, fails, na) = (
            count(Verdict::Holds),
            count(Verdict::OffLastDigit),
            count(Verdict::Fails),
            count(Verdict::NotApplicable),
        );
        assert_eq!(
            (
                report.holds,
                report.off_last_digit,
                report.fails,
                report.not_applicable
            ),
            (holds, off, fails, na),
            "{id}"
        );
        let decided = holds + off + fails;
        let share = (decided > 0).then(|| f64::from(holds) / f64::from(decided));
        assert_eq!(report.share_holding, share, "{id}");
        let values: Vec<f64> = outcomes.iter().filter_map(|o| o.value).collect();
        let min = values.iter().copied().reduce(f64::min);
        let max = values.iter().copied().reduce(f64::max);
        assert!(
            close(report.min, min),
            "{id}: min {:?} vs {min:?}",
            report.min
        );
        assert!(
            close(report.max, max),
            "{id}: max {:?} vs {max:?}",
            report.max
        );
        let paper = b.states.iter().position(|s| *s == State::paper()).unwrap();
        assert_eq!(report.paper.verdict, outcomes[paper].verdict, "{id}");
        assert!(close(report.paper.value, outcomes[paper].value), "{id}");
        // Each reading's verdict, one by one.
        for (i, o) in outcomes.iter().enumerate() {
            let c = b.sweep.claim_index(id).unwrap();
            assert_eq!(b.sweep.verdict(c, i), o.verdict, "{id} at {}", b.states[i]);
        }
    }
    // The grid is no trivial one: some claim holds in some readings and fails in others, and
    // some claim does not apply somewhere.
    assert!(b.sweep.report.iter().any(|r| r.holds > 0 && r.fails > 0));
    assert!(b.sweep.report.iter().any(|r| r.not_applicable > 0));
}

#[test]
fn importance_equals_shapley_values_over_every_order_of_the_keys() {
    let b = brute();
    let paper_values = key_values(&State::paper());
    // The keys the grid varies, and for each reading the set of them it moves from the paper's.
    let varying: Vec<&String> = b
        .sweep
        .grid
        .keys
        .iter()
        .filter(|(_, list)| list.len() > 1)
        .map(|(k, _)| k)
        .collect();
    let n = varying.len();
    let moved: Vec<usize> = b
        .values
        .iter()
        .map(|values| {
            (0..n)
                .filter(|&i| values[varying[i]] != paper_values[varying[i]])
                .fold(0, |m, i| m | 1 << i)
        })
        .collect();
    let mut orders: Vec<Vec<usize>> = vec![Vec::new()];
    for _ in 0..n {
        orders = orders
            .into_iter()
            .flat_map(|o| {
                (0..n)
                    .filter(|k| !o.contains(k))
                    .map(|k| {
                        let mut next = o.clone();
                        next.push(k);
                        next
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
    }
    let mut split_somewhere = false;
    for (report, outcomes) in b.sweep.report.iter().zip(&b.outcomes) {
        let paper = report.paper.verdict;
        // v(S): the share of applicable readings moved only in keys of S that differ from the
        // paper's verdict.
        let v: Vec<f64> = (0..1usize << n)
            .map(|set| {
                let (mut applicable, mut differ) = (0u32, 0u32);
                for (o, &m) in outcomes.iter().zip(&moved) {
                    if m & !set == 0 && o.verdict != Verdict::NotApplicable {
                        applicable += 1;
                        differ += u32::from(o.verdict != paper);
                    }
                }
                if applicable == 0 {
                    0.0
                } else {
                    f64::from(differ) / f64::from(applicable)
                }
            })
            .collect();
        let mut parts = vec![0.0; n];
        for order in &orders {
            let mut set = 0;
            for &k in order {
                parts[k] += v[set | 1 << k] - v[set];
                set |= 1 << k;
            }
        }
        let split = report
            .importance
            .as_ref()
            .expect("the paper’s reading is in the grid");
        assert!(
            (split.differs - v[(1 << n) - 1]).abs() < 1e-12,
            "{}",
            report.spec.id
        );
        assert_eq!(split.keys.len(), n);
        for part in &split.keys {
            let k = varying.iter().position(|v| **v == part.key).unwrap();
            let want = parts[k] / orders.len() as f64;
            assert!(
                (part.share - want).abs() < 1e-9,
                "{} {}: {} against {want}",
                report.spec.id,
                part.key,
                part.share
            );
        }
        split_somewhere |= split.keys.iter().filter(|k| k.share.abs() > 1e-9).count() > 1;
    }
    assert!(split_somewhere);
}

#[test]
fn the_nearest_other_verdict_is_the_nearest_by_enumeration() {
    let b = brute();
    let paper = State::paper();
    let mut named = 0;
    for (report, outcomes) in b.sweep.report.iter().zip(&b.outcomes) {
        let id = &report.spec.id;
        // The other verdict: where it does not hold if it holds, else where it holds.
        let other = |v: Verdict| match report.paper.verdict {
            Verdict::Holds => v != Verdict::NotApplicable && v != Verdict::Holds,
            _ => v == Verdict::Holds,
        };
        let nearest = b
            .states
            .iter()
            .zip(outcomes)
            .filter(|(_, o)| other(o.verdict))
            .map(|(s, _)| distance(&paper, s))
            .reduce(f64::min);
        match (&report.nearest_other, nearest) {
            (None, None) => {}
            (Some(text), Some(d)) => {
                named += 1;
                let state = State::from_query(text).unwrap();
                let i = b
                    .states
                    .iter()
                    .position(|s| *s == state)
                    .expect("in the grid");
                assert!(
                    other(outcomes[i].verdict),
                    "{id}: {text} has the paper’s verdict"
                );
                assert_eq!(
                    distance(&paper, &state),
                    d,
                    "{id}: {text} is not the nearest"
                );
            }
            (got, want) => panic!("{id}: nearest {got:?}, by enumeration {want:?}"),
        }
    }
    assert!(
        named >= 10,
        "only {named} claims have another verdict in the grid"
    );
}

#[test]
fn the_heat_map_equals_the_brute_force() {
    let b = brute();
    let keys: Vec<&str> = b.sweep.grid.keys.iter().map(|(k, _)| k.as_str()).collect();
    for (c, outcomes) in b.outcomes.iter().enumerate() {
        for (x, y) in [
            ("invalid", "base"),
            ("win", "davankov"),
            ("regions", "min_issued"),
        ] {
            let map = b.sweep.map(c, x, y).unwrap();
            let xs = &b.sweep.grid.keys[keys.iter().position(|k| *k == x).unwrap()].1;
            let ys = &b.sweep.grid.keys[keys.iter().position(|k| *k == y).unwrap()].1;
            assert_eq!(map.len(), ys.len());
            for (row, yv) in map.iter().zip(ys) {
                assert_eq!(row.len(), xs.len());
                for (cell, xv) in row.iter().zip(xs) {
                    let (mut holds, mut decided) = (0u32, 0u32);
                    for (values, o) in b.values.iter().zip(outcomes) {
                        if &values[x] == xv
                            && &values[y] == yv
                            && o.verdict != Verdict::NotApplicable
                        {
                            decided += 1;
                            holds += u32::from(o.verdict == Verdict::Holds);
                        }
                    }
                    let want = (decided > 0).then(|| f64::from(holds) / f64::from(decided));
                    assert_eq!(*cell, want, "claim {c} at {x}={xv}, {y}={yv}");
                }
            }
        }
        assert!(b.sweep.map(c, "invalid", "colour").is_none());
    }
}

fn default_sweep() -> &'static Sweep {
    static SWEEP: OnceLock<Sweep> = OnceLock::new();
    SWEEP.get_or_init(|| engine().sweep(&reweigh::engine::grid("").unwrap()))
}

fn report<'s>(sweep: &'s Sweep, id: &str) -> &'s reweigh::analysis::sweep::ClaimReport {
    let c = sweep
        .claim_index(id)
        .unwrap_or_else(|| panic!("no claim {id}"));
    &sweep.report[c]
}

/// README: "by default each weight over 0, 0.25, 0.5, 0.75, 1 times every choice — 450 000
/// readings".
#[test]
fn the_default_grid_is_the_one_readme_describes() {
    let grid = &default_sweep().grid;
    let quarters = ["0", "0.25", "0.5", "0.75", "1"];
    let expected: [(&str, &[&str]); 12] = [
        ("invalid", &quarters),
        ("davankov", &quarters),
        ("slutsky", &quarters),
        ("kharitonov", &quarters),
        ("unreturned", &quarters),
        ("base", &["issued", "cast", "valid"]),
        ("baltics", &["post_soviet", "europe"]),
        ("disputed", &["include", "exclude"]),
        ("win", &["plurality", "majority"]),
        ("min_issued", &["0"]),
        ("regions", &["paper", "un"]),
        ("russia", &["cec_total", "without_abroad", "protocols"]),
    ];
    assert_eq!(grid.keys.len(), expected.len());
    for ((key, values), (k, v)) in grid.keys.iter().zip(expected) {
        assert_eq!(
            (key.as_str(), values.as_slice()),
            (
                k,
                v.iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .as_slice()
            )
        );
    }
    assert_eq!(grid.size(), 450_000);
}

/// README: "Putin won abroad (in every reading of the grid)". The largest opposition any
/// reading of the grid can count is every weight at 1; it is far below Putin's votes under
/// every base and rule, summed here from the raw CSV.
#[test]
fn putin_won_abroad_in_every_reading_of_the_default_grid() {
    let r = report(default_sweep(), "putin_won_abroad");
    assert_eq!((r.holds, r.fails, r.not_applicable), (450_000, 0, 0));
    assert_eq!(r.nearest_other, None);
    let raw = raw_2024();
    let putin: i64 = raw.iter().map(|p| p.get(PUTIN)).sum();
    let most: i64 = raw
        .iter()
        .map(|p| {
            p.get(INVALID)
                + p.get(DAVANKOV)
                + p.get(SLUTSKY)
                + p.get(KHARITONOV)
                + (p.issued() - p.cast())
        })
        .sum();
    assert!(2 * most < putin, "{most} against {putin}");
    // Its row in the robustness panel: the paper's verdict with no "(—)" for a value it lacks.
    let view = engine().sweep_view(default_sweep(), reweigh::text::Lang::En);
    let row = view
        .rows
        .iter()
        .find(|r| r.id == "putin_won_abroad")
        .unwrap();
    assert_eq!(row.paper, "Under the paper’s own reading: holds");
    assert!(view.rows.iter().all(|r| !r.paper.contains("(—)")));
}

/// README's paragraph on what the map shows under the paper's own reading, sentence by
/// sentence, against the default sweep's verdicts and figures summed here from the raw CSV.
#[test]
fn readme_on_the_papers_own_reading() {
    let sweep = default_sweep();
    let paper = |id: &str| report(sweep, id).paper.clone();
    let raw = raw_2024();
    let locations = raw_locations();
    // "the opposition outnumbers him in North America (2 747 against 2 688), so 'Putin lost no
    // region' fails"
    let north_america: Vec<_> = raw
        .iter()
        .filter(|p| locations[&p.pec].1 == "north_america")
        .collect();
    let opposition: i64 = north_america
        .iter()
        .map(|p| p.get(INVALID) + p.get(DAVANKOV))
        .sum();
    let putin: i64 = north_america.iter().map(|p| p.get(PUTIN)).sum();
    assert_eq!((opposition, putin), (2_747, 2_688));
    assert_eq!(paper("putin_lost_no_region").verdict, Verdict::Fails);
    // "Davankov beats Putin in 42 PECs, not 41, and in 22 countries"
    let d_beats_p = raw
        .iter()
        .filter(|p| p.get(DAVANKOV) > p.get(PUTIN))
        .count();
    assert_eq!(d_beats_p, 42);
    assert_eq!(paper("davankov_won_41_pecs").value, Some(42.0));
    assert_eq!(paper("davankov_won_41_pecs").verdict, Verdict::Fails);
    let mut by_country: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
    for p in &raw {
        let country = locations[&p.pec].0.as_str();
        if !country.is_empty() {
            let e = by_country.entry(country).or_default();
            e.0 += p.get(DAVANKOV);
            e.1 += p.get(PUTIN);
        }
    }
    assert_eq!(by_country.values().filter(|(d, p)| d > p).count(), 22);
    assert_eq!(paper("davankov_won_named_countries").value, Some(22.0));
    // "spoiled ballots add 16 PECs, not 15, and Belgium to the four European countries"
    let spoiled = raw
        .iter()
        .filter(|p| {
            p.get(DAVANKOV) + p.get(INVALID) > p.get(PUTIN) && p.get(DAVANKOV) <= p.get(PUTIN)
        })
        .count();
    assert_eq!(spoiled, 16);
    assert_eq!(paper("spoiled_ballots_add_15_pecs").value, Some(16.0));
    assert_eq!(paper("spoiled_ballots_add_15_pecs").verdict, Verdict::Fails);
    let added = paper("spoiled_ballots_add_four_european_countries");
    assert_eq!((added.verdict, added.value), (Verdict::Fails, Some(5.0)));
    // "Table 2's 16,65% is Davankov's share of ballots cast"
    let davankov: i64 = raw.iter().map(|p| p.get(DAVANKOV)).sum();
    let cast: i64 = raw.iter().map(|p| p.cast()).sum();
    assert_eq!(
        format!("{:.2}", 100.0 * davankov as f64 / cast as f64),
        "16.65"
    );
    // ... and of ballots issued it shows as 16,64: off in the last printed digit.
    assert_eq!(
        paper("davankov_share_table2").verdict,
        Verdict::OffLastDigit
    );
    let under_cast = State::from_query("base=cast").unwrap();
    let i = sweep
        .grid
        .keys
        .iter()
        .position(|(k, _)| k == "base")
        .unwrap();
    assert_eq!(sweep.grid.keys[i].1, ["issued", "cast", "valid"]);
    let c = sweep.claim_index("davankov_share_table2").unwrap();
    let index = (0..sweep.grid.size())
        .find(|&n| sweep.grid.state(n) == under_cast)
        .unwrap();
    assert_eq!(sweep.verdict(c, index), Verdict::Holds);
    // "'South and Central America and Asia were the opposition's best regions' follows from
    // Table 4's swapped column headers, not from the protocols"
    assert_eq!(paper("best_and_worst_regions").verdict, Verdict::Fails);
    // "the 'less than 90 thousand' holds with 89 535"
    let opposition: i64 = raw.iter().map(|p| p.get(INVALID) + p.get(DAVANKOV)).sum();
    assert_eq!(opposition, 89_535);
    let under_90 = paper("opposition_under_90_thousand");
    assert_eq!(
        (under_90.verdict, under_90.value),
        (Verdict::Holds, Some(89_535.0))
    );
}

#[test]
fn the_robustness_csv_follows_the_readers_dialect_and_holds_both_languages() {
    let engine = engine();
    let grid = reweigh::engine::grid(
        "invalid=0,1&base=issued&baltics=post_soviet&disputed=include&win=plurality&regions=paper&davankov=1&slutsky=0&kharitonov=0&unreturned=0",
    )
    .unwrap();
    let sweep = engine.sweep(&grid);
    let csv_of = |hash: &str| {
        engine.sweep_export_from(&sweep, reweigh::engine::Format::Csv, "2026-01-01", hash)
    };
    let read = |text: &str, sep: u8| {
        let mut r = csv::ReaderBuilder::new()
            .delimiter(sep)
            .from_reader(text.as_bytes());
        let head = r.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        (head, rows)
    };
    for (hash, sep, half) in [("lang=en", b',', "0.5"), ("lang=ru", b';', "0,5")] {
        let text = csv_of(hash);
        assert!(
            !text.contains("\n#") && !text.starts_with('#'),
            "{hash}: data only"
        );
        let (head, rows) = read(&text, sep);
        let col = |name: &str| head.iter().position(|h| h == name).unwrap();
        assert_eq!(rows.len(), engine.bundle().claims.claims.len());
        let row = rows
            .iter()
            .find(|r| &r[0] == "putin_lost_no_region")
            .unwrap();
        // One of the two readings (spoiled ballots counted or not) gives Putin a lost region.
        assert_eq!(&row[col("share_holding")], half, "{hash}");
        assert_eq!(
            &row[col("title_ru")],
            "Путин не проиграл ни в одном регионе"
        );
        assert!(row[col("quote_ru")].starts_with("Как видно из Таблицы 3"));
        assert!(row[col("quote_en")].starts_with("As can be seen from Table 3"));
    }
}

/// The committed bundle with every vote for Putin given to Davankov (the national file's abroad
/// lines moved alike, so it still loads): the opposition then wins every region, the first of
/// each scheme included, which the real data never shows.
fn every_region_falls() -> reweigh::Engine {
    let mut texts = bundle_texts();
    let mut moved = 0i64;
    edit_in(&mut texts, "pecs-2024.json", |pecs| {
        for p in pecs["pecs"].as_array_mut().unwrap() {
            let putin = p["votes"]["putin"].as_i64().unwrap();
            let davankov = p["votes"]["davankov"].as_i64().unwrap();
            p["votes"]["davankov"] = (davankov + putin).into();
            p["votes"]["putin"] = 0.into();
            moved += putin;
        }
    });
    edit_in(&mut texts, "russia-2024-national.json", |doc| {
        let shift = |votes: &mut serde_json::Value| {
            let get = |v: &serde_json::Value, k: &str| v[k].as_i64().unwrap();
            let (d, p) = (get(votes, "davankov"), get(votes, "putin"));
            votes["davankov"] = (d + moved).into();
            votes["putin"] = (p - moved).into();
        };
        for s in doc["subjects"].as_array_mut().unwrap() {
            if s["kind"] == "abroad" {
                shift(&mut s["votes"]);
            }
        }
        shift(&mut doc["totals"]["abroad"]["votes"]);
        shift(&mut doc["totals"]["protocols"]["votes"]);
        let lines = &mut doc["derived"]["lines"];
        let (d, p) = (
            lines["davankov"].as_i64().unwrap(),
            lines["putin"].as_i64().unwrap(),
        );
        lines["davankov"] = (d - moved).into();
        lines["putin"] = (p + moved).into();
    });
    load(&texts).unwrap()
}

#[test]
fn counts_of_fallen_regions_equal_the_full_evaluation_when_every_region_falls() {
    let engine = every_region_falls();
    let grid = reweigh::engine::grid(
        "invalid=0,1&davankov=1&slutsky=0&kharitonov=0&unreturned=0&base=issued,valid&baltics=post_soviet&disputed=include&win=plurality&min_issued=0&regions=paper,un&russia=cec_total",
    )
    .unwrap();
    let sweep = engine.sweep(&grid);
    let states: Vec<State> = (0..grid.size()).map(|i| grid.state(i)).collect();
    let results: Vec<_> = states.iter().map(|s| engine.compute(s)).collect();
    let lost = engine
        .study()
        .claims
        .iter()
        .position(|c| c.spec.id == "putin_lost_no_region")
        .unwrap();
    for (c, claim) in engine.study().claims.iter().enumerate() {
        let outcomes: Vec<Outcome> = results.iter().map(|r| claims::evaluate(claim, r)).collect();
        let report = &sweep.report[c];
        let count = |v: Verdict| outcomes.iter().filter(|o| o.verdict == v).count() as u32;
        assert_eq!(
            (report.holds, report.fails, report.not_applicable),
            (
                count(Verdict::Holds),
                count(Verdict::Fails),
                count(Verdict::NotApplicable)
            ),
            "{}",
            claim.spec.id
        );
        let values = || outcomes.iter().filter_map(|o| o.value);
        assert_eq!(report.min, values().reduce(f64::min), "{}", claim.spec.id);
        assert_eq!(report.max, values().reduce(f64::max), "{}", claim.spec.id);
        if c == lost {
            // Fallen regions in every reading: the count is never 0.
            assert!(report.max.unwrap() >= report.min.unwrap() && report.min.unwrap() >= 5.0);
        }
    }
}
