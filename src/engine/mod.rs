//! The facade: the only API the CLI and the wasm binding call. A loaded study, and what it
//! computes for a reading — aggregates, tables with their audit, claims, charts, exports, the
//! sweep and its queries, and the whole page the browser renders. One error type.

mod claims_view;
mod error;
mod integrity;
pub mod map_view;
pub mod page;
pub mod page_text;
mod panels;
mod pin;
mod reading_parts;
pub mod robustness;
pub mod sources;
pub mod spreadsheets;
pub mod table_view;
pub mod view;

pub use error::EngineError;
// What the CLI and the binding name besides the engine itself.
pub use crate::analysis::sweep::Sweep as SweepResult;
pub use crate::data::bundle::{BUNDLE_FILES, Checks};
pub use crate::data::import::{
    Generated, MAP_FILE, RawFile, SHIPPED_SOURCE, TRANSCRIBED_FILES, read_raw_dir,
};
pub use crate::output::export::{ExportOptions, Format, safe_file_name};
pub use crate::paper::tables::TABLE_IDS;

use crate::analysis::sweep::{self, Grid, Sweep};
use crate::data::bundle::{Bundle, Manifest};
use crate::data::files::PaperInfo;
use crate::output::chart::{self, Chart, ChartError};
use crate::output::export::{self, ExportError};
use crate::output::heat_map;
use crate::paper::claims::{self, Outcome};
use crate::paper::study::Study;
use crate::paper::tables::{self, Context, Table};
use crate::reading::aggregate::{self, Results};
use crate::reading::dataset::Dataset;
use crate::reading::keys::KeyInfo;
use crate::reading::state::State;
use crate::text::{Lang, Text};
use serde::Serialize;
use std::collections::BTreeMap;

/// A claim's verdict under one reading.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimOutcome<'a> {
    pub id: &'a str,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// One PEC a cell sums, for the "which PECs" panel.
#[derive(Clone, Debug, Serialize)]
pub struct Member {
    pub pec: u32,
    pub country: Text,
    pub city: Text,
    pub evidence: &'static str,
    pub note: Text,
    pub issued: i64,
}

/// Where the data come from, for the sources panel.
#[derive(Serialize)]
pub struct Provenance<'a> {
    pub manifest: &'a Manifest,
    pub paper: &'a PaperInfo,
    pub russia_sources: &'a BTreeMap<String, String>,
    pub published_cells: usize,
    pub text_figures: usize,
    /// SHA-256 over the bundle's files, and whether it is the bundle this version ships with.
    pub fingerprint: &'a str,
    pub shipped: bool,
}

/// Rebuild the generated files from the raw files and the transcribed bundle files (the
/// importer). The result loads: the loader and the study (figures, claims) take it, or it is an
/// error and nothing is to be written.
pub fn import(
    raw: &[RawFile],
    transcribed: &BTreeMap<String, String>,
) -> Result<Generated, EngineError> {
    let generated = crate::data::import::import(raw, transcribed).map_err(|e| {
        EngineError::Data(crate::data::bundle::BundleError {
            file: e.file,
            record: e.line.map(|l| format!("line {l}")),
            problem: e.message,
        })
    })?;
    Engine::load(&generated.bundle).map_err(|e| match e {
        EngineError::Data(mut e) => {
            e.problem = format!(
                "{} (in what the importer would write; nothing is written)",
                e.problem
            );
            EngineError::Data(e)
        }
        other => other,
    })?;
    Ok(generated)
}

/// The assumption vocabulary: every key, its values, the paper's choice, labels and help.
pub fn vocabulary() -> Vec<KeyInfo> {
    crate::reading::keys::vocabulary()
}

/// Read a sweep grid (`invalid=0,0.5,1&base=issued,cast`; `""`: the default grid).
pub fn grid(text: &str) -> Result<Grid, EngineError> {
    Ok(Grid::parse(text)?)
}

/// Read a state strictly (every problem an error).
pub fn state(query: &str) -> Result<State, EngineError> {
    Ok(State::from_query(query)?)
}

/// A loaded study, ready to compute any reading.
pub struct Engine {
    study: Study,
    /// The data with the PECs of uncertain location out of countries and regions (the location
    /// check of each claim).
    established: Dataset,
    /// The last reading's parts of a page, for a change of view (`reading_parts`).
    reading_memo: reading_parts::ReadingMemo,
}

