//! Broken bundles made by hand: the committed files with one file's JSON edited.

use reweigh::Engine;
use serde_json::Value;
use std::collections::BTreeMap;

pub type Texts = BTreeMap<String, String>;
/// A named edit of one file's JSON.
pub type Edit = Box<dyn Fn(&mut Value)>;

pub fn load(texts: &Texts) -> Result<Engine, String> {
    Engine::load(texts).map_err(|e| e.to_string())
}

/// The committed bundle with one file's JSON edited.
pub fn edited(file: &str, edit: impl FnOnce(&mut Value)) -> Texts {
    let mut texts = super::bundle_texts();
    edit_in(&mut texts, file, edit);
    texts
}

pub fn edit_in(texts: &mut Texts, file: &str, edit: impl FnOnce(&mut Value)) {
    let mut value: Value = serde_json::from_str(&texts[file]).unwrap();
    edit(&mut value);
    texts.insert(file.to_string(), serde_json::to_string(&value).unwrap());
}

pub fn refused(texts: &Texts) -> String {
    match load(texts) {
        Ok(_) => panic!("a broken bundle loaded"),
        Err(e) => e,
    }
}

pub fn pec(pecs: &mut Value, number: u64) -> &mut Value {
    pecs["pecs"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["pec"] == number)
        .unwrap()
}
