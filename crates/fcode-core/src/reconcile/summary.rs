//! Counts and amounts per class and per flag (SPEC 5 summary). Amounts are
//! summed from the very per-code amounts, so totals always tie out.

use super::classes::{Class, Flag, Flags};
use crate::model::Fen;
use serde::{Deserialize, Serialize};

/// A count, its known amount, and how many codes had no known amount.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub count: u64,
    pub amount_cents: i64,
    pub amount_unknown: u64,
}

impl Tally {
    pub fn add(&mut self, amount: Option<Fen>) {
        self.count += 1;
        match amount {
            Some(a) => self.amount_cents = self.amount_cents.saturating_add(a.0),
            None => self.amount_unknown += 1,
        }
    }

    pub fn merge(&mut self, o: &Tally) {
        self.count += o.count;
        self.amount_cents = self.amount_cents.saturating_add(o.amount_cents);
        self.amount_unknown += o.amount_unknown;
    }
}

/// Tallies per class (indexed by `Class::index`) and per flag.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub classes: [Tally; 9],
    pub flags: [Tally; 9],
    /// `outstanding` split by bind status.
    pub outstanding_bound: Tally,
    pub outstanding_unbound: Tally,
    /// Codes with at least one flag.
    pub exceptions: Tally,
}

impl Summary {
    pub fn add(&mut self, class: Class, flags: Flags, amount: Option<Fen>, bound: bool) {
        if let Some(t) = self.classes.get_mut(class.index()) {
            t.add(amount);
        }
        for f in flags.iter() {
            if let Some(t) = self.flags.get_mut(f.index()) {
                t.add(amount);
            }
        }
        if !flags.is_empty() {
            self.exceptions.add(amount);
        }
        if class == Class::Outstanding {
            if bound {
                self.outstanding_bound.add(amount)
            } else {
                self.outstanding_unbound.add(amount)
            }
        }
    }

    /// Adds another summary's tallies to these.
    pub fn merge(&mut self, o: &Summary) {
        for (t, u) in self.classes.iter_mut().zip(&o.classes) {
            t.merge(u);
        }
        for (t, u) in self.flags.iter_mut().zip(&o.flags) {
            t.merge(u);
        }
        self.outstanding_bound.merge(&o.outstanding_bound);
        self.outstanding_unbound.merge(&o.outstanding_unbound);
        self.exceptions.merge(&o.exceptions);
    }

    pub fn class(&self, c: Class) -> Tally {
        self.classes.get(c.index()).copied().unwrap_or_default()
    }

    pub fn flag(&self, f: Flag) -> Tally {
        self.flags.get(f.index()).copied().unwrap_or_default()
    }

    /// Codes in any class.
    pub fn total(&self) -> Tally {
        let mut t = Tally::default();
        for c in &self.classes {
            t.merge(c);
        }
        t
    }
}

/// Redemptions split by an optional period `[from, to)` on gmt_modified.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodSummary {
    pub from: String,
    pub to: String,
    pub redeemed_in_period: Tally,
    pub redeemed_before: Tally,
    pub redeemed_after: Tally,
}

/// The codes whose platform status is redeemed, on one day of Beijing time
/// (by `gmt_modified`), with their amounts: the results page's chart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedeemedDay {
    /// Days since 1970-01-01 (Beijing time).
    pub day: i64,
    pub count: u64,
    /// Known amounts summed (saturating); codes without one add nothing.
    pub amount: Fen,
}

/// Tallies [`RedeemedDay`]s while classification visits each code: its
/// platform state is at hand there, where a later pass over the results
/// would fetch every code's platform record again (a cache miss each: the
/// worker's time outside the engine at 1M fell from 94 to 47 ms without it).
/// Days within about five years of the first one tallied are counted in a
/// plain array (half of all codes are redeemed: a hash per code showed),
/// any other day in a map.
#[derive(Default)]
pub(crate) struct RedeemedDays {
    base: Option<i64>,
    near: Vec<(u64, i64)>,
    far: rustc_hash::FxHashMap<i64, (u64, i64)>,
}

/// Days in [`RedeemedDays`]'s array, half before the first day tallied.
const NEAR_DAYS: usize = 4096;

impl RedeemedDays {
    pub fn add(&mut self, gmt_modified: crate::time::BeijingTime, amount: Option<Fen>) {
        let day = gmt_modified.0.div_euclid(86_400);
        let base = *self
            .base
            .get_or_insert(day.saturating_sub(NEAR_DAYS as i64 / 2));
        if self.near.is_empty() {
            self.near = vec![(0, 0); NEAR_DAYS];
        }
        let slot = usize::try_from(day.saturating_sub(base))
            .ok()
            .and_then(|i| self.near.get_mut(i));
        let entry = match slot {
            Some(entry) => entry,
            None => self.far.entry(day).or_default(),
        };
        entry.0 += 1;
        entry.1 = entry.1.saturating_add(amount.map_or(0, |a| a.0));
    }

    /// The days in order.
    pub fn into_days(self) -> Vec<RedeemedDay> {
        let base = self.base.unwrap_or(0);
        let near = self
            .near
            .into_iter()
            .enumerate()
            .filter(|(_, (count, _))| *count > 0)
            .map(|(i, tally)| (base.saturating_add(i as i64), tally));
        let mut days: Vec<RedeemedDay> = near
            .chain(self.far)
            .map(|(day, (count, amount))| RedeemedDay {
                day,
                count,
                amount: Fen(amount),
            })
            .collect();
        days.sort_unstable_by_key(|d| d.day);
        days
    }
}

#[cfg(test)]
mod tests {
    use super::{NEAR_DAYS, RedeemedDays};
    use crate::model::Fen;
    use crate::time::BeijingTime;

    /// Days near the first one and far from it (before and after, up to the
    /// extremes of time) are tallied alike and come out in order.
    #[test]
    fn redeemed_days_near_and_far() {
        let near = NEAR_DAYS as i64;
        let first = 20_000i64;
        let days = [
            first,
            first + 1,
            first - near / 2,
            first - near / 2 - 1,
            first + near / 2 - 1,
            first + near / 2,
            first,
            -5,
            i64::MAX / 86_400,
            i64::MIN / 86_400,
        ];
        let mut tally = RedeemedDays::default();
        let mut want = std::collections::BTreeMap::<i64, (u64, i64)>::new();
        for (k, day) in days.into_iter().enumerate() {
            let amount = (k % 3 != 0).then_some(Fen(100 * k as i64));
            tally.add(BeijingTime(day * 86_400 + 3_600), amount);
            let e = want.entry(day).or_default();
            e.0 += 1;
            e.1 += amount.map_or(0, |a| a.0);
        }
        let got: Vec<(i64, u64, i64)> = tally
            .into_days()
            .into_iter()
            .map(|d| (d.day, d.count, d.amount.0))
            .collect();
        let want: Vec<(i64, u64, i64)> = want.into_iter().map(|(d, (c, a))| (d, c, a)).collect();
        assert_eq!(got, want);
    }
}
