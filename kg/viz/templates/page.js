(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var svg = document.getElementById("graph");
  var tip = document.getElementById("tip");
  var main = svg.parentNode;
  var nodeEls = svg.querySelectorAll(".node");
  var edgeEls = svg.querySelectorAll(".edge");
  var full = svg.getAttribute("viewBox").split(" ").map(Number);
  var view = full.slice();
  var around = data.nodes.map(function () { return []; });
  data.edges.forEach(function (e, i) { around[e.u].push(i); around[e.v].push(i); });

  function show() { svg.setAttribute("viewBox", view.join(" ")); }
  function toUser(evt) {
    var p = svg.createSVGPoint();
    p.x = evt.clientX; p.y = evt.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  function zoom(f, p) {
    var w = view[2] * f;
    if (w < full[2] / 20 || w > full[2] * 4) { return; }
    p = p || { x: view[0] + view[2] / 2, y: view[1] + view[3] / 2 };
    view = [p.x - (p.x - view[0]) * f, p.y - (p.y - view[1]) * f, w, view[3] * f];
    show();
  }
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    zoom(Math.exp(Math.max(-1, Math.min(1, evt.deltaY / 300))), toUser(evt));
  }, { passive: false });
  document.getElementById("zoom-in").onclick = function () { zoom(1 / 1.3); };
  document.getElementById("zoom-out").onclick = function () { zoom(1.3); };
  document.getElementById("fit").onclick = function () { view = full.slice(); show(); };
  document.getElementById("labels").onclick = function () { svg.classList.toggle("nolabels"); };

  function place(i) {
    var n = data.nodes[i];
    nodeEls[i].setAttribute("transform", "translate(" + n.x + "," + n.y + ")");
    around[i].forEach(function (k) {
      var e = data.edges[k], a = data.nodes[e.u], b = data.nodes[e.v];
      edgeEls[k].querySelectorAll("line").forEach(function (l) {
        l.setAttribute("x1", a.x); l.setAttribute("y1", a.y); l.setAttribute("x2", b.x); l.setAttribute("y2", b.y);
      });
      var t = edgeEls[k].querySelector("text");
      t.setAttribute("x", (a.x + b.x) / 2); t.setAttribute("y", (a.y + b.y) / 2);
    });
  }

  var drag = null;
  svg.addEventListener("pointerdown", function (evt) {
    var node = evt.target.closest(".node");
    drag = { node: node ? Number(node.dataset.i) : null, start: toUser(evt) };
    if (!node) { svg.classList.add("panning"); }
    svg.setPointerCapture(evt.pointerId);
    hide();
  });
  svg.addEventListener("pointermove", function (evt) {
    if (!drag) { return; }
    var p = toUser(evt);
    if (drag.node === null) {
      view[0] -= p.x - drag.start.x; view[1] -= p.y - drag.start.y; show();
    } else {
      data.nodes[drag.node].x = p.x; data.nodes[drag.node].y = p.y; place(drag.node);
    }
  });
  function end() { drag = null; svg.classList.remove("panning"); }
  svg.addEventListener("pointerup", end);
  svg.addEventListener("pointercancel", end);

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function table(rows) {
    var t = el("table");
    rows.forEach(function (r) {
      var tr = el("tr"); tr.appendChild(el("td", r[0])); tr.appendChild(el("td", r[1])); t.appendChild(tr);
    });
    return t;
  }
  function hide() { tip.style.display = "none"; svg.classList.remove("fade"); }
  function highlight(nodes, edges) {
    svg.querySelectorAll(".on").forEach(function (e) { e.classList.remove("on"); });
    nodes.forEach(function (i) { nodeEls[i].classList.add("on"); });
    edges.forEach(function (k) { edgeEls[k].classList.add("on"); });
    svg.classList.add("fade");
  }
  function move(evt) {
    var box = main.getBoundingClientRect();
    var x = evt.clientX - box.left + 16, y = evt.clientY - box.top + 16;
    if (x + tip.offsetWidth > box.width) { x = Math.max(0, x - tip.offsetWidth - 32); }
    if (y + tip.offsetHeight > box.height) { y = Math.max(0, y - tip.offsetHeight - 32); }
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  function nodeTip(i) {
    var n = data.nodes[i], h = el("h2", n.label + " ");
    h.appendChild(el("span", "(" + n.kind + ")", "kind"));
    tip.replaceChildren(h, table(n.details));
    n.sentences.forEach(function (s) { tip.appendChild(el("blockquote", "“" + s + "”")); });
    var near = [i];
    around[i].forEach(function (k) { near.push(data.edges[k].u, data.edges[k].v); });
    highlight(near, around[i]);
  }
  function edgeTip(k) {
    var e = data.edges[k];
    tip.replaceChildren(el("h2", data.nodes[e.u].label + " → " + data.nodes[e.v].label));
    e.facts.forEach(function (f) {
      var rows = [["link", f.label]];
      if (f.article) { rows.push(["article", f.article]); }
      if (f.reported_on) { rows.push(["reported on", f.reported_on]); }
      tip.appendChild(table(rows));
      if (f.sentence) { tip.appendChild(el("blockquote", "“" + f.sentence + "”")); }
    });
    highlight([e.u, e.v], [k]);
  }
  svg.addEventListener("pointerover", function (evt) {
    if (drag) { return; }
    var node = evt.target.closest(".node"), edge = evt.target.closest(".edge");
    if (node) { nodeTip(Number(node.dataset.i)); } else if (edge) { edgeTip(Number(edge.dataset.i)); } else { hide(); return; }
    tip.style.display = "block";
    move(evt);
  });
  svg.addEventListener("pointermove", function (evt) { if (!drag && tip.style.display === "block") { move(evt); } });
  svg.addEventListener("pointerleave", hide);
})();
