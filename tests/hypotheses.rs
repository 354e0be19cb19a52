//! The hypothesis search, exactly: for every paper region, the printed Table 3 row (read here from
//! data/paper.json) against the protocols (summed here from the raw CEC file by the raw locations
//! file's region), and every reassignment of at most 3 PECs in and 3 out whose location is only
//! inferred or unknown (the raw `evidence` column) enumerated by brute force: the engine's
//! hypotheses must be exactly the smallest ones, with every column reproduced.

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet};

/// The Table 3 rows a reassignment must reproduce, in the engine's `difference` order.
const ROWS: [&str; 9] = [
    "pecs",
    "issued",
    "valid",
    "invalid",
    "unreturned",
    "davankov",
    "putin",
    "slutsky",
    "kharitonov",
];
const REGIONS: [&str; 7] = [
    "post_soviet",
    "europe",
    "middle_east",
    "asia_oceania",
    "africa",
    "north_america",
    "south_america",
];
const MAX_MOVES: usize = 3;

type Row = [i64; 9];

fn row_of(p: &RawPec) -> Row {
    [
        1,
        p.issued(),
        p.get(VALID),
        p.get(INVALID),
        p.issued() - p.cast(),
        p.get(DAVANKOV),
        p.get(PUTIN),
        p.get(SLUTSKY),
        p.get(KHARITONOV),
    ]
}

fn add(a: &mut Row, b: &Row) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

/// The paper's printed Table 3 row for a region ("173 777" → 173777), or None if not printed.
fn printed(region: &str) -> Option<Row> {
    let paper: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("data/paper.json")).unwrap())
            .unwrap();
    let cells = &paper["tables"]["3"]["cells"];
    let mut row = [0; 9];
    for (out, name) in row.iter_mut().zip(ROWS) {
        let text = cells[name][region].as_str()?;
        *out = text.replace(' ', "").parse().unwrap();
    }
    Some(row)
}

/// Every k-subset of 0..n, in order.
fn subsets(n: usize, k: usize) -> Vec<Vec<usize>> {
    fn walk(start: usize, n: usize, k: usize, now: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if now.len() == k {
            out.push(now.clone());
            return;
        }
        for i in start..n {
            now.push(i);
            walk(i + 1, n, k, now, out);
            now.pop();
        }
    }
    let mut out = Vec::new();
    walk(0, n, k, &mut Vec::new(), &mut out);
    out
}

fn sums(rows: &[Row], picks: &[Vec<usize>]) -> Vec<Row> {
    picks
        .iter()
        .map(|pick| {
            let mut s = [0; 9];
            for &i in pick {
                add(&mut s, &rows[i]);
            }
            s
        })
        .collect()
}

/// (moved in, moved out) as sorted PEC numbers.
type Move = (Vec<u32>, Vec<u32>);

/// Every reassignment of `n_in` PECs in and `n_out` out that turns `have` into `want`, by
/// comparing every in-set with every out-set. Sets whose PEC count cannot match are skipped: the
/// PEC column is part of the row.
fn reassignments(
    want: &Row,
    have: &Row,
    candidates_in: &[(u32, Row)],
    candidates_out: &[(u32, Row)],
    n_in: usize,
    n_out: usize,
) -> Vec<Move> {
    if want[0] - have[0] != n_in as i64 - n_out as i64 {
        return Vec::new();
    }
    let rows_in: Vec<Row> = candidates_in.iter().map(|c| c.1).collect();
    let rows_out: Vec<Row> = candidates_out.iter().map(|c| c.1).collect();
    let picks_in = subsets(rows_in.len(), n_in);
    let picks_out = subsets(rows_out.len(), n_out);
    let (sums_in, sums_out) = (sums(&rows_in, &picks_in), sums(&rows_out, &picks_out));
    let mut found = Vec::new();
    for (pick_in, s_in) in picks_in.iter().zip(&sums_in) {
        for (pick_out, s_out) in picks_out.iter().zip(&sums_out) {
            if (0..9).all(|c| have[c] + s_in[c] - s_out[c] == want[c]) {
                let mut moved_in: Vec<u32> = pick_in.iter().map(|&i| candidates_in[i].0).collect();
                let mut moved_out: Vec<u32> =
                    pick_out.iter().map(|&i| candidates_out[i].0).collect();
                moved_in.sort();
                moved_out.sort();
                found.push((moved_in, moved_out));
            }
        }
    }
    found
}

/// What the brute force finds for one region: the printed minus the protocols' row, and the
/// smallest reassignments (size, list), if any within the bound.
struct Found {
    difference: Row,
    smallest: Option<(usize, Vec<Move>)>,
}

fn brute_force(region: &str) -> Option<Found> {
    let want = printed(region)?;
    let locations = raw_location_lines();
    let raw = raw_2024();
    let uncertain = |pec: u32| ["inferred", "unknown"].contains(&locations[&pec].evidence.as_str());
    let mut have = [0; 9];
    let (mut candidates_in, mut candidates_out) = (Vec::new(), Vec::new());
    for p in &raw {
        let inside = locations[&p.pec].region == region;
        if inside {
            add(&mut have, &row_of(p));
        }
        if uncertain(p.pec) {
            if inside {
                candidates_out.push((p.pec, row_of(p)));
            } else {
                candidates_in.push((p.pec, row_of(p)));
            }
        }
    }
    let mut difference = [0; 9];
    for c in 0..9 {
        difference[c] = want[c] - have[c];
    }
    if difference == [0; 9] {
        return Some(Found {
            difference,
            smallest: None,
        });
    }
    for size in 1..=2 * MAX_MOVES {
        let mut all = Vec::new();
        for n_in in 0..=MAX_MOVES.min(size) {
            let n_out = size - n_in;
            if n_out <= MAX_MOVES {
                all.extend(reassignments(
                    &want,
                    &have,
                    &candidates_in,
                    &candidates_out,
                    n_in,
                    n_out,
                ));
            }
        }
        if !all.is_empty() {
            return Some(Found {
                difference,
                smallest: Some((size, all)),
            });
        }
    }
    Some(Found {
        difference,
        smallest: None,
    })
}

