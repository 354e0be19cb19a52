//! The engine's tables as the spreadsheet model of [`super::sheets`]: audited tables long (one
//! row per cell with the paper's printed figure, the difference and the reason in words), the
//! countries and PECs wide; a sheet for the reading, one for the sources, one for the robustness
//! map. Labels in the reader's language; numbers stay numbers.

use super::sheets::{self, CellValue, Column, ColumnKind, Sheet, Workbook};
use crate::analysis::sweep::Sweep;
use crate::data::bundle::Bundle;
use crate::paper::audit::{Cell, Status, Unit, Value};
use crate::paper::claims::Verdict;
use crate::paper::tables::{AUDITED_TABLES, ColumnUnit, Table};
use crate::reading::keys::KEYS;
use crate::reading::state::State;
use crate::text::Lang;
use crate::text::numtext::count_text;

/// Decimals shown for a recomputed share (the JSON keeps every digit; this is display only).
const SHARE_DECIMALS: u8 = 2;

/// What the workbook and the data package say besides the tables.
pub struct Context<'a> {
    pub state: &'a State,
    pub lang: Lang,
    /// The page's address of this reading (or, from the CLI, its hash).
    pub permalink: &'a str,
    /// The date (and time) of the download, `YYYY-MM-DD[THH:MM:SS]`.
    pub generated: &'a str,
    pub bundle: &'a Bundle,
    /// How many published figures are checked (tables, text).
    pub published_cells: usize,
    pub text_figures: usize,
    /// A reading pinned for comparison when the file was made (canonical), named in it.
    pub pin: Option<&'a str>,
}

pub fn sheets_lang(lang: Lang) -> sheets::Lang {
    match lang {
        Lang::En => sheets::Lang::En,
        Lang::Ru => sheets::Lang::Ru,
    }
}

fn column(label: &str, kind: ColumnKind) -> Column {
    Column {
        label: label.to_string(),
        kind,
        width: None,
    }
}

fn text(t: &str) -> CellValue {
    if t.is_empty() {
        CellValue::Empty
    } else {
        CellValue::Text(t.to_string())
    }
}

/// A table's sheet name: its title's short form ("Table 3", "Countries").
fn sheet_name(table: &Table, lang: Lang) -> String {
    match table.id.as_str() {
        "text" => lang.pick("Text figures", "Числа из текста").into(),
        "countries" => lang.pick("Countries", "Страны").into(),
        "pecs" => lang.pick("PECs", "УИК").into(),
        // The tab's title, 29 and 31 characters: within Excel's 31 for a sheet name.
        "russia" => table.title.get(lang).into(),
        id => format!("{} {id}", lang.pick("Table", "Таблица")),
    }
}

/// A status in words.
pub fn status_words(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Match => lang.pick("matches", "совпадает"),
        Status::Differs => lang.pick("differs", "расходится"),
        Status::Unpublished => lang.pick("not published", "не опубликовано"),
        Status::NotInData => lang.pick("not in the data", "нет в данных"),
    }
}

/// A table value as a cell; `percent` shows a number as a share in percentage points.
fn value_cell(value: &Value, percent: bool, lang: Lang) -> CellValue {
    match value {
        Value::Int(i) => CellValue::Int(*i),
        Value::Num(x) if percent => CellValue::Percent(*x, SHARE_DECIMALS),
        Value::Num(x) => CellValue::Num(*x),
        Value::Text(t) => text(t.get(lang)),
        Value::Bool(b) => CellValue::Bool(*b),
        Value::Null => CellValue::Empty,
    }
}

/// One table as a sheet: long if audited, wide otherwise.
pub fn table_sheet(table: &Table, lang: Lang) -> Sheet {
    if AUDITED_TABLES.contains(&table.id.as_str()) {
        long_sheet(table, lang)
    } else {
        wide_sheet(table, lang)
    }
}

