// retold's web page: plain JavaScript, no build step. Every piece of article or rewrite text is put in the
// page with textContent (never innerHTML), so markup in an article shows as text.
"use strict";

const $ = (id) => document.getElementById(id);
const SEVERITY_RANK = { info: 0, warning: 1, error: 2 };
const SEVERITY_WORDS = { error: "error", warning: "warning", info: "note" };
// What each kind of finding means, in an editor's words (the JSON keeps the short kind names).
const KIND_LABELS = {
  entity: "Name not in the source",
  "entity-form": "Name spelt differently",
  date: "Date not as in the source",
  number: "Figure not as in the source",
  quote: "Quote not as in the source",
  "paraphrase-quote": "Paraphrase in quotation marks",
  claim: "Claim the source does not make",
  attribution: "Quote credited to someone else",
  swap: "Words swapped around",
  roles: "Who did what is changed",
  consistency: "Says two different things",
  omission: "Left out",
  leakage: "Chatbot text, not the article",
  boilerplate: "Site text, not the article",
};
// How the source text shown under a finding relates to it: only "supports" is ever shown as support.
const RELATIONS = {
  supports: "The source supports this",
  contradicts: "The source says otherwise",
  closest: "Closest source text — it does not support this",
  none: "No source text for this",
};
const DECISION_WORDS = { dismissed: "Dismissed", reviewed: "Reviewed", accepted: "Source's words used" };
const BINARY_SHARE = 0.01; // as the server: more control characters than this and it is not text
const REFUSED_TYPES = {
  docx: "a Word document", doc: "a Word document", odt: "an OpenDocument text", rtf: "an RTF document",
  pdf: "a PDF", pages: "a Pages document", epub: "an e-book", zip: "a zip archive",
};

const state = {
  explain: null,
  check: null, // the check's JSON, with run_id, reviews and suggestions
  checkBody: null, // the request that made it, less the rewrite (a re-check sends it again)
  groups: [], // findings on the same words, merged: {id, members, start, end}
  selected: -1, // the chosen group's id
  hiddenKinds: new Set(),
  severities: new Set(["error", "warning", "info"]),
  hideDecided: false,
};
const maxBody = Number(document.body.dataset.maxBody || 0);
const styleForms = JSON.parse(document.body.dataset.styles || "{}");

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

function kindLabel(kind) {
  return KIND_LABELS[kind] || kind.replace(/-/g, " ");
}

// ------------------------------------------------------------------ talking to the API

function headers() {
  const h = { "Content-Type": "application/json", Accept: "application/json" };
  const token = sessionStorage.getItem("retold-token");
  if (token) h.Authorization = "Bearer " + token;
  return h;
}

function editorMessage(status, data) {
  // The API's words are for whoever calls it; an editor reads what happened and what to do.
  if (status === 401) return "This server asks for its access token: enter it in “API token” at the top of the page, then try again.";
  if (status === 503) return "The server is busy with other work: try again in a few seconds.";
  if (status === 422 && data && data.detail && data.detail.length) {
    const msg = data.detail[0].msg;
    return msg.charAt(0).toUpperCase() + msg.slice(1) + ".";
  }
  if (data && data.error) return data.error.replace(/\.?$/, ".");
  return `The server could not answer (status ${status}): try again.`;
}

async function api(method, path, body) {
  let response;
  try {
    response = await fetch(path, { method, headers: headers(), body: body ? JSON.stringify(body) : undefined });
  } catch (_) {
    throw new Error("The server cannot be reached: check that it is still running, then try again.");
  }
  let data = null;
  try {
    data = await response.json();
  } catch (_) {
    data = null;
  }
  if (!response.ok) throw new Error(editorMessage(response.status, data));
  return data;
}

function showError(panel, message) {
  const box = $(panel + "-alert");
  box.textContent = message;
  box.hidden = !message;
  if (message && panel !== "history") {
    // The result below was for another request: it goes, so the message never sits over a stale one.
    $(panel + "-out").hidden = true;
    box.scrollIntoView({ block: "nearest" });
  }
}

async function busy(panel, button, work) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.textContent = "Working…";
  try {
    await work();
  } catch (err) {
    showError(panel, err.message);
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    button.textContent = label;
  }
}

