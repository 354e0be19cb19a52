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

/// The history chart's shares (Table 1's winner's share column without the table's audit) are the
/// column of Table 1 built in full, value and printed figure, under readings that move them.
#[test]
fn the_history_charts_shares_are_table_1s_column() {
    let engine = engine();
    for query in [
        "",
        "base=valid",
        "base=cast&invalid=0.5",
        "davankov=0&unreturned=1&russia=cec_total",
        "disputed=exclude&win=majority&min_issued=500",
    ] {
        let state = State::from_query(query).unwrap();
        let t = table("1", &state);
        let col = t
            .columns
            .iter()
            .position(|c| c.id == "winner_share")
            .unwrap();
        let ctx = reweigh::paper::tables::Context::new(engine.study(), state);
        let shares = reweigh::paper::tables::winner_shares(&ctx);
        assert_eq!(shares.len(), t.rows.len(), "{query}");
        for (share, row) in shares.iter().zip(&t.rows) {
            let cell = &row.cells[col];
            assert_eq!(share.year, row.id, "{query}");
            assert_eq!(share.value, cell.value.as_f64(), "{query} {}", row.id);
            assert_eq!(
                share.published.as_ref(),
                cell.published(),
                "{query} {}",
                row.id
            );
        }
        assert!(shares.iter().all(|s| s.value.is_some()), "{query}");
    }
}

