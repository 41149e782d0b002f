//! What the two sub-commands do, from parsed arguments to a running server.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use crate::cli::{Command, FaultArgs, ServeArgs, SimulateArgs};
use crate::proxy::{ProxyConfig, router as proxy_router};
use crate::secret::Secret;
use crate::simulator::dataset::{Dataset, DatasetSpec};
use crate::simulator::faults::FaultConfig;
use crate::simulator::verify::Credentials;
use crate::simulator::{GATEWAY_PATH, Simulator, SimulatorConfig, demo_issuance, dump};

pub async fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Serve(args) => serve(args).await,
        Command::Simulate(args) => simulate(args).await,
    }
}

/// An optional secret: empty (as an unset `VAR=` line in an environment file) is unset.
fn optional_secret(value: Option<String>) -> Option<Secret> {
    value.filter(|value| !value.is_empty()).map(Secret::new)
}

pub fn proxy_config(args: ServeArgs) -> Result<ProxyConfig, String> {
    if args.app_key.is_empty() || args.app_secret.is_empty() {
        return Err(
            "--app-key and --app-secret (or TOP_APP_KEY / TOP_APP_SECRET) must not be empty".into(),
        );
    }
    Ok(ProxyConfig {
        gateway_url: args.gateway,
        app_key: args.app_key,
        app_secret: Secret::new(args.app_secret),
        session: optional_secret(args.session),
        sign_method: args.sign_method,
        allowed_origins: args.allow_origin,
        allowed_methods: args.allow_method,
        token: optional_secret(args.token),
        timeout: Duration::from_secs(args.timeout_secs.max(1)),
        max_body_bytes: args.max_body_bytes,
    })
}

pub fn fault_config(args: &FaultArgs) -> FaultConfig {
    FaultConfig {
        seed: args.fault_seed,
        http_5xx_rate: args.fault_5xx_rate,
        isp_rate: args.fault_isp_rate,
        call_limit_rate: args.fault_call_limit_rate,
        call_limit_secs: args.fault_call_limit_secs,
        slow_rate: args.fault_slow_rate,
        slow_ms: args.fault_slow_ms,
        truncate_rate: args.fault_truncate_rate,
        first_requests: args.fault_first,
        schedule: args.fault_schedule.clone().unwrap_or_default(),
    }
}

pub fn simulator_config(args: &SimulateArgs) -> SimulatorConfig {
    SimulatorConfig {
        credentials: Credentials {
            app_key: args.app_key.clone(),
            app_secret: Secret::new(args.app_secret.clone()),
            session: optional_secret(args.session.clone()),
            timestamp_tolerance_secs: args.timestamp_tolerance_secs,
        },
        dataset: DatasetSpec {
            seed: args.seed,
            batches: args.batches,
            codes_per_batch: args.codes,
            partner_code: args.partner_code.clone(),
        },
        page_size: usize::try_from(args.page_size).unwrap_or(usize::MAX),
        faults: fault_config(&args.faults),
        max_body_bytes: args.max_body_bytes,
    }
}

async fn serve(args: ServeArgs) -> Result<(), String> {
    let listen = args.listen.clone();
    let config = proxy_config(args)?;
    if config.allowed_origins.is_empty() {
        tracing::warn!(
            "no --allow-origin configured: browsers will be refused (server-to-server calls still work)"
        );
    }
    if config.token.is_none() {
        tracing::warn!(
            "no --token configured: anyone who can reach this port can call the gateway with your app key"
        );
    }
    tracing::info!(gateway = %config.gateway_url, sign_method = %config.sign_method, methods = ?config.allowed_methods, origins = ?config.allowed_origins, "proxy configured");
    let router = proxy_router(config)?;
    let listener = bind(&listen).await?;
    announce(&format!(
        "fcode-proxy serve listening on http://{}/top",
        local_address(&listener)
    ));
    crate::serve(listener, router, shutdown_signal())
        .await
        .map_err(|error| format!("server error: {error}"))
}

async fn simulate(args: SimulateArgs) -> Result<(), String> {
    let config = simulator_config(&args);
    let dataset = Arc::new(Dataset::generate(&config.dataset));
    if let Some(path) = &args.dump {
        dump::write_dump(path, &dataset, config.page_size)
            .map_err(|error| format!("cannot write --dump {}: {error}", path.display()))?;
        tracing::info!(path = %path.display(), batches = dataset.batches.len(), "data set dumped (JSON Lines, one ALL page per line)");
    }
    if let Some(path) = &args.demo_issuance {
        let issuance = demo_issuance::generate(&dataset, args.seed);
        demo_issuance::write_demo_issuance(path, &issuance)
            .map_err(|error| format!("cannot write --demo-issuance {}: {error}", path.display()))?;
        tracing::info!(path = %path.display(), rows = issuance.rows.len(), "demo issuance list written");
        for exception in &issuance.injected {
            tracing::info!(kind = exception.kind.as_str(), code = %exception.code, "demo exception");
        }
    }
    if args.write_only {
        return Ok(());
    }
    for batch in &dataset.batches {
        tracing::info!(mix_id = %batch.mix_id, name = %batch.name, codes = batch.codes.len(), denomination = batch.denomination_fen, "batch");
    }
    let simulator = Simulator::with_dataset(config, dataset);
    let listener = bind(&args.listen).await?;
    announce(&format!(
        "fcode-proxy simulate listening on http://{}{GATEWAY_PATH}",
        local_address(&listener)
    ));
    crate::serve(listener, simulator.router(), shutdown_signal())
        .await
        .map_err(|error| format!("server error: {error}"))
}

async fn bind(address: &str) -> Result<tokio::net::TcpListener, String> {
    tokio::net::TcpListener::bind(address)
        .await
        .map_err(|error| format!("cannot listen on {address}: {error}"))
}

fn local_address(listener: &tokio::net::TcpListener) -> String {
    listener
        .local_addr()
        .map(|address| address.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// The one line on standard output: scripts and tests read the actual port from it
/// (useful with `--listen 127.0.0.1:0`).
fn announce(line: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}");
    let _ = stdout.flush();
}

/// Ctrl-C, or SIGTERM (systemd's stop) on Unix.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
