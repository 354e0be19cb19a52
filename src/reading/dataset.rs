//! The loaded bundle with what every reading starts from: each PEC's counts, summed once.

use super::national::National;
use super::sums::Sums;
use crate::data::bundle::Bundle;
use crate::text::Text;
use std::ops::Deref;
use std::sync::Arc;

/// A PEC's words, made once: shared by every reading's aggregates without copying.
#[derive(Clone, Debug)]
pub struct PecWords {
    pub name: Arc<Text>,
    pub country: Arc<Text>,
    pub city: Arc<Text>,
    pub note: Arc<Text>,
}

/// The bundle, each PEC's sums and words (in the bundle's PEC order), each country's name.
#[derive(Clone, Debug)]
pub struct Dataset {
    pub bundle: Bundle,
    pub pec_sums: Vec<Sums>,
    pub pec_words: Vec<PecWords>,
    pub country_names: Vec<Arc<Text>>,
    /// What "Russia" sums under each meaning, and its parts.
    pub national: National,
}

impl Dataset {
    pub fn new(bundle: Bundle) -> Dataset {
        let pec_sums = bundle.pecs.iter().map(Sums::of_pec).collect();
        let pec_words = bundle
            .pecs
            .iter()
            .map(|p| {
                let l = &p.location;
                PecWords {
                    name: Arc::new(Text::new(
                        format!("PEC {}", p.pec),
                        format!("УИК №{}", p.pec),
                    )),
                    country: Arc::new(Text::new(&l.country_en, &l.country_ru)),
                    city: Arc::new(Text::new(&l.city_en, &l.city_ru)),
                    note: Arc::new(l.note_text()),
                }
            })
            .collect();
        let country_names = bundle
            .countries
            .iter()
            .map(|c| Arc::new(Text::new(&c.name_en, &c.name_ru)))
            .collect();
        let national = National::new(&bundle);
        Dataset {
            national,
            bundle,
            pec_sums,
            pec_words,
            country_names,
        }
    }
}

impl Deref for Dataset {
    type Target = Bundle;
    fn deref(&self) -> &Bundle {
        &self.bundle
    }
}
