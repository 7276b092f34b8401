// Search: finds modules, activities, steps, competencies, objectives, handouts,
// transparencies and pages by the words of their titles, in the index the build wrote
// (search-index.js, loaded before this script). Plain script, no requests: it works from
// file://. Every word typed must appear; titles that start with a word come first.
(function () {
  "use strict";
  var form = document.querySelector(".search");
  var index = window.curriculumSearch;
  if (!form || !index) {
    return;
  }
  var input = form.querySelector("input");
  var list = form.querySelector(".search-results");
  var status = form.querySelector(".search-status");
  var root = form.getAttribute("data-root") || "";
  var max = 20;

  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[’‘]/g, "'");
  }
  var folded = index.map(function (e) { return fold(e.t + " " + (e.i || "") + " " + e.k); });

  function score(i, words) {
    var text = folded[i];
    var title = fold(index[i].t);
    var s = 0;
    for (var w = 0; w < words.length; w++) {
      var at = text.indexOf(words[w]);
      if (at < 0) {
        return -1;
      }
      var inTitle = title.indexOf(words[w]);
      if (inTitle === 0 || (inTitle > 0 && /\W/.test(title.charAt(inTitle - 1)))) {
        s += 3; // a word of the title starts with it
      } else if (inTitle >= 0) {
        s += 2;
      } else {
        s += 1;
      }
    }
    return s;
  }

  function render() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) {
      list.hidden = true;
      status.textContent = "";
      return;
    }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var s = score(i, words);
      if (s >= 0) {
        hits.push({ i: i, s: s });
      }
    }
    hits.sort(function (a, b) { return b.s - a.s || a.i - b.i; });
    var shown = hits.slice(0, max);
    shown.forEach(function (h) {
      var e = index[h.i];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + e.u;
      a.textContent = e.t;
      var kind = document.createElement("span");
      kind.className = "search-kind";
      kind.textContent = e.k + (e.i ? " · " + e.i : "");
      a.appendChild(document.createElement("br"));
      a.appendChild(kind);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = shown.length === 0;
    status.textContent = hits.length === 0 ? "No results" :
      hits.length + (hits.length === 1 ? " result" : " results") + (hits.length > max ? ", the first " + max + " shown" : "");
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  form.hidden = false;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = links()[0];
    if (first) {
      location.href = first.href;
    }
  });
  input.addEventListener("input", render);
  form.addEventListener("keydown", function (e) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && all.length) {
      all[Math.min(at + 1, all.length - 1)].focus();
      e.preventDefault();
    } else if (e.key === "ArrowUp" && at >= 0) {
      (at === 0 ? input : all[at - 1]).focus();
      e.preventDefault();
    } else if (e.key === "Escape") {
      input.value = "";
      render();
      input.focus();
    }
  });
})();