impl From<ExportError> for EngineError {
    fn from(e: ExportError) -> EngineError {
        match e {
            ExportError::UnknownTable(id) => {
                EngineError::unknown(Text::new("table", "Таблица"), &id, &TABLE_IDS)
            }
            ExportError::UnknownFormat(id) => {
                EngineError::unknown(Text::new("format", "Формат"), &id, &["csv", "json", "md"])
            }
            ExportError::UnknownRow(id) => {
                EngineError::unknown(Text::new("row", "Строка"), &id, &[])
            }
            ExportError::Sheet(message) => EngineError::Unavailable(Text::same(message)),
        }
    }
}

impl From<ChartError> for EngineError {
    fn from(e: ChartError) -> EngineError {
        match e {
            ChartError::UnknownKind(kind) => {
                EngineError::unknown(Text::new("chart", "График"), &kind, &chart::CHART_KINDS)
            }
            ChartError::Drawing(e) => EngineError::Drawing(e),
        }
    }
}

impl Engine {
    /// Load and validate the bundle from its files' text, keyed by file name, and build the
    /// study (everything that does not depend on the reading).
    pub fn load(texts: &BTreeMap<String, String>) -> Result<Engine, EngineError> {
        Engine::load_with(texts, Checks::All)
    }

    /// `load`, with the loader's checks `checks` asks for (`Checks::UnlessShipped`, the page's:
    /// not the ones the shipped files are known to pass, when they are those files).
    pub fn load_with(
        texts: &BTreeMap<String, String>,
        checks: Checks,
    ) -> Result<Engine, EngineError> {
        Engine::from_bundle(Bundle::from_texts_with(texts, checks)?)
    }

    /// The page's load: the shipped bundle read without the loader's checks
    /// (`Bundle::from_shipped_texts`); `None` for any other files, which `load` reads.
    pub fn load_shipped(texts: &BTreeMap<String, String>) -> Result<Option<Engine>, EngineError> {
        Bundle::from_shipped_texts(texts)?
            .map(Engine::from_bundle)
            .transpose()
    }

    fn from_bundle(bundle: Bundle) -> Result<Engine, EngineError> {
        let study = Study::new(bundle)?;
        let established = crate::analysis::location::established_only(&study.data);
        Ok(Engine {
            study,
            established,
            reading_memo: Default::default(),
        })
    }

    /// The study: the data, the paper's figures and claims, what is computed once.
    pub fn study(&self) -> &Study {
        &self.study
    }

    /// The loaded bundle.
    pub fn bundle(&self) -> &Bundle {
        &self.study.data
    }

    /// Every aggregate for one state.
    pub fn compute(&self, state: &State) -> Results {
        aggregate::compute(&self.study.data, state)
    }

