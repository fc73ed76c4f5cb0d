"""Indonesian search terms: the words of a text as the site's search index and search box see them.

A text becomes terms in three steps, the same in Python (the index, built here) and in the
browser (the query, ``assets/search-worker.js``), so both meet exactly:

1. words: lower case, runs of ``[a-z0-9]`` joined by single hyphens ("rata-rata");
2. synonyms: a sequence of words listed in one group of ``site.yaml``'s ``pencarian.sinonim``
   ("kepala sub bagian", "kasubbag", "kasubag") becomes the group's first entry without spaces;
3. stems: every other word without digits goes through the Sastrawi stemmer (Nazief-Adriani /
   ECS), so "memverifikasi", "diverifikasi" and "verifikasi" all give "verifikasi".

The browser runs a port of the same stemmer (``assets/sastrawi.js``) with the same root-word
dictionary, which :func:`worker_script` takes from the installed PySastrawi.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Protocol

WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TAG = re.compile(r"<[^>]*>")
_DIGIT = re.compile(r"[0-9]")

# Worker parts, in the order the composed script needs them.
WORKER_PARTS = ("sastrawi.js", "search-worker.js")


class _Stemmer(Protocol):
    def stem(self, text: str) -> str: ...


@cache
def _sastrawi() -> _Stemmer:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stemmer: _Stemmer = StemmerFactory().create_stemmer()
    return stemmer


def dictionary_path() -> Path:
    """PySastrawi's root-word list, which the browser's stemmer must share."""
    import Sastrawi.Stemmer

    return Path(Sastrawi.Stemmer.__file__).parent / "data" / "kata-dasar.txt"


def stem(word: str) -> str:
    """The Sastrawi stem of one word (lower case, ``[a-z0-9-]``); words with digits stay."""
    return word if _DIGIT.search(word) else _sastrawi().stem(word)


def words(text: str) -> list[str]:
    """The words of a text, lower case."""
    return WORD.findall(text.lower())


class Synonyms:
    """Groups of equivalent words or phrases; each phrase maps to its group's first entry."""

    def __init__(self, groups: Iterable[Sequence[str]]) -> None:
        self.phrases: dict[tuple[str, ...], str] = {}
        for group in groups:
            variants = [tuple(words(v)) for v in group]
            variants = [v for v in variants if v]
            if variants:
                canonical = "".join(variants[0])
                for variant in variants:
                    self.phrases.setdefault(variant, canonical)
        self.longest = max((len(p) for p in self.phrases), default=0)

    def match(self, tokens: Sequence[str], start: int) -> tuple[str, int] | None:
        """(canonical term, number of words) of the longest phrase at ``start``, if any."""
        for length in range(min(self.longest, len(tokens) - start), 0, -1):
            canonical = self.phrases.get(tuple(tokens[start:start + length]))
            if canonical is not None:
                return canonical, length
        return None


def terms(text: str, synonyms: Synonyms, parts: bool = False) -> list[str]:
    """The search terms of a plain text, in order (repeats kept).

    With ``parts`` (the index), a phrase of several words also gives its words' stems, so
    "seksi" still finds "Kepala Seksi"; a query folds the phrase to its group's term only.
    """
    tokens = words(text)
    result: list[str] = []
    index = 0
    while index < len(tokens):
        found = synonyms.match(tokens, index)
        if found is not None:
            result.append(found[0])
            if parts and found[1] > 1:
                result.extend(stem(t) for t in tokens[index:index + found[1]])
            index += found[1]
        else:
            result.append(stem(tokens[index]))
            index += 1
    return result


def html_terms(markup: str, synonyms: Synonyms) -> str:
    """The distinct terms of an HTML snippet of the search index, space-separated, in order."""
    text = html.unescape(_TAG.sub(" ", markup))
    return " ".join(dict.fromkeys(terms(text, synonyms, parts=True)))


def worker_script(synonym_groups: Sequence[Sequence[str]]) -> str:
    """The search worker as one script: settings, the root-word list, stemmer, worker.

    One file, because a page opened from disk runs the worker in a frame that cannot
    import scripts (see ``assets/search-shim.js``).
    """
    folder = resources.files("sop_docs.site") / "assets"
    settings = json.dumps({"sinonim": [list(g) for g in synonym_groups]}, ensure_ascii=False,
                          sort_keys=True)
    roots = dictionary_path().read_text(encoding="utf-8")
    parts = [
        f"var SOP_SEARCH = {settings};\n",
        f"var SASTRAWI_KATA_DASAR = {json.dumps(roots)};\n",
        *((folder / name).read_text(encoding="utf-8") for name in WORKER_PARTS),
    ]
    return "".join(parts)
