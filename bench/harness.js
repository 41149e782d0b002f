// The browser benchmark's page script (scripts/bench.sh → bench/run.mjs drives it).
//
// Three implementations of the same work on the same bytes, each timed from
// "file bytes in ArrayBuffers in this page" to "per-class figures in hand":
//   ours   - the app's real engine worker (/worker_loader.js, module worker),
//            spoken to exactly as src/state/session does: LoadPlatform per file,
//            InspectIssuance then LoadIssuance with the options the preview
//            suggests, Reconcile with the engine's suggested pull types;
//   duckdb - DuckDB-WASM 1.32 (eh bundle, one thread) from /bench/node_modules:
//            pages JSON.parse'd in JS (DuckDB-WASM has no JSON extension offline),
//            inserted as an Arrow table; the CSV read, normalisation, full outer
//            join and grouping done in SQL;
//   js     - plain JavaScript: JSON.parse per page, a minimal CSV split, Map join.
// Each run returns the nine classes of SPEC 4 (count, amount in fen, codes with
// unknown amount) so the runner can check that all three agree.

import * as duckdb from '@duckdb/duckdb-wasm';
import * as arrow from 'apache-arrow';

export const CLASSES = [
  'redeemed', 'outstanding', 'expired', 'invalidated', 'missing_on_platform',
  'not_redeemed', 'unissued_redeemed', 'unissued_bound', 'unissued',
];
const GENERATED_AT = '2026-09-01 00:00:00';

// ---------------------------------------------------------------- page-wide probes

/** Long tasks on this page's main thread (PerformanceObserver 'longtask'). */
const longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });

function longestTaskIn(t0, t1) {
  let max = 0;
  for (const t of longTasks) if (t.start + t.duration >= t0 && t.start <= t1) max = Math.max(max, t.duration);
  return max;
}

/** The page's JS heap (Chromium: performance.memory, precise with --enable-precise-memory-info). */
const heapNow = () => (performance.memory ? performance.memory.usedJSHeapSize : 0);

/** Samples the page's heap while `work` runs; returns [result, peak bytes]. */
async function withHeapPeak(work) {
  let peak = heapNow();
  const timer = setInterval(() => { peak = Math.max(peak, heapNow()); }, 20);
  try {
    const result = await work((extra) => { peak = Math.max(peak, heapNow()); return extra; });
    return [result, Math.max(peak, heapNow())];
  } finally {
    clearInterval(timer);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function settle() {
  if (typeof globalThis.gc === 'function') globalThis.gc();
  await sleep(200);
  if (typeof globalThis.gc === 'function') globalThis.gc();
}

// ---------------------------------------------------------------- the data

let data = null;

/** Fetches a data set into ArrayBuffers kept by the page (not timed). */
async function load({ dir, platform, issued }) {
  data = null;
  await settle();
  const get = async (name) => {
    const res = await fetch(`/data/${dir}/${name}`);
    if (!res.ok) throw new Error(`${dir}/${name}: HTTP ${res.status}`);
    return { name, buf: await res.arrayBuffer() };
  };
  const files = [];
  for (const name of platform) files.push(await get(name));
  data = { dir, platform: files, issued: await get(issued) };
  const platformBytes = files.reduce((n, f) => n + f.buf.byteLength, 0);
  return { platformBytes, issuedBytes: data.issued.buf.byteLength, inputBytes: platformBytes + data.issued.buf.byteLength };
}

// ---------------------------------------------------------------- ours: the app's worker

/** A minimal client of the app's worker protocol (src/worker/{protocol,transport}.rs). */
class EngineWorker {
  constructor() {
    this.nextId = 1;
    this.pending = new Map();
    this.worker = new Worker(new URL('/worker_loader.js', location.href), { type: 'module' });
    this.ready = new Promise((resolve, reject) => {
      this.worker.onmessage = (event) => {
        const envelope = JSON.parse(event.data.json);
        if (envelope.kind === 'ready') resolve();
        else if (envelope.kind === 'reply') {
          const done = this.pending.get(envelope.id);
          this.pending.delete(envelope.id);
          if (done) done(envelope.reply);
        }
        // 'progress' envelopes are part of the cost but not needed here.
      };
      this.worker.onerror = (event) => reject(new Error(`engine worker: ${event.message}`));
    });
  }

  /** Sends one request; `bytes` (an ArrayBuffer) is transferred, as the app does. */
  call(request, bytes) {
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.pending.set(id, resolve);
      const message = { json: JSON.stringify({ kind: 'request', id, request }) };
      if (bytes) {
        message.bytes = bytes;
        this.worker.postMessage(message, [bytes]);
      } else {
        this.worker.postMessage(message);
      }
    });
  }

  terminate() {
    this.worker.terminate();
  }
}

