// govcheck editor page: paste or upload, see findings in place, accept suggestions, download an annotated .docx.
// Offsets from the server are Unicode code points; JavaScript strings count UTF-16 units, so texts are
// handled as arrays of code points (Array.from) wherever offsets are used.
(function () {
  "use strict";
  var SEV = ["blocker", "serious", "warning", "info"];
  var SEV_NAME = { blocker: "严重", serious: "重要", warning: "一般", info: "提示" };
  var CAT_NAME = { political: "政治表述", typo: "错别字", secrecy: "涉密内容", privacy: "个人信息",
                   format: "公文格式", punctuation: "标点符号", number: "数字用法" };
  var $ = function (id) { return document.getElementById(id); };
  var state = { file: null, edited: false, text: "", findings: [], authRequired: false };

  function headers(extra) {
    var h = extra || {};
    var tok = $("token").value;
    if (tok) { h["Authorization"] = "Bearer " + tok; }
    return h;
  }

  function setStatus(msg, isError) {
    var s = $("status");
    s.textContent = msg;
    s.className = isError ? "error" : "";
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  async function errorText(resp) {
    try { var body = await resp.json(); return body.detail || body.error || resp.statusText; }
    catch (e) { return resp.status + " " + resp.statusText; }
  }

  async function runCheck() {
    setStatus("检查中……");
    $("check").disabled = true;
    try {
      var resp;
      if (state.file && !state.edited) {
        resp = await fetch("/v1/check?include_text=true", {
          method: "POST",
          headers: headers({ "Content-Type": state.file.type || "application/octet-stream",
                             "X-Filename": encodeURIComponent(state.file.name) }),
          body: state.file
        });
      } else {
        resp = await fetch("/v1/check", {
          method: "POST",
          headers: headers({ "Content-Type": "application/json" }),
          body: JSON.stringify({ text: $("input").value, include_text: true })
        });
      }
      if (!resp.ok) { setStatus("检查失败：" + (await errorText(resp)), true); return; }
      var report = await resp.json();
      state.text = report.document ? report.document.text : $("input").value;
      state.findings = report.findings;
      if (state.file && !state.edited) { $("input").value = state.text; }
      show(report);
      $("download").disabled = false;
    } catch (e) {
      setStatus("无法连接服务：" + e.message, true);
    } finally {
      $("check").disabled = false;
    }
  }

  function show(report) {
    var n = report.findings.length;
    var c = report.counts_by_severity;
    setStatus(n ? "发现 " + n + " 处问题（严重 " + c.blocker + "，重要 " + c.serious + "，一般 " + c.warning + "，提示 " + c.info + "）"
                : "未发现问题");
    $("results").hidden = false;
    renderSummary(report);
    renderDoc();
    renderList();
  }

  function renderSummary(report) {
    var cats = Object.keys(CAT_NAME).filter(function (k) { return report.counts_by_category[k]; });
    if (!cats.length) { $("summary").innerHTML = ""; return; }
    var head = "<tr><th>类别</th>" + SEV.map(function (s) { return '<th><span class="badge ' + s + '">' + SEV_NAME[s] + "</span></th>"; }).join("") + "</tr>";
    var rows = cats.map(function (cat) {
      return "<tr><td>" + CAT_NAME[cat] + "</td>" + SEV.map(function (s) {
        var k = state.findings.filter(function (f) { return f.category === cat && f.severity === s; }).length;
        return "<td>" + (k || "") + "</td>";
      }).join("") + "</tr>";
    }).join("");
    $("summary").innerHTML = '<table class="counts">' + head + rows + "</table>";
  }

  function renderDoc() {
    var chars = Array.from(state.text);
    var cuts = new Set([0, chars.length]);
    state.findings.forEach(function (f) { cuts.add(f.start); cuts.add(f.end); });
    var points = Array.from(cuts).filter(function (p) { return p >= 0 && p <= chars.length; }).sort(function (a, b) { return a - b; });
    var html = [];
    for (var k = 0; k + 1 < points.length; k++) {
      var a = points[k], b = points[k + 1];
      var seg = esc(chars.slice(a, b).join(""));
      var cover = [];
      state.findings.forEach(function (f, i) { if (f.start <= a && b <= f.end) { cover.push(i); } });
      if (!cover.length) { html.push(seg); continue; }
      var worst = cover.map(function (i) { return state.findings[i]; })
        .sort(function (x, y) { return SEV.indexOf(x.severity) - SEV.indexOf(y.severity); })[0];
      var tip = cover.map(function (i) {
        var f = state.findings[i];
        return f.rule_id + " " + f.message + (f.suggestions.length ? " → " + f.suggestions.join(" / ") : "");
      }).join("\n");
      html.push('<mark class="finding ' + worst.severity + '" data-f="' + cover.join(" ") + '" title="' + esc(tip) + '">' + seg + "</mark>");
    }
    $("doc").innerHTML = html.join("");
  }

  function renderList() {
    var parts = [];
    SEV.forEach(function (s) {
      var items = [];
      state.findings.forEach(function (f, i) {
        if (f.severity !== s) { return; }
        var accept = f.suggestions.slice(0, 3).map(function (sug, j) {
          return '<button type="button" class="accept" data-f="' + i + '" data-s="' + j + '">采纳“' + esc(sug) + "”</button>";
        }).join("");
        items.push('<li id="item-' + i + '" data-f="' + i + '"><span class="badge ' + s + '">' + SEV_NAME[s] + "</span> " +
          '<span class="code">' + esc(f.rule_id) + "</span> “" + esc(f.text) + "”：" + esc(f.message) + accept +
          '<br><span class="src">依据：' + esc(f.source) + "</span></li>");
      });
      if (items.length) { parts.push("<h3>" + SEV_NAME[s] + "（" + items.length + "）</h3><ol>" + items.join("") + "</ol>"); }
    });
    $("list").innerHTML = parts.join("");
  }

  function accept(i, j) {
    var f = state.findings[i];
    var chars = Array.from(state.text);
    var next = chars.slice(0, f.start).join("") + f.suggestions[j] + chars.slice(f.end).join("");
    $("input").value = next;
    state.edited = true;  // from now on the page works on the text, not the uploaded file
    runCheck();
  }

  async function download() {
    setStatus("生成批注文档……");
    try {
      var resp;
      if (state.file && !state.edited && /\.docx$/i.test(state.file.name)) {
        resp = await fetch("/v1/annotate", {
          method: "POST",
          headers: headers({ "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                             "X-Filename": encodeURIComponent(state.file.name) }),
          body: state.file
        });
      } else {
        resp = await fetch("/v1/annotate", {
          method: "POST",
          headers: headers({ "Content-Type": "application/json" }),
          body: JSON.stringify({ text: $("input").value })
        });
      }
      if (!resp.ok) { setStatus("生成失败：" + (await errorText(resp)), true); return; }
      var blob = await resp.blob();
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = state.file ? state.file.name.replace(/\.[^.]*$/, "") + ".govcheck.docx" : "govcheck.docx";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      setStatus("已生成批注文档（" + (resp.headers.get("x-govcheck-comments") || 0) + " 条批注）");
    } catch (e) {
      setStatus("无法连接服务：" + e.message, true);
    }
  }

  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("button.accept");
    if (btn) { accept(+btn.dataset.f, +btn.dataset.s); return; }
    var m = ev.target.closest("mark[data-f]");
    var li = ev.target.closest("li[data-f]");
    if (!m && !li) { return; }
    document.querySelectorAll(".active").forEach(function (e) { e.classList.remove("active"); });
    var ids = (m ? m.dataset.f : li.dataset.f).split(" ");
    ids.forEach(function (id) {
      var item = $("item-" + id);
      if (item) { item.classList.add("active"); if (m) { item.scrollIntoView({ block: "nearest" }); } }
      document.querySelectorAll("mark[data-f]").forEach(function (e) {
        if (e.dataset.f.split(" ").indexOf(id) >= 0) { e.classList.add("active"); if (li) { e.scrollIntoView({ block: "nearest" }); } }
      });
    });
  });

  $("check").addEventListener("click", runCheck);
  $("download").addEventListener("click", download);
  $("input").addEventListener("input", function () { if (state.file) { state.edited = true; } });
  $("file").addEventListener("change", function () {
    state.file = $("file").files[0] || null;
    state.edited = false;
    if (state.file) { setStatus("已选择 " + state.file.name + "，点击“检查”"); }
  });

  function health(tries) {
    fetch("/healthz").then(function (r) { return r.json(); }).then(function (h) {
      $("version").textContent = "v" + h.version + (h.ready ? "" : "（词库加载中）");
      if (h.auth_required) { $("token-row").hidden = false; }
      if (!h.ready && tries > 0) { setTimeout(function () { health(tries - 1); }, 1000); }
    }).catch(function () {});
  }
  health(30);
})();
