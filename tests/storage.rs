//! Browser tests for the IndexedDB persistence layer (`state::storage`), run in
//! headless Chromium by `wasm-bindgen-test-runner`. Natively this file is empty.
//!
//! Each test works in its own database (unique name) and deletes it at the end.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use fcode_recon_app::state::storage::{StorageError, Store};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Blob, DomException, File, FilePropertyBag};

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Options {
    period: Option<(String, String)>,
    batches: Vec<String>,
    strict: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Run {
    name: String,
    options: Options,
    counts: BTreeMap<String, u64>,
    /// Exact fen amounts, including one JavaScript numbers cannot hold.
    amounts: Vec<i64>,
    note: Option<String>,
}

fn sample_run(name: &str) -> Run {
    Run {
        name: name.to_owned(),
        options: Options {
            period: Some(("2026-08-01".into(), "2026-09-01".into())),
            batches: vec!["B1".into(), "批次2".into()],
            strict: true,
        },
        counts: BTreeMap::from([("settled".into(), 3), ("outstanding".into(), 0)]),
        amounts: vec![0, -1, 4_000, i64::MAX],
        note: None,
    }
}

/// A database name no other test (or earlier run) uses.
fn unique_name(test: &str) -> String {
    format!(
        "fcode-test-{test}-{}",
        (js_sys::Math::random() * 1e12) as u64
    )
}

async fn open(test: &str) -> Store {
    Store::open_named(&unique_name(test))
        .await
        .expect("open a test database")
}

/// Closes `store` and deletes its database.
async fn discard(store: Store) {
    let name = store.name().to_owned();
    drop(store);
    Store::delete_database(&name)
        .await
        .expect("delete the test database");
}

fn blob_of(bytes: &[u8]) -> Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    Blob::new_with_u8_array_sequence(&parts).expect("a blob")
}

async fn bytes_of(blob: &Blob) -> Vec<u8> {
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .expect("read the blob");
    js_sys::Uint8Array::new(&buffer).to_vec()
}

#[wasm_bindgen_test]
async fn json_round_trip() {
    let store = open("json").await;
    let run = sample_run("八月");
    store.put_json("run/1/summary", &run).await.expect("put");
    let back: Option<Run> = store.get_json("run/1/summary").await.expect("get");
    assert_eq!(back, Some(run));

    // Plain values too.
    store.put_json("n", &42u32).await.expect("put a number");
    assert_eq!(store.get_json::<u32>("n").await.expect("get"), Some(42));
    discard(store).await;
}

#[wasm_bindgen_test]
async fn overwrite_replaces() {
    let store = open("overwrite").await;
    store
        .put_json("run/1/summary", &sample_run("first"))
        .await
        .expect("put");
    store
        .put_json("run/1/summary", &sample_run("renamed"))
        .await
        .expect("overwrite");
    let back: Run = store
        .get_json("run/1/summary")
        .await
        .expect("get")
        .expect("present");
    assert_eq!(back.name, "renamed");
    assert_eq!(store.list_json::<Run>("run/").await.expect("list").len(), 1);
    discard(store).await;
}

#[wasm_bindgen_test]
async fn missing_keys_are_none() {
    let store = open("missing").await;
    assert_eq!(store.get_json::<Run>("nothing").await.expect("get"), None);
    assert!(store.get_blob("nothing").await.expect("get blob").is_none());
    // Records and blobs are separate: a record is not a blob and vice versa.
    store.put_json("k", &1).await.expect("put");
    assert!(store.get_blob("k").await.expect("get blob").is_none());
    store.put_blob("b", &blob_of(b"x")).await.expect("put blob");
    assert_eq!(store.get_json::<i32>("b").await.expect("get"), None);
    assert!(
        store
            .list_json::<Run>("zzz")
            .await
            .expect("list")
            .is_empty()
    );
    discard(store).await;
}

