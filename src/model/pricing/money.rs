//! Exact money: prices as integers of 10⁻¹⁰ USD, amounts as exact fractions, rounded to the
//! cent only at the end, half up.

use std::fmt;

use super::*;

/// A price per unit (per request, or per GB-s), in integer units of 10⁻¹⁰ USD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UsdRate {
    ten_billionths_usd: u64,
}

impl UsdRate {
    /// A price of `ten_billionths_usd` × 10⁻¹⁰ USD per unit.
    pub const fn from_ten_billionths_usd(ten_billionths_usd: u64) -> Self {
        Self { ten_billionths_usd }
    }

    /// The price in units of 10⁻¹⁰ USD.
    pub const fn ten_billionths_usd(self) -> u64 {
        self.ten_billionths_usd
    }

    /// The price in USD, for charts (never for billing arithmetic).
    pub fn usd_f64(self) -> f64 {
        self.ten_billionths_usd as f64 / 1e10
    }
}

impl fmt::Display for UsdRate {
    /// AWS's own notation, with all ten decimals: `$0.0000166667`, `$0.0000150000`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.ten_billionths_usd / 10_000_000_000;
        let fraction = self.ten_billionths_usd % 10_000_000_000;
        write!(f, "${whole}.{fraction:010}")
    }
}

// ---------------------------------------------------------------------------------------------
// Exact money
// ---------------------------------------------------------------------------------------------

/// An exact amount of money: `numerator / ExactUsd::DENOMINATOR` US dollars.
///
/// The denominator is 10¹⁰ (prices) × 1,024,000 (MB-ms per GB-s), so every price × quantity in
/// this model is an integer numerator and sums never drift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ExactUsd {
    numerator: u128,
}

impl ExactUsd {
    /// The fixed denominator of every [`ExactUsd`].
    pub const DENOMINATOR: u128 = 10_000_000_000 * MB_MS_PER_GB_S;

    /// Zero dollars.
    pub const ZERO: Self = Self { numerator: 0 };

    /// `numerator / DENOMINATOR` USD.
    pub const fn from_numerator(numerator: u128) -> Self {
        Self { numerator }
    }

    /// The numerator over [`ExactUsd::DENOMINATOR`].
    pub const fn numerator(self) -> u128 {
        self.numerator
    }

    /// The cost of `mb_ms` MB-ms at `rate` per GB-s: exact by construction.
    pub fn of_mb_ms(mb_ms: u128, rate: UsdRate) -> Self {
        Self::from_numerator(mb_ms * u128::from(rate.ten_billionths_usd))
    }

    /// The cost of `count` units at `rate` per unit (requests).
    pub fn of_count(count: u128, rate: UsdRate) -> Self {
        Self::from_numerator(count * u128::from(rate.ten_billionths_usd) * MB_MS_PER_GB_S)
    }

    /// Rounded to whole cents, half up (the way AWS's examples show $0.077868 as $0.08).
    pub fn cents_half_up(self) -> u64 {
        let cents = (self.numerator * 100 + Self::DENOMINATOR / 2) / Self::DENOMINATOR;
        // Inputs are bounded by validation far below u64::MAX cents; saturate rather than wrap.
        u64::try_from(cents).unwrap_or(u64::MAX)
    }

    /// The amount in USD as `f64`, for charts and JSON (not for billing arithmetic).
    pub fn usd_f64(self) -> f64 {
        let whole = self.numerator / Self::DENOMINATOR;
        let fraction = self.numerator % Self::DENOMINATOR;
        whole as f64 + fraction as f64 / Self::DENOMINATOR as f64
    }
}

impl std::ops::Add for ExactUsd {
    type Output = Self;
    fn add(self, other: Self) -> Self {
        Self::from_numerator(self.numerator + other.numerator)
    }
}

impl std::iter::Sum for ExactUsd {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::ZERO, |sum, item| sum + item)
    }
}
