//! What the loaded bundle is: its fingerprint, whether it is the one this version ships with,
//! the anomalies of the official data it accepts and the figures each one touches — for
//! `reweigh check`, the sources panel and the exports.

use super::Engine;
use crate::data::checks::Failure;
use crate::data::model::{CURRENT_YEAR, PAPER_REGIONS};
use crate::text::numtext::count_text;
use crate::text::{Lang, Text};

impl Engine {
    /// Whether this is the shipped bundle, with its fingerprint, in words.
    pub fn bundle_status(&self, lang: Lang) -> String {
        let b = self.bundle();
        let version = env!("CARGO_PKG_VERSION");
        match (lang, b.shipped) {
            (Lang::En, true) => format!(
                "Fingerprint (SHA-256 over the bundle’s files): {}. This is the bundle reweigh {version} ships with.",
                b.fingerprint
            ),
            (Lang::En, false) => format!(
                "Fingerprint (SHA-256 over the bundle’s files): {}. This is NOT the bundle reweigh {version} ships with ({}): the figures come from other data.",
                b.fingerprint,
                crate::data::shipped::SHIPPED_FINGERPRINT
            ),
            (Lang::Ru, true) => format!(
                "Отпечаток (SHA-256 по файлам данных): {}. Это данные, с которыми поставляется reweigh {version}.",
                b.fingerprint
            ),
            (Lang::Ru, false) => format!(
                "Отпечаток (SHA-256 по файлам данных): {}. Это НЕ те данные, с которыми поставляется reweigh {version} ({}): числа получены из других данных.",
                b.fingerprint,
                crate::data::shipped::SHIPPED_FINGERPRINT
            ),
        }
    }

    /// The figures a protocol's numbers flow into: for 2024 its PEC, country, region and the
    /// total abroad; for an earlier year that year's row of Table 1.
    fn touched(&self, failure: &Failure) -> Text {
        if failure.year != CURRENT_YEAR {
            return Text::by(|lang| match lang {
                Lang::En => format!("Table 1’s row {}", failure.year),
                Lang::Ru => format!("строку {} года Таблицы 1", failure.year),
            });
        }
        let b = self.bundle();
        let mut parts: Vec<Text> = vec![Text::new(
            format!("PEC {}", failure.pec),
            format!("УИК {}", failure.pec),
        )];
        if let Some(pec) = b.pec_index(failure.pec).map(|i| &b.pecs[i]) {
            let l = &pec.location;
            if l.country_id.is_some() {
                parts.push(Text::new(&l.country_en, &l.country_ru));
            }
            if let Some(region) = PAPER_REGIONS
                .iter()
                .find(|r| Some(r.id) == l.region.as_deref())
            {
                parts.push(region.name());
            }
        }
        parts.push(Text::new(
            "the total abroad (Tables 2-4)",
            "итог за рубежом (Таблицы 2–4)",
        ));
        Text::by(|lang| {
            parts
                .iter()
                .map(|p| p.get(lang).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        })
    }

    /// Each accepted anomaly: the protocol, the relation it breaks by how much, the figures it
    /// touches (they include its numbers as published).
    pub fn anomalies(&self, lang: Lang) -> Vec<String> {
        self.bundle()
            .manifest
            .failures
            .iter()
            .map(|f| {
                let relation = super::sources::relation_words(&f.relation);
                match lang {
                    Lang::En => format!(
                        "{} PEC {} breaks “{}”: {}. Accepted as an anomaly of the official data (recomputed at load); these figures include its numbers as published: {}.",
                        f.year,
                        f.pec,
                        relation.get(lang),
                        f.breach_text().get(lang),
                        self.touched(f).get(lang)
                    ),
                    Lang::Ru => format!(
                        "{} УИК {} нарушает соотношение «{}»: {}. Принято как аномалия официальных данных (пересчитано при загрузке); эти числа включают его данные как опубликовано: {}.",
                        f.year,
                        f.pec,
                        relation.get(lang),
                        f.breach_text().get(lang),
                        self.touched(f).get(lang)
                    ),
                }
            })
            .collect()
    }

    /// `reweigh check`'s report (English, like every CLI message).
    pub fn check_report(&self) -> String {
        let b = self.bundle();
        let lang = Lang::En;
        let mut out = format!(
            "bundle OK: {} PECs in 2024, {} countries established\n",
            b.pecs.len(),
            b.countries.len()
        );
        out.push_str(&format!("  {}\n", self.bundle_status(lang)));
        for check in &b.manifest.checks {
            out.push_str(&format!(
                "  {}: {} protocols, {} break a control relation\n",
                check.year, check.pecs, check.failures
            ));
        }
        let anomalies = self.anomalies(lang);
        if anomalies.is_empty() {
            out.push_str("  anomalies accepted: none (every protocol satisfies every relation)\n");
        } else {
            out.push_str(&format!("  anomalies accepted: {}\n", anomalies.len()));
            for line in anomalies {
                out.push_str(&format!("    {line}\n"));
            }
        }
        let evidence: Vec<String> = b
            .manifest
            .evidence
            .iter()
            .map(|(level, n)| format!("{level} {n}"))
            .collect();
        out.push_str(&format!("  location evidence: {}\n", evidence.join(", ")));
        let n = &b.national;
        out.push_str(&format!(
            "  national: {} PEC protocols in {} regions ({} abroad), {} regions without protocols; breaking a relation: {} (protocols or electronic-vote rows, listed in data/russia-2024-national.json)\n",
            count_text(i64::from(n.totals.pecs), lang),
            n.subjects.len(),
            n.totals.pecs_abroad,
            n.derived.subjects.len(),
            n.failures.len()
        ));
        let prov = self.provenance();
        out.push_str(&format!(
            "  paper: {} published cells, {} text figures\n",
            prov.published_cells, prov.text_figures
        ));
        out
    }
}
