(() => {
  "use strict";
  // A marked sentence refers to what its findings say and to its claims, each in the page
  // once; this puts them together in the panel beside the article, one sentence at a time.
  // Nothing here fetches, evaluates or writes markup from strings: the panel is made of
  // elements, text nodes and copies of the page's own elements.
  document.documentElement.classList.add("ck-js");
  let active = null;

  const STANCES = {
    asserted: "asserts it",
    hedged: "hedges it",
    attributed: "attributes it to someone else",
    negated: "denies it",
    questioned: "asks it as a question",
  };

  const firstMarks = () => Array.from(document.querySelectorAll("mark.ck-mark[id]"));
  const words = (list) => (list || "").split(" ").filter(Boolean);

  function element(tag, className, ...children) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    made.append(...children);
    return made;
  }

  // Every piece of each sentence's mark (a sentence across emphasis or lines has several).
  let pieces = null;
  function piecesOf(anchor) {
    if (pieces === null) {
      pieces = new Map();
      for (const piece of document.querySelectorAll("mark[data-unit]")) {
        const unit = piece.dataset.unit;
        if (!pieces.has(unit)) pieces.set(unit, []);
        pieces.get(unit).push(piece);
      }
    }
    return pieces.get(anchor) || [];
  }

  // The claims a marked sentence makes, and how: its data-c is "claim stance cue words|...".
  function claimsMade(mark) {
    return (mark.dataset.c || "").split("|").filter(Boolean).map((made) => {
      const [claim, stance, ...cue] = made.split(" ");
      return { claim, stance, cue: cue.join(" ") };
    });
  }

  // The sentence as the article shows it.
  function sentenceOf(anchor) {
    return piecesOf(anchor).map((piece) => piece.textContent).join("").replace(/\s+/g, " ").trim();
  }

  function panelContents(mark, review) {
    const parts = [element("h3", "", `${mark.dataset.where}: `, element("q", "", sentenceOf(mark.id)))];
    const numbers = words(mark.dataset.f);
    if (numbers.length) {
      const list = element("ul", "ck-detail-findings");
      for (const number of numbers) {
        const said = document.getElementById(`${review.id}-f${number}`);
        if (!said) continue;
        const copy = said.cloneNode(true);
        copy.removeAttribute("id");
        list.append(copy);
      }
      parts.push(list);
    }
    // Each claim's evidence is in the page once; the panel shows it after how the sentence
    // makes the claim.
    for (const { claim, stance, cue } of claimsMade(mark)) {
      const how = ` · the sentence ${STANCES[stance] || stance}` + (cue ? ` (“${cue}”)` : "");
      parts.push(element("p", "ck-claim-ref", element("code", "", claim), how));
      const evidence = document.getElementById(`${review.id}-claim-${claim.replaceAll(".", "--")}`);
      if (evidence) parts.push(...Array.from(evidence.childNodes, (node) => node.cloneNode(true)));
    }
    return parts;
  }

  function show(anchor) {
    const mark = document.getElementById(anchor);
    if (!mark || !mark.matches("mark.ck-mark")) return null;
    const review = mark.closest(".ck-review");
    const panel = review.querySelector(".ck-panel-body");
    panel.replaceChildren(...panelContents(mark, review));
    // A new sentence's details start at their top, and on a narrow screen the panel opens
    // as a sheet over the bottom of the screen.
    const aside = panel.closest(".ck-panel");
    aside.classList.add("ck-open");
    aside.scrollTop = 0;
    panel.scrollTop = 0;
    for (const marked of document.querySelectorAll("mark.ck-active")) {
      marked.classList.remove("ck-active");
    }
    for (const piece of piecesOf(anchor)) piece.classList.add("ck-active");
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
    // A rule in the findings list: with the script, its sentence's panel says it.
    const said = target.closest(".ck-finding-rules a");
    const link = said ? said.closest("li").querySelector("a.ck-goto") : target.closest("a.ck-goto");
    if (said && !link) return;
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
  function claimsOf(item) {
    const goto = item.querySelector("a.ck-goto");
    const mark = goto ? document.getElementById(goto.getAttribute("href").slice(1)) : null;
    return mark ? claimsMade(mark).map((made) => made.claim) : [];
  }

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
      // What the item's findings say carries their severity and rule; its sentence's mark,
      // the claims the sentence makes.
      const said = Array.from(item.querySelectorAll(".ck-finding-rules a"), (ref) =>
        document.getElementById(ref.getAttribute("href").slice(1))).filter(Boolean);
      const visible =
        said.some((entry) => severities.has(entry.dataset.severity)) &&
        (!rule || said.some((entry) => entry.dataset.rule === rule)) &&
        (!claim || claimsOf(item).includes(claim));
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
    const target = document.getElementById(anchor);
    if (target && target.matches("mark.ck-mark")) go(anchor);
  }
})();
