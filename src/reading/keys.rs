//! The registry of assumption keys: each key declared once — its name, kind, the paper's value,
//! labels and help in both languages, how it reads and writes a state. Parsing, the canonical
//! form, the vocabulary, the description in words, the sweep grid and the distance between
//! readings are loops over [`KEYS`]. Adding a key is one entry here plus its effect on the sums.

use super::state::{
    Baltics, Base, Disputed, MAX_MIN_ISSUED, RegionScheme, Russia, State, Weight, WinRule,
};
use crate::text::Text;
use serde::Serialize;

/// One value of a choice key: its URL spelling and what it means.
#[derive(Clone, Copy, Debug)]
pub struct ChoiceDef {
    pub id: &'static str,
    pub en: &'static str,
    pub ru: &'static str,
}

/// What kind of value a key takes.
#[derive(Clone, Copy, Debug)]
pub enum KeyKind {
    /// A decimal from 0 to 1 with at most four decimals (exact in 1/10 000).
    Weight,
    /// One of the listed values, in the order of the choice's enum.
    Choice(&'static [ChoiceDef]),
    /// A whole number from `min` to `max`.
    Integer { min: u32, max: u32 },
}

/// A key's value, typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyValue {
    Weight(Weight),
    /// Index into the key's choices.
    Choice(usize),
    Integer(u32),
}

