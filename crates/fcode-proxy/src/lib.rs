//! `fcode-proxy`: the reference TOP proxy and the TOP gateway simulator of fcode-recon.
//!
//! The binary is a thin driver (`src/main.rs`); everything is here so that integration
//! tests can start both in-process on `127.0.0.1:0`:
//!
//! ```no_run
//! # async fn demo(config: fcode_proxy::simulator::SimulatorConfig) -> std::io::Result<()> {
//! let simulator = fcode_proxy::simulator::Simulator::new(config);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! tokio::spawn(fcode_proxy::serve(listener, simulator.router(), std::future::pending()));
//! # Ok(()) }
//! ```

pub mod cli;
pub mod logging;
pub mod prng;
pub mod proxy;
pub mod run;
pub mod secret;
pub mod sign;
pub mod simulator;
pub mod timestamp;
pub mod top_error;

use std::future::Future;

use axum::Json;
use axum::Router;
use serde_json::{Value, json};

/// `GET /healthz` of both servers: liveness only, no configuration.
pub async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// Serves `router` on `listener` until `shutdown` completes, then drains connections.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}
