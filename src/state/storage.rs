//! Saving reconciliations in the browser, in IndexedDB, so that a reload or a
//! crash loses nothing and past runs can be listed, reopened and deleted.
//!
//! One database (`fcode-recon`) with two object stores, both keyed by strings
//! the caller chooses (hierarchical keys such as `run/<id>/options` let
//! [`Store::list_json`] and [`Store::delete_prefix`] work on one run at once):
//! - `records`: serde values, stored as JSON text;
//! - `blobs`: `Blob`s and `File`s, stored natively by the browser.
//!
//! Every write resolves only once its transaction has *committed* (and with
//! `durability: "strict"`, so the browser flushes it to disk first): when a
//! call returns `Ok`, the data survives a reload, a tab crash and, as far as
//! the browser can promise, a power cut. Every failure is returned as a
//! [`StorageError`]; a full disk is [`StorageError::QuotaExceeded`], for the UI
//! to show.
//!
//! Works in a window or a Web Worker. Natively it compiles (so the workspace
//! builds) but every call fails or returns `None`.

mod error;
mod events;
mod open;
mod quota;

use std::fmt;
use std::rc::Rc;

use js_sys::Array;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, IdbDatabase, IdbFactory, IdbKeyRange, IdbRequest, IdbTransaction};

pub use error::StorageError;
use events::{Listener, abandon, finished};

/// The database the app uses.
pub const DATABASE_NAME: &str = "fcode-recon";
/// Object store of serde values (JSON text).
const RECORDS: &str = "records";
/// Object store of `Blob`s/`File`s.
const BLOBS: &str = "blobs";

#[wasm_bindgen]
extern "C" {
    /// `IDBDatabase`, seen only for `transaction(stores, mode, options)`,
    /// which web-sys exposes only behind `web_sys_unstable_apis`. Browsers
    /// that do not know an option ignore it.
    #[wasm_bindgen(js_name = IDBDatabase)]
    type DatabaseWithOptions;

    #[wasm_bindgen(method, catch, js_name = transaction)]
    fn transaction(
        this: &DatabaseWithOptions,
        stores: &Array,
        mode: &str,
        options: &JsValue,
    ) -> Result<IdbTransaction, JsValue>;
}

/// An open connection to one database. Cheap to clone (the clones share the
/// connection, which closes when the last one is dropped), so each async
/// task can own one.
#[derive(Clone)]
pub struct Store {
    connection: Rc<Connection>,
}

struct Connection {
    db: IdbDatabase,
    name: String,
    _on_versionchange: Listener,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.db.close();
    }
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("database", &self.connection.name)
            .finish()
    }
}

/// Keys that start with `prefix`: from `prefix` itself up to `prefix` followed
/// by U+FFFF, the largest UTF-16 code unit. (A key that continues with U+FFFF
/// itself would be missed; ours never contain it.)
fn prefix_range(prefix: &str) -> Result<IdbKeyRange, StorageError> {
    let upper = format!("{prefix}\u{FFFF}");
    IdbKeyRange::bound(&JsValue::from_str(prefix), &JsValue::from_str(&upper))
        .map_err(|e| StorageError::from_js(&e))
}

fn serialization(what: impl fmt::Display) -> StorageError {
    StorageError::Serialization(what.to_string())
}

impl Store {
    /// Opens (creating or upgrading as needed) the app's database.
    pub async fn open() -> Result<Store, StorageError> {
        Store::open_named(DATABASE_NAME).await
    }

    /// Opens another database with the same schema (tests use unique names).
    pub async fn open_named(name: &str) -> Result<Store, StorageError> {
        Store::open_in(&open::factory()?, name).await
    }