    /// A table-building context for a state (its aggregates; the paper's are in the study).
    pub fn context(&self, state: &State) -> Context<'_> {
        Context::new(&self.study, *state)
    }

    /// One table, or every table when `id` is None; an unknown id is an error naming the ids.
    pub fn tables(&self, state: &State, id: Option<&str>) -> Result<Vec<Table>, EngineError> {
        let ctx = self.context(state);
        match id {
            None => Ok(tables::build_all(&ctx)),
            Some(id) => tables::build(&ctx, id)
                .map(|t| vec![t])
                .ok_or_else(|| ExportError::UnknownTable(id.to_string()).into()),
        }
    }

    /// Every claim's outcome under one reading.
    pub fn claims(&self, state: &State) -> Vec<ClaimOutcome<'_>> {
        self.claim_outcomes(&self.compute(state))
    }

    fn claim_outcomes(&self, results: &Results) -> Vec<ClaimOutcome<'_>> {
        self.study
            .claims
            .iter()
            .map(|c| ClaimOutcome {
                id: &c.spec.id,
                outcome: claims::evaluate(c, results),
            })
            .collect()
    }

    /// One chart as SVG.
    pub fn chart(&self, state: &State, kind: &str, lang: Lang) -> Result<Chart, EngineError> {
        let ctx = self.context(state);
        let shares = (kind == "history").then(|| tables::winner_shares(&ctx));
        Ok(chart::draw(kind, &ctx.current, shares.as_deref(), lang)?)
    }

    /// One table written as CSV, JSON or Markdown.
    pub fn export(
        &self,
        state: &State,
        id: &str,
        format: Format,
        options: &ExportOptions,
    ) -> Result<String, EngineError> {
        let table = self.tables(state, Some(id))?.remove(0);
        Ok(export::write(
            &table,
            state,
            format,
            self.bundle(),
            options,
        )?)
    }

    /// The PECs a scope sums ("region:europe", "country:KZ", "pec:8096", "total") under a state.
    pub fn members(&self, state: &State, scope: &str) -> Result<Vec<Member>, EngineError> {
        let results = self.compute(state);
        let indices = tables::members_of(&results, scope).ok_or_else(|| {
            EngineError::unknown(
                Text::new("place", "Место"),
                scope,
                &["total", "region:ID", "country:ID", "pec:N"],
            )
        })?;
        Ok(indices
            .iter()
            .map(|&i| {
                let pec = &self.bundle().pecs[i];
                let l = &pec.location;
                Member {
                    pec: pec.pec,
                    country: Text::new(&l.country_en, &l.country_ru),
                    city: Text::new(&l.city_en, &l.city_ru),
                    evidence: l.evidence.id(),
                    note: l.note_text(),
                    issued: pec.protocol.issued(),
                }
            })
            .collect())
    }

    /// Provenance for the sources panel: the manifest and the paper's record.
    pub fn provenance(&self) -> Provenance<'_> {
        let b = self.bundle();
        Provenance {
            manifest: &b.manifest,
            paper: &b.paper.paper,
            russia_sources: &b.russia.sources,
            published_cells: self.study.paper.cell_count(),
            text_figures: self.study.paper.text.len(),
            fingerprint: &b.fingerprint,
            shipped: b.shipped,
        }
    }

    /// Run the robustness map over a grid.
    pub fn sweep(&self, grid: &Grid) -> Sweep {
        sweep::run(&self.study, grid)
    }

    /// A sweep's report as data: the grid, the number of readings, every claim's counts.
    pub fn sweep_report<'a>(&self, sweep: &'a Sweep) -> sweep::Report<'a> {
        sweep::Report::of(sweep)
    }

    /// A sweep as a file to save (CSV with a byte-order mark for spreadsheets), from the reading
    /// of `hash` (see `sweep_export_from`).
    pub fn sweep_download(
        &self,
        sweep: &Sweep,
        format: Format,
        generated: &str,
        hash: &str,
    ) -> sources::Download {
        let text = self.sweep_export_from(sweep, format, generated, hash);
        let (ext, mime, text) = match format {
            Format::Csv => ("csv", "text/csv;charset=utf-8", format!("\u{feff}{text}")),
            Format::Json => ("json", "application/json", text),
            Format::Markdown => ("md", "text/markdown;charset=utf-8", text),
        };
        sources::Download {
            name: safe_file_name(
                &format!(
                    "robustness-{}",
                    sources::reading_id(&self.locate(hash).parsed)
                ),
                ext,
            ),
            mime,
            text,
        }
    }

    /// A claim's verdict over the two assumptions its changes rest on most, `state` marked.
    pub fn sweep_chart(
        &self,
        sweep: &Sweep,
        claim: &str,
        state: &State,
        lang: Lang,
    ) -> Result<Chart, EngineError> {
        Ok(heat_map::robustness(sweep, claim, state, lang)?)
    }

    /// The grid reading nearest `state` with the claim's other verdict (see `Sweep::nearest_other`).
    pub fn flip(&self, sweep: &Sweep, claim: &str, state: &State) -> Result<State, EngineError> {
        let index = self.claim_index(claim)?;
        sweep::flip(&self.study, sweep, index, state).ok_or_else(|| {
            EngineError::Unavailable(Text::new(
                "no reading in the grid gives this claim another verdict",
                "ни одно прочтение сетки не меняет вердикт этого вывода",
            ))
        })
    }

    fn claim_index(&self, claim: &str) -> Result<usize, EngineError> {
        self.study
            .claims
            .iter()
            .position(|c| c.spec.id == claim)
            .ok_or_else(|| {
                let ids: Vec<&str> = self
                    .study
                    .claims
                    .iter()
                    .map(|c| c.spec.id.as_str())
                    .collect();
                EngineError::unknown(Text::new("claim", "Вывод"), claim, &ids)
            })
    }
}
