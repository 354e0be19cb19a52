//! Table 1: the vote abroad in every presidential election since 2004.

use super::readings::*;
use super::*;
use crate::paper::history::YearFigures;

/// Table 1's winner's share in one year, as its cell holds it (in percent), with the paper's
/// printed figure: what the history chart draws.
#[derive(Clone, Debug, PartialEq)]
pub struct WinnerShare {
    pub year: &'static str,
    pub value: Option<f64>,
    pub published: Option<Printed>,
}

/// Table 1's winner's share column without auditing the table (the charts need no more; a test
/// holds it equal to the column of the table built in full).
pub fn winner_shares(ctx: &Context) -> Vec<WinnerShare> {
    let state = ctx.state;
    TABLE1_YEARS
        .iter()
        .map(|&year| WinnerShare {
            year,
            value: year_figures(ctx, year)
                .and_then(|f| f.winner_share(state.base, &state))
                .map(|x| Unit::Percent.from_raw(x)),
            published: ctx.published("1", year, "winner_share").cloned(),
        })
        .collect()
}

/// A year's figures: this election's under the reading, an earlier one's from the study's history.
fn year_figures(ctx: &Context, year: &str) -> Option<YearFigures> {
    if is_current(year) {
        return Some(YearFigures::of_results(&ctx.current));
    }
    ctx.study
        .history
        .iter()
        .find(|(y, _)| y.to_string() == year)
        .map(|(_, f)| f.clone())
}

fn is_current(year: &str) -> bool {
    year == crate::data::model::CURRENT_YEAR.to_string()
}

