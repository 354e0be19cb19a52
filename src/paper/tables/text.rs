//! The figures quoted in the paper's text, each audited at its place.

use super::readings::*;
use super::sentence::{sentence_alternatives, sentence_caveat};
use super::*;
use crate::paper::ledger::{Kind, kind_of, place_words, quantity_words};
use crate::paper::published::TextFigure;
use crate::reading::measure::{Counted, Env, Level, Measure, Whole};
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

/// The earlier elections, which the results do not hold (the results hold "Russia" as the
/// reading means it).
fn outside_places<'c>(ctx: &'c Context) -> impl Fn(&Scope) -> Option<Resolved> + 'c {
    move |scope: &Scope| match scope {
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
    // The grouping explains an exact figure of a region, not a hedge that misses.
    let sums_the_place = matches!(
        figure.measure,
        Measure::Of(_) | Measure::Part(..) | Measure::Places(_)
    ) && figure.printed.qualifier.is_none();
    match (&figure.scope, &figure.measure) {
        (Scope::Total, Measure::Places(Level::Pecs)) => Some(pec_count_reason(&ctx.current)),
        (Scope::Total, Measure::Places(Level::Countries)) => {
            Some(countries_reason(&ctx.current.total, &ctx.current))
        }
        (Scope::Region(id), _) if sums_the_place => ctx
            .current
            .regions
            .iter()
            .find(|r| &r.id == id)
            .map(|r| grouping_reason(ctx, r)),
        (scope, Measure::Places(_)) => located_reason(ctx, scope),
        _ => None,
    }
}

/// A count of PECs at a place whose PECs are only inferred or unknown: the locations file may
/// place them otherwise than the paper.
fn located_reason(ctx: &Context, scope: &Scope) -> Option<Reason> {
    let here = scope.resolve(&ctx.current)?;
    let mut counts = aggregate::EvidenceCounts::default();
    for &i in &here.members {
        counts.add(ctx.study.data.pecs[i].location.evidence);
    }
    if counts.inferred + counts.unknown == 0 {
        return None;
    }
    let (en, ru) = evidence_text(&counts);
    let name = place_words(scope, &ctx.study.data);
    Some(Reason::new(
        "grouping",
        format!(
            "The locations file places {} PECs in {} ({en}); the paper counts otherwise.",
            here.members.len(),
            name.en
        ),
        format!(
            "Файл мест относит к месту «{}» {} УИК ({ru}); в статье счёт иной.",
            name.ru,
            here.members.len()
        ),
    ))
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
            let mut paper_own = own_inputs(Some(kind));
            paper_own.extend(sentence_alternatives(ctx, figure, here));
            alts.extend(quantity_alternatives(
                state,
                *q,
                here.sums,
                paper_own,
                neighbours,
                &figure.printed,
            ));
        }
        Measure::Part(c, whole) => {
            // The protocols' own readings first, then the paper's figures, then the rest.
            let mut rest = part_alternatives(ctx, figure, *c, whole, here);
            let own_base = rest
                .iter()
                .take_while(|a| (a.reason)().code == "other_base")
                .count();
            let tail = rest.split_off(own_base);
            alts.extend(rest);
            alts.extend(own_inputs(kind_of(&figure.measure)));
            alts.extend(tail);
        }
        _ => {
            alts.extend(own_inputs(kind_of(&figure.measure)));
            alts.extend(sentence_alternatives(ctx, figure, here));
            // Whatever else: the same measure shared by another base.
            for b in Base::ALL.iter().filter(|&&b| b != state.base) {
                let (en, ru) = base_names(*b);
                alts.push(Alternative::new(env_of(&ctx.current, *b), move || {
                    Reason::new(
                        "other_base",
                        format!("The paper divides by {en} here, not by the chosen base."),
                        format!("Здесь статья делит на число {ru}, а не на выбранный знаменатель."),
                    )
                }));
            }
        }
    }
    alts
}

