//! The robustness map written out: CSV, JSON or Markdown, one line per claim, with each claim's
//! verdict counts over the grid (three apart for a claim against a printed figure), the split of
//! its changes among the keys, and its verdict and location check under the reading exported
//! from (the header names that reading and the pinned one).

use super::export::{Format, markdown_escape, neutralise};
use super::sheets::{Dialect, number_text};
use crate::analysis::importance::Importance;
use crate::analysis::location::LocationCheck;
use crate::analysis::sweep::{ClaimReport, Grid, Sweep};
use crate::paper::claims::Verdict;
use crate::text::numtext::fixed;
use serde::Serialize;

/// The reading an export is made from: its canonical form, the pinned reading (if any), each
/// claim's verdict and location check under it, and the data (`export::bundle_line`).
pub struct ExportReading {
    pub state: String,
    /// CSV's separator and decimal mark (the reader's language's).
    pub dialect: Dialect,
    pub pin: Option<String>,
    pub checks: Vec<LocationCheck>,
    pub bundle: String,
}

/// A verdict as the files write it.
pub fn verdict_id(v: Verdict) -> &'static str {
    match v {
        Verdict::Holds => "holds",
        Verdict::OffLastDigit => "off_last_digit",
        Verdict::Fails => "fails",
        Verdict::NotApplicable => "not_applicable",
    }
}

/// A key's part of the changes (0 when the key does not vary or no split exists).
fn part(importance: &Option<Importance>, key: &str) -> Option<f64> {
    importance.as_ref().map(|i| {
        i.keys
            .iter()
            .find(|k| k.key == key)
            .map_or(0.0, |k| k.share)
    })
}

/// Under the reading exported from.
#[derive(Serialize)]
struct Now {
    verdict: &'static str,
    /// The verdict with the PECs of uncertain location left out of countries and regions.
    without_uncertain_locations: &'static str,
    rests_on_uncertain_locations: bool,
}

#[derive(Serialize)]
struct ClaimLine<'a> {
    #[serde(flatten)]
    report: &'a ClaimReport,
    now: Now,
}

