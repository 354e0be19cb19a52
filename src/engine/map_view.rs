//! The world map's part of the page: for each country with PECs under the reading, its colour
//! bin (the opposition's margin over Putin), win flag, evidence level, name and tooltip, all
//! worded in the page's language; the legend and a one-line description. The shapes come from the
//! map bundle (`data/map.json`); this is the contract of `www/js/map.js` (`figures`).

use crate::data::mapdata::TERRITORIES;
use crate::data::model::Candidate;
use crate::output::words::base_words;
use crate::reading::aggregate::{Aggregate, Component, EvidenceCounts, Results, Sums};
use crate::reading::state::State;
use crate::text::numtext::{ballots_text, count_text, decimal_text, percent_text, signed_text};
use crate::text::plural::{COUNTRY, PEC};
use crate::text::{Lang, Text};
use serde::Serialize;

/// The bins' cut points on the margin's magnitude, in percentage points: a margin `m` falls in
/// bin 0 when |m| < 2, bin ±1 when 2 ≤ |m| < 10, ±2 below 30, ±3 below 60, ±4 from 60 on; the
/// sign is the margin's (negative: Putin ahead).
pub const CUTS: [f64; 4] = [2.0, 10.0, 30.0, 60.0];

/// The bin of a margin in percentage points (opposition share minus Putin share).
pub fn bin_of(margin: f64) -> i8 {
    let level = CUTS.iter().filter(|&&c| margin.abs() >= c).count() as i8;
    if margin < 0.0 { -level } else { level }
}

/// One country (or disputed territory) on the map.
#[derive(Clone, Debug, Serialize)]
pub struct MapCountry {
    /// The ISO alpha-2 id of `data/` (XA, XO for Abkhazia and South Ossetia).
    pub id: String,
    /// The part of `id` this entry marks (Transnistria of Moldova).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub territory: Option<&'static str>,
    /// −4..4, or None when the base is empty.
    pub bin: Option<i8>,
    /// Won by the opposition and counted in the win counts.
    pub wins: bool,
    /// established | inferred | unknown.
    pub evidence: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<&'static str>,
    pub label: String,
    pub tooltip: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MapBin {
    pub bin: i8,
    pub label: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct MapLegend {
    pub title: String,
    pub bins: Vec<MapBin>,
    pub win: String,
    pub inferred: String,
    pub none: String,
    pub borders: String,
}

/// The map's part of the page.
#[derive(Clone, Debug, Serialize)]
pub struct MapView {
    pub countries: Vec<MapCountry>,
    pub legend: MapLegend,
    pub description: String,
}

/// The border policy, as issue 13 words it.
pub fn borders_sentence() -> Text {
    Text::new(
        "de facto borders as drawn by Natural Earth; reweigh takes no position on disputed territories",
        "границы де-факто, как их проводит Natural Earth; reweigh не занимает позиции по спорным территориям",
    )
}

/// The weakest evidence of the PECs summed: unknown if any is unknown, inferred if any is only
/// inferred, else established (every PEC documented or matched).
pub fn evidence_level(e: &EvidenceCounts) -> &'static str {
    if e.unknown > 0 {
        "unknown"
    } else if e.inferred > 0 {
        "inferred"
    } else {
        "established"
    }
}

fn evidence_words(level: &str, lang: Lang) -> &'static str {
    match level {
        "established" => lang.pick("established", "установлено"),
        "inferred" => lang.pick("inferred", "выведено"),
        _ => lang.pick("unknown", "неизвестно"),
    }
}

/// What the map shows of one aggregate: the shares, counts and flags it needs.
struct Figures {
    opposition: f64,
    putin: i64,
    issued: i64,
    pecs: u32,
    opposition_share: Option<f64>,
    putin_share: Option<f64>,
    wins: bool,
    counted: bool,
    evidence: EvidenceCounts,
}

impl Figures {
    fn of(a: &Aggregate) -> Figures {
        Figures {
            opposition: a.opposition,
            putin: a.votes.putin,
            issued: a.issued,
            pecs: a.pecs,
            opposition_share: a.opposition_share,
            putin_share: a.putin_share,
            wins: a.opposition_wins,
            counted: a.counted_in_wins,
            evidence: a.evidence,
        }
    }

