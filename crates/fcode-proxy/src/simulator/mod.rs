//! The TOP gateway simulator (`fcode-proxy simulate`): serves
//! `taobao.film.fcode.export.query` from a seeded synthetic data set, checks calls as
//! TOP does, pages with the `last_sequence` cursor, and injects faults on demand.

pub mod dataset;
pub mod demo_issuance;
pub mod dump;
pub mod faults;
pub mod handler;
pub mod response;
pub mod verify;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;

use crate::prng::Prng;
use dataset::{Dataset, DatasetSpec};
use faults::{FaultConfig, FaultInjector, FaultStats};
use verify::Credentials;

/// The path TOP serves its API on.
pub const GATEWAY_PATH: &str = "/router/rest";

/// Everything `simulate` needs besides the listening address.
#[derive(Debug, Clone)]
pub struct SimulatorConfig {
    pub credentials: Credentials,
    pub dataset: DatasetSpec,
    /// Rows per page (the real page size is the gateway's choice, not the caller's).
    pub page_size: usize,
    pub faults: FaultConfig,
    pub max_body_bytes: usize,
}

/// Shared state of a running simulator.
#[derive(Debug)]
pub struct SimulatorState {
    pub credentials: Credentials,
    pub dataset: Arc<Dataset>,
    pub page_size: usize,
    pub faults: FaultInjector,
    request_id_salt: u64,
}

impl SimulatorState {
    /// A request id like TOP's (short, lower-case, unique per call).
    pub fn request_id(&self, number: u64) -> String {
        let mut rng = Prng::for_stream(self.request_id_salt, number);
        format!("{:x}{number:x}", rng.next_u64() >> 24)
    }
}

/// A simulator: its state, and the router serving it.
#[derive(Debug, Clone)]
pub struct Simulator {
    state: Arc<SimulatorState>,
    max_body_bytes: usize,
}

impl Simulator {
    /// Generates the data set and prepares the state.
    pub fn new(config: SimulatorConfig) -> Simulator {
        let dataset = Arc::new(Dataset::generate(&config.dataset));
        Simulator::with_dataset(config, dataset)
    }

    pub fn with_dataset(config: SimulatorConfig, dataset: Arc<Dataset>) -> Simulator {
        let state = SimulatorState {
            credentials: config.credentials,
            dataset,
            page_size: config.page_size.max(1),
            faults: FaultInjector::new(config.faults),
            request_id_salt: config.dataset.seed ^ 0x5EED,
        };
        Simulator {
            state: Arc::new(state),
            max_body_bytes: config.max_body_bytes,
        }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.state.dataset
    }

    pub fn page_size(&self) -> usize {
        self.state.page_size
    }

    pub fn fault_stats(&self) -> FaultStats {
        self.state.faults.stats()
    }

    /// `GET|POST /router/rest`, `GET /healthz`, `GET /_sim/stats`.
    pub fn router(&self) -> Router {
        Router::new()
            .route(GATEWAY_PATH, get(handler::gateway).post(handler::gateway))
            .route("/healthz", get(crate::healthz))
            .route("/_sim/stats", get(handler::stats))
            .layer(DefaultBodyLimit::max(self.max_body_bytes))
            .with_state(Arc::clone(&self.state))
    }
}