pub(super) fn table1(ctx: &Context) -> Table {
    let state = ctx.state;
    let (base_en, base_ru) = base_names(state.base);
    let columns = vec![
        column("countries", "Countries", "Стран", ColumnUnit::Count),
        column(
            "pecs",
            "PECs (protocols)",
            "УИК (протоколов)",
            ColumnUnit::Count,
        ),
        column(
            "voters",
            &format!("Voters = {base_en}"),
            &format!("Избиратели = число {base_ru}"),
            ColumnUnit::Count,
        ),
        column("winner", "Winner", "Победитель", ColumnUnit::Text),
        column(
            "winner_votes",
            "Winner’s votes",
            "Голосов за победителя",
            ColumnUnit::Count,
        ),
        column(
            "winner_share",
            &format!("Winner, % of {base_en}"),
            &format!("Победитель, % от {base_ru}"),
            ColumnUnit::Percent,
        ),
        column(
            "published_base",
            "The paper’s “voters” are",
            "«Избиратели» в статье — это",
            ColumnUnit::Text,
        ),
    ];
    let mut rows = Vec::new();
    for year in TABLE1_YEARS {
        let is_current = is_current(year);
        let (paper_figures, countries) = if is_current {
            (
                Some(YearFigures::of_results(ctx.paper())),
                Some(ctx.current.total.countries),
            )
        } else {
            (None, None)
        };
        let figures = year_figures(ctx, year);
        let published = |col: &str| ctx.published("1", year, col);
        let note = |col: &str| ctx.note("1", year, col);
        let Some(f) = figures else {
            let cells = TABLE1_COLUMNS
                .iter()
                .map(|c| {
                    audit_cell(
                        Unit::Count,
                        None,
                        published(c),
                        note(c),
                        Vec::new,
                        || None,
                        &unconfirmed,
                    )
                })
                .collect();
            rows.push(Row {
                id: year.to_string(),
                label: Text::new(year.to_string(), year.to_string()),
                unit: None,
                scope: None,
                filters: Vec::new(),
                cells,
            });
            continue;
        };
        let base_count = f.sums.count(base_component(state.base), &state) as f64;
        let ids: Vec<String> = TABLE1_COLUMNS
            .iter()
            .map(|c| format!("1/{year}/{c}"))
            .collect();
        let confirm = |col: usize| {
            let id = &ids[col];
            move |c: &Printed| ctx.study.ledger.confirm(id, c)
        };
        let confirmers: Vec<_> = (0..TABLE1_COLUMNS.len()).map(confirm).collect();
        let winner_share = f.winner_share(state.base, &state);
        let reading = |v: Option<f64>| ctx.reading_alternative(v).into_iter().collect::<Vec<_>>();
        let countries_cell = audit_cell(
            Unit::Count,
            countries.map(f64::from),
            published("countries"),
            note("countries"),
            || {
                reading(
                    paper_figures
                        .as_ref()
                        .map(|_| f64::from(ctx.paper().total.countries)),
                )
            },
            || {
                Some(if is_current {
                    countries_reason(&ctx.current.total, &ctx.current)
                } else {
                    Reason::new(
                        "not_in_data",
                        "The locations file covers 2024 only: countries cannot be counted for earlier years.",
                        "Файл мест охватывает только 2024 год: страны за прошлые годы посчитать нельзя.",
                    )
                })
            },
            &confirmers[0],
        );
        let pecs_cell = audit_cell(
            Unit::Count,
            Some(f.sums.pecs as f64),
            published("pecs"),
            note("pecs"),
            || reading(paper_figures.as_ref().map(|p| p.sums.pecs as f64)),
            || is_current.then(|| pec_count_reason(&ctx.current)),
            &confirmers[1],
        );
        let voters_cell = audit_cell(
            Unit::Count,
            Some(base_count),
            published("voters"),
            note("voters"),
            || {
                let mut alts = reading(paper_figures.as_ref().map(|p| p.sums.issued() as f64));
                if let Some(printed) = published("voters") {
                    alts.extend(quantity_alternatives(
                        &ctx.state,
                        Quantity::Count(base_component(state.base)),
                        f.sums,
                        Vec::new(),
                        Vec::new(),
                        printed,
                    ));
                }
                alts
            },
            || None,
            &confirmers[2],
        );
        let votes_cell = audit_cell(
            Unit::Count,
            Some(f.winner_votes as f64),
            published("winner_votes"),
            note("winner_votes"),
            || reading(paper_figures.as_ref().map(|p| p.winner_votes as f64)),
            || None,
            &confirmers[3],
        );
        let share_cell = audit_cell(
            Unit::Percent,
            winner_share,
            published("winner_share"),
            note("winner_share"),
            || {
                let mut alts = reading(
                    paper_figures
                        .as_ref()
                        .and_then(|p| p.winner_share(Base::Issued, &State::paper())),
                );
                for b in Base::ALL.iter().filter(|&&b| b != state.base) {
                    let (en, ru) = base_names(*b);
                    alts.push(Alternative::new(f.winner_share(*b, &state), move || {
                        Reason::new(
                            "other_base",
                            format!("The paper divides by {en} here."),
                            format!("Здесь статья делит на число {ru}."),
                        )
                    }));
                }
                alts
            },
            || None,
            &confirmers[4],
        )
        .with_parts(f.winner_parts(state.base, &state));
        // Which base reproduces the paper's "voters" (found, not assumed).
        let published_base = published("voters").and_then(|p| {
            Base::ALL
                .iter()
                .find(|&&b| p.matches(f.sums.count(base_component(b), &state) as f64))
                .map(|&b| base_names(b))
        });
        let published_base_cell = match published_base {
            Some((en, ru)) => Cell::text(en, ru),
            None => Cell::text(
                "none of issued, cast, valid",
                "ни выданные, ни в ящиках, ни действительные",
            ),
        };
        let scope = is_current.then(|| "total".to_string());
        rows.push(Row {
            id: year.to_string(),
            label: Text::new(year.to_string(), year.to_string()),
            unit: None,
            scope: None,
            filters: Vec::new(),
            cells: vec![
                countries_cell,
                pecs_cell.with_scope(scope.clone()),
                voters_cell.with_scope(scope.clone()),
                Cell::text(&f.winner_en, &f.winner_ru),
                votes_cell.with_scope(scope.clone()),
                share_cell.with_scope(scope),
                published_base_cell,
            ],
        });
    }
    Table {
        id: "1".into(),
        title: Text::new("Table 1. The vote abroad, 2004–2024", "Таблица 1. Голосование за рубежом, 2004–2024"),
        published_in: Some("Table 1".into()),
        columns,
        rows,
        notes: notes(vec![
            "Earlier years are summed from every PEC protocol abroad of that year. Every year is divided by the same chosen denominator.".into(),
        ], vec![
            "Прошлые годы суммируются по всем зарубежным протоколам того года. Знаменатель для всех лет одинаков: тот, что выбран в допущениях.".into(),
        ]),
        audit: AuditSummary::default(),
        row_header: None,
    }
}
