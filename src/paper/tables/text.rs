//! The figures quoted in the paper's text, each audited at its place.

use super::readings::*;
use super::*;
use crate::paper::ledger::{Kind, place_words, quantity_words};
use crate::paper::published::TextFigure;
use crate::reading::measure::{Env, Level, Measure, Whole};
use crate::reading::scope::{Resolved, Scope};

/// What a measure is evaluated against under `results`, sharing by `base`.
fn env<'e>(
    ctx: &'e Context,
    results: &'e crate::reading::aggregate::Results,
    base: Base,
    outside: &'e dyn Fn(&Scope) -> Option<Resolved>,
    transcribed: &'e dyn Fn(&str) -> Option<i64>,
) -> Env<'e> {
    Env {
        results,
        data: &ctx.study.data,
        base,
        outside,
        transcribed,
    }
}

/// The national totals and the earlier elections, which the results do not hold.
fn outside_places<'c>(ctx: &'c Context) -> impl Fn(&Scope) -> Option<Resolved> + 'c {
    move |scope: &Scope| match scope {
        Scope::National => Some(Resolved {
            sums: russia_sums(&ctx.study.data.russia),
            members: Vec::new(),
        }),
        Scope::Year(y) => ctx
            .study
            .history
            .iter()
            .find(|(year, _)| year == y)
            .map(|(_, f)| Resolved {
                sums: f.sums,
                members: Vec::new(),
            }),
        _ => None,
    }
}

/// The fallback of a text figure nothing reproduces: no such place, the grouping of a region,
/// the count of PECs or countries abroad.
fn text_fallback(ctx: &Context, figure: &TextFigure, present: bool) -> Option<Reason> {
    if !present {
        return Some(Reason::new(
            "not_applicable",
            "This place has no PEC under this reading.",
            "При этом прочтении в этом месте нет УИК.",
        ));
    }
    match (&figure.scope, &figure.measure) {
        (Scope::Total, Measure::Places(Level::Pecs)) => Some(pec_count_reason(&ctx.current)),
        (Scope::Total, Measure::Places(Level::Countries)) => {
            Some(countries_reason(&ctx.current.total, &ctx.current))
        }
        (Scope::Region(id), _) => ctx
            .current
            .regions
            .iter()
            .find(|r| &r.id == id)
            .map(|r| grouping_reason(ctx, r)),
        _ => None,
    }
}

/// Every other reading of a text figure.
fn text_alternatives<'a>(
    ctx: &'a Context,
    figure: &'a TextFigure,
    here: Option<&Resolved>,
    env_of: &dyn Fn(&'a crate::reading::aggregate::Results, Base) -> Option<f64>,
) -> Vec<Alternative<'a>> {
    let state = &ctx.state;
    let mut alts: Vec<Alternative> = ctx
        .reading_alternative(env_of(ctx.paper(), Base::Issued))
        .into_iter()
        .collect();
    let ledger = &ctx.study.ledger;
    let id = format!("text/{}", figure.spec.id);
    let place = figure.scope.to_string();
    let own_inputs = |kind: Option<Kind>| {
        own_input_alternatives(
            kind.map(|k| ledger.own_inputs(&id, &place, &k))
                .unwrap_or_default(),
        )
    };
    let Some(here) = here else { return alts };
    match &figure.measure {
        Measure::Of(q) => {
            let neighbours = figure
                .scope
                .neighbours(&ctx.study.data)
                .into_iter()
                .filter_map(|n| {
                    Some(Near {
                        sums: n.resolve(&ctx.current)?.sums,
                        name: place_words(&n, &ctx.study.data),
                    })
                })
                .collect();
            let kind = match q {
                Quantity::Count(c) => Kind::Count(c.id().into()),
                Quantity::Share(c) | Quantity::Ratio(c, _) => Kind::Share(c.id().into()),
            };
            alts.extend(quantity_alternatives(
                state,
                *q,
                here.sums,
                own_inputs(Some(kind)),
                neighbours,
                &figure.printed,
            ));
        }
        Measure::Part(c, whole) => {
            if let Whole::Scope(w) = whole {
                alts.extend(own_inputs(Some(Kind::Part(c.id().into(), w.to_string()))));
            }
            alts.extend(part_alternatives(ctx, figure, *c, whole, here));
        }
        _ => {
            // Whatever else: the same measure shared by another base.
            for b in Base::ALL.iter().filter(|&&b| b != state.base) {
                let (en, ru) = base_names(*b);
                alts.push(Alternative::new(env_of(&ctx.current, *b), move || {
                    Reason::new(
                        "other_base",
                        format!("The paper divides by {en} here, not by the chosen base."),
                        format!(
                            "Здесь в статье делится на число {ru}, а не на выбранный знаменатель."
                        ),
                    )
                }));
            }
        }
    }
    alts
}

