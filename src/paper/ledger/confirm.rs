//! Which printed figures confirm a slip's correction: the same figure printed elsewhere, a share
//! beside a count, a part of a larger place, a sum of printed parts.

use super::*;
use crate::data::model::PAPER_REGIONS;

impl Ledger {
    /// Which printed figures give `corrected` for the figure `id`, and not the figure as
    /// printed: the same figure printed elsewhere, a share beside a count, a sum of parts.
    pub(super) fn confirm_uncached(&self, id: &str, corrected: &Printed) -> Option<Text> {
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
