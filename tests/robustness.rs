//! The robustness analyses against brute force: every tipping point against the full evaluation
//! on both sides of it; the importance split against Shapley values computed over every order of
//! the keys; the specification curve against the claim evaluated reading by reading; the
//! location check against the raw locations file.

mod common;

use common::states::state;
use common::*;
use proptest::prelude::*;
use reweigh::State;
use reweigh::analysis::curve;
use reweigh::analysis::location;
use reweigh::analysis::sweep::{self, Grid};
use reweigh::analysis::tipping::weight_keys;
use reweigh::paper::claims::{self, Verdict};
use reweigh::reading::keys::{KEYS, KeyValue};
use reweigh::reading::state::{Base, WEIGHT_SCALE, Weight};
use std::collections::{BTreeMap, BTreeSet};

fn with_weight(s: &State, key: usize, units: i64) -> State {
    let mut out = *s;
    (KEYS[key].set)(
        &mut out,
        KeyValue::Weight(Weight::from_scaled(units).unwrap()),
    );
    out
}

/// Every claim's verdict at one reading, by the full evaluation.
fn verdicts(state: &State) -> Vec<Verdict> {
    let results = engine().compute(state);
    engine()
        .study()
        .claims
        .iter()
        .map(|c| claims::evaluate(c, &results).verdict)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Each interval's ends hold, the values just outside them do not, and so do random values
    /// inside and outside the intervals — all by the full evaluation.
    #[test]
    fn every_tipping_point_is_an_edge_of_the_full_evaluation(
        s in state(),
        probes in proptest::collection::vec(0..=WEIGHT_SCALE, 3),
    ) {
        let tipping = engine().tipping(&s);
        let now = verdicts(&s);
        for (k, key) in weight_keys().enumerate() {
            // Every value to check along this key, and what each claim should be there.
            let mut expect: BTreeMap<i64, Vec<(usize, bool)>> = BTreeMap::new();
            for (c, t) in tipping.iter().enumerate() {
                prop_assert_eq!(t.verdict, now[c]);
                let holds = &t.keys[k].holds;
                let inside = |w: i64| holds.iter().any(|(lo, hi)| lo.scaled() <= w && w <= hi.scaled());
                for &(lo, hi) in holds {
                    for (w, h) in [(lo.scaled(), true), (lo.scaled() - 1, false), (hi.scaled(), true), (hi.scaled() + 1, false)] {
                        if (0..=WEIGHT_SCALE).contains(&w) {
                            expect.entry(w).or_default().push((c, h));
                        }
                    }
                }
                for &w in &probes {
                    expect.entry(w).or_default().push((c, inside(w)));
                }
            }
            for (w, list) in expect {
                let got = verdicts(&with_weight(&s, key, w));
                for (c, holds) in list {
                    prop_assert_eq!(
                        got[c] == Verdict::Holds, holds,
                        "{} along {} at {} (reading {})",
                        &engine().study().claims[c].spec.id, KEYS[key].name, w, s
                    );
                }
            }
        }
    }
}

