//! The audit pinned cell by cell: `tests/expected/audit.tsv` lists every published table cell
//! and text figure under the paper's reading (and, where a reason code never appears there, the
//! cells of the reading where it does), with the printed figure, the recomputed value, the
//! status, the reason code and one reviewed line of why. Any change fails until the file is
//! updated on purpose:
//!
//! ```sh
//! REWEIGH_WRITE_AUDIT=1 cargo test --test audit   # rewrite the file from the engine
//! ```
//! Lines whose status and reason are unchanged keep their reviewed why; a new or changed line
//! gets `UNREVIEWED: ` and the engine's reason, and the test fails until someone edits it into a
//! line of why (and removes the mark).

mod common;

use common::engine;
use reweigh::State;
use reweigh::paper::audit::Status;
use reweigh::paper::tables::AUDITED_TABLES;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::PathBuf;

const HEADER: &str = "state\ttable\trow\tcolumn\tprinted\trecomputed\tstatus\treason\twhy";
const UNREVIEWED: &str = "UNREVIEWED: ";

/// Every reason code the audit can give (README, "The audit").
const REASONS: [&str; 20] = [
    "other_base",
    "other_quantity",
    "reading",
    "paper_inputs",
    "rounded_parts",
    "swapped_columns",
    "wrong_label",
    "dropped_digit",
    "truncated",
    "grouping",
    "pec_count",
    "countries",
    "unexplained",
    // Not in README's list: Table 1's countries before 2024 (the locations file covers 2024).
    "not_in_data",
    // The audit of issue 16: a figure of another place, and typing slips another printed
    // figure confirms.
    "other_place",
    "changed_digit",
    "shifted_point",
    // Readings from the figures printed around a figure: the sum of the parts its sentence
    // prints, a printed count less the places the text sets aside.
    "sum_of_parts",
    "less_named",
    // Another quantity fits the figure but not a figure of the same sentence measuring the same
    // thing elsewhere (Armenia's "slightly more than a third" and Uzbekistan's).
    "other_quantity_contradicted",
];

/// The readings pinned: the paper's own, and one under which the code the paper's never gives
/// appears (`reading`: the paper's figure is reproduced under the paper's reading, not this one).
/// `paper_inputs` and `truncated` both appear under the paper's reading.
const READINGS: [&str; 2] = ["paper", "invalid=0"];

fn path() -> PathBuf {
    common::root().join("tests/expected/audit.tsv")
}

/// One published cell: its key (state, table, row, column) and what is pinned of it.
#[derive(Clone, Debug, PartialEq)]
struct Line {
    key: [String; 4],
    printed: String,
    recomputed: String,
    status: String,
    reason: String,
    why: String,
}

impl Line {
    fn write(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            self.key.join("\t"),
            self.printed,
            self.recomputed,
            self.status,
            self.reason,
            self.why
        )
    }
    fn read(text: &str) -> Line {
        let f: Vec<&str> = text.split('\t').collect();
        assert_eq!(f.len(), 9, "a line of 9 fields: {text}");
        Line {
            key: [f[0], f[1], f[2], f[3]].map(String::from),
            printed: f[4].into(),
            recomputed: f[5].into(),
            status: f[6].into(),
            reason: f[7].into(),
            why: f[8].into(),
        }
    }
    /// Everything but the why: what the test compares.
    fn pinned(&self) -> String {
        let mut line = self.write();
        line.truncate(line.len() - self.why.len());
        line
    }
}

fn status_id(s: Status) -> &'static str {
    match s {
        Status::Match => "match",
        Status::Differs => "differs",
        Status::Unpublished => "unpublished",
        Status::NotInData => "not_in_data",
    }
}

/// The engine's audit: every published cell of every audited table, under each pinned reading.
/// A reading other than the paper's contributes only the cells whose reason the paper's lacks.
fn audit_now() -> Vec<Line> {
    let mut lines = Vec::new();
    let mut paper_codes = BTreeSet::new();
    for reading in READINGS {
        let query = if reading == "paper" { "" } else { reading };
        let state = State::from_query(query).unwrap();
        for table in engine().tables(&state, None).unwrap() {
            if !AUDITED_TABLES.contains(&table.id.as_str()) {
                continue;
            }
            for row in &table.rows {
                for (column, cell) in table.columns.iter().zip(&row.cells) {
                    let Some(printed) = cell.published() else {
                        continue;
                    };
                    let reason = cell.reason().map_or("", |r| r.code);
                    if reading == "paper" {
                        paper_codes.insert(reason);
                    } else if paper_codes.contains(reason) {
                        continue;
                    }
                    let recomputed = match cell.value.as_f64() {
                        Some(x) if x.fract() == 0.0 => format!("{x}"),
                        Some(x) => format!("{x:.4}"),
                        None => "-".to_string(),
                    };
                    let why = cell
                        .reason()
                        .map_or_else(|| "printed = recomputed".to_string(), |r| r.text.en.clone());
                    lines.push(Line {
                        key: [reading, &table.id, &row.id, &column.id].map(String::from),
                        printed: printed.text.clone(),
                        recomputed,
                        status: status_id(cell.status()).to_string(),
                        reason: reason.to_string(),
                        why: format!("{UNREVIEWED}{}", why.replace(['\t', '\n'], " ")),
                    });
                }
            }
        }
    }
    lines
}

