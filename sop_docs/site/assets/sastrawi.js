/* sop-docs: the Sastrawi Indonesian stemmer for the browser.
 *
 * A line-by-line port of PySastrawi 1.2.1 (Sastrawi/Stemmer/Stemmer.py, Context/Context.py,
 * the Context visitors and Morphology/Disambiguator rules 1-42), the stemmer the site's
 * search index is built with, so a word typed into the search box meets the words of the
 * index exactly (tests/site/test_search_text.py runs both on a word list).  The root-word
 * dictionary is not copied here: the site build prepends PySastrawi's own kata-dasar.txt as
 * `SASTRAWI_KATA_DASAR` (one word per line).
 *
 * Sastrawi: Copyright (c) 2015 Andy Librian, MIT licence (LICENSE-sastrawi.txt).
 */
var Sastrawi = (function () {
  "use strict";

  var C = "bcdfghjklmnpqrstvwxyz";
  function rule(pattern, build) {
    var re = new RegExp(pattern);
    return function (word) {
      var m = re.exec(word);
      return m ? build(m) : null;
    };
  }
  function join(from) {
    return function (m) { return m.slice(from).join(""); };
  }
  function prefixed(text, from) {
    return function (m) { return text + m.slice(from).join(""); };
  }
  function notEr(check) {  // null when the rest starts with "er" (rules 2, 23)
    return function (m) { return /^er/.test(m[3]) ? null : check(m); };
  }

  // One list per PrefixDisambiguator, in VisitorProvider order.
  var DISAMBIGUATORS = [
    [rule("^ber([aiueo].*)$", join(1)), rule("^ber([aiueo].*)$", prefixed("r", 1))],
    [rule("^ber([" + C + "])([a-z])(.*)", notEr(join(1)))],
    [rule("^ber([" + C + "])([a-z])er([aiueo])(.*)", function (m) {
      return m[1] === "r" ? null : m[1] + m[2] + "er" + m[3] + m[4];
    })],
    [function (word) { return word === "belajar" ? "ajar" : null; }],
    [rule("^be([bcdfghjklmnpqstvwxyz])(er[" + C + "])(.*)$", join(1))],
    [rule("^ter([aiueo].*)$", join(1)), rule("^ter([aiueo].*)$", prefixed("r", 1))],
    [rule("^ter([" + C + "])er([aiueo].*)$", function (m) {
      return m[1] === "r" ? null : m[1] + "er" + m[2];
    })],
    [rule("^ter([" + C + "])(.*)$", function (m) {
      return m[1] === "r" || /^er/.test(m[2]) ? null : m[1] + m[2];
    })],
    [rule("^te([" + C + "])er([" + C + "])(.*)$", function (m) {
      return m[1] === "r" ? null : m[1] + "er" + m[2] + m[3];
    })],
    [rule("^me([lrwy])([aiueo])(.*)$", join(1))],
    [rule("^mem([bfv])(.*)$", join(1))],
    [rule("^mempe(.*)$", prefixed("pe", 1))],
    [rule("^mem([aiueo])(.*)$", prefixed("m", 1)), rule("^mem([aiueo])(.*)$", prefixed("p", 1))],
    [rule("^men([cdjstz])(.*)$", join(1))],
    [rule("^men([aiueo])(.*)$", prefixed("n", 1)), rule("^men([aiueo])(.*)$", prefixed("t", 1))],
    [rule("^meng([ghqk])(.*)$", join(1))],
    [rule("^meng([aiueo])(.*)$", join(1)), rule("^meng([aiueo])(.*)$", prefixed("k", 1)),
     rule("^menge(.*)$", join(1)), rule("^meng([aiueo])(.*)$", prefixed("ng", 1))],
    [rule("^meny([aiueo])(.*)$", prefixed("ny", 1)),
     rule("^meny([aiueo])(.*)$", prefixed("s", 1))],
    [rule("^memp([abcdfghijklmopqrstuvwxyz])(.*)$", prefixed("p", 1))],
    [rule("^pe([wy])([aiueo])(.*)$", join(1))],
    [rule("^per([aiueo])(.*)$", join(1)), rule("^pe(r[aiueo])(.*)$", join(1))],
    [rule("^per([" + C + "])([a-z])(.*)$", notEr(join(1)))],
    [rule("^per([" + C + "])([a-z])er([aiueo])(.*)$", function (m) {
      return m[1] === "r" ? null : m[1] + m[2] + "er" + m[3] + m[4];
    })],
    [rule("^pem([bfv])(.*)$", join(1))],
    [rule("^pem([aiueo])(.*)$", prefixed("m", 1)), rule("^pem([aiueo])(.*)$", prefixed("p", 1))],
    [rule("^pen([cdjstz])(.*)$", join(1))],
    [rule("^pen([aiueo])(.*)$", prefixed("n", 1)), rule("^pen([aiueo])(.*)$", prefixed("t", 1))],
    [rule("^peng([" + C + "])(.*)$", join(1))],
    [rule("^peng([aiueo])(.*)$", join(1)), rule("^peng([aiueo])(.*)$", prefixed("k", 1)),
     rule("^penge(.*)$", join(1))],
    [rule("^peny([aiueo])(.*)$", prefixed("ny", 1)),
     rule("^peny([aiueo])(.*)$", prefixed("s", 1))],
    [function (word) {
      return word === "pelajar" ? "ajar" : rule("^pe(l[aiueo])(.*)$", join(1))(word);
    }],
    [rule("^pe([" + C + "])(.*)$", function (m) { return /^er/.test(m[2]) ? null : m[1] + m[2]; })],
    [rule("^ter([bcdfghjkpqstvxz])(er[" + C + "])(.*)$", join(1))],
    [rule("^pe([bcdfghjkpqstvxz])(er[" + C + "])(.*)$", join(1))],
    [rule("^([" + C + "])(er[aiueo])(.*)$", join(1)), rule("^([" + C + "])er([aiueo])(.*)$", join(1))],
    [rule("^([" + C + "])(el[aiueo])(.*)$", join(1)), rule("^([" + C + "])el([aiueo])(.*)$", join(1))],
    [rule("^([" + C + "])(em[aiueo])(.*)$", join(1)), rule("^([" + C + "])em([aiueo])(.*)$", join(1))],
    [rule("^([" + C + "])(in[aiueo])(.*)$", join(1)), rule("^([" + C + "])in([aiueo])(.*)$", join(1))],
    [rule("^ku(.*)$", join(1))],
    [rule("^kau(.*)$", join(1))],
  ];

  // Python's re.sub(pattern, "", word, count=1) with the result used as a pattern.
  function removedPart(subject, result) {
    return subject.replace(new RegExp(result), "");
  }

  function Context(word, dictionary) {
    this.original = word;
    this.current = word;
    this.dictionary = dictionary;
    this.stopped = false;
    this.removals = [];
  }

  Context.prototype.has = function (word) {
    return word !== null && this.dictionary[word] === true;
  };

  Context.prototype.suffixVisitor = function (pattern, type) {
    var re = new RegExp(pattern);
    return function (context) {
      var result = context.current.replace(re, "");
      if (result !== context.current) {
        context.removals.push({ subject: context.current, result: result,
          removed: removedPart(context.current, result), type: type });
        context.current = result;
      }
    };
  };

  var PARTICLE = Context.prototype.suffixVisitor("-*(lah|kah|tah|pun)$", "P");
  var POSSESSIVE = Context.prototype.suffixVisitor("-*(ku|mu|nya)$", "PP");
  var DERIVATIONAL = Context.prototype.suffixVisitor("(is|isme|isasi|i|kan|an)$", "DS");
  var PLAIN_PREFIX = Context.prototype.suffixVisitor("^(di|ke|se)", "DP");
  var SUFFIX_VISITORS = [PARTICLE, POSSESSIVE, DERIVATIONAL];
  var PREFIX_VISITORS = [PLAIN_PREFIX].concat(DISAMBIGUATORS.map(function (rules) {
    return function (context) {
      var result = null;
      for (var i = 0; i < rules.length; i++) {
        result = rules[i](context.current);
        if (context.has(result)) {
          break;
        }
      }
      if (result === null) {
        return;
      }
      context.removals.push({ subject: context.current, result: result,
        removed: removedPart(context.current, result), type: "DP" });
      context.current = result;
    };
  }));
  var PRECEDENCE = [/^be(.*)lah$/, /^be(.*)an$/, /^me(.*)i$/, /^di(.*)i$/, /^pe(.*)i$/,
    /^ter(.*)i$/];

  Context.prototype.acceptVisitors = function (visitors) {
    for (var i = 0; i < visitors.length; i++) {
      visitors[i](this);
      if (this.has(this.current) || this.stopped) {
        return;
      }
    }
  };

  Context.prototype.acceptPrefixVisitors = function () {
    var count = this.removals.length;
    for (var i = 0; i < PREFIX_VISITORS.length; i++) {
      PREFIX_VISITORS[i](this);
      if (this.has(this.current) || this.stopped || this.removals.length > count) {
        return;
      }
    }
  };

  Context.prototype.removePrefixes = function () {
    for (var i = 0; i < 3; i++) {
      this.acceptPrefixVisitors();
      if (this.has(this.current)) {
        return;
      }
    }
  };

  Context.prototype.execute = function () {
    this.startStemming();
    return this.has(this.current) ? this.current : this.original;
  };

  Context.prototype.startStemming = function () {
    if (this.has(this.current)) {
      return;
    }
    if (this.current.length <= 3) {  // DontStemShortWord
      this.stopped = true;
    }
    if (this.has(this.current)) {
      return;
    }
    var original = this.original;
    if (PRECEDENCE.some(function (re) { return re.test(original); })) {
      this.removePrefixes();
      if (this.has(this.current)) {
        return;
      }
      this.acceptVisitors(SUFFIX_VISITORS);
      if (this.has(this.current)) {
        return;
      }
      this.current = this.original;
      this.removals = [];
    }
    this.acceptVisitors(SUFFIX_VISITORS);
    if (this.has(this.current)) {
      return;
    }
    this.removePrefixes();
    if (this.has(this.current)) {
      return;
    }
    this.loopPengembalianAkhiran();
  };

  Context.prototype.loopPengembalianAkhiran = function () {
    this.restorePrefix();
    var removals = this.removals.slice();
    var current = this.current;
    for (var i = removals.length - 1; i >= 0; i--) {
      var removal = removals[i];
      if (["DS", "PP", "P"].indexOf(removal.type) < 0) {
        continue;
      }
      if (removal.removed === "kan") {
        this.current = removal.result + "k";
        this.removePrefixes();
        if (this.has(this.current)) {
          return;
        }
        this.current = removal.result + "kan";
      } else {
        this.current = removal.subject;
      }
      this.removePrefixes();
      if (this.has(this.current)) {
        return;
      }
      this.removals = removals;
      this.current = current;
    }
  };

  Context.prototype.restorePrefix = function () {
    if (this.removals.length) {
      this.current = this.removals[0].subject;
    }
    this.removals = this.removals.filter(function (r) { return r.type !== "DP"; });
  };

  function Stemmer(words) {
    this.dictionary = Object.create(null);
    for (var i = 0; i < words.length; i++) {
      if (words[i].trim() !== "") {
        this.dictionary[words[i]] = true;
      }
    }
    this.cache = Object.create(null);
  }

  Stemmer.prototype.singular = function (word) {
    return new Context(word, this.dictionary).execute();
  };

  Stemmer.prototype.isPlural = function (word) {
    var m = /^(.*)-(ku|mu|nya|lah|kah|tah|pun)$/.exec(word);
    if (m) {
      return m[1].indexOf("-") !== -1;
    }
    return word.indexOf("-") !== -1;
  };

  Stemmer.prototype.plural = function (plural) {
    var m = /^(.*)-(.*)$/.exec(plural);
    if (!m) {
      return plural;
    }
    var words = [m[1], m[2]];
    var inner = /^(.*)-(.*)$/.exec(words[0]);
    if (["ku", "mu", "nya", "lah", "kah", "tah", "pun"].indexOf(words[1]) >= 0 && inner) {
      words[1] = inner[2] + "-" + words[1];
      words[0] = inner[1];
    }
    var root1 = this.singular(words[0]);
    var root2 = this.singular(words[1]);
    if (this.dictionary[words[1]] !== true && root2 === words[1]) {
      root2 = this.singular("me" + words[1]);
    }
    return root1 === root2 ? root1 : plural;
  };

  /* The stem of one word already lower-cased and cut to [a-z0-9-] (PySastrawi's
   * CachedStemmer.stem of a one-word text). */
  Stemmer.prototype.stem = function (word) {
    if (!(word in this.cache)) {
      this.cache[word] = this.isPlural(word) ? this.plural(word) : this.singular(word);
    }
    return this.cache[word];
  };

  return { Stemmer: Stemmer };
})();