    /// A territory's PECs summed as the engine sums a country's.
    fn of_pecs(pecs: &[&Aggregate], s: &State) -> Figures {
        let mut sums = Sums::default();
        let mut evidence = EvidenceCounts::default();
        for p in pecs {
            sums.add(&p.sums);
            if let Some(e) = p.place.evidence {
                evidence.add(e);
            }
        }
        Figures {
            opposition: sums.opposition_scaled(s) as f64
                / crate::reading::state::WEIGHT_SCALE as f64,
            putin: sums.votes(Candidate::Putin),
            issued: sums.issued(),
            pecs: pecs.len() as u32,
            opposition_share: sums.share_of_base(Component::Opposition, s.base, s),
            putin_share: sums.share_of_base(Component::Candidate(Candidate::Putin), s.base, s),
            wins: sums.opposition_wins(s),
            counted: sums.issued() >= i64::from(s.min_issued),
            evidence,
        }
    }

    /// Opposition share minus Putin share, in percentage points.
    fn margin(&self) -> Option<f64> {
        Some((self.opposition_share? - self.putin_share?) * 100.0)
    }

    fn entry(
        &self,
        id: &str,
        territory: Option<&'static str>,
        region: Option<&'static str>,
        label: String,
        s: &State,
        lang: Lang,
    ) -> MapCountry {
        let share =
            |x: Option<f64>| x.map_or("—".to_string(), |x| percent_text(x * 100.0, 1, lang));
        let evidence = evidence_level(&self.evidence);
        let mut tooltip = vec![
            format!(
                "{} {} ({})",
                lang.pick("Opposition:", "Оппозиция:"),
                ballots_text(self.opposition, lang),
                share(self.opposition_share)
            ),
            format!(
                "{} {} ({})",
                lang.pick("Putin:", "Путин:"),
                count_text(self.putin, lang),
                share(self.putin_share)
            ),
            format!(
                "{} {}",
                lang.pick("Ballots issued:", "Выдано бюллетеней:"),
                count_text(self.issued, lang)
            ),
            format!(
                "{} {}{}",
                lang.pick("Shares of", "Доли от"),
                base_words(s.base, lang),
                self.margin().map_or(String::new(), |m| format!(
                    "; {} {} {}",
                    lang.pick("margin", "перевес"),
                    signed_text(m, 1, lang),
                    lang.pick("pp", "п. п.")
                ))
            ),
            PEC.count(u64::from(self.pecs), lang),
            format!(
                "{} {}",
                lang.pick("Location:", "Место:"),
                evidence_words(evidence, lang)
            ),
        ];
        if self.wins && self.counted {
            tooltip.push(
                lang.pick("Won by the opposition", "Победа оппозиции")
                    .to_string(),
            );
        } else if self.wins {
            tooltip.push(format!(
                "{} {} {}",
                lang.pick(
                    "The opposition leads, but the win is not counted (fewer than",
                    "Оппозиция впереди, но победа не засчитана (меньше"
                ),
                count_text(i64::from(s.min_issued), lang),
                lang.pick("ballots issued)", "выданных бюллетеней)")
            ));
        }
        MapCountry {
            id: id.to_string(),
            territory,
            bin: self.margin().map(bin_of),
            wins: self.wins && self.counted,
            evidence,
            region,
            label,
            tooltip,
        }
    }
}