    /// Opens a database of another `IDBFactory` than the global `indexedDB`:
    /// that of a Storage Bucket (`navigator.storageBuckets`, Chromium), which
    /// has its own quota and eviction policy. The tests use a bucket with a
    /// tiny quota to provoke a real `QuotaExceededError`.
    pub async fn open_in(factory: &IdbFactory, name: &str) -> Result<Store, StorageError> {
        let db = open::open_database(factory, name).await?;
        // A newer version of the app in another tab wants to upgrade, or
        // someone deletes the database: close instead of blocking them
        // forever. Our later calls then fail with `Unavailable`.
        let on_versionchange = Listener::new(&db, "versionchange", {
            let db = db.clone();
            move |_event| db.close()
        });
        Ok(Store {
            connection: Rc::new(Connection {
                db,
                name: name.to_owned(),
                _on_versionchange: on_versionchange,
            }),
        })
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.connection.name
    }

    /// Deletes a whole database. Completes only once every connection to it
    /// is closed: drop all [`Store`]s of it first (other tabs close theirs
    /// when asked).
    pub async fn delete_database(name: &str) -> Result<(), StorageError> {
        open::delete_database(name).await
    }

    /// Starts a transaction over `stores`. Writes ask for strict durability:
    /// since Chrome 121 the default is "relaxed", where `complete` may fire
    /// before the data reaches the disk. Our writes are few and user-visible,
    /// so the extra flush is worth it.
    fn begin(&self, stores: &[&str], write: bool) -> Result<IdbTransaction, StorageError> {
        let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        let options = js_sys::Object::new();
        let mode = if write {
            let _ = js_sys::Reflect::set(&options, &"durability".into(), &"strict".into());
            "readwrite"
        } else {
            "readonly"
        };
        self.connection
            .db
            .unchecked_ref::<DatabaseWithOptions>()
            .transaction(&names, mode, &options)
            .map_err(|e| StorageError::from_js(&e))
    }

    /// Writes one value, resolving once the transaction has committed.
    async fn put(&self, store: &str, key: &str, value: &JsValue) -> Result<(), StorageError> {
        let tx = self.begin(&[store], true)?;
        if let Err(e) = tx
            .object_store(store)
            .and_then(|s| s.put_with_key(value, &JsValue::from_str(key)))
        {
            return Err(abandon(&tx, e));
        }
        finished(&tx).await
    }

    /// Reads one value; `undefined` when the key is absent.
    async fn get(&self, store: &str, key: &str) -> Result<JsValue, StorageError> {
        let tx = self.begin(&[store], false)?;
        let request = match tx
            .object_store(store)
            .and_then(|s| s.get(&JsValue::from_str(key)))
        {
            Ok(request) => request,
            Err(e) => return Err(abandon(&tx, e)),
        };
        finished(&tx).await?;
        request.result().map_err(|e| StorageError::from_js(&e))
    }

    /// Saves `value` under `key` in `records`, replacing any previous value.
    ///
    /// Stored as JSON text (serde_json) rather than as a JS object: it needs no
    /// extra dependency, round-trips exactly what serde produces (64-bit fen
    /// amounts beyond 2^53, maps with non-string keys, enums) and crosses
    /// into JavaScript as one string instead of one call per field. We never
    /// query inside records, so an object would buy nothing.
    pub async fn put_json<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError> {
        let json = serde_json::to_string(value).map_err(serialization)?;
        self.put(RECORDS, key, &JsValue::from_str(&json)).await
    }

