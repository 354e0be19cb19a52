//! The map's part of the page against sums taken independently from the raw CEC file and the
//! raw locations file: every country's bin (the opposition's margin over Putin), win flag and
//! evidence level; Transnistria's entry; the disputed territories following `disputed=`.

mod common;

use common::{DAVANKOV, INVALID, PUTIN, engine, raw_2024, root};
use reweigh::engine::map_view::bin_of;
use serde_json::Value;
use std::collections::BTreeMap;

fn map(hash: &str) -> Value {
    serde_json::to_value(engine().page(hash).unwrap()).unwrap()["map"].clone()
}

/// pec → (country_id, disputed, evidence) from the raw locations file.
fn locations() -> BTreeMap<u32, (String, bool, String)> {
    let mut reader =
        csv::Reader::from_path(root().join("data/raw/locations/pecs-abroad-2024.csv")).unwrap();
    reader
        .deserialize::<BTreeMap<String, String>>()
        .map(|r| {
            let r = r.unwrap();
            let place = (
                r["country_id"].clone(),
                r["disputed"] == "yes",
                r["evidence"].clone(),
            );
            (r["pec"].parse().unwrap(), place)
        })
        .collect()
}

/// Raw sums of one group of PECs.
#[derive(Default, Debug)]
struct Raw {
    invalid: i64,
    davankov: i64,
    putin: i64,
    issued: i64,
    pecs: usize,
    weakest: u8, // 0 documented/matched, 1 inferred, 2 unknown
}

/// The bins as the README states them, written as ranges (not by the engine's cut list).
fn expected_bin(margin: f64) -> i8 {
    let level = match margin.abs() {
        m if m < 2.0 => 0,
        m if m < 10.0 => 1,
        m if m < 30.0 => 2,
        m if m < 60.0 => 3,
        _ => 4,
    };
    if margin < 0.0 { -level } else { level }
}

/// Per country id (and "MD/transnistria" for Moldova's disputed PECs), the raw sums.
fn raw_groups(include_disputed: bool) -> BTreeMap<String, Raw> {
    let places = locations();
    let mut groups: BTreeMap<String, Raw> = BTreeMap::new();
    for pec in raw_2024() {
        let (country, disputed, evidence) = &places[&pec.pec];
        if country.is_empty() || (*disputed && !include_disputed) {
            continue;
        }
        let mut keys = vec![country.clone()];
        if *disputed && country == "MD" {
            keys.push("MD/transnistria".to_string());
        }
        for key in keys {
            let g = groups.entry(key).or_default();
            g.invalid += pec.get(INVALID);
            g.davankov += pec.get(DAVANKOV);
            g.putin += pec.get(PUTIN);
            g.issued += pec.issued();
            g.pecs += 1;
            let level = match evidence.as_str() {
                "documented" | "matched" => 0,
                "inferred" => 1,
                _ => 2,
            };
            g.weakest = g.weakest.max(level);
        }
    }
    groups
}

fn key(entry: &Value) -> String {
    match entry["territory"].as_str() {
        Some(t) => format!("{}/{t}", entry["id"].as_str().unwrap()),
        None => entry["id"].as_str().unwrap().to_string(),
    }
}

/// Every entry of the map against the raw sums, with the invalid ballots weighted `invalid`
/// (Davankov counted whole, the paper's base: ballots issued, plurality).
fn check_against_raw(hash: &str, invalid: i64, include_disputed: bool) {
    let map = map(hash);
    let groups = raw_groups(include_disputed);
    let entries = map["countries"].as_array().unwrap();
    let keys: Vec<String> = entries.iter().map(key).collect();
    assert_eq!(
        keys.iter()
            .cloned()
            .collect::<std::collections::BTreeSet<_>>(),
        groups.keys().cloned().collect(),
        "{hash}: the map's entries are the countries with PECs (and Transnistria)"
    );
    assert_eq!(keys.len(), groups.len(), "{hash}: no entry twice");
    for entry in entries {
        let g = &groups[&key(entry)];
        let opposition = invalid * g.invalid + g.davankov;
        let margin = (opposition - g.putin) as f64 / g.issued as f64 * 100.0;
        let k = key(entry);
        assert_eq!(
            entry["bin"],
            expected_bin(margin),
            "{hash} {k}: margin {margin}"
        );
        assert_eq!(entry["wins"], opposition > g.putin, "{hash} {k}");
        let evidence = ["established", "inferred", "unknown"][usize::from(g.weakest)];
        assert_eq!(entry["evidence"], evidence, "{hash} {k}");
        let pecs = entry["tooltip"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l == &format!("{} PEC{}", g.pecs, if g.pecs == 1 { "" } else { "s" }));
        assert!(pecs, "{hash} {k}: {} PECs in {}", g.pecs, entry["tooltip"]);
    }
}

