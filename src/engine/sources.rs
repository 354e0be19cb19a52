//! Where every number comes from, as the page's sources panel and the downloads state it, in the
//! reader's language: the paper, the protocols, the locations and their evidence, the control
//! relations, the national totals, the raw files and their fingerprints.

use super::{Engine, EngineError};
use crate::data::checks::RELATIONS;
use crate::output::sheets::Dialect;
use crate::output::spreadsheet::sheets_lang;
use crate::text::numtext::count_text;
use crate::text::plural::PROTOCOL;
use crate::text::{Lang, Text};
use serde::Serialize;

/// A link: its words and its address.
#[derive(Clone, Debug, Serialize)]
pub struct Link {
    pub text: String,
    pub href: String,
}

/// A raw file with its size and SHA-256.
#[derive(Clone, Debug, Serialize)]
pub struct FileRow {
    pub path: String,
    pub size: String,
    pub sha256: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SourcesView {
    pub intro: String,
    pub paper_title: String,
    pub paper_author: String,
    /// The paper's title, in English as published.
    pub paper_title_en: String,
    pub paper_journal: String,
    /// How many of its figures are checked.
    pub paper_checked: String,
    pub doi: Link,
    pub data_repository: Link,
    pub evidence_title: String,
    /// (CSS level, words) per evidence level.
    pub evidence: Vec<(String, String)>,
    pub checks_title: String,
    pub relations: Vec<String>,
    pub checks: Vec<String>,
    pub failures: Vec<String>,
    pub national_title: String,
    pub national: Vec<String>,
    pub files_title: String,
    pub files: Vec<FileRow>,
    pub importer: String,
    pub bundle_title: String,
    pub bundle: Vec<Link>,
    /// The bundle's fingerprint and whether it is the one this version ships with.
    pub bundle_status: String,
}

pub(super) fn relation_words(id: &str) -> Text {
    match id {
        "received" => Text::new(
            "ballots received = issued (early + inside + outside) + cancelled + lost − not accounted for",
            "получено бюллетеней = выдано (досрочно + в помещении + вне помещения) + погашено + утрачено − не учтено",
        ),
        "cast" => Text::new(
            "ballots in the boxes (portable + stationary) = invalid + valid",
            "бюллетеней в ящиках (переносных + стационарных) = недействительные + действительные",
        ),
        "valid" => Text::new(
            "valid ballots = the sum of every candidate’s votes (and “against all” in 2004)",
            "действительные бюллетени = сумма голосов за всех кандидатов (и «против всех» в 2004 году)",
        ),
        _ => Text::new(
            "no more ballots in the boxes than were issued",
            "в ящиках не больше бюллетеней, чем выдано",
        ),
    }
}

fn evidence_words(level: &str) -> Text {
    match level {
        "documented" => Text::new(
            "documented (an official or press source names the place)",
            "документально (место названо в официальном или журналистском источнике)",
        ),
        "matched" => Text::new(
            "matched (the PEC’s number fits a documented list)",
            "сопоставлено (номер УИК совпадает с документированным списком)",
        ),
        "inferred" => Text::new(
            "inferred (from neighbouring numbers; not established fact)",
            "выведено (по соседним номерам; не установленный факт)",
        ),
        _ => Text::new("unknown", "неизвестно"),
    }
}

fn national_source_words(key: &str) -> Text {
    match key {
        "paper" => Text::new(
            "Turnout lines (early, inside, outside, invalid, valid): the paper’s Table 2, column “In the Russian Federation” (its source: the CEC)",
            "Строки явки (досрочно, в помещении, вне помещения, недействительные, действительные): Таблица 2 статьи, столбец «В РФ» (источник статьи — ЦИК)",
        ),
        "cec_announcement" => Text::new(
            "Candidates’ votes: the CEC’s final results announced on 21 March 2024 (Putin 76,277,708; Kharitonov 3,768,470; Davankov 3,362,484; Slutsky 2,795,629)",
            "Голоса за кандидатов: итоги, объявленные ЦИК 21 марта 2024 года (Путин 76 277 708; Харитонов 3 768 470; Даванков 3 362 484; Слуцкий 2 795 629)",
        ),
        other => Text::same(other),
    }
}

impl Engine {
    /// The sources panel.
    pub fn sources(&self, lang: Lang) -> SourcesView {
        let b = self.bundle();
        let m = &b.manifest;
        let p = &b.paper.paper;
        let prov = self.provenance();
        SourcesView {
            intro: lang.pick(
                "Every figure is summed from the CEC’s per-PEC protocols, as collected by S. Shpilkin (2000–2021) and I. Shukshin (2024) and published in a public repository (link below), and from reweigh’s file of where each PEC abroad sat. reweigh’s importer turns them into the data this page loads.",
                "Все числа суммируются из протоколов УИК ЦИК, собранных С. Шпилькиным (2000–2021) и И. Шукшиным (2024) и опубликованных в открытом репозитории (ссылка ниже), и из файла reweigh о местах зарубежных УИК. Импортёр reweigh превращает их в данные, которые загружает эта страница.",
            )
            .to_string(),
            paper_title: lang.pick("The paper", "Статья").to_string(),
            paper_author: p.author.clone(),
            paper_title_en: p.title_en.clone(),
            paper_journal: p.journal.clone(),
            paper_checked: match lang {
                Lang::En => format!(
                    "{} published figures in its tables and {} figures of its text are checked.",
                    prov.published_cells, prov.text_figures
                ),
                Lang::Ru => format!(
                    "Проверяется опубликованных чисел в таблицах: {}, чисел в тексте: {}.",
                    prov.published_cells, prov.text_figures
                ),
            },
            doi: Link {
                text: format!("doi:{}", p.doi),
                href: format!("https://doi.org/{}", p.doi),
            },
            data_repository: Link {
                text: "github.com/dkobak/elections".into(),
                href: "https://github.com/dkobak/elections".into(),
            },
            evidence_title: lang
                .pick(
                    "How well each 2024 PEC’s location is established",
                    "Насколько установлено место каждого УИК 2024 года",
                )
                .to_string(),
            evidence: m
                .evidence
                .iter()
                .map(|(level, n)| {
                    (
                        level.clone(),
                        format!("{}: {}", evidence_words(level).get(lang), count_text(i64::from(*n), lang)),
                    )
                })
                .collect(),
            checks_title: lang
                .pick(
                    "Control relations checked on every protocol",
                    "Контрольные соотношения, проверенные в каждом протоколе",
                )
                .to_string(),
            relations: RELATIONS
                .iter()
                .map(|r| relation_words(r.id).get(lang).to_string())
                .collect(),
            checks: m
                .checks
                .iter()
                .map(|c| match lang {
                    Lang::En => format!(
                        "{}: {}, {} break a relation",
                        c.year,
                        PROTOCOL.count(u64::from(c.pecs), lang),
                        c.failures
                    ),
                    Lang::Ru => format!(
                        "{}: {}, нарушают соотношения: {}",
                        c.year,
                        PROTOCOL.count(u64::from(c.pecs), lang),
                        c.failures
                    ),
                })
                .collect(),
            failures: self.anomalies(lang),
            national_title: lang
                .pick("National totals (Table 2)", "Итоги по стране (Таблица 2)")
                .to_string(),
            national: b
                .russia
                .sources
                .keys()
                .map(|k| national_source_words(k).get(lang).to_string())
                .collect(),
            files_title: lang
                .pick("Raw files (SHA-256)", "Исходные файлы (SHA-256)")
                .to_string(),
            files: m
                .sources
                .iter()
                .map(|s| FileRow {
                    path: format!("data/raw/{}", s.path),
                    size: crate::text::plural::BYTE.count(s.bytes, lang),
                    sha256: s.sha256.clone(),
                })
                .collect(),
            importer: match lang {
                Lang::En => format!("Imported by {}.", m.importer),
                Lang::Ru => format!("Импортировано программой {}.", m.importer),
            },
            bundle_title: lang
                .pick("The data this page loaded", "Данные, загруженные этой страницей")
                .to_string(),
            bundle: crate::data::bundle::BUNDLE_FILES
                .iter()
                .map(|name| Link {
                    text: format!("data/{name}"),
                    href: format!("data/{name}"),
                })
                .collect(),
            bundle_status: self.bundle_status(lang),
        }
    }
}

/// A file for the reader to save: its name, type and text.
#[derive(Clone, Debug, Serialize)]
pub struct Download {
    pub name: String,
    pub mime: &'static str,
    pub text: String,
}

/// A short id of a reading for file names: the first 8 hex digits of the SHA-256 of its
/// canonical form (the paper's reading is "paper").
/// Read a CSV dialect: `en`, `ru`, or empty for the language's own.
pub fn dialect(text: &str, lang: Lang) -> Result<Dialect, EngineError> {
    match text {
        "" => Ok(Dialect::of(sheets_lang(lang))),
        "en" => Ok(Dialect::En),
        "ru" => Ok(Dialect::Ru),
        other => Err(EngineError::unknown(
            Text::new("CSV dialect", "Формат CSV"),
            other,
            &["en", "ru"],
        )),
    }
}

pub fn reading_id(state: &crate::reading::state::State) -> String {
    use sha2::{Digest, Sha256};
    if state.is_paper() {
        return "paper".into();
    }
    let digest = Sha256::digest(state.canonical().as_bytes());
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

impl Engine {
    /// The page's table as a file: the rows shown (filter, search and sort of the view; none is
    /// none) or all rows, CSV or JSON, named after the table, the rows and the reading. `dialect`
    /// is CSV's (`en`, `ru`; empty: the page language's).
    pub fn download(
        &self,
        hash: &str,
        format: &str,
        rows: &str,
        dialect: &str,
        generated: &str,
    ) -> Result<Download, super::EngineError> {
        use super::{ExportOptions, Format};
        let location = self.locate(hash);
        let view = &location.view;
        let format_id = Format::parse(format).ok_or_else(|| {
            super::EngineError::unknown(Text::new("format", "Формат"), format, &["csv", "json"])
        })?;
        let shown = match rows {
            "shown" => true,
            "all" => false,
            other => {
                return Err(super::EngineError::unknown(
                    Text::new("row selection", "Выбор строк"),
                    other,
                    &["shown", "all"],
                ));
            }
        };
        let state = location.parsed;
        let table = self.tables(&state, Some(&view.tab))?.remove(0);
        let ids =
            (shown && super::table_view::DATA_TABLES.contains(&view.tab.as_str())).then(|| {
                super::table_view::visible_rows(&table, view)
                    .into_iter()
                    .map(|i| table.rows[i].id.clone())
                    .collect()
            });
        let options = ExportOptions {
            lang: view.lang,
            rows: ids,
            generated: generated.to_string(),
            bom: format_id == Format::Csv,
            pin: view.pin.clone(),
            dialect: Some(self::dialect(dialect, view.lang)?),
        };
        let text =
            crate::output::export::write(&table, &state, format_id, self.bundle(), &options)?;
        let stem = format!(
            "table-{}-{}-{}",
            view.tab,
            if shown { "shown" } else { "all" },
            reading_id(&state)
        );
        Ok(Download {
            name: crate::output::export::safe_file_name(&stem, format),
            mime: if format_id == Format::Csv {
                "text/csv;charset=utf-8"
            } else {
                "application/json"
            },
            text,
        })
    }
}