function expectReply(reply, type, what) {
  if (reply.type !== type) {
    throw new Error(`${what}: expected ${type}, got ${reply.type}${reply.message ? `: ${reply.message}` : ''}`);
  }
  return reply;
}

/** What the app sends for a text list's mapping preview: whole lines of its
 *  first megabyte (PREVIEW_TEXT_BYTES and preview_len in
 *  crates/fcode-core/src/issuance/preview.rs; the bench's list is plain
 *  UTF-8 CSV, never a spreadsheet or UTF-16). */
function previewBytes(buf) {
  const PREVIEW_TEXT_BYTES = 1 << 20;
  if (buf.byteLength <= PREVIEW_TEXT_BYTES) return buf.slice(0);
  const head = new Uint8Array(buf, 0, PREVIEW_TEXT_BYTES);
  return buf.slice(0, head.lastIndexOf(10) + 1);
}

/** The worker of the last run made with `keepWorker` (bench/worker_profile.mjs
 *  stops its profiler before the worker goes). */
let keptWorker = null;

/** One run of our engine in a fresh worker. With `memorySteps`, the worker's
 *  memory is read after each step too (a diagnostic run: not for timing); with
 *  `keepWorker`, the worker lives on until `releaseWorker()`. */
async function ours({ memorySteps = false, keepWorker = false } = {}) {
  const engine = new EngineWorker();
  await engine.ready;
  // Transferring detaches a buffer, so each request gets its own copy, made
  // before the clock starts (the app reads each file's Blob into a fresh
  // ArrayBuffer per request, and for the list's mapping preview only whole
  // lines of its first megabyte: read_preview in src/state/session/mod.rs).
  const platform = data.platform.map((f) => ({ name: f.name, buf: f.buf.slice(0) }));
  const csvInspect = previewBytes(data.issued.buf);
  const csvLoad = data.issued.buf.slice(0);
  await settle();
  // As the app loads inputs (src/state/session: load_platform_files, and a
  // restore): platform files a few at a time, the issuance list inspected and
  // loaded beside them; the worker answers in arrival order. Steps are
  // milliseconds from the start until each part was answered.
  const FILES_IN_FLIGHT = 3; // src/state/session/platform.rs
  const steps = { platform_loaded: 0, issuance_loaded: 0, reconcile: 0 };
  const memoryOf = async () => {
    const s = expectReply(await engine.call({ type: 'stats' }, null), 'stats', 'stats');
    return s.wasm_memory_bytes;
  };
  const memory = memorySteps ? { start: await memoryOf() } : null;
  const [result, heapPeak] = await withHeapPeak(async (sample) => {
    const t0 = performance.now();
    const loadPlatform = async () => {
      const inFlight = [];
      const pulls = [];
      for (const [k, f] of platform.entries()) {
        if (inFlight.length >= FILES_IN_FLIGHT) pulls.push(await inFlight.shift());
        const input = k + 1;
        inFlight.push(engine.call({ type: 'load_platform', input, name: f.name }, f.buf)
          .then((reply) => [input, expectReply(reply, 'platform_loaded', f.name).suggested_pull]));
      }
      for (const p of inFlight) pulls.push(await p);
      steps.platform_loaded = performance.now() - t0;
      return pulls;
    };
    const loadIssuance = async () => {
      const name = data.issued.name;
      const preview = expectReply(await engine.call({ type: 'inspect_issuance', name, sheet: null }, csvInspect), 'issuance_preview', name);
      const options = { mapping: null, face_value_unit: preview.face_value_unit_hint, sheet: preview.sheet };
      expectReply(await engine.call({ type: 'load_issuance', input: platform.length + 1, name, options }, csvLoad), 'issuance_loaded', name);
      steps.issuance_loaded = performance.now() - t0;
    };
    const [order] = await Promise.all([loadPlatform(), loadIssuance()]);
    sample();
    if (memory) memory.loaded = await memoryOf();
    const tr = performance.now();
    const rec = expectReply(await engine.call({ type: 'reconcile', platform: order, period: null, generated_at: GENERATED_AT }, null), 'reconciled', 'reconcile');
    const t1 = performance.now();
    steps.reconcile = t1 - tr;
    sample();
    return { t0, t1, order, rec };
  });
  const stats = expectReply(await engine.call({ type: 'stats' }, null), 'stats', 'stats');
  if (memory) memory.reconciled = stats.wasm_memory_bytes;
  if (keepWorker) keptWorker = engine;
  else engine.terminate();
  const classes = {};
  for (const c of CLASSES) {
    const t = result.rec.report.classes[c];
    classes[c] = { count: t.count, amount_cents: t.amount_cents, amount_unknown: t.amount_unknown };
  }
  return {
    ms: result.t1 - result.t0,
    steps,
    classes,
    pulls: result.order.map(([, pull]) => pull),
    codes: result.rec.run.codes,
    sha256: result.rec.report.inputs.map((i) => i.sha256),
    balanced: result.rec.run.tie_out.balanced,
    wasmMemory: stats.wasm_memory_bytes,
    hashedOffThread: stats.files_hashed_off_thread,
    pageHeapPeak: heapPeak,
    longestTask: longestTaskIn(result.t0, result.t1),
    memorySteps: memory,
  };
}

