//! Strings of the live-fetch page (src/fetch) in both languages: the
//! settings, the progress rows, every error with its hint. Sentences with
//! values in them are small functions, because the two languages put the
//! values in different places.

use super::Lang;

pub struct FetchTexts {
    pub title: &'static str,
    pub intro: &'static str,
    // ---- settings ----
    pub settings_title: &'static str,
    pub proxy_url: &'static str,
    pub proxy_url_hint: &'static str,
    pub token: &'static str,
    pub token_hint: &'static str,
    pub partner_code: &'static str,
    pub batches: &'static str,
    pub batches_hint: &'static str,
    pub pull: &'static str,
    pub pull_all: &'static str,
    pub pull_consume: &'static str,
    pub cursor_key: &'static str,
    pub cursor_key_hint: &'static str,
    pub max_pages: &'static str,
    pub max_pages_hint: &'static str,
    pub reset_defaults: &'static str,
    pub defaults_from_config: &'static str,
    pub defaults_built_in: &'static str,
    pub config_invalid: &'static str,
    pub config_bad_max_pages: &'static str,
    pub edited_note: &'static str,
    // ---- settings problems ----
    pub problem_proxy_url_missing: &'static str,
    pub problem_proxy_url_scheme: &'static str,
    pub problem_token_unsendable: &'static str,
    pub problem_partner_code_missing: &'static str,
    pub problem_no_batches: &'static str,
    pub problem_cursor_key_missing: &'static str,
    pub problem_max_pages_invalid: &'static str,
    // ---- controls ----
    pub start: &'static str,
    pub cancel: &'static str,
    pub resume: &'static str,
    pub start_hint: &'static str,
    pub nothing_fetched: &'static str,
    pub progress_title: &'static str,
    pub back_platform: &'static str,
    pub storage_unavailable: &'static str,
    pub storage_failed: &'static str,
    // ---- one batch ----
    pub state_waiting: &'static str,
    pub state_fetching: &'static str,
    pub state_done: &'static str,
    pub state_failed: &'static str,
    pub state_cancelled: &'static str,
    pub pages: &'static str,
    pub codes: &'static str,
    pub retries: &'static str,
    pub download: &'static str,
    pub use_fetched: &'static str,
    pub use_partial: &'static str,
    pub in_platform: &'static str,
    pub batch_label: &'static str,
    pub pages_unavailable: &'static str,
    pub download_failed: &'static str,
    // ---- what went wrong ----
    pub broken_body: &'static str,
    pub not_this_api: &'static str,
    pub cursor_missing: &'static str,
    // ---- hints ----
    pub hint_network: &'static str,
    pub hint_server_error: &'static str,
    pub hint_platform_busy: &'static str,
    pub hint_broken_body: &'static str,
    pub hint_proxy_upstream: &'static str,
    pub hint_call_limit_persists: &'static str,
    pub hint_proxy_secret: &'static str,
    pub hint_proxy_clock: &'static str,
    pub hint_app_key: &'static str,
    pub hint_session: &'static str,
    pub hint_permission: &'static str,
    pub hint_missing_parameter: &'static str,
    pub hint_invalid_parameter: &'static str,
    pub hint_request_rejected: &'static str,
    pub hint_isv: &'static str,
    pub hint_proxy_token: &'static str,
    pub hint_proxy_origin: &'static str,
    pub hint_proxy_method: &'static str,
    pub hint_proxy_address: &'static str,
    pub hint_proxy_request: &'static str,
    pub hint_mix_id_not_exist: &'static str,
    pub hint_partner_not_match: &'static str,
    pub hint_business: &'static str,
    pub hint_not_this_api: &'static str,
    pub hint_unknown: &'static str,
    pub hint_cursor: &'static str,
    pub hint_page_limit: &'static str,
}

