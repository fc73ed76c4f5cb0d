/* sop-docs: small helpers of the site's pages; plain script, works from file:// too.
 *
 * - the list of all SOPs (Daftar SOP) is filtered as one types;
 * - a procedure table wider than its box shows the hint to scroll sideways;
 * - "Cetak" prints the official PDF when the browser allows it, else opens it.
 */
(function () {
  "use strict";

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\s+/g, " ").trim();
  }

  function setupFilter(box) {
    var input = box.querySelector("input[data-sop-saring]");
    var table = document.getElementById(input.getAttribute("data-sop-saring"));
    var result = box.querySelector(".sop-saring-hasil");
    if (!table) {
      return;
    }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return fold(row.textContent); });
    box.hidden = false;
    input.addEventListener("input", function () {
      var words = fold(input.value).split(" ").filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var match = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        row.style.display = match ? "" : "none";  // cards set display: block
        shown += match ? 1 : 0;
      });
      result.textContent = words.length ? shown + " dari " + rows.length + " SOP" : "";
    });
  }

  function setupScrollHint(wrap) {
    var hint = wrap.previousElementSibling;
    if (!hint || !hint.classList.contains("sop-geser")) {
      return;
    }
    function update() {
      hint.hidden = wrap.scrollWidth <= wrap.clientWidth + 1;
    }
    update();
    window.addEventListener("resize", update);
  }

  function setupPrint(link) {
    link.addEventListener("click", function (event) {
      if (location.protocol === "file:") {
        return;  // a frame cannot print a file:// PDF: the link opens it instead
      }
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.style.cssText = "position:fixed;right:0;bottom:0;width:0;height:0;border:0";
      frame.src = link.href;
      frame.onload = function () {
        try {
          frame.contentWindow.focus();
          frame.contentWindow.print();
        } catch (err) {
          window.open(link.href, "_blank", "noopener");
        }
      };
      document.body.appendChild(frame);
    });
  }

  function setup() {
    document.querySelectorAll(".sop-saring").forEach(setupFilter);
    document.querySelectorAll(".sop-table-wrap").forEach(setupScrollHint);
    document.querySelectorAll("a.sop-cetak").forEach(setupPrint);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