fn long_sheet(table: &Table, lang: Lang) -> Sheet {
    let columns = vec![
        column(lang.pick("row", "строка"), ColumnKind::Text),
        column(lang.pick("column", "столбец"), ColumnKind::Text),
        column(lang.pick("unit", "единица"), ColumnKind::Text),
        // Counts show without decimals; shares carry their own percentage format.
        column(lang.pick("recomputed", "пересчитано"), ColumnKind::Count),
        column(lang.pick("published", "в статье"), ColumnKind::Count),
        column(lang.pick("difference", "разница"), ColumnKind::Count),
        column(lang.pick("status", "статус"), ColumnKind::Text),
        column(lang.pick("reason", "причина"), ColumnKind::Text),
        column(lang.pick("note", "примечание"), ColumnKind::Text),
    ];
    let mut rows = Vec::new();
    for row in &table.rows {
        for (col, cell) in table.columns.iter().zip(&row.cells) {
            let unit = match row.unit {
                Some(Unit::Percent) => ColumnUnit::Percent,
                Some(Unit::Count) => ColumnUnit::Count,
                // A ratio ("four times"): a plain number.
                Some(Unit::Times) => ColumnUnit::Mixed,
                None => col.unit,
            };
            rows.push(long_row(
                row.label.get(lang),
                col.label.get(lang),
                unit,
                cell,
                lang,
            ));
        }
    }
    Sheet {
        name: sheet_name(table, lang),
        columns,
        rows,
        freeze_first_column: true,
    }
}

fn long_row(row: &str, col: &str, unit: ColumnUnit, cell: &Cell, lang: Lang) -> Vec<CellValue> {
    let percent = unit == ColumnUnit::Percent;
    let unit_words = match unit {
        ColumnUnit::Percent => lang.pick("percent", "процент"),
        ColumnUnit::Count => lang.pick("count", "число"),
        ColumnUnit::Text => lang.pick("text", "текст"),
        ColumnUnit::Flag => lang.pick("yes/no", "да/нет"),
        ColumnUnit::Mixed => "",
    };
    let number = |x: f64, decimals: u8| {
        if percent {
            CellValue::Percent(x, decimals)
        } else if x.fract() == 0.0 && x.abs() < 9.0e15 {
            // A whole count (far below 2^53, so the conversion is exact).
            CellValue::Int(x as i64)
        } else {
            CellValue::Num(x)
        }
    };
    let published = cell
        .published()
        .map_or(CellValue::Empty, |p| number(p.value, p.decimals));
    let difference = cell
        .diff()
        .map_or(CellValue::Empty, |d| number(d, SHARE_DECIMALS));
    vec![
        text(row),
        text(col),
        text(unit_words),
        value_cell(&cell.value, percent, lang),
        published,
        difference,
        text(status_words(cell.status(), lang)),
        cell.reason()
            .map_or(CellValue::Empty, |r| text(r.text.get(lang))),
        cell.note().map_or(CellValue::Empty, |n| text(n.get(lang))),
    ]
}

fn wide_sheet(table: &Table, lang: Lang) -> Sheet {
    // Rows named by their label alone (`Table::row_header`) get it as their first column.
    let label_header = table.row_header.as_ref().map(|h| h.get(lang));
    let columns = label_header
        .map(|h| column(h, ColumnKind::Text))
        .into_iter()
        .chain(table.columns.iter().map(|c| {
            let kind = match c.unit {
                ColumnUnit::Count => ColumnKind::Count,
                ColumnUnit::Percent => ColumnKind::Percent(SHARE_DECIMALS),
                ColumnUnit::Text => ColumnKind::Text,
                ColumnUnit::Flag => ColumnKind::Flag,
                ColumnUnit::Mixed => ColumnKind::Number(2),
            };
            column(c.label.get(lang), kind)
        }))
        .collect();
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let label = label_header.map(|_| text(row.label.get(lang)));
            label
                .into_iter()
                // The column's percentage format applies; the cell itself stays in points.
                .chain(
                    row.cells
                        .iter()
                        .map(|cell| value_cell(&cell.value, false, lang)),
                )
                .collect()
        })
        .collect();
    Sheet {
        name: sheet_name(table, lang),
        columns,
        rows,
        freeze_first_column: true,
    }
}