pub const ZH: FetchTexts = FetchTexts {
    title: "在线拉取平台数据",
    intro: "通过公司自己运行的代理调用淘票票接口 taobao.film.fcode.export.query，逐页拉取每个批次。App Secret 只在代理上，从不进入浏览器。拉取的每一页都保存在本浏览器中：刷新或取消后可以继续。",
    settings_title: "设置",
    proxy_url: "代理地址",
    proxy_url_hint: "代理的根地址，例如 http://127.0.0.1:8787（应用会调用其 /top）",
    token: "代理令牌",
    token_hint: "代理启动时的 --token / PROXY_TOKEN；代理未设置令牌时留空",
    partner_code: "渠道编码（partner_code）",
    batches: "批次（mix_id）",
    batches_hint: "每行一个",
    pull: "拉取类型",
    pull_all: "全量拉取（ALL）",
    pull_consume: "核销拉取（CONSUME）",
    cursor_key: "游标字段",
    cursor_key_hint: "下一页请求在 params 中携带的游标名，默认 last_sequence",
    max_pages: "每批最多页数",
    max_pages_hint: "安全上限：超过即停止并报错",
    reset_defaults: "恢复默认设置",
    defaults_from_config: "默认值来自部署的 config.json；您修改过的字段会记在本浏览器中并优先使用。",
    defaults_built_in: "没有可用的 config.json，使用内置默认值；您修改过的字段会记在本浏览器中。",
    config_invalid: "config.json 格式有误，已忽略",
    config_bad_max_pages: "config.json 中的 max_pages 不是正整数，已使用内置上限",
    edited_note: "（已修改）",
    problem_proxy_url_missing: "请填写代理地址",
    problem_proxy_url_scheme: "代理地址须以 http:// 或 https:// 开头",
    problem_token_unsendable: "令牌含空格、换行或非 ASCII 字符，无法放入请求头",
    problem_partner_code_missing: "请填写渠道编码",
    problem_no_batches: "请至少填写一个批次号",
    problem_cursor_key_missing: "请填写游标字段名",
    problem_max_pages_invalid: "请填写 1 到 999999 之间的整数",
    start: "开始拉取",
    cancel: "取消",
    resume: "继续",
    start_hint: "“开始拉取”按当前设置从头拉取，之前拉取的页会被丢弃；“继续”从每个批次最后一个成功的游标接着拉取。",
    nothing_fetched: "尚未拉取。",
    progress_title: "拉取进度",
    back_platform: "返回平台数据",
    storage_unavailable: "本浏览器无法保存拉取的页（IndexedDB 不可用）：刷新页面后需重新拉取。",
    storage_failed: "保存拉取的页失败",
    state_waiting: "等待中",
    state_fetching: "拉取中",
    state_done: "完成",
    state_failed: "失败",
    state_cancelled: "已取消",
    pages: "页数",
    codes: "券码",
    retries: "重试",
    download: "下载原始页面",
    use_fetched: "用作平台数据",
    use_partial: "使用已拉取的部分（不完整）",
    in_platform: "已在平台数据中",
    batch_label: "批次",
    pages_unavailable: "拉取的页已不可用（浏览器存储被清除？），请重新拉取该批次",
    download_failed: "无法开始下载",
    broken_body: "应答不完整或不是 JSON（可能被截断）",
    not_this_api: "应答不是该接口的格式",
    cursor_missing: "页面说还有下一页（has_next = true），却没有给出游标 last_sequence",
    hint_network: "代理没有应答：请检查代理地址、代理是否在运行，以及代理的 --allow-origin 是否包含本页面的来源（浏览器把被拒绝的来源报告为网络错误）。",
    hint_server_error: "代理或其前面的服务器暂时出错，请稍后点“继续”。",
    hint_platform_busy: "淘票票平台暂时不可用，请稍后点“继续”。",
    hint_broken_body: "应答多次被截断：请检查网络或代理前的服务器，稍后点“继续”。",
    hint_proxy_upstream: "代理连不上网关：请检查代理的 TOP_GATEWAY 与其网络，稍后点“继续”。",
    hint_call_limit_persists: "调用频次一直超限：请稍后点“继续”。",
    hint_proxy_secret: "签名无效：代理的 App Secret（TOP_APP_SECRET）或签名方式（TOP_SIGN_METHOD）不对。",
    hint_proxy_clock: "时间戳无效：代理服务器的时钟不准（淘宝开放平台只接受 ±10 分钟），请校准代理服务器的时间（NTP）。",
    hint_app_key: "App Key 无效：请检查代理的 TOP_APP_KEY。",
    hint_session: "会话（session）缺失或已过期：请更新代理的 TOP_SESSION。",
    hint_permission: "应用没有调用该接口的权限：请在淘宝开放平台为应用申请 taobao.film.fcode.export.query。",
    hint_missing_parameter: "缺少必填参数：请检查设置中的批次号、渠道编码和拉取类型。",
    hint_invalid_parameter: "参数无效：请检查设置中的批次号、渠道编码、拉取类型和游标字段。",
    hint_request_rejected: "平台拒绝了请求的形式（方法、版本、格式或编码）：请检查代理的版本与配置。",
    hint_isv: "平台拒绝了请求内容：请检查批次号、渠道编码、拉取类型与游标字段。",
    hint_proxy_token: "代理拒绝了令牌：请检查设置中的代理令牌（代理的 --token / PROXY_TOKEN）。",
    hint_proxy_origin: "代理不接受来自本页面的请求：请把本页面的来源加入代理的 --allow-origin（PROXY_ALLOW_ORIGIN）。",
    hint_proxy_method: "代理的允许列表中没有该接口：请在代理上加 --allow-method taobao.film.fcode.export.query。",
    hint_proxy_address: "该地址上不是本项目的代理：请检查代理地址（填根地址，应用会调用其 /top）。",
    hint_proxy_request: "代理拒绝了请求本身：请确认代理与本应用的版本一致。",
    hint_mix_id_not_exist: "批次不存在或无权访问：请检查批次号。",
    hint_partner_not_match: "渠道编码与批次不匹配：请检查渠道编码。",
    hint_business: "平台对该批次返回了业务错误，请按其说明处理。",
    hint_not_this_api: "请检查代理地址是否指向本项目的代理。",
    hint_unknown: "平台拒绝了调用，请按其说明处理。",
    hint_cursor: "请检查设置中的游标字段名：网关没有按该字段翻页。改正后点“继续”。",
    hint_page_limit: "若批次确实更大，请提高“每批最多页数”后点“继续”。",
};

