//! The small value types every part of the engine shares: money, statuses,
//! pull types. Statuses are parsed once at the edge; the raw text stays in the
//! input for display.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Money in fen (1/100 yuan). Never a float: amounts are parsed from decimal
/// text exactly and summed as integers.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Fen(pub i64);

impl Fen {
    /// The amount as yuan text with two decimals: `Fen(400)` → `"4.00"`.
    pub fn yuan_text(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl fmt::Display for Fen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.yuan_text())
    }
}

/// `code_status` of the platform (券码状态).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub enum CodeStatus {
    /// -2 已失效
    Invalidated,
    /// -1 过期
    Expired,
    /// 0 正常
    Normal,
    /// 2 核销
    Redeemed,
}

impl CodeStatus {
    pub fn from_code(code: i64) -> Option<Self> {
        match code {
            -2 => Some(Self::Invalidated),
            -1 => Some(Self::Expired),
            0 => Some(Self::Normal),
            2 => Some(Self::Redeemed),
            _ => None,
        }
    }

    pub fn code(self) -> i64 {
        match self {
            Self::Invalidated => -2,
            Self::Expired => -1,
            Self::Normal => 0,
            Self::Redeemed => 2,
        }
    }

    /// Chinese and English labels that CSV exports use instead of numbers.
    pub fn from_label(label: &str) -> Option<Self> {
        match label.trim().to_ascii_lowercase().as_str() {
            "已失效" | "失效" | "invalidated" | "invalid" => Some(Self::Invalidated),
            "过期" | "已过期" | "expired" => Some(Self::Expired),
            "正常" | "未使用" | "未核销" | "normal" => Some(Self::Normal),
            "核销" | "已核销" | "已使用" | "redeemed" | "consumed" => Some(Self::Redeemed),
            _ => None,
        }
    }
}

impl TryFrom<i64> for CodeStatus {
    type Error = String;
    fn try_from(v: i64) -> Result<Self, Self::Error> {
        Self::from_code(v).ok_or_else(|| format!("unknown code_status {v}"))
    }
}

impl From<CodeStatus> for i64 {
    fn from(s: CodeStatus) -> i64 {
        s.code()
    }
}

/// `bind_status` of the platform (绑定状态).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub enum BindStatus {
    /// -1 未绑定
    Unbound,
    /// 0 已绑定
    Bound,
}

impl BindStatus {
    pub fn from_code(code: i64) -> Option<Self> {
        match code {
            -1 => Some(Self::Unbound),
            0 => Some(Self::Bound),
            _ => None,
        }
    }

    pub fn code(self) -> i64 {
        match self {
            Self::Unbound => -1,
            Self::Bound => 0,
        }
    }

    pub fn from_label(label: &str) -> Option<Self> {
        match label.trim().to_ascii_lowercase().as_str() {
            "未绑定" | "unbound" => Some(Self::Unbound),
            "已绑定" | "绑定" | "bound" => Some(Self::Bound),
            _ => None,
        }
    }
}

impl TryFrom<i64> for BindStatus {
    type Error = String;
    fn try_from(v: i64) -> Result<Self, Self::Error> {
        Self::from_code(v).ok_or_else(|| format!("unknown bind_status {v}"))
    }
}

impl From<BindStatus> for i64 {
    fn from(s: BindStatus) -> i64 {
        s.code()
    }
}

/// How a batch was pulled from the platform (`operate_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum PullType {
    /// Full pull: every code of the batch.
    #[default]
    #[serde(rename = "ALL")]
    All,
    /// Redemption pull: only redeemed codes.
    #[serde(rename = "CONSUME")]
    Consume,
}

impl PullType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "ALL",
            Self::Consume => "CONSUME",
        }
    }
}

/// The local status column of the issuance list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LocalStatus {
    #[default]
    Issued,
    Void,
}

impl LocalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Issued => "issued",
            Self::Void => "void",
        }
    }
}
