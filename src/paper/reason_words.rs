//! The audit in words: each reason code's label, and a table's audit summary as a sentence
//! (the page, the CLI and every export say the same).

use super::tables::AuditSummary;
use crate::text::{Lang, Text};

/// A reason code in words.
pub fn reason_label(code: &str) -> Text {
    let (en, ru) = match code {
        "other_base" => ("another base", "другой знаменатель"),
        "other_quantity" => ("another quantity", "другая величина"),
        "other_quantity_contradicted" => (
            "another quantity, contradicted by the same sentence",
            "другая величина, но то же предложение ей противоречит",
        ),
        "reading" => ("this reading", "это прочтение"),
        "paper_inputs" => ("the paper’s own inputs", "исходные данные статьи"),
        "sum_of_parts" => (
            "the sum of the parts the sentence prints",
            "сумма частей из того же предложения",
        ),
        "less_named" => (
            "a printed count less the places named separately",
            "напечатанное число без названных отдельно мест",
        ),
        "rounded_parts" => ("sum of rounded parts", "сумма округлённых частей"),
        "swapped_columns" => ("swapped columns", "перепутанные столбцы"),
        "wrong_label" => ("wrong label", "неверная подпись"),
        "other_place" => ("a neighbouring place", "соседнее место"),
        "dropped_digit" => ("a digit left out", "пропущенная цифра"),
        "changed_digit" => ("a digit changed", "изменённая цифра"),
        "swapped_digits" => ("two digits swapped", "переставленные цифры"),
        "inserted_digit" => ("a digit inserted", "лишняя цифра"),
        "shifted_point" => ("the decimal point shifted", "сдвинутая запятая"),
        "truncated" => ("cut, not rounded", "усечено, а не округлено"),
        "grouping" => ("another grouping of PECs", "иная группировка УИК"),
        "pec_count" => ("number of PECs", "число УИК"),
        "countries" => ("number of countries", "число стран"),
        "not_applicable" => ("no such place here", "такого места нет"),
        "not_in_data" => ("not in the data", "нет в данных"),
        _ => ("unexplained", "не объяснено"),
    };
    Text::new(en, ru)
}

/// "Of 165 published figures, 120 reproduced, 45 differ. By reason: another base 12, …, unexplained 3."
pub fn audit_summary_text(a: &AuditSummary, lang: Lang) -> String {
    let by_reason = a
        .reasons
        .iter()
        .map(|r| match lang {
            Lang::En => format!("{} {}", reason_label(r.code).en, r.count),
            Lang::Ru => format!("{} — {}", reason_label(r.code).ru, r.count),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let (total, missing) = (a.matches + a.differs + a.not_in_data, a.not_in_data);
    let uncomputed = Text::new(
        format!(", {missing} cannot be computed from the data"),
        format!(", не вычисляется из данных: {missing}"),
    );
    let uncomputed = if missing > 0 {
        uncomputed.get(lang)
    } else {
        ""
    };
    let mut text = match lang {
        Lang::En => format!(
            "Of {total} published figures, {} reproduced, {} differ{uncomputed}.",
            a.matches, a.differs
        ),
        Lang::Ru => format!(
            "Опубликованных чисел: {total}; воспроизведено: {}, расходится: {}{uncomputed}.",
            a.matches, a.differs
        ),
    };
    if !by_reason.is_empty() {
        text.push_str(&format!(
            " {}: {by_reason}.",
            lang.pick("By reason", "По причинам")
        ));
    }
    text
}
