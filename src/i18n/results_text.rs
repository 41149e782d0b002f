//! Strings of the results components — the exceptions queue, the code
//! detail panel, the charts and the printable report — in both languages.
//!
//! Class, flag, status and pull names come from [`super::labels`]; sentences
//! with numbers in them are small functions, because the two languages put
//! the numbers in different places.

use fcode_core::model::{BindStatus, LocalStatus};
use fcode_core::reconcile::{Flag, TieOut};
use fcode_core::report::InputRole;

use super::Lang;
use super::labels::pick;
use crate::format::{count, yuan};

pub struct ResultsTexts {
    // ---- the exceptions queue ----
    pub table_title: &'static str,
    pub filter_classes: &'static str,
    pub filter_flags: &'static str,
    pub filter_all: &'static str,
    pub filter_exceptions: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub total_label: &'static str,
    pub col_code: &'static str,
    pub col_class: &'static str,
    pub col_flags: &'static str,
    pub col_amount: &'static str,
    pub col_status: &'static str,
    pub col_modified: &'static str,
    pub col_batch: &'static str,
    pub col_recipient: &'static str,
    pub col_order_ref: &'static str,
    pub sort_hint: &'static str,
    pub loading: &'static str,
    pub no_match: &'static str,
    pub no_results: &'static str,
    pub rows_failed: &'static str,
    pub retry: &'static str,
    pub open_detail_hint: &'static str,
    pub unknown_amount: &'static str,
    // ---- the detail panel ----
    pub detail_title: &'static str,
    pub detail_close: &'static str,
    pub detail_as_given: &'static str,
    pub detail_as_given_hint: &'static str,
    pub detail_flags: &'static str,
    pub detail_no_flags: &'static str,
    pub detail_platform: &'static str,
    pub detail_not_on_platform: &'static str,
    pub detail_status: &'static str,
    pub detail_bind: &'static str,
    pub detail_modified: &'static str,
    pub detail_batch: &'static str,
    pub detail_batch_name: &'static str,
    pub detail_amount: &'static str,
    pub detail_source: &'static str,
    pub detail_issuance: &'static str,
    pub detail_not_issued: &'static str,
    pub detail_issued_at: &'static str,
    pub detail_recipient: &'static str,
    pub detail_order_ref: &'static str,
    pub detail_face_value: &'static str,
    pub detail_local_status: &'static str,
    pub detail_local_batch: &'static str,
    pub detail_note: &'static str,
    pub detail_several_rows: &'static str,
    pub detail_failed: &'static str,
    // ---- the charts ----
    pub chart_mix_title: &'static str,
    pub chart_mix_desc: &'static str,
    pub chart_mix_empty: &'static str,
    pub chart_issuance_only: &'static str,
    pub chart_no_batch: &'static str,
    pub chart_legend: &'static str,
    pub chart_days_title: &'static str,
    pub chart_days_desc: &'static str,
    pub chart_days_empty: &'static str,
    pub chart_count_series: &'static str,
    pub chart_amount_series: &'static str,
    pub codes_and_amount: fn(u64, i64) -> String,
    pub day_tooltip: fn(&str, u64, i64) -> String,
    pub segment_tooltip: fn(&str, u64, u64) -> String,
    // ---- the printable report ----
    pub print_title: &'static str,
    pub print_generated: &'static str,
    pub print_rules: &'static str,
    pub print_schema: &'static str,
    pub print_warnings: &'static str,
    pub print_incomplete: fn(&str, u64, Option<u64>) -> String,
    pub print_classes: &'static str,
    pub print_flags: &'static str,
    pub print_item: &'static str,
    pub print_count: &'static str,
    pub print_amount: &'static str,
    pub print_amount_unknown: &'static str,
    pub print_total: &'static str,
    pub print_exceptions_total: &'static str,
    pub print_bound: &'static str,
    pub print_unbound: &'static str,
    pub print_tie_out: &'static str,
    pub tie_out_line: fn(&TieOut) -> String,
    pub balanced: &'static str,
    pub unbalanced: &'static str,
    pub print_period: fn(&str, &str) -> String,
    pub period_in: &'static str,
    pub period_before: &'static str,
    pub period_after: &'static str,
    pub print_batches: &'static str,
    pub print_other_batches: &'static str,
    pub col_mix_id: &'static str,
    pub col_name: &'static str,
    pub col_denomination: &'static str,
    pub col_total_count: &'static str,
    pub col_loaded: &'static str,
    pub col_complete: &'static str,
    pub col_pull: &'static str,
    pub complete_yes: &'static str,
    pub complete_no: &'static str,
    pub complete_unknown: &'static str,
    pub print_inputs: &'static str,
    pub col_file: &'static str,
    pub col_role: &'static str,
    pub col_format: &'static str,
    pub col_rows: &'static str,
    pub col_rejected: &'static str,
    pub col_sha256: &'static str,
    pub role_platform: &'static str,
    pub role_issuance: &'static str,
    pub print_charts: &'static str,
    pub print_signatures: &'static str,
    pub preparer: &'static str,
    pub reviewer: &'static str,
    pub signature: &'static str,
    pub date: &'static str,
    pub signed_off_at: &'static str,
    pub print_footer: &'static str,
}