function reveal(outId, focusId) {
  // The answer is the point: bring it on screen and give it the focus (a screen reader reads it out).
  $(outId).scrollIntoView({ block: "start" });
  $(focusId).focus({ preventScroll: true });
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

function looksBinary(bytes) {
  if (bytes.includes(0)) return true;
  let controls = 0;
  for (const b of bytes) if ((b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) || b === 127) controls++;
  return controls > BINARY_SHARE * bytes.length;
}

async function readFileInto(file, textarea, panel) {
  if (!file) return;
  showError(panel, "");
  const ext = (file.name.split(".").pop() || "").toLowerCase();
  if (REFUSED_TYPES[ext]) {
    return showError(panel, `“${file.name}” is ${REFUSED_TYPES[ext]}, which retold cannot read: save it as plain text (.txt) or copy its text and paste it here.`);
  }
  if (maxBody && file.size > maxBody) {
    const mb = (maxBody / 1e6).toFixed(1);
    return showError(panel, `“${file.name}” is larger than this server accepts (${mb} MB): open the article alone, or paste its text.`);
  }
  const head = new Uint8Array(await file.slice(0, 8192).arrayBuffer());
  const magic = String.fromCharCode(...head.slice(0, 5));
  if (magic.startsWith("%PDF")) return showError(panel, `“${file.name}” is a PDF, which retold cannot read: copy its text and paste it here.`);
  if (magic.startsWith("PK")) return showError(panel, `“${file.name}” is a Word document or other archive, which retold cannot read: save it as plain text (.txt) or paste its text.`);
  if (looksBinary(head)) return showError(panel, `“${file.name}” is not a text file: open a .txt, .md or .html file, or paste the article's text.`);
  try {
    textarea.value = await file.text();
    textarea.dispatchEvent(new Event("input"));
  } catch (_) {
    showError(panel, `“${file.name}” could not be read: open a .txt, .md or .html file, or paste its text.`);
  }
}

function setUpDrops() {
  for (const zone of document.querySelectorAll("[data-drop]")) {
    const textarea = $(zone.dataset.drop);
    const panel = zone.closest('[role="tabpanel"]').id.replace("panel-", "");
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.add("dragging");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("dragging");
      const file = event.dataTransfer.files && event.dataTransfer.files[0];
      if (file) readFileInto(file, textarea, panel);
    });
    const picker = zone.querySelector('input[type="file"]');
    if (picker) picker.addEventListener("change", () => readFileInto(picker.files[0], textarea, panel));
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
  // On a phone the source pane is far below: the sentences an item rests on also open under the item.
  const inline = el("span", { class: "inline-source", role: "note" });
  for (const sid of item.sources) {
    const s = state.explain.source.sentences.find((x) => String(x.id) === String(sid));
    if (s) inline.append(el("span", { class: "sent-copy", text: state.explain.source.text.slice(s.start, s.end) + " " }));
  }
  if (inline.childNodes.length) node.append(inline);
  const show = () => highlightSources(item.sources, node);
  node.addEventListener("mouseenter", show);
  node.addEventListener("focus", show);
  node.addEventListener("mouseleave", () => highlightSources([], null));
  node.addEventListener("blur", (event) => {
    if (!node.contains(event.relatedTarget)) highlightSources([], null);
  });
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

function sectionForm(style, key) {
  const spec = (styleForms[style] || {})[key];
  return spec ? spec : { form: "bullets", max_chars: null };
}

function itemNode(tag, item) {
  if (item.kind === "quote") {
    return el(tag, { class: "quote" }, el("q", { text: item.text }), item.label ? el("span", { class: "credit", text: " — " + item.label }) : null);
  }
  if ((item.kind === "event" || item.kind === "person") && item.label) {
    return el(tag, {}, el("strong", { text: item.label }), " — " + item.text);
  }
  return el(tag, { text: item.text });
}

function renderSection(data, section, refs) {
  // Drawn as the copied Markdown lays it out: a paragraph, numbered posts, a teaser, or a list.
  const spec = sectionForm(data.style, section.key);
  const block = el("section", { class: `sec sec-${section.key} form-${spec.form}` });
  if (section.title) block.append(el("h3", { text: section.title }));
  if (spec.form === "paragraph" || section.key === "teaser") {
    const para = el("p", { class: section.key === "teaser" ? "teaser" : "para" });
    section.items.forEach((item, i) => {
      const node = el("span", { text: item.text });
      citeItem(node, item, refs);
      para.append(i ? " " : "", node);
    });
    block.append(para);
  } else if (spec.form === "posts") {
    const list = el("ol", { class: "posts" });
    section.items.forEach((item, i) => {
      const post = `${i + 1}. ${item.text}`;
      const node = el("li", { text: item.text });
      citeItem(node, item, refs);
      const over = post.length > 280;
      node.append(el("span", { class: "chars" + (over ? " over" : ""), text: ` ${post.length}/280 characters` }));
      list.append(node);
    });
    block.append(list);
  } else {
    const list = el("ul");
    for (const item of section.items) {
      const node = itemNode("li", item);
      citeItem(node, item, refs);
      list.append(node);
    }
    block.append(list);
  }
  return block;
}

function sentenceAround(source, offset) {
  const s = source.sentences.find((x) => x.start <= offset && offset < x.end);
  return s ? source.text.slice(s.start, s.end) : null;
}

function renderOmissions(data) {
  const omissions = data.report.findings.filter((f) => f.kind === "omission");
  const list = $("explain-omission-list");
  list.replaceChildren();
  for (const f of omissions) {
    const parts = f.message.match(/^the rewrite leaves out an? (?:key )?([^:]+): (.+)$/);
    const what = parts ? `${parts[2]} (${parts[1]})` : f.message;
    const ev = f.evidence[0];
    const sentence = ev ? sentenceAround(data.source, ev.start) || ev.text : null;
    list.append(el("li", {}, el("strong", { text: "Left out: " }), what, sentence ? el("blockquote", { class: "ev", text: sentence }) : null));
  }
  $("explain-omissions").hidden = !omissions.length;
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
  for (const section of data.sections) if (section.items.length) draft.append(renderSection(data, section, refs));
  const a = data.attribution;
  const credit = [a.title, a.site, a.byline, a.published, a.url].filter(Boolean).join(", ") || (a.origin ? a.origin : "the pasted article");
  draft.append(el("p", { class: "attribution", text: "Source: " + credit + "." }));
  if (data.notes && data.notes.length) draft.append(el("ul", { class: "notes" }, ...data.notes.map((n) => el("li", { text: n }))));
  renderOmissions(data);

  sourceWithSentences($("explain-source"), data.source.text, data.source.sentences);
  const report = data.report;
  const counts = report.summary.by_severity;
  $("explain-summary").replaceChildren(
    el("span", { class: "verdict v-" + report.verdict, text: "Self-check " + report.verdict.toUpperCase() }),
    el("span", { text: `score ${report.summary.score.toFixed(2)}` }),
    el("span", { text: `${counts.error} errors · ${counts.warning} warnings · ${counts.info} left out` }),
    el("span", { class: "meta", text: `${data.style} · ${data.engine}` }),
  );
  // The menus say what this explainer is, also when it is a past one reopened.
  setSelect("explain-style", data.style);
  setSelect("explain-engine", data.engine);
  showError("explain", "");
  $("explain-out").hidden = false;
}

function setSelect(id, value) {
  const select = $(id);
  if ([...select.options].some((o) => o.value === value)) select.value = value;
}

function publishedOf(id) {
  return $(id).value || null;
}

async function explain(event) {
  event.preventDefault();
  const text = $("explain-text").value;
  const url = $("explain-url").value.trim();
  if (!text.trim() && !url) return showError("explain", "There is no article yet: paste its text, open a file, or give its web address.");
  const body = { style: $("explain-style").value, engine: $("explain-engine").value };
  if (url && !text.trim()) body.url = url;
  else body.text = text;
  const words = parseInt($("explain-words").value, 10);
  if (words > 0) body.words = words;
  const published = publishedOf("explain-published");
  if (published) body.published = published;
  const model = $("explain-model").value.trim();
  if (model && body.engine !== "builtin") body.model = model;
  await busy("explain", $("explain-go"), async () => {
    renderDraft(await api("POST", "/api/rewrite", body));
    reveal("explain-out", "explain-summary");
  });
}

// ------------------------------------------------------------------ the check: findings merged by span

function groupFindings(findings) {
  const bySpan = new Map();
  const groups = [];
  findings.forEach((f, n) => {
    const key = f.start < f.end ? `${f.start}:${f.end}` : `o${n}`; // an omission spans nothing: its own card
    let g = bySpan.get(key);
    if (!g) {
      g = { id: n, members: [], start: f.start, end: f.end };
      bySpan.set(key, g);
      groups.push(g);
    }
    g.members.push(n);
  });
  return groups;
}

function worst(ns) {
  return ns.reduce((w, n) => {
    const s = state.check.findings[n].severity;
    return SEVERITY_RANK[s] > SEVERITY_RANK[w] ? s : w;
  }, "info");
}

function decisionOf(g) {
  const reviews = g.members.map((n) => state.check.reviews[n]);
  return reviews.every(Boolean) ? reviews[0] : null;
}

function groupVisible(g) {
  const shown = g.members.some((n) => {
    const f = state.check.findings[n];
    return state.severities.has(f.severity) && !state.hiddenKinds.has(f.kind);
  });
  return shown && !(state.hideDecided && decisionOf(g));
}

function groupOf(id) {
  return state.groups.find((g) => g.id === id);
}

function listOrder() {
  // Errors first, then warnings, then notes; within each, in the rewrite's order, omissions last.
  const spanned = (g) => (g.start < g.end ? 0 : 1);
  return [...state.groups].sort(
    (a, b) => SEVERITY_RANK[worst(b.members)] - SEVERITY_RANK[worst(a.members)] || spanned(a) - spanned(b) || a.start - b.start || a.id - b.id,
  );
}

function leftToReview() {
  return state.check.reviews.filter((r) => !r).length;
}

function segments(text, groups) {
  const cuts = new Set([0, text.length]);
  for (const g of groups) {
    if (g.start < g.end) {
      cuts.add(Math.max(0, g.start));
      cuts.add(Math.min(text.length, g.end));
    }
  }
  const edges = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const [start, end] = [edges[i], edges[i + 1]];
    out.push({ start, end, groups: groups.filter((g) => g.start < g.end && g.start <= start && end <= g.end) });
  }
  return out;
}

