//! A table as the page shows it: every cell written in the reader's language (numbers, the
//! printed figure, the difference, the reason in words), and for the countries and PECs tables
//! the rows the view selects — drill-down filter, search, sort — in order.

use super::view::View;
use crate::paper::audit::{Cell, Status, Unit, Value};
use crate::paper::published::Printed;
pub use crate::paper::reason_words::{audit_summary_text, reason_label};
use crate::paper::tables::{ColumnUnit, Table};
use crate::text::Lang;
use crate::text::numtext::{
    ballots_text, count_text, decimal_text, difference_text, percent_text, signed_text,
};
use crate::text::plural::ROW;
use serde::Serialize;
use std::cmp::Ordering;

/// The tables whose rows a reader filters, searches and sorts.
pub const DATA_TABLES: [&str; 2] = ["countries", "pecs"];
/// The columns a search looks in: name, code, city, PEC number.
const SEARCHED: [&str; 4] = ["pec", "country", "country_id", "city"];
/// Columns the exports keep but the page leaves out (codes for joining data, not for reading).
const NOT_SHOWN: [&str; 1] = ["country_id"];

/// One column: its label, whether it holds numbers, and how it is sorted now.
#[derive(Clone, Debug, Serialize)]
pub struct ColumnView {
    pub id: String,
    pub label: String,
    pub numeric: bool,
    /// "ascending" | "descending" | "none" (data tables only).
    pub sort: &'static str,
    /// Label of the sort button, for screen readers.
    pub sort_label: String,
    /// What a click on the column's header sets `sort` to: the other direction once sorted;
    /// numbers start largest first, text from A.
    pub next_sort: String,
    /// A region column of Table 3 drills down to its countries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drill: Option<String>,
    /// The drill-down button's name: "Countries of Europe" / «Страны Европы».
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drill_label: Option<String>,
}

/// One cell as shown.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CellView {
    pub text: String,
    /// CSS classes: "num" or "text", the audit status, "ev-…" for an evidence level.
    pub class: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    /// The paper's figure in the reader's format, with the audit mark ("paper 6.87 ✓").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub printed: Option<String>,
    /// The figure exactly as printed, with what the mark means (for hover).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub printed_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
    /// The reason in words: a short label and the explanation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What the cell sums, to open the list of its PECs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Under the pinned reading, and the difference (this reading minus the pinned one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pinned: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pinned_diff: Option<String>,
    /// The language of the text when it is not the page's (the paper's English words).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'static str>,
    /// A long text shown folded: the label that opens it ("source").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fold: Option<String>,
    /// The English original beside a Russian summary (marked as English on the page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    /// A share's numerator and denominator ("63,388 / 354,577").
    pub fraction: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RowView {
    pub id: String,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// A country row drills down to its PECs.
    pub drill: bool,
    pub cells: Vec<CellView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TableView {
    pub id: String,
    pub title: String,
    /// "audited" (Tables 1-4, text figures) or "data" (countries, PECs).
    pub kind: &'static str,
    /// "Of 15 published figures, 12 reproduced, 3 differ." (audited tables with published
    /// figures; none for the ranking of Russia's regions, which the paper does not print).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The heading of the rows' names, where they have one (`Table::row_header`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row_header: Option<String>,
    /// What the marks beside the paper's figures mean (with the audit summary).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legend: Option<String>,
    /// Some cell sums PECs the reader can list ("Select a cell to see which PECs it sums").
    pub selectable: bool,
    pub columns: Vec<ColumnView>,
    pub rows: Vec<RowView>,
    /// "12 of 138 rows" (data tables).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<String>,
    /// "Showing only: Europe" (data tables filtered by a drill-down).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// Shown when a search or filter leaves no row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub empty: Option<String>,
    pub notes: Vec<String>,
}

/// The unit a cell's number is in.
fn unit_of(row_unit: Option<Unit>, column: ColumnUnit) -> Option<Unit> {
    row_unit.or(match column {
        ColumnUnit::Percent => Some(Unit::Percent),
        ColumnUnit::Count => Some(Unit::Count),
        _ => None,
    })
}

/// A value in the reader's format: counts grouped, weighted counts rounded to whole ballots,
/// shares with two decimals.
pub fn value_text(value: &Value, unit: Option<Unit>, lang: Lang) -> String {
    match value {
        Value::Int(i) => count_text(*i, lang),
        Value::Num(x) if unit == Some(Unit::Percent) => percent_text(*x, 2, lang),
        Value::Num(x) if unit == Some(Unit::Times) => format!("{}×", decimal_text(*x, 2, lang)),
        Value::Num(x) => decimal_text(*x, 0, lang),
        Value::Text(t) => t.get(lang).to_string(),
        Value::Bool(true) => lang.pick("yes", "да").to_string(),
        Value::Bool(false) => lang.pick("no", "нет").to_string(),
        Value::Null => "—".to_string(),
    }
}

/// A printed figure in the reader's format: "6,87" printed reads "6.87" on the English page; a
/// hedged one keeps its words ("about 19").
pub fn printed_text(p: &Printed, lang: Lang) -> String {
    let number = decimal_text(p.value, p.decimals, lang);
    let number = if p.percent {
        format!("{number}%")
    } else {
        number
    };
    match p.qualifier {
        Some(q) => {
            let (en, ru) = q.words();
            format!("{} {number}", lang.pick(en, ru))
        }
        None => number,
    }
}

fn status_id(s: Status) -> Option<&'static str> {
    match s {
        Status::Match => Some("match"),
        Status::Differs => Some("differs"),
        Status::NotInData => Some("not_in_data"),
        Status::Unpublished => None,
    }
}

