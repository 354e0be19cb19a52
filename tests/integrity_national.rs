//! The national file in the bundle (data/russia-2024-national.json): its sums re-added, its
//! report of breaches re-checked, its agreement with the other files; and the fuzz seeds of the
//! bundle target (fuzz/seeds/make_bundle_seeds.py), which must load as documented.

mod common;

use common::edit::{Edit, Texts, edited, load};
use common::{engine, root};
use reweigh::Engine;
use serde_json::{Value, json};

// The national file (data/russia-2024-national.json): its sums are re-added, its report re-checked.

#[test]
fn a_national_file_that_disagrees_with_itself_is_refused() {
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "a region’s sum",
            Box::new(|n| {
                let v = n["subjects"][0]["votes"]["putin"].as_u64().unwrap();
                n["subjects"][0]["votes"]["putin"] = json!(v + 1);
            }),
            "totals.protocols.putin: says",
        ),
        (
            "the derived remainder",
            Box::new(|n| {
                let v = n["derived"]["lines"]["valid"].as_i64().unwrap();
                n["derived"]["lines"]["valid"] = json!(v + 1);
            }),
            "derived.lines.valid: says",
        ),
        (
            "the announced totals",
            Box::new(|n| n["announced"]["putin"] = json!(1)),
            "announced.putin: says 1; data/russia-2024.json says 76277708",
        ),
        (
            // Consistent sums, but a region that breaks `valid` with no failure listed.
            "a breach no failure explains",
            Box::new(|n| {
                let bump = |v: &mut Value| *v = json!(v.as_i64().unwrap() + 1);
                bump(&mut n["subjects"][0]["votes"]["putin"]);
                bump(&mut n["totals"]["protocols"]["votes"]["putin"]);
                bump(&mut n["totals"]["protocols_in_russia"]["votes"]["putin"]);
                let d = n["derived"]["lines"]["putin"].as_i64().unwrap();
                n["derived"]["lines"]["putin"] = json!(d - 1);
            }),
            "failures: Алтайский край: its sums break `valid` by -1, but its listed failures add up to 0",
        ),
        (
            "a listed failure’s numbers",
            Box::new(|n| {
                n["failures"][0]["relation"] = json!("valid");
                n["failures"][0]["detail"] = json!("valid 5 but the votes sum to 4");
            }),
            "its sums break `valid` by 0, but its listed failures add up to 1",
        ),
        (
            "an unknown field",
            Box::new(|n| n["extra"] = json!(1)),
            "unknown field `extra`",
        ),
        (
            "the abroad region against data/pecs-2024.json",
            Box::new(|n| {
                // Consistent within the file: only data/pecs-2024.json disagrees.
                let abroad = n["subjects"]
                    .as_array_mut()
                    .unwrap()
                    .iter_mut()
                    .find(|s| s["kind"] == "abroad")
                    .unwrap();
                abroad["protocol"]["registered"] = json!(383_552);
                n["totals"]["abroad"]["protocol"]["registered"] = json!(383_552);
                let all = n["totals"]["protocols"]["protocol"]["registered"]
                    .as_u64()
                    .unwrap();
                n["totals"]["protocols"]["protocol"]["registered"] = json!(all - 1);
            }),
            "registered: says 383552; the PECs of data/pecs-2024.json add up to 383553",
        ),
    ];
    for (case, edit, expected) in cases {
        let e = load(&edited("russia-2024-national.json", edit))
            .err()
            .unwrap_or_else(|| panic!("{case}: loaded"));
        assert!(
            e.starts_with("data/russia-2024-national.json: ") && e.contains(expected),
            "{case}: {e}"
        );
    }
}

#[test]
fn the_national_file_is_in_the_bundle_and_checked_against_the_raw_abroad_sums() {
    let b = engine().bundle();
    assert_eq!(b.national.totals.pecs_abroad, 288);
    let raw = common::raw_2024();
    let raw_davankov: i64 = raw.iter().map(|r| r.get(common::DAVANKOV)).sum();
    assert_eq!(
        i64::try_from(b.national.totals.abroad.votes.davankov).unwrap(),
        raw_davankov
    );
    assert!(reweigh::BUNDLE_FILES.contains(&"russia-2024-national.json"));
    assert!(!reweigh::BUNDLE_FILES.contains(&"map.json"));
}

// The fuzz seeds (fuzz/seeds/make_bundle_seeds.py): the small bundle loads as the bundle
// target reads it, and the byte-path variants do what the README says.

fn seed(name: &str) -> Result<Engine, String> {
    let bytes = std::fs::read(root().join("fuzz/corpus/bundle").join(name)).unwrap();
    let mut texts = Texts::new();
    for (file, part) in reweigh::BUNDLE_FILES
        .iter()
        .zip(bytes.split(|&b| b == 0x1e))
    {
        let text = reweigh::data::bundle::text_of(file, part).map_err(|e| e.to_string())?;
        texts.insert(file.to_string(), text);
    }
    load(&texts)
}

#[test]
fn the_bundle_seeds_load_or_are_refused_as_documented() {
    let small = seed("small-valid-bundle").expect("the small seed loads");
    assert_eq!(small.bundle().pecs.len(), 4);
    assert!(!small.bundle().shipped);
    let bom = seed("small-valid-bundle-bom").expect("a byte-order mark is dropped");
    assert_eq!(bom.bundle().fingerprint, small.bundle().fingerprint);
    seed("small-valid-bundle-crlf").expect("CRLF line ends load");
    let e = seed("small-valid-bundle-utf16").err().unwrap();
    assert_eq!(
        e,
        "data/russia-2024.json: UTF-16 text; the bundle’s files are UTF-8 (save the file as UTF-8)"
    );
}