#[test]
fn tipping_points_of_the_papers_reading_known_by_hand() {
    let paper = State::paper();
    let doc = serde_json::to_value(engine().tipping_document(&paper)).unwrap();
    let claim = |id: &str| {
        doc["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    // North America: the opposition (invalid·w + Davankov) beats Putin's 2 688 when
    // 2 747 − invalid·(1 − w) > 2 688. From the raw CSV: the edge lies where
    // davankov + w·invalid = putin, so "no region lost" holds for w < (putin − davankov)/invalid.
    let locations = raw_locations();
    let raw = raw_2024();
    let na: Vec<_> = raw
        .iter()
        .filter(|r| locations[&r.pec].1 == "north_america")
        .collect();
    let sum = |h: &str| na.iter().map(|r| r.get(h)).sum::<i64>();
    let (d, inv, p) = (sum(DAVANKOV), sum(INVALID), sum(PUTIN));
    assert_eq!(d + inv, 2_747);
    assert_eq!(p, 2_688);
    // Largest w (in 1/10 000) with d·10 000 + w·inv ≤ p·10 000.
    let edge = (p - d) * WEIGHT_SCALE / inv;
    let keys = &claim("putin_lost_no_region")["keys"];
    assert_eq!(claim("putin_lost_no_region")["holds"], false);
    assert_eq!(
        keys["invalid"],
        serde_json::json!([[0.0, edge as f64 / WEIGHT_SCALE as f64]])
    );
    // The shape of the document: every weight key, in the registry's order.
    let names: Vec<&String> = keys.as_object().unwrap().keys().collect();
    assert_eq!(
        names,
        ["invalid", "davankov", "slutsky", "kharitonov", "unreturned"]
    );
    assert_eq!(doc["state"], paper.canonical());
    // Putin's victory abroad holds at every weight.
    for (_, list) in claim("putin_won_abroad")["keys"].as_object().unwrap() {
        assert_eq!(list, &serde_json::json!([[0.0, 1.0]]));
    }
}

/// v(S) by brute force: the share of applicable readings of the sub-grid of S whose verdict
/// differs from the paper's reading's.
fn shapley_by_orders(
    grid_keys: &[(&str, Vec<&str>)],
    claim: usize,
) -> (f64, BTreeMap<String, f64>) {
    let paper_verdict = verdicts(&State::paper())[claim];
    let n = grid_keys.len();
    let v = |set: u32| -> f64 {
        // Every combination of the values of the keys in the set, others at the paper's value.
        let mut readings = vec![String::new()];
        for (i, (key, values)) in grid_keys.iter().enumerate() {
            if set & (1 << i) == 0 {
                continue;
            }
            readings = readings
                .iter()
                .flat_map(|r| values.iter().map(move |v| format!("{r}&{key}={v}")))
                .collect();
        }
        let (mut applicable, mut differ) = (0, 0);
        for r in readings {
            let verdict = verdicts(&State::from_query(r.trim_start_matches('&')).unwrap())[claim];
            if verdict != Verdict::NotApplicable {
                applicable += 1;
                differ += u32::from(verdict != paper_verdict);
            }
        }
        if applicable == 0 {
            0.0
        } else {
            f64::from(differ) / f64::from(applicable)
        }
    };
    let values: Vec<f64> = (0..1u32 << n).map(v).collect();
    // Average over every order of adding the keys of each key's marginal contribution.
    let mut orders: Vec<Vec<usize>> = vec![vec![]];
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
    let mut parts = vec![0.0; n];
    for order in &orders {
        let mut set = 0u32;
        for &k in order {
            parts[k] += values[(set | 1 << k) as usize] - values[set as usize];
            set |= 1 << k;
        }
    }
    let parts = grid_keys
        .iter()
        .zip(parts)
        .map(|((k, _), p)| (k.to_string(), p / orders.len() as f64))
        .collect();
    (values[(1 << n) - 1], parts)
}

#[test]
fn importance_is_the_shapley_value_over_every_order_of_the_keys() {
    let grid_keys: Vec<(&str, Vec<&str>)> = vec![
        ("invalid", vec!["0", "0.5", "1"]),
        ("davankov", vec!["0.5", "1"]),
        ("base", vec!["issued", "cast"]),
        ("win", vec!["plurality", "majority"]),
    ];
    let query = grid_keys
        .iter()
        .map(|(k, v)| format!("{k}={}", v.join(",")))
        .collect::<Vec<_>>()
        .join("&");
    let grid = Grid::parse(&format!(
        "{query}&slutsky=0&kharitonov=0&unreturned=0&baltics=post_soviet&disputed=include&regions=paper&russia=cec_total"
    ))
    .unwrap();
    let sweep = sweep::run(engine().study(), &grid);
    let mut some_split = false;
    for (c, report) in sweep.report.iter().enumerate() {
        let (whole, parts) = shapley_by_orders(&grid_keys, c);
        let split = report.importance.as_ref().unwrap();
        assert!((split.differs - whole).abs() < 1e-12, "{}", report.spec.id);
        for k in &split.keys {
            assert!(
                (k.share - parts[&k.key]).abs() < 1e-12,
                "{} {}: {} against {}",
                report.spec.id,
                k.key,
                k.share,
                parts[&k.key]
            );
        }
        some_split |= split.keys.iter().filter(|k| k.share.abs() > 1e-9).count() > 1;
    }
    assert!(some_split, "some claim's changes rest on more than one key");
}

#[test]
fn the_specification_curve_is_the_claim_under_every_reading_sorted() {
    let grid = Grid::parse(
        "invalid=0,0.5,1&davankov=0.5,1&slutsky=0&kharitonov=0&unreturned=0&base=issued,cast,valid&baltics=post_soviet&disputed=include&win=plurality&regions=paper&russia=cec_total",
    )
    .unwrap();
    let study = engine().study();
    let id = "table4_opposition_europe";
    let c = study.claims.iter().position(|x| x.spec.id == id).unwrap();
    let now = State::from_query("invalid=0.3752&base=cast").unwrap();
    let curve = curve::curve(study, &grid, c, &now).unwrap();
    // Every reading of the grid, evaluated on its own, is on the curve, in order.
    let mut expected: Vec<(f64, Verdict)> = (0..grid.size())
        .map(|i| {
            let o = claims::evaluate(&study.claims[c], &engine().compute(&grid.state(i)));
            (o.value.unwrap(), o.verdict)
        })
        .collect();
    expected.sort_by(|a, b| a.0.total_cmp(&b.0));
    let got: Vec<(f64, Verdict)> = curve.sorted.iter().map(|x| (x.0, x.1)).collect();
    assert_eq!(got.len(), 18);
    for (g, e) in got.iter().zip(&expected) {
        assert!(
            (g.0 - e.0).abs() < 1e-12 && g.1 == e.1,
            "{g:?} against {e:?}"
        );
    }
    // Columns cover the readings once; the panel's shares are shares.
    let covered: usize = curve.columns.iter().map(|col| col.end - col.first).sum();
    assert_eq!(covered, 18);
    let holds: u32 = curve.columns.iter().map(|col| col.holds).sum();
    assert_eq!(
        holds as usize,
        got.iter().filter(|x| x.1 == Verdict::Holds).count()
    );
    // One row per weight varied, one per value of each choice varied.
    assert_eq!(curve.panel.len(), 2 + 3);
    // With one reading per column, a choice's row marks exactly the readings that make it.
    let cast = curve
        .panel
        .iter()
        .find(|r| r.value.as_deref() == Some("cast"))
        .unwrap();
    for (col, shade) in curve.columns.iter().zip(&cast.shade) {
        let index = curve.sorted[col.first].2;
        let is_cast = grid.state(index).base == Base::Cast;
        assert_eq!(*shade, if is_cast { 1.0 } else { 0.0 });
    }
    // The paper's reading sits at its own place; this reading (off the grid) where its number
    // falls, with the number of the full evaluation.
    let paper = curve.paper.unwrap();
    assert_eq!(
        curve.sorted[paper.position].2,
        grid.index_of(&State::paper()).unwrap()
    );
    let current = curve.current.unwrap();
    let exact = claims::evaluate(&study.claims[c], &engine().compute(&now));
    assert_eq!(Some(current.value), exact.value);
    assert!(current.position == 18 || got[current.position].0 >= current.value);
    assert!(current.position == 0 || got[current.position - 1].0 < current.value);
    assert_eq!(curve.target, Some(33.5));
}

#[test]
fn the_location_check_leaves_out_exactly_the_pecs_of_uncertain_location() {
    let mut reader =
        csv::Reader::from_path(root().join("data/raw/locations/pecs-abroad-2024.csv")).unwrap();
    let rows: Vec<BTreeMap<String, String>> = reader.deserialize().map(|r| r.unwrap()).collect();
    let established =
        |r: &BTreeMap<String, String>| matches!(r["evidence"].as_str(), "documented" | "matched");
    let uncertain = rows.iter().filter(|r| !established(r)).count();
    assert_eq!(location::uncertain_count(&engine().study().data), uncertain);
    let data = location::established_only(&engine().study().data);
    // Countries of the check: those with an established PEC, each with exactly those PECs.
    let mut want: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    for r in rows
        .iter()
        .filter(|r| established(r) && !r["country_id"].is_empty())
    {
        want.entry(r["country_id"].clone())
            .or_default()
            .insert(r["pec"].parse().unwrap());
    }
    let got: BTreeMap<String, BTreeSet<u32>> = data
        .countries
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                c.pecs.iter().map(|&i| data.pecs[i].pec).collect(),
            )
        })
        .collect();
    assert_eq!(got, want);
    // Every PEC still counts in the total; a region sums only its established PECs.
    let paper = State::paper();
    let with = engine().compute(&paper);
    let without = reweigh::reading::aggregate::compute(&data, &paper);
    assert_eq!(with.total.sums, without.total.sums);
    for region in ["europe", "asia_oceania", "north_america"] {
        let want = rows
            .iter()
            .filter(|r| established(r) && r["region"] == region)
            .count();
        let got = without
            .regions
            .iter()
            .find(|r| r.id == region)
            .unwrap()
            .pecs;
        assert_eq!(got as usize, want, "{region}");
    }
    // Vietnam's four PECs are all inferred: "Davankov won Vietnam" rests on them.
    assert!(!want.contains_key("VN"));
    let checks = engine().location_checks(&paper);
    let c = engine()
        .study()
        .claims
        .iter()
        .position(|x| x.spec.id == "davankov_won_named_countries")
        .unwrap();
    assert_eq!(checks[c].verdict, Verdict::Holds);
    assert_eq!(checks[c].without, Verdict::Fails);
    assert!(checks[c].rests_on_uncertain());
    // A claim about the total cannot rest on where PECs sit.
    let total = engine()
        .study()
        .claims
        .iter()
        .position(|x| x.spec.id == "putin_won_abroad")
        .unwrap();
    assert!(!checks[total].rests_on_uncertain());
}

