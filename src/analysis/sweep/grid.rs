//! The grid of readings a sweep runs over: for each key of the registry, the values it takes.
//! Readings are numbered in mixed radix over the keys, the last key fastest.

use crate::reading::keys::{KEY_COUNT, KEYS, KeyValue};
use crate::reading::query::{StateError, parse_value, query_pairs, unknown_key};
use crate::reading::state::{Problem, State};
use crate::text::Text;
use serde::Serialize;

/// The values each key takes in a sweep.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Grid {
    /// Per key of the registry, in canonical order: the values, as the state writes them.
    pub keys: Vec<(String, Vec<String>)>,
    /// The same values, typed.
    #[serde(skip)]
    pub(crate) values: Vec<Vec<KeyValue>>,
}

/// The most states a grid may hold (the default has 450 000).
pub const MAX_STATES: usize = 2_000_000;

/// A grid reading's position: one digit per key.
pub type Digits = [usize; KEY_COUNT];

impl Grid {
    /// The default grid: every weight over 0, 0.25, 0.5, 0.75, 1; every choice; `min_issued` 0.
    pub fn default_grid() -> Grid {
        Grid::parse("").expect("the default grid is valid")
    }

    /// Parse `invalid=0,0.5,1&base=issued,cast&min_issued=0,100`; missing keys take the default
    /// (weights: 0, 0.25, 0.5, 0.75, 1; choices: every value; min_issued: the paper's 0).
    pub fn parse(query: &str) -> Result<Grid, Vec<StateError>> {
        let pairs = query_pairs(query).map_err(|e| vec![e])?;
        let mut errors = Vec::new();
        let mut values = Vec::with_capacity(KEY_COUNT);
        for k in &KEYS {
            let given: Vec<&(String, String)> = pairs.iter().filter(|(n, _)| n == k.name).collect();
            let list: Vec<KeyValue> = match given.as_slice() {
                [] => k.default_grid(),
                [(_, text)] => {
                    let mut list = Vec::new();
                    for part in text.split(',') {
                        match parse_value(k, part.trim()) {
                            Ok(v) if !list.contains(&v) => list.push(v),
                            Ok(_) => {}
                            Err(e) => errors.push(e),
                        }
                    }
                    list
                }
                _ => {
                    errors.push(StateError::new(
                        k.name,
                        "",
                        Problem::Repeated,
                        Text::new(
                            "each key once, its values separated by commas",
                            "каждый параметр один раз, значения через запятую",
                        ),
                    ));
                    Vec::new()
                }
            };
            values.push(list);
        }
        for (name, value) in &pairs {
            if !KEYS.iter().any(|k| k.name == name) {
                errors.push(unknown_key(name, value));
            }
        }
        let keys = KEYS
            .iter()
            .zip(&values)
            .map(|(k, list)| {
                let written = list.iter().map(|&v| k.write(v)).collect();
                (k.name.to_string(), written)
            })
            .collect();
        let grid = Grid { keys, values };
        let size = grid.size();
        if size > MAX_STATES {
            errors.push(StateError {
                key: String::new(),
                value: String::new(),
                subject: Text::default(),
                spelled: String::new(),
                problem: Text::new(
                    format!("the grid holds {size} readings"),
                    format!("в сетке {size} прочтений"),
                ),
                allowed: Text::new(
                    format!("at most {MAX_STATES}"),
                    format!("не больше {MAX_STATES}"),
                ),
            });
        }
        if errors.is_empty() {
            Ok(grid)
        } else {
            Err(errors)
        }
    }

    /// How many readings the grid holds (0 if a key has no value).
    pub fn size(&self) -> usize {
        self.values
            .iter()
            .try_fold(1usize, |n, v| n.checked_mul(v.len()))
            .unwrap_or(usize::MAX)
    }

    /// The keys the grid varies (more than one value), in the grid's order.
    pub fn varying_keys(&self) -> Vec<&str> {
        self.keys
            .iter()
            .filter(|(_, v)| v.len() > 1)
            .map(|(k, _)| k.as_str())
            .collect()
    }

