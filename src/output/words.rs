//! The reading in plain words, and other descriptions built from the registry of keys.

use crate::reading::keys::{KEYS, KeyKind, KeyValue, weight_percent};
use crate::reading::state::{Baltics, Base, Disputed, RegionScheme, State, Weight};
use crate::text::numtext::count_text;
use crate::text::{Lang, Text};

/// What the reading counts as "opposition", the base, the win rule and the groupings, in words.
pub fn describe(state: &State, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    let parts: Vec<String> = KEYS
        .iter()
        .filter(|k| k.is_weight())
        .filter_map(|k| match (k.get)(state) {
            KeyValue::Weight(w) if w == Weight::ZERO => None,
            KeyValue::Weight(w) if w == Weight::ONE => Some(if ru {
                format!("все {}", k.noun.1)
            } else {
                format!("all {}", k.noun.0)
            }),
            KeyValue::Weight(w) => Some(if ru {
                format!("{} {}", weight_percent(w, lang), k.noun.2)
            } else {
                format!("{} of {}", weight_percent(w, lang), k.noun.0)
            }),
            _ => None,
        })
        .collect();
    let opposition = if parts.is_empty() {
        lang.pick(
            "nothing (every weight is 0)",
            "ничего (все веса равны нулю)",
        )
        .to_string()
    } else {
        parts.join(" + ")
    };
    let base = match state.base {
        Base::Issued => lang.pick("ballots issued", "выданных бюллетеней"),
        Base::Cast => lang.pick("ballots cast (found in the boxes)", "бюллетеней в ящиках"),
        Base::Valid => lang.pick("valid ballots", "действительных бюллетеней"),
    };
    let win = choice_words("win", state, lang);
    let mut text = if ru {
        format!("«Оппозиция» = {opposition}. Доли — от числа {base}. «Победа оппозиции» — {win}.")
    } else {
        format!(
            "“Opposition” = {opposition}. Shares are of {base}. “Won by the opposition” means {win}."
        )
    };
    if state.disputed == Disputed::Exclude {
        text.push_str(lang.pick(
            " Abkhazia, South Ossetia and Transnistria are left out.",
            " Абхазия, Южная Осетия и Приднестровье исключены.",
        ));
    }
    if state.baltics == Baltics::Europe && state.regions == RegionScheme::Paper {
        text.push_str(lang.pick(
            " The Baltic states count in Europe.",
            " Страны Балтии — в Европе.",
        ));
    }
    if state.regions == RegionScheme::Un {
        text.push_str(lang.pick(
            " Regions follow the UN M49 scheme.",
            " Регионы — по классификации ООН (M49).",
        ));
    }
    if state.min_issued > 0 {
        let n = count_text(i64::from(state.min_issued), lang);
        text.push_str(&if ru {
            format!(
                " УИК и страны, где выдано меньше {n} {}, в подсчёте побед не участвуют.",
                crate::text::plural::ru_form(
                    u64::from(state.min_issued),
                    "бюллетеня",
                    "бюллетеней",
                    "бюллетеней"
                )
            )
        } else {
            format!(
                " PECs and countries with fewer than {n} ballots issued are left out of the win counts."
            )
        });
    }
    text
}

/// The words for a choice key's value in this state.
fn choice_words(name: &str, state: &State, lang: Lang) -> String {
    crate::reading::keys::key(name)
        .map(|k| k.words((k.get)(state)).get(lang).to_string())
        .unwrap_or_default()
}

/// A reading in words, as the keys where it differs from `from`: "spoiled ballots counted 50%,
/// shares of ballots cast". The paper's reading itself: "the paper's reading".
pub fn reading_difference(state: &State, from: &State) -> Text {
    let parts: Vec<Text> = KEYS
        .iter()
        .filter(|k| (k.get)(state) != (k.get)(from))
        .map(|k| {
            let value = k.words((k.get)(state));
            let label = k.label();
            match k.kind {
                KeyKind::Weight => Text::new(
                    format!("{}: {}", label.en, value.en),
                    format!("{}: {}", label.ru, value.ru),
                ),
                _ => Text::new(
                    format!("{}: {}", label.en, value.en),
                    format!("{}: {}", label.ru, value.ru),
                ),
            }
        })
        .collect();
    if parts.is_empty() {
        return Text::new("the same reading", "то же прочтение");
    }
    Text::by(|l| {
        parts
            .iter()
            .map(|p| p.get(l).to_string())
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// "ballots issued" / "выданных бюллетеней" (genitive, after «из»).
pub fn base_words(base: Base, lang: Lang) -> &'static str {
    match base {
        Base::Issued => lang.pick("ballots issued", "выданных бюллетеней"),
        Base::Cast => lang.pick("ballots cast", "бюллетеней в ящиках"),
        Base::Valid => lang.pick("valid ballots", "действительных бюллетеней"),
    }
}

/// The base after a number and "of" / «из», agreeing with it: из 380 961 выданного бюллетеня,
/// из 380 962 выданных бюллетеней.
pub fn base_words_of(base: Base, n: u64, lang: Lang) -> &'static str {
    // Only the genitive singular (after a number ending in 1) differs from `base_words`.
    let one = match base {
        Base::Issued => "выданного бюллетеня",
        Base::Cast => "бюллетеня в ящиках",
        Base::Valid => "действительного бюллетеня",
    };
    let plural = base_words(base, lang);
    match lang {
        Lang::En => plural,
        Lang::Ru => crate::text::plural::ru_form(n, one, plural, plural),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reading_in_plain_words() {
        let paper = describe(&State::paper(), Lang::En);
        assert!(
            paper.starts_with(
                "“Opposition” = all invalid (spoiled) ballots + all Davankov’s votes."
            ),
            "{paper}"
        );
        let s = State::from_query("invalid=0.5&davankov=0&disputed=exclude&min_issued=21").unwrap();
        let ru = describe(&s, Lang::Ru);
        assert!(
            ru.contains("= 50% недействительных (испорченных) бюллетеней.")
                && ru.contains("исключены"),
            "{ru}"
        );
        assert!(ru.contains("меньше 21 бюллетеня"), "{ru}");
        let s = State::from_query("invalid=0.375").unwrap();
        assert!(describe(&s, Lang::Ru).contains("37,5% недействительных"));
        assert!(describe(&s, Lang::En).contains("37.5% of invalid"));
    }

    #[test]
    fn differences_in_words() {
        let s = State::from_query("invalid=0.5&base=cast").unwrap();
        let d = reading_difference(&s, &State::paper());
        assert_eq!(
            d.en,
            "Invalid (spoiled) ballots: 50%; Denominator of shares: ballots cast (found in the boxes)"
        );
        assert!(d.ru.contains("бюллетени в ящиках"), "{}", d.ru);
    }
}
