//! Integer sums of protocol lines and votes, and the one share function: every share in reweigh
//! is computed here, by [`share`] and [`Sums::share_of_base`].

use super::state::{Base, State, WEIGHT_SCALE, WinRule};
use crate::data::model::{Candidate, Pec, Protocol};

/// Integer sums of protocol lines and votes over a set of PECs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sums {
    pub pecs: i64,
    pub registered: i64,
    pub received: i64,
    pub early: i64,
    pub inside: i64,
    pub mobile: i64,
    pub cancelled: i64,
    pub portable: i64,
    pub stationary: i64,
    pub invalid: i64,
    pub valid: i64,
    pub lost: i64,
    pub unaccounted: i64,
    /// Votes in [`Candidate::ALL`] order.
    pub votes: [i64; 4],
}

/// One quantity that can be summed or shared: a protocol line, a candidate, or the opposition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Component {
    Registered,
    Received,
    Issued,
    Early,
    Inside,
    Mobile,
    Cancelled,
    Portable,
    Stationary,
    Cast,
    Valid,
    Invalid,
    Lost,
    Unaccounted,
    Unreturned,
    Candidate(Candidate),
    /// The weighted opposition count of the state.
    Opposition,
}

impl Component {
    /// Every count a protocol holds (with the derived issued, cast and unreturned), then the
    /// candidates: what the audit tries in place of a printed figure's own quantity.
    pub const PROTOCOL: [Component; 19] = [
        Component::Registered,
        Component::Received,
        Component::Issued,
        Component::Early,
        Component::Inside,
        Component::Mobile,
        Component::Cancelled,
        Component::Portable,
        Component::Stationary,
        Component::Cast,
        Component::Valid,
        Component::Invalid,
        Component::Lost,
        Component::Unaccounted,
        Component::Unreturned,
        Component::Candidate(Candidate::Davankov),
        Component::Candidate(Candidate::Putin),
        Component::Candidate(Candidate::Slutsky),
        Component::Candidate(Candidate::Kharitonov),
    ];

    pub fn parse(text: &str) -> Option<Component> {
        Some(match text {
            "registered" => Component::Registered,
            "received" => Component::Received,
            "issued" => Component::Issued,
            "early" => Component::Early,
            "inside" => Component::Inside,
            "mobile" => Component::Mobile,
            "cancelled" => Component::Cancelled,
            "portable" => Component::Portable,
            "stationary" => Component::Stationary,
            "cast" => Component::Cast,
            "valid" => Component::Valid,
            "invalid" => Component::Invalid,
            "lost" => Component::Lost,
            "unaccounted" => Component::Unaccounted,
            "unreturned" => Component::Unreturned,
            "opposition" => Component::Opposition,
            other => Component::Candidate(Candidate::ALL.into_iter().find(|c| c.id() == other)?),
        })
    }
    pub fn id(self) -> &'static str {
        match self {
            Component::Registered => "registered",
            Component::Received => "received",
            Component::Issued => "issued",
            Component::Early => "early",
            Component::Inside => "inside",
            Component::Mobile => "mobile",
            Component::Cancelled => "cancelled",
            Component::Portable => "portable",
            Component::Stationary => "stationary",
            Component::Cast => "cast",
            Component::Valid => "valid",
            Component::Invalid => "invalid",
            Component::Lost => "lost",
            Component::Unaccounted => "unaccounted",
            Component::Unreturned => "unreturned",
            Component::Candidate(c) => c.id(),
            Component::Opposition => "opposition",
        }
    }
    /// What the component counts, in words for a label.
    pub fn words(self) -> crate::text::Text {
        use crate::text::Text;
        let (en, ru) = match self {
            Component::Registered => ("registered voters", "избиратели в списках"),
            Component::Received => ("ballots received", "полученные бюллетени"),
            Component::Cancelled => ("ballots cancelled", "погашенные бюллетени"),
            Component::Portable => ("ballots in portable boxes", "бюллетени в переносных ящиках"),
            Component::Stationary => (
                "ballots in stationary boxes",
                "бюллетени в стационарных ящиках",
            ),
            Component::Lost => ("ballots lost", "утраченные бюллетени"),
            Component::Unaccounted => (
                "ballots not accounted for",
                "бюллетени, не учтённые при получении",
            ),
            Component::Issued => ("ballots issued", "выданные бюллетени"),
            Component::Early => ("ballots issued early", "бюллетени, выданные досрочно"),
            Component::Inside => (
                "ballots issued at the station",
                "бюллетени, выданные в помещении",
            ),
            Component::Mobile => (
                "ballots issued outside the station",
                "бюллетени, выданные вне помещения",
            ),
            Component::Cast => ("ballots cast", "бюллетени в ящиках"),
            Component::Valid => ("valid ballots", "действительные бюллетени"),
            Component::Invalid => ("invalid ballots", "недействительные бюллетени"),
            Component::Unreturned => ("ballots not returned", "невозвращённые бюллетени"),
            Component::Candidate(Candidate::Davankov) => {
                ("votes for Davankov", "голоса за Даванкова")
            }
            Component::Candidate(Candidate::Putin) => ("votes for Putin", "голоса за Путина"),
            Component::Candidate(Candidate::Slutsky) => ("votes for Slutsky", "голоса за Слуцкого"),
            Component::Candidate(Candidate::Kharitonov) => {
                ("votes for Kharitonov", "голоса за Харитонова")
            }
            Component::Opposition => ("the \u{201c}opposition\u{201d}", "«оппозиция»"),
        };
        Text::new(en, ru)
    }

    /// Parts of the ballots issued are shared of the ballots issued, whatever the base; votes,
    /// invalid ballots and the opposition are shared of the state's base.
    #[inline(always)]
    pub fn shared_of_base(self) -> bool {
        matches!(
            self,
            Component::Valid | Component::Invalid | Component::Candidate(_) | Component::Opposition
        )
    }
}