function renderRewrite() {
  const data = state.check;
  const view = $("check-rewrite-view");
  view.replaceChildren();
  for (const seg of segments(data.rewrite_text, state.groups)) {
    const chunk = data.rewrite_text.slice(seg.start, seg.end);
    const shown = seg.groups.filter(groupVisible);
    if (!shown.length) {
      view.append(chunk);
      continue;
    }
    const members = shown.flatMap((g) => g.members);
    const open = shown.filter((g) => !decisionOf(g));
    const kinds = [...new Set(members.map((n) => data.findings[n].kind))];
    const mark = el("mark", {
      class: `f sev-${worst(members)} ` + kinds.map((k) => "kind-" + k).join(" ") + (open.length ? "" : " decided") +
        (shown.some((g) => g.id === state.selected) ? " selected" : ""),
      tabindex: 0,
      role: "button",
      "data-groups": shown.map((g) => g.id).join(" "),
      title: members.map((n) => `${kindLabel(data.findings[n].kind)}: ${data.findings[n].message}`).join("\n"),
      text: chunk,
    });
    view.append(mark);
  }
}

function renderSource() {
  const data = state.check;
  const view = $("check-source-view");
  view.replaceChildren();
  const g = groupOf(state.selected);
  const ranges = [];
  if (g) for (const n of g.members) for (const ev of data.findings[n].evidence) ranges.push({ ...ev, relation: data.findings[n].evidence_relation });
  ranges.sort((a, b) => a.start - b.start);
  let pos = 0;
  let first = null;
  for (const ev of ranges) {
    if (ev.start < pos) continue;
    view.append(data.source_text.slice(pos, ev.start));
    const mark = el("mark", { class: "evidence rel-" + ev.relation, title: RELATIONS[ev.relation], text: data.source_text.slice(ev.start, ev.end) });
    view.append(mark);
    first = first || mark;
    pos = ev.end;
  }
  view.append(data.source_text.slice(pos));
  if (first) scrollWithin(view, first);
}