/// The robustness map as CSV (one line per claim, in the reader's dialect), JSON (`{meta, claims}`) or
/// Markdown.
pub fn sweep_text(sweep: &Sweep, format: Format, generated: &str, from: &ExportReading) -> String {
    let grid = sweep.grid.canonical();
    let tool = format!("reweigh {}", env!("CARGO_PKG_VERSION"));
    let varying = sweep.grid.varying_keys();
    let now = |c: usize| {
        from.checks.get(c).map_or(
            Now {
                verdict: "",
                without_uncertain_locations: "",
                rests_on_uncertain_locations: false,
            },
            |check| Now {
                verdict: verdict_id(check.verdict),
                without_uncertain_locations: verdict_id(check.without),
                rests_on_uncertain_locations: check.rests_on_uncertain(),
            },
        )
    };
    match format {
        Format::Json => {
            #[derive(Serialize)]
            struct Document<'a> {
                meta: SweepMeta<'a>,
                claims: Vec<ClaimLine<'a>>,
            }
            #[derive(Serialize)]
            struct SweepMeta<'a> {
                tool: &'a str,
                grid: &'a Grid,
                grid_query: &'a str,
                readings: usize,
                generated: &'a str,
                bundle: &'a str,
                state: &'a str,
                pin: Option<&'a str>,
            }
            let doc = Document {
                meta: SweepMeta {
                    tool: &tool,
                    grid: &sweep.grid,
                    grid_query: &grid,
                    readings: sweep.grid.size(),
                    generated,
                    bundle: &from.bundle,
                    state: &from.state,
                    pin: from.pin.as_deref(),
                },
                claims: sweep
                    .report
                    .iter()
                    .enumerate()
                    .map(|(c, report)| ClaimLine {
                        report,
                        now: now(c),
                    })
                    .collect(),
            };
            serde_json::to_string_pretty(&doc).expect("reports serialise") + "\n"
        }
        Format::Csv => {
            // Header and data only, so spreadsheets and pandas open it with no options; what
            // the map was computed from is in the JSON's `meta`.
            let mut out = String::new();
            let num = |x: Option<f64>| x.map_or(String::new(), |x| number_text(x, from.dialect));
            let mut w = csv::WriterBuilder::new()
                .delimiter(from.dialect.delimiter())
                .from_writer(Vec::new());
            let mut head: Vec<String> = [
                "claim",
                "title_en",
                "title_ru",
                "where_en",
                "where_ru",
                "holds",
                "off_last_digit",
                "fails",
                "not_applicable",
                "share_holding",
                "target",
                "min",
                "max",
                "paper_verdict",
                "paper_value",
                "nearest_other_reading",
                "differs_from_paper",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect();
            head.extend(varying.iter().map(|k| format!("importance_{k}")));
            head.extend(
                [
                    "verdict",
                    "without_uncertain_locations",
                    "rests_on_uncertain_locations",
                    "quote_en",
                    "quote_ru",
                ]
                .iter()
                .map(|s| s.to_string()),
            );
            w.write_record(&head).expect("in-memory write");
            for (i, c) in sweep.report.iter().enumerate() {
                let mut record = vec![
                    neutralise(&c.spec.id),
                    neutralise(&c.spec.title_en),
                    neutralise(&c.spec.title_ru),
                    neutralise(&c.spec.location),
                    neutralise(&c.spec.location_ru),
                    c.holds.to_string(),
                    c.off_last_digit.to_string(),
                    c.fails.to_string(),
                    c.not_applicable.to_string(),
                    num(c.share_holding),
                    num(c.target),
                    num(c.min),
                    num(c.max),
                    verdict_id(c.paper.verdict).to_string(),
                    num(c.paper.value),
                    c.nearest_other.clone().unwrap_or_default(),
                    num(c.importance.as_ref().map(|i| i.differs)),
                ];
                record.extend(varying.iter().map(|k| num(part(&c.importance, k))));
                let n = now(i);
                record.extend([
                    n.verdict.to_string(),
                    n.without_uncertain_locations.to_string(),
                    n.rests_on_uncertain_locations.to_string(),
                    neutralise(&c.spec.quote_en),
                    neutralise(&c.spec.quote_ru),
                ]);
                w.write_record(&record).expect("in-memory write");
            }
            out.push_str(
                &String::from_utf8(w.into_inner().expect("in-memory write")).expect("UTF-8"),
            );
            out
        }
        Format::Markdown => {
            let escape = markdown_escape;
            let words = |v: Verdict| super::spreadsheet::verdict_words(v, crate::text::Lang::En);
            let mut out = format!(
                "## How robust is each conclusion?\n\n{} readings: `{grid}`\n\nbundle: {}\n\nthis reading: `{}`\n",
                sweep.grid.size(),
                markdown_escape(&from.bundle),
                from.state
            );
            if let Some(pin) = &from.pin {
                out.push_str(&format!("\npinned: `{pin}`\n"));
            }
            out.push_str("\n| claim | where | paper’s reading | holds / off in the last digit / fails | holds in | range | rests on | this reading | location |\n|---|---|---|---|---|---|---|---|---|\n");
            for (i, c) in sweep.report.iter().enumerate() {
                let share = c
                    .share_holding
                    .map_or("—".to_string(), |s| format!("{}%", fixed(s * 100.0, 1)));
                let range = match (c.min, c.max) {
                    (Some(lo), Some(hi)) => format!("{} – {}", fixed(lo, 2), fixed(hi, 2)),
                    _ => "—".into(),
                };
                let rests = match &c.importance {
                    Some(imp) if imp.differs > 0.0 => imp
                        .keys
                        .iter()
                        .filter(|k| k.share.abs() >= 0.0005)
                        .map(|k| format!("{} {}%", escape(&k.key), fixed(k.share * 100.0, 1)))
                        .collect::<Vec<_>>()
                        .join(", "),
                    _ => "—".into(),
                };
                let n = now(i);
                out.push_str(&format!(
                    "| {} | {} | {} {} | {} / {} / {} | {share} | {range} | {rests} | {} | {} |\n",
                    escape(&c.spec.title_en),
                    escape(&c.spec.location),
                    words(c.paper.verdict),
                    c.paper
                        .value
                        .map_or(String::new(), |v| format!("({})", fixed(v, 2))),
                    c.holds,
                    c.off_last_digit,
                    c.fails,
                    from.checks.get(i).map_or("", |check| words(check.verdict)),
                    if n.rests_on_uncertain_locations {
                        format!(
                            "rests on uncertain locations ({} without them)",
                            from.checks.get(i).map_or("", |check| words(check.without))
                        )
                    } else {
                        "—".to_string()
                    },
                ));
            }
            out
        }
    }
}