impl Base {
    /// The count the base divides by.
    pub fn component(self) -> Component {
        match self {
            Base::Issued => Component::Issued,
            Base::Cast => Component::Cast,
            Base::Valid => Component::Valid,
        }
    }
}

/// `part / whole`, or None when the whole is zero. Every share in reweigh goes through here.
#[inline(always)]
pub fn share(part: i64, whole: i64) -> Option<f64> {
    (whole != 0).then(|| part as f64 / whole as f64)
}

impl Sums {
    /// One protocol's lines (no votes: earlier years have other candidates).
    pub fn of_protocol(pr: &Protocol) -> Sums {
        let n = i64::from;
        Sums {
            pecs: 1,
            registered: n(pr.registered),
            received: n(pr.received),
            early: n(pr.early),
            inside: n(pr.inside),
            mobile: n(pr.mobile),
            cancelled: n(pr.cancelled),
            portable: n(pr.portable),
            stationary: n(pr.stationary),
            invalid: n(pr.invalid),
            valid: n(pr.valid),
            lost: n(pr.lost),
            unaccounted: n(pr.unaccounted),
            votes: [0; 4],
        }
    }

    pub fn of_pec(p: &Pec) -> Sums {
        Sums {
            votes: Candidate::ALL.map(|c| i64::from(p.votes.get(c))),
            ..Sums::of_protocol(&p.protocol)
        }
    }

    pub fn add(&mut self, o: &Sums) {
        self.pecs += o.pecs;
        self.registered += o.registered;
        self.received += o.received;
        self.early += o.early;
        self.inside += o.inside;
        self.mobile += o.mobile;
        self.cancelled += o.cancelled;
        self.portable += o.portable;
        self.stationary += o.stationary;
        self.invalid += o.invalid;
        self.valid += o.valid;
        self.lost += o.lost;
        self.unaccounted += o.unaccounted;
        for (a, b) in self.votes.iter_mut().zip(o.votes) {
            *a += b;
        }
    }

    #[inline(always)]
    pub fn issued(&self) -> i64 {
        self.early + self.inside + self.mobile
    }
    #[inline(always)]
    pub fn cast(&self) -> i64 {
        self.portable + self.stationary
    }
    #[inline(always)]
    pub fn unreturned(&self) -> i64 {
        self.issued() - self.cast()
    }
    #[inline(always)]
    pub fn votes(&self, c: Candidate) -> i64 {
        self.votes[c.index()]
    }

    /// The opposition count in units of 1/WEIGHT_SCALE ballot: exact.
    #[inline(always)]
    pub fn opposition_scaled(&self, s: &State) -> i64 {
        s.invalid.scaled() * self.invalid
            + s.davankov.scaled() * self.votes(Candidate::Davankov)
            + s.slutsky.scaled() * self.votes(Candidate::Slutsky)
            + s.kharitonov.scaled() * self.votes(Candidate::Kharitonov)
            + s.unreturned.scaled() * self.unreturned()
    }

