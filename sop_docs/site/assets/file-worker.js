/* sop-docs: search when the site is opened from disk (file://).
 *
 * Chromium and Firefox refuse to start a Web Worker from a file:// page, and Material's
 * search runs in a worker.  On file:// only, this replaces Worker with a small stand-in
 * that runs the worker script in a hidden same-origin iframe and passes the messages
 * (Material then reads the index from search/search_index.js instead of fetching JSON).
 * Nothing is loaded from the network; on http(s) this file does nothing.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof window.Worker === "undefined") {
    return;
  }

  function FileWorker(url) {
    var self = this;
    this.listeners = [];
    this.queue = [];
    this.ready = false;
    this.frame = document.createElement("iframe");
    this.frame.hidden = true;
    this.frame.setAttribute("aria-hidden", "true");
    this.frame.setAttribute("tabindex", "-1");
    document.body.appendChild(this.frame);
    var scope = this.frame.contentWindow;
    // The worker script calls postMessage(result): deliver it to our listeners.
    scope.postMessage = function (data) {
      setTimeout(function () { self.deliver(data); }, 0);
    };
    var script = scope.document.createElement("script");
    script.src = new URL(url, document.baseURI).href;
    script.onload = function () {
      self.ready = true;
      self.queue.splice(0).forEach(function (data) { self.postMessage(data); });
    };
    scope.document.head.appendChild(script);
  }

  FileWorker.prototype.deliver = function (data) {
    var event = { data: data, target: this };
    if (typeof this.onmessage === "function") {
      this.onmessage(event);
    }
    this.listeners.slice().forEach(function (listener) { listener.call(this, event); }, this);
  };

  FileWorker.prototype.postMessage = function (data) {
    if (!this.ready) {
      this.queue.push(data);
      return;
    }
    var scope = this.frame.contentWindow;
    scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
  };

  FileWorker.prototype.addEventListener = function (type, listener) {
    if (type === "message") {
      this.listeners.push(listener);
    }
  };

  FileWorker.prototype.removeEventListener = function (type, listener) {
    this.listeners = this.listeners.filter(function (l) { return l !== listener; });
  };

  FileWorker.prototype.terminate = function () {
    this.frame.remove();
  };

  window.Worker = FileWorker;
})();