function evidenceBlock(f) {
  // The source text under a finding, labelled by what it is to the finding: support only when it supports.
  const relation = f.evidence_relation || (f.evidence.length ? "closest" : "none");
  const box = el("div", { class: "evidence-block rel-" + relation });
  box.append(el("p", { class: "relation", text: RELATIONS[relation] }));
  for (const ev of f.evidence) box.append(el("blockquote", { class: "ev", text: ev.text }));
  return box;
}

function findingBody(g, where) {
  // One merged finding: the marked words, what is wrong, the source text, and what the editor can do.
  const data = state.check;
  const parts = [];
  const f0 = data.findings[g.members[0]];
  if (g.start < g.end) parts.push(el("p", { class: "words" }, "In the rewrite: ", el("mark", { class: `sev-${worst(g.members)}`, text: f0.text })));
  for (const n of g.members) {
    const f = data.findings[n];
    // A card's button already names a lone finding's kind; the sheet and a shared card name each one.
    const named = where === "detail" || g.members.length > 1;
    parts.push(
      el("div", { class: "one", "data-n": n },
        named ? el("p", { class: "head" }, el("span", { class: `badge sev-${f.severity}`, text: SEVERITY_WORDS[f.severity] }), " ",
          el("strong", { class: "kind", text: kindLabel(f.kind) })) : null,
        el("p", { class: "message", text: f.message }),
        evidenceBlock(f)),
    );
  }
  parts.push(actions(g, where));
  return parts;
}

