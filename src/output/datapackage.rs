//! The data package (the pattern of Our World in Data's downloads: data + metadata + README): a
//! CSV and a JSON file per table and a README in the reader's language that says the reading in
//! words, the permalink, the sources and their licences, and how to cite.

use super::export::{self, ExportOptions, Format};
use super::sheets::{self, Dialect, Package, PackageFile, SheetError};
use super::spreadsheet::{Context, evidence_level_words, table_sheet};
use crate::paper::tables::Table;
use crate::reading::keys::KEYS;
use crate::text::Lang;

/// The package's files: `table-<id>.csv` and `table-<id>.json` per table, then `README.md`.
pub fn data_package(
    tables: &[Table],
    ctx: &Context,
    dialect: Dialect,
    folder: &str,
) -> Result<Package, SheetError> {
    let mut files = Vec::with_capacity(2 * tables.len() + 1);
    let options = ExportOptions {
        lang: ctx.lang,
        rows: None,
        generated: ctx.generated.to_string(),
        bom: true,
        dialect: Some(dialect),
        pin: ctx.pin.map(str::to_string),
    };
    for table in tables {
        files.push(PackageFile {
            name: format!("table-{}.csv", table.id),
            bytes: sheets::csv(&table_sheet(table, ctx.lang), dialect)?.into_bytes(),
        });
        let json =
            export::write(table, ctx.state, Format::Json, ctx.bundle, &options).map_err(|e| {
                SheetError::Csv {
                    sheet: table.id.clone(),
                    message: e.to_string(),
                }
            })?;
        files.push(PackageFile {
            name: format!("table-{}.json", table.id),
            bytes: json.into_bytes(),
        });
    }
    files.push(PackageFile {
        name: "README.md".into(),
        bytes: readme(tables, ctx, dialect).into_bytes(),
    });
    Ok(Package {
        folder: folder.to_string(),
        files,
        date: ctx.generated.get(..10).map(str::to_string),
    })
}