// ---------------------------------------------------------------- shared by duckdb and js

/** SPEC 3 normalisation in JS: NFKC, trim, one leading apostrophe, ASCII upper-case.
 *  Printable ASCII without lower case or a leading apostrophe is already normal
 *  (the engine's fast path too). */
const CLEAN = /^[\x21-\x26\x28-\x60\x7b-\x7e][\x21-\x60\x7b-\x7e]*$/;
function normalise(raw) {
  if (CLEAN.test(raw)) return raw;
  let t = raw.normalize('NFKC').trim();
  if (t.charCodeAt(0) === 39) t = t.slice(1);
  return t.replace(/[a-z]+/g, (m) => m.toUpperCase());
}

/** The result object of one TOP response, wrapped (`*_response`) or simplified. */
function resultOf(response, file) {
  if (response.error_response) throw new Error(`${file}: error_response`);
  const result = response.result ?? Object.values(response)[0]?.result;
  if (!result || String(result.return_code) !== '0') throw new Error(`${file}: not a successful TOP page`);
  return result.return_value;
}
/** `coupon_list`: a plain array, or an object wrapping one array. */
const recordsOf = (value) => {
  const list = value.coupon_list;
  if (!list) return [];
  return Array.isArray(list) ? list : (Object.values(list).find(Array.isArray) ?? []);
};

/** Walks every page of every platform file (one TOP response per line, as the
 *  generator writes them); `onBatch(basic, fileIndex)`, `onRecord(rec, mixId)`.
 *  Returns each file's pull: CONSUME when every record is redeemed (the
 *  engine's suggestion, which the app takes). */
function walkPages(files, onBatch, onRecord) {
  const decoder = new TextDecoder();
  const pulls = [];
  files.forEach((f, fi) => {
    const text = decoder.decode(f.buf);
    let allRedeemed = true;
    let any = false;
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      if (end > start + 1) {
        const value = resultOf(JSON.parse(text.slice(start, end)), f.name);
        const mix = value.basic?.mix_id ?? null;
        if (value.basic) onBatch(value.basic, fi);
        for (const r of recordsOf(value)) {
          any = true;
          if (Number(r.code_status) !== 2) allRedeemed = false;
          onRecord(r, mix);
        }
      }
      start = end + 1;
    }
    pulls.push(any && allRedeemed ? 'CONSUME' : 'ALL');
  });
  return pulls;
}

