// retold's web page: plain JavaScript, no build step. Every piece of article or rewrite text is put in the
// page with textContent (never innerHTML), so markup in an article shows as text.
"use strict";

const $ = (id) => document.getElementById(id);
const SEVERITY_RANK = { info: 0, warning: 1, error: 2 };
const state = { explain: null, check: null, selected: -1, hidden: new Set() };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// ------------------------------------------------------------------ talking to the API

function headers() {
  const h = { "Content-Type": "application/json", Accept: "application/json" };
  const token = sessionStorage.getItem("retold-token");
  if (token) h.Authorization = "Bearer " + token;
  return h;
}

async function api(method, path, body) {
  const response = await fetch(path, { method, headers: headers(), body: body ? JSON.stringify(body) : undefined });
  let data = null;
  try {
    data = await response.json();
  } catch (_) {
    data = null;
  }
  if (!response.ok) {
    let message = (data && data.error) || `The server answered ${response.status}`;
    const wait = response.headers.get("Retry-After");
    if (response.status === 503 && wait) message += ` (retry after ${wait} s)`;
    throw new Error(message);
  }
  return data;
}

function showError(message) {
  const box = $("alert");
  box.textContent = message;
  box.hidden = !message;
}

async function busy(button, work) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.textContent = "Working…";
  showError("");
  try {
    await work();
  } catch (err) {
    showError(err.message);
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    button.textContent = label;
  }
}

// ------------------------------------------------------------------ tabs

function selectTab(name, focus) {
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const on = tab.dataset.tab === name;
    tab.setAttribute("aria-selected", on ? "true" : "false");
    tab.tabIndex = on ? 0 : -1;
    $("panel-" + tab.dataset.tab).hidden = !on;
    if (on && focus) tab.focus();
  }
  if (name === "history") refreshHistory();
}

function setUpTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => selectTab(tab.dataset.tab, false));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) {
        event.preventDefault();
        selectTab(tabs[(i + step + tabs.length) % tabs.length].dataset.tab, true);
      }
    });
  });
}

// ------------------------------------------------------------------ inputs: paste, drop, open a file

function readFileInto(file, textarea) {
  if (!file) return;
  if (file.size > 5000000) {
    showError(`${file.name} is larger than 5 MB: pick the article file itself`);
    return;
  }
  const reader = new FileReader();
  reader.onload = () => {
    textarea.value = String(reader.result);
    textarea.dispatchEvent(new Event("input"));
  };
  reader.onerror = () => showError(`Cannot read ${file.name}: pick a text, Markdown or HTML file`);
  reader.readAsText(file);
}

function setUpDrops() {
  for (const zone of document.querySelectorAll("[data-drop]")) {
    const textarea = $(zone.dataset.drop);
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.add("dragging");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("dragging");
      const file = event.dataTransfer.files && event.dataTransfer.files[0];
      if (file) readFileInto(file, textarea);
    });
    const picker = zone.querySelector('input[type="file"]');
    if (picker) picker.addEventListener("change", () => readFileInto(picker.files[0], textarea));
  }
}

// ------------------------------------------------------------------ the explainer

function sourceWithSentences(container, text, sentences) {
  container.replaceChildren();
  let pos = 0;
  for (const s of sentences) {
    if (s.start > pos) container.append(text.slice(pos, s.start));
    container.append(el("span", { class: "sent", id: "src-" + s.id, "data-sid": s.id, text: text.slice(s.start, s.end) }));
    pos = s.end;
  }
  if (pos < text.length) container.append(text.slice(pos));
}

function citeItem(node, item, refs) {
  node.classList.add("item");
  node.tabIndex = 0;
  node.dataset.sources = item.sources.join(" ");
  const marks = item.sources.map((sid) => el("sup", { class: "ref", text: `[${refs.get(sid)}]` }));
  node.append(...marks);
  const show = () => highlightSources(item.sources, node);
  node.addEventListener("mouseenter", show);
  node.addEventListener("focus", show);
  node.addEventListener("mouseleave", () => highlightSources([], null));
  node.addEventListener("blur", () => highlightSources([], null));
}

