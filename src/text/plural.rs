//! Counted nouns in both languages: "1 country, 5 countries" / "1 страна, 2 страны, 5 стран".

use super::numtext::count_text;
use super::{Lang, Text};

/// A noun's forms: English singular and plural; Russian for 1, 2-4 and 5+ (21 страна, 22 страны,
/// 25 стран, 11-14 стран).
#[derive(Clone, Copy, Debug)]
pub struct Noun {
    pub en_one: &'static str,
    pub en_many: &'static str,
    pub ru_one: &'static str,
    pub ru_few: &'static str,
    pub ru_many: &'static str,
}

pub const COUNTRY: Noun = Noun {
    en_one: "country",
    en_many: "countries",
    ru_one: "страна",
    ru_few: "страны",
    ru_many: "стран",
};
pub const PEC: Noun = Noun {
    en_one: "PEC",
    en_many: "PECs",
    ru_one: "УИК",
    ru_few: "УИК",
    ru_many: "УИК",
};
pub const REGION: Noun = Noun {
    en_one: "region",
    en_many: "regions",
    ru_one: "регион",
    ru_few: "региона",
    ru_many: "регионов",
};
pub const READING: Noun = Noun {
    en_one: "reading",
    en_many: "readings",
    ru_one: "прочтение",
    ru_few: "прочтения",
    ru_many: "прочтений",
};
pub const BALLOT: Noun = Noun {
    en_one: "ballot",
    en_many: "ballots",
    ru_one: "бюллетень",
    ru_few: "бюллетеня",
    ru_many: "бюллетеней",
};
pub const CLAIM: Noun = Noun {
    en_one: "claim",
    en_many: "claims",
    ru_one: "вывод",
    ru_few: "вывода",
    ru_many: "выводов",
};
pub const ROW: Noun = Noun {
    en_one: "row",
    en_many: "rows",
    ru_one: "строка",
    ru_few: "строки",
    ru_many: "строк",
};
pub const BYTE: Noun = Noun {
    en_one: "byte",
    en_many: "bytes",
    ru_one: "байт",
    ru_few: "байта",
    ru_many: "байт",
};
pub const PROTOCOL: Noun = Noun {
    en_one: "protocol",
    en_many: "protocols",
    ru_one: "протокол",
    ru_few: "протокола",
    ru_many: "протоколов",
};

/// Which Russian form goes with `n`.
pub fn ru_form(n: u64, one: &'static str, few: &'static str, many: &'static str) -> &'static str {
    let (last, last_two) = (n % 10, n % 100);
    if (11..=14).contains(&last_two) {
        many
    } else if last == 1 {
        one
    } else if (2..=4).contains(&last) {
        few
    } else {
        many
    }
}

impl Noun {
    /// The noun's form for `n` in a language.
    pub fn form(&self, n: u64, lang: Lang) -> &'static str {
        match lang {
            Lang::En if n == 1 => self.en_one,
            Lang::En => self.en_many,
            Lang::Ru => ru_form(n, self.ru_one, self.ru_few, self.ru_many),
        }
    }
    /// "5 countries" / "5 стран", the number written for the language.
    pub fn count(&self, n: u64, lang: Lang) -> String {
        format!(
            "{} {}",
            count_text(i64::try_from(n).unwrap_or(i64::MAX), lang),
            self.form(n, lang)
        )
    }
    /// The count after "of" / «из», where Russian takes the genitive: из 1 страны, из 2 стран,
    /// из 138 стран (the genitive singular is the 2-4 form for every noun here).
    pub fn count_of(&self, n: u64, lang: Lang) -> String {
        let form = match lang {
            Lang::En => self.form(n, lang),
            Lang::Ru => ru_form(n, self.ru_few, self.ru_many, self.ru_many),
        };
        format!(
            "{} {form}",
            count_text(i64::try_from(n).unwrap_or(i64::MAX), lang)
        )
    }
    pub fn text(&self, n: u64) -> Text {
        Text::by(|l| self.count(n, l))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plurals_agree() {
        let got: Vec<String> = [1, 2, 5, 11, 12, 21, 22, 25, 33, 101, 111]
            .iter()
            .map(|&n| COUNTRY.count(n, Lang::Ru))
            .collect();
        assert_eq!(
            got,
            [
                "1 страна",
                "2 страны",
                "5 стран",
                "11 стран",
                "12 стран",
                "21 страна",
                "22 страны",
                "25 стран",
                "33 страны",
                "101 страна",
                "111 стран"
            ]
        );
        let of: Vec<String> = [1, 2, 5, 11, 21, 131, 138]
            .iter()
            .map(|&n| COUNTRY.count_of(n, Lang::Ru))
            .collect();
        assert_eq!(
            of,
            [
                "1 страны",
                "2 стран",
                "5 стран",
                "11 стран",
                "21 страны",
                "131 страны",
                "138 стран"
            ]
        );
        assert_eq!(ROW.count_of(41, Lang::Ru), "41 строки");
        assert_eq!(COUNTRY.count_of(1, Lang::En), "1 country");
        assert_eq!(COUNTRY.count(1, Lang::En), "1 country");
        assert_eq!(COUNTRY.count(138, Lang::En), "138 countries");
    }
}