/** Batch table: mix_id → denomination (fen; the first file's wins) and pulls. */
function batchTable() {
  const batches = new Map();
  return {
    batches,
    onBatch(basic, fi, pullOf) {
      let b = batches.get(basic.mix_id);
      if (!b) batches.set(basic.mix_id, (b = { denomination: null, files: new Set() }));
      if (b.denomination === null && basic.denomination !== undefined) b.denomination = Number(basic.denomination);
      b.files.add(fi);
    },
    /** pulled_all per batch once the files' pulls are known. */
    finish(pulls) {
      for (const b of batches.values()) b.pulledAll = [...b.files].some((fi) => pulls[fi] === 'ALL');
      return batches;
    },
  };
}

const emptyClasses = () => Object.fromEntries(CLASSES.map((c) => [c, { count: 0, amount_cents: 0, amount_unknown: 0 }]));

/** Exact yuan text → fen (`30.00`, `¥30`, `30元`); null when empty. */
function yuanToFen(text) {
  const t = text.replace(/[¥￥元\s]/g, '');
  if (t === '') return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) throw new Error(`face value ${JSON.stringify(text)}`);
  return Number(m[1]) * 100 + Number(((m[2] ?? '') + '00').slice(0, 2));
}

// ---------------------------------------------------------------- plain JavaScript

/** One run of the plain-JavaScript baseline on this page's main thread. */
async function js() {
  await settle();
  const [figures, heapPeak] = await withHeapPeak(async () => {
    const t0 = performance.now();
    // Platform: latest gmt_modified wins, on a tie the record loaded last.
    const plat = new Map();
    const table = batchTable();
    const pulls = walkPages(data.platform, (basic, fi) => table.onBatch(basic, fi), (r, mix) => {
      const code = normalise(String(r.code));
      const gmt = r.gmt_modified;
      const cur = plat.get(code);
      if (cur === undefined) {
        plat.set(code, { status: Number(r.code_status), bind: Number(r.bind_status), gmt, mix });
      } else if (gmt >= cur.gmt) {
        cur.status = Number(r.code_status);
        cur.bind = Number(r.bind_status);
        cur.gmt = gmt;
        if (mix !== null) cur.mix = mix;
      }
    });
    const batches = table.finish(pulls);

    // Issuance: a minimal CSV reader for this data (UTF-8, comma, CRLF, no
    // quoted fields — checked), header columns by name.
    const text = new TextDecoder().decode(data.issued.buf);
    if (text.includes('"')) throw new Error('the JS baseline reads unquoted CSV only');
    let pos = text.indexOf('\n');
    const header = text.slice(0, pos).replace(/\r$/, '').split(',');
    const col = (names) => header.findIndex((h) => names.includes(h.trim()));
    const cCode = col(['券码', 'code']);
    const cFace = col(['面值(元)', '面值', 'face_value']);
    const cMix = col(['批次号', '批次', 'mix_id']);
    if (cCode < 0) throw new Error('no code column');
    const iss = new Map();
    pos += 1;
    while (pos < text.length) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      const line = text.charCodeAt(end - 1) === 13 ? text.slice(pos, end - 1) : text.slice(pos, end);
      pos = end + 1;
      if (line === '') continue;
      const cells = line.split(',');
      const code = normalise(cells[cCode]);
      const mix = cMix >= 0 ? cells[cMix].trim() : '';
      const face = cFace >= 0 ? yuanToFen(cells[cFace]) : null;
      const cur = iss.get(code);
      if (cur === undefined) iss.set(code, { rows: 1, mix: mix || null, face });
      else {
        cur.rows += 1;
        if (cur.mix === null && mix) cur.mix = mix;
        if (cur.face === null) cur.face = face;
      }
    }

    // Full outer join and classes (SPEC 4).
    const allConsumeOnly = batches.size > 0 && [...batches.values()].every((b) => !b.pulledAll);
    const classes = emptyClasses();
    const add = (cls, amount) => {
      const t = classes[cls];
      t.count += 1;
      if (amount === null || amount === undefined) t.amount_unknown += 1;
      else t.amount_cents += amount;
    };
    for (const [code, p] of plat) {
      const i = iss.get(code);
      const batch = batches.get(p.mix ?? (i ? i.mix : null));
      const amount = batch?.denomination ?? i?.face ?? null;
      if (i) {
        add(p.status === 2 ? 'redeemed' : p.status === 0 ? 'outstanding' : p.status === -1 ? 'expired' : 'invalidated', amount);
      } else {
        add(p.status === 2 ? 'unissued_redeemed' : p.status === 0 && p.bind === 0 ? 'unissued_bound' : 'unissued', amount);
      }
    }
    for (const [code, i] of iss) {
      if (plat.has(code)) continue;
      const batch = i.mix === null ? undefined : batches.get(i.mix);
      const consumeOnly = batch ? !batch.pulledAll : i.mix === null ? allConsumeOnly : false;
      add(consumeOnly ? 'not_redeemed' : 'missing_on_platform', batch?.denomination ?? i.face ?? null);
    }
    const t1 = performance.now();
    return { t0, t1, classes, pulls };
  });
  return { ms: figures.t1 - figures.t0, classes: figures.classes, pulls: figures.pulls, pageHeapPeak: heapPeak };
}