pub const EN: FetchTexts = FetchTexts {
    title: "Fetch platform data live",
    intro: "Calls the Taobao Movie API taobao.film.fcode.export.query through the proxy your company runs, page by page for each batch. The app secret stays on the proxy and never reaches the browser. Every fetched page is saved in this browser: after a reload or a cancel, the fetch can be resumed.",
    settings_title: "Settings",
    proxy_url: "Proxy URL",
    proxy_url_hint: "The proxy's root address, e.g. http://127.0.0.1:8787 (the app calls its /top)",
    token: "Proxy token",
    token_hint: "The proxy's --token / PROXY_TOKEN; empty if the proxy has none",
    partner_code: "Partner code (partner_code)",
    batches: "Batches (mix_id)",
    batches_hint: "One per line",
    pull: "Pull type",
    pull_all: "Full pull (ALL)",
    pull_consume: "Redemption pull (CONSUME)",
    cursor_key: "Cursor key",
    cursor_key_hint: "The name of the cursor the next page's params carry; last_sequence by default",
    max_pages: "Max pages per batch",
    max_pages_hint: "Safety limit: the fetch stops with an error beyond it",
    reset_defaults: "Reset to defaults",
    defaults_from_config: "Defaults come from the deployment's config.json; fields you change are remembered in this browser and take precedence.",
    defaults_built_in: "No usable config.json: built-in defaults apply; fields you change are remembered in this browser.",
    config_invalid: "config.json is malformed and was ignored",
    config_bad_max_pages: "max_pages in config.json is not a positive whole number; the built-in limit applies",
    edited_note: " (changed)",
    problem_proxy_url_missing: "Enter the proxy URL",
    problem_proxy_url_scheme: "The proxy URL must start with http:// or https://",
    problem_token_unsendable: "The token contains spaces, line breaks or non-ASCII characters and cannot be sent in a header",
    problem_partner_code_missing: "Enter the partner code",
    problem_no_batches: "Enter at least one batch (mix_id)",
    problem_cursor_key_missing: "Enter the cursor key",
    problem_max_pages_invalid: "Enter a whole number from 1 to 999999",
    start: "Start fetch",
    cancel: "Cancel",
    resume: "Resume",
    start_hint: "Start fetches from the beginning with the current settings and discards pages fetched before; Resume continues each batch from its last good cursor.",
    nothing_fetched: "Nothing fetched yet.",
    progress_title: "Progress",
    back_platform: "Back to platform data",
    storage_unavailable: "This browser cannot save fetched pages (IndexedDB unavailable): after a reload they must be fetched again.",
    storage_failed: "Saving fetched pages failed",
    state_waiting: "Waiting",
    state_fetching: "Fetching",
    state_done: "Done",
    state_failed: "Failed",
    state_cancelled: "Cancelled",
    pages: "Pages",
    codes: "Codes",
    retries: "Retries",
    download: "Download raw pages",
    use_fetched: "Use as platform data",
    use_partial: "Use what was fetched (incomplete)",
    in_platform: "In the platform data",
    batch_label: "Batch",
    pages_unavailable: "the fetched pages are no longer available (browser storage cleared?); fetch the batch again",
    download_failed: "the download could not be started",
    broken_body: "the answer was incomplete or not JSON (probably truncated)",
    not_this_api: "the answer is not one of this API",
    cursor_missing: "the page says more follow (has_next = true) but gives no cursor (last_sequence)",
    hint_network: "The proxy does not answer: check the proxy URL, that the proxy is running, and that its --allow-origin includes this page's origin (browsers report a refused origin as a network error).",
    hint_server_error: "The proxy or a server in front of it is failing for now; press Resume later.",
    hint_platform_busy: "The Taobao platform is temporarily unavailable; press Resume later.",
    hint_broken_body: "Answers kept arriving cut off: check the network or the server in front of the proxy, then press Resume.",
    hint_proxy_upstream: "The proxy cannot reach the gateway: check the proxy's TOP_GATEWAY and its network, then press Resume.",
    hint_call_limit_persists: "The call limit kept answering: press Resume later.",
    hint_proxy_secret: "Invalid signature: the proxy's app secret (TOP_APP_SECRET) or sign method (TOP_SIGN_METHOD) is wrong.",
    hint_proxy_clock: "Invalid timestamp: the proxy server's clock is off (the open platform allows ±10 minutes); synchronise it (NTP).",
    hint_app_key: "Invalid app key: check the proxy's TOP_APP_KEY.",
    hint_session: "The session key is missing or expired: renew the proxy's TOP_SESSION.",
    hint_permission: "The app may not call this API: apply for taobao.film.fcode.export.query on the open platform.",
    hint_missing_parameter: "A required parameter is missing: check the batches, partner code and pull type in the settings.",
    hint_invalid_parameter: "A parameter is invalid: check the batches, partner code, pull type and cursor key in the settings.",
    hint_request_rejected: "The platform refused the form of the request (method, version, format or encoding): check the proxy's version and configuration.",
    hint_isv: "The platform refused what was asked: check the batches, partner code, pull type and cursor key.",
    hint_proxy_token: "The proxy refused the token: check the proxy token in the settings (the proxy's --token / PROXY_TOKEN).",
    hint_proxy_origin: "The proxy does not accept requests from this page: add this page's origin to the proxy's --allow-origin (PROXY_ALLOW_ORIGIN).",
    hint_proxy_method: "The API is not on the proxy's allow-list: start the proxy with --allow-method taobao.film.fcode.export.query.",
    hint_proxy_address: "This address is not this project's proxy: check the proxy URL (its root; the app calls /top).",
    hint_proxy_request: "The proxy refused the request itself: make sure the proxy and this app are the same version.",
    hint_mix_id_not_exist: "The batch does not exist or is not yours: check the mix_id.",
    hint_partner_not_match: "The partner code does not match the batch: check the partner code.",
    hint_business: "The platform refused this batch; see its message.",
    hint_not_this_api: "Check that the proxy URL points at this project's proxy.",
    hint_unknown: "The platform refused the call; see its message.",
    hint_cursor: "Check the cursor key in the settings: the gateway did not page by it. Fix it, then press Resume.",
    hint_page_limit: "If the batch really is larger, raise the max pages per batch and press Resume.",
};