pub const ZH: ResultsTexts = ResultsTexts {
    table_title: "异常队列",
    filter_classes: "按类别筛选",
    filter_flags: "按异常标记筛选",
    filter_all: "全部",
    filter_exceptions: "仅看异常",
    search_label: "搜索券码、领取人或订单号",
    search_placeholder: "券码 / 领取人 / 订单号",
    total_label: "符合条件的券码",
    col_code: "券码",
    col_class: "类别",
    col_flags: "异常标记",
    col_amount: "金额",
    col_status: "平台状态",
    col_modified: "变更时间",
    col_batch: "批次 mix_id",
    col_recipient: "领取人",
    col_order_ref: "订单号",
    sort_hint: "点击排序，再次点击反向",
    loading: "正在加载…",
    no_match: "没有符合条件的券码",
    no_results: "完成对账后，这里逐码列出全部券码",
    rows_failed: "无法加载券码列表：",
    retry: "重试",
    open_detail_hint: "点击查看此码详情",
    unknown_amount: "未知",
    detail_title: "券码详情",
    detail_close: "关闭",
    detail_as_given: "原始写法",
    detail_as_given_hint: "规范化（全角转半角、去空格、去撇号、转大写）改变了此码",
    detail_flags: "异常标记",
    detail_no_flags: "无异常",
    detail_platform: "平台记录",
    detail_not_on_platform: "平台数据中没有此码",
    detail_status: "券码状态",
    detail_bind: "绑定状态",
    detail_modified: "变更时间",
    detail_batch: "批次 mix_id",
    detail_batch_name: "批次名称",
    detail_amount: "金额",
    detail_source: "来源",
    detail_issuance: "发放记录",
    detail_not_issued: "发放清单中没有此码",
    detail_issued_at: "发放时间",
    detail_recipient: "领取人",
    detail_order_ref: "订单号",
    detail_face_value: "面值（发放清单）",
    detail_local_status: "状态（发放清单）",
    detail_local_batch: "批次（发放清单）",
    detail_note: "备注",
    detail_several_rows: "此码在发放清单中有多行，各栏的不同取值以“; ”分隔",
    detail_failed: "无法加载此码详情：",
    chart_mix_title: "各批次状态构成",
    chart_mix_desc: "每个批次一条 100% 堆积条，按类别分段；段内数字为券码数",
    chart_mix_empty: "没有批次数据",
    chart_issuance_only: "（仅见于发放清单）",
    chart_no_batch: "无批次",
    chart_legend: "图例",
    chart_days_title: "每日核销",
    chart_days_desc: "柱：当日核销券码数（左轴）；虚线：当日核销金额（右轴）；按北京时间",
    chart_days_empty: "没有核销记录",
    chart_count_series: "核销数",
    chart_amount_series: "核销金额",
    codes_and_amount: zh_codes_and_amount,
    day_tooltip: zh_day_tooltip,
    segment_tooltip: zh_segment_tooltip,
    print_title: "券码对账报告",
    print_generated: "生成时间（北京时间）",
    print_rules: "规则版本",
    print_schema: "报告格式",
    print_warnings: "警告",
    print_incomplete: zh_incomplete,
    print_classes: "按类别汇总",
    print_flags: "异常标记汇总",
    print_item: "项目",
    print_count: "数量",
    print_amount: "金额",
    print_amount_unknown: "金额未知",
    print_total: "合计",
    print_exceptions_total: "有任一异常标记的券码",
    print_bound: "其中：已绑定",
    print_unbound: "其中：未绑定",
    print_tie_out: "勾稽关系",
    tie_out_line: zh_tie_out,
    balanced: "平衡",
    unbalanced: "不平衡",
    print_period: zh_period,
    period_in: "期间内核销（结算数）",
    period_before: "期间前核销",
    period_after: "期间后核销",
    print_batches: "批次",
    print_other_batches: "平台数据未加载的批次",
    col_mix_id: "批次 mix_id",
    col_name: "名称",
    col_denomination: "面值",
    col_total_count: "总数",
    col_loaded: "已加载",
    col_complete: "完整性",
    col_pull: "拉取方式",
    complete_yes: "完整",
    complete_no: "不完整",
    complete_unknown: "无法判断",
    print_inputs: "输入文件",
    col_file: "文件名",
    col_role: "角色",
    col_format: "格式",
    col_rows: "行数",
    col_rejected: "拒绝行",
    col_sha256: "SHA-256",
    role_platform: "平台数据",
    role_issuance: "发放清单",
    print_charts: "图表",
    print_signatures: "签字确认",
    preparer: "制表人",
    reviewer: "复核人",
    signature: "签字",
    date: "日期",
    signed_off_at: "签核时间：",
    print_footer: "本报告由 fcode-recon 在浏览器内生成，数据未离开本机。输入文件的 SHA-256 与规则版本可用于复核重现。",
};

