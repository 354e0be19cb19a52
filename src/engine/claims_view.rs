//! Every claim under the page's reading, in the reader's language: its title and place in the
//! paper (never its id), its verdict (three apart for a claim against a printed figure), its
//! number, where its verdict turns along each weight (exact tipping points), whether it rests on
//! PECs of uncertain location, and its verdict under the pinned reading.

use super::Engine;
use crate::analysis::location::LocationCheck;
use crate::analysis::tipping::{ClaimTipping, KeyTipping};
use crate::paper::claims::{self, Claim, Outcome, Test, Verdict};
use crate::reading::aggregate::Results;
use crate::reading::keys::{KEYS, weight_percent};
use crate::reading::state::Weight;
use crate::text::Lang;
use crate::text::numtext::{decimal_text, percent_text};
use serde::Serialize;

/// A claim's verdict under the page's reading.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimVerdict {
    /// For the page's links and the URL only: never shown.
    pub id: String,
    pub title: String,
    pub place: String,
    /// holds | off_last_digit | fails | not_applicable
    pub verdict: Verdict,
    pub word: String,
    /// The number it was judged on, in the reader's format ("" if none).
    pub value: String,
    /// Where its verdict turns along each weight, the rest as set, in words.
    pub tipping: Vec<String>,
    /// A short flag when the verdict rests on PECs of uncertain location ("" otherwise).
    pub location: String,
    /// The location check in a sentence.
    pub location_detail: String,
    /// Under the pinned reading: "pinned: holds (41)" ("" without a pin).
    pub pinned: String,
    /// The pinned verdict differs from this one.
    pub pinned_differs: bool,
    /// The label of the button to the nearest reading of the grid with the other verdict.
    pub flip_label: String,
}

/// A verdict in words: against a printed figure "reproduced", "off in the last printed digit",
/// "differs"; otherwise "holds", "fails".
pub fn verdict_word(claim: &Claim, v: Verdict, lang: Lang) -> &'static str {
    match (v, claim.against_printed()) {
        (Verdict::Holds, true) => lang.pick("reproduced", "воспроизводится"),
        (Verdict::Holds, false) => lang.pick("holds", "верно"),
        (Verdict::OffLastDigit, _) => lang.pick(
            "off in the last printed digit",
            "расходится в последнем знаке",
        ),
        (Verdict::Fails, true) => lang.pick("differs", "расходится"),
        (Verdict::Fails, false) => lang.pick("fails", "неверно"),
        (Verdict::NotApplicable, _) => lang.pick("not applicable", "неприменимо"),
    }
}

/// Whether a claim's number is a percentage (a share, a part of another place) rather than a
/// count.
fn is_share(claim: &Claim) -> bool {
    matches!(&claim.test, Test::Value { metric, .. } | Test::Compare { metric, .. } if metric.is_percent())
}

/// Whether a claim's number is a multiple (one place against another).
fn is_multiple(claim: &Claim) -> bool {
    matches!(&claim.test, Test::Value { metric, .. } | Test::Compare { metric, .. } if metric.is_multiple())
}

/// A claim's number in the reader's format.
/// Counts name what they count ("34 countries"); a set or a ranking has no number to show, nor
/// has a count of the one total (0 or 1).
pub fn claim_value(claim: &Claim, value: Option<f64>, lang: Lang) -> String {
    use crate::text::plural::{COUNTRY, PEC, REGION};
    let noun = match &claim.test {
        Test::Count { level, .. } => match level {
            claims::Level::Regions => Some(REGION),
            claims::Level::Countries => Some(COUNTRY),
            claims::Level::Pecs => Some(PEC),
            claims::Level::Total => return String::new(),
        },
        Test::Set { .. } | Test::Rank { .. } => return String::new(),
        Test::Value { .. } | Test::Compare { .. } => None,
    };
    match (value, noun) {
        (None, _) => String::new(),
        (Some(v), _) if is_share(claim) => percent_text(v, 2, lang),
        (Some(v), _) if is_multiple(claim) => format!("{}×", decimal_text(v, 2, lang)),
        (Some(v), Some(noun)) if v >= 0.0 && v.fract() == 0.0 => noun.count(v as u64, lang),
        (Some(v), _) => decimal_text(v, 0, lang),
    }
}

