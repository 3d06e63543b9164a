// casefile: open every <details> before printing, so printed pages show the quoted
// passages. Everything else on the site works without JavaScript.
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details").forEach(function (d) { d.open = true; });
});

// The ready-to-paste citation says "accessed [date you read it]"; where JavaScript runs,
// today's date is written in instead, in the same form as the page's dates.
document.addEventListener("DOMContentLoaded", function () {
  var today = new Date().toLocaleDateString("en-GB",
    { day: "numeric", month: "long", year: "numeric" });
  document.querySelectorAll("pre.cf-citation[data-accessed] code").forEach(function (code) {
    var placeholder = code.parentNode.getAttribute("data-accessed");
    code.textContent = code.textContent.replace(placeholder, today);
  });
});