#[test]
fn tipping_points_of_every_claim_and_key_are_few_and_ordered() {
    // Intervals come in order, disjoint, not touching (merged), within 0..1.
    for query in [
        "",
        "invalid=0.3752&base=cast",
        "win=majority&base=valid&regions=un",
    ] {
        let s = State::from_query(query).unwrap();
        for t in engine().tipping(&s) {
            for k in &t.keys {
                for pair in k.holds.windows(2) {
                    assert!(
                        pair[0].1.scaled() + 1 < pair[1].0.scaled(),
                        "{query}: {k:?}"
                    );
                }
                for (lo, hi) in &k.holds {
                    assert!(lo <= hi);
                }
            }
        }
    }
    // The ticks a slider shows are the edges of some claim.
    let edges: usize = engine()
        .tipping(&State::paper())
        .iter()
        .map(|t| t.keys[0].edges().len())
        .sum();
    assert!(edges > 0);
}

#[test]
fn the_cli_writes_the_tipping_points_in_the_documented_shape() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_reweigh"))
            .args(args)
            .output()
            .expect("runs")
    };
    let out = run(&["tipping", "--state", "base=cast", "--format", "json"]);
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let top: Vec<&String> = doc.as_object().unwrap().keys().collect();
    assert_eq!(top, ["state", "claims"]);
    assert_eq!(
        doc["state"],
        State::from_query("base=cast").unwrap().canonical()
    );
    let claims = doc["claims"].as_array().unwrap();
    assert_eq!(claims.len(), engine().study().claims.len());
    for c in claims {
        let fields: Vec<&String> = c.as_object().unwrap().keys().collect();
        assert_eq!(fields, ["id", "holds", "keys"]);
        assert!(c["holds"].is_boolean());
        for (_, list) in c["keys"].as_object().unwrap() {
            for pair in list.as_array().unwrap() {
                let (lo, hi) = (pair[0].as_f64().unwrap(), pair[1].as_f64().unwrap());
                assert!((0.0..=hi).contains(&lo) && hi <= 1.0);
            }
        }
    }
    // Under ballots cast Table 2's 16,65 is reproduced, whatever the weights.
    let table2 = claims
        .iter()
        .find(|c| c["id"] == "davankov_share_table2")
        .unwrap();
    assert_eq!(table2["holds"], true);
    assert_eq!(table2["keys"]["invalid"], serde_json::json!([[0.0, 1.0]]));
    let md = run(&["tipping", "--format", "md", "--lang", "ru"]);
    let text = String::from_utf8(md.stdout).unwrap();
    assert!(
        text.contains("| Путин не проиграл ни в одном регионе |"),
        "{text}"
    );
    assert!(text.contains("засчитывается 93,75% или меньше недействительных"));
    assert!(text.contains("опирается на УИК с неустановленным местом"));
    let bad = run(&["tipping", "--format", "csv"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("allowed: json | md"));
    let bad = run(&["tipping", "--state", "invalid=2"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_pinned_reading_shows_beside_this_one_and_names_itself_in_exports() {
    use reweigh::engine::view::parse_hash;
    // The pin is a view key holding a reading; it is written back canonical and encoded.
    let loc = parse_hash("invalid=0.5&tab=3&lang=en&pin=base%3Dcast");
    assert!(loc.errors.is_empty(), "{:?}", loc.errors);
    let pinned = State::from_query("base=cast").unwrap();
    assert_eq!(loc.view.pin.as_deref(), Some(pinned.canonical().as_str()));
    assert!(loc.canonical.ends_with(&format!(
        "pin={}",
        pinned.canonical().replace('=', "%3D").replace('&', "%26")
    )));
    assert_eq!(parse_hash(&loc.canonical).view, loc.view);
    // A bad pin is named and dropped alone.
    let bad = parse_hash("tab=3&pin=invalid%3D7");
    assert_eq!(bad.errors.len(), 1);
    assert_eq!(bad.errors[0].key, "pin");
    assert!(bad.view.pin.is_none());
    // The headline: the pinned value and the difference, from the two readings' aggregates.
    let page = engine().page(&loc.canonical).unwrap();
    let now = engine().compute(&loc.parsed);
    let then = engine().compute(&pinned);
    let share =
        |r: &reweigh::reading::aggregate::Results| r.total.opposition_share.unwrap() * 100.0;
    let figure = page
        .headline
        .figures
        .iter()
        .find(|f| f.id == "opposition-share")
        .unwrap();
    assert_eq!(
        figure.pinned.as_deref(),
        Some(format!("{:.2}%", share(&then)).as_str())
    );
    let diff = share(&now) - share(&then);
    assert!(diff < 0.0);
    assert_eq!(
        figure.pinned_diff.as_deref(),
        Some(format!("−{:.2} pp", -diff).as_str())
    );
    let wins = page
        .headline
        .figures
        .iter()
        .find(|f| f.id == "pecs-won")
        .unwrap();
    assert_eq!(
        wins.pinned.as_deref(),
        Some(then.wins.pecs.to_string().as_str())
    );
    // A Table 3 cell: Europe's PECs are the same in both readings.
    let row = page.table.rows.iter().find(|r| r.id == "pecs").unwrap();
    let col = page
        .table
        .columns
        .iter()
        .position(|c| c.id == "europe")
        .unwrap();
    assert_eq!(row.cells[col].pinned_diff.as_deref(), Some("±0"));
    // Each claim's verdict under the pinned reading.
    let claim = page
        .claims
        .iter()
        .find(|c| c.id == "davankov_share_table2")
        .unwrap();
    assert_eq!(claim.word, "off in the last printed digit");
    assert_eq!(claim.pinned, "pinned: reproduced (16.65%)");
    assert!(claim.pinned_differs);
    // One click swaps or clears.
    let swapped = parse_hash(&page.pin.pinned.as_ref().unwrap().swap_hash);
    assert_eq!(swapped.parsed, pinned);
    assert_eq!(swapped.view.pin.as_deref(), Some(loc.state.as_str()));
    let cleared = parse_hash(&page.pin.pinned.as_ref().unwrap().clear_hash);
    assert!(cleared.view.pin.is_none() && cleared.parsed == loc.parsed);
    // Every export names the pin with its metadata: the JSON's meta, the data package's README
    // (its CSV files are header and data only), the workbook's reading sheet, the sweep's header.
    let json = engine()
        .download(&loc.canonical, "json", "all", "", "2024-01-01")
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json.text).unwrap();
    assert_eq!(doc["meta"]["pin"], pinned.canonical());
    let zip = engine()
        .spreadsheet_file(
            &loc.canonical,
            "zip",
            "",
            "https://example.org/",
            "2024-01-01",
        )
        .unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.bytes)).unwrap();
    let readme = (0..archive.len())
        .find(|&i| archive.by_index(i).unwrap().name().ends_with("README.md"))
        .unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_index(readme).unwrap(), &mut text).unwrap();
    assert!(
        text.contains(&format!("Pinned for comparison: `{}`", pinned.canonical())),
        "{text}"
    );
    let xlsx = engine()
        .spreadsheet_file(
            &loc.canonical,
            "xlsx",
            "",
            "https://example.org/",
            "2024-01-01",
        )
        .unwrap();
    let mut book = zip::ZipArchive::new(std::io::Cursor::new(xlsx.bytes)).unwrap();
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut book.by_name("xl/sharedStrings.xml").unwrap(),
        &mut strings,
    )
    .unwrap();
    assert!(strings.contains("pinned for comparison (query)"));
    assert!(strings.contains(&pinned.canonical().replace('&', "&amp;")));
    let sweep = sweep::run(
        engine().study(),
        &Grid::parse("invalid=0,1&davankov=1&slutsky=0&kharitonov=0&unreturned=0&base=issued&baltics=post_soviet&disputed=include&win=plurality&regions=paper&russia=cec_total").unwrap(),
    );
    // The map's JSON names both readings (its CSV holds data only).
    let map = engine().sweep_export_from(
        &sweep,
        reweigh::engine::Format::Json,
        "2024-01-01",
        &loc.canonical,
    );
    let meta = &serde_json::from_str::<serde_json::Value>(&map).unwrap()["meta"];
    assert_eq!(meta["pin"], pinned.canonical().as_str());
    assert_eq!(meta["state"], loc.state.as_str());
    // Without a pin, nothing pinned anywhere.
    let plain = engine().page("tab=3&lang=en").unwrap();
    assert!(plain.headline.figures.iter().all(|f| f.pinned.is_none()));
    assert!(plain.pin.pinned.is_none());
}

