//! The figures quoted in the paper's text, each audited at its place.

use super::*;

pub(super) fn text_table(ctx: &Context) -> Table {
    let state = ctx.state;
    let columns = vec![
        column("value", "Recomputed", "Пересчитано", ColumnUnit::Mixed),
        column("place", "Place", "Место", ColumnUnit::Text),
        column(
            "evidence",
            "Location evidence",
            "Доказанность места",
            ColumnUnit::Text,
        ),
        column("quote", "The paper says", "В статье", ColumnUnit::Text),
        column("where", "Where", "Где", ColumnUnit::Text),
    ];
    let rows = ctx
        .study
        .paper
        .text
        .iter()
        .map(|figure| {
            let unit = if figure.quantity.is_share() {
                Unit::Percent
            } else {
                Unit::Count
            };
            let current = figure.scope.resolve(&ctx.current);
            let note = figure
                .spec
                .note_en
                .as_ref()
                .map(|en| crate::data::files::CellNote {
                    table: "text".into(),
                    row: figure.spec.id.clone(),
                    col: "value".into(),
                    en: en.clone(),
                    ru: figure.spec.note_ru.clone().unwrap_or_else(|| en.clone()),
                });
            let cell = audit_cell(
                unit,
                current
                    .as_ref()
                    .and_then(|r| figure.quantity.value(&r.sums, state.base, &state)),
                Some(&figure.printed),
                note.as_ref(),
                || {
                    let mut alts: Vec<Alternative> = ctx
                        .reading_alternative(figure.scope.resolve(ctx.paper()).and_then(|r| {
                            figure
                                .quantity
                                .value(&r.sums, Base::Issued, &State::paper())
                        }))
                        .into_iter()
                        .collect();
                    if let Some(r) = &current {
                        match figure.quantity {
                            Quantity::Share(c) => {
                                alts.extend(other_base_alternatives(&state, &r.sums, c))
                            }
                            Quantity::Count(c) => {
                                alts.extend(other_count_alternatives(&state, &r.sums, c))
                            }
                        }
                    }
                    alts
                },
                || {
                    current.is_none().then(|| {
                        Reason::new(
                            "not_applicable",
                            "This place has no PEC under this reading.",
                            "При этом прочтении в этом месте нет УИК.",
                        )
                    })
                },
            );
            let (place_en, place_ru, evidence_en, evidence_ru) =
                describe_scope(ctx, &figure.scope, current.as_ref());
            Row {
                id: figure.spec.id.clone(),
                label: {
                    let (component, share) = match figure.quantity {
                        Quantity::Count(c) => (c, false),
                        Quantity::Share(c) => (c, true),
                    };
                    let words = component.words();
                    let unit = if share { ", %" } else { "" };
                    Text::new(
                        format!("{place_en} — {}{unit}", words.en),
                        format!("{place_ru} — {}{unit}", words.ru),
                    )
                },
                unit: Some(unit),
                scope: Some(figure.scope.to_string()),
                filters: Vec::new(),
                cells: vec![
                    cell.with_scope(Some(figure.scope.to_string())),
                    Cell::text(&place_en, &place_ru),
                    Cell::text(&evidence_en, &evidence_ru),
                    Cell::text(&figure.spec.quote, &figure.spec.quote),
                    Cell::text(&figure.spec.location, &figure.spec.location),
                ],
            }
        })
        .collect();
    Table {
        id: "text".into(),
        title: Text::new("Figures quoted in the paper's text", "Числа из текста статьи"),
        published_in: Some("text".into()),
        columns,
        rows,
        notes: notes(vec!["Quotes are the paper's English text; the place's evidence says how well the PECs summed are located.".into()], vec!["Цитаты — английский текст статьи; доказанность места показывает, насколько надёжно установлено расположение суммируемых УИК.".into()]),
        audit: AuditSummary::default(),
    }
}

pub(super) fn describe_scope(
    ctx: &Context,
    scope: &crate::reading::scope::Scope,
    resolved: Option<&crate::reading::scope::Resolved>,
) -> (String, String, String, String) {
    use crate::reading::scope::Scope;
    let (place_en, place_ru) = match scope {
        Scope::Total => ("Abroad, total".to_string(), "Всего за рубежом".to_string()),
        Scope::Region(id) => PAPER_REGIONS
            .iter()
            .find(|r| r.id == id)
            .map(|r| (r.name_en.to_string(), r.name_ru.to_string()))
            .unwrap_or_default(),
        Scope::Country(id) => ctx
            .study
            .data
            .country(id)
            .map(|c| (c.name_en.clone(), c.name_ru.clone()))
            .unwrap_or_default(),
        Scope::Countries(ids) => {
            let names = |ru: bool| {
                ids.iter()
                    .filter_map(|id| ctx.study.data.country(id))
                    .map(|c| {
                        if ru {
                            c.name_ru.clone()
                        } else {
                            c.name_en.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            (names(false), names(true))
        }
        Scope::Pec(n) => {
            let pec = ctx
                .study
                .data
                .pec_index(*n)
                .map(|i| &ctx.study.data.pecs[i]);
            let city = |en: bool| {
                pec.map(|p| {
                    let l = &p.location;
                    let (country, city) = if en {
                        (&l.country_en, &l.city_en)
                    } else {
                        (&l.country_ru, &l.city_ru)
                    };
                    [country.as_str(), city.as_str()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default()
            };
            (
                format!("PEC {n} ({})", city(true)),
                format!("УИК №{n} ({})", city(false)),
            )
        }
    };
    let (ev_en, ev_ru) = match resolved {
        None => ("—".to_string(), "—".to_string()),
        Some(r) => {
            let mut counts = aggregate::EvidenceCounts::default();
            for &i in &r.members {
                counts.add(ctx.study.data.pecs[i].location.evidence);
            }
            evidence_text(&counts)
        }
    };
    (place_en, place_ru, ev_en, ev_ru)
}

/// "2 documented, 1 inferred" / "2 документально, 1 выведено".
pub fn evidence_text(e: &aggregate::EvidenceCounts) -> (String, String) {
    let parts = [
        (e.documented, "documented", "документально"),
        (e.matched, "matched", "сопоставлено"),
        (e.inferred, "inferred", "выведено"),
        (e.unknown, "unknown", "неизвестно"),
    ];
    let join = |ru: bool| {
        parts
            .iter()
            .filter(|p| p.0 > 0)
            .map(|p| format!("{} {}", p.0, if ru { p.2 } else { p.1 }))
            .collect::<Vec<_>>()
            .join(", ")
    };
    (join(false), join(true))
}
