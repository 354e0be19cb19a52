//! Reasons the audit falls back on when no reading reproduces a figure: the grouping of PECs, the
//! count of PECs and of countries. Other bases, quantities and places: `readings`.

use super::*;

pub(super) fn base_names(base: Base) -> (&'static str, &'static str) {
    match base {
        Base::Issued => ("ballots issued", "выданных бюллетеней"),
        Base::Cast => ("ballots cast (found in the boxes)", "бюллетеней в ящиках"),
        Base::Valid => ("valid ballots", "действительных бюллетеней"),
    }
}

pub(super) fn base_component(base: Base) -> Component {
    base.component()
}

pub(super) fn evidence_phrase(a: &Aggregate) -> (String, String) {
    let e = a.evidence;
    (
        format!(
            "{} PECs: {} documented, {} matched, {} inferred, {} unknown",
            a.pecs, e.documented, e.matched, e.inferred, e.unknown
        ),
        format!(
            "УИК: {}; документально — {}, сопоставлено — {}, выведено — {}, неизвестно — {}",
            a.pecs, e.documented, e.matched, e.inferred, e.unknown
        ),
    )
}

pub(super) fn grouping_reason(ctx: &Context, region: &Aggregate) -> Reason {
    let (en, ru) = evidence_phrase(region);
    let mut reason = Reason::new(
        "grouping",
        format!(
            "The paper’s {} row is not the sum of the protocols the locations file places there ({en}). Its grouping of PECs differs.",
            region.name.en
        ),
        format!(
            "Строка «{}» в статье не равна сумме протоколов, которые файл мест относит к региону ({ru}). Группировка УИК в статье иная.",
            region.name.ru
        ),
    );
    // Under the paper's grouping, add what the reassignment search found.
    let paper_grouping = ctx.state.baltics == State::paper().baltics
        && ctx.state.disputed == State::paper().disputed;
    if paper_grouping && let Some(h) = ctx.study.hypotheses.iter().find(|h| h.region == region.id) {
        reason.text = reason.text.then(&h.text);
    }
    reason
}

pub(super) fn pec_count_reason(current: &Results) -> Reason {
    Reason::new(
        "pec_count",
        format!(
            "The CEC published {} protocols abroad under this reading; the paper counts fewer (it speaks of 286 polling stations).",
            current.total.pecs
        ),
        format!(
            "ЦИК опубликовала {} протоколов за рубежом при этом прочтении; в статье их меньше (говорится о 286 участках).",
            current.total.pecs
        ),
    )
}

pub(super) fn countries_reason(a: &Aggregate, current: &Results) -> Reason {
    let unplaced = current
        .countries
        .iter()
        .find(|c| c.id == UNASSIGNED.id)
        .map_or(0, |c| c.pecs);
    Reason::new(
        "countries",
        format!(
            "The locations file establishes {} countries here ({} PECs abroad have no established country); the paper’s count differs.",
            a.countries, unplaced
        ),
        format!(
            "Стран, установленных файлом мест здесь: {} (у {unplaced} УИК страна не установлена); в статье иное число.",
            a.countries,
        ),
    )
}
