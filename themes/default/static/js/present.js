// Present mode: the transparencies one at a time, filling the screen, with the trainer's
// script as notes. A plain script with no modules and no requests, so that it runs from a
// USB stick (file://) in any browser.
(function () {
  "use strict";
  var slides = Array.prototype.slice.call(document.querySelectorAll(".present-slide"));
  var bar = document.querySelector(".present-bar");
  if (!slides.length || !bar) {
    return;
  }
  var root = document.documentElement;
  var counter = bar.querySelector(".present-counter");
  var notesButton = bar.querySelector('[data-present="notes"]');
  var startButton = document.querySelector(".present-start");
  var current = 0;
  var presenting = false;

  // hashIndex is the slide the address names (#transparencies-4-2), or -1.
  function hashIndex() {
    var id = decodeURIComponent(location.hash.slice(1));
    for (var i = 0; i < slides.length; i++) {
      if (slides[i].id === id) {
        return i;
      }
    }
    return -1;
  }

  function show(i) {
    current = Math.max(0, Math.min(slides.length - 1, i));
    for (var j = 0; j < slides.length; j++) {
      slides[j].hidden = presenting && j !== current;
    }
    counter.textContent = slides[current].getAttribute("aria-label") + ": " + (current + 1) + " of " + slides.length;
    if (presenting) {
      slides[current].focus({ preventScroll: true });
      try {
        history.replaceState(null, "", "#" + slides[current].id);
      } catch (e) {
        // Some browsers refuse to change the address of a file:// page; the slide still shows.
      }
    }
  }

  function start(i) {
    presenting = true;
    root.classList.add("presenting");
    bar.hidden = false;
    show(i);
  }

  function stop() {
    presenting = false;
    root.classList.remove("presenting", "show-notes");
    notesButton.setAttribute("aria-pressed", "false");
    bar.hidden = true;
    show(current);
    if (document.fullscreenElement && document.exitFullscreen) {
      document.exitFullscreen().catch(function () {});
    }
    slides[current].scrollIntoView();
  }

  function toggleNotes() {
    var on = root.classList.toggle("show-notes");
    notesButton.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen().catch(function () {});
    } else if (root.requestFullscreen) {
      root.requestFullscreen().catch(function () {});
    }
  }

  var actions = {
    prev: function () { show(current - 1); },
    next: function () { show(current + 1); },
    notes: toggleNotes,
    fullscreen: toggleFullscreen,
    exit: stop
  };

  document.addEventListener("keydown", function (e) {
    if (!presenting || e.altKey || e.ctrlKey || e.metaKey) {
      return;
    }
    switch (e.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": case " ":
        actions.next(); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp":
        actions.prev(); break;
      case "Home":
        show(0); break;
      case "End":
        show(slides.length - 1); break;
      case "Escape":
        stop(); break;
      case "n": case "N":
        toggleNotes(); break;
      case "f": case "F":
        toggleFullscreen(); break;
      default:
        return;
    }
    e.preventDefault();
  });

  bar.addEventListener("click", function (e) {
    var b = e.target.closest("[data-present]");
    if (b && actions[b.getAttribute("data-present")]) {
      actions[b.getAttribute("data-present")]();
    }
  });
  if (startButton) {
    startButton.addEventListener("click", function () { start(current); });
  }
  for (var i = 0; i < slides.length; i++) {
    slides[i].tabIndex = 0; // a slide can scroll, so the keyboard must reach it
  }
  window.addEventListener("hashchange", function () {
    var i = hashIndex();
    if (presenting && i >= 0 && i !== current) {
      show(i);
    }
  });
  start(Math.max(0, hashIndex()));
})();
