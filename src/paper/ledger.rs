//! Every printed figure of the paper by place and quantity, and the arithmetic between them: the
//! same figure printed twice, a share beside its count, a part of a sum. The audit asks the
//! ledger which printed figures confirm a slip's correction, and what the paper's own figures
//! give for a figure (its "own inputs"). Table 4 is left out: its headers are swapped for the
//! Americas, which the audit finds per reading.

use super::published::{Paper, Printed};
use crate::data::model::PAPER_REGIONS;
use crate::reading::dataset::Dataset;
use crate::reading::measure::{Measure, Whole};
use crate::reading::scope::{Quantity, Scope};
use crate::reading::sums::share;
use crate::text::numtext::decimal_text;
use crate::text::{Lang, Text};

/// What a printed figure is: a count or a share of a quantity at its place, or a part of the
/// same quantity at a larger place. Quantities are component ids, or "winner", "pecs",
/// "countries".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Count(String),
    Share(String),
    Part(String, String),
}

/// One printed figure.
#[derive(Clone, Debug)]
pub struct Entry {
    /// "1/2018/winner_share", "2/unreturned/russia", "3/issued/europe", "text/cy_issued".
    pub id: String,
    /// A scope as written ("total", "national", "region:europe", "country:CY", "year:2018").
    pub place: String,
    pub kind: Kind,
    pub printed: Printed,
    /// The figure with what and where it is: "0,20 (ballots issued but not in the boxes as a
    /// share, national totals; Table 2)".
    pub phrase: Text,
    pub from_table: bool,
    /// Table 4, whose column headers may be swapped: the figure is the paper's word for what
    /// it printed under that header, so it serves as a copy, never in arithmetic.
    pub copy_only: bool,
}

/// A value the paper's own figures give, with how.
pub struct Derived {
    /// A count, or a fraction for shares.
    pub value: f64,
    pub how: Text,
}

/// The paper's printed figures, indexed.
pub struct Ledger {
    pub entries: Vec<Entry>,
}

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

/// What the ledger keeps of a text figure's measure: a count or share of a quantity (a
/// component, places, or places meeting conditions), or a part of a larger place's.
pub fn kind_of(measure: &Measure) -> Option<Kind> {
    Some(match measure {
        Measure::Of(Quantity::Count(c)) => Kind::Count(c.id().into()),
        Measure::Of(Quantity::Share(c) | Quantity::Ratio(c, _)) => Kind::Share(c.id().into()),
        Measure::Part(c, Whole::Scope(w)) => Kind::Part(c.id().into(), w.to_string()),
        Measure::Places(level) => Kind::Count(level.id().into()),
        Measure::PlacesWhere {
            level,
            conditions,
            as_share,
        } => {
            let key = Measure::PlacesWhere {
                level: *level,
                conditions: conditions.clone(),
                as_share: false,
            }
            .to_string();
            if *as_share {
                Kind::Share(key)
            } else {
                Kind::Count(key)
            }
        }
        _ => return None,
    })
}

/// The denominators a share of `q` may have: places for places, else the bases.
fn bases_of(q: &str) -> &'static [&'static str] {
    if q.starts_with("pecs where") {
        &["pecs"]
    } else if q.starts_with("countries where") {
        &["countries"]
    } else {
        &BASES
    }
}