fn legend(s: &State, lang: Lang) -> MapLegend {
    let n = |x: f64| decimal_text(x, 0, lang);
    let range = |i: usize| match CUTS.get(i + 1) {
        Some(&hi) => format!("{}–{}", n(CUTS[i]), n(hi)),
        None => format!("{}{}", n(CUTS[i]), lang.pick(" or more", " и более")),
    };
    let mut bins: Vec<MapBin> = (0..CUTS.len())
        .rev()
        .map(|i| MapBin {
            bin: -(i as i8 + 1),
            label: format!("{} +{}", lang.pick("Putin", "Путин"), range(i)),
        })
        .collect();
    bins.push(MapBin {
        bin: 0,
        label: format!(
            "{} {} {}",
            lang.pick("less than", "менее"),
            n(CUTS[0]),
            lang.pick("either way", "в любую сторону")
        ),
    });
    bins.extend((0..CUTS.len()).map(|i| MapBin {
        bin: i as i8 + 1,
        label: format!("{} +{}", lang.pick("opposition", "оппозиция"), range(i)),
    }));
    MapLegend {
        title: format!(
            "{} {}",
            lang.pick(
                "Opposition’s margin over Putin, percentage points of",
                "Перевес оппозиции над Путиным, процентные пункты от"
            ),
            base_words(s.base, lang)
        ),
        bins,
        win: lang
            .pick(
                "won by the opposition (hatched; ringed point)",
                "победа оппозиции (штриховка; точка в кольце)",
            )
            .to_string(),
        inferred: lang
            .pick(
                "location of PECs inferred or unknown (dashed outline)",
                "место УИК выведено или неизвестно (пунктир)",
            )
            .to_string(),
        none: lang.pick("no PECs", "нет УИК").to_string(),
        borders: borders_sentence().get(lang).to_string(),
    }
}

/// The map for one reading, in the page's language.
pub fn map_view(results: &Results, lang: Lang) -> MapView {
    let s = &results.parsed_state;
    let mut countries: Vec<MapCountry> = results
        .countries
        .iter()
        .filter_map(|c| {
            let id = c.place.country_id.as_deref()?;
            let label = c.name.get(lang).to_string();
            Some(Figures::of(c).entry(id, None, c.place.region, label, s, lang))
        })
        .collect();
    let shown = countries.len();
    for t in TERRITORIES {
        let Some(territory) = t.territory else {
            continue;
        };
        let pecs: Vec<&Aggregate> = results
            .pecs
            .iter()
            .filter(|p| {
                p.place.disputed == Some(true) && p.place.country_id.as_deref() == Some(t.country)
            })
            .collect();
        if pecs.is_empty() {
            continue;
        }
        let country = results.countries.iter().find(|c| c.id == t.country);
        let label = format!(
            "{} ({})",
            territory_name(territory).get(lang),
            country.map_or(t.country, |c| c.name.get(lang))
        );
        let region = pecs[0].place.region;
        countries.push(Figures::of_pecs(&pecs, s).entry(
            t.country,
            Some(territory),
            region,
            label,
            s,
            lang,
        ));
    }
    countries.sort_by_cached_key(|c| c.label.to_lowercase());
    let description = format!(
        "{} {}{} {} {} {}.",
        lang.pick("World map of the", "Карта мира:"),
        COUNTRY.count(shown as u64, lang),
        lang.pick(
            " with PECs, coloured by the opposition’s margin over Putin.",
            " с УИК, цвет — перевес оппозиции над Путиным."
        ),
        lang.pick(
            "Countries the opposition wins:",
            "Стран, где побеждает оппозиция:"
        ),
        count_text(i64::from(results.wins.countries), lang),
        format_args!(
            "{} {}",
            lang.pick("of", "из"),
            count_text(i64::from(results.wins.countries_counted), lang)
        ),
    );
    MapView {
        countries,
        legend: legend(s, lang),
        description,
    }
}

fn territory_name(id: &str) -> Text {
    match id {
        "transnistria" => Text::new("Transnistria", "Приднестровье"),
        other => Text::same(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weakest_evidence_names_the_country() {
        let counts = |documented, matched, inferred, unknown| EvidenceCounts {
            documented,
            matched,
            inferred,
            unknown,
        };
        assert_eq!(evidence_level(&counts(3, 2, 0, 0)), "established");
        assert_eq!(evidence_level(&counts(0, 1, 0, 0)), "established");
        assert_eq!(evidence_level(&counts(5, 0, 1, 0)), "inferred");
        assert_eq!(evidence_level(&counts(0, 0, 2, 1)), "unknown");
        assert_eq!(evidence_level(&counts(1, 0, 0, 1)), "unknown");
    }
}