fn pinned() -> Vec<Line> {
    // Every test reads the file: under REWEIGH_WRITE_AUDIT it is rewritten first, once.
    static WRITE: std::sync::Once = std::sync::Once::new();
    if std::env::var_os("REWEIGH_WRITE_AUDIT").is_some() {
        WRITE.call_once(write_expected);
    }
    read_file()
}

fn read_file() -> Vec<Line> {
    let text = std::fs::read_to_string(path()).expect("tests/expected/audit.tsv");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(HEADER));
    lines.filter(|l| !l.is_empty()).map(Line::read).collect()
}

/// Rewrite the file on purpose: keep the reviewed why of every unchanged line.
fn write_expected() {
    let old: BTreeMap<[String; 4], Line> = if path().exists() {
        read_file()
            .into_iter()
            .map(|l| (l.key.clone(), l))
            .collect()
    } else {
        BTreeMap::new()
    };
    let mut out = format!("{HEADER}\n");
    for mut line in audit_now() {
        if let Some(previous) = old.get(&line.key)
            && previous.pinned() == line.pinned()
        {
            line.why = previous.why.clone();
        }
        writeln!(out, "{}", line.write()).unwrap();
    }
    std::fs::create_dir_all(path().parent().unwrap()).unwrap();
    std::fs::write(path(), out).unwrap();
}

#[test]
fn the_audit_equals_the_reviewed_file() {
    let expected = pinned();
    let now = audit_now();
    let keys = |list: &[Line]| -> Vec<[String; 4]> { list.iter().map(|l| l.key.clone()).collect() };
    let (want, got) = (keys(&expected), keys(&now));
    let missing: Vec<_> = want.iter().filter(|k| !got.contains(k)).collect();
    let extra: Vec<_> = got.iter().filter(|k| !want.contains(k)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "published cells changed: missing {missing:?}, new {extra:?} \
         (REWEIGH_WRITE_AUDIT=1 cargo test --test audit, then review)"
    );
    let mut changed = Vec::new();
    for (e, n) in expected.iter().zip(&now) {
        assert_eq!(e.key, n.key, "the file keeps the tables' order");
        if e.pinned() != n.pinned() {
            changed.push(format!("  was {}\n  now {}", e.pinned(), n.pinned()));
        }
    }
    assert!(
        changed.is_empty(),
        "{} cells changed (REWEIGH_WRITE_AUDIT=1 cargo test --test audit, then review):\n{}",
        changed.len(),
        changed.join("\n")
    );
    let unreviewed: Vec<String> = expected
        .iter()
        .filter(|l| {
            l.why.starts_with(UNREVIEWED)
                || l.why.contains("to be reviewed")
                || l.why.trim().is_empty()
        })
        .map(|l| l.key.join(" "))
        .collect();
    assert!(
        unreviewed.is_empty(),
        "lines to review in tests/expected/audit.tsv: {unreviewed:?}"
    );
}

#[test]
fn every_reason_code_is_pinned_at_least_once() {
    let lines = pinned();
    for code in REASONS {
        assert!(
            lines.iter().any(|l| l.reason == code),
            "no cell pinned with reason {code}"
        );
    }
    let codes: BTreeSet<&str> = lines.iter().map(|l| l.reason.as_str()).collect();
    let known: BTreeSet<&str> = REASONS.iter().copied().chain([""]).collect();
    assert!(codes.is_subset(&known), "{codes:?}");
    // A match has no reason; a difference always has one.
    for l in &lines {
        assert_eq!(l.status == "match", l.reason.is_empty(), "{}", l.write());
    }
}

/// Every published figure of data/paper.json is pinned under the paper's reading: the count of
/// cells per table is the count of printed figures the paper file holds.
#[test]
fn every_published_figure_is_pinned() {
    let paper: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("data/paper.json")).unwrap(),
    )
    .unwrap();
    let lines = pinned();
    let pinned_in = |table: &str| {
        lines
            .iter()
            .filter(|l| l.key[0] == "paper" && l.key[1] == table)
            .count()
    };
    let tables = paper["tables"].as_object().expect("tables");
    let mut total = 0;
    for (id, table) in tables {
        let printed: usize = table["cells"]
            .as_object()
            .expect("cells")
            .values()
            .map(|cols| cols.as_object().unwrap().len())
            .sum();
        assert_eq!(pinned_in(id), printed, "table {id}");
        total += printed;
    }
    let text = paper["text"].as_array().expect("text figures").len();
    assert_eq!(pinned_in("text"), text);
    assert_eq!(
        lines.iter().filter(|l| l.key[0] == "paper").count(),
        total + text
    );
}

