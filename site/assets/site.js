// Filters and full-text search for the review listings. The listing is already on
// the page (server-rendered, readable without JavaScript); this script only adds
// the filter form. The search index loads on first use, in shards, through
// <script> tags: they work from file://, where browsers refuse fetch().
(function () {
  'use strict';

  var configElement = document.getElementById('listing-config');
  var form = document.getElementById('filters');
  if (!configElement || !form) return;
  var config = JSON.parse(configElement.textContent);
  // The index's shard files, named as site/search_index.cpp names them:
  // search/<outcome>-<number, at least three digits>.js.
  var shards = [];
  Object.keys(config.shardCounts).forEach(function (outcome) {
    for (var i = 0; i < config.shardCounts[outcome]; i++)
      shards.push(config.root + 'search/' + outcome + '-' + String(i).padStart(3, '0') + '.js');
  });

  var FIELDS = ['q', 'outcome', 'quarter', 'ae', 'competitor', 'segment', 'region', 'factor'];
  var PAGE_SIZE = 100;
  var OUTCOME = {
    'won': { icon: '\u2713', label: 'Won' },
    'lost': { icon: '\u2715', label: 'Lost' },
    'no-decision': { icon: '\u2212', label: 'No decision' }
  };
  // Words of alphabetic scripts, and runs of CJK characters (indexed by pairs,
  // since CJK text has no spaces between words).
  var WORD = /[a-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]+|[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]+/g;
  var CJK = /^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

  var staticListing = document.getElementById('static-listing');
  var results = document.getElementById('results');
  var tbody = document.getElementById('results-body');
  var empty = document.getElementById('results-empty');
  var more = document.getElementById('results-more');
  var status = document.getElementById('filter-status');

  var docs = [];            // in arrival order; doc.n is the index, doc.rank the listing order
  var postings = new Map(); // word (or CJK pair) → ascending doc indexes
  var partCache = new Map(); // query word → Uint8Array of docs that may contain it
  var loading = null;
  var indexReady = false;
  var loadedShards = 0;
  var onProgress = null;
  var matches = [];
  var shown = PAGE_SIZE;
  var lastTerms = [];

  // Labels of vocabulary values ("capability-gap" → "Capability gap"), as the server wrote them.
  function optionLabels(name) {
    var labels = {};
    var select = form.elements.namedItem(name);
    if (select) {
      for (var i = 0; i < select.options.length; i++) labels[select.options[i].value] = select.options[i].textContent;
    }
    return labels;
  }
  var factorLabels = optionLabels('factor');
  var segmentLabels = optionLabels('segment');

  function addPosting(key, n) {
    var list = postings.get(key);
    if (list === undefined) postings.set(key, [n]);
    else if (list[list.length - 1] !== n) list.push(n);
  }

  function indexDoc(doc) {
    WORD.lastIndex = 0;
    var match;
    while ((match = WORD.exec(doc.h)) !== null) {
      var word = match[0];
      if (!CJK.test(word) || word.length === 1) {
        addPosting(word, doc.n);
      } else {
        for (var i = 0; i + 1 < word.length; i++) addPosting(word.substr(i, 2), doc.n);
      }
    }
  }

  // Shards call window.__reviewSearch.push({shard, docs}) when they load.
  var api = window.__reviewSearch = {
    lastQueryMs: null,
    push: function (shard) {
      shard.docs.forEach(function (doc) {
        doc.h = [doc.t, doc.a, doc.e, doc.k.join(' '), doc.s, doc.r, doc.x].join(' \u0001 ').toLowerCase();
        doc.n = docs.length;
        docs.push(doc);
        indexDoc(doc);
      });
      partCache.clear();
    }
  };

  function byDate(a, b) {
    if (a.d !== b.d) return a.d < b.d ? 1 : -1;
    return a.u < b.u ? -1 : a.u > b.u ? 1 : 0;
  }

  // Loads every shard once, a few at a time so the page stays responsive; while
  // they arrive, `onProgress` redraws the results so the first matches show early.
  var PARALLEL_SHARDS = 8;
  function loadIndex() {
    if (loading) return loading;
    setStatus('Loading the search index\u2026');
    loading = new Promise(function (resolve, reject) {
      var next = 0;
      var failed = false;
      function loadNext() {
        if (failed || next >= shards.length) return;
        var src = shards[next++];
        var script = document.createElement('script');
        script.src = src;
        script.async = true;
        script.onload = function () {
          loadedShards += 1;
          if (loadedShards === shards.length) return resolve();
          if (onProgress) onProgress();
          loadNext();
        };
        script.onerror = function () {
          failed = true;
          reject(new Error('could not load ' + src));
        };
        document.head.appendChild(script);
      }
      if (shards.length === 0) return resolve();
      for (var i = 0; i < PARALLEL_SHARDS; i++) loadNext();
    }).then(function () {
      docs.slice().sort(byDate).forEach(function (doc, rank) { doc.rank = rank; });
      indexReady = true;
    });
    return loading;
  }

  function readState() {
    var raw = window.location.hash.length > 1 ? window.location.hash.slice(1) : window.location.search.slice(1);
    var params = new URLSearchParams(raw);
    var state = {};
    FIELDS.forEach(function (name) { state[name] = params.get(name) || ''; });
    return state;
  }

  function formState() {
    var state = {};
    FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      state[name] = field ? field.value.trim() : '';
    });
    return state;
  }

  function isEmpty(state) {
    return FIELDS.every(function (name) { return !state[name]; });
  }

  function writeState(state) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) { if (state[name]) params.set(name, state[name]); });
    var text = params.toString();
    var url = window.location.pathname + window.location.search + (text ? '#' + text : '');
    window.history.replaceState(null, '', url);
  }

  function fillForm(state) {
    FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (!field) return;
      if (field.tagName === 'SELECT' && state[name]) {
        var known = Array.prototype.some.call(field.options, function (o) { return o.value === state[name]; });
        if (!known) {
          var option = document.createElement('option');
          option.value = state[name];
          option.textContent = state[name];
          field.appendChild(option);
        }
      }
      field.value = state[name];
    });
  }

  // Words must all appear; "a phrase in quotes" must appear as written. Matching is
  // by substring, so "audit" also finds "auditors".
  function parseQuery(text) {
    var terms = [];
    var rest = text.toLowerCase().replace(/"([^"]+)"/g, function (_, phrase) {
      var clean = phrase.replace(/\s+/g, ' ').trim();
      if (clean) terms.push(clean);
      return ' ';
    });
    rest.split(/\s+/).forEach(function (word) { if (word) terms.push(word); });
    return terms;
  }

  // The docs that may contain `part` (a word of a query term): the union of the
  // postings of every indexed word containing it. A CJK run needs all its pairs.
  function candidatesFor(part) {
    var cached = partCache.get(part);
    if (cached) return cached;
    var marks = new Uint8Array(docs.length);
    var mark = function (list) { for (var i = 0; i < list.length; i++) marks[list[i]] = 1; };
    if (CJK.test(part) && part.length > 1) {
      var count = new Uint16Array(docs.length);
      var pairs = 0;
      var seen = new Set();
      for (var i = 0; i + 1 < part.length; i++) {
        var pair = part.substr(i, 2);
        if (seen.has(pair)) continue;
        seen.add(pair);
        pairs += 1;
        var list = postings.get(pair) || [];
        for (var j = 0; j < list.length; j++) count[list[j]] += 1;
      }
      for (var d = 0; d < docs.length; d++) marks[d] = count[d] === pairs ? 1 : 0;
    } else {
      postings.forEach(function (list, word) { if (word.indexOf(part) >= 0) mark(list); });
    }
    partCache.set(part, marks);
    return marks;
  }

  function facetsMatch(doc, state) {
    if (state.outcome && doc.o !== state.outcome) return false;
    if (state.quarter && doc.q !== state.quarter) return false;
    if (state.ae && doc.e !== state.ae) return false;
    if (state.segment && doc.s !== state.segment) return false;
    if (state.region && doc.r !== state.region) return false;
    if (state.competitor && doc.k.indexOf(state.competitor) < 0) return false;
    if (state.factor && doc.f.indexOf(state.factor) < 0) return false;
    return true;
  }

  // The index narrows the candidates; every candidate is then checked against the
  // whole terms, so the answer is exactly "contains every term".
  function find(state, terms) {
    var parts = [];
    terms.forEach(function (term) { (term.match(WORD) || []).forEach(function (p) { parts.push(p); }); });
    var filters = parts.map(candidatesFor);
    var found = [];
    for (var n = 0; n < docs.length; n++) {
      var ok = true;
      for (var f = 0; f < filters.length && ok; f++) ok = filters[f][n] === 1;
      if (!ok) continue;
      var doc = docs[n];
      if (!facetsMatch(doc, state)) continue;
      for (var t = 0; t < terms.length && ok; t++) ok = doc.h.indexOf(terms[t]) >= 0;
      if (ok) found.push(doc);
    }
    return found;
  }

  function setStatus(text) { status.textContent = text; }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A few words around the first match, the match marked; built from text nodes only.
  function snippet(doc, terms) {
    var lower = doc.x.toLowerCase();
    for (var t = 0; t < terms.length; t++) {
      var at = lower.indexOf(terms[t]);
      if (at < 0) continue;
      var start = Math.max(0, at - 70);
      var end = Math.min(doc.x.length, at + terms[t].length + 90);
      var p = el('span', 'snippet');
      p.appendChild(document.createTextNode((start > 0 ? '\u2026' : '') + doc.x.slice(start, at)));
      p.appendChild(el('mark', '', doc.x.slice(at, at + terms[t].length)));
      p.appendChild(document.createTextNode(doc.x.slice(at + terms[t].length, end) + (end < doc.x.length ? '\u2026' : '')));
      return p;
    }
    return null;
  }

  function humanize(id) {
    if (!id) return '';
    var text = id.replace(/[-_]/g, ' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function row(doc) {
    var tr = document.createElement('tr');
    var date = el('td', 'nowrap');
    var time = el('time', '', doc.dd);
    time.setAttribute('datetime', doc.d);
    date.appendChild(time);
    date.appendChild(el('span', 'sub', doc.q));
    tr.appendChild(date);

    var deal = document.createElement('td');
    var link = el('a', 'row-title', doc.t);
    link.href = config.root + doc.u;
    deal.appendChild(link);
    var details = [doc.a, segmentLabels[doc.s] || humanize(doc.s), doc.r].filter(Boolean).join(' \u00b7 ');
    deal.appendChild(el('span', 'sub', details));
    var found = lastTerms.length ? snippet(doc, lastTerms) : null;
    if (found) deal.appendChild(found);
    tr.appendChild(deal);

    if (config.outcomeColumn) {
      var cell = document.createElement('td');
      var outcome = OUTCOME[doc.o];
      var badge = el('span', 'badge ' + doc.o);
      var icon = el('span', 'badge-icon', outcome.icon);
      icon.setAttribute('aria-hidden', 'true');
      badge.appendChild(icon);
      badge.appendChild(document.createTextNode(outcome.label));
      cell.appendChild(badge);
      tr.appendChild(cell);
    }
    tr.appendChild(el('td', '', doc.e));
    tr.appendChild(el('td', 'num', doc.m));
    tr.appendChild(el('td', '', doc.v));
    var factors = document.createElement('td');
    doc.f.slice(0, 2).forEach(function (f) { factors.appendChild(el('span', 'chip', factorLabels[f] || humanize(f))); });
    tr.appendChild(factors);
    return tr;
  }

  function render() {
    var fragment = document.createDocumentFragment();
    matches.slice(0, shown).forEach(function (doc) { fragment.appendChild(row(doc)); });
    tbody.replaceChildren(fragment);
    empty.hidden = matches.length > 0;
    more.hidden = matches.length <= shown;
    setStatus(matches.length === 1 ? '1 review matches.' : matches.length.toLocaleString('en-US') + ' reviews match.');
  }

  function search(state) {
    var started = performance.now();
    var terms = parseQuery(state.q);
    matches = find(state, terms);
    if (indexReady) matches.sort(function (a, b) { return a.rank - b.rank; });
    else matches.sort(byDate);
    api.lastQueryMs = indexReady ? performance.now() - started : null;
    lastTerms = terms;
    shown = PAGE_SIZE;
    staticListing.hidden = true;
    results.hidden = false;
    render();
    if (!indexReady) {
      setStatus('Searching\u2026 ' + loadedShards + ' of ' + shards.length + ' parts of the index loaded, ' +
        matches.length.toLocaleString('en-US') + ' matches so far.');
    }
  }

  var current = null;
  var progressTimer = null;
  onProgress = function () {
    if (progressTimer || !current || isEmpty(current)) return;
    progressTimer = window.setTimeout(function () {
      progressTimer = null;
      if (!indexReady && current && !isEmpty(current)) search(current);
    }, 150);
  };

  function apply(state) {
    current = state;
    if (isEmpty(state)) {
      results.hidden = true;
      staticListing.hidden = false;
      setStatus('');
      return Promise.resolve();
    }
    if (indexReady) {
      search(state);
      return Promise.resolve();
    }
    return loadIndex().then(function () {
      if (current === state) search(state);
    }, function (error) {
      setStatus('The search index could not be loaded (' + error.message + '). The full listing is below.');
    });
  }

  // Filters in use stand out, so a shared view shows what it is filtered by.
  function markSet(state) {
    FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field) field.classList.toggle('is-set', Boolean(state[name]));
    });
  }

  var timer = null;
  function onChange() {
    var state = formState();
    markSet(state);
    writeState(state);
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { apply(state); }, 120);
  }

  form.hidden = false;
  form.addEventListener('input', onChange);
  form.addEventListener('change', onChange);
  form.addEventListener('submit', function (event) { event.preventDefault(); onChange(); });
  form.addEventListener('reset', function () { window.setTimeout(onChange, 0); });
  more.addEventListener('click', function () { shown += PAGE_SIZE; render(); });
  window.addEventListener('hashchange', function () {
    var state = readState();
    fillForm(state);
    markSet(state);
    apply(state);
  });

  var initial = readState();
  fillForm(initial);
  markSet(initial);
  apply(initial);
})();
