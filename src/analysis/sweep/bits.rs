//! A fixed-size bitset: verdicts over the grid, win flags over PECs and countries.

/// A fixed-size bitset over PECs or countries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bits(pub Vec<u64>);

impl Bits {
    pub fn new(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }
    #[inline(always)]
    pub fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    #[inline(always)]
    pub fn get(&self, i: usize) -> bool {
        self.0[i / 64] >> (i % 64) & 1 == 1
    }
    /// Bit `i` of a bitset's words.
    #[inline(always)]
    pub fn get_in(words: &[u64], i: usize) -> bool {
        words[i / 64] >> (i % 64) & 1 == 1
    }
    /// How many bits are set here (and in `mask`'s words, if given).
    pub fn count(&self, mask: Option<&[u64]>) -> u32 {
        match mask {
            Some(m) => self
                .0
                .iter()
                .zip(m)
                .map(|(x, y)| (x & y).count_ones())
                .sum(),
            None => self.0.iter().map(|x| x.count_ones()).sum(),
        }
    }
}