/// One assumption key.
pub struct KeyDef {
    pub name: &'static str,
    pub kind: KeyKind,
    /// The control's label.
    pub label: (&'static str, &'static str),
    /// What the key means and what the paper chose.
    pub help: (&'static str, &'static str),
    /// How a weight of this key reads in a sentence: English; Russian after «все» (nominative
    /// plural) and after a percentage (genitive plural). Empty for other kinds.
    pub noun: (&'static str, &'static str, &'static str),
    /// How much one unit of difference counts in the distance between readings.
    pub distance_unit: f64,
    pub get: fn(&State) -> KeyValue,
    pub set: fn(&mut State, KeyValue),
}

macro_rules! weight_key {
    ($field:ident, $label:expr, $help:expr, $noun:expr) => {
        KeyDef {
            name: stringify!($field),
            kind: KeyKind::Weight,
            label: $label,
            help: $help,
            noun: $noun,
            distance_unit: 1.0,
            get: |s| KeyValue::Weight(s.$field),
            set: |s, v| {
                if let KeyValue::Weight(w) = v {
                    s.$field = w
                }
            },
        }
    };
}

macro_rules! choice_key {
    ($field:ident, $enum:ident, $choices:expr, $label:expr, $help:expr) => {
        KeyDef {
            name: stringify!($field),
            kind: KeyKind::Choice($choices),
            label: $label,
            help: $help,
            noun: ("", "", ""),
            distance_unit: 1.0,
            get: |s| KeyValue::Choice(s.$field as usize),
            set: |s, v| {
                if let KeyValue::Choice(i) = v
                    && let Some(&c) = $enum::ALL.get(i)
                {
                    s.$field = c
                }
            },
        }
    };
}

const BASES: &[ChoiceDef] = &[
    ChoiceDef {
        id: "issued",
        en: "ballots issued",
        ru: "выданные бюллетени",
    },
    ChoiceDef {
        id: "cast",
        en: "ballots cast (found in the boxes)",
        ru: "бюллетени в ящиках",
    },
    ChoiceDef {
        id: "valid",
        en: "valid ballots",
        ru: "действительные бюллетени",
    },
];
const BALTICS: &[ChoiceDef] = &[
    ChoiceDef {
        id: "post_soviet",
        en: "in the post-Soviet space",
        ru: "в постсоветском пространстве",
    },
    ChoiceDef {
        id: "europe",
        en: "in Europe",
        ru: "в Европе",
    },
];
const DISPUTED: &[ChoiceDef] = &[
    ChoiceDef {
        id: "include",
        en: "counted",
        ru: "учитываются",
    },
    ChoiceDef {
        id: "exclude",
        en: "left out",
        ru: "исключены",
    },
];
const WIN_RULES: &[ChoiceDef] = &[
    ChoiceDef {
        id: "plurality",
        en: "more votes than Putin",
        ru: "больше голосов, чем у Путина",
    },
    ChoiceDef {
        id: "majority",
        en: "more than half of the base",
        ru: "больше половины знаменателя",
    },
];
const REGION_SCHEMES: &[ChoiceDef] = &[
    ChoiceDef {
        id: "paper",
        en: "the paper’s seven regions",
        ru: "семь регионов статьи",
    },
    ChoiceDef {
        id: "un",
        en: "the UN M49 regions",
        ru: "регионы ООН (M49)",
    },
];

const RUSSIA: &[ChoiceDef] = &[
    ChoiceDef {
        id: "cec_total",
        en: "the CEC’s national total, abroad included",
        ru: "итог ЦИК по стране, с зарубежьем",
    },
    ChoiceDef {
        id: "without_abroad",
        en: "the CEC’s national total minus the 288 PECs abroad",
        ru: "итог ЦИК по стране без 288 зарубежных УИК",
    },
    ChoiceDef {
        id: "protocols",
        en: "PEC protocols inside Russia and the electronic vote (no annexed regions)",
        ru: "протоколы УИК в России и электронное голосование (без аннексированных регионов)",
    },
];

/// How many keys there are.
pub const KEY_COUNT: usize = 12;

/// Every key, in canonical order.
pub static KEYS: [KeyDef; KEY_COUNT] = [
    weight_key!(
        invalid,
        (
            "Invalid (spoiled) ballots",
            "Недействительные (испорченные) бюллетени"
        ),
        (
            "Share of invalid ballots counted as opposition votes. The paper counts all of them (1).",
            "Доля недействительных бюллетеней, засчитываемая оппозиции. В статье — все (1)."
        ),
        (
            "invalid (spoiled) ballots",
            "недействительные (испорченные) бюллетени",
            "недействительных (испорченных) бюллетеней"
        )
    ),
    weight_key!(
        davankov,
        ("Votes for Davankov", "Голоса за Даванкова"),
        (
            "Share of Davankov’s votes counted as opposition. The paper counts all of them (1).",
            "Доля голосов за Даванкова, засчитываемая оппозиции. В статье — все (1)."
        ),
        (
            "Davankov’s votes",
            "голоса за Даванкова",
            "голосов за Даванкова"
        )
    ),
    weight_key!(
        slutsky,
        ("Votes for Slutsky", "Голоса за Слуцкого"),
        (
            "Share of Slutsky’s votes counted as opposition. The paper counts none (0).",
            "Доля голосов за Слуцкого, засчитываемая оппозиции. В статье — ни одного (0)."
        ),
        (
            "Slutsky’s votes",
            "голоса за Слуцкого",
            "голосов за Слуцкого"
        )
    ),
    weight_key!(
        kharitonov,
        ("Votes for Kharitonov", "Голоса за Харитонова"),
        (
            "Share of Kharitonov’s votes counted as opposition. The paper counts none (0).",
            "Доля голосов за Харитонова, засчитываемая оппозиции. В статье — ни одного (0)."
        ),
        (
            "Kharitonov’s votes",
            "голоса за Харитонова",
            "голосов за Харитонова"
        )
    ),
    weight_key!(
        unreturned,
        ("Ballots not returned", "Невозвращённые бюллетени"),
        (
            "Share of ballots issued but not found in the boxes (the paper’s “stolen”) counted as opposition. The paper counts none (0).",
            "Доля выданных, но не найденных в ящиках бюллетеней («унесённых», по статье), засчитываемая оппозиции. В статье — ни одного (0)."
        ),
        (
            "ballots issued but not returned",
            "выданные, но не возвращённые бюллетени",
            "выданных, но не возвращённых бюллетеней"
        )
    ),
    choice_key!(
        base,
        Base,
        BASES,
        ("Denominator of shares", "Знаменатель долей"),
        (
            "Votes, valid and invalid ballots are shares of this base; early, mobile and unreturned ballots are shares of the ballots issued. The opposition’s share adds to its denominator the ballots it counts that lie outside the base, so it never exceeds 100%. The paper divides by the ballots issued (its “voters”).",
            "Голоса, действительные и недействительные бюллетени — доли этого знаменателя; досрочные, вне помещения и невозвращённые — доли выданных. К знаменателю доли оппозиции добавляются засчитанные ей бюллетени вне его, так что она не превышает 100%. В статье делится на выданные бюллетени («избирателей»)."
        )
    ),
    choice_key!(
        baltics,
        Baltics,
        BALTICS,
        ("Estonia, Latvia, Lithuania", "Эстония, Латвия, Литва"),
        (
            "Which region the Baltic states join: the post-Soviet space (as in the paper) or Europe.",
            "В какой регион входят страны Балтии: постсоветское пространство (как в статье) или Европа."
        )
    ),
    choice_key!(
        disputed,
        Disputed,
        DISPUTED,
        (
            "Abkhazia, South Ossetia, Transnistria",
            "Абхазия, Южная Осетия, Приднестровье"
        ),
        (
            "Whether the PECs in these disputed territories count (the paper counts them).",
            "Учитывать ли УИК на этих спорных территориях (в статье учитываются)."
        )
    ),
    choice_key!(
        win,
        WinRule,
        WIN_RULES,
        (
            "“Won by the opposition” means",
            "«Победа оппозиции» означает"
        ),
        (
            "The paper: the opposition has more votes than Putin. The alternative: more than half of the base.",
            "В статье: у оппозиции больше голосов, чем у Путина. Другой вариант: больше половины знаменателя."
        )
    ),
    KeyDef {
        name: "min_issued",
        kind: KeyKind::Integer {
            min: 0,
            max: MAX_MIN_ISSUED,
        },
        label: (
            "Smallest PEC or country counted in wins",
            "Минимальный размер УИК или страны для подсчёта побед",
        ),
        help: (
            "PECs and countries with fewer ballots issued are left out of the win counts (the paper: 0).",
            "УИК и страны, где выдано меньше бюллетеней, не учитываются в подсчёте побед (в статье — 0).",
        ),
        noun: ("", "", ""),
        distance_unit: 0.001,
        get: |s| KeyValue::Integer(s.min_issued),
        set: |s, v| {
            if let KeyValue::Integer(n) = v {
                s.min_issued = n
            }
        },
    },
    choice_key!(
        regions,
        RegionScheme,
        REGION_SCHEMES,
        ("Region scheme", "Схема регионов"),
        (
            "The paper’s seven regions, or the UN M49 regions. Published region figures are compared only under the paper’s scheme.",
            "Семь регионов статьи или регионы ООН (M49). Опубликованные цифры по регионам сравниваются только при схеме статьи."
        )
    ),
    choice_key!(
        russia,
        Russia,
        RUSSIA,
        ("“Russia” in comparisons", "«Россия» в сравнениях"),
        (
            "What the vote abroad is compared with (Table 2’s national column and every abroad-versus-Russia statement): the CEC’s national total, which includes the votes abroad (the paper’s choice); that total minus the 288 PECs abroad; or the PEC protocols inside Russia plus the remote electronic vote, which leaves out the four annexed regions (they published no protocols).",
            "С чем сравнивается голосование за рубежом (столбец страны в Таблице 2 и все сравнения зарубежья с Россией): итог ЦИК по стране, включающий голоса за рубежом (выбор статьи); этот итог без 288 зарубежных УИК; или протоколы УИК в России вместе с дистанционным электронным голосованием — без четырёх аннексированных регионов (их протоколы не опубликованы)."
        )
    ),
];

impl KeyDef {
    pub fn label(&self) -> Text {
        Text::new(self.label.0, self.label.1)
    }
    pub fn help(&self) -> Text {
        Text::new(self.help.0, self.help.1)
    }
    pub fn is_weight(&self) -> bool {
        matches!(self.kind, KeyKind::Weight)
    }
    /// The value as the canonical form writes it.
    pub fn write(&self, value: KeyValue) -> String {
        match (value, self.kind) {
            (KeyValue::Weight(w), _) => w.to_string(),
            (KeyValue::Choice(i), KeyKind::Choice(choices)) => {
                choices.get(i).map_or("", |c| c.id).to_string()
            }
            (KeyValue::Integer(n), _) => n.to_string(),
            (KeyValue::Choice(i), _) => i.to_string(),
        }
    }
    /// A value in words: "50%", "ballots cast (found in the boxes)", "1 000".
    pub fn words(&self, value: KeyValue) -> Text {
        match (value, self.kind) {
            (KeyValue::Weight(w), _) => Text::by(|l| weight_percent(w, l)),
            (KeyValue::Choice(i), KeyKind::Choice(choices)) => choices
                .get(i)
                .map_or_else(Text::default, |c| Text::new(c.en, c.ru)),
            (KeyValue::Integer(n), _) => {
                Text::by(|l| crate::text::numtext::count_text(i64::from(n), l))
            }
            (KeyValue::Choice(i), _) => Text::same(i.to_string()),
        }
    }
    /// The paper's value.
    pub fn paper(&self) -> KeyValue {
        (self.get)(&State::paper())
    }
    /// How far apart two values of this key are (weights by how far they move, choices 1 if they
    /// differ, integers by `distance_unit` per unit).
    pub fn distance(&self, a: KeyValue, b: KeyValue) -> f64 {
        match (a, b) {
            (KeyValue::Weight(x), KeyValue::Weight(y)) => (x.as_f64() - y.as_f64()).abs(),
            (KeyValue::Integer(x), KeyValue::Integer(y)) => {
                (f64::from(x) - f64::from(y)).abs() * self.distance_unit
            }
            (x, y) => f64::from(u8::from(x != y)),
        }
    }
    /// The values a default sweep grid takes: weights in quarters, every choice, the paper's
    /// integer.
    pub fn default_grid(&self) -> Vec<KeyValue> {
        match self.kind {
            KeyKind::Weight => [0, 2500, 5000, 7500, 10000]
                .iter()
                .filter_map(|&u| Weight::from_scaled(u).map(KeyValue::Weight))
                .collect(),
            KeyKind::Choice(choices) => (0..choices.len()).map(KeyValue::Choice).collect(),
            KeyKind::Integer { .. } => vec![self.paper()],
        }
    }
}

/// A weight as a percentage without needless decimals: 50%, 37.5% / 37,5%.
pub fn weight_percent(w: Weight, lang: crate::text::Lang) -> String {
    let units = w.scaled();
    let decimals = match units % 100 {
        0 => 0,
        r if r % 10 == 0 => 1,
        _ => 2,
    };
    crate::text::numtext::percent_text(units as f64 / 100.0, decimals, lang)
}

/// The key named `name`.
pub fn key(name: &str) -> Option<&'static KeyDef> {
    KEYS.iter().find(|k| k.name == name)
}

