//! Every other reading of a printed count or share: the same quantity over every base, every
//! other quantity the protocols hold, the same at the place's neighbours (a country's PECs, a
//! PEC's country), and what the paper's own printed figures give. Each alternative's reason names
//! the quantity, the base and the place in words.
//!
//! Trying many readings invites chance: with enough quantities, some ratio lands on any figure
//! printed with few digits ("8%", "135"). So the readings come in tiers, and a tier is tried only
//! where it would match a figure by chance less than once in a hundred: its size times the
//! printed figure's window (one ballot in a count of N: 1/N; a share printed to d decimals:
//! 10^-d of 100 points). Another base, the voter counts (registered, issued, cast, valid) and
//! the paper's own inputs are always tried: they are the known ambiguities of the paper's words.

use super::*;
use crate::paper::ledger::{Derived, quantity_words};

/// The chance a tier of `size` alternatives lands on the printed figure: under 1%?
pub(super) fn unlikely_by_chance(size: usize, printed: &Printed, is_share: bool) -> bool {
    use crate::paper::published::Qualifier;
    // How wide a range of values the figure accepts: one unit of its last digit, or its hedge.
    let width = match printed.qualifier {
        None => 10f64.powi(-i32::from(printed.decimals)),
        Some(Qualifier::About { tolerance }) => 2.0 * tolerance,
        Some(Qualifier::Almost { tolerance } | Qualifier::JustOver { tolerance }) => tolerance,
        // Another reading reproduces "more than X" within one unit of X's last digit.
        Some(Qualifier::MoreThan | Qualifier::LessThan) => printed.last_digit_unit(),
    };
    // Shares spread over 100 points; counts over about their own size.
    let window = if is_share {
        width / 100.0
    } else {
        width / printed.value.max(1.0)
    };
    (size as f64) * window < 0.01
}

/// Quantities the paper's words confuse with one another, tried whatever the chance: the
/// "voters" (registered, issued, cast, valid), and the "opposition" and its candidate.
pub(super) fn related(own: Component) -> Vec<Component> {
    let davankov = Component::Candidate(Candidate::Davankov);
    if BASES.contains(&own) {
        BASES.iter().copied().filter(|&b| b != own).collect()
    } else if own == Component::Opposition {
        vec![davankov]
    } else if own == davankov {
        vec![Component::Opposition]
    } else {
        Vec::new()
    }
}

/// The order a reader would try quantities in: the usual ones first, the rare lines last.
const TRIED: [Component; 20] = [
    Component::Registered,
    Component::Issued,
    Component::Cast,
    Component::Valid,
    Component::Invalid,
    Component::Early,
    Component::Inside,
    Component::Mobile,
    Component::Unreturned,
    Component::Candidate(Candidate::Davankov),
    Component::Candidate(Candidate::Putin),
    Component::Candidate(Candidate::Slutsky),
    Component::Candidate(Candidate::Kharitonov),
    Component::Opposition,
    Component::Received,
    Component::Cancelled,
    Component::Portable,
    Component::Stationary,
    Component::Lost,
    Component::Unaccounted,
];

/// The denominators tried for a share, and the counts the paper's "voters" may mean.
const BASES: [Component; 4] = [
    Component::Issued,
    Component::Cast,
    Component::Valid,
    Component::Registered,
];

fn words(c: Component) -> (&'static str, &'static str) {
    quantity_words(c.id())
}

/// The denominator a share of `q` has under the state.
fn current_base(q: Quantity, state: &State) -> Component {
    match q {
        Quantity::Ratio(_, d) => d,
        Quantity::Share(c) if c.shared_of_base() => state.base.component(),
        _ => Component::Issued,
    }
}

/// `c` over `b` on these sums (the opposition scaled, so weights stay exact).
fn ratio(sums: &Sums, c: Component, b: Component, state: &State) -> Option<f64> {
    share(sums.scaled(c, state), sums.scaled(b, state))
}

/// A place and its sums, as the alternatives name it.
pub(super) struct Near {
    pub(super) name: Text,
    pub(super) sums: Sums,
}

fn other_base<'a>(value: Option<f64>, b: Component) -> Alternative<'a> {
    Alternative::new(value, move || {
        let (en, ru) = words(b);
        Reason::new(
            "other_base",
            format!("The paper divides by the number of {en} here, not by the chosen base."),
            format!("Здесь статья делит на число {ru}, а не на выбранный знаменатель."),
        )
    })
}

fn other_count<'a>(value: Option<f64>, o: Component, own: Component) -> Alternative<'a> {
    Alternative::new(value, move || {
        use crate::text::{Lang, numtext::decimal_text};
        let ((en, ru), (own_en, own_ru)) = (words(o), words(own));
        // The count itself, so a hedged figure ("more than 41 thousand") shows what it hedges.
        let (n_en, n_ru) = value.map_or((String::new(), String::new()), |v| {
            (
                format!(" ({})", decimal_text(v, 0, Lang::En)),
                format!(" ({})", decimal_text(v, 0, Lang::Ru)),
            )
        });
        Reason::new(
            "other_quantity",
            format!("The printed figure fits the number of {en}{n_en} rather than of {own_en}."),
            format!("Напечатанное число соответствует числу {ru}{n_ru}, а не {own_ru}."),
        )
    })
    .keyed(format!("count:{}", o.id()))
}

fn other_share<'a>(
    value: Option<f64>,
    o: Component,
    b: Component,
    own: Component,
) -> Alternative<'a> {
    Alternative::new(value, move || {
        let ((en, ru), (b_en, b_ru), (own_en, own_ru)) = (words(o), words(b), words(own));
        Reason::new(
            "other_quantity",
            format!(
                "The printed figure fits the share of {en} in the number of {b_en} rather than of {own_en}."
            ),
            format!("Напечатанное число соответствует доле {ru} от числа {b_ru}, а не {own_ru}."),
        )
    })
    .keyed(format!("share:{}/{}", o.id(), b.id()))
}