pub const EN: ResultsTexts = ResultsTexts {
    table_title: "Exceptions queue",
    filter_classes: "Filter by class",
    filter_flags: "Filter by exception flag",
    filter_all: "All",
    filter_exceptions: "Exceptions only",
    search_label: "Search code, recipient or order reference",
    search_placeholder: "Code / recipient / order ref.",
    total_label: "Matching codes",
    col_code: "Code",
    col_class: "Class",
    col_flags: "Flags",
    col_amount: "Amount",
    col_status: "Platform status",
    col_modified: "Modified",
    col_batch: "Batch (mix_id)",
    col_recipient: "Recipient",
    col_order_ref: "Order ref.",
    sort_hint: "Click to sort; click again to reverse",
    loading: "Loading…",
    no_match: "No codes match",
    no_results: "Run the reconciliation to list every code here",
    rows_failed: "The code list could not be loaded: ",
    retry: "Retry",
    open_detail_hint: "Click for this code's details",
    unknown_amount: "unknown",
    detail_title: "Code details",
    detail_close: "Close",
    detail_as_given: "As given",
    detail_as_given_hint: "Normalisation (full-width, spaces, apostrophe, case) changed this code",
    detail_flags: "Exception flags",
    detail_no_flags: "No exceptions",
    detail_platform: "Platform record",
    detail_not_on_platform: "The platform data does not have this code",
    detail_status: "Code status",
    detail_bind: "Bind status",
    detail_modified: "Modified (gmt_modified)",
    detail_batch: "Batch (mix_id)",
    detail_batch_name: "Batch name",
    detail_amount: "Amount",
    detail_source: "Source",
    detail_issuance: "Issuance record",
    detail_not_issued: "The issuance list does not have this code",
    detail_issued_at: "Issued at",
    detail_recipient: "Recipient",
    detail_order_ref: "Order reference",
    detail_face_value: "Face value (issuance list)",
    detail_local_status: "Status (issuance list)",
    detail_local_batch: "Batch (issuance list)",
    detail_note: "Note",
    detail_several_rows: "This code is on several rows of the issuance list; differing values are joined with “; ”",
    detail_failed: "The code's details could not be loaded: ",
    chart_mix_title: "Status mix per batch",
    chart_mix_desc: "One 100% stacked bar per batch, split by class; the numbers are codes",
    chart_mix_empty: "No batches",
    chart_issuance_only: "(issuance list only)",
    chart_no_batch: "No batch",
    chart_legend: "Legend",
    chart_days_title: "Redemptions per day",
    chart_days_desc: "Bars: codes redeemed that day (left axis); dashed line: amount redeemed (right axis); Beijing time",
    chart_days_empty: "No redemptions",
    chart_count_series: "Codes redeemed",
    chart_amount_series: "Amount redeemed",
    codes_and_amount: en_codes_and_amount,
    day_tooltip: en_day_tooltip,
    segment_tooltip: en_segment_tooltip,
    print_title: "F-code reconciliation report",
    print_generated: "Generated (Beijing time)",
    print_rules: "Rules version",
    print_schema: "Report schema",
    print_warnings: "Warnings",
    print_incomplete: en_incomplete,
    print_classes: "Summary by class",
    print_flags: "Exception flags",
    print_item: "Item",
    print_count: "Count",
    print_amount: "Amount",
    print_amount_unknown: "Amount unknown",
    print_total: "Total",
    print_exceptions_total: "Codes with any flag",
    print_bound: "of which bound",
    print_unbound: "of which unbound",
    print_tie_out: "Tie-out",
    tie_out_line: en_tie_out,
    balanced: "balanced",
    unbalanced: "does NOT balance",
    print_period: en_period,
    period_in: "Redeemed in the period (to settle)",
    period_before: "Redeemed before it",
    period_after: "Redeemed after it",
    print_batches: "Batches",
    print_other_batches: "Batches not loaded from the platform",
    col_mix_id: "Batch (mix_id)",
    col_name: "Name",
    col_denomination: "Face value",
    col_total_count: "Total",
    col_loaded: "Loaded",
    col_complete: "Complete",
    col_pull: "Pull",
    complete_yes: "complete",
    complete_no: "INCOMPLETE",
    complete_unknown: "unknown",
    print_inputs: "Input files",
    col_file: "File",
    col_role: "Role",
    col_format: "Format",
    col_rows: "Rows",
    col_rejected: "Rejected",
    col_sha256: "SHA-256",
    role_platform: "Platform data",
    role_issuance: "Issuance list",
    print_charts: "Charts",
    print_signatures: "Sign-off",
    preparer: "Prepared by",
    reviewer: "Reviewed by",
    signature: "Signature",
    date: "Date",
    signed_off_at: "Signed off:",
    print_footer: "Generated by fcode-recon inside the browser; no data left this computer. The inputs' SHA-256 and the rules version let a reviewer reproduce this result.",
};

