//! Fault injection: the misbehaviour a real gateway shows now and then, on demand and
//! reproducibly, so clients' retry and resume logic can be exercised.
//!
//! Requests to the API endpoint are numbered from 1 in arrival order. For request `n`:
//! - if a schedule is configured and `n` is within it, exactly the scheduled faults apply;
//! - otherwise, if `--fault-first K` is set and `n` is past the schedule plus K, nothing;
//! - otherwise each fault kind is drawn with its probability from a generator seeded with
//!   (fault seed, n) — independent of timing and concurrency, so a test that issues its
//!   requests in order sees the same faults on every run.
//!
//! A call-limit fault also starts a ban: for `call_limit_secs` seconds every request is
//! answered with code 7 and "This ban will last N more seconds", as TOP does.

use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::prng::Prng;

/// One kind of injected misbehaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultKind {
    /// HTTP 502/503 with an HTML body, as a load balancer in front of the gateway sends.
    Http5xx,
    /// `error_response` code 15 with an `isp.*` sub code: a transient back-end failure.
    Isp,
    /// `error_response` code 7, "App Call Limited", and a ban of some seconds.
    CallLimit,
    /// The answer is delayed.
    Slow,
    /// The JSON body is cut in half.
    Truncate,
}

impl FaultKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FaultKind::Http5xx => "5xx",
            FaultKind::Isp => "isp",
            FaultKind::CallLimit => "call-limit",
            FaultKind::Slow => "slow",
            FaultKind::Truncate => "truncate",
        }
    }
}

impl fmt::Display for FaultKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The faults to apply to one request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FaultPlan {
    pub http_5xx: bool,
    pub isp: bool,
    pub call_limit: bool,
    pub slow: bool,
    pub truncate: bool,
}

impl FaultPlan {
    fn set(&mut self, kind: FaultKind) {
        match kind {
            FaultKind::Http5xx => self.http_5xx = true,
            FaultKind::Isp => self.isp = true,
            FaultKind::CallLimit => self.call_limit = true,
            FaultKind::Slow => self.slow = true,
            FaultKind::Truncate => self.truncate = true,
        }
    }
}

/// A fixed fault sequence for the first requests, e.g. `5xx,ok,call-limit,slow+truncate`:
/// entry `i` applies to request `i + 1`; `ok` (or an empty entry) means no fault.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FaultSchedule(pub Vec<FaultPlan>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadFaultSchedule(String);

impl fmt::Display for BadFaultSchedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown fault {:?} (expected ok, 5xx, isp, call-limit, slow or truncate, joined with '+')",
            self.0
        )
    }
}

impl std::error::Error for BadFaultSchedule {}

impl FromStr for FaultSchedule {
    type Err = BadFaultSchedule;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut plans = Vec::new();
        if text.trim().is_empty() {
            return Ok(FaultSchedule(plans));
        }
        for entry in text.split(',') {
            let mut plan = FaultPlan::default();
            for part in entry
                .split('+')
                .map(str::trim)
                .filter(|part| !part.is_empty())
            {
                let kind = match part {
                    "ok" | "none" => continue,
                    "5xx" => FaultKind::Http5xx,
                    "isp" => FaultKind::Isp,
                    "call-limit" | "limit" => FaultKind::CallLimit,
                    "slow" => FaultKind::Slow,
                    "truncate" => FaultKind::Truncate,
                    other => return Err(BadFaultSchedule(other.to_string())),
                };
                plan.set(kind);
            }
            plans.push(plan);
        }
        Ok(FaultSchedule(plans))
    }
}

/// What to inject. All rates are probabilities per request in `[0, 1]`.
#[derive(Debug, Clone, Default)]
pub struct FaultConfig {
    pub seed: u64,
    pub http_5xx_rate: f64,
    pub isp_rate: f64,
    pub call_limit_rate: f64,
    pub call_limit_secs: u64,
    pub slow_rate: f64,
    pub slow_ms: u64,
    pub truncate_rate: f64,
    /// Random faults only for the first K requests after the schedule; `None`: always.
    pub first_requests: Option<u64>,
    pub schedule: FaultSchedule,
}

