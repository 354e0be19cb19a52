//! Readings of a text figure from the figures printed around it: the sum of the parts the same
//! sentence prints ("only 4 PECs: two in Vietnam and one in India and Thailand"), and a printed
//! count less the places the text sets aside ("the other 15 countries" after Israel and the UAE,
//! of Table 3's 17).

use super::*;
use crate::paper::ledger::{Kind, kind_of, place_words};
use crate::paper::published::TextFigure;
use crate::reading::measure::{Level, Measure};
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
