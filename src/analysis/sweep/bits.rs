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
    /// How many bits are set here (and in `mask`, if given).
    pub fn count(&self, mask: Option<&Bits>) -> u32 {
        match mask {
            Some(m) => self
                .0
                .iter()
                .zip(&m.0)
                .map(|(x, y)| (x & y).count_ones())
                .sum(),
            None => self.0.iter().map(|x| x.count_ones()).sum(),
        }
    }
    /// This bitset moved down by `offset` bits: bit i of the result is bit i + offset here.
    pub fn shifted(&self, offset: usize) -> Bits {
        let (words, bits) = (offset / 64, offset % 64);
        let at = |i: usize| self.0.get(i).copied().unwrap_or(0);
        Bits(
            (0..self.0.len())
                .map(|i| {
                    let lo = at(i + words) >> bits;
                    let hi = if bits == 0 {
                        0
                    } else {
                        at(i + words + 1) << (64 - bits)
                    };
                    lo | hi
                })
                .collect(),
        )
    }
}
