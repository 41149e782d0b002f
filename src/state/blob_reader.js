// The page's helper for reading files (src/state/blob_reader.rs): reads each
// Blob it is sent into an ArrayBuffer, on a thread of its own.
//
// Called on the page, Blob.arrayBuffer() has Chromium copy the file into the
// new buffer on the page's main thread, in tasks of about 25 ms each; while
// the engine worker and its hashing helper keep both cores busy, those tasks
// stretched past 100 ms. Here they stretch nobody's clicks.
// Message in: { id, blob } (a Blob is a handle: nothing is copied).
// Out: { id, buffer: ArrayBuffer } (transferred) or { id, error: string }.
self.onmessage = async (event) => {
  const { id, blob } = event.data;
  try {
    const buffer = await blob.arrayBuffer();
    self.postMessage({ id, buffer }, [buffer]);
  } catch (error) {
    self.postMessage({ id, error: String(error) });
  }
};
