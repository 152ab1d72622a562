/* inspectkg explorer: written for this project (MIT), no external code.
 *
 * Layout: one lane per authority (a cluster), time running left to right.
 * A document is a square on its lane at its date; the points it raised are
 * circles stacked above it, coloured by current status; a curve joins a
 * point to each later document that gave it a verdict, coloured by verdict.
 * Only lanes in view are drawn, and labels only when they can be read, so
 * thousands of points stay fluid. Report text is untrusted: it is only ever
 * written with textContent, never parsed as HTML.
 */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("explorer-data").textContent);
  var COLOURS = DATA.statusColours;
  var STATUS_NAMES = ["addressed", "partially_addressed", "not_addressed", "no_evidence", "no_later_inspection", "not_traced"];
  var VERDICT_NAMES = ["addressed", "partially_addressed", "not_addressed", "no_evidence", "out_of_scope"];
  var R = 4.5;            // point radius (world units)
  var COL = 11;           // column spacing of stacked points
  var PER_COLUMN = 12;    // points per column above a document
  var DOC = 12;           // document square size
  var LANE_PAD = 46;
  var LABEL_FONT = "10px sans-serif";
  var LABEL_ROW = 22;     // a document's label is two lines, 10 px apart; rows of labels 22 apart
  var LABEL_GAP = 6;      // the least space between two labels in one row

  var canvas = document.getElementById("graph");
  var ctx = canvas.getContext("2d");
  var tooltip = document.getElementById("tooltip");
  var details = document.getElementById("details");
  var view = { x: 0, y: 0, k: 1 };   // screen = world * k + (x, y)
  var state = { authority: "", statuses: {}, theme: "", search: "", selected: null };
  var lanes = [], visiblePoints = [], visibleDocs = [], docPos = {}, pointPos = {};
  var stats = { points: DATA.points.length, documents: DATA.documents.length, drawnPoints: 0, drawnEdges: 0, frames: 0 };
  var pending = false;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { for (var k in attrs) { if (k === "style") { e.style.cssText = attrs[k]; } else { e.setAttribute(k, attrs[k]); } } }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function day(iso) { var p = iso.split("-"); return Date.UTC(+p[0], +p[1] - 1, +p[2]) / 86400000; }
  function human(s) { return String(s || "").replace(/_/g, " "); }
  // "1 authority", not "1 authorities".
  function count(n, one, many) { return n + " " + (n === 1 ? one : many); }
  function pointName(p) { return "#" + (p.number !== null && p.number !== undefined ? p.number : p.ordinal); }
  function docName(d) { return d.kindLabel + " " + d.date; }
  // Where a quoted sentence stands: "Focused visit, 2021-07-21, paragraph 12".
  function placeOf(d, paragraph) {
    return d.kindLabel + ", " + d.date + ", " + (paragraph !== null ? "paragraph " + paragraph : "unnumbered paragraph");
  }

  // ------------------------------------------------------------ filters
  function setUpFilters() {
    var names = {};
    DATA.documents.forEach(function (d) { names[d.authority] = true; });
    var sel = document.getElementById("f-authority");
    Object.keys(names).sort().forEach(function (n) { sel.appendChild(el("option", { value: n }, n)); });
    var counts = {};
    DATA.points.forEach(function (p) { counts[p.status] = (counts[p.status] || 0) + 1; });
    var box = document.getElementById("f-status");
    STATUS_NAMES.forEach(function (s) {
      if (!counts[s]) { return; }
      state.statuses[s] = true;
      var label = el("label");
      var cb = el("input", { type: "checkbox", value: s });
      cb.checked = true;
      cb.addEventListener("change", function () { state.statuses[s] = cb.checked; refresh(); });
      label.appendChild(cb);
      label.appendChild(el("span", { "class": "swatch", style: "background:" + COLOURS[s] }));
      label.appendChild(document.createTextNode(human(s) + " (" + counts[s] + ")"));
      box.appendChild(label);
    });
    var themeSel = document.getElementById("f-theme");
    DATA.themes.forEach(function (t) { themeSel.appendChild(el("option", { value: t.notation }, t.label)); });
    sel.addEventListener("change", function () { state.authority = sel.value; refresh(true); });
    themeSel.addEventListener("change", function () { state.theme = themeSel.value; refresh(); });
    var search = document.getElementById("f-search");
    search.addEventListener("input", function () { state.search = search.value.toLowerCase(); refresh(); });
    var legend = document.getElementById("legend");
    VERDICT_NAMES.concat(["no_later_inspection"]).forEach(function (s) {
      var item = el("span");
      item.appendChild(el("span", { "class": "swatch", style: "background:" + COLOURS[s] }));
      item.appendChild(document.createTextNode(human(s)));
      legend.appendChild(item);
    });
    var docItem = el("span");
    docItem.appendChild(el("span", { "class": "swatch", style: "border-radius:2px;background:#35618f" }));
    docItem.appendChild(document.createTextNode("document"));
    legend.appendChild(docItem);
  }

  function matches(p) {
    var d = DATA.documents[p.doc];
    if (state.authority && d.authority !== state.authority) { return false; }
    if (!state.statuses[p.status]) { return false; }
    if (state.theme && p.themes.indexOf(state.theme) < 0) { return false; }
    if (state.search && p.text.toLowerCase().indexOf(state.search) < 0) { return false; }
    return true;
  }

  // ------------------------------------------------------------ layout
  function layout(k) {
    visiblePoints = DATA.points.filter(matches);
    var docsUsed = {};
    visiblePoints.forEach(function (p) {
      docsUsed[p.doc] = true;
      p.history.forEach(function (h) { docsUsed[h.doc] = true; });
    });
    visibleDocs = Object.keys(docsUsed).map(Number);
    var minDay = Infinity, maxDay = -Infinity;
    visibleDocs.forEach(function (i) { var t = day(DATA.documents[i].date); minDay = Math.min(minDay, t); maxDay = Math.max(maxDay, t); });
    if (!isFinite(minDay)) { minDay = 0; maxDay = 365; }
    // The time range fills the canvas width at zoom 1.
    var room = Math.max(500, canvas.getBoundingClientRect().width - 200) / (k || 1);
    var scale = room / Math.max(365, maxDay - minDay);
    var byLane = {};
    visibleDocs.forEach(function (i) { var a = DATA.documents[i].authority; (byLane[a] = byLane[a] || []).push(i); });
    var raisedBy = {};
    visiblePoints.forEach(function (p) { (raisedBy[p.doc] = raisedBy[p.doc] || []).push(p); });
    lanes = [];
    docPos = {}; pointPos = {};
    var top = 30;
    Object.keys(byLane).sort().forEach(function (name) {
      var docs = byLane[name].sort(function (a, b) { return DATA.documents[a].date < DATA.documents[b].date ? -1 : 1; });
      var tallest = 0, lastRight = -Infinity, placed = [];
      docs.forEach(function (i) {
        var n = (raisedBy[i] || []).length;
        var cols = Math.max(1, Math.ceil(n / PER_COLUMN));
        var half = (cols * COL) / 2;
        var x = (day(DATA.documents[i].date) - minDay) * scale;
        x = Math.max(x, lastRight + half + 6);   // documents close in time do not overlap
        lastRight = x + half;
        placed.push({ doc: i, x: x, n: n, cols: cols });
        tallest = Math.max(tallest, Math.min(n, PER_COLUMN));
      });
      var extra = (labelRows(placed) - 1) * LABEL_ROW;
      var height = LANE_PAD + tallest * COL + 30 + extra;
      var base = top + height - 26 - extra;   // the lane's time axis: documents sit on it
      var lane = { name: name, top: top, bottom: top + height, base: base, docs: placed };
      placed.forEach(function (pl) {
        docPos[pl.doc] = { x: pl.x, y: base };
        (raisedBy[pl.doc] || []).sort(function (a, b) { return a.ordinal - b.ordinal; }).forEach(function (p, k) {
          var col = Math.floor(k / PER_COLUMN), row = k % PER_COLUMN;
          pointPos[p.id] = { x: pl.x + (col - (pl.cols - 1) / 2) * COL, y: base - 16 - row * COL, lane: lane };
        });
      });
      lanes.push(lane);
      top += height;
    });
    layout.minDay = minDay; layout.maxDay = maxDay; layout.scale = scale; layout.height = top;
    layout.width = lanes.reduce(function (w, l) { return l.docs.reduce(function (v, d) { return Math.max(v, d.x); }, w); }, 0);
  }

  // The kind's short name ("JTAI") where the vocabulary has one, else its name without " inspection".
  function docLabel(d) { return [d.kindShort || d.kindLabel.replace(/ inspection$/i, ""), d.date.slice(0, 7)]; }

  // Documents close in time ("Focused visit 2025-02", "Focused visit 2025-12") would print
  // their labels over each other: each label takes the first row below the axis where it
  // clears the label before it. Returns the number of rows the lane needs.
  function labelRows(placed) {
    ctx.save();
    ctx.font = LABEL_FONT;
    var rightOf = [];
    placed.forEach(function (pl) {
      var lines = docLabel(DATA.documents[pl.doc]);
      var half = Math.max(ctx.measureText(lines[0]).width, ctx.measureText(lines[1]).width) / 2;
      var row = 0;
      while (row < rightOf.length && pl.x - half < rightOf[row] + LABEL_GAP) { row++; }
      rightOf[row] = pl.x + half;
      pl.labelRow = row; pl.labelHalf = half;
    });
    ctx.restore();
    return Math.max(1, rightOf.length);
  }

  // ------------------------------------------------------------ drawing
  function resize() {
    var r = canvas.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(r.width * dpr));
    canvas.height = Math.max(1, Math.round(r.height * dpr));
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    schedule();
  }
  function fit(readable) {
    // Lane heights do not depend on the time scale: choose the zoom from them,
    // then spread the years over the canvas width at that zoom.
    var r = canvas.getBoundingClientRect();
    layout(1);
    view.k = Math.max(0.03, Math.min(1, (r.height - 24) / layout.height));   // 10 px margin above and below
    // Many authorities: start readable at the top lanes rather than tiny; Fit shows them all.
    if (readable) { view.k = Math.max(view.k, 0.6); }
    layout(view.k);
    view.x = 120 * view.k + 10;
    view.y = 10;
    schedule();
  }
  function schedule() { if (!pending) { pending = true; window.requestAnimationFrame(draw); } }

  function selectedPoint() { return state.selected && state.selected.type === "point" ? state.selected.item : null; }

  function draw() {
    pending = false;
    var r = canvas.getBoundingClientRect();
    ctx.save();
    ctx.clearRect(0, 0, r.width, r.height);
    ctx.translate(view.x, view.y);
    ctx.scale(view.k, view.k);
    var y0 = -view.y / view.k, y1 = (r.height - view.y) / view.k;
    var sel = selectedPoint();
    var drawnPoints = 0, drawnEdges = 0;
    lanes.forEach(function (lane, li) {
      if (lane.bottom < y0 || lane.top > y1) { return; }   // off screen: skip the whole lane
      ctx.fillStyle = li % 2 ? "#f4f6f9" : "#ffffff";
      ctx.fillRect(-1e5, lane.top, 2e5, lane.bottom - lane.top);
      ctx.strokeStyle = "#c8ced6"; ctx.lineWidth = 1 / view.k;
      ctx.beginPath(); ctx.moveTo(-40, lane.base); ctx.lineTo(layout.width + 60, lane.base); ctx.stroke();
    });
    // Edges: from each point to the later documents that judged it.
    ctx.lineWidth = 1.2 / Math.max(view.k, 0.5);
    visiblePoints.forEach(function (p) {
      var a = pointPos[p.id];
      if (!a || a.lane.bottom < y0 || a.lane.top > y1) { return; }   // edges stay within their lane
      var strong = sel === p;
      p.history.forEach(function (h) {
        var b = docPos[h.doc];
        if (!b) { return; }
        ctx.globalAlpha = sel ? (strong ? 1 : 0.08) : (h.verdict === "out_of_scope" ? 0.15 : 0.35);
        ctx.strokeStyle = COLOURS[h.verdict] || "#888";
        ctx.lineWidth = (strong ? 2.5 : 1.2) / Math.max(view.k, 0.5);
        ctx.beginPath();
        ctx.moveTo(a.x, a.y);
        var mx = (a.x + b.x) / 2, my = Math.min(a.y, b.y) - 20 - Math.abs(b.x - a.x) * 0.08;
        ctx.quadraticCurveTo(mx, my, b.x, b.y);
        ctx.stroke();
        drawnEdges++;
      });
    });
    ctx.globalAlpha = 1;
    lanes.forEach(function (lane) {
      if (lane.bottom < y0 || lane.top > y1) { return; }
      lane.docs.forEach(function (pl) {
        var d = DATA.documents[pl.doc], pos = docPos[pl.doc];
        var chosen = state.selected && state.selected.type === "document" && state.selected.index === pl.doc;
        ctx.fillStyle = chosen ? "#f1c40f" : "#35618f";
        ctx.strokeStyle = "#13263d"; ctx.lineWidth = 1 / view.k;
        ctx.fillRect(pos.x - DOC / 2, pos.y - DOC / 2, DOC, DOC);
        ctx.strokeRect(pos.x - DOC / 2, pos.y - DOC / 2, DOC, DOC);
        if (view.k > 0.55) {
          var lines = docLabel(d), below = pos.y + pl.labelRow * LABEL_ROW;
          ctx.fillStyle = "#333"; ctx.font = LABEL_FONT; ctx.textAlign = "center";
          ctx.fillText(lines[0], pos.x, below + 18);
          ctx.fillText(lines[1], pos.x, below + 28);
        }
      });
    });
    visiblePoints.forEach(function (p) {
      var a = pointPos[p.id];
      if (!a || a.y < y0 - 10 || a.y > y1 + 10) { return; }
      ctx.beginPath();
      ctx.arc(a.x, a.y, sel === p ? R * 1.6 : R, 0, 2 * Math.PI);
      ctx.fillStyle = COLOURS[p.status] || "#fff";
      ctx.fill();
      ctx.lineWidth = (sel === p ? 2 : 0.7) / Math.max(view.k, 0.5);
      ctx.strokeStyle = "#333";
      ctx.stroke();
      drawnPoints++;
    });
    ctx.restore();
    // Lane names and the year axis stay on screen while panning.
    ctx.save();
    ctx.font = "bold 12px sans-serif"; ctx.textAlign = "left"; ctx.fillStyle = "#2f4a6d";
    lanes.forEach(function (lane) {
      var sy = lane.top * view.k + view.y + 14;
      if (sy > 0 && sy < r.height) { ctx.fillText(lane.name, 6, sy); }
    });
    ctx.fillStyle = "rgba(255,255,255,.9)"; ctx.fillRect(0, 0, r.width, 16);
    ctx.fillStyle = "#555"; ctx.font = "11px sans-serif"; ctx.textAlign = "center";
    var firstYear = new Date(layout.minDay * 86400000).getUTCFullYear();
    var lastYear = new Date(layout.maxDay * 86400000).getUTCFullYear() + 1;
    // The zoom buttons sit below the axis band, so every year in view is labelled up to the
    // right edge (the last fieldwork year was hidden under them).
    var axisEnd = r.width - 14;
    var years = [];
    for (var year = firstYear; year <= lastYear; year++) {
      var x = (Date.UTC(year, 0, 1) / 86400000 - layout.minDay) * layout.scale * view.k + view.x;
      if (x > axisEnd) { break; }
      if (x > 0) { ctx.fillText(String(year), x, 12); years.push(year); }
    }
    ctx.restore();
    stats.drawnPoints = drawnPoints; stats.drawnEdges = drawnEdges; stats.years = years; stats.frames++;
  }

  // ------------------------------------------------------------ interaction
  function toWorld(sx, sy) { return { x: (sx - view.x) / view.k, y: (sy - view.y) / view.k }; }
  function hit(sx, sy) {
    var w = toWorld(sx, sy), best = null, bestD = Math.pow((R + 3) / Math.min(1, view.k), 2);
    visiblePoints.forEach(function (p) {
      var a = pointPos[p.id]; var dd = (a.x - w.x) * (a.x - w.x) + (a.y - w.y) * (a.y - w.y);
      if (dd <= bestD) { bestD = dd; best = { type: "point", item: p }; }
    });
    if (best) { return best; }
    var slack = DOC / 2 + 2 / view.k;
    for (var i = 0; i < visibleDocs.length; i++) {
      var pos = docPos[visibleDocs[i]];
      if (Math.abs(pos.x - w.x) <= slack && Math.abs(pos.y - w.y) <= slack) { return { type: "document", index: visibleDocs[i] }; }
    }
    return null;
  }
  var drag = null;
  canvas.addEventListener("mousedown", function (e) { drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false }; });
  window.addEventListener("mousemove", function (e) {
    var r = canvas.getBoundingClientRect();
    if (drag) {
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; }
      view.x = drag.vx + dx; view.y = drag.vy + dy; schedule();
      return;
    }
    if (e.target !== canvas) { tooltip.hidden = true; return; }
    var h = hit(e.clientX - r.left, e.clientY - r.top);
    if (!h) { tooltip.hidden = true; return; }
    tooltip.textContent = h.type === "point"
      ? DATA.documents[h.item.doc].authority + " " + pointName(h.item) + " (" + human(h.item.status) + "): " + h.item.text.slice(0, 160)
      : DATA.documents[h.index].authority + ": " + docName(DATA.documents[h.index]);
    tooltip.style.left = Math.min(e.clientX - r.left + 12, r.width - 350) + "px";
    tooltip.style.top = (e.clientY - r.top + 12) + "px";
    tooltip.hidden = false;
  });
  window.addEventListener("mouseup", function (e) {
    if (drag && !drag.moved && e.target === canvas) {
      var r = canvas.getBoundingClientRect();
      var h = hit(e.clientX - r.left, e.clientY - r.top);
      if (h) { select(h); }
    }
    drag = null;
  });
  canvas.addEventListener("wheel", function (e) {
    e.preventDefault();
    var r = canvas.getBoundingClientRect(), sx = e.clientX - r.left, sy = e.clientY - r.top;
    var f = Math.exp(-e.deltaY * 0.0015), k = Math.max(0.03, Math.min(8, view.k * f));
    view.x = sx - (sx - view.x) * (k / view.k); view.y = sy - (sy - view.y) * (k / view.k); view.k = k;
    schedule();
  }, { passive: false });
  function zoomBy(f) {
    var r = canvas.getBoundingClientRect(), cx = r.width / 2, cy = r.height / 2, k = Math.max(0.03, Math.min(8, view.k * f));
    view.x = cx - (cx - view.x) * (k / view.k); view.y = cy - (cy - view.y) * (k / view.k); view.k = k; schedule();
  }
  document.getElementById("zoom-in").addEventListener("click", function () { zoomBy(1.4); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomBy(1 / 1.4); });
  document.getElementById("zoom-fit").addEventListener("click", function () { fit(false); });
  window.addEventListener("resize", resize);

  // ------------------------------------------------------------ details
  function select(h) {
    state.selected = h;
    if (h.type === "point") { showPoint(h.item); } else { showDocument(h.index); }
    Array.prototype.forEach.call(document.querySelectorAll("#point-list li"), function (li) {
      li.classList.toggle("selected", h.type === "point" && li.dataset.id === h.item.id);
    });
    schedule();
  }
  function badge(status) { return el("span", { "class": "badge", style: "background:" + (COLOURS[status] || "#777") }, human(status)); }
  function docButton(i) {
    var b = el("button", { "class": "link", type: "button" }, docName(DATA.documents[i]));
    b.addEventListener("click", function () { select({ type: "document", index: i }); });
    return b;
  }
  function pointButton(p) {
    var d = DATA.documents[p.doc];
    var b = el("button", { "class": "link", type: "button" }, d.authority + " " + d.date.slice(0, 4) + " " + pointName(p));
    b.addEventListener("click", function () { select({ type: "point", item: p }); });
    return b;
  }
  function partName(p, ordinal) {
    var part = p.parts.filter(function (x) { return x.ordinal === ordinal; })[0];
    return "part " + ordinal + (part ? ": " + (part.text.length > 60 ? part.text.slice(0, 57) + "…" : part.text) : "");
  }
  function showPoint(p) {
    var d = DATA.documents[p.doc];
    details.replaceChildren();
    var h2 = el("h2", null, d.authority + ", point " + pointName(p) + " ");
    h2.appendChild(badge(p.status));
    details.appendChild(h2);
    var meta = el("p", { "class": "meta" }, "Raised in the " + docName(d) + (p.heading ? " under “" + p.heading + "”" : ""));
    details.appendChild(meta);
    details.appendChild(el("p", { "class": "point-text" }, p.text));
    if (p.themes.length) {
      var chips = el("p");
      p.themes.forEach(function (t) { chips.appendChild(el("span", { "class": "chip" }, human(t))); });
      details.appendChild(chips);
    }
    // A bundled point split into its matters: each part's own status (the point's is the
    // least resolved of them), and the history below names the part each verdict is on.
    if (p.parts.length) {
      details.appendChild(el("h3", null, "Parts"));
      var parts = el("ol", { "class": "parts" });
      p.parts.forEach(function (part) {
        var li = el("li", null, part.text + " ");
        li.appendChild(badge(part.status));
        parts.appendChild(li);
      });
      details.appendChild(parts);
    }
    details.appendChild(el("h3", null, "Status history"));
    var tl = el("ol", { "class": "timeline" });
    var first = el("li", { style: "--dot:#ffffff" });
    first.appendChild(el("strong", null, d.date));
    first.appendChild(document.createTextNode(" raised by the " + d.kindLabel));
    tl.appendChild(first);
    p.history.forEach(function (h) {
      var later = DATA.documents[h.doc];
      var li = el("li", { style: "--dot:" + (COLOURS[h.verdict] || "#999") });
      li.appendChild(el("strong", null, later.date));
      li.appendChild(document.createTextNode(" " + later.kindLabel + (h.part ? " (" + partName(p, h.part) + ")" : "") + ": "));
      li.appendChild(badge(h.verdict));
      var how = h.mode === "manual" ? " decided by " + h.by : (h.confidence !== null ? " confidence " + h.confidence.toFixed(2) : "");
      if (h.automatic) { how += " (automatic verdict: " + human(h.automatic) + ")"; }
      li.appendChild(el("span", { "class": "meta" }, how));
      if (h.reason) { li.appendChild(el("div", { "class": "meta" }, h.reason)); }
      tl.appendChild(li);
    });
    if (!p.history.length) { tl.appendChild(el("li", null, "No later document yet.")); }
    details.appendChild(tl);
    details.appendChild(el("h3", null, "Evidence"));
    if (!p.evidence.length) { details.appendChild(el("p", { "class": "meta" }, "No sentence of a later document speaks to this point.")); }
    p.evidence.forEach(function (e) {
      var later = DATA.documents[e.doc];
      var q = el("blockquote", { "class": "evidence", style: "--bar:" + (COLOURS[e.verdict] || "#999") });
      q.appendChild(el("span", { "class": "quote" }, "“" + e.quote + "”"));
      q.appendChild(el("cite", null, placeOf(later, e.paragraph) + " · " + human(e.verdict) + (e.polarity ? " · " + e.polarity : "")));
      details.appendChild(q);
    });
    if (p.claims.length) {
      details.appendChild(el("h3", null, "Claims (not evidence)"));
      p.claims.forEach(function (c) {
        var q = el("blockquote", { "class": "evidence claim", style: "--bar:#999999" });
        q.appendChild(el("span", { "class": "quote" }, "“" + c.text.replace(/^[“”"]+|[“”"]+$/g, "") + "”"));
        q.appendChild(el("cite", null, docName(DATA.documents[c.doc]) + " · a claim: it never sets a status"));
        details.appendChild(q);
      });
    }
    if (p.praise.length) {
      details.appendChild(el("h3", null, "Praised before (regression)"));
      p.praise.forEach(function (r) {
        var q = el("blockquote", { "class": "evidence praise", style: "--bar:#1a9850" });
        q.appendChild(el("span", { "class": "quote" }, "“" + r.quote + "”"));
        q.appendChild(el("cite", null, placeOf(DATA.documents[r.doc], r.paragraph)));
        details.appendChild(q);
      });
    }
    if (p.related.length) {
      details.appendChild(el("h3", null, "Related points"));
      p.related.forEach(function (r) {
        var line = el("p", null, human(r.relation) + " ");
        line.appendChild(pointButton(DATA.points[r.point]));
        details.appendChild(line);
      });
    }
    details.appendChild(el("p", { "class": "meta" }, p.id));
  }
  function showDocument(i) {
    var d = DATA.documents[i];
    details.replaceChildren();
    details.appendChild(el("h2", null, d.authority + ": " + docName(d)));
    if (d.title) { details.appendChild(el("p", { "class": "meta" }, d.title)); }
    details.appendChild(el("h3", null, "Judgements"));
    if (!d.judgements.length) { details.appendChild(el("p", { "class": "meta" }, "This document gives no graded judgements.")); }
    else {
      var table = el("table", { "class": "judgements" });
      var rankColours = { 1: "#1a9850", 2: "#91cf60", 3: "#fdae61", 4: "#d73027" };
      d.judgements.forEach(function (j) {
        var tr = el("tr");
        tr.appendChild(el("td", null, (j.sub ? "— " : "") + j.area));
        var td = el("td");
        td.appendChild(el("span", { "class": "badge", style: "background:" + (rankColours[j.rank] || "#777") }, j.grade || "not graded"));
        tr.appendChild(td);
        table.appendChild(tr);
      });
      details.appendChild(table);
    }
    var raised = DATA.points.filter(function (p) { return p.doc === i; });
    details.appendChild(el("h3", null, "Points raised (" + raised.length + ")"));
    raised.forEach(function (p) {
      var line = el("p");
      line.appendChild(badge(p.status));
      line.appendChild(document.createTextNode(" "));
      line.appendChild(pointButton(p));
      line.appendChild(el("span", { "class": "meta" }, " " + p.text.slice(0, 120)));
      details.appendChild(line);
    });
    var verdicts = {};
    DATA.points.forEach(function (p) { p.history.forEach(function (h) { if (h.doc === i) { verdicts[h.verdict] = (verdicts[h.verdict] || 0) + 1; } }); });
    if (Object.keys(verdicts).length) {
      details.appendChild(el("h3", null, "Verdicts it gave on earlier points"));
      Object.keys(verdicts).sort().forEach(function (v) {
        var line = el("p"); line.appendChild(badge(v)); line.appendChild(document.createTextNode(" " + verdicts[v])); details.appendChild(line);
      });
    }
    details.appendChild(el("p", { "class": "meta" }, d.id));
  }

  // ------------------------------------------------------------ list and refresh
  var LIST_LIMIT = 300;
  function renderList() {
    var list = document.getElementById("point-list");
    list.replaceChildren();
    visiblePoints.slice(0, LIST_LIMIT).forEach(function (p) {
      var d = DATA.documents[p.doc];
      var li = el("li", { tabindex: "0" });
      li.dataset.id = p.id;
      li.appendChild(el("span", { "class": "swatch", style: "margin-top:3px;background:" + (COLOURS[p.status] || "#fff") }));
      li.appendChild(el("span", null, d.authority + " " + d.date.slice(0, 4) + " " + pointName(p) + ": " + p.text.slice(0, 70)));
      li.addEventListener("click", function () { select({ type: "point", item: p }); });
      li.addEventListener("keydown", function (e) { if (e.key === "Enter") { select({ type: "point", item: p }); } });
      list.appendChild(li);
    });
    var more = visiblePoints.length > LIST_LIMIT ? " (first " + LIST_LIMIT + " listed; narrow the filters)" : "";
    document.getElementById("list-head").textContent = count(visiblePoints.length, "point", "points") + more;
    document.getElementById("summary").textContent = visiblePoints.length + " of " +
      count(DATA.points.length, "point", "points") + ", " + count(visibleDocs.length, "document", "documents") + ", " +
      count(lanes.length, "authority", "authorities") + " · filters at export: " + DATA.filters;
  }
  function refresh(refit) {
    layout();
    renderList();
    if (refit !== false) { fit(true); } else { schedule(); }
  }

  setUpFilters();
  layout();
  renderList();
  resize();
  fit(true);
  // For tests and scripts: where a node is on screen, and what was drawn.
  window.inspectkgExplorer = {
    stats: stats,
    screenPosition: function (id) {
      var a = pointPos[id], r = canvas.getBoundingClientRect();
      if (!a) { return null; }
      return { x: r.left + a.x * view.k + view.x, y: r.top + a.y * view.k + view.y };
    },
    documentPosition: function (docId) {
      var r = canvas.getBoundingClientRect();
      for (var i = 0; i < visibleDocs.length; i++) {
        if (DATA.documents[visibleDocs[i]].id === docId) {
          var pos = docPos[visibleDocs[i]];
          return { x: r.left + pos.x * view.k + view.x, y: r.top + pos.y * view.k + view.y };
        }
      }
      return null;
    },
    zoomTo: function (k) { zoomBy(k / view.k); },
    // Where each visible document's label is drawn, on screen (when labels are drawn at all).
    labelBoxes: function () {
      var r = canvas.getBoundingClientRect(), boxes = [];
      lanes.forEach(function (lane) {
        lane.docs.forEach(function (pl) {
          var pos = docPos[pl.doc], top = pos.y + pl.labelRow * LABEL_ROW + 9;
          boxes.push({ id: DATA.documents[pl.doc].id, text: docLabel(DATA.documents[pl.doc]).join(" "),
                       left: r.left + (pos.x - pl.labelHalf) * view.k + view.x,
                       right: r.left + (pos.x + pl.labelHalf) * view.k + view.x,
                       top: r.top + top * view.k + view.y, bottom: r.top + (top + 21) * view.k + view.y });
        });
      });
      return boxes;
    }
  };
})();
