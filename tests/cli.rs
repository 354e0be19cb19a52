//! The command line: output shapes, and bad arguments refused with a message and exit code 2.

use std::process::{Command, Output};

fn reweigh(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reweigh"))
        .args(args)
        .output()
        .expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn compute_prints_the_documented_shape() {
    let out = reweigh(&["compute", "--state", "invalid=0.5&base=valid"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["state"],
        "invalid=0.5&davankov=1&slutsky=0&kharitonov=0&unreturned=0&base=valid&baltics=post_soviet&disputed=include&win=plurality&min_issued=0&regions=paper"
    );
    let keys = [
        "id",
        "name",
        "countries",
        "pecs",
        "issued",
        "cast",
        "valid",
        "invalid",
        "unreturned",
        "early",
        "mobile",
        "votes",
        "opposition",
        "opposition_share",
        "putin_share",
        "opposition_wins",
    ];
    for list in ["regions", "countries", "pecs"] {
        let first = &doc[list][0];
        for key in keys {
            assert!(first.get(key).is_some(), "{list}[0] has no {key}");
        }
    }
    for key in keys {
        assert!(doc["total"].get(key).is_some(), "total has no {key}");
    }
    // Every text in both languages.
    assert_eq!(doc["total"]["name"]["en"], "Abroad, total");
    assert_eq!(doc["total"]["name"]["ru"], "Всего за рубежом");
    assert!(
        doc["pecs"][0]["country"]["ru"].is_string() && doc["pecs"][0]["city"]["en"].is_string()
    );
    for c in ["davankov", "putin", "slutsky", "kharitonov"] {
        assert!(doc["total"]["votes"][c].is_i64());
    }
    assert_eq!(doc["regions"][0]["id"], "post_soviet");
    assert!(doc["wins"]["pecs"].is_u64() && doc["wins"]["countries"].is_u64());
    // invalid counts half: opposition = invalid/2 + Davankov, exactly.
    let t = &doc["total"];
    let expected = t["invalid"].as_f64().unwrap() / 2.0 + t["votes"]["davankov"].as_f64().unwrap();
    assert_eq!(t["opposition"].as_f64().unwrap(), expected);
}

#[test]
fn tables_in_every_format() {
    for format in ["csv", "json", "md"] {
        let out = reweigh(&["tables", "--table", "2", "--format", format]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("380961") || text.contains("380 961"),
            "{format}"
        );
    }
    // CSV holds a header and data only, in the language's dialect unless another is asked for.
    let out = reweigh(&["tables", "--table", "3", "--format", "csv", "--lang", "ru"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Европа"));
    assert!(text.lines().all(|l| !l.starts_with('#')), "no preamble");
    assert!(text.starts_with("строка;столбец;"), "{}", &text[..40]);
    let out = reweigh(&[
        "tables",
        "--table",
        "3",
        "--format",
        "csv",
        "--lang",
        "ru",
        "--dialect",
        "en",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("строка,столбец,"), "{}", &text[..40]);
    // The state and the date reach the reader in the JSON's meta and the package's README.
    let out = reweigh(&[
        "tables",
        "--table",
        "3",
        "--format",
        "json",
        "--state",
        "invalid=0.5",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        doc["meta"]["state"]
            .as_str()
            .unwrap()
            .starts_with("invalid=0.5&")
    );
    assert_eq!(doc["meta"]["generated"].as_str().unwrap().len(), 10);
}

#[test]
fn workbook_and_package_go_to_stdout_as_bytes() {
    let out = reweigh(&[
        "tables",
        "--format",
        "xlsx",
        "--lang",
        "ru",
        "--state",
        "invalid=0.5",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"PK\x03\x04"), "an XLSX is a ZIP");
    let out = reweigh(&[
        "tables",
        "--format",
        "zip",
        "--lang",
        "ru",
        "--state",
        "invalid=0.5",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(out.stdout)).unwrap();
    let name = zip
        .file_names()
        .find(|n| n.ends_with("/README.md"))
        .expect("a README")
        .to_string();
    let mut readme = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(&name).unwrap(), &mut readme).unwrap();
    assert!(readme.contains("invalid=0.5&"), "the reading");
    assert!(
        readme.contains("Недействительные") && readme.contains("50%"),
        "in words, in Russian"
    );
}

#[test]
fn bad_state_is_refused_naming_the_key() {
    let out = reweigh(&["compute", "--state", "invalid=1.5&colour=red"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("`invalid=1.5`: out of range; allowed: a number from 0 to 1"),
        "{err}"
    );
    assert!(err.contains("`colour=red`: unknown key"), "{err}");
}

#[test]
fn bad_arguments_exit_2() {
    for args in [
        vec!["tables", "--table", "9"],
        vec!["tables", "--format", "xls"],
        vec!["tables", "--lang", "de"],
        vec!["tables", "--format", "csv", "--dialect", "fr"],
        vec!["frobnicate"],
        vec!["compute", "--nope"],
    ] {
        let out = reweigh(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
}

/// Each kind of broken bundle: the CLI exits 1 naming the file, the record and the problem.
#[test]
fn a_broken_bundle_exits_1_naming_file_and_record() {
    type Edit = Box<dyn Fn(&str) -> String>;
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let cases: Vec<(&str, Edit, Vec<&str>)> = vec![
        (
            "truncated",
            Box::new(|t| t[..t.len() / 3].to_string()),
            vec!["data/pecs-2024.json: the file ends too early"],
        ),
        (
            "wrong type",
            Box::new(|t| t.replacen("\"valid\":1313", "\"valid\":true", 1)),
            vec!["data/pecs-2024.json", "expected u32"],
        ),
        (
            "missing field",
            Box::new(|t| t.replacen(",\"valid\":1313", "", 1)),
            vec!["missing field `valid`"],
        ),
        (
            "unknown PEC",
            Box::new(|t| t.replace("{\"pec\":8449,", "{\"pec\":12345,")),
            vec!["PEC 12345", "unknown PEC"],
        ),
        (
            "duplicate PEC",
            Box::new(|t| t.replace("{\"pec\":8001,", "{\"pec\":8000,")),
            vec!["PEC 8000: duplicate PEC"],
        ),
        (
            "control relation",
            Box::new(|t| {
                t.replacen(
                    "\"invalid\":370,\"valid\":1313",
                    "\"invalid\":370,\"valid\":1314",
                    1,
                )
            }),
            vec![
                "data/pecs-2024.json: 2024 PEC 8096: control relation: breaks `cast`",
                "`cast`",
            ],
        ),
    ];
    for (case, edit, expected) in cases {
        let dir = std::env::temp_dir().join(format!(
            "reweigh-cli-bad-{}-{}",
            std::process::id(),
            case.replace(' ', "-")
        ));
        std::fs::create_dir_all(&dir).unwrap();
        for name in reweigh::BUNDLE_FILES {
            let mut text = std::fs::read_to_string(data.join(name)).unwrap();
            if name == "pecs-2024.json" {
                text = edit(&text);
            }
            std::fs::write(dir.join(name), text).unwrap();
        }
        let out = reweigh(&["--data", dir.to_str().unwrap(), "check"]);
        assert_eq!(out.status.code(), Some(1), "{case}");
        let err = stderr(&out);
        for needle in expected {
            assert!(err.contains(needle), "{case}: {err}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn import_check_passes_on_the_committed_bundle() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = reweigh(&[
        "import",
        "--raw",
        &format!("{root}/data/raw"),
        "--out",
        &format!("{root}/data"),
        "--check",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}
