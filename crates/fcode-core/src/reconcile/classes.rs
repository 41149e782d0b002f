//! The nine classes and nine exception flags of SPEC 4.

use serde::{Deserialize, Serialize};

/// Exactly one per distinct code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    Redeemed,
    Outstanding,
    Expired,
    Invalidated,
    MissingOnPlatform,
    NotRedeemed,
    UnissuedRedeemed,
    UnissuedBound,
    Unissued,
}

impl Class {
    pub const ALL: [Class; 9] = [
        Self::Redeemed,
        Self::Outstanding,
        Self::Expired,
        Self::Invalidated,
        Self::MissingOnPlatform,
        Self::NotRedeemed,
        Self::UnissuedRedeemed,
        Self::UnissuedBound,
        Self::Unissued,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Redeemed => "redeemed",
            Self::Outstanding => "outstanding",
            Self::Expired => "expired",
            Self::Invalidated => "invalidated",
            Self::MissingOnPlatform => "missing_on_platform",
            Self::NotRedeemed => "not_redeemed",
            Self::UnissuedRedeemed => "unissued_redeemed",
            Self::UnissuedBound => "unissued_bound",
            Self::Unissued => "unissued",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Classes of codes on the issuance list.
    pub fn is_issued(self) -> bool {
        matches!(
            self,
            Self::Redeemed
                | Self::Outstanding
                | Self::Expired
                | Self::Invalidated
                | Self::MissingOnPlatform
                | Self::NotRedeemed
        )
    }

    /// Classes of codes the platform reported.
    pub fn is_on_platform(self) -> bool {
        !matches!(self, Self::MissingOnPlatform | Self::NotRedeemed)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    MissingOnPlatform,
    UnissuedRedeemed,
    UnissuedBound,
    VoidedButRedeemed,
    DuplicateIssue,
    PlatformConflict,
    FaceValueMismatch,
    BatchMismatch,
    RedeemedAfterExpiry,
}

impl Flag {
    pub const ALL: [Flag; 9] = [
        Self::MissingOnPlatform,
        Self::UnissuedRedeemed,
        Self::UnissuedBound,
        Self::VoidedButRedeemed,
        Self::DuplicateIssue,
        Self::PlatformConflict,
        Self::FaceValueMismatch,
        Self::BatchMismatch,
        Self::RedeemedAfterExpiry,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::MissingOnPlatform => "missing_on_platform",
            Self::UnissuedRedeemed => "unissued_redeemed",
            Self::UnissuedBound => "unissued_bound",
            Self::VoidedButRedeemed => "voided_but_redeemed",
            Self::DuplicateIssue => "duplicate_issue",
            Self::PlatformConflict => "platform_conflict",
            Self::FaceValueMismatch => "face_value_mismatch",
            Self::BatchMismatch => "batch_mismatch",
            Self::RedeemedAfterExpiry => "redeemed_after_expiry",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// A set of flags as a bit set (compact for 1M codes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Flags(pub u16);

impl Flags {
    pub fn set(&mut self, f: Flag) {
        self.0 |= f.bit();
    }

    pub fn has(self, f: Flag) -> bool {
        self.0 & f.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Flag> {
        Flag::ALL.into_iter().filter(move |f| self.has(*f))
    }

    /// `a|b|c`, as in detail rows.
    pub fn joined(self) -> String {
        self.iter().map(Flag::as_str).collect::<Vec<_>>().join("|")
    }

    pub fn parse_joined(s: &str) -> Option<Self> {
        let mut f = Flags::default();
        for part in s.split('|').filter(|p| !p.is_empty()) {
            f.set(Flag::parse(part)?);
        }
        Some(f)
    }
}