#[test]
fn the_page_names_claims_by_title_and_says_where_they_turn() {
    let page = engine().page("tab=3&lang=ru").unwrap();
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("data/claims.json")).unwrap())
            .unwrap();
    for (c, spec) in page.claims.iter().zip(file["claims"].as_array().unwrap()) {
        assert_eq!(c.title, spec["title_ru"].as_str().unwrap());
        assert_eq!(c.place, spec["where_ru"].as_str().unwrap());
        assert!(!c.tipping.is_empty());
    }
    let lost = page
        .claims
        .iter()
        .find(|c| c.id == "putin_lost_no_region")
        .unwrap();
    assert_eq!(
        lost.tipping[0],
        "Верно, пока оппозиции засчитывается 93,75% или меньше недействительных (испорченных) бюллетеней (остальное как задано)."
    );
    // The invalid slider's marks: every edge of every claim along it, in the reader's words.
    let control = page.controls.iter().find(|c| c.key == "invalid").unwrap();
    let tipping = engine().tipping(&State::paper());
    let mut edges: Vec<Weight> = tipping.iter().flat_map(|t| t.keys[0].edges()).collect();
    edges.sort_unstable();
    edges.dedup();
    let values: Vec<String> = control.ticks.iter().map(|t| t.value.clone()).collect();
    assert_eq!(
        values,
        edges.iter().map(|w| w.to_string()).collect::<Vec<_>>()
    );
    assert!(values.contains(&"0.9375".to_string()));
    assert!(control.ticks_image.contains("M937.5 0V10"));
    // In the slider's unit, as its box writes a weight in Russian (a decimal comma).
    assert!(
        control
            .ticks_text
            .starts_with("Отметки: вердикт одного из выводов меняется при ")
    );
    assert!(
        control.ticks_text.contains("0,9375"),
        "{}",
        control.ticks_text
    );
    assert!(!control.ticks_text.contains('%'));
}
