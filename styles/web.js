/* enface web edition: languages shown and lead language (remembered in localStorage),
   the bead of a sentence highlighted in every language, keyboard moves from bead to bead.
   Everything works without this script but the choices; it loads nothing. */
(function () {
  "use strict";
  var body = document.body;
  var langs = JSON.parse(body.getAttribute("data-langs") || "[]");
  var key = body.getAttribute("data-key") || "enface";
  var form = document.getElementById("controls");
  var style = document.createElement("style");
  document.head.appendChild(style);
  var state = { shown: langs.slice(), lead: langs[0] };

  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(key) || "null");
      if (saved && Array.isArray(saved.shown)) {
        var shown = saved.shown.filter(function (l) { return langs.indexOf(l) >= 0; });
        if (shown.length) state.shown = shown;
      }
      if (saved && langs.indexOf(saved.lead) >= 0) state.lead = saved.lead;
    } catch (e) { /* no storage (private mode, file:// in some browsers): choices last the visit */ }
  }

  function save() {
    try { window.localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* see load */ }
  }

  function apply() {
    var order = [state.lead].concat(langs.filter(function (l) { return l !== state.lead; }));
    var rules = order.map(function (l, i) {
      return '[data-lang="' + l + '"].cell { order: ' + i + "; }";
    });
    langs.forEach(function (l) {
      if (state.shown.indexOf(l) < 0) rules.push('[data-lang="' + l + '"].cell { display: none !important; }');
    });
    style.textContent = rules.join("\n");
    body.style.setProperty("--cols", String(state.shown.length));
    if (!form) return;
    Array.prototype.forEach.call(form.querySelectorAll('input[name="lang"]'), function (box) {
      box.checked = state.shown.indexOf(box.value) >= 0;
      box.disabled = box.checked && state.shown.length === 1; // one language always stays
    });
    form.querySelector('select[name="lead"]').value = state.lead;
  }

  if (form) {
    form.hidden = false;
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.name === "lang") {
        state.shown = langs.filter(function (l) {
          return form.querySelector('input[value="' + l + '"]').checked;
        });
        if (!state.shown.length) state.shown = [target.value];
        if (state.shown.indexOf(state.lead) < 0) state.lead = state.shown[0];
      } else if (target.name === "lead") {
        state.lead = target.value;
        if (state.shown.indexOf(state.lead) < 0) state.shown.push(state.lead);
      }
      apply();
      save();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  /* Beads: highlight, bring into view, move with the keyboard (a roving tabindex) */
  var beads = Array.prototype.slice.call(document.querySelectorAll(".bead"));
  var current = null;
  if (beads.length) beads[0].tabIndex = 0;

  function visible(bead) {
    return bead.offsetParent !== null && bead.querySelector(".cell:not(.empty)") !== null;
  }

  function inView(bead) {
    var cells = bead.querySelectorAll(".cell");
    for (var i = 0; i < cells.length; i++) {
      var box = cells[i].getBoundingClientRect();
      if (box.height && (box.top < 0 || box.top > window.innerHeight - 24)) return false;
    }
    return true;
  }

  function activate(bead, how) {
    if (current && current !== bead) {
      current.classList.remove("active");
      current.removeAttribute("aria-current");
      current.tabIndex = -1;
    }
    current = bead;
    bead.classList.add("active");
    bead.setAttribute("aria-current", "true");
    bead.tabIndex = 0;
    if (how === "tap" || how === "key") {
      // every language of the bead in view: the other columns' sentences too
      if (!inView(bead)) bead.scrollIntoView({ block: how === "key" ? "nearest" : "start" });
    }
    if (how === "key") bead.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var sentence = event.target.closest ? event.target.closest(".bead .s") : null;
    if (!sentence) return;
    var bead = sentence.closest(".bead");
    activate(bead, "tap");
    bead.focus({ preventScroll: true });
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("bead") && event.target !== current) {
      activate(event.target, "focus");
    }
  });

  function step(delta) {
    var index = current ? beads.indexOf(current) : -1;
    for (var i = index + delta; i >= 0 && i < beads.length; i += delta) {
      if (visible(beads[i])) { activate(beads[i], "key"); return true; }
    }
    return false;
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target.closest && target.closest("input, select, textarea, button, form")) return;
    var onBead = target.classList && target.classList.contains("bead");
    var k = event.key;
    var down = k === "j" || (onBead && k === "ArrowDown");
    var up = k === "k" || (onBead && k === "ArrowUp");
    if (down || up) {
      if (step(down ? 1 : -1)) event.preventDefault();
    } else if (k === "Escape" && current) {
      current.classList.remove("active");
      current.removeAttribute("aria-current");
    }
  });

  load();
  apply();
})();