/// An interval of weights in words: "37.52% or more", "20% or less", "from 10% to 35%".
fn interval_words(lo: Weight, hi: Weight, lang: Lang) -> String {
    let (l, h) = (weight_percent(lo, lang), weight_percent(hi, lang));
    match (lo == Weight::ZERO, hi == Weight::ONE) {
        (false, true) => format!("{l} {}", lang.pick("or more", "или больше")),
        (true, false) => format!("{h} {}", lang.pick("or less", "или меньше")),
        _ if lo == hi => l,
        _ => match lang {
            Lang::En => format!("from {l} to {h}"),
            Lang::Ru => format!("от {l} до {h}"),
        },
    }
}

/// One sentence per weight along which the verdict turns: "Holds while invalid (spoiled)
/// ballots count 37.52% or more (the rest as set)."
pub fn tipping_sentences(claim: &Claim, tipping: &ClaimTipping, lang: Lang) -> Vec<String> {
    let verb = if claim.against_printed() {
        lang.pick("Reproduced", "Воспроизводится")
    } else {
        lang.pick("Holds", "Верно")
    };
    let rest = lang.pick("(the rest as set)", "(остальное как задано)");
    let mut out: Vec<String> = tipping
        .keys
        .iter()
        .filter(|k| !k.everywhere() && !k.holds.is_empty())
        .map(|k: &KeyTipping| {
            let def = KEYS.iter().find(|d| d.name == k.key).expect("a weight key");
            let ranges: Vec<String> = k
                .holds
                .iter()
                .map(|&(lo, hi)| interval_words(lo, hi, lang))
                .collect();
            let ranges = ranges.join(lang.pick(" or ", " или "));
            match lang {
                Lang::En => format!("{verb} while {} count {ranges} {rest}.", def.noun.0),
                Lang::Ru => format!(
                    "{verb}, пока оппозиции засчитывается {ranges} {} {rest}.",
                    def.noun.2
                ),
            }
        })
        .collect();
    let nowhere = tipping.keys.iter().all(|k| k.holds.is_empty());
    if out.is_empty() {
        out.push(
            match (tipping.verdict, nowhere) {
                (Verdict::NotApplicable, _) => lang.pick(
                    "It does not apply under this reading, whatever the weights.",
                    "При этом прочтении вывод неприменим, какими бы ни были веса.",
                ),
                (Verdict::Holds, _) => lang.pick(
                    "No weight changes its verdict on its own (the rest as set).",
                    "Ни один вес по отдельности не меняет вердикт (остальное как задано).",
                ),
                _ if claim.against_printed() => lang.pick(
                    "No weight on its own reproduces the printed figure (the rest as set).",
                    "Ни один вес по отдельности не воспроизводит число статьи (остальное как задано).",
                ),
                _ => lang.pick(
                    "No weight on its own makes it hold (the rest as set).",
                    "Ни один вес по отдельности не делает его верным (остальное как задано).",
                ),
            }
            .to_string(),
        );
    }
    out
}

/// The location check in words: a short flag (empty when the verdict stands) and a sentence.
pub fn location_words(
    claim: &Claim,
    check: &LocationCheck,
    uncertain: usize,
    lang: Lang,
) -> (String, String) {
    let n = decimal_text(uncertain as f64, 0, lang);
    if check.rests_on_uncertain() {
        let flag = lang
            .pick(
                "rests on PECs of uncertain location",
                "опирается на УИК с неустановленным местом",
            )
            .to_string();
        let without = verdict_word(claim, check.without, lang);
        let detail = match lang {
            Lang::En => format!(
                "The verdict rests on PECs whose location is only inferred or unknown: with those {n} PECs left out of the countries and regions (they stay in the totals), it would be \u{201c}{without}\u{201d}."
            ),
            Lang::Ru => format!(
                "Вердикт опирается на УИК, место которых лишь выведено или неизвестно: если исключить эти {n} УИК из стран и регионов (в итогах они остаются), было бы «{without}»."
            ),
        };
        (flag, detail)
    } else {
        let detail = match lang {
            Lang::En => format!(
                "The verdict stands with the {n} PECs whose location is only inferred or unknown left out of the countries and regions."
            ),
            Lang::Ru => format!(
                "Вердикт не меняется, если исключить из стран и регионов {n} УИК, место которых лишь выведено или неизвестно."
            ),
        };
        (String::new(), detail)
    }
}