function actions(g, where) {
  const data = state.check;
  const decision = decisionOf(g);
  const row = el("div", { class: "decide", "data-group": g.id });
  if (decision) {
    row.append(el("span", { class: "decision d-" + decision, text: DECISION_WORDS[decision] }), " ",
      el("button", { type: "button", "data-do": "reopen", "data-group": g.id, text: "Undo" }));
    return row;
  }
  const fix = g.members.find((n) => data.suggestions && data.suggestions[n]);
  if (fix !== undefined && data.run_id) {
    row.append(el("button", { type: "button", class: "primary", "data-do": "accept", "data-group": g.id, "data-finding": fix },
      "Use the source's words: “" + data.suggestions[fix] + "”"));
  }
  if (data.run_id) {
    row.append(
      el("button", { type: "button", "data-do": "reviewed", "data-group": g.id, text: "Mark reviewed" }),
      el("button", { type: "button", "data-do": "dismissed", "data-group": g.id, text: "Dismiss" }),
    );
  }
  return row;
}

function renderDetail() {
  const g = groupOf(state.selected);
  const box = $("check-detail");
  box.classList.toggle("open", Boolean(g));
  if (!g) {
    box.replaceChildren(el("p", { class: "hint", text: "Choose a finding to see the source text beside it." }));
    return;
  }
  box.replaceChildren(
    el("button", { type: "button", class: "close", "data-do": "close", "aria-label": "Close this finding", text: "×" }),
    ...findingBody(g, "detail"),
  );
}

function renderFindingList() {
  const list = $("check-findings");
  list.replaceChildren();
  for (const g of listOrder()) {
    if (!groupVisible(g)) continue;
    const decision = decisionOf(g);
    const card = el(
      "li",
      { class: `finding sev-${worst(g.members)}` + (g.id === state.selected ? " selected" : "") + (decision ? " decided" : ""), "data-group": g.id },
      el("button", { type: "button", class: "pick", "data-pick": g.id },
        el("span", { class: `badge sev-${worst(g.members)}`, text: SEVERITY_WORDS[worst(g.members)] }),
        el("span", { class: "kinds", text: [...new Set(g.members.map((n) => kindLabel(state.check.findings[n].kind)))].join(" · ") }),
        g.start < g.end ? el("span", { class: "quoted", text: `“${state.check.findings[g.members[0]].text}”` }) : null,
        g.members.length > 1 ? el("span", { class: "hint", text: `${g.members.length} findings` }) : null),
      ...(decision ? [actions(g, "card")] : findingBody(g, "card").slice(g.start < g.end ? 1 : 0)),
    );
    list.append(card);
  }
  if (!list.children.length) list.append(el("li", { class: "empty", text: state.check.findings.length ? "Every finding is filtered out." : "No findings." }));
}

function renderCounts() {
  const data = state.check;
  const s = data.summary;
  const left = leftToReview();
  $("check-summary").replaceChildren(
    el("span", { class: "verdict v-" + data.verdict, text: data.verdict.toUpperCase() }),
    el("span", { text: `score ${s.score.toFixed(2)}` }),
    el("span", { text: `${s.by_severity.error} errors · ${s.by_severity.warning} warnings · ${s.by_severity.info} notes` }),
    el("strong", { class: "left" + (left ? "" : " done"), id: "check-left", text: `${left} left to review` }),
  );
  for (const sev of ["error", "warning", "info"]) document.querySelector(`#check-severity [data-count="${sev}"]`).textContent = s.by_severity[sev];
}

