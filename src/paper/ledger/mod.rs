//! Every printed figure of the paper by place and quantity, and the arithmetic between them: the
//! same figure printed twice, a share beside its count, a part of a sum. The audit asks the
//! ledger which printed figures confirm a slip's correction, and what the paper's own figures
//! give for a figure (its "own inputs"). Table 4 is left out: its headers are swapped for the
//! Americas, which the audit finds per reading.

mod confirm;
mod words;

pub use words::{place_words, quantity_words};

use super::published::{Paper, Printed};
use crate::reading::dataset::Dataset;
use crate::reading::measure::{Measure, Whole};
use crate::reading::scope::{Quantity, Scope};
use crate::reading::sums::share;
use crate::text::numtext::decimal_text;
use crate::text::{Lang, Text};
use std::collections::HashMap;
use std::sync::Mutex;
use words::phrase;

/// What a printed figure is: a count or a share of a quantity at its place, or a part of the
/// same quantity at a larger place. Quantities are component ids, or "winner", "pecs",
/// "countries".
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
#[derive(Clone, Debug)]
pub struct Derived {
    /// A count, or a fraction for shares.
    pub value: f64,
    pub how: Text,
}

/// The paper's printed figures, indexed.
pub struct Ledger {
    pub entries: Vec<Entry>,
    /// Each entry's position by id.
    by_id: HashMap<String, usize>,
    /// The positions of the printed counts (Table 4's left out) by place and quantity, in the
    /// entries' order.
    counts_at: HashMap<(String, String), Vec<usize>>,
    /// What `confirm` and `own_inputs` answered: both depend only on the printed figures and
    /// what is asked (a figure and a candidate value), never on the reading, so a redraw that
    /// asks again reads the answer instead of scanning the figures.
    memo: Mutex<Memo>,
}

/// The answers kept, keyed by what was asked.
#[derive(Default)]
struct Memo {
    /// (figure id, the correction's text, value bits, decimals) → the confirmation.
    confirm: HashMap<(String, String, u64, u8), Option<Text>>,
    /// (figure id, place, kind) → what the paper's own figures give.
    own_inputs: HashMap<(String, String, Kind), Vec<Derived>>,
}

/// Past this many answers the memo starts again (a long session of readings never visited
/// twice should not grow it without bound).
const MEMO_LIMIT: usize = 20_000;

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
pub(super) fn bases_of(q: &str) -> &'static [&'static str] {
    if q.starts_with("pecs where") {
        &["pecs"]
    } else if q.starts_with("countries where") {
        &["countries"]
    } else {
        &BASES
    }
}

/// An identity between printed counts at one place: the whole and its parts.
pub(super) const SUMS: [(&str, &[&str]); 4] = [
    ("issued", &["early", "inside", "mobile"]),
    ("cast", &["valid", "invalid"]),
    ("issued", &["cast", "unreturned"]),
    ("valid", &["davankov", "putin", "slutsky", "kharitonov"]),
];

/// The denominators a share may have.
pub(super) const BASES: [&str; 4] = ["issued", "cast", "valid", "registered"];

pub(super) fn fmt_count(x: f64, lang: Lang) -> String {
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
                    format!(
                        "текст статьи, «{}»",
                        figure
                            .spec
                            .where_ru
                            .as_deref()
                            .unwrap_or(&figure.spec.location)
                    ),
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
        // Table 1 calls its column "voters": say so, whatever it counts.
        for e in entries
            .iter_mut()
            .filter(|e| e.id.starts_with("1/") && e.id.ends_with("/voters"))
        {
            let words = place_words(&parse_place(&e.place), data);
            e.phrase = phrase(
                &e.printed,
                &Kind::Count("voters".into()),
                &words,
                &table("1"),
            );
        }
        Ledger::indexed(entries)
    }

    /// The ledger over these entries, with its indexes.
    fn indexed(entries: Vec<Entry>) -> Ledger {
        let by_id = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        let mut counts_at: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let (Kind::Count(q), false) = (&e.kind, e.copy_only) {
                counts_at
                    .entry((e.place.clone(), q.clone()))
                    .or_default()
                    .push(i);
            }
        }
        Ledger {
            entries,
            by_id,
            counts_at,
            memo: Mutex::default(),
        }
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// Which printed figures give `corrected` for the figure `id` (see `confirm_uncached`),
    /// answered once per question.
    pub fn confirm(&self, id: &str, corrected: &Printed) -> Option<Text> {
        let key = (
            id.to_string(),
            corrected.text.clone(),
            corrected.value.to_bits(),
            corrected.decimals,
        );
        if let Some(found) = self.memo().confirm.get(&key) {
            return found.clone();
        }
        let found = self.confirm_uncached(id, corrected);
        let mut memo = self.memo();
        if memo.confirm.len() >= MEMO_LIMIT {
            memo.confirm.clear();
        }
        memo.confirm.insert(key, found.clone());
        found
    }

    /// What the paper's own figures give for the figure `id` at `place` (see
    /// `own_inputs_uncached`), answered once per question.
    pub fn own_inputs(&self, id: &str, place: &str, kind: &Kind) -> Vec<Derived> {
        let key = (id.to_string(), place.to_string(), kind.clone());
        if let Some(found) = self.memo().own_inputs.get(&key) {
            return found.clone();
        }
        let found = self.own_inputs_uncached(id, place, kind);
        let mut memo = self.memo();
        if memo.own_inputs.len() >= MEMO_LIMIT {
            memo.own_inputs.clear();
        }
        memo.own_inputs.insert(key, found.clone());
        found
    }

    fn memo(&self) -> std::sync::MutexGuard<'_, Memo> {
        // A panic while holding it cannot leave a wrong answer behind (each answer is inserted
        // whole), so a poisoned lock is still good.
        self.memo.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Printed counts of a quantity at a place (other than the figure `except`), with sums of
    /// printed parts where the paper prints no count of its own (cast = valid + invalid).
    pub(super) fn counts(&self, place: &str, q: &str, except: &str) -> Vec<(f64, Text)> {
        let mut out: Vec<(f64, Text)> = self
            .counts_at
            .get(&(place.to_string(), q.to_string()))
            .into_iter()
            .flatten()
            .map(|&i| &self.entries[i])
            .filter(|e| e.id != except)
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
    fn own_inputs_uncached(&self, id: &str, place: &str, kind: &Kind) -> Vec<Derived> {
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
}

/// A share of two printed counts, through the one share function.
pub(super) fn ratio(a: f64, b: f64) -> Option<f64> {
    let whole = |x: f64| (x.fract() == 0.0 && x.abs() < 1e15).then_some(x as i64);
    share(whole(a)?, whole(b)?)
}

fn of(a: &Text, b: &Text) -> Text {
    Text::new(
        format!("{} of {}", a.en, b.en),
        format!("{} от {}", a.ru, b.ru),
    )
}
