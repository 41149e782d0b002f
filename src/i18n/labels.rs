//! Names of the engine's classes, flags and statuses in both languages.
//! The machine names (`redeemed`, ...) stay as they are in hooks and exports.

use fcode_core::model::PullType;
use fcode_core::reconcile::{Class, Flag};

use super::Lang;

pub fn class(lang: Lang, class: Class) -> &'static str {
    let (zh, en) = match class {
        Class::Redeemed => ("已核销", "Redeemed"),
        Class::Outstanding => ("未核销（有效）", "Outstanding"),
        Class::Expired => ("过期未核销", "Expired"),
        Class::Invalidated => ("已失效", "Invalidated"),
        Class::MissingOnPlatform => ("平台缺失", "Missing on platform"),
        Class::NotRedeemed => ("未核销（核销拉取中无）", "Not redeemed"),
        Class::UnissuedRedeemed => ("未发放却已核销", "Redeemed, never issued"),
        Class::UnissuedBound => ("未发放却已绑定", "Bound, never issued"),
        Class::Unissued => ("未发放（库存）", "Not issued (stock)"),
    };
    pick(lang, zh, en)
}

/// One sentence on what a class means, for tooltips and the print view.
pub fn class_hint(lang: Lang, class: Class) -> &'static str {
    let (zh, en) = match class {
        Class::Redeemed => ("已发放，平台状态为核销：应结算金额", "Issued and redeemed on the platform: the amount to settle"),
        Class::Outstanding => ("已发放，平台状态正常：结转为未核销余额", "Issued, still valid on the platform: carried as outstanding"),
        Class::Expired => ("已发放，过期未使用：核销过期作废", "Issued, expired unredeemed: breakage"),
        Class::Invalidated => ("已发放，平台已使之失效", "Issued, invalidated by the platform"),
        Class::MissingOnPlatform => ("已发放，但全量拉取中没有此码：录入错误或批次错误？", "Issued, but absent from a full pull: a typo or the wrong batch?"),
        Class::NotRedeemed => ("已发放，核销拉取中没有：视为未核销", "Issued, absent from a redemption pull: not redeemed"),
        Class::UnissuedRedeemed => ("公司从未发放，却在平台核销：泄露或舞弊？", "Never issued by the company, yet redeemed: a leak or fraud?"),
        Class::UnissuedBound => ("公司从未发放，却已被绑定", "Never issued by the company, yet bound to a user"),
        Class::Unissued => ("库存中未发放的码", "Stock never handed out"),
    };
    pick(lang, zh, en)
}

pub fn flag(lang: Lang, flag: Flag) -> &'static str {
    let (zh, en) = match flag {
        Flag::MissingOnPlatform => ("平台缺失", "Missing on platform"),
        Flag::UnissuedRedeemed => ("未发放却核销", "Redeemed, never issued"),
        Flag::UnissuedBound => ("未发放却绑定", "Bound, never issued"),
        Flag::VoidedButRedeemed => ("已作废仍被核销", "Voided but redeemed"),
        Flag::DuplicateIssue => ("重复发放", "Issued twice"),
        Flag::PlatformConflict => ("平台数据冲突", "Platform conflict"),
        Flag::FaceValueMismatch => ("面值不符", "Face value mismatch"),
        Flag::BatchMismatch => ("批次不符", "Batch mismatch"),
        Flag::RedeemedAfterExpiry => ("过期后核销", "Redeemed after expiry"),
    };
    pick(lang, zh, en)
}

pub fn pull(lang: Lang, pull: PullType) -> &'static str {
    match pull {
        PullType::All => pick(lang, "全量拉取 ALL", "Full pull (ALL)"),
        PullType::Consume => pick(lang, "核销拉取 CONSUME", "Redemption pull (CONSUME)"),
    }
}

/// The platform's `code_status`.
pub fn platform_status(lang: Lang, status: i64) -> &'static str {
    match status {
        -2 => pick(lang, "已失效", "Invalidated"),
        -1 => pick(lang, "过期", "Expired"),
        0 => pick(lang, "正常", "Valid"),
        2 => pick(lang, "核销", "Redeemed"),
        _ => "?",
    }
}

/// The string of the language, from a pair written side by side.
pub(crate) fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