impl FaultConfig {
    /// No faults at all.
    pub fn none() -> Self {
        FaultConfig {
            call_limit_secs: 1,
            slow_ms: 0,
            ..FaultConfig::default()
        }
    }

    fn plan_for(&self, request_number: u64) -> FaultPlan {
        let schedule_len = self.schedule.0.len() as u64;
        if request_number >= 1 && request_number <= schedule_len {
            let index = (request_number - 1) as usize;
            return self.schedule.0.get(index).copied().unwrap_or_default();
        }
        if let Some(first) = self.first_requests
            && request_number > schedule_len.saturating_add(first)
        {
            return FaultPlan::default();
        }
        let mut rng = Prng::for_stream(self.seed, request_number);
        // Always draw every kind, in a fixed order, so that changing one rate does not
        // shift the draws of the others.
        FaultPlan {
            http_5xx: rng.chance(self.http_5xx_rate),
            call_limit: rng.chance(self.call_limit_rate),
            isp: rng.chance(self.isp_rate),
            truncate: rng.chance(self.truncate_rate),
            slow: rng.chance(self.slow_rate),
        }
    }
}

/// Counters of what was injected, served at `GET /_sim/stats`.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct FaultStats {
    pub requests: u64,
    pub http_5xx: u64,
    pub isp: u64,
    pub call_limit: u64,
    /// Requests refused because a ban was still running.
    pub call_limit_banned: u64,
    pub slow: u64,
    pub truncate: u64,
}

/// The running state of fault injection for one simulator.
#[derive(Debug)]
pub struct FaultInjector {
    config: FaultConfig,
    requests: AtomicU64,
    ban_until: Mutex<Option<Instant>>,
    stats: Mutex<FaultStats>,
}

impl FaultInjector {
    pub fn new(config: FaultConfig) -> Self {
        FaultInjector {
            config,
            requests: AtomicU64::new(0),
            ban_until: Mutex::new(None),
            stats: Mutex::new(FaultStats::default()),
        }
    }

    pub fn config(&self) -> &FaultConfig {
        &self.config
    }

    /// Numbers the next request and decides its faults.
    pub fn next_request(&self) -> (u64, FaultPlan) {
        let number = self.requests.fetch_add(1, Ordering::SeqCst) + 1;
        self.with_stats(|stats| stats.requests += 1);
        (number, self.config.plan_for(number))
    }

    pub fn slow_delay(&self) -> Duration {
        Duration::from_millis(self.config.slow_ms)
    }

    /// Seconds left of a running call-limit ban, rounded up; `None` when not banned.
    pub fn ban_remaining_secs(&self) -> Option<u64> {
        let guard = self.ban_until.lock().ok()?;
        let until = (*guard)?;
        let left = until.checked_duration_since(Instant::now())?;
        if left.is_zero() {
            return None;
        }
        Some(left.as_millis().div_ceil(1000).max(1) as u64)
    }

    /// Starts (or restarts) a ban; returns its length in seconds for the message.
    pub fn start_ban(&self) -> u64 {
        let secs = self.config.call_limit_secs.max(1);
        if let Ok(mut guard) = self.ban_until.lock() {
            *guard = Instant::now().checked_add(Duration::from_secs(secs));
        }
        secs
    }

    pub fn record(&self, kind: FaultKind) {
        self.with_stats(|stats| match kind {
            FaultKind::Http5xx => stats.http_5xx += 1,
            FaultKind::Isp => stats.isp += 1,
            FaultKind::CallLimit => stats.call_limit += 1,
            FaultKind::Slow => stats.slow += 1,
            FaultKind::Truncate => stats.truncate += 1,
        });
    }

    pub fn record_banned(&self) {
        self.with_stats(|stats| stats.call_limit_banned += 1);
    }

    pub fn stats(&self) -> FaultStats {
        self.stats
            .lock()
            .map(|stats| stats.clone())
            .unwrap_or_default()
    }

    fn with_stats(&self, update: impl FnOnce(&mut FaultStats)) {
        // A poisoned lock only means another request panicked mid-update; the counters
        // are advisory, so keep counting with what is there.
        let mut guard = match self.stats.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        update(&mut guard);
    }
}

#[cfg(test)]
mod tests;
