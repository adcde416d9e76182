(() => {
  "use strict";
  // The details of every marked sentence are in the page; this shows one at a time in the
  // panel beside the article. Nothing here fetches, evaluates or writes markup from strings.
  document.documentElement.classList.add("ck-js");
  let active = null;

  const firstMarks = () => Array.from(document.querySelectorAll("mark.ck-mark[id]"));

  function show(anchor) {
    const detail = document.getElementById("detail-" + anchor);
    const mark = document.getElementById(anchor);
    if (!detail || !mark) return null;
    const panel = mark.closest(".ck-review").querySelector(".ck-panel-body");
    panel.replaceChildren(...Array.from(detail.childNodes, (node) => node.cloneNode(true)));
    // Each claim's evidence is in the page once; the panel shows it after the sentence's
    // reference to it.
    for (const reference of panel.querySelectorAll(".ck-claim-ref[data-claim]")) {
      const claim = document.getElementById(reference.dataset.claim);
      if (claim) reference.after(...Array.from(claim.childNodes, (node) => node.cloneNode(true)));
    }
    // A new sentence's details start at their top, and on a narrow screen the panel opens
    // as a sheet over the bottom of the screen.
    const aside = panel.closest(".ck-panel");
    aside.classList.add("ck-open");
    aside.scrollTop = 0;
    panel.scrollTop = 0;
    for (const marked of document.querySelectorAll("mark.ck-active")) {
      marked.classList.remove("ck-active");
    }
    for (const marked of document.querySelectorAll("mark[data-unit]")) {
      if (marked.dataset.unit === anchor) marked.classList.add("ck-active");
    }
    active = anchor;
    return mark;
  }

  function go(anchor) {
    const mark = show(anchor);
    if (!mark) return;
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
  }

  function clear() {
    for (const marked of document.querySelectorAll("mark.ck-active")) {
      marked.classList.remove("ck-active");
    }
    // Esc and Close visibly close: the panel shows its hint again, and the sheet goes away.
    for (const aside of document.querySelectorAll(".ck-panel.ck-open")) {
      aside.classList.remove("ck-open");
      const body = aside.querySelector(".ck-panel-body");
      if (body && hint.has(body)) body.replaceChildren(hint.get(body).cloneNode(true));
    }
    // Focus goes back to the sentence (while it is still the active one, so that this focus
    // does not open the panel again).
    const mark = active ? document.getElementById(active) : null;
    if (mark) mark.focus({ preventScroll: true });
    active = null;
  }

  // Each panel's hint, to show again when the panel is closed.
  const hint = new Map();
  for (const body of document.querySelectorAll(".ck-panel-body")) {
    const first = body.querySelector(".ck-hint");
    if (first) hint.set(body, first.cloneNode(true));
  }

  function copy(button) {
    const text = button.dataset.copy || "";
    const done = () => {
      button.textContent = "Copied";
      setTimeout(() => { button.textContent = "Copy"; }, 1500);
    };
    const fallback = () => {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      try { if (document.execCommand("copy")) done(); } finally { area.remove(); }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const button = target.closest("button.ck-copy");
    if (button) { copy(button); return; }
    if (target.closest("button.ck-panel-close")) { clear(); return; }
    const link = target.closest("a.ck-goto");
    if (link) {
      event.preventDefault();
      go(link.getAttribute("href").slice(1));
      return;
    }
    const mark = target.closest("mark[data-unit]");
    if (mark) show(mark.dataset.unit);
  });

  document.addEventListener("focusin", (event) => {
    const target = event.target;
    if (target instanceof Element && target.matches("mark.ck-mark[id]") && target.id !== active) {
      show(target.id);
    }
  });

  document.addEventListener("keydown", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target && target.matches("mark.ck-mark[id]") && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      show(target.id);
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (target && target.closest("input, textarea, select, button, [contenteditable]")) return;
    if (event.key === "j" || event.key === "k") {
      const marks = firstMarks();
      if (!marks.length) return;
      const at = marks.findIndex((mark) => mark.id === active);
      const next = event.key === "j" ? at + 1 : (at < 0 ? marks.length - 1 : at - 1);
      const mark = marks[Math.max(0, Math.min(marks.length - 1, next))];
      go(mark.id);
    } else if (event.key === "Escape") {
      clear();
    }
  });

  // The findings list's filters: by severity, rule and claim.
  function filter(form) {
    const list = form.closest(".ck-findings").querySelector(".ck-findings-list");
    const severities = new Set(
      Array.from(form.querySelectorAll("input[name=severity]:checked"), (box) => box.value),
    );
    const rule = form.elements.namedItem("rule").value;
    const claim = form.elements.namedItem("claim").value;
    let shown = 0;
    const items = Array.from(list.children);
    for (const item of items) {
      const visible =
        item.dataset.severities.split(" ").some((severity) => severities.has(severity)) &&
        (!rule || item.dataset.rules.split(" ").includes(rule)) &&
        (!claim || item.dataset.claims.split(" ").includes(claim));
      item.hidden = !visible;
      if (visible) shown += 1;
    }
    form.querySelector(".ck-filter-count").textContent =
      shown === items.length ? "" : `Showing ${shown} of ${items.length}`;
  }

  for (const form of document.querySelectorAll("form.ck-filters")) {
    form.addEventListener("change", () => filter(form));
    form.addEventListener("submit", (event) => event.preventDefault());
  }

  if (location.hash.length > 1) {
    const anchor = decodeURIComponent(location.hash.slice(1));
    if (document.getElementById("detail-" + anchor)) go(anchor);
  }
})();
