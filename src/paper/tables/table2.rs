//! Table 2: the ballots and votes abroad beside the national totals.

use super::readings::*;
use super::*;
use crate::paper::ledger::Kind;
use crate::reading::national::{Part, column_label};
use crate::text::Lang;

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
            "Ballots issued (the paper’s “total votes”)",
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
            "Issued, not in the boxes (the paper’s “stolen”)",
            "Выдано, но нет в ящиках («унесённые»)",
        ),
        Component::Candidate(k) => (k.name_en(), k.name_ru()),
        Component::Opposition => (
            "“Opposition” under this reading",
            "«Оппозиция» при этом прочтении",
        ),
    };
    (en.to_string(), ru.to_string())
}

pub(super) fn table2(ctx: &Context) -> Table {
    let state = ctx.state;
    let national = &ctx.study.data.national;
    let russia = ctx.current.national;
    let paper_russia = ctx.paper().national;
    let parts = Part::of(state.russia);
    let (base_en, base_ru) = base_names(state.base);
    let russia_label = column_label(state.russia);
    let mut columns = vec![
        column("abroad", "Abroad", "За рубежом", ColumnUnit::Count),
        column(
            "abroad_share",
            "Abroad, %",
            "За рубежом, %",
            ColumnUnit::Percent,
        ),
        column(
            "russia",
            &russia_label.en,
            &russia_label.ru,
            ColumnUnit::Count,
        ),
        column(
            "russia_share",
            &format!("{}, %", russia_label.en),
            &format!("{}, %", russia_label.ru),
            ColumnUnit::Percent,
        ),
    ];
    for &part in parts {
        let label = part.label();
        columns.push(column(
            &format!("russia_{}", part.id()),
            &label.en,
            &label.ru,
            ColumnUnit::Count,
        ));
    }
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
            let russia_count = cell("russia", Quantity::Count(c), &russia, Some(&paper_russia));
            let russia_share = cell(
                "russia_share",
                Quantity::Share(c),
                &russia,
                Some(&paper_russia),
            );
            let (label_en, label_ru) = component_label(c);
            Row {
                id: row_id.to_string(),
                label: Text::new(label_en, label_ru),
                unit: None,
                scope: None,
                filters: Vec::new(),
                cells: [
                    abroad_count.with_scope(Some("total".into())),
                    abroad_share.with_scope(Some("total".into())),
                    russia_count,
                    russia_share,
                ]
                .into_iter()
                .chain(parts.iter().map(|&p| {
                    Cell::plain(count_value(national.part(p)).map_or(Value::Null, num_value))
                }))
                .collect(),
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
            format!("“Russia” is {}. The paper’s “In the Russian Federation” column holds the CEC’s national totals, which include the votes abroad (the key {} changes it).", russia_words(state.russia).en, russia_key_quoted(Lang::En)),
            format!("The “of which” columns add up to the national column: {}.", parts_words(parts).en),
            "PEC protocols and the electronic vote: the CEC’s files (data/russia-2024-national.json); the derived part is the CEC’s announced total minus them, not a protocol; the CEC’s total as Table 2 quotes it (data/russia-2024.json); see “Sources”.".into(),
        ], vec![
            format!("Голоса, недействительные и действительные бюллетени — доли от числа {base_ru}; составные части выданных бюллетеней — доли от выданных."),
            format!("«Россия» — {}. Столбец статьи «В РФ» содержит итоги ЦИК по всей стране, включая зарубежье (параметр {} меняет его).", russia_words(state.russia).ru, russia_key_quoted(Lang::Ru)),
            format!("Столбцы «в т. ч.» в сумме дают столбец страны: {}.", parts_words(parts).ru),
            "Протоколы УИК и электронное голосование — файлы ЦИК (data/russia-2024-national.json); вычисленная часть — объявленный ЦИК итог за их вычетом, это не протокол; итог ЦИК — как его приводит Таблица 2 статьи (data/russia-2024.json); см. «Источники».".into(),
        ]),
        audit: AuditSummary::default(),
        row_header: None,
    }
}

/// The "Russia" key of the registry, whose label and words the notes use.
fn russia_key() -> &'static crate::reading::keys::KeyDef {
    crate::reading::keys::key("russia").expect("the russia key is registered")
}

/// The "Russia" key's label in the language's quotes, as the notes name the key.
pub(super) fn russia_key_quoted(lang: Lang) -> String {
    crate::text::quoted(russia_key().label().get(lang), lang)
}

/// A meaning of "Russia" in words (the key's own words).
fn russia_words(russia: crate::reading::state::Russia) -> Text {
    russia_key().words(crate::reading::keys::KeyValue::Choice(russia as usize))
}

/// "protocols + electronic vote + derived" in words.
fn parts_words(parts: &[Part]) -> Text {
    let word = |p: Part| match p {
        Part::Protocols => ("PEC protocols in Russia", "протоколы УИК в России"),
        Part::Abroad => ("PEC protocols abroad", "протоколы зарубежных УИК"),
        Part::Electronic => ("the electronic vote", "электронное голосование"),
        Part::Derived => (
            "the derived remainder (annexed regions)",
            "вычисленный остаток (аннексированные регионы)",
        ),
    };
    let join = |english: bool| {
        parts
            .iter()
            .map(|&p| if english { word(p).0 } else { word(p).1 })
            .collect::<Vec<_>>()
            .join(" + ")
    };
    Text::new(join(true), join(false))
}
