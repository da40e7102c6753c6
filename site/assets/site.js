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

  var FIELDS = ['q', 'outcome', 'quarter', 'ae', 'competitor', 'segment', 'region', 'factor'];
  var PAGE_SIZE = 100;
  var OUTCOME = {
    'won': { icon: '\u2713', label: 'Won' },
    'lost': { icon: '\u2715', label: 'Lost' },
    'no-decision': { icon: '\u2212', label: 'No decision' }
  };

  var staticListing = document.getElementById('static-listing');
  var results = document.getElementById('results');
  var tbody = document.getElementById('results-body');
  var empty = document.getElementById('results-empty');
  var more = document.getElementById('results-more');
  var status = document.getElementById('filter-status');

  var docs = [];
  var loading = null;
  var indexReady = false;
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

  // Shards call window.__reviewSearch.push({shard, docs}) when they load.
  var api = window.__reviewSearch = {
    lastQueryMs: null,
    push: function (shard) {
      shard.docs.forEach(function (doc) {
        doc.h = [doc.t, doc.a, doc.e, doc.k.join(' '), doc.s, doc.r, doc.x].join(' \u0001 ').toLowerCase();
        docs.push(doc);
      });
    }
  };

  // Loads every shard once; while they arrive, `onProgress` redraws the results so
  // the first matches show before the whole index is in.
  var loadedShards = 0;
  var onProgress = null;
  function loadIndex() {
    if (loading) return loading;
    setStatus('Loading the search index\u2026');
    loading = Promise.all(config.shards.map(function (src) {
      return new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = src;
        script.async = true;
        script.onload = function () {
          loadedShards += 1;
          if (onProgress && loadedShards < config.shards.length) onProgress();
          resolve();
        };
        script.onerror = function () { reject(new Error('could not load ' + src)); };
        document.head.appendChild(script);
      });
    })).then(function () {
      docs.sort(byDate);
      indexReady = true;
    });
    return loading;
  }

  function byDate(a, b) {
    if (a.d !== b.d) return a.d < b.d ? 1 : -1;
    return a.u < b.u ? -1 : a.u > b.u ? 1 : 0;
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

  // Words must all appear; "a phrase in quotes" must appear as written.
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

  function matchesState(doc, state, terms) {
    if (state.outcome && doc.o !== state.outcome) return false;
    if (state.quarter && doc.q !== state.quarter) return false;
    if (state.ae && doc.e !== state.ae) return false;
    if (state.segment && doc.s !== state.segment) return false;
    if (state.region && doc.r !== state.region) return false;
    if (state.competitor && doc.k.indexOf(state.competitor) < 0) return false;
    if (state.factor && doc.f.indexOf(state.factor) < 0) return false;
    for (var t = 0; t < terms.length; t++) {
      if (doc.h.indexOf(terms[t]) < 0) return false;
    }
    return true;
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

  function humanize(id) {
    if (!id) return '';
    var text = id.replace(/[-_]/g, ' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
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
    matches = docs.filter(function (doc) { return matchesState(doc, state, terms); });
    if (!indexReady) matches.sort(byDate);
    api.lastQueryMs = indexReady ? performance.now() - started : null;
    lastTerms = terms;
    shown = PAGE_SIZE;
    staticListing.hidden = true;
    results.hidden = false;
    render();
    if (!indexReady) {
      setStatus('Searching\u2026 ' + loadedShards + ' of ' + config.shards.length + ' parts of the index loaded, ' +
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

  var timer = null;
  function onChange() {
    var state = formState();
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
    apply(state);
  });

  var initial = readState();
  fillForm(initial);
  apply(initial);
})();