// ---------------------------------------------------------------- DuckDB-WASM

const DUCKDB_DIST = new URL('/bench/node_modules/@duckdb/duckdb-wasm/dist/', location.href).href;
const BUNDLES = {
  mvp: { mainModule: `${DUCKDB_DIST}duckdb-mvp.wasm`, mainWorker: `${DUCKDB_DIST}duckdb-browser-mvp.worker.js` },
  eh: { mainModule: `${DUCKDB_DIST}duckdb-eh.wasm`, mainWorker: `${DUCKDB_DIST}duckdb-browser-eh.worker.js` },
};

async function startDuckDB() {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  return { db, bundle: bundle.mainModule.split('/').pop(), version: await db.getVersion() };
}

// SPEC 3 normalisation in SQL: DuckDB has no NFKC, so nfc_normalize (NFC)
// stands in for it (identical on this ASCII data); then trim of spaces, tabs,
// CR and LF; one leading apostrophe dropped; upper().
const WS = `' ' || chr(9) || chr(10) || chr(13)`;
const NORM_T = `upper(CASE WHEN starts_with(t, '''') THEN t[2:] ELSE t END)`;
const trimmed = (expr) => `trim(nfc_normalize(${expr}), ${WS})`;
/** Platform records in load order stay below this (the dedup key packs the order beside the time). */
const SEQ_BITS = 23;

function duckSql(allConsumeOnly) {
  return `
WITH
plat_n AS (
  SELECT ${NORM_T} AS code, status, bind, batch, k FROM (
    SELECT ${trimmed('code')} AS t, status, bind, batch,
      -- the latest gmt_modified wins, on a tie the record loaded last
      epoch(CAST(gmt AS TIMESTAMP))::BIGINT * ${2 ** SEQ_BITS} + seq AS k
    FROM plat)
),
p AS (
  SELECT code, arg_max({'status': status, 'bind': bind, 'batch': batch}, k) AS w FROM plat_n GROUP BY code
),
iss_raw AS (
  SELECT row_number() OVER () AS rn, code AS raw, nullif(trim(mix_id), '') AS mix_id,
    CAST(round(CAST(nullif(replace(replace(replace(trim(face), '¥', ''), '￥', ''), '元', ''), '') AS DECIMAL(18, 2)) * 100) AS BIGINT) AS face
  FROM read_csv('issued.csv', header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
    columns = {'code': 'VARCHAR', 'issued_at': 'VARCHAR', 'recipient': 'VARCHAR', 'order_ref': 'VARCHAR',
               'face': 'VARCHAR', 'mix_id': 'VARCHAR', 'local_status': 'VARCHAR', 'note': 'VARCHAR'})
),
iss_n AS (
  SELECT ${NORM_T} AS code, rn, mix_id, face FROM (SELECT ${trimmed('raw')} AS t, rn, mix_id, face FROM iss_raw)
),
i AS (
  SELECT code, count(*) AS n_rows,
    arg_min(mix_id, rn) FILTER (WHERE mix_id IS NOT NULL) AS first_mix,
    arg_min(face, rn) FILTER (WHERE face IS NOT NULL) AS first_face
  FROM iss_n GROUP BY code
),
j AS (
  SELECT p.w.status AS status, p.w.bind AS bind, coalesce(p.w.batch, lb.idx) AS batch,
    i.n_rows, i.first_mix, i.first_face
  FROM p FULL OUTER JOIN i ON p.code = i.code
  LEFT JOIN batches lb ON lb.mix_id = i.first_mix
),
c AS (
  SELECT
    CASE
      WHEN n_rows IS NOT NULL AND status IS NOT NULL THEN
        CASE status WHEN 2 THEN 'redeemed' WHEN 0 THEN 'outstanding' WHEN -1 THEN 'expired' ELSE 'invalidated' END
      WHEN n_rows IS NOT NULL THEN
        CASE WHEN (CASE WHEN b.idx IS NOT NULL THEN NOT b.pulled_all
                        WHEN first_mix IS NOT NULL THEN false
                        ELSE ${allConsumeOnly ? 'true' : 'false'} END)
             THEN 'not_redeemed' ELSE 'missing_on_platform' END
      WHEN status = 2 THEN 'unissued_redeemed'
      WHEN status = 0 AND bind = 0 THEN 'unissued_bound'
      ELSE 'unissued'
    END AS class,
    coalesce(b.denomination, first_face) AS amount
  FROM j LEFT JOIN batches b ON b.idx = j.batch
)
SELECT class, count(*) AS n, CAST(coalesce(sum(amount), 0) AS BIGINT) AS amount_cents,
       count(*) - count(amount) AS amount_unknown
FROM c GROUP BY class`;
}

