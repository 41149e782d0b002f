//! The engine runs in a Web Worker so the page never freezes.
//!
//! - [`protocol`]: the messages both sides exchange (serde types);
//! - [`client`]: the page's handle on the worker (requests, replies, progress,
//!   cancel by restarting the worker);
//! - [`runtime`]: the worker's side, holding the parsed inputs and the
//!   reconciliation, run by `src/bin/worker.rs`;
//! - [`digest`]: the SHA-256 of loaded files, taken on another thread;
//! - [`helper`]: a JavaScript helper worker answering by id (the hasher, and
//!   the page's file reader in `crate::state::blob_reader`);
//! - [`transport`]: how a message and its file bytes cross `postMessage`.

pub mod client;
pub mod digest;
pub mod helper;
pub mod protocol;
pub mod runtime;
pub mod summaries;
pub mod table_view;
pub mod transport;