#[test]
fn every_country_has_the_bin_win_and_evidence_of_its_raw_sums() {
    check_against_raw("lang=en", 1, true);
    check_against_raw("invalid=0&lang=en", 0, true);
    check_against_raw("disputed=exclude&lang=en", 1, false);
}

#[test]
fn the_wins_are_the_engines_counted_wins() {
    for state in [
        "",
        "invalid=0",
        "min_issued=1000",
        "win=majority&base=valid",
    ] {
        let results = engine().compute(&reweigh::engine::state(state).unwrap());
        let map = map(&format!("{state}&lang=en"));
        let mut wins = 0;
        for entry in map["countries"].as_array().unwrap() {
            if entry["territory"].is_string() {
                continue;
            }
            let c = results
                .countries
                .iter()
                .find(|c| c.id == entry["id"])
                .unwrap();
            assert_eq!(
                entry["wins"],
                c.opposition_wins && c.counted_in_wins,
                "{state} {}",
                c.id
            );
            wins += usize::from(entry["wins"] == true);
        }
        assert_eq!(wins, results.wins.countries as usize, "{state}");
    }
}

#[test]
fn kazakhstan_flips_and_the_disputed_territories_follow_disputed() {
    let flag = |hash: &str, id: &str| {
        map(hash)["countries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id && e["territory"].is_null())
            .map(|e| e["wins"].clone())
    };
    assert_eq!(flag("lang=en", "KZ"), Some(Value::Bool(true)));
    assert_eq!(flag("invalid=0&lang=en", "KZ"), Some(Value::Bool(false)));
    let paper = map("lang=en");
    let has = |m: &Value, k: &str| {
        m["countries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| key(e) == k)
    };
    for k in ["XA", "XO", "MD/transnistria", "MD"] {
        assert!(has(&paper, k), "{k}");
    }
    let excluded = map("disputed=exclude&lang=en");
    for k in ["XA", "XO", "MD/transnistria"] {
        assert!(!has(&excluded, k), "{k}");
    }
    assert!(has(&excluded, "MD"));
}

#[test]
fn the_bins_cut_where_the_legend_says() {
    for (margin, bin) in [
        (0.0, 0),
        (1.99, 0),
        (-1.99, 0),
        (2.0, 1),
        (-2.0, -1),
        (9.99, 1),
        (10.0, 2),
        (29.9, 2),
        (30.0, 3),
        (-59.9, -3),
        (60.0, 4),
        (-100.0, -4),
    ] {
        assert_eq!(bin_of(margin), bin, "{margin}");
    }
    let legend = &map("lang=en")["legend"];
    let labels: Vec<&str> = legend["bins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels[0], "Putin +60 or more");
    assert_eq!(labels[4], "less than 2 either way");
    assert_eq!(labels[5], "opposition +2–10");
}

#[test]
fn the_russian_map_is_worded_in_russian() {
    let ru = map("lang=ru");
    assert_eq!(
        ru["legend"]["borders"],
        "границы де-факто, как их проводит Natural Earth; reweigh не занимает позиции по спорным территориям"
    );
    assert_eq!(
        map("lang=en")["legend"]["borders"],
        "de facto borders as drawn by Natural Earth; reweigh takes no position on disputed territories"
    );
    let kz = ru["countries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "KZ")
        .unwrap();
    assert_eq!(kz["label"], "Казахстан");
    let text = kz["tooltip"].to_string();
    assert!(
        text.contains("Оппозиция:") && text.contains("УИК"),
        "{text}"
    );
    assert!(!text.contains("PEC") && !text.contains("ballots"), "{text}");
    // Decimal comma, « п. п. » for percentage points.
    assert!(text.contains(",") && text.contains("п. п."), "{text}");
    let description = ru["description"].as_str().unwrap();
    assert!(description.contains("138 стран с УИК"), "{description}");
    assert!(
        description.contains("побеждает оппозиция: 34 из 138"),
        "{description}"
    );
}
