//! The command line: argument parsing and printing only; every figure comes from the core.

use clap::{Parser, Subcommand};
use reweigh::engine::{self, BUNDLE_FILES, Engine, EngineError, ExportOptions, Format, TABLE_IDS};
use reweigh::{Lang, State};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Recompute the tables of Bocharov (2024) from the CEC's per-PEC protocols under explicit assumptions.
#[derive(Parser)]
#[command(name = "reweigh", version, about)]
struct Cli {
    /// Read the bundle from this directory instead of the copy built into the binary.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print every aggregate (total, regions, countries, PECs, wins) for a state, as JSON.
    Compute {
        /// The assumptions as a query string, e.g. 'invalid=0.5&base=valid'; missing keys take the paper's values.
        #[arg(long, default_value = "")]
        state: String,
    },
    /// Print the recomputed tables with the published figures, differences and reasons.
    Tables {
        #[arg(long, default_value = "")]
        state: String,
        /// csv | json | md | xlsx (the workbook, binary) | zip (the data package, binary)
        #[arg(long, default_value = "md")]
        format: String,
        /// 1 | 2 | 3 | 4 | text | russia | countries | pecs (all tables when left out; xlsx and zip hold all)
        #[arg(long)]
        table: Option<String>,
        /// en | ru
        #[arg(long, default_value = "en")]
        lang: String,
        /// CSV's separator and decimal mark: en (`,` and point) | ru (`;` and decimal comma);
        /// the language's own when left out
        #[arg(long, default_value = "")]
        dialect: String,
    },
    /// Print the assumption vocabulary (keys, allowed values, the paper's choices) as JSON.
    Vocabulary,
    /// Rebuild the generated files in data/ (and the shipped fingerprint) from the raw files in
    /// data/raw and the transcribed files in data/; nothing is written if the loader would refuse it.
    Import {
        /// Directory of raw files (cec/, locations/, map/, candidates.csv, subjects.csv).
        #[arg(long, default_value = "data/raw")]
        raw: PathBuf,
        /// Where the transcribed files are read and the generated files written.
        #[arg(long, default_value = "data")]
        out: PathBuf,
        /// Where the fingerprint of the shipped bundle is written (Rust source).
        #[arg(long, default_value = engine::SHIPPED_SOURCE)]
        shipped: PathBuf,
        /// Only compare: exit 1 if a generated file would change.
        #[arg(long)]
        check: bool,
    },
    /// Load the bundle and run every data check; print a short report.
    Check,
    /// Judge every claim of the paper under every reading of a grid (the robustness map).
    Sweep {
        /// Values per key, comma-separated, e.g. 'invalid=0,0.5,1&base=issued,cast'; missing keys
        /// take the default (weights 0, 0.25, 0.5, 0.75, 1; every choice; min_issued 0).
        #[arg(long, default_value = "")]
        grid: String,
        /// json | csv | md
        #[arg(long, default_value = "md")]
        format: String,
        /// The reading whose verdicts and location checks the map also reports (and names in
        /// its header); the paper's when left out.
        #[arg(long, default_value = "")]
        state: String,
    },
    /// For a reading, each claim's exact tipping points: the values of each weight (the others as
    /// set) at which it holds, and whether its verdict rests on PECs of uncertain location.
    Tipping {
        #[arg(long, default_value = "")]
        state: String,
        /// json | md
        #[arg(long, default_value = "md")]
        format: String,
        /// en | ru (Markdown only)
        #[arg(long, default_value = "en")]
        lang: String,
    },
}

/// Usage errors exit 2 (as clap does), data errors 1. Messages are escaped: nothing a user
/// typed reaches the terminal as a control character.
fn usage_error(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("reweigh: {}", escape_controls(&message.to_string()));
    ExitCode::from(2)
}

fn data_error(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("reweigh: {}", escape_controls(&message.to_string()));
    ExitCode::from(1)
}

