/* glutewake desk breaks: a sitting timer in this tab, a beep and a browser notification when a
   micro-break is due. The timer survives a reload (localStorage). Written for glutewake. */
(function () {
  "use strict";

  var box = document.getElementById("desk-timer");
  if (!box) return;
  var KEY = "glutewake:desk";
  var scale = parseFloat(box.dataset.scale) || 1;
  var interval = parseFloat(box.dataset.interval) * 60000 * scale;
  var snooze = parseFloat(box.dataset.snooze) * 60000 * scale;
  var display = box.querySelector("[data-desk-countdown]");
  var status = box.querySelector("[data-desk-status]");
  var startButton = box.querySelector('[data-desk="start"]');
  var stopButton = box.querySelector('[data-desk="stop"]');
  var state = {};
  try {
    state = JSON.parse(window.localStorage.getItem(KEY) || "{}");
  } catch (error) {
    state = {};
  }
  function save() {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
    } catch (error) {
      /* private mode: the timer still runs until the tab closes */
    }
  }

  var audio = null;
  function beep() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    audio = audio || new Context();
    [0, 0.25, 0.5].forEach(function (delay) {
      var oscillator = audio.createOscillator();
      var gain = audio.createGain();
      oscillator.frequency.value = 880;
      gain.gain.setValueAtTime(0.3, audio.currentTime + delay);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + delay + 0.2);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(audio.currentTime + delay);
      oscillator.stop(audio.currentTime + delay + 0.22);
    });
  }

  function notify() {
    var text = box.dataset.name + ": " + box.dataset.dose;
    if ("Notification" in window && Notification.permission === "granted") {
      new Notification("Time for a desk break", { body: text, tag: "glutewake-desk" });
    }
    document.title = "Break time · glutewake";
    status.textContent = "Break time: " + text + ". Stand up and do it now.";
    document.getElementById("desk-break").scrollIntoView({ behavior: "smooth" });
  }

  function start(ms) {
    state = { endsAt: Date.now() + ms, due: false };
    save();
    if ("Notification" in window && Notification.permission === "default") {
      box.querySelector("[data-desk-notify]").hidden = false;
      Notification.requestPermission();
    }
    render();
  }

  function render() {
    var running = Boolean(state.endsAt);
    startButton.hidden = running;
    stopButton.hidden = !running;
    if (!running) return;
    var left = Math.max(0, state.endsAt - Date.now()) / scale;
    var minutes = Math.floor(left / 60000);
    var seconds = Math.floor((left % 60000) / 1000);
    display.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
    if (left <= 0 && !state.due) {
      state.due = true;
      save();
      beep();
      notify();
    } else if (!state.due) {
      status.textContent = "Sitting. The next break comes at " +
        new Date(state.endsAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + ".";
    }
  }

  startButton.addEventListener("click", function () {
    start(interval);
  });
  stopButton.addEventListener("click", function () {
    state = {};
    save();
    display.textContent = box.dataset.interval + ":00";
    status.textContent = "Stopped. Start the timer when you sit down again.";
    document.title = "Desk breaks · glutewake";
    render();
  });

  var after = box.dataset.after;
  if (after === "snoozed") start(snooze);
  else if (after === "done" || after === "skipped") start(interval);
  else render();
  if (after) window.history.replaceState(null, "", "/desk");
  window.setInterval(render, Math.max(50, 1000 * Math.min(1, scale * 10)));
})();
