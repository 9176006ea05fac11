/* Cooperation network: highlight a node's ties when it is pointed at or focused (keyboard).
   The graph is server-rendered SVG; this script only toggles classes (see network.css), and works
   after htmx swaps the results because it listens on the document. No inline script, no eval. */
(function () {
  "use strict";

  function graphOf(node) {
    return node.closest("svg.network-graph");
  }

  function clear(svg) {
    if (!svg) { return; }
    svg.classList.remove("is-focused");
    svg.querySelectorAll(".is-lit, .is-near").forEach(function (el) {
      el.classList.remove("is-lit", "is-near");
    });
  }

  function describe(node) {
    var out = document.getElementById("network-focus");
    if (out) { out.textContent = node ? node.getAttribute("aria-label") || "" : ""; }
  }

  function activate(node) {
    var svg = graphOf(node);
    if (!svg) { return; }
    clear(svg);
    var id = node.getAttribute("data-node");
    svg.classList.add("is-focused");
    node.classList.add("is-lit");
    svg.querySelectorAll("line.edge").forEach(function (line) {
      var a = line.getAttribute("data-a");
      var b = line.getAttribute("data-b");
      if (a === id || b === id) {
        line.classList.add("is-lit");
        var other = svg.querySelector('.node[data-node="' + (a === id ? b : a) + '"]');
        if (other) { other.classList.add("is-near"); }
      }
    });
    describe(node);
  }

  function nodeFrom(event) {
    var target = event.target;
    return target && target.closest ? target.closest("svg.network-graph .node") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var node = nodeFrom(event);
    if (node) { activate(node); }
  });
  document.addEventListener("mouseout", function (event) {
    var node = nodeFrom(event);
    if (node && node !== document.activeElement) { clear(graphOf(node)); describe(null); }
  });
  document.addEventListener("focusin", function (event) {
    var node = nodeFrom(event);
    if (node) { activate(node); }
  });
  document.addEventListener("focusout", function (event) {
    var node = nodeFrom(event);
    if (node) { clear(graphOf(node)); describe(null); }
  });
  document.addEventListener("keydown", function (event) {
    var node = nodeFrom(event);
    if (node && event.key === "Escape") { node.blur(); }
  });
})();
