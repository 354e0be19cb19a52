//! Readings of a text figure from the figures printed around it: the sum of the parts the same
//! sentence prints ("only 4 PECs: two in Vietnam and one in India and Thailand"), and a printed
//! count less the places the text sets aside ("the other 15 countries" after Israel and the UAE,
//! of Table 3's 17).

use super::*;
use crate::paper::ledger::{Kind, kind_of, place_words};
use crate::paper::published::TextFigure;
use crate::reading::measure::{Level, Measure, Unit};
use crate::reading::scope::Resolved;
use crate::text::numtext::{count_text, decimal_text};
use crate::text::plural::{COUNTRY, PEC};
use crate::text::{Lang, plural::Noun};

/// Whether every PEC of `part` is one of `whole`'s (and `part` has some).
fn inside(part: &Resolved, whole: &Resolved) -> bool {
    !part.members.is_empty() && part.members.iter().all(|m| whole.members.contains(m))
}

/// Both alternatives of a text figure, where they apply.
pub(super) fn sentence_alternatives<'a>(
    ctx: &'a Context,
    figure: &'a TextFigure,
    here: &Resolved,
) -> Vec<Alternative<'a>> {
    let mut alts = sum_of_parts(ctx, figure, here);
    alts.extend(less_named(ctx, figure, here));
    alts
}

/// The figure as the sum of the other exact counts of the same quantity its sentence prints at
/// places inside its own, no two sharing a PEC (two parts at least).
fn sum_of_parts<'a>(
    ctx: &'a Context,
    figure: &TextFigure,
    here: &Resolved,
) -> Vec<Alternative<'a>> {
    let Some(sentence) = figure.spec.sentence.as_deref() else {
        return Vec::new();
    };
    let Some(kind @ Kind::Count(_)) = kind_of(&figure.measure) else {
        return Vec::new();
    };
    let mut taken: Vec<usize> = Vec::new();
    let mut parts: Vec<(f64, Text)> = Vec::new();
    for other in &ctx.study.paper.text {
        let same = other.spec.id != figure.spec.id
            && other.spec.sentence.as_deref() == Some(sentence)
            && other.printed.qualifier.is_none()
            && kind_of(&other.measure).as_ref() == Some(&kind);
        if !same {
            continue;
        }
        let Some(there) = other.scope.resolve(&ctx.current) else {
            continue;
        };
        if !inside(&there, here) || there.members.iter().any(|m| taken.contains(m)) {
            continue;
        }
        taken.extend(&there.members);
        let phrase = ctx
            .study
            .ledger
            .entry(&format!("text/{}", other.spec.id))
            .map(|e| e.phrase.clone())
            .unwrap_or_else(|| Text::new(&other.printed.text, &other.printed.text));
        parts.push((other.printed.value, phrase));
    }
    if parts.len() < 2 {
        return Vec::new();
    }
    let total: f64 = parts.iter().map(|(v, _)| v).sum();
    let list = |l: Lang| {
        parts
            .iter()
            .map(|(_, t)| t.get(l).to_string())
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let (en, ru) = (list(Lang::En), list(Lang::Ru));
    vec![Alternative::new(Some(total), move || {
        let (t_en, t_ru) = (
            decimal_text(total, 0, Lang::En),
            decimal_text(total, 0, Lang::Ru),
        );
        Reason::new(
            "sum_of_parts",
            format!(
                "The printed figure is the sum of the parts the same sentence prints: {en} = {t_en}."
            ),
            format!(
                "Напечатанное число — сумма частей, напечатанных в том же предложении: {ru} = {t_ru}."
            ),
        )
    })]
}