pub fn fetch_texts(lang: Lang) -> &'static FetchTexts {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

pub fn state_retrying(lang: Lang, secs: u32) -> String {
    match lang {
        Lang::Zh => format!("{secs} 秒后重试"),
        Lang::En => format!("retrying in {secs} s"),
    }
}

pub fn of_total(lang: Lang, codes: &str, total: &str) -> String {
    match lang {
        Lang::Zh => format!("{codes} / 共 {total}"),
        Lang::En => format!("{codes} of {total}"),
    }
}

pub fn bad_mix_id(lang: Lang, mix_id: &str) -> String {
    match lang {
        Lang::Zh => format!("批次号“{mix_id}”含有批次号中不会出现的字符（只允许字母、数字、_ - .）"),
        Lang::En => format!("“{mix_id}” has characters a mix_id never has (letters, digits, _ - . only)"),
    }
}

pub fn config_unknown_pull(lang: Lang, pull: &str) -> String {
    match lang {
        Lang::Zh => format!("config.json 中的 pull “{pull}” 不是 ALL 或 CONSUME，已使用 ALL"),
        Lang::En => format!("pull “{pull}” in config.json is neither ALL nor CONSUME; ALL is used"),
    }
}

pub fn transport(lang: Lang, detail: &str) -> String {
    match lang {
        Lang::Zh => format!("连不上代理（{detail}）"),
        Lang::En => format!("the proxy could not be reached ({detail})"),
    }
}

