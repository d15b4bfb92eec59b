/* Journeys SCORM 1.2 package: checks the exercises in the page and reports to the LMS.
   Finds the LMS's API as SCORM 1.2 (RTE 3.3.6.1) says: window.API on this window or a
   parent (at most 7 levels up), then on the opener and its parents. No network. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("package-data").textContent);
  var text = data.text;
  var results = {}; // exercise id -> {score, max}
  var api = null;
  var finished = false;

  function findIn(win) {
    var tries = 0;
    while (win && !win.API && win.parent && win.parent !== win && tries < 7) {
      tries += 1;
      win = win.parent;
    }
    return win && win.API ? win.API : null;
  }

  function findApi() {
    var found = null;
    try { found = findIn(window); } catch (e) { found = null; }
    if (!found && window.opener) {
      try { found = findIn(window.opener); } catch (e) { found = null; }
    }
    return found;
  }

  function set(name, value) {
    if (api) { api.LMSSetValue(name, String(value)); }
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }

  function totals() {
    var points = 0, max = 0, done = 0, count = 0;
    Object.keys(data.exercises).forEach(function (id) {
      count += 1;
      max += data.exercises[id].max;
      if (results[id]) { points += results[id].score; done += 1; }
    });
    var percent = max ? Math.floor((100 * points) / max) : 0;
    return {points: points, max: max, done: done, count: count, percent: percent};
  }

  function reportScore() {
    var sum = totals();
    if (!sum.max) { return; }
    set("cmi.core.score.min", 0);
    set("cmi.core.score.max", 100);
    set("cmi.core.score.raw", sum.percent);
    if (api) { api.LMSCommit(""); }
  }

  function line(parent, tag, content, className) {
    var element = document.createElement(tag);
    element.textContent = content;
    if (className) { element.className = className; }
    parent.appendChild(element);
    return element;
  }

  function verdict(list, correct, label, feedback) {
    var item = document.createElement("li");
    item.className = correct ? "is-right" : "is-wrong";
    line(item, "strong", (correct ? "\u2713 " + text.right : "\u2717 " + text.notQuite) + " ");
    item.appendChild(document.createTextNode(label + (feedback ? ": " + feedback : "")));
    list.appendChild(item);
  }

  function check(form) {
    var id = form.getAttribute("data-exercise");
    var exercise = data.exercises[id];
    var outcome = form.querySelector(".outcome");
    var ids = Object.keys(exercise.items);
    var score = 0;
    var shown = document.createElement("ul");
    var extra = [];
    if (exercise.kind === "choice") {
      var chosen = ids.filter(function (option) {
        return form.querySelector('input[value="' + option + '"]').checked;
      });
      if (!chosen.length) { return problem(outcome, text.chooseOne); }
      var right = ids.filter(function (option) { return exercise.items[option].correct; });
      score = chosen.length === right.length && chosen.every(function (option) {
        return exercise.items[option].correct;
      }) ? 1 : 0;
      ids.forEach(function (option) {
        var entry = exercise.items[option];
        if (chosen.indexOf(option) >= 0 || (entry.correct && exercise.multiple)) {
          verdict(shown, entry.correct, entry.label, entry.feedback);
        }
      });
    } else if (exercise.kind === "fact-or-fiction") {
      var answers = {};
      ids.forEach(function (statement) {
        var picked = form.querySelector('input[name="' + statement + '"]:checked');
        answers[statement] = picked ? picked.value : null;
      });
      if (ids.some(function (statement) { return !answers[statement]; })) {
        return problem(outcome, text.answerAll);
      }
      ids.forEach(function (statement) {
        var entry = exercise.items[statement];
        var correct = answers[statement] === entry.verdict;
        if (correct) { score += 1; }
        verdict(shown, correct, entry.label,
          (entry.verdict === "fact" ? text.fact : text.fiction) + " " + entry.feedback);
      });
    } else {
      var places = {};
      ids.forEach(function (item) {
        places[item] = form.querySelector('select[name="' + item + '"]').value;
      });
      var used = ids.map(function (item) { return places[item]; });
      var unique = used.filter(function (place, i) { return place && used.indexOf(place) === i; });
      if (unique.length !== ids.length) { return problem(outcome, text.placeEach); }
      ids.forEach(function (item) {
        var correct = exercise.key[Number(places[item]) - 1] === item;
        if (correct) { score += 1; }
        verdict(shown, correct, exercise.items[item].label, "");
      });
      extra.push(text.order + " " + exercise.key.map(function (item, i) {
        return (i + 1) + ". " + exercise.items[item].label;
      }).join("; "));
      if (exercise.explanation) { extra.push(exercise.explanation); }
    }
    results[id] = {score: score, max: exercise.max};
    outcome.textContent = "";
    line(outcome, "p", format(text.score, {score: score, max: exercise.max}), "score");
    outcome.appendChild(shown);
    extra.forEach(function (sentence) { line(outcome, "p", sentence); });
    outcome.focus();
    reportScore();
    return false;
  }

  function problem(outcome, message) {
    outcome.textContent = "";
    line(outcome, "p", message, "problem");
    outcome.focus();
    return false;
  }

  function finish() {
    var sum = totals();
    var result = document.getElementById("result");
    var status;
    result.textContent = "";
    if (sum.max) {
      status = sum.percent >= data.masteryScore ? "passed" : "failed";
      line(result, "p", format(text.total, {
        percent: sum.percent, points: sum.points, max: sum.max, mastery: data.masteryScore
      }), "score");
      line(result, "p", format(text.answered, {done: sum.done, all: sum.count}));
    } else {
      status = "completed";
    }
    line(result, "p", text[status]);
    if (api && !finished) {
      reportScore();
      set("cmi.core.lesson_status", status);
      set("cmi.core.exit", status === "failed" ? "suspend" : "");
      api.LMSCommit("");
      if (status !== "failed") {
        api.LMSFinish("");
        finished = true;
      }
    } else if (!api) {
      line(result, "p", text.noLms);
    }
    result.focus();
  }

  function start() {
    api = findApi();
    if (api && String(api.LMSInitialize("")) === "true") {
      var status = api.LMSGetValue("cmi.core.lesson_status");
      if (!status || status === "not attempted") {
        set("cmi.core.lesson_status", "incomplete");
        api.LMSCommit("");
      }
    } else {
      api = null;
    }
    Array.prototype.forEach.call(document.querySelectorAll("form.check"), function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        check(form);
      });
    });
    document.getElementById("finish-button").addEventListener("click", finish);
    window.addEventListener("beforeunload", function () {
      if (api && !finished) {
        set("cmi.core.exit", "suspend");
        api.LMSCommit("");
        api.LMSFinish("");
        finished = true;
      }
    });
  }

  start();
})();