function renderKindFilters() {
  const filters = $("check-filters");
  filters.replaceChildren(el("legend", { class: "sr", text: "Kinds" }));
  for (const [kind, count] of Object.entries(state.check.summary.by_kind)) {
    if (!count) continue;
    const box = el("input", { type: "checkbox", value: kind, checked: !state.hiddenKinds.has(kind) });
    box.addEventListener("change", () => {
      if (box.checked) state.hiddenKinds.delete(kind);
      else state.hiddenKinds.add(kind);
      redraw();
    });
    filters.append(el("label", { class: "chip kind-" + kind }, box, ` ${kindLabel(kind)} `, el("span", { class: "count", text: count })));
  }
  $("check-kinds-box").hidden = filters.children.length <= 1;
}

function redraw() {
  const g = groupOf(state.selected);
  if (g && !groupVisible(g)) state.selected = -1;
  renderCounts();
  renderRewrite();
  renderSource();
  renderDetail();
  renderFindingList();
}

function selectGroup(id, focusMark) {
  state.selected = id;
  redraw();
  const card = document.querySelector(`#check-findings [data-pick="${id}"]`);
  const mark = [...document.querySelectorAll("#check-rewrite-view mark")].find((m) => m.dataset.groups.split(" ").includes(String(id)));
  const evidence = document.querySelector("#check-source-view mark.evidence");
  if (window.matchMedia("(max-width: 820px)").matches) {
    // On a phone the chosen finding opens as a sheet over the text: its words, message and source together.
    $("check-detail").focus({ preventScroll: true });
    if (mark && !focusMark) mark.scrollIntoView({ block: "start" });
  } else if (evidence) {
    scrollWithin($("check-source-view"), evidence);
  }
  if (!focusMark) return;
  if (mark) mark.focus();
  else if (card) card.focus(); // an omission spans nothing in the rewrite: its card takes the focus
}

function stepFinding(step) {
  const order = listOrder().filter(groupVisible);
  if (!order.length) return;
  const at = order.findIndex((g) => g.id === state.selected);
  const next = at < 0 ? (step > 0 ? 0 : order.length - 1) : (at + step + order.length) % order.length;
  selectGroup(order[next].id, true);
}

function showCheck(data, body) {
  state.check = data;
  state.check.reviews = data.reviews || data.findings.map(() => null);
  state.check.suggestions = data.suggestions || data.findings.map(() => null);
  state.checkBody = body;
  state.groups = groupFindings(data.findings);
  state.hiddenKinds.clear();
  state.selected = -1;
  closeEditor();
  renderKindFilters();
  redraw();
  showError("check", "");
  $("check-out").hidden = false;
}

async function checkWith(body, button, status) {
  await busy("check", button, async () => {
    const data = await api("POST", "/api/check", body);
    const { rewrite, follows, ...rest } = body;
    showCheck(data, rest);
    $("check-rewrite").value = data.rewrite_text;
    $("check-status").textContent = status || "";
    reveal("check-out", "check-summary");
  });
}

async function runCheck(event) {
  event.preventDefault();
  const source = $("check-source").value;
  const url = $("check-source-url").value.trim();
  const rewrite = $("check-rewrite").value;
  if (!source.trim() && !url) return showError("check", "There is no source article yet: paste it, open a file, or give its web address.");
  if (!rewrite.trim()) return showError("check", "There is no rewrite to check yet: paste it or open its file.");
  const body = { rewrite };
  if (url && !source.trim()) body.source_url = url;
  else body.source = source;
  const published = publishedOf("check-published");
  if (published) body.published = published;
  await checkWith(body, $("check-go"), "");
}

async function recheck(text, status) {
  // The edited rewrite against the same source; decisions on findings it still makes carry over.
  const body = { ...state.checkBody, rewrite: text };
  if (state.check.run_id) body.follows = String(state.check.run_id);
  await checkWith(body, $("check-recheck").hidden ? $("check-go") : $("check-recheck"), status);
}

// ------------------------------------------------------------------ the editor's decisions

async function decide(g, decision) {
  const runId = encodeURIComponent(state.check.run_id);
  for (const n of g.members) {
    await api("POST", `/api/runs/${runId}/decisions`, { finding: n, decision });
    state.check.reviews[n] = decision;
  }
}

