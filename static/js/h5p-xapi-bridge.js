/*
 * Sends the xAPI statements H5P emits to our LRS endpoint (POST /xapi/statements).
 *
 * Each statement gets an id (kept across retries, so the server stores it once) and a
 * timestamp, then waits in a queue saved in localStorage (one key per activity) until
 * the server accepts it: network errors, 429 and 5xx are retried with a growing delay,
 * also when the browser comes back online; other 4xx answers drop the statement (409:
 * the server already has it). Logs carry statement ids and HTTP statuses only, never
 * the statement itself: learners are often minors.
 */
(function () {
  "use strict";

  var XAPI_VERSION = "1.0.3";
  var FIRST_DELAY_MS = 2000;
  var MAX_DELAY_MS = 5 * 60 * 1000;

  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    // Fallback for non-secure contexts (plain http other than localhost).
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function cookie(name) {
    var prefix = name + "=";
    var found = document.cookie.split(";").map(function (part) { return part.trim(); })
      .filter(function (part) { return part.indexOf(prefix) === 0; })[0];
    return found ? decodeURIComponent(found.slice(prefix.length)) : "";
  }

  /* A queue of statements that survives reloads when localStorage is available. */
  function PendingStatements(key) {
    this.key = key;
    this.memory = [];
  }
  PendingStatements.prototype.all = function () {
    try {
      var saved = window.localStorage.getItem(this.key);
      return saved ? JSON.parse(saved) : [];
    } catch (error) {
      return this.memory;
    }
  };
  PendingStatements.prototype.save = function (statements) {
    this.memory = statements;
    try {
      if (statements.length) {
        window.localStorage.setItem(this.key, JSON.stringify(statements));
      } else {
        window.localStorage.removeItem(this.key);
      }
    } catch (error) {
      // Storage full or disabled: keep them in memory for this page's life.
    }
  };
  PendingStatements.prototype.add = function (statement) {
    var statements = this.all();
    statements.push(statement);
    this.save(statements);
  };
  PendingStatements.prototype.remove = function (id) {
    this.save(this.all().filter(function (statement) { return statement.id !== id; }));
  };

  function Bridge(config) {
    this.config = config;
    this.pending = new PendingStatements(config.storageKey || "reperes.xapi.pending");
    this.delay = FIRST_DELAY_MS;
    this.timer = null;
    this.sending = false;
    this.registration = uuid();
  }

  Bridge.prototype.prepare = function (statement) {
    // object and context.contextActivities are kept exactly as H5P built them.
    var prepared = JSON.parse(JSON.stringify(statement));
    prepared.id = prepared.id || uuid();
    prepared.timestamp = prepared.timestamp || new Date().toISOString();
    // The server attributes every statement to the signed-in learner's pseudonymous
    // account; H5P's own (anonymous) actor is not sent.
    delete prepared.actor;
    // One player load is one attempt: statements of this load share a registration.
    prepared.context = prepared.context || {};
    prepared.context.registration = prepared.context.registration || this.registration;
    if (this.config.activity !== null && this.config.activity !== undefined) {
      prepared.context = prepared.context || {};
      prepared.context.extensions = prepared.context.extensions || {};
      prepared.context.extensions[this.config.activityExtension] = this.config.activity;
    }
    return prepared;
  };

  Bridge.prototype.receive = function (event) {
    if (!this.config.tracking || !event || !event.data || !event.data.statement) {
      return;
    }
    this.pending.add(this.prepare(event.data.statement));
    this.flush();
  };

  Bridge.prototype.headers = function () {
    return {
      "Content-Type": "application/json",
      "X-Experience-API-Version": XAPI_VERSION,
      "X-CSRFToken": cookie("csrftoken") || this.config.csrfToken || ""
    };
  };

  Bridge.prototype.send = function (statement) {
    return window.fetch(this.config.statementsUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: this.headers(),
      body: JSON.stringify(statement)
    }).then(function (response) { return response.status; });
  };

  Bridge.prototype.flush = function () {
    var self = this;
    if (self.sending) {
      return;
    }
    var next = self.pending.all()[0];
    if (!next) {
      self.delay = FIRST_DELAY_MS;
      return;
    }
    if (navigator.onLine === false) {
      self.retryLater();
      return;
    }
    self.sending = true;
    self.send(next).then(function (status) {
      self.sending = false;
      if (status >= 200 && status < 300) {
        self.pending.remove(next.id);
        self.delay = FIRST_DELAY_MS;
        self.flush();
      } else if (status === 409) {
        console.info("xAPI statement already stored, not resent", next.id);
        self.pending.remove(next.id);
        self.flush();
      } else if (status === 429 || status >= 500) {
        self.retryLater();
      } else {
        console.warn("xAPI statement refused, dropped", next.id, status);
        self.pending.remove(next.id);
        self.flush();
      }
    }, function () {
      self.sending = false;
      self.retryLater();
    });
  };

  Bridge.prototype.retryLater = function () {
    var self = this;
    if (self.timer) {
      return;
    }
    self.timer = window.setTimeout(function () {
      self.timer = null;
      self.flush();
    }, self.delay);
    self.delay = Math.min(self.delay * 2, MAX_DELAY_MS);
  };

  window.ReperesXapiBridge = {
    attach: function (dispatcher, config) {
      var bridge = new Bridge(config);
      dispatcher.on("xAPI", function (event) { bridge.receive(event); });
      window.addEventListener("online", function () {
        if (bridge.timer) {
          window.clearTimeout(bridge.timer);
          bridge.timer = null;
        }
        bridge.flush();
      });
      if (config.tracking) {
        bridge.flush();  // statements left by an earlier visit
      }
      return bridge;
    }
  };
})();