/// The reading: every assumption (key, value, meaning, the paper's choice), the permalink, the
/// date.
pub fn reading_sheet(ctx: &Context) -> Sheet {
    let lang = ctx.lang;
    let columns = vec![
        column(lang.pick("key", "ключ"), ColumnKind::Text),
        column(lang.pick("assumption", "допущение"), ColumnKind::Text),
        column(lang.pick("value", "значение"), ColumnKind::Text),
        column(
            lang.pick("the paper’s choice", "выбор статьи"),
            ColumnKind::Text,
        ),
        column(lang.pick("as the paper", "как в статье"), ColumnKind::Flag),
        column(lang.pick("meaning", "смысл"), ColumnKind::Text),
    ];
    let mut rows: Vec<Vec<CellValue>> = KEYS
        .iter()
        .map(|key| {
            let value = (key.get)(ctx.state);
            let paper = key.paper();
            vec![
                text(key.name),
                text(key.label().get(lang)),
                text(key.words(value).get(lang)),
                text(key.words(paper).get(lang)),
                CellValue::Bool(value == paper),
                text(key.help().get(lang)),
            ]
        })
        .collect();
    let line = |label: &str, value: CellValue| {
        let mut row = vec![CellValue::Empty, text(label), value];
        row.resize(6, CellValue::Empty);
        row
    };
    let permalink = if ctx.permalink.starts_with("http") {
        CellValue::Link(ctx.permalink.to_string())
    } else {
        text(ctx.permalink)
    };
    rows.push(line(lang.pick("permalink", "постоянная ссылка"), permalink));
    rows.push(line(
        lang.pick("reading (query)", "прочтение (запрос)"),
        text(&ctx.state.canonical()),
    ));
    if let Some(pin) = ctx.pin {
        rows.push(line(
            lang.pick(
                "pinned for comparison (query)",
                "закреплено для сравнения (запрос)",
            ),
            text(pin),
        ));
    }
    rows.push(line(lang.pick("date", "дата"), text(ctx.generated)));
    Sheet {
        name: lang.pick("Reading", "Прочтение").into(),
        columns,
        rows,
        freeze_first_column: true,
    }
}