/// Control characters (but line breaks between our own lines) written as escapes.
fn escape_controls(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// An engine error: a bad argument (a reading, a grid, a name) is a usage error, anything else
/// a data error; worded in `lang`.
fn engine_error(e: &EngineError, lang: Lang) -> ExitCode {
    match e {
        EngineError::Data(_) => data_error(e.message(lang)),
        _ => usage_error(e.cli_message(lang)),
    }
}

fn bundle_texts(dir: Option<&Path>) -> Result<BTreeMap<String, String>, String> {
    let mut texts = BTreeMap::new();
    for name in BUNDLE_FILES {
        let text = match dir {
            Some(dir) => {
                let path = dir.join(name);
                let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                reweigh::data::bundle::text_of(name, &bytes).map_err(|e| e.to_string())?
            }
            None => embedded(name).to_string(),
        };
        texts.insert(name.to_string(), text);
    }
    Ok(texts)
}

/// The committed bundle, built into the binary so the CLI works from anywhere.
fn embedded(name: &str) -> &'static str {
    match name {
        "pecs-2024.json" => include_str!("../../data/pecs-2024.json"),
        "history.json" => include_str!("../../data/history.json"),
        "manifest.json" => include_str!("../../data/manifest.json"),
        "paper.json" => include_str!("../../data/paper.json"),
        "russia-2024.json" => include_str!("../../data/russia-2024.json"),
        "claims.json" => include_str!("../../data/claims.json"),
        "russia-2024-national.json" => include_str!("../../data/russia-2024-national.json"),
        other => unreachable!("{other} is not a bundle file"),
    }
}

fn parse_state(text: &str, lang: Lang) -> Result<State, ExitCode> {
    engine::state(text).map_err(|e| match e {
        EngineError::State(errors) => {
            let lines: Vec<String> = errors
                .iter()
                .map(|e| format!("  {}", e.cli_message(lang)))
                .collect();
            usage_error(format!("bad --state:\n{}", lines.join("\n")))
        }
        other => engine_error(&other, lang),
    })
}

fn load(dir: Option<&Path>) -> Result<Engine, ExitCode> {
    let texts = bundle_texts(dir).map_err(data_error)?;
    Engine::load(&texts).map_err(|e| engine_error(&e, Lang::En))
}

