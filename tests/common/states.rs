//! Random readings for property tests: each weight at 0, 1 or anywhere between, every choice.
#![allow(dead_code)]

use proptest::prelude::*;
use reweigh::State;
use reweigh::reading::state::{
    Baltics, Base, Disputed, RegionScheme, Russia, WEIGHT_SCALE, Weight, WinRule,
};

pub fn weight() -> impl Strategy<Value = Weight> {
    prop_oneof![Just(0i64), Just(WEIGHT_SCALE), 0..=WEIGHT_SCALE]
        .prop_map(|u| Weight::from_scaled(u).unwrap())
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

prop_compose! {
    pub fn state()(
        invalid in weight(), davankov in weight(), slutsky in weight(), kharitonov in weight(),
        unreturned in weight(), base in pick(Base::ALL), baltics in pick(Baltics::ALL),
        disputed in pick(Disputed::ALL), win in pick(WinRule::ALL),
        min_issued in prop_oneof![Just(0u32), 0..5000u32], regions in pick(RegionScheme::ALL),
        russia in pick(Russia::ALL),
    ) -> State {
        State { invalid, davankov, slutsky, kharitonov, unreturned, base, baltics, disputed, win, min_issued, regions, russia }
    }
}