/// Every reason code has its own words in both languages, and the page's summary of the text
/// figures counts the readings from the figures printed around them in those words.
#[test]
fn every_reason_code_has_its_own_words_and_the_summary_uses_them() {
    use reweigh::Lang;
    use reweigh::engine::table_view::{audit_summary_text, reason_label};
    let fallback = reason_label("no such code");
    let mut seen = BTreeSet::new();
    for code in REASONS {
        let words = reason_label(code);
        assert!(!words.en.is_empty() && !words.ru.is_empty(), "{code}");
        assert!(
            !words.ru.chars().any(|c| c.is_ascii_alphabetic()),
            "{code}: {}",
            words.ru
        );
        if code != "unexplained" {
            assert_ne!(
                words, fallback,
                "{code} falls back to the unexplained words"
            );
        }
        assert!(seen.insert(words.en.clone()), "{code}: words shared");
    }
    let table = common::engine()
        .tables(&State::paper(), Some("text"))
        .unwrap()
        .remove(0);
    let en = audit_summary_text(&table.audit, Lang::En);
    let ru = audit_summary_text(&table.audit, Lang::Ru);
    for code in ["sum_of_parts", "less_named"] {
        let words = reason_label(code);
        assert!(en.contains(&format!("{} 1", words.en)), "{en}");
        assert!(ru.contains(&format!("{} — 1", words.ru)), "{ru}");
    }
    // Armenia, Azerbaijan and the UAE: counted apart from the clean other-quantity readings.
    let words = reason_label("other_quantity_contradicted");
    assert!(en.contains(&format!("{} 3", words.en)), "{en}");
    assert!(ru.contains(&format!("{} — 3", words.ru)), "{ru}");
}

/// The Markdown export says its audit in the reader's words, as the page does: on the Russian
/// file no reason code, status word or English label (the reading's code line and the
/// fingerprint aside).
#[test]
fn the_markdown_export_says_the_audit_in_the_readers_words() {
    use reweigh::Lang;
    use reweigh::engine::table_view::audit_summary_text;
    use reweigh::output::export::{ExportOptions, Format};
    let engine = engine();
    let state = State::from_query("invalid=0.5&base=cast").unwrap();
    for table_id in AUDITED_TABLES {
        let table = engine.tables(&state, Some(table_id)).unwrap().remove(0);
        for lang in [Lang::En, Lang::Ru] {
            let options = ExportOptions {
                lang,
                rows: None,
                generated: "2026-12-06".into(),
                bom: false,
                pin: None,
                dialect: None,
            };
            let md = engine
                .export(&state, table_id, Format::Markdown, &options)
                .unwrap();
            let summary = audit_summary_text(&table.audit, lang);
            assert!(md.contains(&summary), "{table_id} {lang:?}: {md}");
            if lang == Lang::Ru {
                let head: Vec<&str> = md.lines().take_while(|l| !l.starts_with('|')).collect();
                for line in head {
                    let prose = line
                        .split('`')
                        .step_by(2)
                        .collect::<String>()
                        .replace("sha256:", "")
                        .replace("reweigh", "");
                    let latin: String = prose
                        .chars()
                        .filter(|c| c.is_ascii_alphabetic() && !c.is_ascii_hexdigit())
                        .collect();
                    assert!(latin.is_empty(), "{table_id}: {line}");
                }
            }
        }
    }
}

/// The Russian Markdown file writes shares with a decimal comma and flags as words.
#[test]
fn the_russian_markdown_writes_decimal_commas_and_flag_words() {
    use reweigh::Lang;
    use reweigh::output::export::{ExportOptions, Format};
    let options = ExportOptions {
        lang: Lang::Ru,
        rows: None,
        generated: "2026-12-06".into(),
        bom: false,
        pin: None,
        dialect: None,
    };
    let md = engine()
        .export(&State::paper(), "pecs", Format::Markdown, &options)
        .unwrap();
    let row = md
        .lines()
        .find(|l| l.starts_with("| УИК №8000 |"))
        .expect("PEC 8000's row");
    assert!(row.contains("| 4,21 |"), "{row}");
    assert!(row.contains("| нет |"), "{row}");
    for word in ["true", "false", "| 4.21 |"] {
        assert!(!md.contains(word), "{word}");
    }
}
