//! Table 3: the regions' ballots and votes, with the paper's own inputs as columns.

use super::readings::*;
use super::*;
use crate::paper::ledger::Kind;

/// The published Table 3 column of a region as sums, to rebuild Table 4 from the paper's inputs.
#[derive(Clone, Copy, Default)]
pub(super) struct PaperColumn {
    pub(super) countries: Option<f64>,
    pub(super) pecs: Option<f64>,
    pub(super) issued: Option<f64>,
    pub(super) invalid: Option<f64>,
    pub(super) votes: [Option<f64>; 4],
    pub(super) davankov_share_printed: Option<f64>,
}

pub(super) fn paper_column(ctx: &Context, col: &str) -> PaperColumn {
    // A handful of lookups in the printed figures: cheaper than keeping a cache.
    let get = |row: &str| ctx.published("3", row, col).map(|p| p.value);
    PaperColumn {
        countries: get("countries"),
        pecs: get("pecs"),
        issued: get("issued"),
        invalid: get("invalid"),
        votes: Candidate::ALL.map(|c| get(c.id())),
        davankov_share_printed: get("davankov_share"),
    }
}

/// The region columns of the state's scheme (with the unassigned PECs, if any).
pub(super) fn region_columns<'c>(ctx: &'c Context) -> Vec<&'c Aggregate> {
    ctx.current.regions.iter().collect()
}

pub(super) fn table3(ctx: &Context) -> Table {
    let state = ctx.state;
    let paper_scheme = state.regions == RegionScheme::Paper;
    let regions = region_columns(ctx);
    let mut columns: Vec<Column> = regions
        .iter()
        .map(|r| column(&r.id, &r.name.en, &r.name.ru, ColumnUnit::Mixed))
        .collect();
    columns.push(column("total", "Total", "Всего", ColumnUnit::Mixed));
    let mut places: Vec<&Aggregate> = regions.clone();
    places.push(&ctx.current.total);
    let mut row_ids: Vec<&str> = TABLE3_ROWS.to_vec();
    row_ids.extend(["opposition", "opposition_share"]);
    let rows = row_ids
        .into_iter()
        .map(|row_id| {
            let (kind, label) = table3_row(row_id);
            let unit = kind.unit();
            let cells = places
                .iter()
                .map(|place| {
                    let col: &str = &place.id;
                    let is_total = col == "total";
                    let published = (paper_scheme || is_total)
                        .then(|| ctx.published("3", row_id, col))
                        .flatten();
                    let paper_place = if is_total {
                        Some(&ctx.paper().total)
                    } else {
                        ctx.paper().regions.iter().find(|r| r.id == col)
                    };
                    let value = |a: &Aggregate, s: &State| kind.value(a, s);
                    let id = format!("3/{row_id}/{col}");
                    let ledger = &ctx.study.ledger;
                    let confirm = |c: &Printed| ledger.confirm(&id, c);
                    let cell = audit_cell(
                        unit,
                        value(place, &state),
                        published,
                        ctx.note("3", row_id, col),
                        || {
                            let mut alts: Vec<Alternative> = ctx
                                .reading_alternative(
                                    paper_place.and_then(|p| value(p, &State::paper())),
                                )
                                .into_iter()
                                .collect();
                            if let (Table3Row::Figure(q), Some(printed)) = (kind, published) {
                                // A share follows from the paper's own counts in the column; a
                                // count is the paper's own input, so only the protocols' other
                                // quantities are tried.
                                let own = match q {
                                    Quantity::Share(c) => {
                                        own_input_alternatives(ledger.own_inputs(
                                            &id,
                                            &scope_of(place),
                                            &Kind::Share(c.id().into()),
                                        ))
                                    }
                                    _ => Vec::new(),
                                };
                                alts.extend(quantity_alternatives(
                                    &ctx.state,
                                    q,
                                    place.sums,
                                    own,
                                    Vec::new(),
                                    printed,
                                ));
                            }
                            alts
                        },
                        || {
                            Some(match (row_id, is_total) {
                                ("countries", _) => countries_reason(place, &ctx.current),
                                ("pecs", true) => pec_count_reason(&ctx.current),
                                (_, true) => return None,
                                _ => grouping_reason(ctx, place),
                            })
                        },
                        &confirm,
                    );
                    let parts = match kind {
                        Table3Row::Figure(q) => q.parts(&place.sums, state.base, &state),
                        _ => None,
                    };
                    cell.with_scope(Some(scope_of(place))).with_parts(parts)
                })
                .collect();
            Row {
                id: row_id.to_string(),
                label: Text::new(label.0, label.1),
                unit: Some(unit),
                scope: None,
                filters: Vec::new(),
                cells,
            }
        })
        .collect();
    let (base_en, base_ru) = base_names(state.base);
    Table {
        id: "3".into(),
        title: Text::new(
            "Table 3. The vote by region",
            "Таблица 3. Голосование по регионам",
        ),
        published_in: Some("Table 3".into()),
        columns,
        rows,
        notes: notes(
            vec![
                format!(
                    "Shares are of {base_en}. A region sums the PECs the locations file places there; see each PEC’s evidence level."
                ),
                "Published region figures are compared only under the paper’s region scheme."
                    .into(),
            ],
            vec![
                format!(
                    "Доли — от числа {base_ru}. Регион — сумма УИК, которые файл мест к нему относит; см. уровень доказанности каждого УИК."
                ),
                "Опубликованные цифры по регионам сравниваются только при схеме регионов статьи."
                    .into(),
            ],
        ),
        audit: AuditSummary::default(),
        row_header: None,
    }
}

/// What a Table 3 row counts.
#[derive(Clone, Copy)]
pub(super) enum Table3Row {
    Countries,
    Pecs,
    Figure(Quantity),
}

impl Table3Row {
    fn value(self, a: &Aggregate, s: &State) -> Option<f64> {
        match self {
            Table3Row::Countries => Some(f64::from(a.countries)),
            Table3Row::Pecs => Some(f64::from(a.pecs)),
            Table3Row::Figure(q) => q.value(&a.sums, s.base, s),
        }
    }
    fn unit(self) -> Unit {
        match self {
            Table3Row::Figure(q) if q.is_share() => Unit::Percent,
            _ => Unit::Count,
        }
    }
}

/// What a Table 3 row counts, and its label.
pub(super) fn table3_row(row_id: &str) -> (Table3Row, (String, String)) {
    let label = |en: &str, ru: &str| (en.to_string(), ru.to_string());
    match row_id {
        "countries" => (Table3Row::Countries, label("Countries", "Число стран")),
        "pecs" => (Table3Row::Pecs, label("PECs", "УИК")),
        _ => {
            let (component, share) = match row_id.strip_suffix("_share") {
                Some(c) => (c, true),
                None => (row_id, false),
            };
            let c = Component::parse(component).expect("table 3 rows name components");
            let (en, ru) = component_label(c);
            if share {
                (
                    Table3Row::Figure(Quantity::Share(c)),
                    (format!("{en}, %"), format!("{ru}, %")),
                )
            } else {
                (Table3Row::Figure(Quantity::Count(c)), (en, ru))
            }
        }
    }
}

pub(super) fn scope_of(a: &Aggregate) -> String {
    if a.id == "total" {
        "total".into()
    } else {
        format!("region:{}", a.id)
    }
}
