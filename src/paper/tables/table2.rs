//! Table 2: the ballots and votes abroad beside the national totals.

use super::readings::*;
use super::*;
use crate::paper::ledger::Kind;

pub(super) fn russia_sums(r: &RussiaFile) -> Sums {
    let n = |f: &crate::data::bundle::NationalFigure| i64::from(f.value);
    Sums {
        pecs: 0,
        early: n(&r.early),
        inside: n(&r.inside),
        mobile: n(&r.mobile),
        invalid: n(&r.invalid),
        valid: n(&r.valid),
        // National totals give no split of the boxes: all in "stationary".
        stationary: n(&r.invalid) + n(&r.valid),
        votes: [n(&r.davankov), n(&r.putin), n(&r.slutsky), n(&r.kharitonov)],
        ..Sums::default()
    }
}

pub(super) fn subtract(a: &Sums, b: &Sums) -> Sums {
    let mut out = *a;
    let neg = Sums {
        pecs: -b.pecs,
        registered: -b.registered,
        received: -b.received,
        early: -b.early,
        inside: -b.inside,
        mobile: -b.mobile,
        cancelled: -b.cancelled,
        portable: -b.portable,
        stationary: -b.stationary,
        invalid: -b.invalid,
        valid: -b.valid,
        lost: -b.lost,
        unaccounted: -b.unaccounted,
        votes: b.votes.map(|v| -v),
    };
    out.add(&neg);
    out
}

pub(super) fn component_label(c: Component) -> (String, String) {
    let (en, ru) = match c {
        Component::Registered => ("Voters on the list", "Избирателей в списках"),
        Component::Received => ("Ballots received by the PEC", "Получено бюллетеней"),
        Component::Cancelled => ("Ballots cancelled (unused)", "Погашено бюллетеней"),
        Component::Portable => (
            "Ballots in portable boxes",
            "Бюллетеней в переносных ящиках",
        ),
        Component::Stationary => (
            "Ballots in stationary boxes",
            "Бюллетеней в стационарных ящиках",
        ),
        Component::Lost => ("Ballots lost", "Утрачено бюллетеней"),
        Component::Unaccounted => (
            "Ballots not accounted for on receipt",
            "Не учтено при получении",
        ),
        Component::Issued => (
            "Ballots issued (the paper's \"total votes\")",
            "Выдано бюллетеней («всего голосов» в статье)",
        ),
        Component::Early => ("Issued to early voters", "Выдано досрочно"),
        Component::Inside => (
            "Issued at the PEC on the day",
            "Выдано в помещении в день голосования",
        ),
        Component::Mobile => ("Issued outside the PEC (mobile)", "Выдано вне помещения"),
        Component::Cast => ("Ballots cast (in the boxes)", "Бюллетеней в ящиках"),
        Component::Valid => ("Valid ballots", "Действительных бюллетеней"),
        Component::Invalid => ("Invalid (spoiled) ballots", "Недействительных бюллетеней"),
        Component::Unreturned => (
            "Issued, not in the boxes (the paper's \"stolen\")",
            "Выдано, но нет в ящиках («унесённые»)",
        ),
        Component::Candidate(k) => (k.name_en(), k.name_ru()),
        Component::Opposition => (
            "\"Opposition\" under this reading",
            "«Оппозиция» при этом прочтении",
        ),
    };
    (en.to_string(), ru.to_string())
}