async function onDecision(event) {
  const button = event.target.closest("[data-do]");
  if (!button || !state.check) return;
  const what = button.dataset.do;
  if (what === "close") {
    state.selected = -1;
    return redraw();
  }
  const g = groupOf(Number(button.dataset.group));
  if (!g) return;
  try {
    if (what === "accept") {
      const n = Number(button.dataset.finding);
      const f = state.check.findings[n];
      const words = state.check.suggestions[n];
      await decide(g, "accepted");
      const text = state.check.rewrite_text;
      await recheck(text.slice(0, f.start) + words + text.slice(f.end), `Replaced “${f.text}” with the source's “${words}” and checked again.`);
      return;
    }
    await decide(g, what === "reopen" ? null : what);
    const order = listOrder().filter((x) => groupVisible(x) && !decisionOf(x));
    redraw();
    $("check-status").textContent = what === "reopen" ? "Reopened." : `${DECISION_WORDS[what]}. ${leftToReview()} left to review.`;
    // Keep the editor's place: the next open card takes the focus.
    const next = order.find((x) => x.id !== g.id);
    const target = next ? document.querySelector(`#check-findings [data-pick="${next.id}"]`) : $("check-summary");
    if (target) target.focus();
  } catch (err) {
    showError("check", err.message);
  }
}

function openEditor() {
  const edit = $("check-edit");
  edit.value = state.check.rewrite_text;
  edit.hidden = false;
  $("check-rewrite-view").hidden = true;
  $("check-recheck").hidden = false;
  $("check-edit-toggle").textContent = "Stop editing";
  $("check-edit-toggle").setAttribute("aria-expanded", "true");
  edit.focus();
}

function closeEditor() {
  $("check-edit").hidden = true;
  $("check-rewrite-view").hidden = false;
  $("check-recheck").hidden = true;
  $("check-edit-toggle").textContent = "Edit the rewrite";
  $("check-edit-toggle").setAttribute("aria-expanded", "false");
}

// ------------------------------------------------------------------ copy, download, history

function markdownOf(from) {
  if (from === "explain") return state.explain.text;
  return state.check.markdown;
}

