//! The ledger's words: quantities, places and printed figures in both languages.

use super::Kind;
use crate::data::model::PAPER_REGIONS;
use crate::paper::published::Printed;
use crate::reading::dataset::Dataset;
use crate::reading::scope::Scope;
use crate::text::{Lang, Text};

/// A quantity in words, as "the number of …" / "число …" takes it.
pub fn quantity_words(id: &str) -> (&'static str, &'static str) {
    match id {
        "registered" => ("voters on the list", "избирателей в списках"),
        "received" => ("ballots received", "полученных бюллетеней"),
        "issued" => ("ballots issued", "выданных бюллетеней"),
        "early" => ("ballots issued early", "бюллетеней, выданных досрочно"),
        "inside" => (
            "ballots issued at the PEC on the day",
            "бюллетеней, выданных в помещении в день голосования",
        ),
        "mobile" => (
            "ballots issued outside the PEC",
            "бюллетеней, выданных вне помещения",
        ),
        "cancelled" => ("ballots cancelled (unused)", "погашенных бюллетеней"),
        "portable" => (
            "ballots in portable boxes",
            "бюллетеней в переносных ящиках",
        ),
        "stationary" => (
            "ballots in stationary boxes",
            "бюллетеней в стационарных ящиках",
        ),
        "cast" => ("ballots cast (found in the boxes)", "бюллетеней в ящиках"),
        "valid" => ("valid ballots", "действительных бюллетеней"),
        "invalid" => ("invalid ballots", "недействительных бюллетеней"),
        "lost" => ("ballots lost", "утраченных бюллетеней"),
        "unaccounted" => (
            "ballots not accounted for on receipt",
            "бюллетеней, не учтённых при получении",
        ),
        "unreturned" => (
            "ballots issued but not in the boxes",
            "выданных бюллетеней, которых нет в ящиках",
        ),
        "davankov" => ("votes for Davankov", "голосов за Даванкова"),
        "putin" => ("votes for Putin", "голосов за Путина"),
        "slutsky" => ("votes for Slutsky", "голосов за Слуцкого"),
        "kharitonov" => ("votes for Kharitonov", "голосов за Харитонова"),
        "opposition" => (
            "ballots counted as opposition",
            "бюллетеней, засчитанных оппозиции",
        ),
        "winner" => ("votes for the winner", "голосов за победителя"),
        "voters" => ("voters", "избирателей"),
        "pecs" => ("PECs", "УИК"),
        "countries" => ("countries", "стран"),
        _ => ("figures", "чисел"),
    }
}

/// A place in words: "abroad", "Europe", "Cyprus", "PEC 8096", "national totals".
pub fn place_words(scope: &Scope, data: &Dataset) -> Text {
    let country = |id: &str| {
        data.country(id)
            .map_or_else(|| Text::new(id, id), |c| Text::new(&c.name_en, &c.name_ru))
    };
    match scope {
        Scope::Total => Text::new("abroad", "за рубежом"),
        Scope::National => Text::new("national totals (CEC)", "итоги по стране (ЦИК)"),
        Scope::Year(y) => Text::new(format!("abroad in {y}"), format!("за рубежом в {y} году")),
        Scope::Region(id) => PAPER_REGIONS
            .iter()
            .find(|r| r.id == id)
            .map_or_else(|| Text::new(id, id), |r| Text::new(r.name_en, r.name_ru)),
        Scope::Country(id) => country(id),
        Scope::Disputed(id) => {
            let c = country(id);
            Text::new(
                format!("{} (disputed territory)", c.en),
                format!("{} (спорная территория)", c.ru),
            )
        }
        Scope::Pec(n) => pec_words(*n, data),
        Scope::Countries(ids) => join(ids.iter().map(|id| country(id)).collect()),
        Scope::Pecs(ns) => join(ns.iter().map(|&n| pec_words(n, data)).collect()),
        Scope::Union(parts) => join(parts.iter().map(|p| place_words(p, data)).collect()),
    }
}

/// "PEC 8193 (Morocco)" / "УИК №8193 (Марокко)", with the city where known.
fn pec_words(n: u32, data: &Dataset) -> Text {
    let where_ = |en: bool| {
        data.pec_index(n)
            .map(|i| {
                let l = &data.pecs[i].location;
                let (country, city) = if en {
                    (&l.country_en, &l.city_en)
                } else {
                    (&l.country_ru, &l.city_ru)
                };
                [city.as_str(), country.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .filter(|s| !s.is_empty())
            .map(|s| format!(" ({s})"))
            .unwrap_or_default()
    };
    Text::new(
        format!("PEC {n}{}", where_(true)),
        format!("УИК №{n}{}", where_(false)),
    )
}

fn join(parts: Vec<Text>) -> Text {
    let list = |l: Lang| {
        parts
            .iter()
            .map(|t| t.get(l).to_string())
            .collect::<Vec<_>>()
            .join(" + ")
    };
    Text::new(list(Lang::En), list(Lang::Ru))
}

/// The words of an entry: "0,20 (ballots issued but not in the boxes, national totals; Table 2)".
pub(super) fn phrase(printed: &Printed, kind: &Kind, place: &Text, source: &Text) -> Text {
    let (q, share) = match kind {
        Kind::Count(q) => (q, false),
        Kind::Share(q) | Kind::Part(q, _) => (q, true),
    };
    let (en, ru) = match q.split_once(" where ") {
        Some((level, _)) => {
            let (en, ru) = quantity_words(level);
            return Text::new(
                format!(
                    "{}{} ({en} meeting the paper’s condition, {}; {})",
                    printed.text.trim_end_matches('%'),
                    if share { "%" } else { "" },
                    place.en,
                    source.en
                ),
                format!(
                    "{}{} ({ru}, отвечающих условию статьи, {}; {})",
                    printed.text.trim_end_matches('%'),
                    if share { "%" } else { "" },
                    place.ru,
                    source.ru
                ),
            );
        }
        None => quantity_words(q),
    };
    let pct = if share { "%" } else { "" };
    let p = printed.text.trim_end_matches('%');
    Text::new(
        format!("{p}{pct} ({en}, {}; {})", place.en, source.en),
        format!("{p}{pct} ({ru}, {}; {})", place.ru, source.ru),
    )
}