/** A growable column of UTF-8 strings, written straight into Arrow's buffers. */
class Utf8Column {
  constructor(capacity) {
    this.offsets = new Int32Array(capacity + 1);
    this.bytes = new Uint8Array(capacity * 16);
    this.length = 0;
    this.end = 0;
    this.encoder = new TextEncoder();
  }

  push(s) {
    if (this.length + 1 >= this.offsets.length) {
      const o = new Int32Array(this.offsets.length * 2);
      o.set(this.offsets);
      this.offsets = o;
    }
    if (this.end + s.length * 3 > this.bytes.length) {
      const b = new Uint8Array(Math.max(this.bytes.length * 2, this.end + s.length * 3));
      b.set(this.bytes.subarray(0, this.end));
      this.bytes = b;
    }
    let pos = this.end;
    let ascii = true;
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c > 127) { ascii = false; break; }
      this.bytes[pos++] = c;
    }
    if (!ascii) pos = this.end + this.encoder.encodeInto(s, this.bytes.subarray(this.end)).written;
    this.end = pos;
    this.length += 1;
    this.offsets[this.length] = pos;
  }

  vector() {
    return arrow.makeVector(arrow.makeData({
      type: new arrow.Utf8(), length: this.length, nullCount: 0,
      valueOffsets: this.offsets.subarray(0, this.length + 1), data: this.bytes.subarray(0, this.end),
    }));
  }
}

/** A growable typed column. */
class IntColumn {
  constructor(Type, capacity) { this.Type = Type; this.values = new Type(capacity); this.length = 0; }
  push(v) {
    if (this.length === this.values.length) {
      const a = new this.Type(this.values.length * 2);
      a.set(this.values);
      this.values = a;
    }
    this.values[this.length++] = v;
  }
  vector() { return arrow.makeVector(this.values.subarray(0, this.length)); }
}

/** JSON pages → the `plat` Arrow table and the batch table, in JS (UTF-8 and
 *  integers written straight into Arrow buffers; a batch is a small index). */
