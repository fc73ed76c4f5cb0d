/* sop-docs: the site's search, answering Material's search box (its worker protocol).
 *
 * Material starts its lunr worker; assets/sop-docs/search-shim.js starts this one instead.
 * The index is Material's search_index.json, where the site build added to every entry its
 * Indonesian search terms (`title_terms`, `text_terms`: stemmed with Sastrawi, synonyms
 * folded, see sop_docs/site/search_text.py).  A query goes through the same steps here
 * (sastrawi.js is the same stemmer), so "memverifikasi" meets "verifikasi".  A query word
 * that matches no term also meets terms one letter away ("verifkasi"), and the last word,
 * while it is being typed, the terms it begins.
 *
 * Messages (Material's SearchMessageType): 0 SETUP {config, docs} -> 1 READY;
 * 2 QUERY "text" -> 3 RESULT {items: [[article, section, ...], ...]}.
 * Globals set before this file: SOP_SEARCH {sinonim}, SASTRAWI_KATA_DASAR, Sastrawi.
 */
(function (scope) {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var WORD = /[a-z0-9]+(?:-[a-z0-9]+)*/g;
  var TITLE_WEIGHT = 10;
  var NEAR_WEIGHT = 0.5;
  var SNIPPET = 160;

  var stemmer = new Sastrawi.Stemmer(SASTRAWI_KATA_DASAR.split("\n"));
  var synonyms = compileSynonyms(SOP_SEARCH.sinonim);
  var docs = [];
  var postings = Object.create(null);  // term -> [[doc, weight], ...]
  var vocabulary = [];

  function words(text) {
    var found = [];
    var lower = text.toLowerCase();
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(lower)) !== null) {
      found.push({ word: m[0], start: m.index, end: m.index + m[0].length });
    }
    return found;
  }

  function compileSynonyms(groups) {
    var phrases = Object.create(null);
    var longest = 0;
    groups.forEach(function (group) {
      var variants = group.map(function (v) {
        return words(v).map(function (w) { return w.word; });
      }).filter(function (v) { return v.length > 0; });
      if (!variants.length) {
        return;
      }
      var canonical = variants[0].join("");
      variants.forEach(function (v) {
        var key = v.join(" ");
        if (!(key in phrases)) {
          phrases[key] = canonical;
        }
        longest = Math.max(longest, v.length);
      });
    });
    return { phrases: phrases, longest: longest };
  }

  function stem(word) {
    return /[0-9]/.test(word) ? word : stemmer.stem(word);
  }

  /* The terms of a text with where each stands in it (search_text.terms, with offsets). */
  function analyse(text) {
    var tokens = words(text);
    var result = [];
    var i = 0;
    while (i < tokens.length) {
      var matched = false;
      for (var n = Math.min(synonyms.longest, tokens.length - i); n > 0 && !matched; n--) {
        var key = tokens.slice(i, i + n).map(function (t) { return t.word; }).join(" ");
        if (key in synonyms.phrases) {
          result.push({ term: synonyms.phrases[key], start: tokens[i].start,
            end: tokens[i + n - 1].end });
          i += n;
          matched = true;
        }
      }
      if (!matched) {
        result.push({ term: stem(tokens[i].word), start: tokens[i].start, end: tokens[i].end });
        i += 1;
      }
    }
    return result;
  }

  function setup(data) {
    docs = data.docs;
    postings = Object.create(null);
    docs.forEach(function (doc, index) {
      var weights = Object.create(null);
      (doc.text_terms || "").split(" ").forEach(function (t) { if (t) { weights[t] = 1; } });
      (doc.title_terms || "").split(" ").forEach(function (t) {
        if (t) { weights[t] = TITLE_WEIGHT; }
      });
      Object.keys(weights).forEach(function (t) {
        (postings[t] = postings[t] || []).push([index, weights[t]]);
      });
    });
    vocabulary = Object.keys(postings).sort();
  }

  /* Whether a and b differ by one edit (insert, delete or replace one letter). */
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1 || a === b) {
      return false;
    }
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) {
      i++;
    }
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1);
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* The index terms a query term stands for: {term: weight}, empty when none. */
  function candidates(term, typing) {
    var found = Object.create(null);
    if (term in postings) {
      found[term] = 1;
      return found;
    }
    vocabulary.forEach(function (t) {
      if ((term.length >= 4 && oneEdit(term, t))
          || (typing && term.length >= 3 && t.indexOf(term) === 0)) {
        found[t] = NEAR_WEIGHT;
      }
    });
    return found;
  }

  function score(wanted) {
    var scores = null;
    wanted.forEach(function (terms) {
      var next = Object.create(null);
      Object.keys(terms).forEach(function (t) {
        postings[t].forEach(function (p) {
          var value = terms[t] * p[1];
          if (scores === null || p[0] in scores) {
            next[p[0]] = Math.max(next[p[0]] || 0, value);
          }
        });
      });
      Object.keys(next).forEach(function (d) {
        next[d] += scores === null ? 0 : scores[d];
      });
      scores = next;
    });
    return scores || Object.create(null);
  }

  function mark(text, terms) {
    var out = "";
    var cursor = 0;
    analyse(text).forEach(function (t) {
      if (t.term in terms) {
        out += text.slice(cursor, t.start) + "<mark>" + text.slice(t.start, t.end) + "</mark>";
        cursor = t.end;
      }
    });
    return out + text.slice(cursor);
  }

  /* Plain (still HTML-escaped) text around the first match, cut at spaces. */
  function snippet(html, terms) {
    var text = html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
    var first = analyse(text).filter(function (t) { return t.term in terms; })[0];
    var start = first ? Math.max(0, first.start - SNIPPET / 2) : 0;
    var end = Math.min(text.length, start + SNIPPET * 2);
    if (start > 0) {
      start = text.indexOf(" ", start) + 1;
    }
    if (end < text.length) {
      end = Math.max(text.lastIndexOf(" ", end), start);
    }
    return (start > 0 ? "… " : "") + mark(text.slice(start, end), terms)
      + (end < text.length ? " …" : "");
  }

  function search(query) {
    var parts = analyse(query);
    var typing = !/\s$/.test(query);
    var wanted = [];
    var matched = Object.create(null);
    var found = {};
    parts.forEach(function (part, i) {
      var terms = candidates(part.term, typing && i === parts.length - 1);
      var word = query.slice(part.start, part.end);
      found[word] = Object.keys(terms).length > 0;
      if (found[word]) {
        wanted.push(terms);
        Object.keys(terms).forEach(function (t) { matched[t] = true; });
      }
    });
    return group(score(wanted), matched, found);
  }

  function item(index, value, matched, found) {
    var doc = docs[index];
    return { location: doc.location, title: mark(doc.title, matched),
      text: snippet(doc.text, matched), score: value, terms: found };
  }

  function group(scores, matched, found) {
    var pages = Object.create(null);
    var articles = Object.create(null);
    docs.forEach(function (doc, index) {
      if (doc.location.indexOf("#") < 0) {
        articles[doc.location] = index;
      }
    });
    Object.keys(scores).forEach(function (d) {
      var page = docs[d].location.split("#")[0];
      (pages[page] = pages[page] || []).push(item(+d, scores[d] + (page === docs[d].location
        ? 1 : 0), matched, found));
    });
    var items = Object.keys(pages).map(function (page) {
      var list = pages[page].sort(function (a, b) {
        return b.score - a.score || (a.location < b.location ? -1 : 1);
      });
      if (!list.some(function (i) { return i.location === page; }) && page in articles) {
        list.push(item(articles[page], 0, matched, found));
      }
      return list;
    });
    items.sort(function (a, b) {
      return b[0].score - a[0].score || (a[0].location < b[0].location ? -1 : 1);
    });
    return { items: items };
  }

  scope.addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === SETUP) {
      setup(message.data);
      scope.postMessage({ type: READY });
    } else if (message.type === QUERY) {
      scope.postMessage({ type: RESULT, data: search(String(message.data)) });
    }
  });

  scope.SopSearch = { analyse: analyse, search: search, setup: setup };
})(self);
