// The WebAssembly back end: tirage's engine, compiled with GOOS=js
// GOARCH=wasm, runs here, off the page's thread, so that the page never
// freezes. Messages in: {id, op, body}; out: {type: "loading"|"ready"|
// "failed"} while the engine loads, then {id, type: "progress"|"result"|
// "error", ...} per call. A failure of the engine itself is {key, detail}:
// the key of app.js's texts, which says it in the page's language, and
// the browser's own words.
'use strict';
importScripts('wasm_exec.js');

// report reads a copy of the engine's download to report its progress.
function report(resp) {
  var total = Number(resp.headers.get('Content-Length')) || 0;
  if (!resp.body || !resp.body.getReader) { return; }
  var reader = resp.body.getReader();
  var loaded = 0;
  function pump() {
    return reader.read().then(function (r) {
      if (r.done) { return; }
      loaded += r.value.length;
      self.postMessage({ type: 'loading', loaded: loaded, total: total });
      return pump();
    });
  }
  pump().catch(function () {});
}

// load compiles the engine while it downloads (instantiateStreaming), so
// that the browser may also keep its optimised code for the next visit.
function load() {
  var go = new Go();
  return fetch('tirage.wasm').then(function (resp) {
    if (!resp.ok) { throw new Error('tirage.wasm: HTTP ' + resp.status); }
    if (WebAssembly.instantiateStreaming && /^application\/wasm\b/.test(resp.headers.get('Content-Type') || '')) {
      report(resp.clone());
      return WebAssembly.instantiateStreaming(resp, go.importObject);
    }
    report(resp.clone()); // a host that does not serve .wasm as application/wasm
    return resp.arrayBuffer().then(function (bytes) { return WebAssembly.instantiate(bytes, go.importObject); });
  }).then(function (result) {
    go.run(result.instance); // sets self.tirageCall, then waits for calls
    if (typeof self.tirageCall !== 'function') { throw { key: 'engine.notStarted' }; }
  });
}

// failure is an engine that could not be loaded or did not start, as
// app.js's texts say it.
function failure(err) {
  if (err && err.key) { return { key: err.key }; }
  return { key: 'engine.notLoaded', detail: String(err && err.message || err) };
}

var ready = load().then(function () {
  self.postMessage({ type: 'ready' });
  // A selection thrown away, while the user chooses the files: the browser
  // then optimises the engine's code before the first real selection.
  setTimeout(function () { self.tirageWarmUp(); }, 0);
}, function (err) {
  self.postMessage({ type: 'failed', failure: failure(err) });
  throw err;
});

self.onmessage = function (e) {
  var m = e.data;
  ready.then(function () {
    var start = performance.now();
    self.tirageCall(m.op, m.body, function (progress) {
      self.postMessage({ id: m.id, type: 'progress', progress: JSON.parse(progress) });
    }, function (error, result) {
      if (error) {
        self.postMessage({ id: m.id, type: 'error', error: JSON.parse(error) });
      } else {
        self.postMessage({ id: m.id, type: 'result', result: JSON.parse(result), ms: performance.now() - start });
      }
    });
  }, function (err) {
    self.postMessage({ id: m.id, type: 'error', failure: failure(err) });
  });
};