function slug(text) {
  const words = (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().match(/[a-z0-9]+/g) || [];
  return words.slice(0, 8).join("-").slice(0, 60).replace(/-$/, "") || "article";
}

function fileName(from, ext) {
  // Named from the article's title and its date (else today's), so a folder of downloads sorts itself out.
  const data = from === "explain" ? state.explain : state.check;
  const article = data.article || {};
  const title = article.title || (from === "explain" ? data.headline.text : "");
  const date = article.published || new Date().toISOString().slice(0, 10);
  return `${slug(title)}-${date}-${from === "explain" ? "explainer" : "check"}.${ext}`;
}

function exported(from) {
  if (from === "explain") return state.explain;
  // The check's JSON, each finding with the editor's decision and the source's words where there are some.
  const data = state.check;
  return { ...data, findings: data.findings.map((f, n) => ({ ...f, review: data.reviews[n], suggestion: data.suggestions[n] })) };
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
  if (button.dataset.action === "copy-md") {
    try {
      await navigator.clipboard.writeText(markdownOf(from));
      button.textContent = "Copied";
    } catch (_) {
      download(fileName(from, "md"), markdownOf(from), "text/markdown");
    }
    setTimeout(() => (button.textContent = "Copy Markdown"), 1500);
  } else if (button.dataset.action === "download-md") {
    download(fileName(from, "md"), markdownOf(from), "text/markdown");
  } else if (button.dataset.action === "download-json") {
    download(fileName(from, "json"), JSON.stringify(exported(from), null, 2), "application/json");
  }
}

async function refreshHistory() {
  try {
    const data = await api("GET", "/api/history?limit=50");
    const list = $("history");
    list.replaceChildren();
    for (const run of data.runs) {
      const review = run.findings === undefined ? "" : run.left_to_review ? `${run.left_to_review} left to review` : `all ${run.findings} reviewed`;
      const button = el(
        "button",
        { type: "button", class: "run", "data-run": run.id },
        el("span", { class: "kind", text: run.kind === "rewrite" ? run.style || "explainer" : run.kind }),
        el("span", { class: "title", text: run.title }),
        run.verdict ? el("span", { class: "verdict v-" + run.verdict, text: run.verdict }) : el("span"),
        el("span", { class: "review", text: review }),
        el("time", { datetime: run.created, text: run.created.replace("T", " ").replace("+00:00", " UTC") }),
      );
      list.append(el("li", {}, button));
    }
    if (!data.runs.length) list.append(el("li", { class: "empty", text: "No runs yet." }));
    showError("history", "");
  } catch (err) {
    showError("history", err.message);
  }
}

async function openRun(id) {
  try {
    const run = await api("GET", "/api/runs/" + encodeURIComponent(id));
    if (run.kind === "rewrite") {
      $("explain-text").value = run.request.text || "";
      $("explain-url").value = run.request.url || "";
      $("explain-published").value = run.request.published || "";
      renderDraft(run.result);
      selectTab("explain", false);
      reveal("explain-out", "explain-summary");
    } else if (run.kind === "check") {
      $("check-source").value = run.request.source || "";
      $("check-source-url").value = run.request.source_url || "";
      $("check-published").value = run.request.published || "";
      const { rewrite, rewrite_url, follows, ...body } = run.request;
      showCheck({ ...run.result, run_id: run.id }, body);
      $("check-rewrite").value = run.result.rewrite_text || rewrite || "";
      selectTab("check", false);
      reveal("check-out", "check-summary");
    } else {
      $("explain-text").value = run.result.text || "";
      selectTab("explain", true);
    }
  } catch (err) {
    showError("history", err.message);
  }
}

// ------------------------------------------------------------------ wiring

function start() {
  // The kind filters are open beside a wide screen; on a phone they wait behind their summary line.
  $("check-kinds-box").open = !window.matchMedia("(max-width: 820px)").matches;
  setUpTabs();
  setUpDrops();
  $("explain-form").addEventListener("submit", explain);
  $("check-form").addEventListener("submit", runCheck);
  document.addEventListener("click", act);
  const engine = $("explain-engine");
  const syncModel = () => (document.querySelector(".model").hidden = engine.value === "builtin");
  engine.addEventListener("change", syncModel);
  syncModel();
  $("explain-to-check").addEventListener("click", () => {
    $("check-source").value = state.explain.source.text;
    $("check-source-url").value = "";
    $("check-rewrite").value = "";
    $("check-published").value = $("explain-published").value;
    selectTab("check", true);
    $("check-rewrite").focus();
  });
  $("explain-check-self").addEventListener("click", async () => {
    const data = state.explain;
    $("check-source").value = data.source.text;
    $("check-source-url").value = "";
    $("check-rewrite").value = data.text;
    $("check-published").value = $("explain-published").value;
    selectTab("check", false);
    const body = { source: data.source.text, rewrite: data.text };
    if (publishedOf("explain-published")) body.published = publishedOf("explain-published");
    await checkWith(body, $("check-go"), "Checked the explainer against its article.");
  });
  $("check-rewrite-view").addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-groups]");
    if (mark) selectGroup(Number(mark.dataset.groups.split(" ")[0]), false);
  });
  $("check-rewrite-view").addEventListener("keydown", (event) => {
    const mark = event.target.closest("mark[data-groups]");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      selectGroup(Number(mark.dataset.groups.split(" ")[0]), true);
    }
  });
  $("check-findings").addEventListener("click", (event) => {
    const pick = event.target.closest("[data-pick]");
    if (pick) selectGroup(Number(pick.dataset.pick), false);
  });
  $("check-out").addEventListener("click", onDecision);
  for (const box of document.querySelectorAll("#check-severity input[value]")) {
    box.addEventListener("change", () => {
      if (box.checked) state.severities.add(box.value);
      else state.severities.delete(box.value);
      $("check-errors-only").setAttribute("aria-pressed", String(state.severities.size === 1 && state.severities.has("error")));
      if (state.check) redraw();
    });
  }
  $("check-errors-only").addEventListener("click", () => {
    const on = $("check-errors-only").getAttribute("aria-pressed") !== "true";
    for (const box of document.querySelectorAll("#check-severity input[value]")) {
      box.checked = on ? box.value === "error" : true;
      if (box.checked) state.severities.add(box.value);
      else state.severities.delete(box.value);
    }
    $("check-errors-only").setAttribute("aria-pressed", String(on));
    if (state.check) redraw();
  });
  $("check-hide-decided").addEventListener("change", () => {
    state.hideDecided = $("check-hide-decided").checked;
    if (state.check) redraw();
  });
  $("check-edit-toggle").addEventListener("click", () => ($("check-edit").hidden ? openEditor() : closeEditor()));
  $("check-recheck").addEventListener("click", () => recheck($("check-edit").value, "Checked the edited rewrite again."));
  document.addEventListener("keydown", (event) => {
    if ($("panel-check").hidden || !state.check) return;
    if (event.target.matches("input, textarea, select")) return;
    if (event.key === "n") stepFinding(1);
    else if (event.key === "p") stepFinding(-1);
    else if (event.key === "Escape" && state.selected >= 0) {
      state.selected = -1;
      redraw();
    }
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