/// One cell in the reader's language.
pub fn cell_view(cell: &Cell, unit: Option<Unit>, column_id: &str, lang: Lang) -> CellView {
    let numeric = unit.is_some() && !matches!(cell.value, Value::Text(_));
    let mut class = String::from(if numeric { "num" } else { "text" });
    if column_id == "quote" {
        class.push_str(" quote");
    }
    if column_id == "evidence"
        && let Value::Text(t) = &cell.value
    {
        class.push_str(&format!(" ev-{}", evidence_class(&t.en)));
    }
    let status = status_id(cell.status());
    if let Some(s) = status {
        class.push(' ');
        class.push_str(s);
    }
    let mut view = CellView {
        text: if cell.status() == Status::NotInData {
            "—".to_string()
        } else if let (Value::Int(number), "pec") = (&cell.value, column_id) {
            // A PEC number is a name ("УИК №8096"), not a quantity: no digit groups.
            number.to_string()
        } else {
            value_text(&cell.value, unit, lang)
        },
        class,
        status,
        printed: None,
        printed_title: None,
        diff: None,
        reason_label: None,
        reason: None,
        note: None,
        scope: cell.scope.clone(),
        pinned: None,
        pinned_diff: None,
        lang: None,
        fold: None,
        original: None,
        fraction: cell.of.map(|[part, whole]| {
            format!(
                "{} / {}",
                ballots_text(part, lang),
                ballots_text(whole, lang)
            )
        }),
    };
    match column_id {
        // The paper's own English words: kept, and marked so; on the Russian page reweigh's
        // translation first, said to be one, the original beside it.
        "quote" | "where" => match &cell.value {
            Value::Text(t) if lang == Lang::Ru && t.ru != t.en => {
                if column_id == "quote" {
                    view.text = format!("{} (наш перевод)", t.ru);
                    view.original = Some(t.en.clone());
                }
            }
            _ => view.lang = Some("en"),
        },
        "evidence_note" => {
            view.fold = Some(lang.pick("source", "источник").to_string());
            if lang == Lang::Ru
                && let Value::Text(t) = &cell.value
            {
                view.original = Some(t.en.clone());
            }
        }
        _ => {}
    }
    if let Some(p) = cell.published() {
        let (mark, meaning) = match cell.status() {
            Status::Match => ("✓", lang.pick("reproduced", "воспроизводится")),
            Status::Differs => ("≠", lang.pick("differs", "расходится")),
            _ => ("·", lang.pick("not in the data", "нет в данных")),
        };
        view.printed = Some(format!(
            "{} {} {mark}",
            lang.pick("paper", "в статье"),
            printed_text(p, lang)
        ));
        // The figure exactly as the paper prints it (its decimal commas kept), quoted in the
        // reader's own quotation marks.
        view.printed_title = Some(match lang {
            Lang::En => format!("printed as “{}” — {meaning}", p.text),
            Lang::Ru => format!("напечатано как «{}» — {meaning}", p.text),
        });
        if cell.status() == Status::Differs
            && let Some(d) = cell.diff()
        {
            // Between the two figures as shown: the recomputed one rounded as `value_text`
            // rounds it (the printed one has no more decimals than that).
            let shown = |decimals| match number(&cell.value) {
                Some(x) => difference_text(x, p.value, decimals, lang),
                None => signed_text(d, decimals, lang),
            };
            view.diff = Some(match unit {
                Some(Unit::Percent) => format!("{} {}", shown(2), lang.pick("pp", "п. п.")),
                Some(Unit::Times) => shown(2),
                _ => shown(0),
            });
        }
        view.reason_label = cell
            .reason()
            .map(|r| reason_label(r.code).get(lang).to_string());
        view.reason = cell.reason().map(|r| r.text.get(lang).to_string());
        view.note = cell.note().map(|n| n.get(lang).to_string());
    }
    view
}

