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
    let out = reweigh(&["tables", "--table", "3", "--format", "csv", "--lang", "ru"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Европа") && text.contains("# state: invalid=1"));
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

/// A scratch copy of data/ (raw files, transcribed and generated files) and a shipped.rs path.
struct Scratch {
    dir: std::path::PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Scratch {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = std::env::temp_dir().join(format!("reweigh-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_tree(&root.join("data"), &dir.join("data"));
        std::fs::copy(root.join("src/data/shipped.rs"), dir.join("shipped.rs")).unwrap();
        Scratch { dir }
    }
    fn path(&self, rel: &str) -> std::path::PathBuf {
        self.dir.join(rel)
    }
    fn import(&self) -> Output {
        let (raw, out, shipped) = (
            self.path("data/raw"),
            self.path("data"),
            self.path("shipped.rs"),
        );
        reweigh(&[
            "import",
            "--raw",
            raw.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--shipped",
            shipped.to_str().unwrap(),
        ])
    }
    /// Every file's bytes, to prove that nothing was written.
    fn snapshot(&self) -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        let mut stack = vec![self.dir.clone()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let bytes = std::fs::read(&path).unwrap();
                    files.push((path, bytes));
                }
            }
        }
        files.sort();
        files
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Issue 11, finding 5: a location row that makes the bundle unloadable (PEC 8094 moved to
/// Europe splits Israel across two regions) is refused by the importer, and nothing is written.
#[test]
fn the_importer_writes_nothing_the_loader_would_refuse() {
    let scratch = Scratch::new("import-refused");
    let locations = scratch.path("data/raw/locations/pecs-abroad-2024.csv");
    let text = std::fs::read_to_string(&locations).unwrap();
    let moved = text.replacen(
        "8094,IL,Israel,Израиль,Tel Aviv,Тель-Авив,middle_east,",
        "8094,IL,Israel,Израиль,Tel Aviv,Тель-Авив,europe,",
        1,
    );
    assert_ne!(moved, text);
    std::fs::write(&locations, moved).unwrap();
    let before = scratch.snapshot();
    let out = scratch.import();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("data/pecs-2024.json: the loader refuses what the importer would write (PEC 8094: country IL: region")
            && err.contains("nothing is written"),
        "{err}"
    );
    assert!(before == scratch.snapshot(), "the importer wrote a file");
}

/// Finding 4: a raw file whose name merely parses as a year is refused, naming it.
#[test]
fn the_importer_refuses_a_stray_raw_file() {
    let scratch = Scratch::new("import-stray");
    std::fs::copy(
        scratch.path("data/raw/cec/abroad-2018.csv"),
        scratch.path("data/raw/cec/abroad-+2018.csv"),
    )
    .unwrap();
    let before = scratch.snapshot();
    let out = scratch.import();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("data/raw/cec/abroad-+2018.csv: not a file the importer reads"),
        "{err}"
    );
    assert!(before == scratch.snapshot());
}

/// The importer on an unchanged copy reproduces every file, the shipped fingerprint included.
#[test]
fn the_importer_reproduces_the_committed_files() {
    let scratch = Scratch::new("import-same");
    let before = scratch.snapshot();
    let out = scratch.import();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(before == scratch.snapshot(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 in the national file"),
        "{}",
        stderr(&out)
    );
}

/// Finding 1 at the command line: a national total that would wrap exits 1.
#[test]
fn check_exits_1_on_a_wrapping_national_total() {
    let scratch = Scratch::new("check-wrap");
    let path = scratch.path("data/russia-2024.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replacen("\"value\": 3362484", "\"value\": 18446744073709551615", 1)
        .replacen("\"value\": 76277708", "\"value\": 1", 1);
    std::fs::write(&path, text).unwrap();
    let out = reweigh(&["--data", scratch.path("data").to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("data/russia-2024.json") && stderr(&out).contains("expected u32"),
        "{}",
        stderr(&out)
    );
}

/// Finding 2 at the command line: the shipped bundle says so; another bundle says it is not.
#[test]
fn check_says_whether_the_bundle_is_the_shipped_one() {
    let out = reweigh(&["check"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("This is the bundle reweigh"), "{text}");
    assert!(text.contains("anomalies accepted: none"), "{text}");
    let scratch = Scratch::new("check-other");
    let path = scratch.path("data/claims.json");
    let mut claims = std::fs::read_to_string(&path).unwrap();
    claims.push('\n');
    std::fs::write(&path, claims).unwrap();
    let out = reweigh(&["--data", scratch.path("data").to_str().unwrap(), "check"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("This is NOT the bundle reweigh"), "{text}");
}

/// Finding 8: control characters typed in an argument never reach the terminal raw.
#[test]
fn control_characters_are_escaped_in_messages() {
    let out = reweigh(&["compute", "--state", "invalid=%1B%5B2J%0Afake: line"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.lines().all(|l| !l.starts_with("fake: line")), "{err:?}");
    assert!(err.contains("\\u{1b}[2J\\nfake: line"), "{err:?}");
}

/// Finding 10: a `+` that decoded to a space is said so; a value with no key names the keys.
#[test]
fn messages_say_what_a_plus_and_a_missing_key_mean() {
    let err = stderr(&reweigh(&["compute", "--state", "invalid=+0.5"]));
    assert!(
        err.contains("`invalid= 0.5`: contains a space (a \"+\" in a link stands for a space)"),
        "{err}"
    );
    let err = stderr(&reweigh(&["compute", "--state", "=0.5"]));
    assert!(
        err.contains("a value without a key") && err.contains("invalid, davankov"),
        "{err}"
    );
}

/// `import --check` fails when the shipped fingerprint is stale.
#[test]
fn import_check_fails_on_a_stale_shipped_fingerprint() {
    let scratch = Scratch::new("import-stale");
    let shipped = scratch.path("shipped.rs");
    let text = std::fs::read_to_string(&shipped).unwrap();
    let stale: Vec<String> = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with('"') {
                format!("    \"{}\";", "0".repeat(64))
            } else {
                l.to_string()
            }
        })
        .collect();
    assert_ne!(stale.join("\n") + "\n", text);
    std::fs::write(&shipped, stale.join("\n") + "\n").unwrap();
    let (raw, out) = (scratch.path("data/raw"), scratch.path("data"));
    let result = reweigh(&[
        "import",
        "--raw",
        raw.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--shipped",
        shipped.to_str().unwrap(),
        "--check",
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("shipped.rs"),
        "{}",
        stderr(&result)
    );
}
