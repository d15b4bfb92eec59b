// After a form sends the person to a place on the page (the combination checker's
// #results, an exercise's #exercise-…, an MI reply's #turn-…), move the focus there so
// that a screen reader reads the news at once: the place's own status or alert (marked
// tabindex="-1") when it has one, else the place itself. Only places marked
// tabindex="-1" take part, so a link to a footnote keeps the browser's usual behaviour.
// Chrome focuses such a place itself once the page has loaded, after this script: the
// first focus on the place is passed on to the news once more. No inline script: the
// Content-Security-Policy allows the site's own scripts only.
(function () {
  "use strict";
  var NEWS = '[role="alert"][tabindex="-1"], [role="status"][tabindex="-1"]';
  function focusArrival() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var place = id && document.getElementById(id);
    if (!place || place.getAttribute("tabindex") !== "-1") return;
    var news = place.querySelector(NEWS);
    if (!news) {
      place.focus();
      return;
    }
    place.addEventListener("focus", function passOn() {
      place.removeEventListener("focus", passOn);
      news.focus();
    });
    news.focus();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusArrival);
  } else {
    focusArrival();
  }
})();