    /// The grid as a query string (`invalid=0,0.25,...&base=issued,cast,valid&...`).
    pub fn canonical(&self) -> String {
        self.keys
            .iter()
            .map(|(k, v)| format!("{k}={}", v.join(",")))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The digits of reading `index` (mixed radix, last key fastest).
    pub fn digits(&self, mut index: usize) -> Digits {
        let mut digits = [0; KEY_COUNT];
        for (i, values) in self.values.iter().enumerate().rev() {
            digits[i] = index % values.len();
            index /= values.len();
        }
        digits
    }

    /// How far apart, in readings, two neighbours along a key lie.
    pub fn stride(&self, key: usize) -> usize {
        self.values[key + 1..].iter().map(Vec::len).product()
    }

    /// How many values key `key` takes.
    pub fn radix(&self, key: usize) -> usize {
        self.values[key].len()
    }

    /// Visit every reading in index order, with its digits (an odometer: no division per reading).
    pub fn for_each(&self, visit: impl FnMut(usize, &State, &Digits)) {
        let every: Vec<usize> = (0..KEY_COUNT).collect();
        self.for_each_over(&every, visit);
    }

    /// Visit the readings in which only `keys` (in key order) move, the other keys at their first
    /// value, in index order and numbered 0, 1, … (the grid's projection onto `keys`).
    pub fn for_each_over(&self, keys: &[usize], mut visit: impl FnMut(usize, &State, &Digits)) {
        let n = if self.size() == 0 {
            0
        } else {
            keys.iter().map(|&k| self.radix(k)).product()
        };
        if n == 0 {
            return;
        }
        let mut digits = [0usize; KEY_COUNT];
        let mut state = self.state_of(&digits);
        for index in 0..n {
            visit(index, &state, &digits);
            // Advance the last key, carrying into the ones before it; only changed keys are set.
            for &k in keys.iter().rev() {
                digits[k] += 1;
                if digits[k] < self.values[k].len() {
                    (KEYS[k].set)(&mut state, self.values[k][digits[k]]);
                    break;
                }
                digits[k] = 0;
                (KEYS[k].set)(&mut state, self.values[k][0]);
            }
        }
    }

    /// Visit the digits of the readings in which only `keys` (in key order) move, the other keys
    /// at their first value, numbered 0, 1, … (as `for_each_over`, without building the states).
    pub(crate) fn for_each_digits(&self, keys: &[usize], mut visit: impl FnMut(usize, &Digits)) {
        let n = if self.size() == 0 {
            0
        } else {
            keys.iter().map(|&k| self.radix(k)).product()
        };
        let radices: Vec<usize> = keys.iter().map(|&k| self.radix(k)).collect();
        let mut digits = [0usize; KEY_COUNT];
        for index in 0..n {
            visit(index, &digits);
            for (&k, &radix) in keys.iter().zip(&radices).rev() {
                digits[k] += 1;
                if digits[k] < radix {
                    break;
                }
                digits[k] = 0;
            }
        }
    }

    /// The reading at `index`.
    pub fn state(&self, index: usize) -> State {
        self.state_of(&self.digits(index))
    }

    /// The reading at these digits.
    pub fn state_of(&self, digits: &Digits) -> State {
        let mut state = State::paper();
        for (k, key) in KEYS.iter().enumerate() {
            (key.set)(&mut state, self.values[k][digits[k]]);
        }
        state
    }

    /// The digits of a reading, if the grid holds each of its values.
    pub fn digits_of(&self, state: &State) -> Option<Digits> {
        let mut digits = [0; KEY_COUNT];
        for (k, key) in KEYS.iter().enumerate() {
            let value = (key.get)(state);
            digits[k] = self.values[k].iter().position(|v| *v == value)?;
        }
        Some(digits)
    }

    /// The index of a reading of the grid, if the grid holds it.
    pub fn index_of(&self, state: &State) -> Option<usize> {
        Some(self.index_of_digits(&self.digits_of(state)?))
    }

    /// The index of the reading at these digits.
    pub fn index_of_digits(&self, digits: &Digits) -> usize {
        digits
            .iter()
            .enumerate()
            .fold(0, |acc, (k, &d)| acc * self.values[k].len() + d)
    }

    /// Whether the grid holds the value `state` gives the key named `name`.
    pub(crate) fn holds_value_of(&self, name: &str, state: &State) -> bool {
        self.key_index(name)
            .is_some_and(|k| self.values[k].contains(&(KEYS[k].get)(state)))
    }

    /// The index of the key named `name`.
    pub fn key_index(&self, name: &str) -> Option<usize> {
        self.keys.iter().position(|(k, _)| k == name)
    }
}

/// Distance between two readings: the sum over keys of each key's distance (weights by how far
/// they move, each differing choice 1, min_issued by thousands of ballots).
pub fn distance(a: &State, b: &State) -> f64 {
    KEYS.iter()
        .map(|k| k.distance((k.get)(a), (k.get)(b)))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_odometer_visits_every_reading_once_in_order() {
        let grid = Grid::parse("invalid=0,1&base=issued,valid&min_issued=0,7,9").unwrap();
        let mut seen = Vec::new();
        grid.for_each(|i, s, d| {
            assert_eq!(*s, grid.state(i), "reading {i}");
            assert_eq!(*d, grid.digits(i));
            seen.push(s.canonical());
        });
        assert_eq!(seen.len(), grid.size());
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), seen.len());
    }

    #[test]
    fn distance_counts_each_key() {
        let a = State::paper();
        let b = State::from_query("invalid=0.5&base=cast&min_issued=2000").unwrap();
        assert!((distance(&a, &b) - (0.5 + 1.0 + 2.0)).abs() < 1e-12);
    }
}
