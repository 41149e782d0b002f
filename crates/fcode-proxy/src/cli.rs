//! The command line (`fcode-proxy serve | simulate`).
//!
//! Every secret can come from the environment instead of a flag, so it never shows in a
//! process list or shell history; `hide_env_values` keeps clap from printing those values
//! in `--help` or in error messages.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::proxy::DEFAULT_ALLOWED_METHOD;
use crate::sign::SignMethod;
use crate::simulator::faults::FaultSchedule;

#[derive(Debug, Parser)]
#[command(
    name = "fcode-proxy",
    version,
    about = "Reference TOP proxy and TOP gateway simulator for fcode-recon (券码对账)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the proxy: sign the browser app's calls and forward them to the TOP gateway.
    Serve(ServeArgs),
    /// Run a TOP gateway simulator for taobao.film.fcode.export.query over synthetic data.
    Simulate(SimulateArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on (use 127.0.0.1 behind a TLS reverse proxy).
    #[arg(
        long,
        env = "PROXY_LISTEN",
        default_value = "127.0.0.1:8787",
        value_name = "ADDR"
    )]
    pub listen: String,

    /// TOP gateway URL, e.g. https://eco.taobao.com/router/rest.
    #[arg(long, env = "TOP_GATEWAY", value_name = "URL")]
    pub gateway: String,

    /// TOP app key.
    #[arg(long, env = "TOP_APP_KEY", hide_env_values = true, value_name = "KEY")]
    pub app_key: String,

    /// TOP app secret. Prefer the environment variable.
    #[arg(
        long,
        env = "TOP_APP_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub app_secret: String,

    /// TOP session key, when the API needs one. Prefer the environment variable.
    #[arg(long, env = "TOP_SESSION", hide_env_values = true, value_name = "S")]
    pub session: Option<String>,

    /// Signature method.
    #[arg(long, env = "TOP_SIGN_METHOD", value_enum, default_value_t = SignMethod::HmacSha256, value_name = "METHOD")]
    pub sign_method: SignMethod,

    /// Browser origin allowed by CORS, e.g. https://recon.example.com (repeat, or comma-separate
    /// in the environment variable). `*` allows any origin. None: no browser may call.
    #[arg(
        long = "allow-origin",
        env = "PROXY_ALLOW_ORIGIN",
        value_delimiter = ',',
        value_name = "ORIGIN"
    )]
    pub allow_origin: Vec<String>,

    /// TOP API that may be called (repeat to allow several).
    #[arg(long = "allow-method", env = "PROXY_ALLOW_METHOD", value_delimiter = ',', default_value = DEFAULT_ALLOWED_METHOD, value_name = "METHOD")]
    pub allow_method: Vec<String>,

    /// Require `Authorization: Bearer TOKEN` on every call. Prefer the environment variable.
    #[arg(
        long,
        env = "PROXY_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub token: Option<String>,

    /// Give up on the gateway after this many seconds (answer 504 proxy.upstream-timeout).
    #[arg(
        long,
        env = "PROXY_TIMEOUT_SECS",
        default_value_t = 30,
        value_name = "N",
        value_parser = clap::value_parser!(u64).range(1..=3600)
    )]
    pub timeout_secs: u64,

    /// Largest request body accepted (answer 413 proxy.body-too-large).
    #[arg(long, env = "PROXY_MAX_BODY_BYTES", default_value_t = 16 * 1024, value_name = "N")]
    pub max_body_bytes: usize,
}

#[derive(Debug, Clone, Args)]
pub struct SimulateArgs {
    /// Address to listen on; the gateway is served at /router/rest.
    #[arg(long, default_value = "127.0.0.1:8788", value_name = "ADDR")]
    pub listen: String,

    /// App key calls must carry.
    #[arg(long, env = "TOP_APP_KEY", hide_env_values = true, value_name = "KEY")]
    pub app_key: String,

    /// App secret calls must be signed with.
    #[arg(
        long,
        env = "TOP_APP_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub app_secret: String,