function highlightSources(ids, item) {
  for (const old of document.querySelectorAll("#explain-source .cited")) old.classList.remove("cited");
  for (const old of document.querySelectorAll("#draft .item.active")) old.classList.remove("active");
  if (!ids.length) return;
  if (item) item.classList.add("active");
  let first = null;
  for (const sid of ids) {
    const span = $("src-" + sid);
    if (span) {
      span.classList.add("cited");
      first = first || span;
    }
  }
  if (first) scrollWithin($("explain-source"), first);
}

function scrollWithin(container, target) {
  // Scroll the pane, not the page: keep the reader where they are.
  const box = container.getBoundingClientRect();
  const spot = target.getBoundingClientRect();
  if (spot.top < box.top || spot.bottom > box.bottom) {
    container.scrollTop += spot.top - box.top - container.clientHeight / 3;
  }
}

function renderDraft(data) {
  state.explain = data;
  const refs = new Map();
  const allItems = [data.headline, ...data.sections.flatMap((s) => s.items)];
  for (const item of allItems) for (const sid of item.sources) if (!refs.has(sid)) refs.set(sid, refs.size + 1);

  const draft = $("draft");
  draft.replaceChildren();
  const h = el("h2", { class: "headline", text: data.headline.text });
  citeItem(h, data.headline, refs);
  draft.append(h);
  for (const section of data.sections) {
    if (!section.items.length) continue;
    const block = el("section", { class: "sec sec-" + section.key });
    if (section.title) block.append(el("h3", { text: section.title }));
    const list = el("ul");
    for (const item of section.items) {
      let node;
      if (item.kind === "quote") {
        node = el("li", { class: "quote" }, el("q", { text: item.text }), item.label ? el("span", { class: "credit", text: " — " + item.label }) : null);
      } else if ((item.kind === "event" || item.kind === "person") && item.label) {
        node = el("li", {}, el("strong", { text: item.label }), " — " + item.text);
      } else {
        node = el("li", { text: item.text });
      }
      citeItem(node, item, refs);
      list.append(node);
    }
    block.append(list);
    draft.append(block);
  }
  const a = data.attribution;
  const credit = [a.title, a.site, a.byline, a.published, a.url].filter(Boolean).join(", ") || (a.origin ? a.origin : "the pasted article");
  draft.append(el("p", { class: "attribution", text: "Source: " + credit + "." }));
  if (data.notes && data.notes.length) draft.append(el("ul", { class: "notes" }, ...data.notes.map((n) => el("li", { text: n }))));

  sourceWithSentences($("explain-source"), data.source.text, data.source.sentences);
  const report = data.report;
  const counts = report.summary.by_severity;
  $("explain-summary").replaceChildren(
    el("span", { class: "verdict v-" + report.verdict, text: "Self-check " + report.verdict.toUpperCase() }),
    el("span", { text: `score ${report.summary.score.toFixed(2)}` }),
    el("span", { text: `${counts.error} errors · ${counts.warning} warnings · ${counts.info} info` }),
    el("span", { class: "meta", text: `${data.style} · ${data.engine}` }),
  );
  $("explain-out").hidden = false;
}

async function explain(event) {
  event.preventDefault();
  const text = $("explain-text").value;
  const url = $("explain-url").value.trim();
  if (!text.trim() && !url) return showError("Paste an article, drop a file, or give its URL");
  const body = { style: $("explain-style").value, engine: $("explain-engine").value };
  if (url && !text.trim()) body.url = url;
  else body.text = text;
  const words = parseInt($("explain-words").value, 10);
  if (words > 0) body.words = words;
  const model = $("explain-model").value.trim();
  if (model && body.engine !== "builtin") body.model = model;
  await busy($("explain-go"), async () => renderDraft(await api("POST", "/api/rewrite", body)));
}