#[wasm_bindgen_test]
async fn list_by_prefix() {
    let store = open("list").await;
    for (key, name) in [
        ("run/2/summary", "two"),
        ("run/1/summary", "one"),
        ("run/10/summary", "ten"),
    ] {
        store.put_json(key, &sample_run(name)).await.expect("put");
    }
    store
        .put_json("run/1/options", &sample_run("one-options"))
        .await
        .expect("put");
    store
        .put_json("runs-index", &sample_run("not a run"))
        .await
        .expect("put");
    store
        .put_json("prefs/lang", &sample_run("other"))
        .await
        .expect("put");

    let all = store.list_json::<Run>("run/").await.expect("list");
    let keys: Vec<&str> = all.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "run/1/options",
            "run/1/summary",
            "run/10/summary",
            "run/2/summary"
        ]
    );
    assert_eq!(all[1].1, sample_run("one"));

    // "run/1/" must not pick up "run/10/...".
    let one = store.list_json::<Run>("run/1/").await.expect("list");
    let keys: Vec<&str> = one.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["run/1/options", "run/1/summary"]);

    // An exact key is its own prefix; the empty prefix lists everything.
    assert_eq!(
        store
            .list_json::<Run>("prefs/lang")
            .await
            .expect("list")
            .len(),
        1
    );
    assert_eq!(store.list_json::<Run>("").await.expect("list").len(), 6);
    discard(store).await;
}

#[wasm_bindgen_test]
async fn blob_round_trip() {
    let store = open("blob").await;
    // Every byte value, and more than one chunk's worth.
    let bytes: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 256) as u8).collect();
    store
        .put_blob("run/1/input/0", &blob_of(&bytes))
        .await
        .expect("put blob");
    let back = store
        .get_blob("run/1/input/0")
        .await
        .expect("get blob")
        .expect("present");
    assert_eq!(back.size(), bytes.len() as f64);
    assert_eq!(bytes_of(&back).await, bytes);

    store
        .put_blob("empty", &blob_of(&[]))
        .await
        .expect("put empty blob");
    let empty = store
        .get_blob("empty")
        .await
        .expect("get")
        .expect("present");
    assert_eq!(empty.size(), 0.0);
    discard(store).await;
}

#[wasm_bindgen_test]
async fn file_keeps_name_and_type() {
    let store = open("file").await;
    let content = "code,face\nA1,4000\n".as_bytes();
    let options = FilePropertyBag::new();
    options.set_type("text/csv");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(content));
    let file = File::new_with_u8_array_sequence_and_options(&parts, "发行清单.csv", &options)
        .expect("a file");
    store
        .put_blob("run/1/input/issued", &file)
        .await
        .expect("put file");

    let back = store
        .get_blob("run/1/input/issued")
        .await
        .expect("get")
        .expect("present");
    assert_eq!(back.type_(), "text/csv");
    let back: File = back.dyn_into().expect("still a File");
    assert_eq!(back.name(), "发行清单.csv");
    assert_eq!(bytes_of(&back).await, content);
    discard(store).await;
}

#[wasm_bindgen_test]
async fn delete_prefix_removes_records_and_blobs() {
    let store = open("delete").await;
    for run in ["run/1/", "run/10/", "run/2/"] {
        store
            .put_json(&format!("{run}summary"), &sample_run(run))
            .await
            .expect("put");
        store
            .put_blob(&format!("{run}input/0"), &blob_of(run.as_bytes()))
            .await
            .expect("put blob");
    }
    store.delete_prefix("run/1/").await.expect("delete");

    assert_eq!(
        store.get_json::<Run>("run/1/summary").await.expect("get"),
        None
    );
    assert!(
        store
            .get_blob("run/1/input/0")
            .await
            .expect("get")
            .is_none()
    );
    // Neighbours survive, including the one whose key merely starts alike.
    let left: Vec<String> = store
        .list_json::<Run>("")
        .await
        .expect("list")
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(left, ["run/10/summary", "run/2/summary"]);
    let kept = store
        .get_blob("run/10/input/0")
        .await
        .expect("get")
        .expect("kept");
    assert_eq!(bytes_of(&kept).await, b"run/10/");

    // Deleting what is not there is fine.
    store
        .delete_prefix("run/99/")
        .await
        .expect("delete nothing");
    store.delete_prefix("").await.expect("delete everything");
    assert!(store.list_json::<Run>("").await.expect("list").is_empty());
    assert!(
        store
            .get_blob("run/2/input/0")
            .await
            .expect("get")
            .is_none()
    );
    discard(store).await;
}

