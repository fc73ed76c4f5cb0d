/* sop-docs: start the site's own search worker, also when the site is opened from disk.
 *
 * Material's search box talks to a worker script (lunr, English-minded).  This file, loaded
 * in every page's head, makes `new Worker(<Material's search worker>)` start
 * assets/sop-docs/search-worker.js instead: the same messages, Indonesian stems and synonyms.
 *
 * Chromium and Firefox also refuse to start any Web Worker from a file:// page.  On file://
 * only, Worker is replaced by a small stand-in that runs the worker script in a hidden
 * same-origin iframe and passes the messages (Material then reads the index from
 * search/search_index.js instead of fetching JSON).  Nothing is loaded from the network.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var OURS = script ? new URL("search-worker.js", script.src).href : null;
  var MATERIAL = /\/workers\/search\.[^/]*\.js$/;

  function workerUrl(url) {
    var href = new URL(url, document.baseURI).href;
    return OURS && MATERIAL.test(href.split("?")[0]) ? OURS : href;
  }

  if (typeof window.Worker === "undefined") {
    return;
  }
  if (location.protocol !== "file:") {
    var NativeWorker = window.Worker;
    window.Worker = function (url, options) {
      return new NativeWorker(workerUrl(url), options);
    };
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
    var tag = scope.document.createElement("script");
    tag.src = workerUrl(url);
    tag.onload = function () {
      self.ready = true;
      self.queue.splice(0).forEach(function (data) { self.postMessage(data); });
    };
    scope.document.head.appendChild(tag);
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