/// Where the numbers come from: the paper, the protocols, the raw files with their SHA-256, the
/// evidence of each location, the control relations checked.
pub fn sources_sheet(ctx: &Context) -> Sheet {
    let lang = ctx.lang;
    let m = &ctx.bundle.manifest;
    let p = &ctx.bundle.paper.paper;
    let columns = vec![
        column(lang.pick("what", "что"), ColumnKind::Text),
        column(lang.pick("source", "источник"), ColumnKind::Text),
        column(
            lang.pick("count or size", "число или размер"),
            ColumnKind::Count,
        ),
        column("SHA-256", ColumnKind::Text),
    ];
    let row = |what: &str, source: CellValue, n: CellValue, hash: &str| {
        vec![text(what), source, n, text(hash)]
    };
    let count = |n: u64| i64::try_from(n).map_or(CellValue::Empty, CellValue::Int);
    let mut rows = vec![
        row(
            lang.pick("the paper", "статья"),
            text(&format!("{}, «{}», {}", p.author, p.title_en, p.journal)),
            CellValue::Empty,
            "",
        ),
        row(
            "DOI",
            CellValue::Link(format!("https://doi.org/{}", p.doi)),
            CellValue::Empty,
            "",
        ),
        row(
            lang.pick(
                "published figures checked",
                "проверяемых опубликованных чисел",
            ),
            text(lang.pick("tables", "таблицы")),
            count(ctx.published_cells as u64),
            "",
        ),
        row(
            lang.pick(
                "published figures checked",
                "проверяемых опубликованных чисел",
            ),
            text(lang.pick("text", "текст")),
            count(ctx.text_figures as u64),
            "",
        ),
        row(
            lang.pick("per-PEC protocols", "протоколы УИК"),
            CellValue::Link("https://github.com/dkobak/elections".into()),
            CellValue::Empty,
            "",
        ),
        row(
            lang.pick("importer", "импортёр"),
            text(&m.importer),
            CellValue::Empty,
            "",
        ),
    ];
    for s in &m.sources {
        rows.push(row(
            lang.pick("raw file (bytes)", "исходный файл (байт)"),
            text(&format!("data/raw/{}", s.path)),
            count(s.bytes),
            &s.sha256,
        ));
    }
    for (level, n) in &m.evidence {
        rows.push(row(
            lang.pick("PEC locations, evidence", "места УИК, обоснование"),
            text(&evidence_level_words(level, lang)),
            count(u64::from(*n)),
            "",
        ));
    }
    for c in &m.checks {
        rows.push(row(
            &format!(
                "{} {}",
                lang.pick("protocols checked", "проверено протоколов"),
                c.year
            ),
            text(&match lang {
                Lang::En => format!("{} break a control relation", c.failures),
                Lang::Ru => format!("нарушают контрольные соотношения: {}", c.failures),
            }),
            count(u64::from(c.pecs)),
            "",
        ));
    }
    for (key, source) in &ctx.bundle.russia.sources {
        rows.push(row(
            lang.pick("national totals (Table 2)", "итоги по стране (Таблица 2)"),
            text(&format!("{key}: {source}")),
            CellValue::Empty,
            "",
        ));
    }
    Sheet {
        name: lang.pick("Sources", "Источники").into(),
        columns,
        rows,
        freeze_first_column: true,
    }
}

/// An evidence level in words, short.
pub fn evidence_level_words(level: &str, lang: Lang) -> String {
    match level {
        "documented" => lang.pick("documented", "документально"),
        "matched" => lang.pick("matched", "сопоставлено"),
        "inferred" => lang.pick("inferred", "выведено"),
        "unknown" => lang.pick("unknown", "не установлено"),
        other => other,
    }
    .to_string()
}

pub fn verdict_words(verdict: Verdict, lang: Lang) -> &'static str {
    match verdict {
        Verdict::Holds => lang.pick("holds", "подтверждается"),
        Verdict::OffLastDigit => lang.pick(
            "off in the last printed digit",
            "расходится в последнем знаке",
        ),
        Verdict::Fails => lang.pick("fails", "не подтверждается"),
        Verdict::NotApplicable => lang.pick("not applicable", "неприменимо"),
    }
}

