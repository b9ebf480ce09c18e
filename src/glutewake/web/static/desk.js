/* glutewake desk breaks. On /desk: a sitting timer that counts down to the prompt time the
   server works out by the scheduler's rules (working hours, quiet hours, pause, daily maximum),
   then beeps and notifies; it posts the sitting bouts it ends. On /desk/exercise: the guided
   break's countdown, then "Did you do it?". State survives a reload (localStorage).
   Written for glutewake. */
(function () {
  "use strict";

  var KEY = "glutewake:desk";
  var REFRESH_MS = 60000;

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(KEY) || "{}") || {};
    } catch (error) {
      return {};
    }
  }
  var state = load();
  function save() {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
    } catch (error) {
      /* private mode: the timer still runs until the tab closes */
    }
  }

  var audio = null;
  function beep(times) {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    audio = audio || new Context();
    for (var n = 0; n < times; n++) {
      var delay = n * 0.25;
      var oscillator = audio.createOscillator();
      var gain = audio.createGain();
      oscillator.frequency.value = 880;
      gain.gain.setValueAtTime(0.3, audio.currentTime + delay);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + delay + 0.2);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(audio.currentTime + delay);
      oscillator.stop(audio.currentTime + delay + 0.22);
    }
  }

  function clockText(time) {
    return new Date(time).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }
  function whenText(time) {
    var date = new Date(time);
    if (date.toDateString() === new Date().toDateString()) return "at " + clockText(time);
    return "on " + date.toLocaleDateString([], { weekday: "long" }) + " at " + clockText(time);
  }
  function duration(ms) {
    var total = Math.max(0, Math.ceil(ms / 1000));
    var hours = Math.floor(total / 3600);
    var minutes = Math.floor((total % 3600) / 60);
    var seconds = total % 60;
    var mm = (hours && minutes < 10 ? "0" : "") + minutes;
    return (hours ? hours + ":" : "") + mm + ":" + (seconds < 10 ? "0" : "") + seconds;
  }

  /* ---- the sitting timer on /desk ---------------------------------------------------- */
  function runTimer(box) {
    var idleMs = parseFloat(box.dataset.idle) * 60000;
    var scale = parseFloat(box.dataset.scale) || 1;
    var display = box.querySelector("[data-desk-countdown]");
    var status = box.querySelector("[data-desk-status]");
    var startButton = box.querySelector('[data-desk="start"]');
    var stopButton = box.querySelector('[data-desk="stop"]');
    var busy = false;

    function running() {
      return Boolean(state.dueAt);
    }

    function plan(params) {
      busy = true;
      var query = new URLSearchParams();
      Object.keys(params).forEach(function (name) {
        if (params[name]) query.set(name, params[name]);
      });
      return fetch("/desk/timer?" + query.toString(), { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("the server answered " + response.status);
          return response.json();
        })
        .then(function (answer) {
          /* The safety rule paused or resumed the exercises since the page loaded: show it. */
          var gate = answer.training_paused ? answer.training_paused.gate : "";
          if (gate !== (box.dataset.gate || "")) window.location.reload();
          var next = answer.plan;
          var promptAt = next.prompt_at ? Date.parse(next.prompt_at) : null;
          state.boutStarted = next.bout_started;
          state.dueAt = next.due_at;
          state.workEndsAt = next.work_ends_at;
          state.promptAt = promptAt;
          state.heldBackBy = next.held_back_by;
          state.pausedUntil = answer.paused_until;
          state.prompted = Boolean(state.prompted && promptAt !== null && promptAt <= Date.now());
          state.lastSeen = Date.now();
          save();
        })
        .catch(function (error) {
          status.textContent = "The timer could not reach glutewake (" + error.message + "). It tries again in a minute.";
        })
        .then(function () {
          busy = false;
          render();
        });
    }

    function start(wait, keepBout) {
      return plan({ wait: wait, bout_started: keepBout ? state.boutStarted : "" });
    }

    function refresh() {
      if (running() && !busy) plan({ bout_started: state.boutStarted, due_at: state.dueAt });
    }

    function endBout(endedAt, endedBy) {
      var form = new URLSearchParams({
        bout_started: state.boutStarted,
        ended_at: new Date(endedAt).toISOString(),
        ended_by: endedBy,
        prompt_open: state.prompted ? "yes" : "no"
      });
      busy = true;
      return fetch("/desk/bout", { method: "POST", body: form }).catch(function () {
        /* the bout is lost, not the timer */
      });
    }

    function notify() {
      var text = box.dataset.name + ": " + box.dataset.dose;
      if ("Notification" in window && Notification.permission === "granted") {
        new Notification("Time for a desk break", { body: text, tag: "glutewake-desk" });
      }
      document.getElementById("desk-break").scrollIntoView({ behavior: "smooth" });
    }

    function tick() {
      if (!running() || busy) return render();
      var now = Date.now();
      if (state.lastSeen && now - state.lastSeen >= idleMs) {
        /* The tab did not run (asleep, closed, or another page) for the idle threshold: the
           scheduler counts that as a break taken away. */
        return endBout(state.lastSeen, "asleep").then(function () {
          start("interval", false);
        });
      }
      state.lastSeen = now;
      save();
      if (state.workEndsAt && now >= Date.parse(state.workEndsAt)) {
        return endBout(Date.parse(state.workEndsAt), "end-of-day").then(function () {
          start("interval", false);
        });
      }
      if (state.promptAt && now >= state.promptAt && !state.prompted) {
        state.prompted = true;
        save();
        beep(3);
        notify();
      }
      render();
    }

    function render() {
      var on = running();
      startButton.hidden = on;
      stopButton.hidden = !on;
      if (!on) return;
      var now = Date.now();
      var paused = state.pausedUntil && Date.parse(state.pausedUntil) > now;
      var pausedText = paused ? " Paused until " + clockText(Date.parse(state.pausedUntil)) + "." : "";
      if (state.prompted) {
        display.textContent = "0:00";
        document.title = "Break time · glutewake";
        status.textContent = "Break time: " + (box.dataset.cue || box.dataset.name + ", " + box.dataset.dose + ". Stand up and do it now.");
        return;
      }
      document.title = "Desk breaks · glutewake";
      if (state.promptAt === null) {
        display.textContent = "\u2013";
        status.textContent = "No break can come (" + (state.heldBackBy || "held back") + "). Change the settings below." + pausedText;
        return;
      }
      display.textContent = duration(state.promptAt - now);
      var bout = Date.parse(state.boutStarted);
      var text = bout > now
        ? "Outside working hours: the timer starts " + whenText(bout) + "."
        : "Sitting since " + clockText(bout) + ".";
      text += " The next break comes " + whenText(state.promptAt);
      if (state.heldBackBy) text += " (held back: " + state.heldBackBy + ")";
      status.textContent = text + "." + pausedText;
    }

    startButton.addEventListener("click", function () {
      if ("Notification" in window && Notification.permission === "default") {
        box.querySelector("[data-desk-notify]").hidden = false;
        Notification.requestPermission();
      }
      start("interval", false);
    });
    stopButton.addEventListener("click", function () {
      var stopped = running() ? endBout(Date.now(), "stopped") : Promise.resolve();
      stopped.then(function () {
        busy = false;
        state = {};
        save();
        display.textContent = box.dataset.interval + ":00";
        status.textContent = "Stopped. Start the timer when you sit down again.";
        document.title = "Desk breaks · glutewake";
        render();
      });
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") refresh();
    });
    /* "I stood up" (a break without an exercise) ends the bout going on: send when it began. */
    document.querySelectorAll("#desk-break [data-bout-started]").forEach(function (field) {
      field.form.addEventListener("submit", function () {
        field.value = state.boutStarted || "";
      });
    });

    /* After an answer the page loads again: the wait the scheduler would start now. A "yes"
       starts a new bout; the others keep the bout going. */
    var after = box.dataset.after;
    var keep = running();
    if (after === "done") start("interval", false);
    else if (after === "snoozed") start("snooze", keep);
    else if (after === "skipped" || after === "not-done") start("interval", keep);
    else if (running() && state.lastSeen && Date.now() - state.lastSeen >= idleMs) tick();
    else refresh();
    if (after) window.history.replaceState(null, "", "/desk");
    render();
    window.setInterval(tick, Math.max(100, Math.min(1000, 10000 * scale)));
    window.setInterval(refresh, REFRESH_MS);
  }

  /* ---- the guided break on /desk/exercise -------------------------------------------- */
  function runGuide(box) {
    var seconds = parseFloat(box.dataset.seconds);
    var perSide = box.dataset.perSide === "true";
    var endsAt = Date.parse(box.dataset.started) + seconds * 1000;
    var display = box.querySelector("[data-guide-countdown]");
    var cue = box.querySelector("[data-guide-cue]");
    var controls = box.querySelector("[data-guide-controls]");
    var ask = document.getElementById("desk-ask");
    var boutField = ask.querySelector("[data-bout-started]");
    var switched = false;
    var timer = null;

    if (state.boutStarted) boutField.value = state.boutStarted;

    function askNow() {
      window.clearInterval(timer);
      display.textContent = "0:00";
      cue.textContent = "Time's up.";
      controls.hidden = true;
      ask.hidden = false;
      document.title = "Did you do it? · glutewake";
      ask.focus();
    }

    function tick() {
      var now = Date.now();
      if (state.dueAt) {
        state.lastSeen = now; /* the desk timer's tab is still here */
        save();
      }
      var left = endsAt - now;
      if (left <= 0) {
        beep(2);
        return askNow();
      }
      display.textContent = duration(left);
      if (perSide && !switched && left <= (seconds * 1000) / 2) {
        switched = true;
        beep(1);
        cue.textContent = "Switch sides.";
      }
    }

    if (endsAt <= Date.now()) return askNow();
    ask.hidden = true;
    display.hidden = false;
    controls.hidden = false;
    controls.querySelector('[data-guide="finish"]').addEventListener("click", askNow);
    tick();
    timer = window.setInterval(tick, 200);
  }

  var timerBox = document.getElementById("desk-timer");
  var guideBox = document.getElementById("desk-exercise");
  if (timerBox) runTimer(timerBox);
  if (guideBox) runGuide(guideBox);
})();