pub(super) fn table2(ctx: &Context) -> Table {
    let state = ctx.state;
    let russia = russia_sums(&ctx.study.data.russia);
    let mut all_abroad = Sums::default();
    for p in &ctx.study.data.pecs {
        all_abroad.add(&Sums::of_pec(p));
    }
    let russia_without_abroad = subtract(&russia, &all_abroad);
    let (base_en, base_ru) = base_names(state.base);
    let columns = vec![
        column("abroad", "Abroad", "За рубежом", ColumnUnit::Count),
        column(
            "abroad_share",
            "Abroad, %",
            "За рубежом, %",
            ColumnUnit::Percent,
        ),
        column(
            "russia",
            "National total (CEC), incl. abroad",
            "Итог по стране (ЦИК), с зарубежьем",
            ColumnUnit::Count,
        ),
        column(
            "russia_share",
            "National total, %",
            "Итог по стране, %",
            ColumnUnit::Percent,
        ),
        column(
            "russia_excl_abroad",
            "National total minus abroad",
            "Итог по стране без зарубежья",
            ColumnUnit::Count,
        ),
        column(
            "russia_excl_abroad_share",
            "National minus abroad, %",
            "Без зарубежья, %",
            ColumnUnit::Percent,
        ),
    ];
    let mut components: Vec<(&str, Component)> = TABLE2_ROWS
        .iter()
        .map(|&r| (r, Component::parse(r).expect("table 2 rows are components")))
        .collect();
    components.push(("opposition", Component::Opposition));
    let rows = components
        .into_iter()
        .map(|(row_id, c)| {
            let published = |col: &str| ctx.published("2", row_id, col);
            let note = |col: &str| ctx.note("2", row_id, col);
            let abroad = &ctx.current.total.sums;
            let count_value = |s: &Sums| Quantity::Count(c).value(s, state.base, &state);
            let share_value = |s: &Sums| Quantity::Share(c).value(s, state.base, &state);
            let ledger = &ctx.study.ledger;
            // Every cell: the paper's reading, then every other base and quantity; the
            // paper's own figures confirm a slip.
            let cell = |col: &'static str, q: Quantity, sums: &Sums, paper_sums: Option<&Sums>| {
                let id = format!("2/{row_id}/{col}");
                let confirm = |corrected: &Printed| ledger.confirm(&id, corrected);
                let unit = if q.is_share() {
                    Unit::Percent
                } else {
                    Unit::Count
                };
                let place = if col.starts_with("abroad") {
                    "total"
                } else {
                    "national"
                };
                let kind = if q.is_share() {
                    Kind::Share(c.id().into())
                } else {
                    Kind::Count(c.id().into())
                };
                audit_cell(
                    unit,
                    q.value(sums, state.base, &state),
                    published(col),
                    note(col),
                    || {
                        let mut alts: Vec<Alternative> = ctx
                            .reading_alternative(
                                paper_sums.and_then(|p| q.value(p, Base::Issued, &State::paper())),
                            )
                            .into_iter()
                            .collect();
                        if let Some(printed) = published(col) {
                            let own = own_input_alternatives(ledger.own_inputs(&id, place, &kind));
                            alts.extend(quantity_alternatives(
                                &ctx.state,
                                q,
                                *sums,
                                if q.is_share() { own } else { Vec::new() },
                                Vec::new(),
                                printed,
                            ));
                        }
                        alts
                    },
                    || None,
                    &confirm,
                )
                .with_parts(q.parts(sums, state.base, &state))
            };
            let paper_abroad = ctx.paper().total.sums;
            let abroad_count = cell("abroad", Quantity::Count(c), abroad, Some(&paper_abroad));
            let abroad_share = cell(
                "abroad_share",
                Quantity::Share(c),
                abroad,
                Some(&paper_abroad),
            );
            let russia_count = cell("russia", Quantity::Count(c), &russia, None);
            let russia_share = cell("russia_share", Quantity::Share(c), &russia, Some(&russia));
            let (label_en, label_ru) = component_label(c);
            Row {
                id: row_id.to_string(),
                label: Text::new(label_en, label_ru),
                unit: None,
                scope: None,
                filters: Vec::new(),
                cells: vec![
                    abroad_count.with_scope(Some("total".into())),
                    abroad_share.with_scope(Some("total".into())),
                    russia_count,
                    russia_share,
                    Cell::plain(count_value(&russia_without_abroad).map_or(Value::Null, num_value)),
                    Cell::plain(
                        share_value(&russia_without_abroad)
                            .map_or(Value::Null, |x| Value::Num(x * 100.0)),
                    )
                    .with_parts(Quantity::Share(c).parts(
                        &russia_without_abroad,
                        state.base,
                        &state,
                    )),
                ],
            }
        })
        .collect();
    Table {
        id: "2".into(),
        title: Text::new("Table 2. Abroad and the national total", "Таблица 2. Зарубежье и итог по стране"),
        published_in: Some("Table 2".into()),
        columns,
        rows,
        notes: notes(vec![
            format!("Votes, invalid and valid ballots are shares of {base_en}; parts of the ballots issued are shares of the ballots issued."),
            "The paper's \"In the Russian Federation\" column holds the CEC's national totals, which include the votes abroad; the last two columns take them out.".into(),
            format!("National totals: {}", ctx.study.data.russia.about),
        ], vec![
            format!("Голоса, недействительные и действительные бюллетени — доли от числа {base_ru}; составные части выданных бюллетеней — доли от выданных."),
            "Столбец статьи «В РФ» содержит итоги ЦИК по всей стране, включая зарубежье; последние два столбца его вычитают.".into(),
            "Итоги по стране — национальные итоги ЦИК, как их приводит Таблица 2 статьи (с голосами за рубежом); см. «Источники».".into(),
        ]),
        audit: AuditSummary::default(),
    }
}
