// Package web is tirage's web app: static pages (HTML, CSS and plain
// JavaScript, in English and French) and the API they call, with two back
// ends behind one interface.
//
// Handler serves the pages and the API as JSON over HTTP on the loopback
// address, for `tirage ui`: the engine runs natively. The WebAssembly build
// (web/build.sh, web/wasm) exposes the same API (Call) to the pages in a
// Web Worker, so that a static host serves the whole app and everything runs
// in the browser. Either way the pool never leaves the user's computer.
//
// The API's operations are check, select, draw, verify and compare: their
// requests and responses are the types of this package, as JSON; files
// travel as their name and bytes (base64 in JSON). Call dispatches them.
package web