/// A part of a whole read otherwise: another quantity here and there, or the part of another
/// whole (the place's region, all abroad).
fn part_alternatives<'a>(
    ctx: &'a Context,
    figure: &TextFigure,
    own: Component,
    whole: &Whole,
    here: &Resolved,
) -> Vec<Alternative<'a>> {
    let state = &ctx.state;
    let mut alts = Vec::new();
    let Whole::Scope(w) = whole else {
        return alts;
    };
    let Some(there) = w.resolve(&ctx.current).or_else(|| outside_places(ctx)(w)) else {
        return alts;
    };
    if !unlikely_by_chance(Component::PROTOCOL.len() + 2, &figure.printed, true) {
        return alts;
    }
    for &o in Component::PROTOCOL.iter().filter(|&&o| o != own) {
        let value = share(here.sums.scaled(o, state), there.sums.scaled(o, state));
        alts.push(Alternative::new(value, move || {
            let (en, ru) = quantity_words(o.id());
            Reason::new(
                "other_quantity",
                format!("The printed figure is the place's share of the {en} there."),
                format!("Напечатанное число — доля места в числе {ru} там."),
            )
        }));
    }
    let mut wholes = vec![Scope::Total];
    if let Some(region) = here
        .members
        .first()
        .and_then(|&i| ctx.study.data.pecs[i].location.region.clone())
    {
        wholes.push(Scope::Region(region));
    }
    for other in wholes.into_iter().filter(|o| o != w) {
        let Some(sums) = other.resolve(&ctx.current).map(|r| r.sums) else {
            continue;
        };
        let name = place_words(&other, &ctx.study.data);
        alts.push(Alternative::new(
            share(here.sums.scaled(own, state), sums.scaled(own, state)),
            move || {
                Reason::new(
                    "other_place",
                    format!(
                        "The printed figure is a share of {}, not of the whole named.",
                        name.en
                    ),
                    format!(
                        "Напечатанное число — доля от места «{}», а не от названного целого.",
                        name.ru
                    ),
                )
            },
        ));
    }
    alts
}

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
    let outside = outside_places(ctx);
    let transcribed = |id: &str| ctx.study.paper.base(id);
    let rows = ctx
        .study
        .paper
        .text
        .iter()
        .map(|figure| {
            let unit = figure.measure.unit();
            let resolve = |results, base| {
                let e = env(ctx, results, base, &outside, &transcribed);
                let here = e.resolve(&figure.scope)?;
                Some((figure.measure.value(&here, &e), here))
            };
            let current = resolve(&ctx.current, state.base);
            let value_under = |results, base| resolve(results, base).and_then(|(v, _)| v);
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
            let ledger_id = format!("text/{}", figure.spec.id);
            let confirm = |c: &Printed| ctx.study.ledger.confirm(&ledger_id, c);
            let here = current.as_ref().map(|(_, r)| r);
            let cell = audit_cell(
                unit,
                current.as_ref().and_then(|(v, _)| *v),
                Some(&figure.printed),
                note.as_ref(),
                || text_alternatives(ctx, figure, here, &value_under),
                || text_fallback(ctx, figure, current.is_some()),
                &confirm,
            );
            let (place_en, place_ru, evidence_en, evidence_ru) =
                describe_scope(ctx, &figure.scope, here);
            Row {
                id: figure.spec.id.clone(),
                label: Text::new(figure.spec.id.clone(), figure.spec.id.clone()),
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
    resolved: Option<&Resolved>,
) -> (String, String, String, String) {
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
        other => {
            let words = place_words(other, &ctx.study.data);
            (words.en, words.ru)
        }
    };
    let (ev_en, ev_ru) = match resolved {
        None => ("—".to_string(), "—".to_string()),
        Some(r) if r.members.is_empty() => ("—".to_string(), "—".to_string()),
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
