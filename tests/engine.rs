//! The engine against the raw CSV (summed here, independently of the importer) and against the
//! paper's published figures (read from data/paper.json, never written into this file).

mod common;

use common::*;
use reweigh::State;
use reweigh::data::import;
use reweigh::data::model::Candidate;
use reweigh::paper::audit::{Cell, Status};
use reweigh::paper::tables::Table;
use std::collections::BTreeMap;

fn table(id: &str, state: &State) -> Table {
    engine().tables(state, Some(id)).unwrap().remove(0)
}

fn cell<'t>(t: &'t Table, row: &str, col: &str) -> &'t Cell {
    let c = t
        .columns
        .iter()
        .position(|c| c.id == col)
        .unwrap_or_else(|| panic!("no column {col}"));
    let r = t
        .rows
        .iter()
        .find(|r| r.id == row)
        .unwrap_or_else(|| panic!("no row {row}"));
    &r.cells[c]
}

fn reason(c: &Cell) -> &str {
    c.reason().map_or("", |r| r.code)
}

#[test]
fn the_committed_bundle_is_what_the_importer_writes() {
    let raw = import::read_raw_dir(&root().join("data/raw")).unwrap();
    let transcribed: BTreeMap<String, String> = import::TRANSCRIBED_FILES
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(root().join("data").join(name)).unwrap();
            (name.to_string(), text)
        })
        .collect();
    let generated = import::import(&raw, &transcribed).unwrap();
    let names: Vec<&str> = generated.files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "pecs-2024.json",
            "history.json",
            "manifest.json",
            "russia-2024-national.json",
            "control-relations.md",
            "map.json"
        ]
    );
    for (name, text) in &generated.files {
        let committed = std::fs::read_to_string(root().join("data").join(name)).unwrap();
        assert!(
            committed == *text,
            "data/{name} differs from the importer's output: run `cargo run -- import`"
        );
    }
    let shipped = std::fs::read_to_string(root().join(import::SHIPPED_SOURCE)).unwrap();
    assert_eq!(
        shipped, generated.shipped_source,
        "src/data/shipped.rs is stale: run `cargo run -- import`"
    );
    assert!(generated.failures.is_empty(), "{:?}", generated.failures);
    // The manifest vouches for every raw input, the zip and the map's TopoJSON included.
    let manifest: serde_json::Value = serde_json::from_str(&generated.files[2].1).unwrap();
    let paths: Vec<&str> = manifest["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    for path in [
        "cec/russia-2024-all-precincts.csv.zip",
        "map/countries-110m.json",
        "map/countries-50m.json",
    ] {
        assert!(paths.contains(&path), "{path} not in the manifest");
    }
    // The loaded committed bundle is the shipped one, and its fingerprint is the SHA-256 of the
    // files concatenated in BUNDLE_FILES order (sha256sum of `cat` of them).
    let texts = bundle_texts();
    let mut all = Vec::new();
    for name in reweigh::BUNDLE_FILES {
        all.extend_from_slice(texts[name].as_bytes());
    }
    let hex: String = sha256_of(&all);
    assert_eq!(engine().bundle().fingerprint, hex);
    assert!(engine().bundle().shipped);
    assert_eq!(generated.fingerprint, hex);
}

