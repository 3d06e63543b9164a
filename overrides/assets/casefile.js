// casefile: open every <details> before printing, so printed pages show the quoted
// passages. Everything else on the site works without JavaScript.
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details").forEach(function (d) { d.open = true; });
});

// The ready-to-paste citation says "accessed [date you read it]"; where JavaScript runs,
// today's date is written in instead, in the same form as the page's dates. Only the
// placeholder the page marks (span.cf-accessed) is filled, in every citation on the page:
// the same words elsewhere (a title quoting them) are left as they are.
// A site built without its address (no SITE_URL) says "address: the page's address on this
// site" in the citation; where JavaScript runs, the address the browser shows (without any
// #fragment) is written into that placeholder (span.cf-address) the same way, and into the
// "Address" above it, which otherwise says the address is not known, so the two agree.
document.addEventListener("DOMContentLoaded", function () {
  var today = new Date().toLocaleDateString("en-GB",
    { day: "numeric", month: "long", year: "numeric" });
  document.querySelectorAll("pre.cf-citation span.cf-accessed").forEach(function (span) {
    span.textContent = today;
  });
  var address = location.href.split("#")[0];
  document.querySelectorAll("pre.cf-citation span.cf-address, dl.cf-cite-this span.cf-address")
    .forEach(function (span) {
      span.textContent = address;
    });
});