// ------------------------------------------------------------------ the check

function worst(findings) {
  return findings.reduce((w, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[w] ? f.severity : w), "info");
}

function segments(text, findings) {
  const cuts = new Set([0, text.length]);
  findings.forEach((f) => {
    if (f.start < f.end) {
      cuts.add(Math.max(0, f.start));
      cuts.add(Math.min(text.length, f.end));
    }
  });
  const edges = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const [start, end] = [edges[i], edges[i + 1]];
    const marks = [];
    findings.forEach((f, n) => {
      if (f.start < f.end && f.start <= start && end <= f.end) marks.push(n);
    });
    out.push({ start, end, marks });
  }
  return out;
}

function visible(n) {
  return !state.hidden.has(state.check.findings[n].kind);
}

function renderRewrite() {
  const data = state.check;
  const view = $("check-rewrite-view");
  view.replaceChildren();
  for (const seg of segments(data.rewrite_text, data.findings)) {
    const chunk = data.rewrite_text.slice(seg.start, seg.end);
    const shown = seg.marks.filter(visible);
    if (!shown.length) {
      view.append(chunk);
      continue;
    }
    const fs = shown.map((n) => data.findings[n]);
    const mark = el("mark", {
      class: `f sev-${worst(fs)} kind-${fs[0].kind}` + (shown.includes(state.selected) ? " selected" : ""),
      tabindex: 0,
      role: "button",
      "data-findings": shown.join(" "),
      title: fs.map((f) => `${f.severity} ${f.kind}: ${f.message}`).join("\n"),
      text: chunk,
    });
    view.append(mark);
  }
}

function renderSource() {
  const data = state.check;
  const view = $("check-source-view");
  view.replaceChildren();
  const f = data.findings[state.selected];
  const ranges = f ? [...f.evidence].sort((a, b) => a.start - b.start) : [];
  let pos = 0;
  let first = null;
  for (const ev of ranges) {
    if (ev.start < pos) continue;
    view.append(data.source_text.slice(pos, ev.start));
    const mark = el("mark", { class: "evidence", text: data.source_text.slice(ev.start, ev.end) });
    view.append(mark);
    first = first || mark;
    pos = ev.end;
  }
  view.append(data.source_text.slice(pos));
  if (first) {
    scrollWithin(view, first);
    // On a phone the source sits below the rewrite: bring the evidence on screen.
    const spot = first.getBoundingClientRect();
    if (spot.top < 0 || spot.bottom > window.innerHeight) first.scrollIntoView({ block: "center" });
  }
}

function listOrder() {
  // Findings with a span in text order, then the omissions (which span nothing), as the CLI numbers them.
  const findings = state.check.findings;
  const spanned = (n) => findings[n].start < findings[n].end;
  const all = findings.map((_, n) => n);
  return [...all.filter(spanned), ...all.filter((n) => !spanned(n))];
}

function renderDetail() {
  const f = state.check.findings[state.selected];
  const box = $("check-detail");
  if (!f) {
    box.replaceChildren(el("p", { class: "hint", text: "Choose a finding to see its evidence in the source." }));
    return;
  }
  box.replaceChildren(
    el("p", {}, el("span", { class: `badge sev-${f.severity}`, text: f.severity }), " ", el("code", { text: f.kind }), f.text ? ` “${f.text}”` : ""),
    el("p", { text: f.message }),
  );
  if (!f.evidence.length) box.append(el("p", { class: "hint", text: "No source sentence supports this text." }));
}