/// Every reading of a count or share at `here`, and at each neighbour, besides the state's own:
/// other bases (or voter counts), then the paper's own inputs (given), then every other
/// quantity, then the neighbours.
pub(super) fn quantity_alternatives<'a>(
    state: &'a State,
    q: Quantity,
    here: Sums,
    own_inputs: Vec<Alternative<'a>>,
    neighbours: Vec<Near>,
    printed: &Printed,
) -> Vec<Alternative<'a>> {
    let mut alts = Vec::new();
    let own = q.component();
    let base = current_base(q, state);
    // The known ambiguities are tried for hedged figures too ("more than 41 thousand people
    // voted" may count the voters on the list), within the hedge as another reading reads it.
    let related = related(own);
    let bases = &BASES[..];
    if q.is_share() {
        for &b in bases.iter().filter(|&&b| b != base && b != own) {
            alts.push(other_base(ratio(&here, own, b, state), b));
        }
        for &o in &related {
            alts.push(other_share(ratio(&here, o, base, state), o, base, own));
        }
    } else {
        for &o in &related {
            alts.push(other_count(Some(here.count(o, state) as f64), o, own));
        }
    }
    alts.extend(own_inputs);
    let others = TRIED
        .iter()
        .filter(|&&o| o != own && (q.is_share() || !related.contains(&o)));
    if q.is_share() {
        let tier: Vec<(Component, Component)> = others
            .flat_map(|&o| {
                std::iter::once(base)
                    .chain(BASES.iter().copied().filter(|&b| b != base))
                    .filter(move |&b| b != o)
                    .map(move |b| (o, b))
            })
            .collect();
        if unlikely_by_chance(tier.len(), printed, q.is_share()) {
            for (o, b) in tier {
                alts.push(other_share(ratio(&here, o, b, state), o, b, own));
            }
        }
    } else {
        let tier: Vec<Component> = others.copied().collect();
        if unlikely_by_chance(tier.len(), printed, q.is_share()) {
            for o in tier {
                alts.push(other_count(Some(here.count(o, state) as f64), o, own));
            }
        }
    }
    alts.extend(neighbour_alternatives(state, q, &neighbours, printed));
    alts
}

/// The figure taken at a neighbouring place: the same quantity (over every base, or as any
/// voter count), then every other quantity, each tier only where chance is unlikely.
fn neighbour_alternatives<'a>(
    state: &'a State,
    q: Quantity,
    neighbours: &[Near],
    printed: &Printed,
) -> Vec<Alternative<'a>> {
    let own = q.component();
    let base = current_base(q, state);
    let reason = |near: &Near, what: Option<Text>| {
        let place = near.name.clone();
        move || {
            let (en, ru) = what.as_ref().map_or((String::new(), String::new()), |t| {
                (format!(", {}", t.en), format!(", {}", t.ru))
            });
            Reason::new(
                "other_place",
                format!("The printed figure is that of {}{en}.", place.en),
                format!("Напечатанное число относится к месту «{}»{ru}.", place.ru),
            )
        }
    };
    let per_place = if q.is_share() { BASES.len() } else { 1 };
    let mut alts = Vec::new();
    if unlikely_by_chance(per_place * neighbours.len(), printed, q.is_share()) {
        for near in neighbours {
            if q.is_share() {
                alts.push(Alternative::new(
                    ratio(&near.sums, own, base, state),
                    reason(near, None),
                ));
                for &b in BASES.iter().filter(|&&b| b != base && b != own) {
                    let (en, ru) = words(b);
                    alts.push(Alternative::new(
                        ratio(&near.sums, own, b, state),
                        reason(
                            near,
                            Some(Text::new(
                                format!("divided by the number of {en}"),
                                format!("при делении на число {ru}"),
                            )),
                        ),
                    ));
                }
            } else {
                alts.push(Alternative::new(
                    Some(near.sums.count(own, state) as f64),
                    reason(near, None),
                ));
            }
        }
    }
    let others: Vec<Component> = TRIED.iter().copied().filter(|&o| o != own).collect();
    let per_place = if q.is_share() {
        others.len() * BASES.len()
    } else {
        others.len()
    };
    if unlikely_by_chance(per_place * neighbours.len(), printed, q.is_share()) {
        for near in neighbours {
            for &o in &others {
                let (en, ru) = words(o);
                if q.is_share() {
                    for &b in BASES.iter().filter(|&&b| b != o) {
                        let (b_en, b_ru) = words(b);
                        alts.push(Alternative::new(
                            ratio(&near.sums, o, b, state),
                            reason(
                                near,
                                Some(Text::new(
                                    format!("the share of {en} in the number of {b_en}"),
                                    format!("доля {ru} от числа {b_ru}"),
                                )),
                            ),
                        ));
                    }
                } else {
                    alts.push(Alternative::new(
                        Some(near.sums.count(o, state) as f64),
                        reason(
                            near,
                            Some(Text::new(
                                format!("the number of {en}"),
                                format!("число {ru}"),
                            )),
                        ),
                    ));
                }
            }
        }
    }
    alts
}

/// What the paper's own printed figures give, as alternatives.
pub(super) fn own_input_alternatives<'a>(derived: Vec<Derived>) -> Vec<Alternative<'a>> {
    derived
        .into_iter()
        .map(|d| {
            let how = d.how;
            Alternative::new(Some(d.value), move || {
                Reason::new(
                    "paper_inputs",
                    format!("Follows from the paper’s own figures: {}.", how.en),
                    format!("Следует из собственных чисел статьи: {}.", how.ru),
                )
            })
        })
        .collect()
}