/// A count of places as another printed count of the place's places less the places the text
/// sets aside ("the other 15 countries"), each of which lies inside the place.
fn less_named<'a>(ctx: &'a Context, figure: &TextFigure, here: &Resolved) -> Vec<Alternative<'a>> {
    if figure.besides.is_empty() {
        return Vec::new();
    }
    let level = match &figure.measure {
        Measure::Places(level)
        | Measure::PlacesWhere {
            level,
            as_share: false,
            ..
        } => *level,
        _ => return Vec::new(),
    };
    let all_inside = figure.besides.iter().all(|b| {
        b.resolve(&ctx.current)
            .is_some_and(|there| inside(&there, here))
    });
    if !all_inside {
        return Vec::new();
    }
    let noun: Noun = match level {
        Level::Countries => COUNTRY,
        Level::Pecs => PEC,
    };
    let n = figure.besides.len();
    let data = &ctx.study.data;
    let names = |l: Lang| {
        figure
            .besides
            .iter()
            .map(|b| place_words(b, data).get(l).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (names_en, names_ru) = (names(Lang::En), names(Lang::Ru));
    let place = figure.scope.to_string();
    let id = format!("text/{}", figure.spec.id);
    ctx.study
        .ledger
        .counts(&place, level.id(), &id)
        .into_iter()
        .map(|(whole, how)| {
            let value = whole - n as f64;
            let (names_en, names_ru) = (names_en.clone(), names_ru.clone());
            Alternative::new(Some(value), move || {
                let (v_en, v_ru) = (
                    count_text(value as i64, Lang::En),
                    count_text(value as i64, Lang::Ru),
                );
                Reason::new(
                    "less_named",
                    format!(
                        "The printed figure is another printed figure less the places the text sets aside: {} less {} ({names_en}) = {v_en}.",
                        how.en,
                        noun.count(n as u64, Lang::En)
                    ),
                    format!(
                        "Напечатанное число — другое число статьи минус места, которые текст называет отдельно: {} минус {} ({names_ru}) = {v_ru}.",
                        how.ru,
                        noun.count(n as u64, Lang::Ru)
                    ),
                )
            })
        })
        .collect()
}

/// A figure's value under a substitute named by key, in its unit (no key: the key and value of
/// the substitute that reproduces it).
pub(super) type SubstituteAt<'f> = &'f dyn Fn(&TextFigure, Option<&str>) -> Option<(String, f64)>;

/// Another figure measuring the same thing at its own place: a count or share of the same
/// quantity, or a part of the same quantity (of its own whole).
fn same_kind(a: &TextFigure, b: &TextFigure) -> bool {
    match (kind_of(&a.measure), kind_of(&b.measure)) {
        (Some(Kind::Count(x)), Some(Kind::Count(y)))
        | (Some(Kind::Share(x)), Some(Kind::Share(y)))
        | (Some(Kind::Part(x, _)), Some(Kind::Part(y, _))) => x == y,
        _ => false,
    }
}

/// A value as the figure's unit prints it: "31.02%", "3,743".
fn value_text(v: f64, unit: Unit, lang: Lang) -> String {
    match unit {
        Unit::Percent => format!("{}%", decimal_text(v, 2, lang)),
        Unit::Count => decimal_text(v, 0, lang),
        Unit::Times => decimal_text(v, 2, lang),
    }
}

/// A figure another quantity explains, checked against the figures of its sentence that measure
/// the same thing at their own places: the same substitute, taken at each, must reproduce it
/// too. Where one is not reproduced, the reason stays but says so, naming the figure and its
/// value under the substitute, under its own code (`other_quantity_contradicted`), so the
/// summary does not count it as a clean explanation. `at` gives a figure's substitute value by
/// key (no key: the key and value of the substitute that reproduces it); `name` a figure's
/// place in words, en and ru.
pub(super) fn sentence_caveat(
    ctx: &Context,
    figure: &TextFigure,
    mut cell: Cell,
    at: SubstituteAt,
    name: &dyn Fn(&TextFigure) -> (String, String),
) -> Cell {
    let Some(sentence) = figure.spec.sentence.as_deref() else {
        return cell;
    };
    let Some(audit) = cell.audit.as_mut() else {
        return cell;
    };
    let Some(reason) = audit.reason.as_mut().filter(|r| r.code == "other_quantity") else {
        return cell;
    };
    let siblings: Vec<&TextFigure> = ctx
        .study
        .paper
        .text
        .iter()
        .filter(|o| {
            o.spec.id != figure.spec.id
                && o.spec.sentence.as_deref() == Some(sentence)
                && same_kind(o, figure)
        })
        .collect();
    if siblings.is_empty() {
        return cell;
    }
    let Some((key, here)) = at(figure, None) else {
        return cell;
    };
    let unit = figure.measure.unit();
    // Each sibling the substitute does not reproduce, with its place and value in words.
    let missed: Vec<(String, String, f64)> = siblings
        .iter()
        .filter_map(|o| {
            let (_, v) = at(o, Some(&key))?;
            if o.printed.reproduced_by(v) {
                return None;
            }
            let (en, ru) = name(o);
            Some((en, ru, v))
        })
        .collect();
    if missed.is_empty() {
        return cell;
    }
    // "Uzbekistan", "Israel and X"; «Узбекистан», «Израиль» и «X».
    let join = |items: Vec<String>, lang: Lang| match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} {} {last}", rest.join(", "), lang.pick("and", "и"))
        }
        _ => items.concat(),
    };
    let places = |lang: Lang| {
        join(
            missed
                .iter()
                .map(|(en, ru, _)| match lang {
                    Lang::En => en.clone(),
                    Lang::Ru => format!("«{ru}»"),
                })
                .collect(),
            lang,
        )
    };
    let values = |lang: Lang| {
        join(
            missed
                .iter()
                .map(|(_, _, v)| value_text(*v, unit, lang))
                .collect(),
            lang,
        )
    };
    let (here_en, here_ru) = (
        value_text(here, unit, Lang::En),
        value_text(here, unit, Lang::Ru),
    );
    let (p_en, p_ru, v_en, v_ru) = (
        places(Lang::En),
        places(Lang::Ru),
        values(Lang::En),
        values(Lang::Ru),
    );
    let (en, ru) = if missed.len() == 1 {
        (
            format!(
                " But the same quantity does not reproduce the same sentence’s figure for {p_en}: it is {v_en} there, against {here_en} for this figure."
            ),
            format!(
                " Но та же величина не воспроизводит число того же предложения для места {p_ru}: там она равна {v_ru}, а для этого числа — {here_ru}."
            ),
        )
    } else {
        (
            format!(
                " But the same quantity does not reproduce the same sentence’s figures for {p_en}: it is {v_en} there, against {here_en} for this figure."
            ),
            format!(
                " Но та же величина не воспроизводит числа того же предложения для мест {p_ru}: там она равна {v_ru}, а для этого числа — {here_ru}."
            ),
        )
    };
    *reason = Reason::new(
        "other_quantity_contradicted",
        format!("{}{en}", reason.text.en),
        format!("{}{ru}", reason.text.ru),
    );
    cell
}