pub fn results_texts(lang: Lang) -> &'static ResultsTexts {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// What an exception flag means, in one line (detail panel, print view).
pub fn flag_hint(lang: Lang, flag: Flag) -> &'static str {
    let (zh, en) = match flag {
        Flag::MissingOnPlatform => ("已发放，但平台全量数据中没有此码", "Issued, but absent from the platform's full data"),
        Flag::UnissuedRedeemed => ("公司从未发放，却在平台被核销：泄露或舞弊？", "Never issued by the company, yet redeemed: a leak or fraud?"),
        Flag::UnissuedBound => ("公司从未发放，却已被用户绑定", "Never issued by the company, yet bound to a user"),
        Flag::VoidedButRedeemed => ("发放清单标记作废，平台却显示已核销", "Voided on the issuance list, yet redeemed on the platform"),
        Flag::DuplicateIssue => ("此码在发放清单中出现不止一行", "The code is on more than one issuance row"),
        Flag::PlatformConflict => ("平台数据自相矛盾：同一时刻不同状态，或出现在两个批次", "The platform data disagrees with itself: two statuses at one moment, or two batches"),
        Flag::FaceValueMismatch => ("发放清单的面值与批次面值不同", "The issuance row's face value differs from the batch's"),
        Flag::BatchMismatch => ("发放清单的批次与平台批次不同", "The issuance row's batch differs from the platform's"),
        Flag::RedeemedAfterExpiry => ("在批次最后有效时刻之后才核销", "Redeemed after the batch's last valid moment"),
    };
    pick(lang, zh, en)
}

pub fn bind_status(lang: Lang, status: BindStatus) -> &'static str {
    match status {
        BindStatus::Bound => pick(lang, "已绑定", "Bound"),
        BindStatus::Unbound => pick(lang, "未绑定", "Unbound"),
    }
}

pub fn local_status(lang: Lang, status: LocalStatus) -> &'static str {
    match status {
        LocalStatus::Issued => pick(lang, "已发放", "Issued"),
        LocalStatus::Void => pick(lang, "作废", "Void"),
    }
}

