//! Downloads for spreadsheets: the workbook (XLSX) and the data package (ZIP) of a reading, as
//! the spreadsheet model (for the page's second wasm module, which writes the bytes) or as bytes
//! (for the CLI).

use super::sources::{dialect, reading_id};
use super::{Engine, EngineError, safe_file_name};
use crate::analysis::sweep::Sweep;
use crate::output::datapackage;
use crate::output::sheets::{self, Dialect, Package, SheetError, Workbook};
use crate::output::spreadsheet::{self, Context};
use crate::reading::state::State;
use crate::text::{Lang, Text};

impl From<SheetError> for EngineError {
    fn from(e: SheetError) -> EngineError {
        EngineError::Unavailable(Text::new(
            format!("the file could not be written: {e}"),
            format!("файл не удалось записать: {e}"),
        ))
    }
}

/// A spreadsheet download for the page: its name, type and bytes.
#[derive(Clone, Debug)]
pub struct SpreadsheetFile {
    pub name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// Write a workbook model as XLSX bytes (the page's second module: no bundle needed).
pub fn write_xlsx(book: &Workbook) -> Result<Vec<u8>, EngineError> {
    Ok(sheets::xlsx(book)?)
}

/// Write a data package model as ZIP bytes.
pub fn write_zip(package: &Package) -> Result<Vec<u8>, EngineError> {
    Ok(sheets::package(package)?)
}

impl Engine {
    fn sheet_context<'a>(
        &'a self,
        state: &'a State,
        lang: Lang,
        permalink: &'a str,
        generated: &'a str,
    ) -> Context<'a> {
        let prov = self.provenance();
        Context {
            state,
            lang,
            permalink,
            generated,
            bundle: self.bundle(),
            published_cells: prov.published_cells,
            text_figures: prov.text_figures,
            pin: None,
        }
    }

    /// The workbook of a reading: the reading, every table, the robustness map if a sweep is
    /// given, the sources.
    pub fn workbook(
        &self,
        state: &State,
        lang: Lang,
        permalink: &str,
        generated: &str,
        sweep: Option<&Sweep>,
    ) -> Result<Workbook, EngineError> {
        let tables = self.tables(state, None)?;
        let ctx = self.sheet_context(state, lang, permalink, generated);
        Ok(spreadsheet::workbook(&tables, sweep, &ctx))
    }

    /// The data package of a reading: CSV and JSON per table, a README.
    pub fn data_package(
        &self,
        state: &State,
        lang: Lang,
        dialect: Dialect,
        permalink: &str,
        generated: &str,
    ) -> Result<Package, EngineError> {
        let tables = self.tables(state, None)?;
        let ctx = self.sheet_context(state, lang, permalink, generated);
        let folder = format!("reweigh-{}", reading_id(state));
        Ok(datapackage::data_package(&tables, &ctx, dialect, &folder)?)
    }

    /// The workbook as XLSX bytes.
    pub fn xlsx(
        &self,
        state: &State,
        lang: Lang,
        permalink: &str,
        generated: &str,
        sweep: Option<&Sweep>,
    ) -> Result<Vec<u8>, EngineError> {
        write_xlsx(&self.workbook(state, lang, permalink, generated, sweep)?)
    }

    /// The data package as ZIP bytes.
    pub fn zip(
        &self,
        state: &State,
        lang: Lang,
        dialect: Dialect,
        permalink: &str,
        generated: &str,
    ) -> Result<Vec<u8>, EngineError> {
        write_zip(&self.data_package(state, lang, dialect, permalink, generated)?)
    }

    /// The page's XLSX or ZIP download of the reading in `hash`: `format` is `xlsx` or `zip`,
    /// `dialect` the CSV's (empty: the page language's), `page_url` the page's address without
    /// its hash (the permalink is it plus the canonical hash).
    pub fn spreadsheet_file(
        &self,
        hash: &str,
        format: &str,
        dialect_text: &str,
        page_url: &str,
        generated: &str,
    ) -> Result<SpreadsheetFile, EngineError> {
        let location = self.locate(hash);
        let lang = location.view.lang;
        let permalink = format!("{page_url}#{}", location.canonical);
        let state = &location.parsed;
        let stem = |what: &str| format!("{what}-{}", reading_id(state));
        // The pinned reading, if any, is named in the file.
        let ctx = || Context {
            pin: location.view.pin.as_deref(),
            ..self.sheet_context(state, lang, &permalink, generated)
        };
        match format {
            "xlsx" => Ok(SpreadsheetFile {
                name: safe_file_name(&stem("tables"), "xlsx"),
                mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                bytes: write_xlsx(&spreadsheet::workbook(
                    &self.tables(state, None)?,
                    None,
                    &ctx(),
                ))?,
            }),
            "zip" => Ok(SpreadsheetFile {
                name: safe_file_name(&stem("data"), "zip"),
                mime: "application/zip",
                bytes: write_zip(&datapackage::data_package(
                    &self.tables(state, None)?,
                    &ctx(),
                    dialect(dialect_text, lang)?,
                    &format!("reweigh-{}", reading_id(state)),
                )?)?,
            }),
            other => Err(EngineError::unknown(
                Text::new("format", "Формат"),
                other,
                &["xlsx", "zip"],
            )),
        }
    }
}
