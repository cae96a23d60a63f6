"use strict";
// transcheck's HTML report: details on click, j/k navigation, filters. Everything it
// shows comes from the page's own (escaped) markup; it never builds HTML from strings.
(() => {
  const RANK = { info: 0, warning: 1, error: 2 };
  const items = Array.from(document.querySelectorAll("li.finding"));
  const marks = Array.from(document.querySelectorAll("mark.hl"));
  const findings = new Map(items.map((li, order) => [li.dataset.f, { li, order, marks: [], shown: true }]));
  for (const mark of marks) {
    for (const id of mark.dataset.f.split(" ")) {
      const finding = findings.get(id);
      if (finding) finding.marks.push(mark);
    }
  }
  const rules = new Map(Array.from(document.querySelectorAll("section.rule"),
    (section) => [section.dataset.rule, section]));
  const detail = document.getElementById("detail");
  const form = document.getElementById("filters");
  let current = null;

  function select(finding, scroll) {
    if (current) {
      current.li.classList.remove("current");
      current.marks.forEach((mark) => mark.classList.remove("current"));
    }
    current = finding;
    if (!finding) {
      detail.hidden = true;
      return;
    }
    finding.li.classList.add("current");
    finding.marks.forEach((mark) => mark.classList.add("current"));
    const close = document.createElement("button");
    close.type = "button";
    close.className = "close";
    close.textContent = "Close (Esc)";
    const position = document.createElement("p");
    position.className = "position";
    const shown = items.filter((li) => !li.hidden);
    position.textContent = `Finding ${shown.indexOf(finding.li) + 1} of ${shown.length}`;
    const card = document.createElement("div");
    card.className = `card ${finding.li.dataset.severity}`;
    for (const child of finding.li.childNodes) card.append(child.cloneNode(true));
    const rule = rules.get(finding.li.dataset.rule);
    if (rule) for (const child of rule.childNodes) card.append(child.cloneNode(true));
    detail.replaceChildren(close, position, card);
    detail.hidden = false;
    if (scroll) {
      const target = finding.marks[0] || finding.li.querySelector("a");
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "center" });
    }
  }

  function step(by) {
    let order = current ? current.order : by > 0 ? -1 : items.length;
    for (let n = 0; n < items.length; n += 1) {
      order = (order + by + items.length) % items.length;
      const finding = findings.get(items[order].dataset.f);
      if (finding.shown) return select(finding, true);
    }
    return undefined;
  }

  function applyFilters() {
    const allowed = { severity: new Set(), category: new Set(), rule: new Set() };
    for (const box of form.querySelectorAll("input[data-filter]")) {
      if (box.checked) allowed[box.dataset.filter].add(box.value);
    }
    for (const finding of findings.values()) {
      const data = finding.li.dataset;
      finding.shown = allowed.severity.has(data.severity) && allowed.category.has(data.category)
        && allowed.rule.has(data.rule);
      finding.li.hidden = !finding.shown;
    }
    for (const mark of marks) {
      let worst = null;
      for (const id of mark.dataset.f.split(" ")) {
        const finding = findings.get(id);
        const severity = finding && finding.shown ? finding.li.dataset.severity : null;
        if (severity && (worst === null || RANK[severity] > RANK[worst])) worst = severity;
      }
      mark.classList.remove("error", "warning", "info", "off");
      mark.classList.add(worst || "off");
      if (mark.hasAttribute("tabindex")) mark.tabIndex = worst ? 0 : -1;
    }
    if (current && !current.shown) select(null);
  }

  if (form) form.addEventListener("change", applyFilters);
  document.addEventListener("click", (event) => {
    const target = event.target;
    if (target.closest("a.where")) event.preventDefault();
    if (target.closest("#detail .close")) return select(null);
    if (target.closest("#detail a.where") && current) return select(current, true);
    const mark = target.closest("mark.hl");
    const li = target.closest("li.finding");
    if (mark) {
      const here = mark.dataset.f.split(" ").map((id) => findings.get(id)).filter((f) => f && f.shown);
      // Overlapping findings: each click shows the next one.
      if (here.length) select(here[(here.indexOf(current) + 1) % here.length], false);
    } else if (li) {
      select(findings.get(li.dataset.f), true);
    }
    return undefined;
  });
  document.addEventListener("focusin", (event) => {
    const mark = event.target instanceof Element && event.target.closest("mark.hl");
    if (!mark) return;
    const finding = mark.dataset.f.split(" ").map((id) => findings.get(id))
      .find((f) => f && f.shown && f.marks[0] === mark);
    if (finding && finding !== current) select(finding, false);
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey
        || (event.target instanceof Element && event.target.closest("textarea, input:not([type=checkbox])"))) return;
    if (event.key === "j" || event.key === "n") step(1);
    else if (event.key === "k" || event.key === "p") step(-1);
    else if (event.key === "Escape") select(null);
    else return;
    event.preventDefault();
  });
})();