function renderFindingList() {
  const data = state.check;
  const list = $("check-findings");
  list.replaceChildren();
  listOrder().forEach((n) => {
    const f = data.findings[n];
    if (!visible(n)) return;
    const card = el(
      "li",
      { class: `finding sev-${f.severity}` + (n === state.selected ? " selected" : "") },
      el(
        "button",
        { type: "button", class: "pick", "data-finding": n },
        el("span", { class: `badge sev-${f.severity}`, text: f.severity }),
        el("code", { text: f.kind }),
        f.text ? el("span", { class: "quoted", text: `“${f.text}”` }) : null,
      ),
      el("p", { text: f.message }),
      ...f.evidence.map((ev) => el("blockquote", { class: "ev", text: ev.text })),
    );
    list.append(card);
  });
  if (!list.children.length) list.append(el("li", { class: "empty", text: data.findings.length ? "Every finding is filtered out." : "No findings." }));
}

function renderCheckSummary() {
  const data = state.check;
  const s = data.summary;
  const bar = $("check-summary");
  bar.replaceChildren(
    el("span", { class: "verdict v-" + data.verdict, text: data.verdict.toUpperCase() }),
    el("span", { text: `score ${s.score.toFixed(2)}` }),
    el("span", { text: `${s.by_severity.error} errors · ${s.by_severity.warning} warnings · ${s.by_severity.info} info` }),
  );
  const filters = $("check-filters");
  filters.replaceChildren(el("legend", { text: "Show kinds" }));
  for (const [kind, count] of Object.entries(s.by_kind)) {
    if (!count) continue;
    const box = el("input", { type: "checkbox", value: kind, checked: !state.hidden.has(kind) });
    box.addEventListener("change", () => {
      if (box.checked) state.hidden.delete(kind);
      else state.hidden.add(kind);
      if (state.selected >= 0 && !visible(state.selected)) state.selected = -1;
      renderCheck(false);
    });
    filters.append(el("label", { class: "chip kind-" + kind }, box, ` ${kind} `, el("span", { class: "count", text: count })));
  }
  filters.hidden = filters.children.length <= 1;
}

function renderCheck(full) {
  if (full) renderCheckSummary();
  renderRewrite();
  renderSource();
  renderDetail();
  renderFindingList();
  $("check-out").hidden = false;
}

function selectFinding(n, focusMark) {
  state.selected = n;
  renderRewrite();
  renderSource();
  renderDetail();
  renderFindingList();
  if (!focusMark) return;
  const mark = [...document.querySelectorAll("#check-rewrite-view mark")].find((m) => m.dataset.findings.split(" ").includes(String(n)));
  const card = document.querySelector(`#check-findings [data-finding="${n}"]`);
  if (mark) mark.focus();
  else if (card) card.focus(); // an omission spans nothing in the rewrite: its entry in the list takes the focus
}

function stepFinding(step) {
  const order = listOrder().filter(visible);
  if (!order.length) return;
  const at = order.indexOf(state.selected);
  const next = at < 0 ? (step > 0 ? 0 : order.length - 1) : (at + step + order.length) % order.length;
  selectFinding(order[next], true);
}

async function runCheck(event) {
  event.preventDefault();
  const source = $("check-source").value;
  const url = $("check-source-url").value.trim();
  const rewrite = $("check-rewrite").value;
  if (!source.trim() && !url) return showError("Give the source article: paste it, drop a file, or give its URL");
  if (!rewrite.trim()) return showError("Paste the rewrite to check");
  const body = { rewrite };
  if (url && !source.trim()) body.source_url = url;
  else body.source = source;
  await busy($("check-go"), async () => showCheck(await api("POST", "/api/check", body)));
}

function showCheck(data) {
  state.check = data;
  state.hidden.clear();
  state.selected = -1;
  renderCheck(true);
}

// ------------------------------------------------------------------ copy, download, history

function markdownOf(from) {
  if (from === "explain") return state.explain.text;
  return state.check.markdown;
}