fn today() -> String {
    // Days since the epoch → civil date (Howard Hinnant's algorithm); no clock crate needed.
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn run(cli: Cli) -> Result<(), ExitCode> {
    let data = cli.data.as_deref();
    match cli.command {
        Command::Compute { state } => {
            let state = parse_state(&state, Lang::En)?;
            let engine = load(data)?;
            let results = engine.compute(&state);
            println!(
                "{}",
                serde_json::to_string_pretty(&results).expect("results serialise")
            );
        }
        Command::Tables {
            state,
            format,
            table,
            lang,
            dialect,
        } => {
            let lang = Lang::parse(&lang).ok_or_else(|| {
                usage_error(format!("unknown --lang \"{lang}\"; allowed: en | ru"))
            })?;
            let state = parse_state(&state, lang)?;
            let dialect = reweigh::engine::sources::dialect(&dialect, lang)
                .map_err(|e| usage_error(format!("--dialect: {}", e.message(lang))))?;
            if format == "xlsx" || format == "zip" {
                let engine = load(data)?;
                let permalink = format!("#{}", state.canonical());
                let bytes = if format == "xlsx" {
                    engine.xlsx(&state, lang, &permalink, &today(), None)
                } else {
                    engine.zip(&state, lang, dialect, &permalink, &today())
                }
                .map_err(|e| engine_error(&e, lang))?;
                use std::io::Write;
                return std::io::stdout()
                    .write_all(&bytes)
                    .map_err(|e| data_error(format!("writing to stdout: {e}")));
            }
            let format = Format::parse(&format).ok_or_else(|| {
                usage_error(format!(
                    "unknown --format \"{format}\"; allowed: csv | json | md | xlsx | zip"
                ))
            })?;
            if let Some(id) = &table
                && !TABLE_IDS.contains(&id.as_str())
            {
                return Err(usage_error(format!(
                    "unknown --table \"{id}\"; allowed: {}",
                    TABLE_IDS.join(" | ")
                )));
            }
            let engine = load(data)?;
            let ids: Vec<&str> = match &table {
                Some(id) => vec![id.as_str()],
                None => TABLE_IDS.to_vec(),
            };
            let options = ExportOptions {
                lang,
                generated: today(),
                dialect: Some(dialect),
                ..ExportOptions::default()
            };
            for id in ids {
                let text = engine
                    .export(&state, id, format, &options)
                    .map_err(|e| engine_error(&e, lang))?;
                print!("{text}");
                if format == Format::Markdown {
                    println!();
                }
            }
        }
        Command::Vocabulary => {
            println!(
                "{}",
                serde_json::to_string_pretty(&engine::vocabulary()).expect("vocabulary serialises")
            );
        }
        Command::Import {
            raw,
            out,
            shipped,
            check,
        } => {
            let files = engine::read_raw_dir(&raw).map_err(data_error)?;
            let mut transcribed = BTreeMap::new();
            for name in engine::TRANSCRIBED_FILES {
                let path = out.join(name);
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| data_error(format!("{}: {e}", path.display())))?;
                transcribed.insert(name.to_string(), text);
            }
            let generated =
                engine::import(&files, &transcribed).map_err(|e| engine_error(&e, Lang::En))?;
            for failure in &generated.failures {
                eprintln!("control relation: {failure}");
            }
            let targets = generated
                .files
                .iter()
                .map(|(name, text)| (out.join(name), text))
                .chain(std::iter::once((shipped, &generated.shipped_source)));
            let mut stale = Vec::new();
            for (path, text) in targets {
                let current = std::fs::read_to_string(&path).unwrap_or_default();
                if &current == text {
                    continue;
                }
                if check {
                    stale.push(path.display().to_string());
                } else {
                    std::fs::write(&path, text)
                        .map_err(|e| data_error(format!("{}: {e}", path.display())))?;
                    eprintln!("wrote {}", path.display());
                }
            }
            if !stale.is_empty() {
                return Err(data_error(format!(
                    "generated files differ from what the importer writes: {} (run `cargo run -- import`)",
                    stale.join(", ")
                )));
            }
            eprintln!(
                "import: {} raw files, {} control-relation failures abroad, {} in the national file; bundle sha256:{}",
                files.len(),
                generated.failures.len(),
                generated.national_failures,
                generated.fingerprint
            );
        }
        Command::Sweep {
            grid,
            format,
            state,
        } => {
            let state = parse_state(&state, Lang::En)?;
            let grid = engine::grid(&grid).map_err(|e| match e {
                EngineError::State(errors) => {
                    let lines: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
                    usage_error(format!("bad --grid:\n{}", lines.join("\n")))
                }
                other => engine_error(&other, Lang::En),
            })?;
            let format = Format::parse(&format).ok_or_else(|| {
                usage_error(format!(
                    "unknown --format \"{format}\"; allowed: csv | json | md"
                ))
            })?;
            let engine = load(data)?;
            let started = std::time::Instant::now();
            let sweep = engine.sweep(&grid);
            eprintln!(
                "{} readings × {} claims in {:.1} ms",
                grid.size(),
                sweep.report.len(),
                started.elapsed().as_secs_f64() * 1000.0
            );
            print!(
                "{}",
                engine.sweep_export_from(&sweep, format, &today(), &state.canonical())
            );
        }
        Command::Tipping {
            state,
            format,
            lang,
        } => {
            let lang = Lang::parse(&lang).ok_or_else(|| {
                usage_error(format!("unknown --lang \"{lang}\"; allowed: en | ru"))
            })?;
            let state = parse_state(&state, lang)?;
            let engine = load(data)?;
            match format.as_str() {
                "json" => println!(
                    "{}",
                    serde_json::to_string_pretty(&engine.tipping_document(&state))
                        .expect("tipping points serialise")
                ),
                "md" => print!("{}", engine.tipping_markdown(&state, lang)),
                other => {
                    return Err(usage_error(format!(
                        "unknown --format \"{other}\"; allowed: json | md"
                    )));
                }
            }
        }
        Command::Check => {
            let engine = load(data)?;
            print!("{}", engine.check_report());
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
