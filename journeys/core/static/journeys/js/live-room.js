// The live workshop's pages (phone, presenter, control) change by themselves through
// Server-Sent Events. This keeps them usable with a screen reader and a keyboard:
// - news (a new question, results shown, the end) is put, as one short sentence, into
//   the page's one polite live region (#live-news); what changed is marked in the
//   swapped HTML by [data-news-key] (workshops/_news.html), and only a new key is news,
//   so answers coming in are never read out;
// - focus never falls to <body> when the part holding it is replaced: it goes back to
//   the element with the same id, else to the same place in the same row
//   ([data-focus-row]), else to the part's heading; on a phone ([data-focus-new]) a new
//   question takes the focus to its heading;
// - once the workshop has ended, [data-hide-when-ended] (the join code, the nickname
//   choice) is hidden.
// No inline script or style: the Content-Security-Policy allows the site's own files.
(function () {
  "use strict";
  var lastKey = null;
  var saved = null; // where the focus was in the part being replaced

  function newsIn(root) {
    return root.querySelector("[data-news-key]");
  }

  function announce(text) {
    var region = document.getElementById("live-news");
    if (!region || !text) return;
    region.textContent = "";
    // A fresh text after a beat, so that the same sentence twice is read twice.
    window.setTimeout(function () {
      region.textContent = text;
    }, 100);
  }

  function focusHeading(root) {
    var heading = root.querySelector("h1[tabindex='-1'], h2[tabindex='-1'], [tabindex='-1']");
    if (heading) heading.focus();
  }

  function remember(target) {
    var active = document.activeElement;
    saved = null;
    if (!active || active === document.body || !target.contains(active)) return;
    var row = active.closest("[data-focus-row]");
    var place = null;
    if (row) {
      var focusables = row.querySelectorAll("button, a[href], input, select, summary");
      place = Array.prototype.indexOf.call(focusables, active);
    }
    saved = { id: active.id || null, row: row ? row.id : null, place: place };
  }

  function restore(target) {
    if (!saved) return;
    var was = saved;
    saved = null;
    if (target.contains(document.activeElement) && document.activeElement !== document.body) {
      return; // still there: nothing to do
    }
    var same = was.id && document.getElementById(was.id);
    if (same) {
      same.focus();
      return;
    }
    var row = was.row && document.getElementById(was.row);
    if (row) {
      var focusables = row.querySelectorAll("button, a[href], input, select, summary");
      var place = focusables[Math.min(was.place || 0, focusables.length - 1)];
      (place || row).focus();
      return;
    }
    focusHeading(target);
  }

  function ended(root) {
    var news = newsIn(root);
    if (!news || news.getAttribute("data-news-kind") !== "end") return;
    document.querySelectorAll("[data-hide-when-ended]").forEach(function (element) {
      element.hidden = true;
    });
  }

  document.addEventListener("htmx:sseBeforeMessage", function (event) {
    remember(event.target);
  });

  document.addEventListener("htmx:sseMessage", function (event) {
    var target = event.target;
    var news = newsIn(target);
    var key = news ? news.getAttribute("data-news-key") : null;
    var isNews = key !== null && key !== lastKey;
    if (news) lastKey = key;
    if (isNews) {
      announce(news.getAttribute("data-news"));
      ended(target);
    }
    if (isNews && news.getAttribute("data-news-kind") === "new" && target.hasAttribute("data-focus-new")) {
      saved = null;
      focusHeading(target);
      return;
    }
    restore(target);
  });

  function start() {
    var news = newsIn(document);
    if (news) lastKey = news.getAttribute("data-news-key");
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