function platformArrow() {
  const capacity = 1 << 16;
  const code = new Utf8Column(capacity), gmt = new Utf8Column(capacity);
  const status = new IntColumn(Int8Array, capacity), bind = new IntColumn(Int8Array, capacity);
  const batch = new IntColumn(Int16Array, capacity), seq = new IntColumn(Int32Array, capacity);
  const table = batchTable();
  const index = new Map();
  const pulls = walkPages(data.platform, (basic, fi) => table.onBatch(basic, fi), (r, mixId) => {
    let b = index.get(mixId);
    if (b === undefined) index.set(mixId, (b = index.size));
    code.push(String(r.code));
    gmt.push(r.gmt_modified);
    status.push(Number(r.code_status));
    bind.push(Number(r.bind_status));
    batch.push(b);
    seq.push(seq.length);
  });
  if (seq.length >= 2 ** SEQ_BITS) throw new Error('too many platform records for the dedup key');
  const batches = table.finish(pulls);
  const rows = [...index].map(([mixId, idx]) => {
    const b = batches.get(mixId);
    return `(${idx}, '${String(mixId).replaceAll("'", "''")}', ${b?.denomination ?? 'NULL'}, ${b ? b.pulledAll : false})`;
  });
  const allConsumeOnly = batches.size > 0 && [...batches.values()].every((b) => !b.pulledAll);
  const columns = () => new arrow.Table({
    code: code.vector(), gmt: gmt.vector(), status: status.vector(), bind: bind.vector(), batch: batch.vector(), seq: seq.vector(),
  });
  return { pulls, rows, allConsumeOnly, columns };
}

async function duckLoad(db, conn, parsed, csv) {
  await conn.insertArrowTable(parsed.columns(), { name: 'plat', create: true });
  await conn.query('CREATE TABLE batches (idx SMALLINT, mix_id VARCHAR, denomination BIGINT, pulled_all BOOLEAN)');
  if (parsed.rows.length) await conn.query(`INSERT INTO batches VALUES ${parsed.rows.join(',')}`);
  await db.registerFileBuffer('issued.csv', csv);
}

/** One run of DuckDB-WASM in a fresh instance. */
async function duck() {
  const { db, bundle, version } = await startDuckDB();
  const conn = await db.connect();
  const csv = new Uint8Array(data.issued.buf.slice(0)); // transferred to DuckDB's worker
  await settle();
  const [figures, heapPeak] = await withHeapPeak(async (sample) => {
    const t0 = performance.now();
    // 1. JSON pages → Arrow columns, in JS.
    const parsed = platformArrow();
    const tParsed = performance.now();
    sample();
    // 2. Arrow → DuckDB (IPC to its worker); the CSV bytes handed over as a file.
    await duckLoad(db, conn, parsed, csv);
    const tInserted = performance.now();
    // 3. The CSV read, the join and the grouping in SQL.
    const out = await conn.query(duckSql(parsed.allConsumeOnly));
    const t1 = performance.now();
    const classes = emptyClasses();
    for (const row of out.toArray()) {
      classes[row.class] = { count: Number(row.n), amount_cents: Number(row.amount_cents), amount_unknown: Number(row.amount_unknown) };
    }
    return { t0, t1, classes, pulls: parsed.pulls, steps: { json_parse: tParsed - t0, arrow_insert: tInserted - tParsed, sql: t1 - tInserted } };
  });
  await conn.close();
  await db.terminate();
  return { ms: figures.t1 - figures.t0, steps: figures.steps, classes: figures.classes, pulls: figures.pulls, pageHeapPeak: heapPeak, bundle, version };
}

/** EXPLAIN ANALYZE of the DuckDB query on the loaded data (diagnostics, not timed). */
async function duckExplain() {
  const { db } = await startDuckDB();
  const conn = await db.connect();
  const parsed = platformArrow();
  await duckLoad(db, conn, parsed, new Uint8Array(data.issued.buf.slice(0)));
  const out = await conn.query(`EXPLAIN ANALYZE ${duckSql(parsed.allConsumeOnly)}`);
  const text = out.toArray().map((r) => r.explain_value).join('\n');
  await conn.close();
  await db.terminate();
  return text;
}

// ---------------------------------------------------------------- entry points

window.bench = {
  load,
  ours,
  releaseWorker: () => { keptWorker?.terminate(); keptWorker = null; },
  duck,
  duckExplain,
  js,
  classes: CLASSES,
  userAgent: navigator.userAgent,
  hasGc: typeof globalThis.gc === 'function',
  preciseMemory: !!performance.memory,
};
document.getElementById('status').textContent = 'ready';