    /// A component in units of 1/WEIGHT_SCALE ballot.
    #[inline(always)]
    pub fn scaled(&self, c: Component, s: &State) -> i64 {
        match c {
            Component::Opposition => self.opposition_scaled(s),
            other => self.count(other, s) * WEIGHT_SCALE,
        }
    }

    /// A count in whole ballots (the weighted opposition rounded down).
    #[inline(always)]
    pub fn count(&self, c: Component, s: &State) -> i64 {
        match c {
            Component::Registered => self.registered,
            Component::Received => self.received,
            Component::Issued => self.issued(),
            Component::Early => self.early,
            Component::Inside => self.inside,
            Component::Mobile => self.mobile,
            Component::Cancelled => self.cancelled,
            Component::Portable => self.portable,
            Component::Stationary => self.stationary,
            Component::Cast => self.cast(),
            Component::Valid => self.valid,
            Component::Invalid => self.invalid,
            Component::Lost => self.lost,
            Component::Unaccounted => self.unaccounted,
            Component::Unreturned => self.unreturned(),
            Component::Candidate(k) => self.votes(k),
            Component::Opposition => self.opposition_scaled(s) / WEIGHT_SCALE,
        }
    }

    /// The base itself, in units of 1/WEIGHT_SCALE.
    #[inline(always)]
    pub fn base_scaled(&self, base: Base) -> i64 {
        let count = match base {
            Base::Issued => self.issued(),
            Base::Cast => self.cast(),
            Base::Valid => self.valid,
        };
        count * WEIGHT_SCALE
    }

    /// The denominator of the opposition's share: the base, plus the ballots counted as
    /// opposition that lie outside it (invalid ballots outside `valid`, unreturned ones outside
    /// `cast` and `valid`), so the opposition never exceeds its denominator.
    #[inline(always)]
    pub fn opposition_base_scaled(&self, base: Base, s: &State) -> i64 {
        let outside_unreturned = s.unreturned.scaled() * self.unreturned();
        self.base_scaled(base)
            + match base {
                Base::Issued => 0,
                Base::Cast => outside_unreturned,
                Base::Valid => s.invalid.scaled() * self.invalid + outside_unreturned,
            }
    }

    /// The two integers a component's share divides, in units of 1/WEIGHT_SCALE ballot: the
    /// opposition over its denominator (above); votes, valid and invalid ballots over the base;
    /// parts of the ballots issued over the ballots issued. Exact comparisons of shares (claims,
    /// tipping points) cross-multiply these instead of dividing.
    #[inline(always)]
    pub fn share_parts(&self, c: Component, base: Base, s: &State) -> (i64, i64) {
        let whole = match c {
            Component::Opposition => self.opposition_base_scaled(base, s),
            c if c.shared_of_base() => self.base_scaled(base),
            _ => self.issued() * WEIGHT_SCALE,
        };
        (self.scaled(c, s), whole)
    }

    /// A component's share (see [`Sums::share_parts`]).
    #[inline(always)]
    pub fn share_of_base(&self, c: Component, base: Base, s: &State) -> Option<f64> {
        let (part, whole) = self.share_parts(c, base, s);
        share(part, whole)
    }

    /// Two places compared by a component's share, exactly (a place with no base counts as 0).
    pub fn cmp_share(
        &self,
        other: &Sums,
        c: Component,
        base: Base,
        s: &State,
    ) -> std::cmp::Ordering {
        let fraction = |x: &Sums| {
            let (part, whole) = x.share_parts(c, base, s);
            if whole == 0 {
                (0i128, 1i128)
            } else {
                (i128::from(part), i128::from(whole))
            }
        };
        let ((a, b), (x, y)) = (fraction(self), fraction(other));
        // Wholes are positive: a/b against x/y is a·y against x·b.
        (a * y).cmp(&(x * b))
    }

    /// Whether the opposition wins under the state's rule, compared exactly in integers.
    #[inline(always)]
    pub fn opposition_wins(&self, s: &State) -> bool {
        self.win_margin(s) > 0
    }

    /// By how much the opposition wins (positive) or does not (zero or negative), in units of
    /// 1/WEIGHT_SCALE ballot: over Putin's votes, or over half its denominator (doubled).
    /// Linear in each weight, which the tipping points use.
    #[inline(always)]
    pub fn win_margin(&self, s: &State) -> i64 {
        let opposition = self.opposition_scaled(s);
        match s.win {
            WinRule::Plurality => opposition - self.votes(Candidate::Putin) * WEIGHT_SCALE,
            WinRule::Majority => 2 * opposition - self.opposition_base_scaled(s.base, s),
        }
    }
}