function download(name, text, type) {
  const link = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

async function act(event) {
  const button = event.target.closest("[data-action]");
  if (!button) return;
  const from = button.dataset.from;
  const data = from === "explain" ? state.explain : state.check;
  if (!data) return;
  const base = from === "explain" ? "explainer" : "check";
  if (button.dataset.action === "copy-md") {
    try {
      await navigator.clipboard.writeText(markdownOf(from));
      button.textContent = "Copied";
    } catch (_) {
      download(base + ".md", markdownOf(from), "text/markdown");
    }
    setTimeout(() => (button.textContent = "Copy Markdown"), 1500);
  } else if (button.dataset.action === "download-md") {
    download(base + ".md", markdownOf(from), "text/markdown");
  } else if (button.dataset.action === "download-json") {
    download(base + ".json", JSON.stringify(data, null, 2), "application/json");
  }
}

async function refreshHistory() {
  try {
    const data = await api("GET", "/api/history?limit=50");
    const list = $("history");
    list.replaceChildren();
    for (const run of data.runs) {
      const button = el(
        "button",
        { type: "button", class: "run", "data-run": run.id },
        el("span", { class: "kind", text: run.kind }),
        el("span", { class: "title", text: run.title }),
        run.verdict ? el("span", { class: "verdict v-" + run.verdict, text: run.verdict }) : null,
        el("time", { datetime: run.created, text: run.created.replace("T", " ").replace("+00:00", " UTC") }),
      );
      list.append(el("li", {}, button));
    }
    if (!data.runs.length) list.append(el("li", { class: "empty", text: "No runs yet." }));
  } catch (err) {
    showError(err.message);
  }
}

async function openRun(id) {
  try {
    const run = await api("GET", "/api/runs/" + encodeURIComponent(id));
    if (run.kind === "rewrite") {
      $("explain-text").value = run.request.text || "";
      $("explain-url").value = run.request.url || "";
      renderDraft(run.result);
      selectTab("explain", true);
    } else if (run.kind === "check") {
      $("check-source").value = run.request.source || "";
      $("check-source-url").value = run.request.source_url || "";
      $("check-rewrite").value = run.request.rewrite || "";
      showCheck(run.result);
      selectTab("check", true);
    } else {
      $("explain-text").value = run.result.text || "";
      selectTab("explain", true);
    }
  } catch (err) {
    showError(err.message);
  }
}

// ------------------------------------------------------------------ wiring

function start() {
  setUpTabs();
  setUpDrops();
  $("explain-form").addEventListener("submit", explain);
  $("check-form").addEventListener("submit", runCheck);
  document.addEventListener("click", act);
  $("explain-engine").addEventListener("change", () => {
    document.querySelector(".model").hidden = $("explain-engine").value === "builtin";
  });
  $("explain-to-check").addEventListener("click", () => {
    $("check-source").value = state.explain.source.text;
    $("check-source-url").value = "";
    selectTab("check", true);
    $("check-rewrite").focus();
  });
  $("check-rewrite-view").addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-findings]");
    if (mark) selectFinding(Number(mark.dataset.findings.split(" ")[0]), false);
  });
  $("check-rewrite-view").addEventListener("keydown", (event) => {
    const mark = event.target.closest("mark[data-findings]");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      selectFinding(Number(mark.dataset.findings.split(" ")[0]), true);
    }
  });
  $("check-findings").addEventListener("click", (event) => {
    const pick = event.target.closest("[data-finding]");
    if (pick) selectFinding(Number(pick.dataset.finding), true);
  });
  document.addEventListener("keydown", (event) => {
    if ($("panel-check").hidden || !state.check) return;
    if (event.target.matches("input, textarea, select")) return;
    if (event.key === "n") stepFinding(1);
    else if (event.key === "p") stepFinding(-1);
  });
  $("history").addEventListener("click", (event) => {
    const run = event.target.closest("[data-run]");
    if (run) openRun(run.dataset.run);
  });
  $("history-refresh").addEventListener("click", refreshHistory);
  const token = $("token");
  if (token) {
    token.value = sessionStorage.getItem("retold-token") || "";
    token.addEventListener("change", () => sessionStorage.setItem("retold-token", token.value.trim()));
  }
}

document.addEventListener("DOMContentLoaded", start);
