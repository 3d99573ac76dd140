/* Site search for the sitegen default theme. Reads the index written by sitegen/render/search.py:
   search/docs.json (documents) and search/t/<shard>.json (term -> document ids), loading only the
   shards a query needs. All URLs come from data attributes rendered with the site's base path, so
   the site works under a sub-path. Results are built with textContent only (no HTML from the index). */
(function () {
  "use strict";
  var results = document.getElementById("search-results");
  var input = document.getElementById("search-q");
  if (!results || !input) { return; }
  var indexBase = results.getAttribute("data-index");
  var siteRoot = results.getAttribute("data-root");
  var STOP = {};
  "an and are as at be but by for from has have in is it its of on or that the this to was were will with"
    .split(" ").forEach(function (w) { STOP[w] = true; });
  var cache = {};
  var docs = null;
  var latest = 0;

  function getJson(path) {
    if (!cache[path]) {
      cache[path] = fetch(indexBase + path).then(function (r) {
        if (!r.ok) { throw new Error("search index: HTTP " + r.status + " for " + path); }
        return r.json();
      });
    }
    return cache[path];
  }

  function loadDocs() {  // {docs: [[url, title, kind, detail], ...], shards: [name, ...]}
    return getJson("docs.json").then(function (index) {
      docs = index.docs;
      var shards = {};
      index.shards.forEach(function (name) { shards[name] = true; });
      return shards;
    });
  }

  function tokens(text) {  // must match TOKEN/terms() in search.py
    var found = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) || [];
    return found.filter(function (t) { return Array.from(t).length > 1 && !STOP[t]; });
  }

  function shardName(term) {  // must match shard_name() in search.py
    return Array.from(term).slice(0, 2).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
  }

  function idsFor(term, shards) {  // every document holding a word that starts with term
    var name = shardName(term);
    if (!shards[name]) { return Promise.resolve({}); }  // no indexed word starts with these letters
    return getJson("t/" + name + ".json").then(function (shard) {
      var ids = {};
      Object.keys(shard).forEach(function (word) {
        if (word.lastIndexOf(term, 0) === 0) { shard[word].forEach(function (id) { ids[id] = true; }); }
      });
      return ids;
    });
  }

  function search(query) {
    var terms = tokens(query);
    if (!terms.length) { return Promise.resolve(null); }
    return loadDocs().then(function (shards) {
      return Promise.all(terms.map(function (t) { return idsFor(t, shards); }));
    }).then(function (sets) {
      var hits = Object.keys(sets[0]).filter(function (id) {
        return sets.every(function (s) { return s[id]; });
      }).map(Number);
      hits.sort(function (a, b) { return score(b, terms) - score(a, terms) || a - b; });
      return hits;
    });
  }

  function score(id, terms) {  // stories first, then words in the title
    var doc = docs[id];
    var title = doc[1].toLowerCase();
    var points = doc[2] === "story" ? 2 : 0;
    terms.forEach(function (t) { if (title.indexOf(t) !== -1) { points += 3; } });
    return points;
  }

  function show(query, hits) {
    results.textContent = "";
    if (hits === null) { return; }
    var summary = document.createElement("p");
    summary.textContent = hits.length + (hits.length === 1 ? " result" : " results") + " for \u201c" + query + "\u201d";
    results.appendChild(summary);
    var list = document.createElement("ol");
    list.className = "results";
    hits.slice(0, 50).forEach(function (id) {
      var doc = docs[id];
      var item = document.createElement("li");
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = doc[2] === "story" ? "Story" : "Article";
      var link = document.createElement("a");
      link.href = siteRoot + doc[0];
      link.textContent = doc[1];
      var detail = document.createElement("p");
      detail.className = "meta";
      detail.textContent = doc[3];
      item.appendChild(kind);
      item.appendChild(document.createElement("br"));
      item.appendChild(link);
      item.appendChild(detail);
      list.appendChild(item);
    });
    results.appendChild(list);
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    search(query).then(function (hits) {
      if (ticket === latest) { show(query, hits); }
    }).catch(function (err) {
      results.textContent = "Search is unavailable: " + err.message;
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; run(); }
})();