pub fn input_role(lang: Lang, role: InputRole) -> &'static str {
    let t = results_texts(lang);
    match role {
        InputRole::Platform => t.role_platform,
        InputRole::Issuance => t.role_issuance,
    }
}

/// `true` / `false` / `null` completeness of a batch.
pub fn completeness(lang: Lang, complete: Option<bool>) -> &'static str {
    let t = results_texts(lang);
    match complete {
        Some(true) => t.complete_yes,
        Some(false) => t.complete_no,
        None => t.complete_unknown,
    }
}

fn zh_codes_and_amount(codes: u64, cents: i64) -> String {
    format!("{} 个码，{}", count(codes), yuan(cents))
}

fn en_codes_and_amount(codes: u64, cents: i64) -> String {
    format!("{} codes, {}", count(codes), yuan(cents))
}

fn zh_day_tooltip(date: &str, codes: u64, cents: i64) -> String {
    format!("{date}：核销 {} 个码，{}", count(codes), yuan(cents))
}

fn en_day_tooltip(date: &str, codes: u64, cents: i64) -> String {
    format!("{date}: {} codes redeemed, {}", count(codes), yuan(cents))
}

/// `label: n of total (p%)` for a segment of a batch bar.
fn zh_segment_tooltip(label: &str, n: u64, total: u64) -> String {
    format!("{label}：{} / {} 个码（{}）", count(n), count(total), percent(n, total))
}

fn en_segment_tooltip(label: &str, n: u64, total: u64) -> String {
    format!("{label}: {} of {} codes ({})", count(n), count(total), percent(n, total))
}

fn zh_incomplete(mix_id: &str, loaded: u64, total: Option<u64>) -> String {
    match total {
        Some(total) => format!("批次 {mix_id} 不完整：平台共 {} 个码，只加载了 {} 个。汇总数据可能偏低。", count(total), count(loaded)),
        None => format!("批次 {mix_id} 不完整：只加载了 {} 个码。", count(loaded)),
    }
}

fn en_incomplete(mix_id: &str, loaded: u64, total: Option<u64>) -> String {
    match total {
        Some(total) => format!(
            "Batch {mix_id} is incomplete: the platform has {} codes, only {} were loaded. Totals may be understated.",
            count(total),
            count(loaded)
        ),
        None => format!("Batch {mix_id} is incomplete: only {} codes were loaded.", count(loaded)),
    }
}

fn zh_tie_out(t: &TieOut) -> String {
    format!(
        "发放清单 {} 行 → {} 个不同券码 = 已发放各类别之和 {}；平台 {} 条记录 → {} 个不同券码 = 平台各类别之和 {}；全部 {} 个券码；拒绝 {} 行，规范化 {} 行。",
        count(t.issuance_rows),
        count(t.issued_codes),
        count(t.issued_classes_sum),
        count(t.platform_records),
        count(t.platform_codes),
        count(t.platform_classes_sum),
        count(t.codes),
        count(t.rejected_rows),
        count(t.normalised_rows),
    )
}

fn en_tie_out(t: &TieOut) -> String {
    format!(
        "Issuance list {} rows → {} distinct codes = sum of issued classes {}; platform {} records → {} distinct codes = sum of platform classes {}; {} codes in all; {} rows rejected, {} normalised.",
        count(t.issuance_rows),
        count(t.issued_codes),
        count(t.issued_classes_sum),
        count(t.platform_records),
        count(t.platform_codes),
        count(t.platform_classes_sum),
        count(t.codes),
        count(t.rejected_rows),
        count(t.normalised_rows),
    )
}

fn zh_period(from: &str, to: &str) -> String {
    format!("结算期间 {from} 至 {to}（不含）")
}

fn en_period(from: &str, to: &str) -> String {
    format!("Settlement period {from} to {to} (exclusive)")
}

/// `12.5%` with one decimal, integer maths; `0%` of nothing.
pub fn percent(n: u64, total: u64) -> String {
    if total == 0 {
        return "0%".into();
    }
    let tenths = (u128::from(n) * 1000 + u128::from(total) / 2) / u128::from(total);
    format!("{}.{}%", tenths / 10, tenths % 10)
}
