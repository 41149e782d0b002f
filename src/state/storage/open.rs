//! Opening (creating, upgrading) and deleting the database.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbFactory, IdbOpenDbRequest};

use super::events::{EventWait, Listener};
use super::{BLOBS, RECORDS, StorageError};

/// Schema version. Bump it, and extend `upgrade`, when stores or indexes change.
pub(super) const VERSION: u32 = 1;

/// `indexedDB` of the current global — a window or a worker alike. Looked up as
/// a property because it is missing or `null` in some contexts (Firefox with
/// storage disabled, very old private modes), and reading it may throw
/// (`SecurityError` in sandboxed frames).
pub(super) fn factory() -> Result<IdbFactory, StorageError> {
    let value = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("indexedDB"))
        .map_err(|e| StorageError::from_js_opening(&e))?;
    if value.is_null() || value.is_undefined() {
        return Err(StorageError::Unavailable(
            "this browser provides no IndexedDB".to_owned(),
        ));
    }
    Ok(value.unchecked_into())
}

/// Creates whatever object stores are missing. Runs synchronously inside the
/// `upgradeneeded` event: the upgrade transaction is only active during it.
fn upgrade(request: &IdbOpenDbRequest) -> Result<(), JsValue> {
    let db: IdbDatabase = request.result()?.unchecked_into();
    let existing = db.object_store_names();
    for name in [RECORDS, BLOBS] {
        // Out-of-line keys (no key path): the caller names every entry, and a
        // Blob has no property to take a key from.
        if !existing.contains(name) {
            db.create_object_store(name)?;
        }
    }
    Ok(())
}

/// [`upgrade`], aborting the upgrade (and so the open) if it fails; returns
/// the cause.
fn upgrade_or_abort(request: &IdbOpenDbRequest) -> Option<JsValue> {
    let error = upgrade(request).err()?;
    if let Some(tx) = request.transaction() {
        let _ = tx.abort();
    }
    Some(error)
}

/// Opens `name` in `factory` at [`VERSION`], creating or upgrading the schema
/// as needed.
pub(super) async fn open_database(
    factory: &IdbFactory,
    name: &str,
) -> Result<IdbDatabase, StorageError> {
    let request = factory
        .open_with_u32(name, VERSION)
        .map_err(|e| StorageError::from_js_opening(&e))?;

    // An error while creating stores aborts the upgrade (and so the open); keep
    // its cause, which is more telling than the resulting AbortError.
    let upgrade_error: Rc<RefCell<Option<JsValue>>> = Rc::default();
    let _on_upgrade = Listener::new(&request, "upgradeneeded", {
        let request = request.clone();
        let upgrade_error = upgrade_error.clone();
        move |_event| {
            if let Some(e) = upgrade_or_abort(&request) {
                *upgrade_error.borrow_mut() = Some(e);
            }
        }
    });
    let mut wait = EventWait::new(&request, &["success", "error", "blocked"]);
    let event = wait.next().await?;
    match event.type_().as_str() {
        "success" => request
            .result()
            .map_err(|e| StorageError::from_js_opening(&e))?
            .dyn_into::<IdbDatabase>()
            .map_err(|v| StorageError::Unavailable(format!("open returned {v:?}"))),
        "blocked" => {
            // Another tab holds an older version open and does not close it.
            // The request stays pending and may still go through after we
            // gave up: let it upgrade properly, then close that connection so
            // it does not block anyone in turn.
            let late = request.clone();
            request.set_onupgradeneeded(Some(
                Closure::once_into_js(move || {
                    let _ = upgrade_or_abort(&late);
                })
                .unchecked_ref(),
            ));
            let late = request.clone();
            request.set_onsuccess(Some(
                Closure::once_into_js(move || {
                    if let Ok(db) = late.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
                        db.close();
                    }
                })
                .unchecked_ref(),
            ));
            Err(StorageError::Unavailable(
                "database upgrade blocked by another open tab; close it and reload".to_owned(),
            ))
        }
        _ => {
            let cause = upgrade_error
                .borrow_mut()
                .take()
                .or_else(|| request.error().ok().flatten().map(Into::into));
            Err(StorageError::from_js_opening(
                &cause.unwrap_or(JsValue::NULL),
            ))
        }
    }
}

/// Deletes database `name` and everything in it. Waits while other connections
/// are open (each [`super::Store`] closes itself when asked), so drop every
/// `Store` of this database first.
pub(super) async fn delete_database(name: &str) -> Result<(), StorageError> {
    let request = factory()?
        .delete_database(name)
        .map_err(|e| StorageError::from_js(&e))?;
    let mut wait = EventWait::new(&request, &["success", "error"]);
    let event = wait.next().await?;
    if event.type_() == "success" {
        Ok(())
    } else {
        Err(StorageError::from_js(
            &request
                .error()
                .ok()
                .flatten()
                .map(Into::into)
                .unwrap_or(JsValue::NULL),
        ))
    }
}