pub fn http_status(lang: Lang, status: u16) -> String {
    match lang {
        Lang::Zh => format!("代理应答 HTTP {status}"),
        Lang::En => format!("the proxy answered HTTP {status}"),
    }
}

/// The platform's (or the proxy's) own words: code, sub_code, msg, sub_msg.
pub fn api_error(lang: Lang, code: &str, sub_code: &str, msg: &str) -> String {
    let sub = if sub_code.is_empty() { String::new() } else { format!(" / {sub_code}") };
    match lang {
        Lang::Zh => format!("平台返回错误 code {code}{sub}：{msg}"),
        Lang::En => format!("error code {code}{sub}: {msg}"),
    }
}

pub fn business(lang: Lang, return_code: &str, message: &str) -> String {
    match lang {
        Lang::Zh => format!("平台返回 return_code {return_code}：{message}"),
        Lang::En => format!("the platform answered return_code {return_code}: {message}"),
    }
}

pub fn call_limit_long(lang: Lang, secs: u64) -> String {
    match lang {
        Lang::Zh => format!("调用频次超限，封禁还要 {secs} 秒：请稍后点“继续”。"),
        Lang::En => format!("Call limit: the ban lasts {secs} more seconds; press Resume later."),
    }
}

pub fn cursor_not_advancing(lang: Lang, sent: u64, got: u64) -> String {
    match lang {
        Lang::Zh => format!("游标没有前进：请求携带 {sent}，页面返回 {got}"),
        Lang::En => format!("the cursor did not advance: the request carried {sent}, the page gave {got}"),
    }
}

pub fn page_limit(lang: Lang, limit: u32) -> String {
    match lang {
        Lang::Zh => format!("已达每批最多 {limit} 页，但平台说还有下一页"),
        Lang::En => format!("{limit} pages (the limit per batch) fetched and the platform says more follow"),
    }
}

pub fn after_attempts(lang: Lang, attempts: u32) -> String {
    match lang {
        Lang::Zh => format!("（共尝试 {attempts} 次）"),
        Lang::En => format!(" (after {attempts} attempts)"),
    }
}

/// One error line: batch, what happened, what to do.
pub fn error_line(lang: Lang, mix_id: &str, what: &str, hint: &str) -> String {
    match lang {
        Lang::Zh => format!("批次 {mix_id}：{what}。{hint}"),
        Lang::En => format!("Batch {mix_id}: {what}. {hint}"),
    }
}

/// Why the batch is waiting to retry.
pub fn retry_because(lang: Lang, what: &str) -> String {
    match lang {
        Lang::Zh => format!("上次：{what}"),
        Lang::En => format!("last: {what}"),
    }
}

pub fn storage_error(lang: Lang, detail: &str) -> String {
    let t = fetch_texts(lang);
    match lang {
        Lang::Zh => format!("{}：{detail}", t.storage_failed),
        Lang::En => format!("{}: {detail}", t.storage_failed),
    }
}