/// The index of the key named `name` in [`KEYS`].
pub fn key_index(name: &str) -> Option<usize> {
    KEYS.iter().position(|k| k.name == name)
}

/// The keys' names, in canonical order.
pub fn key_names() -> impl Iterator<Item = &'static str> {
    KEYS.iter().map(|k| k.name)
}

/// One value of a choice, for the vocabulary.
#[derive(Clone, Debug, Serialize)]
pub struct ChoiceInfo {
    pub id: &'static str,
    pub label: Text,
}

/// One key, as the vocabulary shows it (CLI `vocabulary`, the page's controls).
#[derive(Clone, Debug, Serialize)]
pub struct KeyInfo {
    pub key: &'static str,
    /// weight | choice | integer
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<ChoiceInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    /// The paper's value, as the canonical form writes it.
    pub paper: String,
    pub label: Text,
    pub help: Text,
}

/// The whole vocabulary, in canonical order.
pub fn vocabulary() -> Vec<KeyInfo> {
    KEYS.iter()
        .map(|k| {
            let (kind, values, min, max) = match k.kind {
                KeyKind::Weight => ("weight", Vec::new(), None, None),
                KeyKind::Choice(choices) => (
                    "choice",
                    choices
                        .iter()
                        .map(|c| ChoiceInfo {
                            id: c.id,
                            label: Text::new(c.en, c.ru),
                        })
                        .collect(),
                    None,
                    None,
                ),
                KeyKind::Integer { min, max } => ("integer", Vec::new(), Some(min), Some(max)),
            };
            KeyInfo {
                key: k.name,
                kind,
                values,
                min,
                max,
                paper: k.write(k.paper()),
                label: k.label(),
                help: k.help(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_reads_back_what_it_writes() {
        let mut s = State::paper();
        for k in &KEYS {
            for v in k.default_grid() {
                (k.set)(&mut s, v);
                assert_eq!((k.get)(&s), v, "{}", k.name);
            }
        }
        let names: Vec<&str> = key_names().collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "key names are unique");
    }

    #[test]
    fn choices_follow_their_enums() {
        for (i, b) in Base::ALL.iter().enumerate() {
            assert_eq!(BASES[i].id, b.id());
        }
        for (i, b) in Baltics::ALL.iter().enumerate() {
            assert_eq!(BALTICS[i].id, b.id());
        }
        for (i, b) in Disputed::ALL.iter().enumerate() {
            assert_eq!(DISPUTED[i].id, b.id());
        }
        for (i, b) in WinRule::ALL.iter().enumerate() {
            assert_eq!(WIN_RULES[i].id, b.id());
        }
        for (i, b) in RegionScheme::ALL.iter().enumerate() {
            assert_eq!(REGION_SCHEMES[i].id, b.id());
        }
        for (i, b) in Russia::ALL.iter().enumerate() {
            assert_eq!(RUSSIA[i].id, b.id());
        }
    }
}
