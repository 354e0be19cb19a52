//! Earlier elections abroad (Table 1): each year's sums and winner, taken once at load.

use crate::data::model::{Candidate, HistoryYear};
use crate::reading::aggregate::{Component, Results, Sums, share};
use crate::reading::scope::Quantity;
use crate::reading::state::{Base, State};

/// Sums of a year and its winner (most votes; "against all" is no candidate).
#[derive(Clone, Debug)]
pub struct YearFigures {
    pub sums: Sums,
    pub winner_en: String,
    pub winner_ru: String,
    pub winner_votes: i64,
    /// The 2024 winner, whose share follows the state's base rules.
    pub current_winner: Option<Candidate>,
}

impl YearFigures {
    pub fn of_results(r: &Results) -> YearFigures {
        let w = Candidate::ALL
            .into_iter()
            .max_by_key(|&c| r.total.sums.votes(c))
            .expect("four candidates");
        YearFigures {
            sums: r.total.sums,
            winner_en: w.name_en().to_string(),
            winner_ru: w.name_ru().to_string(),
            winner_votes: r.total.sums.votes(w),
            current_winner: Some(w),
        }
    }

    pub fn of_history(year: &HistoryYear) -> YearFigures {
        let mut sums = Sums::default();
        let mut votes = vec![0i64; year.candidates.len()];
        for pec in &year.pecs {
            sums.add(&Sums::of_protocol(&pec.protocol));
            for (total, &v) in votes.iter_mut().zip(&pec.votes) {
                *total += i64::from(v);
            }
        }
        let winner = (0..votes.len())
            .filter(|&i| year.candidates[i].id != "against_all")
            .max_by_key(|&i| votes[i])
            .unwrap_or(0);
        YearFigures {
            sums,
            winner_en: year.candidates[winner].name_en.clone(),
            winner_ru: year.candidates[winner].name_ru.clone(),
            winner_votes: votes[winner],
            current_winner: None,
        }
    }

    /// The winner's votes and the base they are a share of, in ballots.
    pub fn winner_parts(&self, base: Base, s: &State) -> Option<(f64, f64)> {
        match self.current_winner {
            Some(w) => Quantity::Share(Component::Candidate(w)).parts(&self.sums, base, s),
            None => Some((
                self.winner_votes as f64,
                self.sums.count(base.component(), s) as f64,
            )),
        }
    }

    /// The winner's share under `base`.
    pub fn winner_share(&self, base: Base, s: &State) -> Option<f64> {
        match self.current_winner {
            Some(w) => self.sums.share_of_base(Component::Candidate(w), base, s),
            None => share(self.winner_votes, self.sums.count(base.component(), s)),
        }
    }
}