/// The CSS name of an evidence level from its English words ("2 documented, 1 inferred" takes
/// the weakest level named).
fn evidence_class(en: &str) -> &'static str {
    ["unknown", "inferred", "matched", "documented"]
        .into_iter()
        .find(|level| en.contains(level))
        .unwrap_or("unknown")
}

/// A cell's value for sorting: numbers by value, text by a collation key, empty last.
#[derive(PartialEq, PartialOrd)]
enum SortKey {
    Number(f64),
    Text(String),
}

fn sort_key(cell: &Cell, lang: Lang) -> Option<SortKey> {
    match &cell.value {
        Value::Int(i) => Some(SortKey::Number(*i as f64)),
        Value::Num(x) => Some(SortKey::Number(*x)),
        Value::Bool(b) => Some(SortKey::Number(f64::from(u8::from(*b)))),
        Value::Text(t) => Some(SortKey::Text(collation_key(t.get(lang)))),
        Value::Null => None,
    }
}

/// Case-folded, with ё sorted as е (Russian dictionaries do), so a plain comparison collates.
fn collation_key(text: &str) -> String {
    text.to_lowercase().replace('ё', "е")
}

/// The indices of the rows the view shows, in order: drill-down, search, sort.
pub fn visible_rows(table: &Table, view: &View) -> Vec<usize> {
    let lang = view.lang;
    let mut filters = Vec::new();
    if let Some(region) = &view.region {
        filters.push(format!("region:{region}"));
    }
    if let Some(country) = &view.country
        && table.id == "pecs"
    {
        filters.push(format!("country:{country}"));
    }
    let query = collation_key(view.search.trim());
    let searched: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| SEARCHED.contains(&c.id.as_str()))
        .map(|(i, _)| i)
        .collect();
    let mut rows: Vec<usize> = (0..table.rows.len())
        .filter(|&r| {
            let row = &table.rows[r];
            filters.iter().all(|f| row.filters.contains(f))
                && (query.is_empty()
                    || searched.iter().any(|&i| {
                        let texts = match &row.cells[i].value {
                            Value::Text(t) => vec![t.en.clone(), t.ru.clone()],
                            Value::Int(n) => vec![n.to_string()],
                            _ => Vec::new(),
                        };
                        texts.iter().any(|t| collation_key(t).contains(&query))
                    }))
        })
        .collect();
    if let Some(col) = view
        .sort
        .as_ref()
        .and_then(|s| table.columns.iter().position(|c| &c.id == s))
    {
        let keys: Vec<Option<SortKey>> = table
            .rows
            .iter()
            .map(|r| sort_key(&r.cells[col], lang))
            .collect();
        crate::text::order::sort_by(&mut rows, |&a, &b| match (&keys[a], &keys[b]) {
            (None, None) => Ordering::Equal,
            (None, _) => Ordering::Greater,
            (_, None) => Ordering::Less,
            (Some(x), Some(y)) => {
                let order = x.partial_cmp(y).unwrap_or(Ordering::Equal);
                if view.descending {
                    order.reverse()
                } else {
                    order
                }
            }
        });
    }
    rows
}

