//! Table 4: the regions' shares, with the detection of its swapped column headers.

use super::*;

/// A Table 4 figure for a region, from the protocols.
pub(super) fn table4_figure(
    row_id: &str,
    region: &Aggregate,
    total: &Aggregate,
    s: &State,
) -> Option<f64> {
    let (part, whole) = table4_parts(row_id, region, total, s)?;
    (whole != 0.0).then(|| part / whole)
}

/// A Table 4 figure's numerator and denominator (ballots, countries or PECs).
pub(super) fn table4_parts(
    row_id: &str,
    region: &Aggregate,
    total: &Aggregate,
    s: &State,
) -> Option<(f64, f64)> {
    let counts = |a: i64, b: i64| Some((a as f64, b as f64));
    let of_total = |c: Component| counts(region.sums.count(c, s), total.sums.count(c, s));
    match row_id {
        "countries_share" => counts(i64::from(region.countries), i64::from(total.countries)),
        "pecs_share" => counts(i64::from(region.pecs), i64::from(total.pecs)),
        "issued_share" => of_total(Component::Issued),
        "invalid_share" => of_total(Component::Invalid),
        "opposition_share" => Quantity::Share(Component::Opposition).parts(&region.sums, s.base, s),
        dist => of_total(Component::parse(dist.trim_end_matches("_dist"))?),
    }
}

/// The same figure from the paper's own Table 3, as the author computed it.
pub(super) fn table4_from_paper(
    row_id: &str,
    col: &PaperColumn,
    total: &PaperColumn,
) -> Option<f64> {
    let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b != 0.0 => Some(a / b),
        _ => None,
    };
    match row_id {
        "countries_share" => ratio(col.countries, total.countries),
        "pecs_share" => ratio(col.pecs, total.pecs),
        "issued_share" => ratio(col.issued, total.issued),
        "invalid_share" => ratio(col.invalid, total.invalid),
        "opposition_share" => ratio(
            col.invalid.zip(col.votes[0]).map(|(i, d)| i + d),
            col.issued,
        ),
        dist => match Component::parse(dist.trim_end_matches("_dist"))? {
            Component::Candidate(k) => ratio(col.votes[k.index()], total.votes[k.index()]),
            _ => None,
        },
    }
}

/// Every way of computing one column's Table 4 figure (besides the state's own).
pub(super) fn table4_column_readings<'a>(
    ctx: &'a Context,
    row_id: &'a str,
    region: &'a Aggregate,
) -> Vec<Alternative<'a>> {
    let own = paper_column(ctx, &region.id);
    let total = paper_column(ctx, "total");
    let mut alts = vec![Alternative::new(
        table4_from_paper(row_id, &own, &total),
        move || {
            Reason::new(
                "paper_inputs",
                format!(
                    "Follows from the paper’s own Table 3 figures for {}, which differ from the protocols.",
                    region.name.en
                ),
                format!(
                    "Следует из цифр Таблицы 3 статьи для региона «{}», которые расходятся с протоколами.",
                    region.name.ru
                ),
            )
        },
    )];
    if row_id == "invalid_share" {
        let label_en = "The label says “% of all invalid ballots abroad”, but the figure is invalid ballots as a % of the region’s own ballots issued";
        let label_ru = "В подписи — «% от всех недействительных за рубежом», но число — доля недействительных среди выданных в самом регионе";
        alts.push(Alternative::new(
            share(region.sums.invalid, region.sums.issued()),
            move || {
                Reason::new(
                    "wrong_label",
                    format!("{label_en}."),
                    format!("{label_ru}."),
                )
            },
        ));
        alts.push(Alternative::new(
            own.invalid.zip(own.issued).map(|(i, n)| i / n),
            move || {
                Reason::new(
                    "wrong_label",
                    format!("{label_en} (from the paper’s Table 3)."),
                    format!("{label_ru} (по Таблице 3 статьи)."),
                )
            },
        ));
    }
    if row_id == "opposition_share" {
        // As the text adds them: invalid % rounded to 0.1, plus Davankov's % as Table 3 rounds it.
        let rounded = own
            .invalid
            .zip(own.issued)
            .zip(own.davankov_share_printed)
            .map(|((i, n), d)| (((i / n) * 1000.0).round() / 10.0 + d) / 100.0);
        alts.push(Alternative::new(rounded, move || Reason::new(
                "rounded_parts",
                "The paper adds two rounded figures: the invalid share (to 0.1%) and Davankov’s share as rounded in Table 3.",
                "В статье сложены два округлённых числа: доля недействительных (до 0,1%) и доля Даванкова, округлённая в Таблице 3.",
            )));
    }
    alts
}

