// yusuan web page behaviour. A static file: the Content-Security-Policy forbids inline script.
"use strict";
(function () {
  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  // ---- upload page: drag and drop onto the drop zone fills the file input
  function setupUpload() {
    var drop = $("#drop"), input = $("#file"), form = $("#upload");
    if (!drop || !input || !form) return;
    function show() {
      var ul = $("#chosen");
      ul.textContent = "";
      Array.prototype.forEach.call(input.files, function (f) {
        var li = document.createElement("li");
        li.textContent = f.name + " (" + Math.round(f.size / 1024) + " KB)";
        ul.appendChild(li);
      });
    }
    ["dragenter", "dragover"].forEach(function (ev) {
      drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; show(); }
    });
    drop.addEventListener("click", function () { input.click(); });
    input.addEventListener("change", show);
    form.addEventListener("submit", function () { var b = $("#busy"); if (b) b.hidden = false; });
  }

  // ---- report page
  var docId = document.body.getAttribute("data-doc");
  var boxes = [];
  var pdfCount = 1;

  function applyFilters() {
    var sev = $("#f-severity").value, table = $("#f-table").value, rule = $("#f-rule").value, review = $("#f-review").value;
    var shown = 0, items = $all("li.finding");
    items.forEach(function (li) {
      var s = li.getAttribute("data-severity"), r = li.getAttribute("data-review");
      var ok = (!sev || (sev === "-info" ? s !== "info" : s === sev)) &&
        (!table || li.getAttribute("data-table") === table) &&
        (!rule || li.getAttribute("data-rule") === rule) &&
        (!review || (review === "undecided" ? !r : review === "second_look" ? li.getAttribute("data-second-look") === "true" : r === review));
      li.hidden = !ok;
      if (ok) shown++;
    });
    var c = $("#shown-count");
    if (c) c.textContent = shown + " / " + items.length;
  }

  function showPage(number, which) {
    var fig = $("#pageview");
    if (!fig) return;
    var mine = boxes.filter(function (b) { return b.finding === number; });
    $all(".pagebox").forEach(function (el) { el.remove(); });
    if (!mine.length) { fig.hidden = true; return; }
    // the pages this finding is on (a narrative page and a table page): buttons to switch
    var pages = [];
    mine.forEach(function (b) {
      if (!pages.some(function (p) { return p.file === b.file && p.page === b.page; })) pages.push(b);
    });
    var first = pages[Math.min(which || 0, pages.length - 1)];
    var img = $("#page-image"), frame = $("#pageframe");
    var src = "/r/" + docId + "/page/" + first.file + "/" + first.page + ".png";
    fig.hidden = false;
    var cap = $("#page-caption");
    cap.textContent = "第 " + first.page + " 页 / page " + first.page +
      (first.exact ? "" : " — 未能在页面上找到该数值，框出的是该行的行名 / the value was not found on the page: the box marks the row's label");
    if (pages.length > 1) {
      pages.forEach(function (p, k) {
        var btn = document.createElement("button");
        btn.type = "button";
        btn.className = "pagebtn" + (p === first ? " current" : "");
        btn.textContent = (pdfCount > 1 ? "文件" + (p.file + 1) + " " : "") + "第" + p.page + "页";
        btn.addEventListener("click", function () { showPage(number, k); });
        cap.appendChild(btn);
      });
    }
    function draw() {
      var pad = 0.004;
      mine.filter(function (b) { return b.file === first.file && b.page === first.page; }).forEach(function (b) {
        var d = document.createElement("div");
        d.className = "pagebox" + (b.exact ? "" : " inexact");
        d.style.left = ((b.box[0] - pad) * 100) + "%";
        d.style.top = ((b.box[1] - pad) * 100) + "%";
        d.style.width = ((b.box[2] - b.box[0] + 2 * pad) * 100) + "%";
        d.style.height = ((b.box[3] - b.box[1] + 2 * pad) * 100) + "%";
        frame.appendChild(d);
      });
      // the viewer is a window onto the page: bring the box into it
      fig.scrollTop = Math.max(0, first.box[1] * img.clientHeight - fig.clientHeight / 3);
    }
    if (img.getAttribute("src") === src && img.complete) { draw(); }
    else { img.onload = draw; img.setAttribute("src", src); }
  }

  function select(li, scroll) {
    $all("li.finding.selected").forEach(function (x) { x.classList.remove("selected"); });
    $all(".focus").forEach(function (x) { x.classList.remove("focus"); });
    li.classList.add("selected");
    var anchors = (li.getAttribute("data-anchors") || "").split(" ").filter(Boolean);
    var firstEl = null;
    anchors.forEach(function (id) {
      var el = document.getElementById(id);
      if (el) { el.classList.add("focus"); if (!firstEl) firstEl = el; }
    });
    showPage(parseInt(li.id.slice(1), 10));
    if (scroll === "cell" && firstEl) firstEl.scrollIntoView({ block: "center", behavior: "instant" });
    if (scroll === "finding") li.scrollIntoView({ block: "nearest", behavior: "instant" });
    if (history.replaceState) history.replaceState(null, "", "#" + li.id);
  }

  function saveReview(form) {
    var li = form.closest("li.finding");
    var who = form.elements.who.value;
    try { localStorage.setItem("yusuan-who", who); } catch (e) { /* private mode */ }
    var body = { fingerprint: form.getAttribute("data-fp"), status: form.elements.status.value, note: form.elements.note.value, who: who };
    var saved = $("[data-role=saved]", form);
    saved.textContent = "…";
    fetch("/api/review/" + docId, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (res) {
        if (!res.ok) { saved.textContent = res.j.message || "error"; return; }
        // every finding of the same fingerprint shares the decision
        $all("li.finding").filter(function (x) { return x.getAttribute("data-fp") === body.fingerprint; }).forEach(function (x) {
          x.setAttribute("data-review", res.j.status || "");
          x.setAttribute("data-second-look", "");
          var badge = $("[data-role=review-badge]", x);
          badge.className = "review-badge" + (res.j.status ? " r-" + res.j.status : "");
          badge.textContent = res.j.status_zh || "";
        });
        saved.textContent = res.j.status ? ("已保存 saved · " + (res.j.who || "") + " " + (res.j.at || "")) : "已清除 cleared";
      })
      .catch(function () { saved.textContent = "保存失败 / not saved"; });
  }

  function setupReport() {
    if (!docId) return;
    var data = $("#boxes");
    boxes = data ? JSON.parse(data.textContent || "[]") : [];
    pdfCount = $all(".dl-pdf").length;
    ["#f-severity", "#f-table", "#f-rule", "#f-review"].forEach(function (s) { var el = $(s); if (el) el.addEventListener("change", applyFilters); });
    applyFilters();
    var who = null;
    try { who = localStorage.getItem("yusuan-who"); } catch (e) { /* private mode */ }
    $all("form.review").forEach(function (form) {
      if (who && !form.elements.who.value) form.elements.who.value = who;
      form.addEventListener("submit", function (e) { e.preventDefault(); saveReview(form); });
    });
    $all("li.finding").forEach(function (li) {
      li.addEventListener("click", function (e) {
        if (e.target.closest("form, details, a")) return;
        select(li, "cell");
      });
      li.addEventListener("keydown", function (e) { if (e.key === "Enter" && e.target === li) select(li, "cell"); });
    });
    $all("a[data-anchor]").forEach(function (a) {
      a.addEventListener("click", function (e) { e.preventDefault(); select(a.closest("li.finding"), "cell"); });
    });
    $all("a.fref[data-finding]").forEach(function (a) {
      a.addEventListener("click", function (e) {
        e.preventDefault();
        var li = document.getElementById(a.getAttribute("data-finding"));
        if (li) { li.hidden = false; select(li, "finding"); }
      });
    });
    var h = location.hash.slice(1);
    if (/^f\d+$/.test(h) && document.getElementById(h)) select(document.getElementById(h), "finding");
  }

  // ---- a batch's page: poll its JSON status until it is done, then show the summary
  var PHASES = { read: "读取 reading", audit: "审核 auditing" };
  function setupBatch() {
    var box = $("#batch");
    if (!box) return;
    var url = box.getAttribute("data-status"), bar = $("#batch-progress"), state = $("#batch-state"), phaseStarts = {};
    function failed(zh, en) {
      $("#message-zh").textContent = zh; $("#message-en").textContent = en; $("#message").hidden = false;
      state.textContent = "失败 / failed";
    }
    function poll() {
      fetch(url, { headers: { accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
        .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
        .then(function (res) {
          var j = res.j;
          if (!res.ok) { failed(j.message || "", j.message_en || ""); return; }
          if (j.state === "done") {
            bar.max = 1; bar.value = 1;
            state.textContent = "完成 / done";
            location.replace(box.getAttribute("data-summary"));
            return;
          }
          if (j.state === "failed") { failed(j.message, j.message_en); return; }
          if (j.total) { bar.max = j.total; bar.value = j.done; }
          var phaseStart = phaseStarts[j.phase] = phaseStarts[j.phase] || j.seconds;
          var left = j.done && j.total > j.done ? Math.round((j.seconds - phaseStart) / j.done * (j.total - j.done)) : null;
          state.textContent = j.phase
            ? (PHASES[j.phase] || j.phase) + "：" + j.done + " / " + j.total + "（" + j.pages + " 页 pages，" + j.seconds + " s" +
              (left !== null ? "，约剩 " + left + " 秒 / about " + left + " s left" : "") + "）"
            : "共 " + j.inputs + " 个文件，正在开始… / " + j.inputs + " files, starting… (" + j.seconds + " s)";
          setTimeout(poll, 700);
        })
        .catch(function () { setTimeout(poll, 2000); });
    }
    poll();
  }

  document.addEventListener("DOMContentLoaded", function () { setupUpload(); setupReport(); setupBatch(); });
})();