    /// When set, calls must carry exactly this session (code 26/27 otherwise).
    #[arg(long, env = "TOP_SESSION", hide_env_values = true, value_name = "S")]
    pub session: Option<String>,

    /// Codes per batch (each batch's total_count).
    #[arg(long, default_value_t = 300, value_name = "N")]
    pub codes: usize,

    /// Number of batches (mix_ids).
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub batches: usize,

    /// Seed of the synthetic data set: the same seed gives the same data.
    #[arg(long, default_value_t = 42, value_name = "S")]
    pub seed: u64,

    /// Codes per page.
    #[arg(long, default_value_t = 100, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub page_size: u64,

    /// The channel (partner_code) the batches belong to; other values get a business error.
    #[arg(long, default_value = "demo_partner", value_name = "CODE")]
    pub partner_code: String,

    /// Write the whole data set as TOP JSON pages (JSON Lines: one wrapped ALL page per line).
    #[arg(long, value_name = "FILE")]
    pub dump: Option<PathBuf>,

    /// Write a demo company issuance list (CSV, UTF-8 with BOM) with typical exceptions.
    #[arg(long, value_name = "FILE")]
    pub demo_issuance: Option<PathBuf>,

    /// Write --dump / --demo-issuance and exit without serving.
    #[arg(long)]
    pub write_only: bool,

    /// Accepted clock difference of the timestamp parameter, in seconds (TOP: 600).
    #[arg(long, default_value_t = 600, value_name = "N")]
    pub timestamp_tolerance_secs: i64,

    /// Largest request body accepted.
    #[arg(long, default_value_t = 64 * 1024, value_name = "N")]
    pub max_body_bytes: usize,

    #[command(flatten)]
    pub faults: FaultArgs,
}

#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Fault injection")]
pub struct FaultArgs {
    /// Seed of the fault draws: request n gets the same faults on every run.
    #[arg(long, default_value_t = 1, value_name = "S")]
    pub fault_seed: u64,

    /// Probability of an HTTP 502/503 answer with an HTML body.
    #[arg(long = "fault-5xx-rate", default_value_t = 0.0, value_parser = probability, value_name = "P")]
    pub fault_5xx_rate: f64,

    /// Probability of error code 15 with sub_code isp.remote-service-timeout.
    #[arg(long, default_value_t = 0.0, value_parser = probability, value_name = "P")]
    pub fault_isp_rate: f64,

    /// Probability of error code 7 "App Call Limited", which also starts a ban.
    #[arg(long, default_value_t = 0.0, value_parser = probability, value_name = "P")]
    pub fault_call_limit_rate: f64,

    /// Length of a call-limit ban ("This ban will last N more seconds").
    #[arg(long, default_value_t = 3, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub fault_call_limit_secs: u64,

    /// Probability of a slow answer.
    #[arg(long, default_value_t = 0.0, value_parser = probability, value_name = "P")]
    pub fault_slow_rate: f64,

    /// Delay of a slow answer, in milliseconds.
    #[arg(long, default_value_t = 2000, value_name = "MS", value_parser = clap::value_parser!(u64).range(0..=600_000))]
    pub fault_slow_ms: u64,

    /// Probability of a body cut in half (invalid JSON/XML).
    #[arg(long, default_value_t = 0.0, value_parser = probability, value_name = "P")]
    pub fault_truncate_rate: f64,

    /// Random faults only for the first K requests (after any --fault-schedule).
    #[arg(long, value_name = "K")]
    pub fault_first: Option<u64>,

    /// Exact faults for the first requests, in order, e.g. "5xx,ok,call-limit,slow+truncate"
    /// (kinds: ok, 5xx, isp, call-limit, slow, truncate).
    #[arg(long, value_name = "LIST")]
    pub fault_schedule: Option<FaultSchedule>,
}

fn probability(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{text} is not a probability between 0 and 1"))
    }
}
