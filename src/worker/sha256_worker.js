// The engine worker's helper for SHA-256 (src/worker/hashing.rs): hashes each
// file it is sent with WebCrypto, on a thread of its own.
//
// Chromium's crypto.subtle.digest hashes on the calling thread before it
// returns its promise (88 MB: 125-165 ms in a worker, measured), so called in
// the engine worker it adds that to every load. Here it runs beside the parse.
// Message in: { id, bytes: ArrayBuffer } (transferred). Out: { id, digest:
// ArrayBuffer } or { id, error: string }.
self.onmessage = async (event) => {
  const { id, bytes } = event.data;
  try {
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    self.postMessage({ id, digest }, [digest]);
  } catch (error) {
    self.postMessage({ id, error: String(error) });
  }
};
