// reload.js is added by `curriculum serve` to every page it serves, never to a built site.
// It listens to the server's events: it reloads the page when the server says the page
// changed, and shows the errors of a build that failed in a panel over the page until a build
// succeeds. It adds nothing else to the page.
(function () {
  "use strict";

  var script = document.currentScript;
  var version = (script && script.getAttribute("data-version")) || "";
  var panelId = "curriculum-serve-errors";

  var source = null; // the open EventSource, or null
  var retry = 0;

  function connect() {
    if (source) {
      return;
    }
    var es = new EventSource("/__curriculum/events?page=" +
      encodeURIComponent(location.pathname) + "&v=" + encodeURIComponent(version));
    es.addEventListener("reload", function () { location.reload(); });
    es.addEventListener("build-error", function (e) { showErrors(JSON.parse(e.data)); });
    es.addEventListener("build-ok", hideErrors);
    es.onerror = function () {
      // The browser reconnects by itself while it can; once it gives up, keep trying every
      // second, so that a server started again is found. The server then says whether this
      // page changed meanwhile.
      if (es.readyState === EventSource.CLOSED && source === es) {
        source = null;
        retry = setTimeout(connect, 1000);
      }
    };
    source = es;
  }

  function disconnect() {
    clearTimeout(retry);
    if (source) {
      source.close();
      source = null;
    }
  }

  function element(name, attributes, text) {
    var el = document.createElement(name);
    for (var key in attributes) {
      el.setAttribute(key, attributes[key]);
    }
    if (text) {
      el.textContent = text; // text, never markup: messages quote the content as written
    }
    return el;
  }

  function hideErrors() {
    var panel = document.getElementById(panelId);
    if (panel) {
      panel.remove();
    }
  }

  function wireDismiss(panel) {
    panel.querySelector("button").addEventListener("click", hideErrors);
    panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape") {
        hideErrors();
      }
    });
  }

  // showErrors puts the panel the server's fallback page also carries (fallback.html) over
  // the page: the same elements, the same stylesheet.
  function showErrors(report) {
    hideErrors();
    if (!document.querySelector('link[href="/__curriculum/errors.css"]')) {
      document.head.appendChild(element("link", { rel: "stylesheet", href: "/__curriculum/errors.css" }));
    }
    var errors = report.errors || [];
    var panel = element("aside", { id: panelId, "aria-labelledby": panelId + "-title" });
    var alert = element("div", { role: "alert" });
    alert.appendChild(element("p", { id: panelId + "-title", "class": "title" },
      "The site did not build: " + errors.length + (errors.length === 1 ? " error" : " errors")));
    alert.appendChild(element("p", {}, report.note));
    var list = element("ul");
    errors.forEach(function (d) {
      var item = element("li");
      if (d.where) {
        item.appendChild(element("code", {}, d.where));
        item.appendChild(document.createTextNode(" "));
      }
      item.appendChild(document.createTextNode(d.message));
      list.appendChild(item);
    });
    alert.appendChild(list);
    panel.appendChild(alert);
    panel.appendChild(element("button", { type: "button" }, "Dismiss"));
    wireDismiss(panel);
    document.body.appendChild(panel);
  }

  var served = document.getElementById(panelId);
  if (served) {
    wireDismiss(served);
  }
  // A tab in the background lets go of its connection: a browser opens only a few at once to
  // one server, and every open tab would hold one. Back in front, the tab reconnects, and
  // reloads if its page changed meanwhile.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      disconnect();
    } else {
      connect();
    }
  });
  if (!document.hidden) {
    connect();
  }
})();
