// casefile: open every <details> before printing, so printed pages show the quoted
// passages. Everything else on the site works without JavaScript.
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details").forEach(function (d) { d.open = true; });
});