/// A part of a whole read otherwise: the place's own share of its ballots (the whole misnamed),
/// another quantity here and there, or the part of another whole (the place's region, all
/// abroad).
fn part_alternatives<'a>(
    ctx: &'a Context,
    figure: &TextFigure,
    counted: Counted,
    whole: &Whole,
    here: &Resolved,
) -> Vec<Alternative<'a>> {
    let state = &ctx.state;
    let mut alts = Vec::new();
    let Counted::Component(own) = counted else {
        return alts;
    };
    let (own_en, own_ru) = quantity_words(own.id());
    for b in [Component::Issued, Component::Cast, Component::Valid] {
        if b == own {
            continue;
        }
        let value = share(here.sums.scaled(own, state), here.sums.scaled(b, state));
        alts.push(Alternative::new(value, move || {
            let (en, ru) = quantity_words(b.id());
            Reason::new(
                "other_base",
                format!("The printed figure is the place’s {own_en} as a share of its own {en}, not of the whole named."),
                format!("Напечатанное число — доля {own_ru} от числа {ru} самого места, а не от названного целого."),
            )
        }));
    }
    let there = match whole {
        Whole::Scope(w) => w
            .resolve(&ctx.current)
            .or_else(|| outside_places(ctx)(w))
            .map(|r| r.sums.scaled(own, state)),
        Whole::Base(id) => ctx
            .study
            .paper
            .base(id)
            .and_then(|v| v.checked_mul(crate::reading::state::WEIGHT_SCALE)),
    };
    // The quantities the paper's words confuse with this one always (the opposition and its
    // candidate, the voter counts), the rest where chance allows.
    let known = related(own);
    let tier = Component::PROTOCOL.len() + 1;
    let others: Vec<Component> = if unlikely_by_chance(tier, &figure.printed, true) {
        let rest = Component::PROTOCOL
            .iter()
            .copied()
            .chain(std::iter::once(Component::Opposition))
            .filter(|&o| o != own && !known.contains(&o));
        known.iter().copied().chain(rest).collect()
    } else {
        known
    };
    for o in others {
        let value = match whole {
            Whole::Scope(w) => w
                .resolve(&ctx.current)
                .or_else(|| outside_places(ctx)(w))
                .and_then(|r| share(here.sums.scaled(o, state), r.sums.scaled(o, state))),
            Whole::Base(_) => there.and_then(|t| share(here.sums.scaled(o, state), t)),
        };
        alts.push(
            Alternative::new(value, move || {
                let (en, ru) = quantity_words(o.id());
                Reason::new(
                    "other_quantity",
                    format!("The printed figure is a part of the {en}, not of the {own_en}."),
                    format!("Напечатанное число — доля {ru}, а не {own_ru}."),
                )
            })
            .keyed(format!("part:{}", o.id())),
        );
    }
    let mut wholes = vec![Scope::Total];
    if let Some(region) = here
        .members
        .first()
        .and_then(|&i| ctx.study.data.pecs[i].location.region.clone())
    {
        wholes.push(Scope::Region(region));
    }
    for other in wholes
        .into_iter()
        .filter(|o| !matches!(whole, Whole::Scope(w) if w == o))
    {
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
                        "The printed figure is a part of {}, not of the whole named.",
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

/// A text figure's alternatives at its own place under the state, given to `f` (None where
/// the place is not).
fn with_alternatives<R>(
    ctx: &Context,
    figure: &TextFigure,
    f: impl FnOnce(&[Alternative]) -> R,
) -> Option<R> {
    let outside = outside_places(ctx);
    let transcribed = |id: &str| ctx.study.paper.base(id);
    let value_under = |results, base| {
        let e = env(ctx, results, base, &outside, &transcribed);
        let here = e.resolve(&figure.scope)?;
        figure.measure.value(&here, &e)
    };
    let here =
        env(ctx, &ctx.current, ctx.state.base, &outside, &transcribed).resolve(&figure.scope)?;
    Some(f(&text_alternatives(
        ctx,
        figure,
        Some(&here),
        &value_under,
    )))
}

/// What a substitute named by `key` gives at a figure's place (`None` as `key`: the substitute
/// that reproduces the figure, by its key), in the figure's unit.
fn substitute_at(ctx: &Context, figure: &TextFigure, key: Option<&str>) -> Option<(String, f64)> {
    let unit = figure.measure.unit();
    with_alternatives(ctx, figure, |alts| {
        alts.iter()
            .find(|a| match key {
                Some(k) => a.key.as_deref() == Some(k),
                None => a
                    .value
                    .is_some_and(|v| figure.printed.reproduced_by(unit.from_raw(v))),
            })
            .and_then(|a| Some((a.key.clone()?, unit.from_raw(a.value?))))
    })
    .flatten()
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
            let parts = {
                let e = env(ctx, &ctx.current, state.base, &outside, &transcribed);
                e.resolve(&figure.scope)
                    .and_then(|here| figure.measure.parts(&here, &e))
            };
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
            let cell = sentence_caveat(
                ctx,
                figure,
                cell,
                &|f, key| substitute_at(ctx, f, key),
                &|f| {
                    let (en, ru, _, _) = describe_scope(ctx, &f.scope, None);
                    (en, ru)
                },
            );
            let (place_en, place_ru, evidence_en, evidence_ru) =
                describe_scope(ctx, &figure.scope, here);
            Row {
                id: figure.spec.id.clone(),
                label: {
                    use crate::reading::measure::{Level, Measure};
                    let words = match &figure.measure {
                        Measure::Of(Quantity::Count(c)) => c.words(),
                        Measure::Of(Quantity::Share(c)) => {
                            let w = c.words();
                            Text::new(format!("{}, %", w.en), format!("{}, %", w.ru))
                        }
                        Measure::PerPec(c) => {
                            let w = c.words();
                            Text::new(format!("{} per PEC", w.en), format!("{} на УИК", w.ru))
                        }
                        Measure::Part(..) => Text::new("a part", "часть"),
                        Measure::Times(..) | Measure::Of(Quantity::Ratio(..)) => {
                            Text::new("a ratio", "соотношение")
                        }
                        Measure::Places(level) | Measure::PlacesWhere { level, .. } => {
                            match level {
                                Level::Pecs => Text::new("PECs", "число УИК"),
                                Level::Countries => Text::new("countries", "число стран"),
                            }
                        }
                    };
                    Text::new(
                        format!("{place_en} — {}", words.en),
                        format!("{place_ru} — {}", words.ru),
                    )
                },
                unit: Some(unit),
                scope: Some(figure.scope.to_string()),
                filters: Vec::new(),
                cells: vec![
                    cell.with_scope(Some(figure.scope.to_string()))
                        .with_parts(parts),
                    Cell::text(&place_en, &place_ru),
                    Cell::text(&evidence_en, &evidence_ru),
                    Cell::text(
                        &figure.spec.quote,
                        figure
                            .spec
                            .quote_ru
                            .as_deref()
                            .unwrap_or(&figure.spec.quote),
                    ),
                    Cell::text(
                        &figure.spec.location,
                        figure
                            .spec
                            .where_ru
                            .as_deref()
                            .unwrap_or(&figure.spec.location),
                    ),
                ],
            }
        })
        .collect();
    Table {
        id: "text".into(),
        title: Text::new("Figures quoted in the paper’s text", "Числа из текста статьи"),
        published_in: Some("text".into()),
        columns,
        rows,
        notes: notes(vec!["Quotes are the paper’s English text; the place’s evidence says how well the PECs summed are located.".into()], vec!["Цитаты — английский текст статьи; доказанность места показывает, насколько надёжно установлено расположение суммируемых УИК.".into()]),
        audit: AuditSummary::default(),
        row_header: None,
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