/// The words of an entry: "0,20 (ballots issued but not in the boxes, national totals; Table 2)".
fn phrase(printed: &Printed, kind: &Kind, place: &Text, source: &Text) -> Text {
    let (q, share) = match kind {
        Kind::Count(q) => (q, false),
        Kind::Share(q) | Kind::Part(q, _) => (q, true),
    };
    let (en, ru) = match q.split_once(" where ") {
        Some((level, _)) => {
            let (en, ru) = quantity_words(level);
            return Text::new(
                format!(
                    "{}{} ({en} meeting the paper's condition, {}; {})",
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

/// An identity between printed counts at one place: the whole and its parts.
const SUMS: [(&str, &[&str]); 4] = [
    ("issued", &["early", "inside", "mobile"]),
    ("cast", &["valid", "invalid"]),
    ("issued", &["cast", "unreturned"]),
    ("valid", &["davankov", "putin", "slutsky", "kharitonov"]),
];

/// The denominators a share may have.
const BASES: [&str; 4] = ["issued", "cast", "valid", "registered"];

fn fmt_count(x: f64, lang: Lang) -> String {
    decimal_text(x, 0, lang)
}

impl Ledger {
    /// Every printed figure of Tables 1-3 and the text (hedged text figures left out: they give
    /// no exact value).
    pub fn new(paper: &Paper, data: &Dataset) -> Ledger {
        let mut entries = Vec::new();
        let table = |t: &str| Text::new(format!("Table {t}"), format!("Таблица {t}"));
        let parse_place = |p: &str| Scope::parse(p, data).unwrap_or(Scope::Total);
        let mut push = |id: String, place: String, kind: Kind, printed: &Printed, source: Text| {
            let words = place_words(&parse_place(&place), data);
            entries.push(Entry {
                phrase: phrase(printed, &kind, &words, &source),
                copy_only: id.starts_with("4/"),
                from_table: !source.en.starts_with("text"),
                id,
                place,
                kind,
                printed: printed.clone(),
            });
        };
        for (t, rows) in &paper.cells {
            for (row, cols) in rows {
                for (col, printed) in cols {
                    let id = format!("{t}/{row}/{col}");
                    let found = match t.as_str() {
                        "1" => {
                            let place = if row == "2024" {
                                "total".to_string()
                            } else {
                                format!("year:{row}")
                            };
                            let winner = if row == "2024" { "putin" } else { "winner" };
                            match col.as_str() {
                                "voters" => Some((place, Kind::Count("issued".into()))),
                                "winner_votes" => Some((place, Kind::Count(winner.into()))),
                                "winner_share" => Some((place, Kind::Share(winner.into()))),
                                "pecs" | "countries" => Some((place, Kind::Count(col.clone()))),
                                _ => None,
                            }
                        }
                        "2" => {
                            let place = if col.starts_with("abroad") {
                                "total"
                            } else {
                                "national"
                            };
                            let kind = if col.ends_with("_share") {
                                Kind::Share(row.clone())
                            } else {
                                Kind::Count(row.clone())
                            };
                            Some((place.to_string(), kind))
                        }
                        "3" => {
                            let place = if col == "total" {
                                "total".to_string()
                            } else {
                                format!("region:{col}")
                            };
                            let kind = match row.strip_suffix("_share") {
                                Some(q) => Kind::Share(q.into()),
                                None => Kind::Count(row.clone()),
                            };
                            Some((place, kind))
                        }
                        "4" => {
                            let place = format!("region:{col}");
                            let total = "total".to_string();
                            let kind = match row.as_str() {
                                "opposition_share" => Kind::Share("opposition".into()),
                                other => {
                                    let q =
                                        other.trim_end_matches("_share").trim_end_matches("_dist");
                                    Kind::Part(q.into(), total)
                                }
                            };
                            Some((place, kind))
                        }
                        _ => None,
                    };
                    if let Some((place, kind)) = found {
                        push(id, place, kind, printed, table(t));
                    }
                }
            }
        }
        for figure in &paper.text {
            if figure.printed.qualifier.is_some() {
                continue;
            }
            if let Some(kind) = kind_of(&figure.measure) {
                let source = Text::new(
                    format!("text, {}", figure.spec.location),
                    format!("текст статьи, «{}»", figure.spec.location),
                );
                push(
                    format!("text/{}", figure.spec.id),
                    figure.scope.to_string(),
                    kind,
                    &figure.printed,
                    source,
                );
            }
        }
        Ledger { entries }
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Printed counts of a quantity at a place (other than the figure `except`), with sums of
    /// printed parts where the paper prints no count of its own (cast = valid + invalid).
    fn counts(&self, place: &str, q: &str, except: &str) -> Vec<(f64, Text)> {
        let mut out: Vec<(f64, Text)> = self
            .entries
            .iter()
            .filter(|e| {
                e.id != except
                    && !e.copy_only
                    && e.place == place
                    && e.kind == Kind::Count(q.into())
            })
            .map(|e| (e.printed.value, e.phrase.clone()))
            .collect();
        if out.is_empty() {
            for (whole, parts) in SUMS {
                if whole != q {
                    continue;
                }
                let found: Option<Vec<(f64, Text)>> = parts
                    .iter()
                    .map(|p| self.counts(place, p, except).into_iter().next())
                    .collect();
                if let Some(found) = found {
                    let total: f64 = found.iter().map(|(v, _)| v).sum();
                    let list = |l: Lang| {
                        found
                            .iter()
                            .map(|(_, t)| t.get(l).to_string())
                            .collect::<Vec<_>>()
                            .join(" + ")
                    };
                    out.push((total, Text::new(list(Lang::En), list(Lang::Ru))));
                    break;
                }
            }
        }
        out
    }

    /// What the paper's own figures give for the figure `id` at `place` (its own entry left
    /// out): the same figure printed in a table, a share of two printed counts, or for the
    /// opposition the sum of its printed parts.
    pub fn own_inputs(&self, id: &str, place: &str, kind: &Kind) -> Vec<Derived> {
        let mut out = Vec::new();
        let percent = |v: f64| match kind {
            Kind::Count(_) => v,
            _ => v / 100.0,
        };
        for e in self
            .entries
            .iter()
            .filter(|e| e.id != id && e.from_table && e.place == place && e.kind == *kind)
        {
            out.push(Derived {
                value: percent(e.printed.value),
                how: e.phrase.clone(),
            });
        }
        match kind {
            Kind::Count(_) => {}
            Kind::Share(q) => {
                for (a, a_how) in self.counts(place, q, id) {
                    for base in bases_of(q).iter().filter(|b| *b != q) {
                        for (b, b_how) in self.counts(place, base, id) {
                            if let Some(value) = ratio(a, b) {
                                out.push(Derived {
                                    value,
                                    how: of(&a_how, &b_how),
                                });
                            }
                        }
                    }
                }
                if q == "opposition" {
                    out.extend(self.opposition_parts(id, place));
                }
            }
            Kind::Part(q, whole) => {
                for (a, a_how) in self.counts(place, q, id) {
                    for (b, b_how) in self.counts(whole, q, id) {
                        if let Some(value) = ratio(a, b) {
                            out.push(Derived {
                                value,
                                how: of(&a_how, &b_how),
                            });
                        }
                    }
                }
            }
        }
        out
    }

    /// The opposition's share as the paper adds it: a printed invalid percentage plus a printed
    /// Davankov percentage at the place.
    fn opposition_parts(&self, id: &str, place: &str) -> Vec<Derived> {
        let at = |q: &'static str| {
            self.entries.iter().filter(move |e| {
                e.id != id
                    && e.place == place
                    && matches!(&e.kind, Kind::Share(x) | Kind::Part(x, _) if x == q)
            })
        };
        let mut out = Vec::new();
        for i in at("invalid") {
            for d in at("davankov").filter(|d| matches!(d.kind, Kind::Share(_))) {
                out.push(Derived {
                    value: (i.printed.value + d.printed.value) / 100.0,
                    how: Text::new(
                        format!("{} + {}", i.phrase.en, d.phrase.en),
                        format!("{} + {}", i.phrase.ru, d.phrase.ru),
                    ),
                });
            }
        }
        out
    }

    /// Which printed figures give `corrected` for the figure `id`, and not the figure as
    /// printed: the same figure printed elsewhere, a share beside a count, a sum of parts.
    pub fn confirm(&self, id: &str, corrected: &Printed) -> Option<Text> {
        let e = self.entry(id)?;
        let c = corrected.value;
        let f = e.printed.value;
        let says = |value: f64, printed: &Printed| printed.matches(value);
        // The same figure printed elsewhere.
        for g in self
            .entries
            .iter()
            .filter(|g| g.id != e.id && g.place == e.place && g.kind == e.kind)
        {
            if says(c, &g.printed) && clearly_misses(&g.printed, f) {
                return Some(Text::new(
                    format!("the same figure is printed as {}", g.phrase.en),
                    format!("то же число напечатано как {}", g.phrase.ru),
                ));
            }
        }
        match &e.kind {
            Kind::Share(_) | Kind::Part(..) => {
                for d in self.own_inputs(id, &e.place, &e.kind) {
                    let r = d.value * 100.0;
                    if says(r, corrected) && clearly_misses(&e.printed, r) {
                        return Some(Text::new(
                            format!(
                                "{} is {}%",
                                d.how.en,
                                decimal_text(r, corrected.decimals, Lang::En)
                            ),
                            format!(
                                "{} — это {}%",
                                d.how.ru,
                                decimal_text(r, corrected.decimals, Lang::Ru)
                            ),
                        ));
                    }
                }
                None
            }
            Kind::Count(q) => self.confirm_count(e, q, c, f),
        }
    }

    fn confirm_count(&self, e: &Entry, q: &str, c: f64, f: f64) -> Option<Text> {
        let (c_en, c_ru) = (fmt_count(c, Lang::En), fmt_count(c, Lang::Ru));
        let found = |g: &Entry,
                     with_c: Option<f64>,
                     with_f: Option<f64>,
                     how_en: String,
                     how_ru: String| {
            let pct = |x: Option<f64>| x.map(|x| x * 100.0);
            (pct(with_c).is_some_and(|r| g.printed.matches(r))
                && pct(with_f).is_some_and(|r| clearly_misses(&g.printed, r)))
            .then(|| {
                Text::new(
                    format!("{how_en} is {}, as printed", g.phrase.en),
                    format!("{how_ru} — это {}, как напечатано", g.phrase.ru),
                )
            })
        };
        for g in self.entries.iter().filter(|g| g.id != e.id && !g.copy_only) {
            let here = g.place == e.place;
            let confirmed = match &g.kind {
                // A share of this count: this count over a printed base.
                Kind::Share(x) if here && x == q => bases_of(q)
                    .iter()
                    .filter(|b| **b != q)
                    .flat_map(|b| self.counts(&e.place, b, &e.id))
                    .find_map(|(b, b_how)| {
                        found(
                            g,
                            ratio(c, b),
                            ratio(f, b),
                            format!("{c_en} of {}", b_how.en),
                            format!("{c_ru} от {}", b_how.ru),
                        )
                    }),
                // Another quantity's share with this count as its base.
                Kind::Share(x) if here && bases_of(x).contains(&q) => self
                    .counts(&e.place, x, &e.id)
                    .into_iter()
                    .find_map(|(a, a_how)| {
                        found(
                            g,
                            ratio(a, c),
                            ratio(a, f),
                            format!("{} of {c_en}", a_how.en),
                            format!("{} от {c_ru}", a_how.ru),
                        )
                    }),
                // This count as a part of a larger place's.
                Kind::Part(x, whole) if here && x == q => self
                    .counts(whole, q, &e.id)
                    .into_iter()
                    .find_map(|(b, b_how)| {
                        found(
                            g,
                            ratio(c, b),
                            ratio(f, b),
                            format!("{c_en} of {}", b_how.en),
                            format!("{c_ru} от {}", b_how.ru),
                        )
                    }),
                // A smaller place's count as a part of this one.
                Kind::Part(x, whole) if x == q && *whole == e.place => self
                    .counts(&g.place, q, &e.id)
                    .into_iter()
                    .find_map(|(a, a_how)| {
                        found(
                            g,
                            ratio(a, c),
                            ratio(a, f),
                            format!("{} of {c_en}", a_how.en),
                            format!("{} от {c_ru}", a_how.ru),
                        )
                    }),
                _ => None,
            };
            if confirmed.is_some() {
                return confirmed;
            }
        }
        self.confirm_by_sums(e, q, c, f)
    }

    /// A count that the printed parts add up to, or a part that the printed whole less the
    /// other printed parts leaves.
    fn confirm_by_sums(&self, e: &Entry, q: &str, c: f64, f: f64) -> Option<Text> {
        let first = |q: &str| self.counts(&e.place, q, &e.id).into_iter().next();
        let same = |a: f64, b: f64| (a - b).abs() < 0.5;
        for (whole, parts) in SUMS {
            if whole == q {
                let found: Option<Vec<(f64, Text)>> = parts.iter().map(|p| first(p)).collect();
                if let Some(found) = found {
                    let total: f64 = found.iter().map(|(v, _)| v).sum();
                    if same(total, c) && !same(total, f) {
                        let list = |l: Lang| {
                            found
                                .iter()
                                .map(|(_, t)| t.get(l).to_string())
                                .collect::<Vec<_>>()
                                .join(" + ")
                        };
                        return Some(Text::new(
                            format!("{} = {}", list(Lang::En), fmt_count(c, Lang::En)),
                            format!("{} = {}", list(Lang::Ru), fmt_count(c, Lang::Ru)),
                        ));
                    }
                }
            } else if parts.contains(&q) {
                let Some((w, w_how)) = first(whole) else {
                    continue;
                };
                let others: Option<Vec<(f64, Text)>> = parts
                    .iter()
                    .filter(|p| **p != q)
                    .map(|p| first(p))
                    .collect();
                if let Some(others) = others {
                    let rest = w - others.iter().map(|(v, _)| v).sum::<f64>();
                    if same(rest, c) && !same(rest, f) {
                        let list = |l: Lang| {
                            others
                                .iter()
                                .map(|(_, t)| format!(" − {}", t.get(l)))
                                .collect::<String>()
                        };
                        return Some(Text::new(
                            format!(
                                "{}{} = {}",
                                w_how.en,
                                list(Lang::En),
                                fmt_count(c, Lang::En)
                            ),
                            format!(
                                "{}{} = {}",
                                w_how.ru,
                                list(Lang::Ru),
                                fmt_count(c, Lang::Ru)
                            ),
                        ));
                    }
                }
            }
        }
        // A total that the printed regions add up to.
        if e.place == "total" {
            let regions: Option<Vec<f64>> = PAPER_REGIONS
                .iter()
                .map(|r| first_at(self, &format!("region:{}", r.id), q, &e.id))
                .collect();
            if let Some(regions) = regions {
                let total: f64 = regions.iter().sum();
                if same(total, c) && !same(total, f) {
                    return Some(Text::new(
                        format!(
                            "the seven regions of Table 3 add up to {}",
                            fmt_count(c, Lang::En)
                        ),
                        format!(
                            "семь регионов Таблицы 3 в сумме дают {}",
                            fmt_count(c, Lang::Ru)
                        ),
                    ));
                }
            }
        }
        None
    }
}

/// Whether a value misses a printed figure by a unit of its last digit or more: a miss by less
/// can come from rounding the inputs, so it does not count against the figure as printed.
fn clearly_misses(printed: &Printed, value: f64) -> bool {
    let unit = 10f64.powi(-i32::from(printed.decimals));
    (value - printed.value).abs() >= unit - 1e-9
}

fn first_at(ledger: &Ledger, place: &str, q: &str, except: &str) -> Option<f64> {
    ledger
        .counts(place, q, except)
        .into_iter()
        .next()
        .map(|(v, _)| v)
}

/// A share of two printed counts, through the one share function.
fn ratio(a: f64, b: f64) -> Option<f64> {
    let whole = |x: f64| (x.fract() == 0.0 && x.abs() < 1e15).then_some(x as i64);
    share(whole(a)?, whole(b)?)
}

fn of(a: &Text, b: &Text) -> Text {
    Text::new(
        format!("{} of {}", a.en, b.en),
        format!("{} от {}", a.ru, b.ru),
    )
}