/// Every value each region's Table 4 figures can take (the protocols', the paper's inputs', the
/// other labels'), by region and row: computed once per table.
pub(super) fn table4_readings(ctx: &Context) -> Vec<Vec<Vec<f64>>> {
    ctx.current
        .regions
        .iter()
        .map(|region| {
            TABLE4_ROWS
                .iter()
                .map(|row| {
                    std::iter::once(table4_figure(row, region, &ctx.current.total, &ctx.state))
                        .chain(
                            table4_column_readings(ctx, row, region)
                                .into_iter()
                                .map(|a| a.value),
                        )
                        .flatten()
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Whether the printed column `col` holds another region's figures in most rows: then its
/// header is swapped with that region's. Decided per column, over all rows, not per cell.
pub(super) fn swapped_with<'c>(
    ctx: &'c Context,
    col: usize,
    readings: &[Vec<Vec<f64>>],
) -> Option<&'c Aggregate> {
    let regions = &ctx.current.regions;
    let explained = |region: usize| {
        TABLE4_ROWS
            .iter()
            .enumerate()
            .filter(|&(r, row)| {
                ctx.published("4", row, &regions[col].id)
                    .is_some_and(|printed| {
                        readings[region][r]
                            .iter()
                            .any(|v| printed.matches(v * 100.0))
                    })
            })
            .count()
    };
    let own = explained(col);
    (0..regions.len())
        .filter(|&r| r != col)
        .map(|r| (explained(r), r))
        .filter(|&(n, _)| n > own && 2 * n >= TABLE4_ROWS.len())
        .max_by_key(|&(n, _)| n)
        .map(|(_, r)| &regions[r])
}

pub(super) fn table4(ctx: &Context) -> Table {
    let state = ctx.state;
    let paper_scheme = state.regions == RegionScheme::Paper;
    let regions = region_columns(ctx);
    let total = &ctx.current.total;
    let columns: Vec<Column> = regions
        .iter()
        .map(|r| column(&r.id, &r.name.en, &r.name.ru, ColumnUnit::Percent))
        .collect();
    let readings = if paper_scheme {
        table4_readings(ctx)
    } else {
        Vec::new()
    };
    let swaps: Vec<Option<&Aggregate>> = (0..regions.len())
        .map(|r| {
            if paper_scheme {
                swapped_with(ctx, r, &readings)
            } else {
                None
            }
        })
        .collect();
    let rows = TABLE4_ROWS
        .iter()
        .map(|&row_id| {
            let cells = regions
                .iter()
                .zip(&swaps)
                .map(|(region, swap)| {
                    let col: &str = &region.id;
                    let published = paper_scheme.then(|| ctx.published("4", row_id, col)).flatten();
                    let alternatives = || {
                        let paper_region = ctx.paper().regions.iter().find(|r| r.id == col);
                        let mut alts: Vec<Alternative> = ctx
                            .reading_alternative(paper_region.and_then(|p| table4_figure(row_id, p, &ctx.paper().total, &State::paper())))
                            .into_iter()
                            .collect();
                        alts.extend(table4_column_readings(ctx, row_id, region));
                        if let Some(other) = *swap {
                            let swapped = move |inner: Option<Reason>| {
                                let (en, ru) = inner.map_or_else(Default::default, |r| (format!(" {}", r.text.en), format!(" {}", r.text.ru)));
                                Reason::new(
                                    "swapped_columns",
                                    format!("The paper’s column headers are swapped: this column holds {}’s figures.{en}", other.name.en),
                                    format!("Заголовки столбцов в статье перепутаны: в этом столбце цифры региона «{}».{ru}", other.name.ru),
                                )
                            };
                            alts.push(Alternative::new(table4_figure(row_id, other, total, &state), move || swapped(None)));
                            alts.extend(
                                table4_column_readings(ctx, row_id, other)
                                    .into_iter()
                                    .map(|a| Alternative::new(a.value, move || swapped(Some((a.reason)())))),
                            );
                        }
                        alts
                    };
                    let cell = audit_cell(
                        Unit::Percent,
                        table4_figure(row_id, region, total, &state),
                        published,
                        ctx.note("4", row_id, col),
                        alternatives,
                        || Some(grouping_reason(ctx, region)),
                        &unconfirmed,
                    );
                    cell.with_scope(Some(scope_of(region)))
                        .with_parts(table4_parts(row_id, region, total, &state))
                })
                .collect();
            let (label_en, label_ru) = table4_label(row_id, &state);
            Row {
                id: row_id.to_string(),
                label: Text::new(label_en, label_ru),
                unit: Some(Unit::Percent),
                scope: None,
filters: Vec::new(),
                cells,
            }
        })
        .collect();
    Table {
        id: "4".into(),
        title: Text::new("Table 4. Regions’ shares and the “opposition”", "Таблица 4. Доли регионов и «оппозиция»"),
        published_in: Some("Table 4".into()),
        columns,
        rows,
        notes: notes(vec![
            "The paper computes Table 4 from its Table 3; where a printed figure follows from the paper’s Table 3 but not from the protocols, the reason says so.".into(),
        ], vec![
            "Таблица 4 в статье вычислена из её Таблицы 3; если напечатанное число следует из Таблицы 3 статьи, но не из протоколов, это указано.".into(),
        ]),
        audit: AuditSummary::default(),
        row_header: None,
    }
}

pub(super) fn table4_label(row_id: &str, state: &State) -> (String, String) {
    let (base_en, base_ru) = base_names(state.base);
    let pair = |en: &str, ru: &str| (en.to_string(), ru.to_string());
    match row_id {
        "countries_share" => pair("Countries, % of all countries", "Страны, % от всех стран"),
        "pecs_share" => pair("PECs, % of all PECs", "УИК, % от всех УИК"),
        "issued_share" => pair(
            "Ballots issued, % of all abroad",
            "Выдано бюллетеней, % от всех за рубежом",
        ),
        "invalid_share" => pair(
            "Invalid ballots, % of all invalid abroad",
            "Недействительные, % от всех недействительных за рубежом",
        ),
        "opposition_share" => (
            format!("“Opposition”, % of {base_en} in the region"),
            format!("«Оппозиция», % от {base_ru} в регионе"),
        ),
        dist => {
            let c = Component::parse(dist.trim_end_matches("_dist")).expect("candidate rows");
            let (en, ru) = component_label(c);
            (
                format!("{en}: region’s % of all votes abroad"),
                format!("{ru}: доля региона во всех голосах за рубежом"),
            )
        }
    }
}