/// The robustness map: one row per claim by its title and place, its quote in the reader's
/// language, verdict counts (three apart for a printed figure), what its changes rest on.
pub fn robustness_sheet(sweep: &Sweep, lang: Lang) -> Sheet {
    let columns = vec![
        column(lang.pick("claim", "вывод"), ColumnKind::Text),
        column(lang.pick("where", "где"), ColumnKind::Text),
        column(lang.pick("quote", "цитата"), ColumnKind::Text),
        column(
            lang.pick("under the paper’s reading", "при прочтении статьи"),
            ColumnKind::Text,
        ),
        column(
            lang.pick("readings where it holds", "прочтений, где подтверждается"),
            ColumnKind::Count,
        ),
        column(
            lang.pick(
                "readings off in the last printed digit",
                "прочтений, где расходится в последнем знаке",
            ),
            ColumnKind::Count,
        ),
        column(
            lang.pick(
                "readings where it fails",
                "прочтений, где не подтверждается",
            ),
            ColumnKind::Count,
        ),
        column(
            lang.pick("not applicable", "неприменимо"),
            ColumnKind::Count,
        ),
        column(
            lang.pick("share holding", "доля подтверждений"),
            ColumnKind::Percent(1),
        ),
        column(
            lang.pick(
                "readings with another verdict than the paper’s",
                "прочтений с иным вердиктом, чем у автора",
            ),
            ColumnKind::Percent(1),
        ),
        column(
            lang.pick("rests on (Shapley parts)", "зависит от (доли Шепли)"),
            ColumnKind::Text,
        ),
    ];
    let rows = sweep
        .report
        .iter()
        .map(|c| {
            let parts: Vec<String> = c
                .importance
                .iter()
                .flat_map(|i| &i.keys)
                .filter(|k| k.share.abs() >= 0.0005)
                .map(|k| {
                    let label = crate::reading::keys::key(&k.key)
                        .map_or(k.key.clone(), |d| d.label().get(lang).to_string());
                    format!(
                        "{label} {}",
                        crate::text::numtext::percent_text(k.share * 100.0, 1, lang)
                    )
                })
                .collect();
            vec![
                text(lang.pick(&c.spec.title_en, &c.spec.title_ru)),
                text(lang.pick(&c.spec.location, &c.spec.location_ru)),
                text(match lang {
                    Lang::En => &c.spec.quote_en,
                    Lang::Ru => &c.spec.quote_ru,
                }),
                text(verdict_words(c.paper.verdict, lang)),
                CellValue::Int(i64::from(c.holds)),
                CellValue::Int(i64::from(c.off_last_digit)),
                CellValue::Int(i64::from(c.fails)),
                CellValue::Int(i64::from(c.not_applicable)),
                c.share_holding
                    .map_or(CellValue::Empty, |s| CellValue::Num(s * 100.0)),
                c.importance
                    .as_ref()
                    .map_or(CellValue::Empty, |i| CellValue::Num(i.differs * 100.0)),
                text(&parts.join(", ")),
            ]
        })
        .collect();
    Sheet {
        name: lang.pick("Robustness", "Устойчивость").into(),
        columns,
        rows,
        freeze_first_column: true,
    }
}

/// The workbook: the reading first, then every table, the robustness map if given, the sources.
pub fn workbook(tables: &[Table], sweep: Option<&Sweep>, ctx: &Context) -> Workbook {
    let lang = ctx.lang;
    let mut sheets = vec![reading_sheet(ctx)];
    sheets.extend(tables.iter().map(|t| table_sheet(t, lang)));
    if let Some(sweep) = sweep {
        sheets.push(robustness_sheet(sweep, lang));
    }
    sheets.push(sources_sheet(ctx));
    let p = &ctx.bundle.paper.paper;
    Workbook {
        sheets,
        lang: sheets_lang(lang),
        title: match lang {
            Lang::En => format!("reweigh: the tables of {} (2024) recomputed", p.author),
            Lang::Ru => format!("reweigh: таблицы статьи {} (2024), пересчитанные", p.author),
        },
        comment: format!(
            "{}: {} — {}",
            lang.pick("Reading", "Прочтение"),
            ctx.state.canonical(),
            ctx.permalink
        ),
        created: valid_date(ctx.generated),
    }
}

/// The date if the writers can read it (`YYYY-MM-DDTHH:MM:SS`, fractions and zone dropped).
fn valid_date(generated: &str) -> Option<String> {
    let trimmed: String = generated.chars().take(19).collect();
    let ok = |s: &str| {
        let b = s.as_bytes();
        (s.len() == 10 || s.len() == 19)
            && b.iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                10 => *c == b'T',
                13 | 16 => *c == b':',
                _ => c.is_ascii_digit(),
            })
    };
    ok(&trimmed).then_some(trimmed)
}

/// A count in words for the README ("1 234").
pub fn count_words(n: usize, lang: Lang) -> String {
    count_text(i64::try_from(n).unwrap_or(i64::MAX), lang)
}