#[test]
fn every_region_gets_exactly_the_smallest_reassignments() {
    let engine = engine();
    let hypotheses: BTreeMap<&str, _> = engine
        .study()
        .hypotheses
        .iter()
        .map(|h| (h.region.as_str(), h))
        .collect();
    let mut searched = BTreeSet::new();
    for region in REGIONS {
        let found = brute_force(region).expect("the paper prints every region's row");
        let Some(h) = hypotheses.get(region) else {
            assert_eq!(
                found.difference, [0; 9],
                "{region}: differs, but no hypothesis"
            );
            continue;
        };
        searched.insert(region);
        assert_ne!(
            found.difference, [0; 9],
            "{region}: reproduced, yet searched"
        );
        assert_eq!(h.difference, found.difference.to_vec(), "{region}");
        let engine_moves: BTreeSet<Move> = h
            .reassignments
            .iter()
            .map(|r| {
                let (mut moved_in, mut moved_out) = (r.moved_in.clone(), r.moved_out.clone());
                moved_in.sort();
                moved_out.sort();
                (moved_in, moved_out)
            })
            .collect();
        assert_eq!(
            engine_moves.len(),
            h.reassignments.len(),
            "{region}: listed twice"
        );
        match found.smallest {
            None => assert!(
                h.reassignments.is_empty(),
                "{region}: the engine found {engine_moves:?}, the brute force none"
            ),
            Some((size, all)) => {
                for (moved_in, moved_out) in &engine_moves {
                    assert_eq!(
                        moved_in.len() + moved_out.len(),
                        size,
                        "{region}: not smallest"
                    );
                }
                let all: BTreeSet<Move> = all.into_iter().collect();
                if all.len() <= 10 {
                    assert_eq!(engine_moves, all, "{region}");
                } else {
                    assert_eq!(engine_moves.len(), 10, "{region}");
                    assert!(engine_moves.is_subset(&all), "{region}");
                }
            }
        }
    }
    assert_eq!(
        searched.len(),
        hypotheses.len(),
        "a hypothesis for a region not printed"
    );
}

/// README: "the Europe row is reproduced if PEC 8028 is counted there and PECs 8338 and 8402
/// elsewhere; the South and Central America row if PECs 8285 and 8339 are counted there; no such
/// reassignment exists for the Middle East, Asia and Africa; the post-Soviet row has exactly the
/// ballots of 92 PECs but counts 90."
#[test]
fn each_regions_result_is_the_one_readme_states() {
    let engine = engine();
    let find = |id: &str| {
        engine
            .study()
            .hypotheses
            .iter()
            .find(|h| h.region == id)
            .unwrap_or_else(|| panic!("no hypothesis for {id}"))
    };
    let moves = |id: &str| -> Vec<(Vec<u32>, Vec<u32>)> {
        find(id)
            .reassignments
            .iter()
            .map(|r| (r.moved_in.clone(), r.moved_out.clone()))
            .collect()
    };
    assert_eq!(moves("europe"), [(vec![8028], vec![8338, 8402])]);
    assert_eq!(moves("south_america"), [(vec![8285, 8339], vec![])]);
    let europe = &find("europe").text;
    assert!(
        europe
            .en
            .contains("reproduced exactly if PEC 8028 is counted here and PECs 8338, 8402 are counted elsewhere"),
        "{}",
        europe.en
    );
    assert!(
        europe
            .ru
            .contains("если УИК 8028 отнести сюда и УИК 8338, 8402 — в другой регион"),
        "{}",
        europe.ru
    );
    for id in ["middle_east", "asia_oceania", "africa"] {
        let h = find(id);
        assert!(h.reassignments.is_empty(), "{id}");
        assert!(
            h.text
                .en
                .starts_with("No reassignment of at most 3 inferred or unknown PECs"),
            "{id}: {}",
            h.text.en
        );
    }
    let post_soviet = find("post_soviet");
    assert!(post_soviet.reassignments.is_empty());
    assert_eq!(post_soviet.difference, [-2, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert!(
        post_soviet
            .text
            .en
            .contains("exactly the ballots and votes of the 92 PECs")
            && post_soviet.text.en.contains("counts 90 PECs"),
        "{}",
        post_soviet.text.en
    );
    // North America's printed row is the protocols' own: nothing to search.
    assert!(
        engine
            .study()
            .hypotheses
            .iter()
            .all(|h| h.region != "north_america")
    );
}

/// The brute force itself, checked on figures read by eye: Europe's printed row is the
/// protocols' with PEC 8028 added and PECs 8338 and 8402 taken away.
#[test]
fn the_brute_force_agrees_with_a_sum_by_hand() {
    let raw = raw_2024();
    let locations = raw_location_lines();
    let mut row = [0; 9];
    for p in &raw {
        let counted = (locations[&p.pec].region == "europe" && ![8338, 8402].contains(&p.pec))
            || p.pec == 8028;
        if counted {
            add(&mut row, &row_of(p));
        }
    }
    assert_eq!(row, printed("europe").unwrap());
    assert_eq!(row[..2], [51, 118_366]);
    for pec in [8028, 8338, 8402] {
        assert!(
            ["inferred", "unknown"].contains(&locations[&pec].evidence.as_str()),
            "PEC {pec}"
        );
    }
}