/// The countries table says why it has a row more than there are countries, counted from the
/// raw locations file (PECs with no country there).
#[test]
fn the_countries_table_explains_its_extra_row() {
    let locations = raw_locations();
    let countries: std::collections::BTreeSet<&str> = locations
        .values()
        .map(|(country, _, _)| country.as_str())
        .filter(|c| !c.is_empty())
        .collect();
    let unplaced = locations.values().filter(|(c, _, _)| c.is_empty()).count();
    assert!(unplaced > 0);
    let t = table("countries", &State::paper());
    assert_eq!(t.rows.len(), countries.len() + 1);
    assert_eq!(
        t.notes[0].en,
        format!(
            "{} countries, and one row more: the PECs whose country is not established ({unplaced} PECs).",
            countries.len()
        )
    );
    assert_eq!(
        t.notes[0].ru,
        format!(
            "{} стран и ещё одна строка: УИК без установленной страны ({unplaced} УИК).",
            countries.len()
        )
    );
    // The PECs' table has a row per PEC and no such note.
    assert!(
        !table("pecs", &State::paper()).notes[0]
            .en
            .contains("row more")
    );
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

/// Table 2's abroad column against the raw CSV: each printed count is the protocols' sum; each
/// printed share matches exactly when the share of ballots issued (the paper's base) rounds to it,
/// and otherwise the audit names another base, which the raw sums confirm.
#[test]
fn table2_abroad_column_against_the_raw_csv() {
    let t = table("2", &State::paper());
    let raw = raw_2024();
    let total = |name: &str| raw.iter().map(|p| p.count(name)).sum::<i64>() as f64;
    let paper = paper_json();
    let rows = paper["tables"]["2"]["cells"].as_object().unwrap();
    let (mut matched, mut other_base) = (0, 0);
    for (row, printed) in rows {
        let count = total(row);
        let abroad = printed["abroad"].as_str().unwrap();
        assert!(rounds_to(count, abroad), "{row}: {count} printed {abroad}");
        assert_eq!(cell(&t, row, "abroad").status(), Status::Match, "{row}");
        let Some(share) = printed.get("abroad_share").and_then(|s| s.as_str()) else {
            continue;
        };
        let c = cell(&t, row, "abroad_share");
        let of = |whole: &str| 100.0 * count / total(whole);
        if rounds_to(of("issued"), share) {
            assert_eq!(c.status(), Status::Match, "{row}: {c:?}");
            matched += 1;
        } else {
            // Parts of the ballots issued are always shares of the ballots issued.
            assert!(!["early", "inside", "mobile", "unreturned"].contains(&row.as_str()));
            assert!(
                rounds_to(of("cast"), share) || rounds_to(of("valid"), share),
                "{row}: no base gives {share}"
            );
            assert_eq!(
                (c.status(), reason(c)),
                (Status::Differs, "other_base"),
                "{row}"
            );
            other_base += 1;
        }
    }
    assert_eq!(
        (matched, other_base),
        (7, 3),
        "Table 2's printed shares abroad"
    );
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

/// The text figures about one PEC against its raw protocol line: a figure matches exactly when
/// the protocols give it under the paper's reading; otherwise the audit names the base or the
/// quantity that does, and the raw line confirms it.
#[test]
fn pec_level_text_figures_against_the_raw_csv() {
    let t = table("text", &State::paper());
    let raw = raw_2024();
    let paper = paper_json();
    let figures: Vec<&serde_json::Value> = paper["text"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["scope"].as_str().unwrap().starts_with("pec:"))
        // The opposition's share depends on the reading's weights and the figure's own base:
        // tests/reference.rs and the pinned audit cover it.
        .filter(|f| {
            let q = f["quantity"].as_str().unwrap();
            // Hedged figures ("almost every fifth") have their own tolerance.
            !q.ends_with(":opposition") && !q.contains(' ') && f.get("qualifier").is_none()
        })
        .collect();
    assert_eq!(
        figures.len(),
        9,
        "PEC-level figures of protocol lines in data/paper.json"
    );
    let mut explained = BTreeMap::new();
    for figure in figures {
        let id = figure["id"].as_str().unwrap();
        let pec: u32 = figure["scope"].as_str().unwrap()[4..].parse().unwrap();
        let line = raw.iter().find(|p| p.pec == pec).unwrap();
        let printed = figure["printed"].as_str().unwrap();
        let (kind, name) = figure["quantity"]
            .as_str()
            .unwrap()
            .split_once(':')
            .unwrap();
        let c = cell(&t, id, "value");
        let (paper_value, alternatives) = match kind {
            "count" => (
                line.count(name) as f64,
                vec![
                    ("other_quantity", line.cast() as f64),
                    ("other_quantity", line.count("valid") as f64),
                ],
            ),
            _ => {
                let of = |whole: &str| 100.0 * line.count(name) as f64 / line.count(whole) as f64;
                (
                    of("issued"),
                    vec![("other_base", of("cast")), ("other_base", of("valid"))],
                )
            }
        };
        if rounds_to(paper_value, printed) {
            assert_eq!(c.status(), Status::Match, "{id}");
        } else {
            let (code, _) = alternatives
                .iter()
                .find(|(_, x)| rounds_to(*x, printed))
                .unwrap_or_else(|| panic!("{id}: nothing gives {printed}"));
            assert_eq!((c.status(), reason(c)), (Status::Differs, *code), "{id}");
            *explained.entry(*code).or_insert(0) += 1;
        }
    }
    assert_eq!(
        explained,
        BTreeMap::from([("other_base", 5), ("other_quantity", 1)])
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

/// `disputed=exclude` drops exactly the PECs the raw locations file marks disputed.
#[test]
fn disputed_territories_can_be_left_out() {
    let engine = engine();
    let locations = raw_locations();
    let raw = raw_2024();
    let kept: Vec<&RawPec> = raw.iter().filter(|p| !locations[&p.pec].2).collect();
    assert_eq!(raw.len() - kept.len(), 50, "disputed PECs in the raw file");
    let without = engine.compute(&State::from_query("disputed=exclude").unwrap());
    assert_eq!(without.total.pecs as usize, kept.len());
    assert_eq!(
        without.total.issued,
        kept.iter().map(|p| p.issued()).sum::<i64>()
    );
    let kept_ids: std::collections::BTreeSet<String> =
        kept.iter().map(|p| p.pec.to_string()).collect();
    let shown: std::collections::BTreeSet<String> =
        without.pecs.iter().map(|p| p.id.clone()).collect();
    assert_eq!(shown, kept_ids);
    // Countries keep only their undisputed PECs (Transnistria's are Moldova's); Abkhazia and
    // South Ossetia drop out.
    let mut per_country: BTreeMap<&str, u32> = BTreeMap::new();
    for p in &kept {
        let country = locations[&p.pec].0.as_str();
        *per_country
            .entry(if country.is_empty() {
                "unassigned"
            } else {
                country
            })
            .or_default() += 1;
    }
    let shown: BTreeMap<&str, u32> = without
        .countries
        .iter()
        .map(|c| (c.id.as_str(), c.pecs))
        .collect();
    assert_eq!(shown, per_country);
    assert!(!shown.contains_key("XA") && !shown.contains_key("XO") && shown.contains_key("MD"));
}

#[test]
fn baltics_move_between_regions() {
    let engine = engine();
    let paper = engine.compute(&State::paper());
    let moved = engine.compute(&State::from_query("baltics=europe").unwrap());
    let region = |r: &reweigh::reading::aggregate::Results, id: &str| {
        r.regions.iter().find(|x| x.id == id).unwrap().issued
    };
    let locations = raw_locations();
    let baltic: i64 = raw_2024()
        .iter()
        .filter(|p| ["EE", "LV", "LT"].contains(&locations[&p.pec].0.as_str()))
        .map(|p| p.issued())
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

/// `min_issued=1000` counts only the PECs with at least 1 000 ballots issued: expected from the
/// raw CSV (the paper's opposition: invalid + Davankov against Putin).
#[test]
fn min_issued_leaves_small_pecs_out_of_win_counts() {
    let raw = raw_2024();
    let won = |min: i64| {
        raw.iter()
            .filter(|p| p.issued() >= min && p.get(INVALID) + p.get(DAVANKOV) > p.get(PUTIN))
            .count() as u32
    };
    let engine = engine();
    let all = engine.compute(&State::paper());
    let big = engine.compute(&State::from_query("min_issued=1000").unwrap());
    assert_eq!(all.wins.pecs, won(0));
    assert_eq!(big.wins.pecs, won(1000));
    assert!(won(1000) < won(0));
    let counted = raw.iter().filter(|p| p.issued() >= 1000).count() as u32;
    assert_eq!(big.wins.pecs_counted, counted);
}
