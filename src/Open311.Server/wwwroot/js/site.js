// Every page: an error summary takes the focus when the page opens, and its links move the focus to their field.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary[tabindex]");
  if (summary) summary.focus();
  document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      target.focus();
      target.scrollIntoView({ block: "center" });
    });
  });
})();
