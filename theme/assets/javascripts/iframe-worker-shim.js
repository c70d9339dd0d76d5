/* A Web Worker in a hidden iframe, for Material's search opened from file://, where Chromium
   cannot start a Worker. Adapted from the iframe-worker package's shim/index.js (MIT, Martin
   Donath: iframe-worker-LICENSE.txt). The change for Plan Portal: upstream writes an inline
   <script> into the iframe to give it a worker's globals (postMessage, importScripts), and the
   site's Content-Security-Policy (theme/main.html) refuses inline scripts. Here the page sets
   those globals on the iframe's window itself and the iframe loads only the worker's own file.
   Served over http(s), the browser's Worker is used and this only defines IFrameWorker. */
(function () {
  "use strict";

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      this.onmessage = null;
      this.onerror = null;
      var iframe = document.createElement("iframe");
      iframe.hidden = true;
      document.body.appendChild(this.iframe = iframe);
      var win = iframe.contentWindow;
      var doc = win.document;
      doc.open();
      doc.write("<!doctype html><html><head></head><body></body></html>");
      doc.close();
      var worker = this;
      // What the worker posts arrives here as a message event, a task later, as from a Worker.
      win.postMessage = function (data) {
        var event = new MessageEvent("message", { data: structuredClone(data) });
        setTimeout(function () { worker.deliver(event, "onmessage"); }, 0);
      };
      // importScripts: each file in turn, as a script of the iframe (a promise, not blocking).
      win.importScripts = function () {
        return Array.prototype.reduce.call(arguments, function (done, src) {
          return done.then(function () {
            return new Promise(function (resolve, reject) {
              var script = doc.createElement("script");
              script.src = src;
              script.onload = resolve;
              script.onerror = reject;
              doc.body.appendChild(script);
            });
          });
        }, Promise.resolve());
      };
      win.addEventListener("error", function (e) {
        worker.deliver(new ErrorEvent("error", {
          message: e.message, filename: url, lineno: e.lineno, colno: e.colno, error: e.error }), "onerror");
      });
      this.ready = new Promise(function (resolve, reject) {
        var script = doc.createElement("script");
        script.src = url + "?" + Date.now();
        script.onload = resolve;
        script.onerror = function () {
          worker.deliver(new ErrorEvent("error", { message: "Could not load " + url, filename: url }), "onerror");
          reject(new Error("Could not load " + url));
        };
        doc.body.appendChild(script);
      });
    }

    deliver(event, handler) {
      this.dispatchEvent(event);
      if (typeof this[handler] === "function") this[handler](event);
    }

    postMessage(data) {
      var win = this.iframe.contentWindow;
      this.ready.then(function () {
        win.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) }));
      }, function () { /* the worker's file did not load: reported as an error event */ });
    }

    terminate() {
      this.iframe.remove();
    }
  }

  window.IFrameWorker = IFrameWorker;
  if (location.protocol === "file:") window.Worker = IFrameWorker;
})();