#[wasm_bindgen_test]
async fn databases_are_isolated() {
    let a = open("iso-a").await;
    let b = open("iso-b").await;
    a.put_json("k", &"in a").await.expect("put a");
    b.put_json("k", &"in b").await.expect("put b");
    a.put_blob("blob", &blob_of(b"a")).await.expect("put blob");
    assert_eq!(
        a.get_json::<String>("k").await.expect("get").as_deref(),
        Some("in a")
    );
    assert_eq!(
        b.get_json::<String>("k").await.expect("get").as_deref(),
        Some("in b")
    );
    assert!(b.get_blob("blob").await.expect("get").is_none());
    b.delete_prefix("").await.expect("clear b");
    assert_eq!(
        a.get_json::<String>("k").await.expect("get").as_deref(),
        Some("in a")
    );
    discard(a).await;
    discard(b).await;
}

#[wasm_bindgen_test]
async fn data_survives_reopening() {
    let name = unique_name("reopen");
    let store = Store::open_named(&name).await.expect("open");
    store
        .put_json("run/1/summary", &sample_run("kept"))
        .await
        .expect("put");
    store
        .put_blob("run/1/input/0", &blob_of(b"kept"))
        .await
        .expect("put blob");
    // A clone shares the connection; it stays open until the last one goes.
    let clone = store.clone();
    drop(store);
    assert!(
        clone
            .get_json::<Run>("run/1/summary")
            .await
            .expect("get via clone")
            .is_some()
    );
    drop(clone);

    let again = Store::open_named(&name).await.expect("reopen");
    assert_eq!(
        again.get_json::<Run>("run/1/summary").await.expect("get"),
        Some(sample_run("kept"))
    );
    assert_eq!(
        bytes_of(
            &again
                .get_blob("run/1/input/0")
                .await
                .expect("get")
                .expect("present")
        )
        .await,
        b"kept"
    );
    discard(again).await;
}