/// Where any claim's verdict turns along each weight: per weight key, the sorted values.
pub fn tick_values(tipping: &[ClaimTipping]) -> Vec<(&'static str, Vec<Weight>)> {
    crate::analysis::tipping::weight_keys()
        .enumerate()
        .map(|(i, k)| {
            let mut edges: Vec<Weight> = tipping.iter().flat_map(|t| t.keys[i].edges()).collect();
            edges.sort_unstable();
            edges.dedup();
            (KEYS[k].name, edges)
        })
        .collect()
}

impl Engine {
    /// Every claim under `results`' reading, given their `outcomes` there
    /// (`claims::evaluate_all`), and the pinned reading's results, if any.
    pub fn claim_verdicts(
        &self,
        results: &Results,
        outcomes: &[Outcome],
        pinned: Option<&Results>,
        tipping: &[ClaimTipping],
        lang: Lang,
    ) -> Vec<ClaimVerdict> {
        let study = self.study();
        // Each claim judged once under the reading, and once without the PECs of uncertain
        // location (`location::check`, the reading's own verdicts not judged a second time).
        let without = crate::reading::aggregate::compute(&self.established, &results.parsed_state);
        let uncertain = crate::analysis::location::uncertain_count(&study.data);
        let without = claims::evaluate_all(&study.claims, &without);
        let pinned = pinned.map(|p| claims::evaluate_all(&study.claims, p));
        study
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let outcome = &outcomes[i];
                let check = LocationCheck {
                    verdict: outcome.verdict,
                    without: without[i].verdict,
                };
                let (location, location_detail) = location_words(c, &check, uncertain, lang);
                let (pinned, pinned_differs) = match &pinned {
                    Some(p) => {
                        let o = &p[i];
                        let value = claim_value(c, o.value, lang);
                        (
                            format!(
                                "{} {}{}",
                                lang.pick("pinned:", "закреплённое:"),
                                verdict_word(c, o.verdict, lang),
                                if value.is_empty() {
                                    String::new()
                                } else {
                                    format!(" ({value})")
                                }
                            ),
                            o.verdict != outcome.verdict,
                        )
                    }
                    None => (String::new(), false),
                };
                let flip_label = match (outcome.verdict, c.against_printed()) {
                    (Verdict::Holds, true) => lang.pick(
                        "Show me a reading where it is not reproduced",
                        "Показать прочтение, где оно не воспроизводится",
                    ),
                    (Verdict::Holds, false) => lang.pick(
                        "Show me a reading where this fails",
                        "Показать прочтение, где это неверно",
                    ),
                    (_, true) => lang.pick(
                        "Show me a reading where it is reproduced",
                        "Показать прочтение, где оно воспроизводится",
                    ),
                    (_, false) => lang.pick(
                        "Show me a reading where this holds",
                        "Показать прочтение, где это верно",
                    ),
                };
                ClaimVerdict {
                    id: c.spec.id.clone(),
                    title: c.title().get(lang).to_string(),
                    place: c.place().get(lang).to_string(),
                    verdict: outcome.verdict,
                    word: verdict_word(c, outcome.verdict, lang).to_string(),
                    value: claim_value(c, outcome.value, lang),
                    tipping: tipping_sentences(c, &tipping[i], lang),
                    location,
                    location_detail,
                    pinned,
                    pinned_differs,
                    flip_label: flip_label.to_string(),
                }
            })
            .collect()
    }
}