/// SHA-256 through the sha2 crate directly (not the loader's function).
fn sha256_of(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn every_pec_equals_its_raw_protocol_line() {
    let engine = engine();
    let raw = raw_2024();
    assert_eq!(raw.len(), engine.bundle().pecs.len());
    for r in &raw {
        let pec = &engine.bundle().pecs[engine.bundle().pec_index(r.pec).unwrap()];
        assert_eq!(pec.protocol.issued(), r.issued(), "PEC {}", r.pec);
        assert_eq!(pec.protocol.cast(), r.cast(), "PEC {}", r.pec);
        assert_eq!(i64::from(pec.protocol.invalid), r.get(INVALID));
        assert_eq!(i64::from(pec.protocol.valid), r.get(VALID));
        for (c, header) in Candidate::ALL
            .iter()
            .zip([DAVANKOV, PUTIN, SLUTSKY, KHARITONOV])
        {
            assert_eq!(
                i64::from(pec.votes.get(*c)),
                r.get(header),
                "PEC {} {header}",
                r.pec
            );
        }
    }
}

#[test]
fn hand_checked_pecs() {
    // Read by eye from data/raw/cec/abroad-2024.csv:
    // УИК №8096 (Haifa): ...,1686,5000,0,1683,3,3314,3,1680,370,1313,0,0,687,571,31,24
    // УИК №8293 (Trabzon): ...,350,400,0,350,0,50,0,349,33,316,0,0,225,85,2,4
    let results = engine().compute(&State::paper());
    let find = |n: &str| results.pecs.iter().find(|p| p.id == n).unwrap();
    let haifa = find("8096");
    assert_eq!((haifa.early, haifa.inside, haifa.mobile), (0, 1683, 3));
    assert_eq!(
        (haifa.issued, haifa.cast, haifa.invalid, haifa.valid),
        (1686, 1683, 370, 1313)
    );
    assert_eq!(
        (
            haifa.votes.davankov,
            haifa.votes.putin,
            haifa.votes.slutsky,
            haifa.votes.kharitonov
        ),
        (687, 571, 31, 24)
    );
    assert_eq!(haifa.unreturned, 3);
    let trabzon = find("8293");
    assert_eq!(
        (trabzon.issued, trabzon.cast, trabzon.invalid),
        (350, 349, 33)
    );
    assert_eq!((trabzon.votes.davankov, trabzon.votes.putin), (225, 85));
}

#[test]
fn totals_regions_and_countries_equal_sums_of_the_raw_csv() {
    let raw = raw_2024();
    let locations = raw_locations();
    let results = engine().compute(&State::paper());
    let mut by_region: BTreeMap<String, [i64; 6]> = BTreeMap::new();
    let mut by_country: BTreeMap<String, [i64; 6]> = BTreeMap::new();
    let mut total = [0i64; 6];
    for r in &raw {
        let v = [
            r.issued(),
            r.cast(),
            r.get(INVALID),
            r.get(VALID),
            r.get(DAVANKOV),
            r.get(PUTIN),
        ];
        let (country, region, _) = &locations[&r.pec];
        for (acc, x) in [
            by_region.entry(region.clone()).or_default(),
            by_country.entry(country.clone()).or_default(),
            &mut total,
        ]
        .into_iter()
        .flat_map(|a| a.iter_mut().zip(v))
        {
            *acc += x;
        }
    }
    let figures = |a: &reweigh::reading::aggregate::Aggregate| {
        [
            a.issued,
            a.cast,
            a.invalid,
            a.valid,
            a.votes.davankov,
            a.votes.putin,
        ]
    };
    assert_eq!(figures(&results.total), total);
    for region in &results.regions {
        let key = if region.id == "unassigned" {
            "unknown"
        } else {
            &*region.id
        };
        assert_eq!(figures(region), by_region[key], "region {}", region.id);
    }
    for country in &results.countries {
        let key = if country.id == "unassigned" {
            ""
        } else {
            &*country.id
        };
        assert_eq!(figures(country), by_country[key], "country {}", country.id);
    }
    assert_eq!(results.countries.len(), by_country.len());
}

#[test]
fn every_protocol_keeps_its_control_relations() {
    let engine = engine();
    for pec in &engine.bundle().pecs {
        let p = &pec.protocol;
        assert_eq!(
            p.cast(),
            i64::from(p.invalid) + i64::from(p.valid),
            "PEC {}",
            pec.pec
        );
        assert_eq!(i64::from(p.valid), pec.votes.total(), "PEC {}", pec.pec);
        assert_eq!(
            i64::from(p.received),
            p.issued() + i64::from(p.cancelled) + i64::from(p.lost) - i64::from(p.unaccounted),
            "PEC {}",
            pec.pec
        );
        assert!(p.unreturned() >= 0);
    }
}

#[test]
fn table2_abroad_column_reproduces_the_paper_exactly() {
    let t = table("2", &State::paper());
    for row in &t.rows {
        let c = cell(&t, &row.id, "abroad");
        if c.published().is_some() {
            assert_eq!(
                c.status(),
                Status::Match,
                "Table 2 abroad {}: {:?}",
                row.id,
                c
            );
        }
    }
    // The shares: each reproduced either under the paper's base or, where the paper divided by
    // another number, with that base named as the reason.
    for row in &t.rows {
        let c = cell(&t, &row.id, "abroad_share");
        if c.published().is_some() {
            assert!(
                c.status() == Status::Match || reason(c) == "other_base",
                "{}: {:?}",
                row.id,
                c
            );
        }
    }
    assert_eq!(reason(cell(&t, "davankov", "abroad_share")), "other_base");
    assert_eq!(cell(&t, "putin", "abroad_share").status(), Status::Match);
}

#[test]
fn table2_national_column_and_its_slip() {
    let t = table("2", &State::paper());
    let stolen = cell(&t, "unreturned", "russia");
    assert_eq!(stolen.status(), Status::Differs);
    assert_eq!(reason(stolen), "dropped_digit");
    // The CEC percentages are of ballots cast: the audit finds it.
    assert_eq!(reason(cell(&t, "putin", "russia_share")), "other_base");
    assert_eq!(
        cell(&t, "unreturned", "russia_share").status(),
        Status::Match
    );
}

#[test]
fn table1_winner_votes_2008_to_2018_match_and_base_is_found() {
    let t = table("1", &State::paper());
    for year in ["2008", "2012", "2018", "2024"] {
        assert_eq!(
            cell(&t, year, "winner_votes").status(),
            Status::Match,
            "{year}"
        );
    }
    // 2004: the protocols give 3 more votes; nothing reproduces the printed figure.
    assert_eq!(reason(cell(&t, "2004", "winner_votes")), "unexplained");
    for year in ["2004", "2008", "2012", "2018"] {
        assert_eq!(reason(cell(&t, year, "voters")), "other_quantity", "{year}");
    }
    // Under base=cast the earlier years' voters match, and 2024's no longer does.
    let cast = State::from_query("base=cast").unwrap();
    let t = table("1", &cast);
    for year in ["2004", "2008", "2012", "2018"] {
        assert_eq!(cell(&t, year, "voters").status(), Status::Match, "{year}");
    }
    assert_eq!(reason(cell(&t, "2024", "voters")), "reading");
    assert_eq!(reason(cell(&t, "2018", "winner_share")), "dropped_digit");
}

#[test]
fn table3_differences_are_reported_with_reasons() {
    let t = table("3", &State::paper());
    // The post-Soviet and North American rows reproduce the paper's counts exactly...
    for col in ["post_soviet", "north_america"] {
        for row in ["issued", "valid", "invalid", "davankov", "putin"] {
            assert_eq!(cell(&t, row, col).status(), Status::Match, "{row}/{col}");
        }
    }
    // ...the others differ, and say it is the grouping of PECs, not the arithmetic.
    for col in [
        "europe",
        "middle_east",
        "asia_oceania",
        "africa",
        "south_america",
    ] {
        let c = cell(&t, "issued", col);
        assert_eq!(c.status(), Status::Differs, "{col}");
        assert_eq!(reason(c), "grouping", "{col}");
    }
    assert_eq!(reason(cell(&t, "pecs", "post_soviet")), "grouping");
    assert_eq!(reason(cell(&t, "pecs", "total")), "pec_count");
    assert_eq!(reason(cell(&t, "countries", "total")), "countries");
    for row in [
        "issued",
        "valid",
        "invalid",
        "unreturned",
        "davankov",
        "putin",
        "slutsky",
        "kharitonov",
    ] {
        assert_eq!(
            cell(&t, row, "total").status(),
            Status::Match,
            "total {row}"
        );
    }
}

#[test]
fn table4_swapped_headers_and_wrong_label_are_found() {
    let t = table("4", &State::paper());
    for row in [
        "countries_share",
        "pecs_share",
        "davankov_dist",
        "opposition_share",
    ] {
        for col in ["north_america", "south_america"] {
            assert_eq!(reason(cell(&t, row, col)), "swapped_columns", "{row}/{col}");
        }
    }
    assert_eq!(
        reason(cell(&t, "invalid_share", "post_soviet")),
        "wrong_label"
    );
    assert_eq!(
        reason(cell(&t, "opposition_share", "post_soviet")),
        "rounded_parts"
    );
    assert_eq!(
        cell(&t, "opposition_share", "europe").status(),
        Status::Match
    );
}

#[test]
fn pec_level_text_figures_are_reproduced_or_explained() {
    let t = table("text", &State::paper());
    let engine = engine();
    let mut seen = 0;
    for figure in &engine.study().paper.text {
        if !matches!(figure.scope, reweigh::reading::scope::Scope::Pec(_)) {
            continue;
        }
        seen += 1;
        let c = cell(&t, &figure.spec.id, "value");
        assert!(
            c.status() == Status::Match || ["other_base", "other_quantity"].contains(&reason(c)),
            "{}: {:?}",
            figure.spec.id,
            c
        );
    }
    assert!(
        seen >= 9,
        "the paper quotes at least 9 PEC-level figures; found {seen}"
    );
    assert_eq!(reason(cell(&t, "haifa_voters", "value")), "other_quantity");
    assert_eq!(
        reason(cell(&t, "trabzon_davankov_share", "value")),
        "other_base"
    );
}

#[test]
fn a_changed_reading_is_named_as_the_reason() {
    let state = State::from_query("invalid=0").unwrap();
    let t = table("4", &state);
    let c = cell(&t, "opposition_share", "europe");
    assert_eq!(c.status(), Status::Differs);
    assert_eq!(reason(c), "reading");
    let text = &c.reason().unwrap().text;
    assert!(
        text.en.contains("Invalid (spoiled) ballots: 0%"),
        "{}",
        text.en
    );
    assert!(
        text.ru
            .contains("Недействительные (испорченные) бюллетени: 0%"),
        "{}",
        text.ru
    );
}

#[test]
fn disputed_territories_can_be_left_out() {
    let engine = engine();
    let with = engine.compute(&State::paper());
    let without = engine.compute(&State::from_query("disputed=exclude").unwrap());
    let disputed: Vec<_> = engine
        .bundle()
        .pecs
        .iter()
        .filter(|p| p.location.disputed)
        .collect();
    assert_eq!(
        without.total.pecs as usize,
        with.total.pecs as usize - disputed.len()
    );
    let disputed_issued: i64 = disputed.iter().map(|p| p.protocol.issued()).sum();
    assert_eq!(without.total.issued, with.total.issued - disputed_issued);
    assert!(
        without
            .countries
            .iter()
            .all(|c| c.id != "XA" && c.id != "XO")
    );
}

#[test]
fn baltics_move_between_regions() {
    let engine = engine();
    let paper = engine.compute(&State::paper());
    let moved = engine.compute(&State::from_query("baltics=europe").unwrap());
    let region = |r: &reweigh::reading::aggregate::Results, id: &str| {
        r.regions.iter().find(|x| x.id == id).unwrap().issued
    };
    let baltic: i64 = paper
        .countries
        .iter()
        .filter(|c| ["EE", "LV", "LT"].contains(&&*c.id))
        .map(|c| c.issued)
        .sum();
    assert!(baltic > 0);
    assert_eq!(region(&moved, "europe"), region(&paper, "europe") + baltic);
    assert_eq!(
        region(&moved, "post_soviet"),
        region(&paper, "post_soviet") - baltic
    );
}

#[test]
fn un_regions_regroup_and_drop_the_published_comparison() {
    let engine = engine();
    let state = State::from_query("regions=un").unwrap();
    let results = engine.compute(&state);
    let ids: Vec<&str> = results.regions.iter().map(|r| &*r.id).collect();
    assert_eq!(
        &ids[..5],
        ["africa", "americas", "asia", "europe", "oceania"]
    );
    let t = table("3", &state);
    // A UN region is not the paper's region of the same name: no published figure beside it.
    let published_in_regions = t
        .rows
        .iter()
        .flat_map(|r| &r.cells[..r.cells.len() - 1])
        .filter(|c| c.published().is_some())
        .count();
    assert_eq!(published_in_regions, 0);
    assert_eq!(cell(&t, "issued", "total").status(), Status::Match);
}

#[test]
fn min_issued_leaves_small_pecs_out_of_win_counts() {
    let engine = engine();
    let all = engine.compute(&State::paper());
    let big = engine.compute(&State::from_query("min_issued=1000").unwrap());
    let expected = all
        .pecs
        .iter()
        .filter(|p| p.issued >= 1000 && p.opposition_wins)
        .count() as u32;
    assert_eq!(big.wins.pecs, expected);
    assert!(big.wins.pecs < all.wins.pecs);
}