/// A number of a cell (None for text, flags and missing values).
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Int(i) => Some(*i as f64),
        Value::Num(x) => Some(*x),
        _ => None,
    }
}

/// Add the pinned reading's value and the difference to a recomputed cell.
fn pin_cell(view: &mut CellView, now: &Cell, pinned: &Cell, unit: Option<Unit>, lang: Lang) {
    let (Some(x), Some(y)) = (number(&now.value), number(&pinned.value)) else {
        return;
    };
    if unit.is_none() {
        return;
    }
    view.pinned = Some(value_text(&pinned.value, unit, lang));
    view.pinned_diff = Some(match unit {
        Some(Unit::Percent) => format!(
            "{} {}",
            difference_text(x, y, 2, lang),
            lang.pick("pp", "п. п.")
        ),
        _ => difference_text(x, y, 0, lang),
    });
}

/// Build the view of a table under the page's view (rows filtered and sorted for data tables);
/// with a pinned reading's table, each recomputed cell also shows its value there.
pub fn table_view(
    table: &Table,
    view: &View,
    filter_label: Option<String>,
    pinned: Option<&Table>,
) -> TableView {
    let lang = view.lang;
    let data = DATA_TABLES.contains(&table.id.as_str());
    let shown_columns: Vec<usize> = (0..table.columns.len())
        .filter(|&i| {
            let id = table.columns[i].id.as_str();
            // The text figures' row labels already name the place (exports keep the column).
            !NOT_SHOWN.contains(&id) && (table.id != "text" || id != "place")
        })
        .collect();
    let columns = shown_columns
        .iter()
        .map(|&i| &table.columns[i])
        .map(|c| {
            let label = c.label.get(lang).to_string();
            let sorted = view.sort.as_deref() == Some(c.id.as_str());
            // A region column of Table 3 (not the total, not the unassigned PECs).
            let drill = (table.id == "3" && c.id != "unassigned")
                .then(|| crate::data::model::region_info(&c.id))
                .flatten();
            ColumnView {
                id: c.id.clone(),
                numeric: matches!(c.unit, ColumnUnit::Count | ColumnUnit::Percent),
                sort: match (data, sorted, view.descending) {
                    (false, _, _) | (true, false, _) => "none",
                    (true, true, false) => "ascending",
                    (true, true, true) => "descending",
                },
                sort_label: format!("{} {label}", lang.pick("Sort by", "Сортировать:")),
                next_sort: {
                    let numeric = matches!(c.unit, ColumnUnit::Count | ColumnUnit::Percent);
                    let descending = if sorted { !view.descending } else { numeric };
                    format!("{}{}", if descending { "-" } else { "" }, c.id)
                },
                drill: drill.map(|r| r.id.to_string()),
                drill_label: drill.map(|r| r.countries().get(lang).to_string()),
                label,
            }
        })
        .collect();
    let indices: Vec<usize> = if data {
        visible_rows(table, view)
    } else {
        (0..table.rows.len()).collect()
    };
    // The pinned table's cells by row and column id (tables differ in shape across readings).
    fn index(ids: Vec<&str>) -> std::collections::HashMap<&str, usize> {
        ids.into_iter().enumerate().map(|(i, id)| (id, i)).collect()
    }
    let pinned_rows = pinned.map(|p| index(p.rows.iter().map(|r| r.id.as_str()).collect()));
    let pinned_cols = pinned.map(|p| index(p.columns.iter().map(|c| c.id.as_str()).collect()));
    let pinned_cell = |row: &str, col: &str| -> Option<&Cell> {
        let (p, rows, cols) = (pinned?, pinned_rows.as_ref()?, pinned_cols.as_ref()?);
        Some(&p.rows[*rows.get(row)?].cells[*cols.get(col)?])
    };
    let rows: Vec<RowView> = indices
        .iter()
        .map(|&r| {
            let row = &table.rows[r];
            RowView {
                id: row.id.clone(),
                label: row.label.get(lang).to_string(),
                scope: row.scope.clone(),
                drill: table.id == "countries" && row.id != "unassigned",
                cells: shown_columns
                    .iter()
                    .map(|&i| (&row.cells[i], &table.columns[i]))
                    .map(|(cell, col)| {
                        let unit = unit_of(row.unit, col.unit);
                        let mut shown = cell_view(cell, unit, &col.id, lang);
                        if let Some(p) = pinned_cell(&row.id, &col.id) {
                            pin_cell(&mut shown, cell, p, unit, lang);
                        }
                        shown
                    })
                    .collect(),
            }
        })
        .collect();
    let audit = &table.audit;
    let published = audit.matches + audit.differs + audit.not_in_data;
    let summary = (!data && published > 0).then(|| audit_summary_text(audit, lang));
    // Only an audited table shows the hint (a data table's rows drill down instead).
    let selectable = !data
        && rows
            .iter()
            .any(|r| r.cells.iter().any(|c| c.scope.is_some()));
    let total = u64::try_from(table.rows.len()).unwrap_or(u64::MAX);
    let shown = u64::try_from(indices.len()).unwrap_or(u64::MAX);
    TableView {
        id: table.id.clone(),
        title: table.title.get(lang).to_string(),
        kind: if data { "data" } else { "audited" },
        row_header: table.row_header.as_ref().map(|h| h.get(lang).to_string()),
        legend: summary.as_ref().map(|_| {
            lang.pick(
                "Marks: ✓ the paper’s figure is reproduced; ≠ it differs, and the cell says why; · not in the data.",
                "Знаки: ✓ — число статьи воспроизводится; ≠ — расходится, причина — в ячейке; · — нет в данных.",
            )
            .to_string()
        }),
        summary,
        selectable,
        columns,
        rows,
        count: data.then(|| match lang {
            Lang::En => format!("{shown} of {}", ROW.count(total, lang)),
            Lang::Ru => format!("{shown} из {}", ROW.count_of(total, lang)),
        }),
        filter: filter_label,
        empty: (data && shown == 0).then(|| {
            lang.pick(
                "No rows match: change the search or show all.",
                "Нет подходящих строк: измените поиск или покажите все.",
            )
            .to_string()
        }),
        notes: table
            .notes
            .iter()
            .map(|n| n.get(lang).to_string())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_figures_in_the_readers_format() {
        let p = Printed::parse("6,87").unwrap();
        assert_eq!(printed_text(&p, Lang::En), "6.87");
        assert_eq!(printed_text(&p, Lang::Ru), "6,87");
        let p = Printed::parse("273 131").unwrap();
        assert_eq!(printed_text(&p, Lang::En), "273,131");
        let p = Printed::parse("0,8%").unwrap();
        assert_eq!(printed_text(&p, Lang::En), "0.8%");
    }

    #[test]
    fn weighted_counts_are_rounded_and_ids_are_not_counts() {
        assert_eq!(
            value_text(&Value::Num(63388.5), Some(Unit::Count), Lang::En),
            "63,389"
        );
        assert_eq!(
            value_text(&Value::Num(17.8841), Some(Unit::Percent), Lang::Ru),
            "17,88%"
        );
        assert_eq!(value_text(&Value::Null, None, Lang::Ru), "—");
    }

    #[test]
    fn collation_puts_yo_with_ye() {
        assert!(collation_key("Ёлки") > collation_key("Елка"));
        assert!(collation_key("Ёлки") < collation_key("Ж"));
    }
}