/// The README: what the files are, the reading in words, the permalink, sources, licences and
/// how to cite.
pub fn readme(tables: &[Table], ctx: &Context, dialect: Dialect) -> String {
    let lang = ctx.lang;
    let p = &ctx.bundle.paper.paper;
    let m = &ctx.bundle.manifest;
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(lang.pick(
        "# reweigh: the paper’s tables recomputed",
        "# reweigh: таблицы статьи, пересчитанные",
    ));
    line("");
    line(&match lang {
        Lang::En => format!(
            "The tables of {} «{}» ({}), recomputed from the CEC’s per-PEC protocols under the reading below by reweigh {}. Downloaded {}.",
            p.author,
            p.title_en,
            p.journal,
            env!("CARGO_PKG_VERSION"),
            ctx.generated
        ),
        Lang::Ru => format!(
            "Таблицы статьи {} «{}» ({}), пересчитанные программой reweigh {} из протоколов УИК ЦИК при прочтении, описанном ниже. Скачано {}.",
            p.author,
            p.title_en,
            p.journal,
            env!("CARGO_PKG_VERSION"),
            ctx.generated
        ),
    });
    line("");
    line(lang.pick("## The reading", "## Прочтение"));
    line("");
    line(&format!(
        "{}: {}",
        lang.pick("Permalink", "Постоянная ссылка"),
        ctx.permalink
    ));
    line(&format!(
        "{}: `{}`",
        lang.pick("As a query", "В виде запроса"),
        ctx.state.canonical()
    ));
    if let Some(pin) = ctx.pin {
        line(&format!(
            "{}: `{pin}`",
            lang.pick("Pinned for comparison", "Закреплено для сравнения")
        ));
    }
    line("");
    for key in &KEYS {
        let value = (key.get)(ctx.state);
        let paper = key.paper();
        let mark = if value == paper {
            lang.pick("as the paper", "как в статье").to_string()
        } else {
            format!(
                "{}: {}",
                lang.pick("the paper", "в статье"),
                key.words(paper).get(lang)
            )
        };
        line(&format!(
            "- **{}** (`{}`): {} ({mark}). {}",
            key.label().get(lang),
            key.name,
            key.words(value).get(lang),
            key.help().get(lang)
        ));
    }
    line("");
    line(lang.pick("## Files", "## Файлы"));
    line("");
    let how = match dialect {
        Dialect::En => lang.pick(
            "separated by commas, decimal point: `pandas.read_csv(f)`",
            "разделитель — запятая, десятичная точка: `pandas.read_csv(f)`",
        ),
        Dialect::Ru => lang.pick(
            "separated by semicolons, decimal comma (as Excel in a Russian locale expects): `pandas.read_csv(f, sep=';', decimal=',')`",
            "разделитель — точка с запятой, десятичная запятая (как ждёт Excel с русскими настройками): `pandas.read_csv(f, sep=';', decimal=',')`",
        ),
    };
    line(&format!(
        "{} {how}. {}",
        lang.pick(
            "`table-<id>.csv`: a header row and the data, UTF-8 with a byte-order mark,",
            "`table-<id>.csv`: строка заголовков и данные, UTF-8 с меткой порядка байтов,"
        ),
        lang.pick(
            "Shares are in percentage points. Tables 1-4 and the text figures have one line per cell: the recomputed value, the paper’s printed figure, the difference, the status and the reason.",
            "Доли — в процентных пунктах. В таблицах 1-4 и числах из текста одна строка на ячейку: пересчитанное значение, число из статьи, разница, статус и причина."
        )
    ));
    line("");
    line(lang.pick(
        "`table-<id>.json`: the same table with every field and its metadata (`{meta, table}`).",
        "`table-<id>.json`: та же таблица со всеми полями и метаданными (`{meta, table}`).",
    ));
    line("");
    for table in tables {
        line(&format!("- `{}`: {}", table.id, table.title.get(lang)));
    }
    line("");
    line(lang.pick("## Sources and licences", "## Источники и лицензии"));
    line("");
    line(lang.pick(
        "- Per-PEC protocols: the CEC of Russia (izbirkom.ru), as collected by S. Shpilkin (2000–2021) and I. Shukshin (2024) in https://github.com/dkobak/elections (official election results; see that repository for its terms).",
        "- Протоколы УИК: ЦИК России (izbirkom.ru), собранные С. Шпилькиным (2000–2021) и И. Шукшиным (2024) в https://github.com/dkobak/elections (официальные итоги выборов; условия — в этом репозитории).",
    ));
    line(lang.pick(
        "- Where each PEC abroad sat: reweigh’s locations file, with the evidence for each; the tables and this package are reweigh’s output, under reweigh’s MIT licence.",
        "- Места зарубежных УИК: файл мест reweigh с обоснованием для каждого; таблицы и этот пакет — результат reweigh, под лицензией MIT.",
    ));
    let evidence: Vec<String> = m
        .evidence
        .iter()
        .map(|(level, n)| format!("{} {n}", evidence_level_words(level, lang)))
        .collect();
    line(&format!(
        "- {}: {}",
        lang.pick(
            "How well the 2024 locations are established",
            "Насколько установлены места УИК 2024 года"
        ),
        evidence.join(", ")
    ));
    line(&format!(
        "- {}: {} ({} {}, {} {})",
        lang.pick("The paper", "Статья"),
        format_args!("https://doi.org/{}", p.doi),
        ctx.published_cells,
        lang.pick("figures of its tables", "чисел таблиц"),
        ctx.text_figures,
        lang.pick("of its text checked", "чисел текста проверено")
    ));
    line("");
    line(lang.pick("Raw files (SHA-256):", "Исходные файлы (SHA-256):"));
    line("");
    for s in &m.sources {
        line(&format!(
            "- `data/raw/{}` {} `{}`",
            s.path, s.bytes, s.sha256
        ));
    }
    line("");
    line(lang.pick("## How to cite", "## Как цитировать"));
    line("");
    line(&format!(
        "- {}: {}, «{}», {}. doi:{}",
        lang.pick("The paper", "Статья"),
        p.author,
        p.title_en,
        p.journal,
        p.doi
    ));
    line(&format!(
        "- reweigh {} ({}), {}: {}",
        env!("CARGO_PKG_VERSION"),
        lang.pick("recomputation", "пересчёт"),
        lang.pick("the reading", "прочтение"),
        ctx.permalink
    ));
    out
}