    /// The record under `key`, or `None` if there is none.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        key: &str,
    ) -> Result<Option<T>, StorageError> {
        let value = self.get(RECORDS, key).await?;
        if value.is_undefined() {
            return Ok(None);
        }
        let json = value
            .as_string()
            .ok_or_else(|| serialization(format!("record {key:?} is not JSON text")))?;
        serde_json::from_str(&json)
            .map(Some)
            .map_err(|e| serialization(format!("record {key:?}: {e}")))
    }

    /// Every record whose key starts with `key_prefix`, in key order (by UTF-16
    /// code units, which for ASCII keys is byte order).
    ///
    /// One record that does not deserialise as `T` fails the whole call (the
    /// error names its key); to list records of mixed or older shapes, ask
    /// for `serde_json::Value` and convert each one.
    pub async fn list_json<T: DeserializeOwned>(
        &self,
        key_prefix: &str,
    ) -> Result<Vec<(String, T)>, StorageError> {
        let range = prefix_range(key_prefix)?;
        let tx = self.begin(&[RECORDS], false)?;
        // Both lists come in key order from the same snapshot, so they line up.
        let requests = tx.object_store(RECORDS).and_then(|store| {
            Ok((
                store.get_all_keys_with_key(&range)?,
                store.get_all_with_key(&range)?,
            ))
        });
        let (keys, values) = match requests {
            Ok(requests) => requests,
            Err(e) => return Err(abandon(&tx, e)),
        };
        finished(&tx).await?;
        let keys = array_result(&keys)?;
        let values = array_result(&values)?;
        keys.iter()
            .zip(values.iter())
            .map(|(key, value)| {
                let key = key
                    .as_string()
                    .ok_or_else(|| serialization(format!("non-string key {key:?}")))?;
                let json = value
                    .as_string()
                    .ok_or_else(|| serialization(format!("record {key:?} is not JSON text")))?;
                let value = serde_json::from_str(&json)
                    .map_err(|e| serialization(format!("record {key:?}: {e}")))?;
                Ok((key, value))
            })
            .collect()
    }

    /// Saves a `Blob` (or `File`) under `key` in `blobs`, replacing any
    /// previous one. The browser stores it by structured clone — the bytes are
    /// never copied into WebAssembly memory — and a `File` comes back as a
    /// `File`, with its name, type and last-modified time.
    pub async fn put_blob(&self, key: &str, blob: &Blob) -> Result<(), StorageError> {
        self.put(BLOBS, key, blob.as_ref()).await
    }

    /// The blob under `key`, or `None` if there is none.
    pub async fn get_blob(&self, key: &str) -> Result<Option<Blob>, StorageError> {
        let value = self.get(BLOBS, key).await?;
        if value.is_undefined() {
            return Ok(None);
        }
        value
            .dyn_into::<Blob>()
            .map(Some)
            .map_err(|_| serialization(format!("entry {key:?} is not a Blob")))
    }

    /// Deletes every record and blob whose key starts with `key_prefix`, in
    /// one transaction: either all of them go or none does. An empty prefix
    /// empties the database.
    pub async fn delete_prefix(&self, key_prefix: &str) -> Result<(), StorageError> {
        let range = prefix_range(key_prefix)?;
        let tx = self.begin(&[RECORDS, BLOBS], true)?;
        for store in [RECORDS, BLOBS] {
            if let Err(e) = tx.object_store(store).and_then(|s| s.delete(&range)) {
                return Err(abandon(&tx, e));
            }
        }
        finished(&tx).await
    }

    /// `(usage, quota)` in bytes for this origin, from
    /// `navigator.storage.estimate()`; `None` where unsupported. Browsers
    /// round and pad these figures on purpose: use them for a gauge, not to
    /// predict whether a write will fit.
    pub async fn estimate() -> Option<(f64, f64)> {
        quota::estimate().await
    }

    /// Asks the browser not to evict our data under storage pressure
    /// (`navigator.storage.persist()`); `false` when refused or unsupported.
    /// Chrome decides silently; Firefox asks the user with a prompt, so call
    /// it after a user action (e.g. the first saved run), not on page load.
    pub async fn persist() -> bool {
        quota::persist().await
    }
}

/// The array a `getAll`/`getAllKeys` request produced.
fn array_result(request: &IdbRequest) -> Result<Array, StorageError> {
    request
        .result()
        .map_err(|e| StorageError::from_js(&e))?
        .dyn_into::<Array>()
        .map_err(|v| StorageError::Other(format!("expected an array, got {v:?}")))
}
