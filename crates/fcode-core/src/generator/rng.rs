//! A tiny deterministic PRNG (SplitMix64) and the code alphabet. No clock,
//! no OS randomness: the same seed always gives the same data.

pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform-ish in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }
}

/// Codes look like the platform's (`2X2QFKTZD2K`): 11 characters from an
/// alphabet without 0/O/1/I.
const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const CODE_BITS: u32 = 55; // 11 × 5 bits

/// The i-th code of a data set: an odd multiplier and an xor are
/// bijections modulo 2^55, so distinct `i` give distinct codes.
pub fn code_for(i: u64, seed: u64) -> String {
    let mask = (1u64 << CODE_BITS) - 1;
    let x = (i.wrapping_mul(0x5851_F42D_4C95_7F2D | 1) ^ seed.wrapping_mul(0x2545_F491_4F6C_DD1D))
        & mask;
    let mut out = String::with_capacity(11);
    for k in (0..11).rev() {
        let d = ((x >> (k * 5)) & 31) as usize;
        out.push(ALPHABET.get(d).map(|b| *b as char).unwrap_or('2'));
    }
    out
}
