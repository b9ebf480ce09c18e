/* glutewake: small helpers every page shares (loaded in <head>, no inline script anywhere).
   Marks the page as having JavaScript, moves focus to a new step's heading (or to the list of
   answers that need fixing), keeps "None of these" and the signs of a group from both being
   ticked, clears one side of a self-test, runs the self-tests' timers, opens every folded
   part before printing, and registers the service worker. Written for glutewake. */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  // Coach mode: every write carries the page's CSRF token (<meta name="csrf-token">), posted
  // forms as a hidden field, htmx and fetch (the player's, the desk coach's) as a header.
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = csrfMeta ? csrfMeta.getAttribute("content") : "";
  if (csrfToken) {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.method.toLowerCase() !== "post" || form.elements.namedItem("csrf_token")) return;
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = "csrf_token";
      field.value = csrfToken;
      form.appendChild(field);
    }, true);
    document.addEventListener("htmx:configRequest", function (event) {
      event.detail.headers["X-CSRF-Token"] = csrfToken;
    });
    var plainFetch = window.fetch;
    window.fetch = function (input, init) {
      var method = ((init && init.method) || (input && input.method) || "GET").toUpperCase();
      if (method !== "GET" && method !== "HEAD") {
        var headers = new Headers((init && init.headers) || (input && input.headers) || {});
        headers.set("X-CSRF-Token", csrfToken);
        init = Object.assign({}, init, { headers: headers });
      }
      return plainFetch.call(window, input, init);
    };
  }

  function all(selector, scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll(selector));
  }

  function moveFocus() {
    var target = document.getElementById("form-alert") || document.querySelector("[data-focus-on-load]");
    if (target) target.focus({ preventScroll: false });
  }

  function exclusiveNone(event) {
    var input = event.target;
    if (!input.checked || input.type !== "checkbox") return;
    var group = input.closest("[data-exclusive]");
    if (!group) return;
    var isNone = input.hasAttribute("data-none");
    all('input[type="checkbox"]', group).forEach(function (other) {
      if (other !== input && other.hasAttribute("data-none") !== isNone) other.checked = false;
    });
  }

  function clearSides() {
    all("[data-clear-side]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var side = button.closest("[data-side-answers]");
        all("input", side).forEach(function (input) {
          if (input.type === "radio" || input.type === "checkbox") input.checked = false;
          else if (input.type !== "hidden") input.value = "";
        });
      });
    });
  }

  // -- the self-tests' timers -----------------------------------------------------------------
  var audio = null;
  function beep(frequency, seconds) {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    if (!audio) audio = new Context();
    if (audio.state === "suspended") audio.resume();
    var oscillator = audio.createOscillator();
    var gain = audio.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.3, audio.currentTime + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + seconds);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + seconds + 0.05);
  }

  function selfTimer(box) {
    var countdown = box.getAttribute("data-self-timer") === "countdown";
    var length = parseInt(box.getAttribute("data-seconds"), 10) || 0;
    var scale = parseFloat(box.getAttribute("data-scale")) || 1;
    var fills = box.getAttribute("data-fills");
    var clock = box.querySelector("[data-timer-clock]");
    var status = box.querySelector("[data-timer-status]");
    var start = box.querySelector("[data-timer-start]");
    var stop = box.querySelector("[data-timer-stop]");
    var startedAt = 0;
    var ticker = null;
    box.hidden = false;

    function elapsed() {
      return Math.floor((Date.now() - startedAt) / 1000 / scale);
    }
    function finish(message, seconds) {
      window.clearInterval(ticker);
      ticker = null;
      start.hidden = false;
      stop.hidden = true;
      start.firstChild.textContent = "Start again";
      status.textContent = message;
      if (fills && seconds !== null) {
        var field = document.getElementById(fills);
        if (field) field.value = String(seconds);
      }
    }
    function tick() {
      var shown = countdown ? Math.max(0, length - elapsed()) : elapsed();
      clock.textContent = shown + " s";
      if (countdown && shown === 0) {
        beep(990, 0.45);
        finish("Time. Lower your foot, then answer below.", null);
      }
    }
    start.addEventListener("click", function () {
      beep(660, 0.12);
      startedAt = Date.now();
      start.hidden = true;
      stop.hidden = false;
      status.textContent = countdown ? "Hold… a beep says when the time is up." : "Holding… stop the clock when your form goes.";
      tick();
      ticker = window.setInterval(tick, Math.max(20, 250 * scale));
      stop.focus();
    });
    stop.addEventListener("click", function () {
      var held = elapsed();
      if (countdown) finish("Stopped at " + held + " s of " + length + ".", null);
      else finish("Held " + held + " s" + (fills ? ": filled in below." : "."), held);
      start.focus();
    });
  }

  function printing() {
    all("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
    var closed = [];
    window.addEventListener("beforeprint", function () {
      closed = all("details:not([open])");
      closed.forEach(function (details) {
        details.open = true;
      });
    });
    window.addEventListener("afterprint", function () {
      closed.forEach(function (details) {
        details.open = false;
      });
    });
  }

  // The service worker keeps pages and drawings for when the server cannot be reached.
  if ("serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
        /* not served (an older server): the app still works online */
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    moveFocus();
    printing();
    document.addEventListener("change", exclusiveNone);
    clearSides();
    all("[data-self-timer]").forEach(selfTimer);
  });
})();