#[wasm_bindgen_test]
async fn deleting_the_database_closes_open_stores() {
    // Another tab deleting (or upgrading) the database must not hang on our
    // open connection: the store closes itself and then reports Unavailable.
    let store = open("closed").await;
    store.put_json("k", &1).await.expect("put");
    Store::delete_database(store.name())
        .await
        .expect("delete while open");
    match store.get_json::<i32>("k").await {
        Err(StorageError::Unavailable(_)) => {}
        other => panic!("expected Unavailable, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn serialization_errors() {
    let store = open("serde").await;
    // JSON has no maps with structured keys.
    let bad: BTreeMap<(u8, u8), u8> = BTreeMap::from([((1, 2), 3)]);
    assert!(matches!(
        store.put_json("bad", &bad).await,
        Err(StorageError::Serialization(_))
    ));
    assert_eq!(
        store
            .get_json::<u8>("bad")
            .await
            .expect("nothing was written"),
        None
    );

    // A record read back as the wrong type.
    store
        .put_json("run/1/summary", &"just text")
        .await
        .expect("put");
    let got = store.get_json::<Run>("run/1/summary").await;
    assert!(
        matches!(&got, Err(StorageError::Serialization(why)) if why.contains("run/1/summary")),
        "{got:?}"
    );
    assert!(matches!(
        store.list_json::<Run>("run/").await,
        Err(StorageError::Serialization(_))
    ));
    // Leniently, as JSON values.
    let values = store
        .list_json::<serde_json::Value>("run/")
        .await
        .expect("list as values");
    assert_eq!(values[0].1, serde_json::json!("just text"));
    discard(store).await;
}

#[wasm_bindgen_test]
fn exceptions_map_to_errors() {
    let dom = |name: &str| -> JsValue {
        DomException::new_with_message_and_name("something happened", name)
            .expect("a DOMException")
            .into()
    };
    assert_eq!(
        StorageError::from_js(&dom("QuotaExceededError")),
        StorageError::QuotaExceeded
    );
    assert!(matches!(
        StorageError::from_js(&dom("DataCloneError")),
        StorageError::Serialization(_)
    ));
    assert!(matches!(
        StorageError::from_js(&dom("InvalidStateError")),
        StorageError::Unavailable(_)
    ));
    assert_eq!(
        StorageError::from_js(&dom("ConstraintError")),
        StorageError::Other("ConstraintError: something happened".into())
    );
    // An abort without a cause, and a plain JS error.
    assert_eq!(
        StorageError::from_js(&JsValue::NULL),
        StorageError::Other("transaction aborted".into())
    );
    let type_error: JsValue = js_sys::TypeError::new("bad key").into();
    assert_eq!(
        StorageError::from_js(&type_error),
        StorageError::Other("TypeError: bad key".into())
    );
    // A QuotaExceededError that is not a DOMException instance (another realm,
    // or the dedicated subclass newer browsers throw) is still recognised.
    let lookalike = js_sys::Object::new();
    js_sys::Reflect::set(&lookalike, &"name".into(), &"QuotaExceededError".into()).expect("set");
    assert_eq!(
        StorageError::from_js(&lookalike),
        StorageError::QuotaExceeded
    );

    assert_eq!(
        StorageError::QuotaExceeded.to_string(),
        "storage quota exceeded"
    );
}

#[wasm_bindgen_test]
async fn estimate_and_persist() {
    let store = open("quota").await;
    store
        .put_blob("big", &blob_of(&vec![7u8; 100_000]))
        .await
        .expect("put");
    let (usage, quota) = Store::estimate()
        .await
        .expect("Chromium supports estimate()");
    assert!(
        usage >= 0.0 && quota > 0.0 && usage <= quota,
        "usage {usage}, quota {quota}"
    );
    // Whether persistence is granted is the browser's call; it must answer.
    let _granted: bool = Store::persist().await;
    discard(store).await;
}

/// A Storage Bucket's `indexedDB` with a quota of `quota` bytes, where the
/// browser supports buckets (Chromium 122+).
async fn bucket_factory(bucket: &str, quota: f64) -> Option<web_sys::IdbFactory> {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
    let buckets = js_sys::Reflect::get(&navigator, &"storageBuckets".into()).ok()?;
    if !buckets.is_object() {
        return None;
    }
    let open: js_sys::Function = js_sys::Reflect::get(&buckets, &"open".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"quota".into(), &quota.into()).ok()?;
    let promise: js_sys::Promise = open
        .call2(&buckets, &bucket.into(), &options)
        .ok()?
        .dyn_into()
        .ok()?;
    let bucket = JsFuture::from(promise).await.ok()?;
    js_sys::Reflect::get(&bucket, &"indexedDB".into())
        .ok()?
        .dyn_into()
        .ok()
}

async fn delete_bucket(bucket: &str) {
    let navigator =
        js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).expect("a navigator");
    let buckets = js_sys::Reflect::get(&navigator, &"storageBuckets".into()).expect("buckets");
    let delete: js_sys::Function = js_sys::Reflect::get(&buckets, &"delete".into())
        .expect("delete")
        .dyn_into()
        .expect("a function");
    let promise: js_sys::Promise = delete
        .call1(&buckets, &bucket.into())
        .expect("call")
        .dyn_into()
        .expect("a promise");
    JsFuture::from(promise).await.expect("bucket deleted");
}

#[wasm_bindgen_test]
async fn a_full_quota_is_reported() {
    // A bucket that holds 50 kB: a 1 MB blob or record cannot fit.
    let bucket = format!("quota-{}", (js_sys::Math::random() * 1e12) as u64);
    let Some(factory) = bucket_factory(&bucket, 50_000.0).await else {
        web_sys::console::log_1(&"storage buckets unsupported: real quota error not tested".into());
        return;
    };
    let store = Store::open_in(&factory, "fcode-recon")
        .await
        .expect("open in the bucket");
    store
        .put_json("small", &"fits")
        .await
        .expect("a small record fits");

    // Blobs are stored as files, uncompressed.
    let big_blob = blob_of(&vec![1u8; 1_000_000]);
    assert_eq!(
        store.put_blob("big", &big_blob).await,
        Err(StorageError::QuotaExceeded)
    );
    // Incompressible: Chromium compresses large values before counting them.
    let mut seed = 1u32;
    let big_text: String = (0..1_000_000)
        .map(|_| {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            char::from(b'!' + (seed >> 25) as u8 % 90)
        })
        .collect();
    assert_eq!(
        store.put_json("big", &big_text).await,
        Err(StorageError::QuotaExceeded)
    );

    // The failed writes left nothing behind, and the store still works.
    assert!(store.get_blob("big").await.expect("get").is_none());
    assert_eq!(store.get_json::<String>("big").await.expect("get"), None);
    assert_eq!(
        store
            .get_json::<String>("small")
            .await
            .expect("get")
            .as_deref(),
        Some("fits")
    );
    drop(store);
    delete_bucket(&bucket).await;
}
