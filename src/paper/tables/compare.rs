//! Abroad among Russia's regions: where the vote abroad, under the reading, would rank among
//! the federal subjects (each its PEC protocols plus its electronic vote) by the opposition's
//! share, with each candidate's share beside it. Sorted here, exactly (shares compared by
//! cross-multiplying), ties by the order of the CEC's list.

use super::*;
use crate::data::model::Candidate;
use crate::reading::national::column_label;
use crate::text::Lang;
use std::cmp::Ordering;

/// The index of the row of "Russia" as a whole (after every region's).
const RUSSIA: usize = usize::MAX;

/// The columns' shares: the opposition's, then each candidate's.
const SHARES: [(&str, Component); 5] = [
    ("opposition_share", Component::Opposition),
    ("davankov_share", Component::Candidate(Candidate::Davankov)),
    ("putin_share", Component::Candidate(Candidate::Putin)),
    ("slutsky_share", Component::Candidate(Candidate::Slutsky)),
    (
        "kharitonov_share",
        Component::Candidate(Candidate::Kharitonov),
    ),
];

/// Where abroad ranks among the regions by the opposition's share: (its place from 1, how many
/// places in all). Ties rank abroad first among equals.
pub fn abroad_rank(ctx: &Context) -> (usize, usize) {
    let (state, abroad) = (&ctx.state, &ctx.current.total.sums);
    let regions = &ctx.study.data.national.regions;
    let above = regions
        .iter()
        .filter(|r| {
            r.sums
                .cmp_share(abroad, Component::Opposition, state.base, state)
                == Ordering::Greater
        })
        .count();
    (above + 1, regions.len() + 1)
}

pub(super) fn compare_table(ctx: &Context) -> Table {
    let state = ctx.state;
    let (base_en, base_ru) = base_names(state.base);
    let abroad = ctx.current.total.sums;
    let mut places: Vec<(usize, Text, &Sums)> = ctx
        .study
        .data
        .national
        .regions
        .iter()
        .enumerate()
        .map(|(i, r)| (i + 1, r.name.clone(), &r.sums))
        .collect();
    places.push((
        0,
        Text::new(
            "Abroad (under this reading)",
            "Зарубежье (при этом прочтении)",
        ),
        &abroad,
    ));
    // "Russia" as the reading means it: shown in its place, not ranked.
    let russia = ctx.current.national;
    places.push((RUSSIA, column_label(state.russia), &russia));
    // Highest opposition share first; among equals abroad (index 0) first, then the CEC's order.
    crate::text::order::sort_by(&mut places, |a, b| {
        b.2.cmp_share(a.2, Component::Opposition, state.base, &state)
            .then(a.0.cmp(&b.0))
    });
    let (rank, of) = abroad_rank(ctx);
    let mut columns = vec![column("rank", "Rank", "Место", ColumnUnit::Count)];
    for (id, c) in SHARES {
        let (en, ru) = match c {
            Component::Opposition => ("“Opposition”, %".to_string(), "«Оппозиция», %".to_string()),
            Component::Candidate(k) => {
                (format!("{}, %", k.name_en()), format!("{}, %", k.name_ru()))
            }
            _ => unreachable!("the shares are the opposition’s and the candidates’"),
        };
        columns.push(column(id, &en, &ru, ColumnUnit::Percent));
    }
    columns.push(column(
        "issued",
        "Ballots issued",
        "Выдано бюллетеней",
        ColumnUnit::Count,
    ));
    let mut ranked = 0;
    let rows = places
        .iter()
        .map(|(i, name, sums)| {
            let rank = if *i == RUSSIA {
                Value::Null
            } else {
                ranked += 1;
                Value::Int(ranked)
            };
            let mut cells = vec![Cell::plain(rank)];
            for (_, c) in SHARES {
                cells.push(Cell::plain(
                    Quantity::Share(c)
                        .value(sums, state.base, &state)
                        .map_or(Value::Null, |x| Value::Num(x * 100.0)),
                ));
            }
            cells.push(Cell::plain(Value::Int(sums.issued())));
            Row {
                id: match *i {
                    0 => "abroad".into(),
                    RUSSIA => "russia".into(),
                    i => format!("region_{i}"),
                },
                label: name.clone(),
                unit: None,
                scope: (*i == 0).then(|| "total".to_string()),
                filters: Vec::new(),
                cells,
            }
        })
        .collect();
    Table {
        id: "russia".into(),
        title: Text::new(
            "Abroad among Russia’s regions",
            "Зарубежье среди регионов России",
        ),
        published_in: None,
        columns,
        rows,
        row_header: Some(Text::new("Region", "Регион")),
        notes: notes(
            vec![
                format!(
                    "Under this reading abroad would rank {rank} of {of} by the opposition’s share."
                ),
                format!(
                    "Shares of {base_en}; the opposition as this reading counts it. Regions sorted by the opposition’s share, highest first."
                ),
                format!(
                    "Each region: its PEC protocols and its remote electronic vote (data/russia-2024-national.json). The four annexed regions published no protocols and are not ranked. Russia as a whole (as the key {} means it) stands in its place, unranked.",
                    russia_key_quoted(Lang::En)
                ),
            ],
            vec![
                format!(
                    "При этом прочтении зарубежье заняло бы {rank}-е место из {of} по доле «оппозиции»."
                ),
                format!(
                    "Доли от числа {base_ru}; «оппозиция» — как её считает это прочтение. Регионы упорядочены по доле «оппозиции», от большей к меньшей."
                ),
                format!(
                    "Каждый регион — протоколы его УИК и его дистанционное электронное голосование (data/russia-2024-national.json). Четыре аннексированных региона протоколов не опубликовали и в ранжирование не входят. Россия в целом (как её понимает параметр {}) стоит на своём месте, без номера.",
                    russia_key_quoted(Lang::Ru)
                ),
            ],
        ),
        audit: AuditSummary::default(),
    }
}
