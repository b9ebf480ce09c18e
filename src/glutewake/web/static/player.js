/* glutewake guided player: one set at a time, timers with 3-2-1 beeps (Web Audio), spoken cues
   (speechSynthesis), tap-to-count, left/right flow, rest countdowns, swap and skip, the screen
   kept awake (Wake Lock), one-tap logs posted with their key (retries store once), and resume
   after a closed tab (localStorage + the sets the server already has). Written for glutewake. */
(function () {
  "use strict";

  var dataNode = document.getElementById("session-data");
  var root = document.getElementById("player");
  if (!dataNode || !root) return;
  var data = JSON.parse(dataNode.textContent);
  if (!data.session) return;

  var SCALE = data.timer_scale;
  var LEAD_IN = 3;
  var EXTRA_REST = 15;
  var STATE_KEY = "glutewake:player:" + data.session.prefix;
  var OUTBOX_KEY = "glutewake:outbox";
  var PREFS_KEY = "glutewake:player-prefs";
  var MEASURE_WORDS = { reps: "reps", hold_seconds: "s hold", steps: "steps each way" };

  // -- storage ------------------------------------------------------------------------------
  function read(key, fallback) {
    try {
      var text = window.localStorage.getItem(key);
      return text ? JSON.parse(text) : fallback;
    } catch (error) {
      return fallback;
    }
  }
  function write(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      /* private mode or full: the server still has every logged set */
    }
  }

  var state = read(STATE_KEY, null) || {};
  state.swaps = state.swaps || {};
  state.skips = state.skips || [];
  state.done = state.done || {};
  var prefs = read(PREFS_KEY, { sound: true, voice: true });
  var outbox = read(OUTBOX_KEY, []);
  function save() {
    write(STATE_KEY, state);
  }

  // -- the plan ------------------------------------------------------------------------------
  function activeOf(item) {
    var chosen = state.swaps[item.index] || item.active;
    if (chosen === item.exercise_id) return item;
    for (var i = 0; i < item.alternatives.length; i++) {
      if (item.alternatives[i].exercise_id === chosen) return item.alternatives[i];
    }
    return item;
  }
  function allRows() {
    var rows = [];
    data.items.forEach(function (item) {
      if (state.skips.indexOf(item.index) >= 0) return;
      activeOf(item).rows.forEach(function (row) {
        rows.push(row);
      });
    });
    return rows;
  }
  function isDone(key) {
    return Boolean(data.logged[key] || state.done[key]);
  }
  function currentRow() {
    var rows = allRows();
    for (var i = 0; i < rows.length; i++) if (!isDone(rows[i].key)) return rows[i];
    return null;
  }
  function nextRowAfter(row) {
    var rows = allRows();
    var seen = false;
    for (var i = 0; i < rows.length; i++) {
      if (seen && !isDone(rows[i].key)) return rows[i];
      if (rows[i].key === row.key) seen = true;
    }
    return null;
  }
  function itemOf(row) {
    return data.items[row.item];
  }
  function startsItem(row) {
    return activeOf(itemOf(row)).rows.every(function (r) {
      return !isDone(r.key) || r.key === row.key;
    }) && !isDone(row.key);
  }
  function setsOnSide(row) {
    var count = 0;
    activeOf(itemOf(row)).rows.forEach(function (r) {
      if (r.side === row.side) count += 1;
    });
    return count;
  }
  function setText(row) {
    return "Set " + row.set_number + " of " + setsOnSide(row);
  }
  function progress() {
    var rows = allRows();
    var done = rows.filter(function (r) {
      return isDone(r.key);
    }).length;
    return { done: done, total: rows.length };
  }

  // -- sound, voice and the screen ----------------------------------------------------------
  var audio = null;
  function unlockAudio() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!audio && Context) audio = new Context();
    if (audio && audio.state === "suspended") audio.resume();
  }
  function beep(frequency, seconds) {
    if (!prefs.sound || !audio) return;
    var oscillator = audio.createOscillator();
    var gain = audio.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.35, audio.currentTime + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + seconds);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + seconds + 0.05);
  }
  function say(text) {
    if (!prefs.voice || !("speechSynthesis" in window)) return;
    window.speechSynthesis.cancel();
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 1.02;
    window.speechSynthesis.speak(utterance);
  }
  var wakeLock = null;
  function keepAwake() {
    if (!("wakeLock" in navigator) || wakeLock || document.visibilityState !== "visible") return;
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      lock.addEventListener("release", function () {
        wakeLock = null;
      });
    }, function () {
      /* refused (battery saver, no permission): the session still works */
    });
  }
  function letSleep() {
    if (wakeLock) wakeLock.release();
    wakeLock = null;
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && state.screen !== "done") keepAwake();
  });

  // -- the screens ---------------------------------------------------------------------------
  function $(selector, scope) {
    return (scope || root).querySelector(selector);
  }
  function $all(selector, scope) {
    return Array.prototype.slice.call((scope || root).querySelectorAll(selector));
  }
  function fill(screen, name, text) {
    $all("[data-" + name + "]", screen).forEach(function (node) {
      node.textContent = text;
    });
  }
  function show(name, focus) {
    if (name !== "work" && window.glutewakeCamera) window.glutewakeCamera.stop(); // camera/coach_view.js
    $all("[data-screen]").forEach(function (screen) {
      screen.hidden = screen.getAttribute("data-screen") !== name;
    });
    state.screen = name;
    state.pausedAt = null;
    save();
    renderProgress();
    showPaused();
    var screen = $('[data-screen="' + name + '"]');
    var target = focus ? $(focus, screen) : null;
    if (target) target.focus({ preventScroll: false });
    return screen;
  }
  function renderProgress() {
    var p = progress();
    var percent = p.total ? Math.round((100 * p.done) / p.total) : 100;
    $("[data-progress]").setAttribute("width", String(percent));
    $(".progress-bar").setAttribute("aria-valuenow", String(percent));
    $("[data-progress-text]").textContent = p.done + " of " + p.total + " sets";
    renderList();
  }
  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }
  function renderList() {
    var list = $("[data-session-list]");
    var current = currentRow();
    list.textContent = "";
    data.items.forEach(function (item) {
      var active = activeOf(item);
      var skipped = state.skips.indexOf(item.index) >= 0;
      var done = active.rows.filter(function (r) {
        return isDone(r.key);
      }).length;
      var li = document.createElement("li");
      li.textContent = active.name + " · " + (skipped ? "skipped" : done + " of " + plural(active.rows.length, "set"));
      if (!skipped && done === active.rows.length) li.className = "done";
      if (current && current.item === item.index) li.setAttribute("aria-current", "step");
      list.appendChild(li);
    });
  }
  function showExercise(screen, row) {
    var active = activeOf(itemOf(row));
    fill(screen, "name", active.name);
    fill(screen, "cue", active.cue);
    $all("[data-figure]", screen).forEach(function (img) {
      if (img.getAttribute("src") !== active.illustration) img.setAttribute("src", active.illustration);
      img.setAttribute("alt", "Stick figure showing " + active.name);
    });
    return active;
  }

  function showIntro(row) {
    var screen = show("intro", '[data-action="start"]');
    var item = itemOf(row);
    var active = showExercise(screen, row);
    fill(screen, "block", item.block + (item.pair ? " · " + item.pair : ""));
    fill(screen, "dose", active.dose);
    var steps = $("[data-steps]", screen);
    steps.textContent = "";
    active.steps.forEach(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      steps.appendChild(li);
    });
    $('[data-action="swap"]', screen).hidden = item.alternatives.length === 0;
    var resumed = !startsItem(row);
    $("[data-intro-set]", screen).hidden = !resumed;
    fill(screen, "set", setText(row));
    var badge = $("[data-side]", screen);
    badge.hidden = !row.side;
    badge.textContent = sideText(row);
    $('[data-action="start"]', screen).textContent = resumed ? "Continue" : "Start";
    var setUp = active.steps.length ? active.steps[0] : active.cue; // set up first, correct later
    fill(screen, "cue", setUp);
    state.rowKey = row.key;
    save();
    say(active.name + ". " + active.dose + ". " + setUp);
  }

  function sideText(row) {
    return row.side ? row.side.charAt(0).toUpperCase() + row.side.slice(1) + " side" : "";
  }

  function showWork(row) {
    keepAwake();
    var resuming = state.rowKey === row.key && state.screen === "work";
    var hold = row.measure === "hold_seconds";
    var screen = show("work", hold ? '[data-action="stop-hold"]' : '[data-action="count"]');
    var active = showExercise(screen, row);
    fill(screen, "set", setText(row));
    var badge = $("[data-side]", screen);
    badge.hidden = !row.side;
    badge.textContent = sideText(row);
    $("[data-hold]", screen).hidden = !hold;
    $("[data-reps]", screen).hidden = hold;
    $("[data-hold-only]", screen).hidden = !hold;
    $("[data-reps-only]", screen).hidden = hold;
    if (!resuming) state.count = 0;
    state.rowKey = row.key;
    if (window.glutewakeCamera) window.glutewakeCamera.attach(screen, active, row, say);
    var announce = setText(row) + (row.side ? ", " + row.side + " side" : "") + ".";
    if (hold) {
      if (!resuming || !state.endsAt) {
        state.holdStart = Date.now() + seconds(LEAD_IN);
        state.endsAt = state.holdStart + seconds(row.target);
      }
      save();
      say(announce + " Get ready.");
      runHold(row);
    } else {
      state.endsAt = null;
      save();
      fill(screen, "count", String(state.count || 0));
      fill(screen, "count-target", "of " + row.target + " " + MEASURE_WORDS[row.measure]);
      say(announce + " " + row.target + " " + MEASURE_WORDS[row.measure] + ". " + active.cue);
    }
  }

  function seconds(programSeconds) {
    return programSeconds * 1000 * SCALE;
  }

  // -- countdowns ----------------------------------------------------------------------------
  var ticker = null;
  var lastBeep = null;
  function stopTicker() {
    if (ticker) window.clearInterval(ticker);
    ticker = null;
  }
  function countdown(screen, endsAt, onEnd, label) {
    stopTicker();
    lastBeep = null;
    var display = $("[data-countdown]", screen);
    function tick() {
      var left = Math.max(0, endsAt() - Date.now());
      var shown = Math.ceil(left / 1000 / SCALE);
      display.textContent = String(shown);
      if (label) label(left);
      if (shown <= 3 && shown >= 1 && lastBeep !== shown) {
        lastBeep = shown;
        beep(660, 0.12);
      }
      if (left <= 0) {
        stopTicker();
        beep(990, 0.45);
        onEnd();
      }
    }
    tick();
    ticker = window.setInterval(tick, Math.max(25, Math.min(200, 200 * SCALE * 5)));
  }

  function runHold(row) {
    var screen = $('[data-screen="work"]');
    var label = $("[data-phase-label]", screen);
    var announced = false;
    countdown(
      screen,
      function () {
        return Date.now() < state.holdStart ? state.holdStart : state.endsAt;
      },
      function () {
        if (Date.now() < state.endsAt) return runHold(row);
        state.endsAt = null;
        openLog(row, row.target);
      },
      function () {
        var ready = Date.now() < state.holdStart;
        label.textContent = ready ? "Get ready" : "Hold";
        if (!ready && !announced) {
          announced = true;
          beep(880, 0.2);
          say("Hold.");
        }
      }
    );
  }

  // -- logging -------------------------------------------------------------------------------
  var form = $("[data-log-form]");
  // One tap, "Done as planned", logs the set with no answers. Where it was felt is asked up
  // front on an exercise's first set; the rest waits behind "Add how it felt". Nothing starts
  // chosen: what the person leaves empty is sent as not answered.
  var more = $("[data-more]", form);
  var feltField = $("[data-felt-field]", form);
  function openLog(row, amount) {
    stopTicker();
    var screen = show("log", "[data-log-submit]");
    showExercise(screen, row);
    fill(screen, "set", setText(row));
    fill(screen, "log-side", row.side ? " · " + row.side + " side" : "");
    var input = $("[data-amount]", form);
    var measured = window.glutewakeCamera ? window.glutewakeCamera.finish(row) : null;
    if (measured !== null) amount = measured; // the person can still correct it
    state.cameraAmount = measured;
    $("[data-camera-note]", form).hidden = measured === null;
    input.value = String(amount);
    $('label[for="' + input.id + '"]', form).textContent =
      row.measure === "hold_seconds" ? "Seconds held" : row.measure === "steps" ? "Steps each way" : "Reps done";
    $all('input[type="radio"], input[type="checkbox"]', form).forEach(function (choice) {
      choice.checked = false;
    });
    if (startsItem(row)) $("[data-felt-slot]", form).appendChild(feltField);
    else $("[data-more-body]", form).insertBefore(feltField, $("[data-more-body]", form).firstChild);
    more.open = false;
    $("[data-log-error]", form).hidden = true;
    state.rowKey = row.key;
    state.screen = "log";
    state.amount = amount;
    save();
    updateSubmit(row);
    say(startsItem(row) ? "Done. Where did you feel it?" : "Done.");
  }

  function answered() {
    return $all("input:checked", form).length > 0;
  }
  function updateSubmit(row) {
    var amount = parseInt($("[data-amount]", form).value, 10);
    var planned = !answered() && amount === row.target;
    $("[data-log-submit]", form).textContent = planned ? "Done as planned" : "Save set";
  }

  function checkedValues(name) {
    return $all('input[name="' + name + '"]:checked', form).map(function (input) {
      return input.value;
    });
  }

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.name === "felt" && target.checked) {
      $all('input[name="felt"]', form).forEach(function (input) {
        var nowhere = target.value === "nowhere";
        if (input !== target && (nowhere || input.value === "nowhere")) input.checked = false;
      });
    }
    var row = currentRow();
    if (row) updateSubmit(row);
  });
  form.addEventListener("input", function () {
    var row = currentRow();
    if (row) updateSubmit(row);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var row = currentRow();
    if (!row) return;
    var error = $("[data-log-error]", form);
    var felt = checkedValues("felt");
    var amount = parseInt($("[data-amount]", form).value, 10);
    var limit = row.measure === "hold_seconds" ? 600 : 200;
    if (isNaN(amount) || amount < 0 || amount > limit) {
      error.textContent = "Give a number from 0 to " + limit + ".";
      error.hidden = false;
      return;
    }
    var body = {
      key: row.key,
      exercise_id: row.exercise_id,
      day: data.day,
      set_number: row.set_number,
      side: row.side,
    };
    body[row.measure === "hold_seconds" ? "hold_seconds" : "reps"] = amount;
    if (state.cameraAmount !== null && amount === state.cameraAmount) body.measured_by_camera = true;
    var effort = checkedValues("effort");
    var pain = checkedValues("pain");
    if (effort.length) body.effort = parseInt(effort[0], 10);
    if (felt.length) body.felt = felt;
    if (pain.length) body.pain = parseInt(pain[0], 10);
    state.done[row.key] = { felt: felt.length ? felt : null };
    outbox.push(body);
    write(OUTBOX_KEY, outbox);
    save();
    flush();
    afterSet(row);
  });

  var flushing = false;
  var retryDelay = 1000;
  var retryAfter = 0; // a 503 (the database is busy) says when to try again
  var signedOut = false;
  // Only this program's sets are sent from here: on a shared device, another account's
  // waiting sets stay until that account opens its own Today.
  function waitingHere() {
    var prefix = "p" + data.program_id + "-";
    return outbox.filter(function (body) { return body.key.indexOf(prefix) === 0; });
  }
  function flush() {
    var waiting = waitingHere();
    if (flushing || !waiting.length) return updateOutboxNote();
    flushing = true;
    var body = waiting[0];
    window
      .fetch("/api/logs", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": body.key },
        body: JSON.stringify(body),
      })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          // Logged out (or the login expired): keep the set until the person logs in again.
          signedOut = true;
          return false;
        }
        if (response.ok || (response.status >= 400 && response.status < 500)) {
          if (!response.ok) delete state.done[body.key];
          outbox.splice(outbox.indexOf(body), 1);
          write(OUTBOX_KEY, outbox);
          save();
          retryDelay = 1000;
          return true;
        }
        var seconds = parseInt(response.headers.get("Retry-After") || "", 10);
        if (response.status === 503 && seconds > 0) retryAfter = Math.min(seconds * 1000, 30000);
        return false;
      }, function () {
        return false;
      })
      .then(function (sent) {
        flushing = false;
        if (sent) return flush();
        if (signedOut) return updateOutboxNote(); // sent again once the page is back with a login
        var wait = retryAfter || (retryDelay = Math.min(retryDelay * 2, 30000));
        retryAfter = 0;
        window.setTimeout(flush, wait);
        updateOutboxNote();
      });
  }
  function updateOutboxNote() {
    var waiting = waitingHere().length > 0;
    $("[data-outbox]").hidden = !waiting || signedOut;
    $("[data-signed-out]").hidden = !(waiting && signedOut);
    $("[data-finish]").disabled = waiting;
  }
  window.addEventListener("online", flush);
  $('[data-screen="done"] form').addEventListener("submit", function () {
    window.localStorage.removeItem(STATE_KEY);
  });

  // -- between sets --------------------------------------------------------------------------
  function afterSet(row) {
    var next = nextRowAfter(row);
    if (!next) return showDone();
    if (row.side_change_after && next.item === row.item) {
      return rest(next, row.side_change_after, "Switch to the " + next.side + " side");
    }
    if (row.rest_after && next.item === row.item) return rest(next, row.rest_after, "Rest");
    return startRow(next);
  }

  function startRow(row) {
    state.endsAt = null;
    if (startsItem(row)) return showIntro(row);
    return showWork(row);
  }

  function rest(next, restSeconds, title) {
    var screen = show("rest", '[data-action="end-rest"]');
    fill(screen, "rest-label", title);
    var active = activeOf(itemOf(next));
    fill(
      screen,
      "next",
      "Next: " + active.name + ", " + setText(next).toLowerCase() + (next.side ? ", " + next.side + " side" : "")
    );
    var figure = $("[data-next-figure]", screen);
    if (figure.getAttribute("src") !== active.illustration) figure.setAttribute("src", active.illustration);
    figure.setAttribute("alt", "Next: " + active.name);
    state.rowKey = next.key;
    if (!state.restEndsAt || state.restFor !== next.key) {
      state.restEndsAt = Date.now() + seconds(restSeconds);
      state.restFor = next.key;
      state.restTitle = title;
    }
    save();
    say(title + ", " + restSeconds + " seconds.");
    countdown(
      screen,
      function () {
        return state.restEndsAt;
      },
      function () {
        state.restEndsAt = null;
        showWork(next);
      }
    );
  }

  function showDone() {
    stopTicker();
    letSleep();
    var screen = show("done", "[data-finish]");
    var sets = 0;
    var told = 0; // sets with where they were felt (the others were not asked or not answered)
    var glutes = 0;
    allRows().forEach(function (row) {
      var entry = data.logged[row.key] || state.done[row.key];
      if (!entry) return;
      sets += 1;
      if (!entry.felt) return;
      told += 1;
      if (entry.felt.some(function (place) {
        return place.indexOf("glutes") === 0;
      })) glutes += 1;
    });
    var minutes = Math.max(1, Math.round((Date.now() - startedAt) / 60000));
    fill(screen, "summary", plural(sets, "set") + " done in " + plural(minutes, "minute") + ".");
    var list = $("[data-summary-list]", screen);
    list.textContent = "";
    var felt = !told
      ? "Next time, tap where you felt each exercise on its first set: that tells the program your glutes are doing the work."
      : (told === sets ? "You felt " + glutes + " of them" : "Of the " + plural(told, "set") + " where you said where you felt it, " + glutes + (glutes === 1 ? " was" : " were")) +
        " in your glutes" + (glutes * 2 >= told ? ": that is what the program looks for." : ": the cues next time target that.");
    [
      felt,
      "Finish to save the session: glutewake then adjusts your next sessions to how this one went.",
    ].forEach(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      list.appendChild(li);
    });
    updateOutboxNote();
    say("Session complete. Well done.");
  }

  // -- swap and skip -------------------------------------------------------------------------
  function showSwap(row) {
    var screen = show("swap", '[data-action="cancel-swap"]');
    var item = itemOf(row);
    var current = activeOf(item);
    fill(screen, "name", current.name);
    var list = $("[data-alternatives]", screen);
    list.textContent = "";
    [item].concat(item.alternatives).forEach(function (option) {
      if (option.exercise_id === current.exercise_id) return;
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ghost";
      var name = document.createElement("span");
      name.textContent = option.name + (option === item ? " (planned)" : "");
      var dose = document.createElement("span");
      dose.className = "muted";
      dose.textContent = option.dose;
      button.appendChild(name);
      button.appendChild(dose);
      button.addEventListener("click", function () {
        state.swaps[item.index] = option.exercise_id;
        save();
        startRow(currentRow());
      });
      li.appendChild(button);
      list.appendChild(li);
    });
  }

  // -- pause ---------------------------------------------------------------------------------
  function showPaused() {
    $all('[data-action="pause"]').forEach(function (button) {
      button.textContent = state.pausedAt ? "Resume" : "Pause";
      button.setAttribute("aria-pressed", String(Boolean(state.pausedAt)));
    });
  }
  function shiftTimers(gap) {
    if (state.holdStart) state.holdStart += gap;
    if (state.endsAt) state.endsAt += gap;
    if (state.restEndsAt) state.restEndsAt += gap;
  }
  function togglePause(row) {
    if (!state.pausedAt) {
      stopTicker();
      state.pausedAt = Date.now();
      save();
      showPaused();
      return say("Paused.");
    }
    shiftTimers(Date.now() - state.pausedAt);
    state.pausedAt = null;
    save();
    showPaused();
    if (state.screen === "work") return runHold(row);
    if (state.screen === "rest") {
      return rest(row, Math.ceil((state.restEndsAt - Date.now()) / 1000 / SCALE), state.restTitle || "Rest");
    }
  }

  // -- controls ------------------------------------------------------------------------------
  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button) return;
    unlockAudio();
    var action = button.getAttribute("data-action");
    var row = currentRow();
    if (!row) return showDone();
    if (action === "start") return showWork(row);
    if (action === "pause") return togglePause(row);
    if (action === "swap") return showSwap(row);
    if (action === "cancel-swap") return startRow(row);
    if (action === "skip") {
      state.skips.push(row.item);
      save();
      var next = currentRow();
      return next ? startRow(next) : showDone();
    }
    if (action === "count") {
      state.count = (state.count || 0) + 1;
      save();
      fill($('[data-screen="work"]'), "count", String(state.count));
      beep(520, 0.06);
      if (state.count === row.target) say("That's " + row.target + ".");
      return;
    }
    if (action === "reps-done") return openLog(row, state.count || row.target);
    if (action === "stop-hold") {
      var held = Math.max(0, Math.round(((state.pausedAt || Date.now()) - state.holdStart) / 1000 / SCALE));
      state.endsAt = null;
      return openLog(row, Math.min(held, row.target));
    }
    if (action === "add-rest") {
      state.restEndsAt = Math.max(state.restEndsAt, Date.now()) + seconds(EXTRA_REST);
      save();
      return;
    }
    if (action === "end-rest") {
      state.restEndsAt = Date.now();
      save();
      if (state.pausedAt) return showWork(row); // the paused countdown will not tick to its end
    }
  });

  $all("[data-toggle]").forEach(function (input) {
    var name = input.getAttribute("data-toggle");
    input.checked = prefs[name] !== false;
    input.addEventListener("change", function () {
      prefs[name] = input.checked;
      write(PREFS_KEY, prefs);
      if (name === "voice" && !input.checked && "speechSynthesis" in window) window.speechSynthesis.cancel();
    });
  });

  var startedAt = state.startedAt || Date.now();
  state.startedAt = startedAt;
  window.setInterval(function () {
    var minutes = Math.floor((Date.now() - startedAt) / 60000);
    $("[data-clock]").textContent = minutes + " min";
  }, 1000);

  // -- start, or resume where the last tab stopped ---------------------------------------------
  function resume() {
    if (state.pausedAt) shiftTimers(Date.now() - state.pausedAt);
    state.pausedAt = null;
    var row = currentRow();
    if (!row) return showDone();
    var same = state.rowKey === row.key;
    if (same && state.screen === "log") return openLog(row, state.amount || row.target);
    if (same && state.screen === "work") return showWork(row);
    if (same && state.screen === "rest" && state.restEndsAt > Date.now()) {
      return rest(row, Math.ceil((state.restEndsAt - Date.now()) / 1000 / SCALE), state.restTitle || "Rest");
    }
    state.endsAt = null;
    return showIntro(row);  // a reopened tab waits for a tap before any timer runs
  }

  // Load every drawing the session may show now, so it runs on if the server goes away.
  data.items.forEach(function (item) {
    [item].concat(item.alternatives).forEach(function (option) {
      if (option.illustration) new Image().src = option.illustration;
    });
  });

  document.body.classList.add("js-player");
  document.getElementById("today-static").hidden = true;
  root.hidden = false;
  flush();
  resume();
})();
