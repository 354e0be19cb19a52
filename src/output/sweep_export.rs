//! The robustness map written out: CSV, JSON or Markdown, one line per claim.

use super::export::{Format, markdown_escape, neutralise};
use crate::analysis::sweep::{ClaimReport, Grid, Sweep};
use crate::paper::claims::Verdict;
use crate::text::numtext::{fixed, shortest};
use serde::Serialize;

/// The robustness map as CSV (one line per claim, a `#` header with the grid), JSON
/// (`{meta, claims}`) or Markdown; `bundle` names the data (`export::bundle_line`).
pub fn sweep_text(sweep: &Sweep, format: Format, generated: &str, bundle: &str) -> String {
    let grid = sweep.grid.canonical();
    let tool = format!("reweigh {}", env!("CARGO_PKG_VERSION"));
    let verdict = |v: crate::paper::claims::Verdict| match v {
        Verdict::Holds => "holds",
        Verdict::Fails => "fails",
        Verdict::NotApplicable => "not_applicable",
    };
    let opt = |x: Option<f64>| x.map_or(String::new(), shortest);
    let hinge = |c: &ClaimReport, i: usize| {
        c.hinges.get(i).map_or((String::new(), String::new()), |h| {
            (h.key.clone(), shortest(h.share))
        })
    };
    match format {
        Format::Json => {
            #[derive(Serialize)]
            struct Document<'a> {
                meta: SweepMeta<'a>,
                claims: &'a [ClaimReport],
            }
            #[derive(Serialize)]
            struct SweepMeta<'a> {
                tool: &'a str,
                grid: &'a Grid,
                grid_query: &'a str,
                readings: usize,
                generated: &'a str,
                bundle: &'a str,
            }
            let doc = Document {
                meta: SweepMeta {
                    tool: &tool,
                    grid: &sweep.grid,
                    grid_query: &grid,
                    readings: sweep.grid.size(),
                    generated,
                    bundle,
                },
                claims: &sweep.report,
            };
            serde_json::to_string_pretty(&doc).expect("reports serialise") + "\n"
        }
        Format::Csv => {
            let mut out = format!(
                "# reweigh robustness map: {tool}\n# grid: {grid}\n# readings: {}\n# generated: {generated}\n# bundle: {bundle}\n",
                sweep.grid.size()
            );
            let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
            w.write_record([
                "claim",
                "where",
                "holds",
                "fails",
                "not_applicable",
                "share_holding",
                "target",
                "min",
                "max",
                "paper_verdict",
                "paper_value",
                "nearest_other_reading",
                "hinge_1",
                "hinge_1_share",
                "hinge_2",
                "hinge_2_share",
                "quote_en",
            ])
            .expect("in-memory write");
            for c in &sweep.report {
                let (h1, s1) = hinge(c, 0);
                let (h2, s2) = hinge(c, 1);
                w.write_record([
                    neutralise(&c.spec.id),
                    neutralise(&c.spec.location),
                    c.holds.to_string(),
                    c.fails.to_string(),
                    c.not_applicable.to_string(),
                    opt(c.share_holding),
                    opt(c.target),
                    opt(c.min),
                    opt(c.max),
                    verdict(c.paper.verdict).to_string(),
                    opt(c.paper.value),
                    c.nearest_other.clone().unwrap_or_default(),
                    h1,
                    s1,
                    h2,
                    s2,
                    neutralise(&c.spec.quote_en),
                ])
                .expect("in-memory write");
            }
            out.push_str(
                &String::from_utf8(w.into_inner().expect("in-memory write")).expect("UTF-8"),
            );
            out
        }
        Format::Markdown => {
            let mut out = format!(
                "## How robust is each conclusion?\n\n{} readings: `{grid}`\n\nbundle: {}\n\n| claim | paper's reading | holds in | range | hinges on |\n|---|---|---|---|---|\n",
                sweep.grid.size(),
                markdown_escape(bundle)
            );
            for c in &sweep.report {
                let share = c
                    .share_holding
                    .map_or("—".to_string(), |s| format!("{}%", fixed(s * 100.0, 1)));
                let range = match (c.min, c.max) {
                    (Some(lo), Some(hi)) => format!("{} – {}", fixed(lo, 2), fixed(hi, 2)),
                    _ => "—".into(),
                };
                let hinge = c.hinges.first().map_or("—".to_string(), |h| {
                    format!("{} ({}%)", h.key, fixed(h.share * 100.0, 0))
                });
                out.push_str(&format!(
                    "| {} | {} {} | {share} | {range} | {hinge} |\n",
                    markdown_escape(&c.spec.id),
                    verdict(c.paper.verdict),
                    c.paper
                        .value
                        .map_or(String::new(), |v| format!("({})", fixed(v, 2)))
                ));
            }
            out
        }
    }
}
