//! The study: the loaded data with everything about the paper that does not depend on the
//! reading — its printed figures checked against the tables, its claims compiled, the results
//! under its own reading, Table 1's earlier years, the hypotheses about its grouping. Built once
//! when the bundle loads; every reading reuses it.

use super::claims::{self, Claim};
use super::history::YearFigures;
use super::hypothesis::{self, RegionHypothesis};
use super::ledger::Ledger;
use super::published::Paper;
use crate::data::bundle::{Bundle, BundleError};
use crate::reading::aggregate::{self, Results};
use crate::reading::dataset::Dataset;
use crate::reading::state::State;

/// Everything a reading is computed against.
pub struct Study {
    pub data: Dataset,
    /// The paper's printed figures, parsed and checked.
    pub paper: Paper,
    /// The same figures by place and quantity, with the arithmetic between them.
    pub ledger: Ledger,
    /// The paper's conclusions, compiled.
    pub claims: Vec<Claim>,
    /// Every aggregate under the paper's own reading.
    pub paper_results: Results,
    /// Table 1's earlier elections: year and figures.
    pub history: Vec<(u16, YearFigures)>,
    /// The reassignment hypotheses for Table 3's rows.
    pub hypotheses: Vec<RegionHypothesis>,
}

impl Study {
    pub fn new(bundle: Bundle) -> Result<Study, BundleError> {
        let data = Dataset::new(bundle);
        let paper = Paper::new(&data.paper, &data)?;
        let ledger = Ledger::new(&paper, &data);
        let claims = claims::compile_all(&data.claims, &data)?;
        let paper_results = aggregate::compute(&data, &State::paper());
        let history = data
            .history
            .iter()
            .map(|y| (y.year, YearFigures::of_history(y)))
            .collect();
        let hypotheses = hypothesis::search(&data, &paper, &paper_results);
        Ok(Study {
            data,
            paper,
            ledger,
            claims,
            paper_results,
            history,
            hypotheses,
        })
    }
}
