"""Phrase suggestions for a buyer's message, without Qt and without any downloaded model.

Each phrase is a TF-IDF vector over its Chinese character unigrams and bigrams (Chinese has no
spaces; character bigrams are the usual cheap stand-in for words: 快递, 退款, 发货). A buyer's
message is vectorised the same way and the phrases are ranked by cosine similarity through an
inverted index, blended with how often this agent used each phrase. Measured in
``benchmarks/eval_suggestions.py`` (top-3 accuracy) and ``benchmarks/bench_phrases.py`` (speed).

Speed: a message's score accumulation costs one dictionary update per posting of each of its
terms. Terms that occur in a large share of the phrases (the 您好 and 亲 of every reply) carry
almost no weight (low IDF) but have the longest posting lists; they are skipped when the library
is large, which keeps a message well under the 20 ms target with 15,000 phrases.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from workstation.sync import PhraseView

#: weight of usage in the blend: score = similarity * (1 + USAGE_WEIGHT * log(1 + uses))
USAGE_WEIGHT = 0.15
#: phrases below this cosine similarity are not suggested at all (nothing fits)
MIN_SIMILARITY = 0.05
#: postings visited per message at most (a long message on a large library): a few ms of Python
MAX_POSTINGS = 3000
#: most used phrases kept to fill up the suggestions when fewer are similar enough
MOST_USED_KEPT = 10
#: with at least this many phrases, terms in more than COMMON_SHARE of them are skipped
COMMON_MIN_PHRASES = 400
COMMON_SHARE = 0.05

_VARIABLE_RE = re.compile(r"\{[^{}\s]{1,24}\}")
_TAG_RE = re.compile(r"<[^>]{0,200}>")
_WORD_RE = re.compile(r"[a-z0-9]+")


def terms(text: str) -> Counter[str]:
    """Character unigrams and bigrams of the CJK runs of ``text``, plus whole ASCII words
    (``ems``, order ids), after dropping variables, HTML tags, spaces and punctuation."""
    text = _TAG_RE.sub(" ", _VARIABLE_RE.sub(" ", unicodedata.normalize("NFKC", text).lower()))
    out: Counter[str] = Counter()
    out.update(_WORD_RE.findall(text))
    run: list[str] = []

    def flush() -> None:
        out.update(run)
        out.update(a + b for a, b in itertools.pairwise(run))
        run.clear()

    for ch in text:
        if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
            run.append(ch)
        elif ch.isspace() and run:
            # Segmented text (the ECD corpus puts spaces between words): a space inside Chinese
            # is no boundary, the bigram across it is real.
            continue
        elif run:
            flush()
    if run:
        flush()
    return out


@dataclass(frozen=True)
class Suggestion:
    phrase: PhraseView
    score: float
    similarity: float


class Suggester:
    """Ranks phrases by similarity to a buyer's message. Immutable; build a new one when the
    phrases change (about 1 s for 15,000 phrases: on a worker)."""

    def __init__(
        self,
        phrases: Sequence[PhraseView],
        usage: Mapping[str, int] | None = None,
        *,
        examples: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """``examples``: buyer messages known to have been answered with a phrase (by id), e.g.
        from ``workstation.phrases.answered_examples``; their terms are added to the phrase's own,
        so that a phrase is also found by the words buyers use for what it answers."""
        self._phrases = list(phrases)
        self._usage = dict(usage or {})
        docs: list[Counter[str]] = []
        for p in self._phrases:
            c = terms(p.text)
            for ex in (examples or {}).get(p.id, ()):
                c.update(terms(ex))
            docs.append(c)
        n = len(docs)
        df: Counter[str] = Counter()
        for c in docs:
            df.update(c.keys())
        self._idf = {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}
        limit = n if n < COMMON_MIN_PHRASES else max(1, int(n * COMMON_SHARE))
        self._skip = {t for t, d in df.items() if d > limit}
        # Postings as two flat arrays per term, not a list of (id, weight) tuples: 1.5 million
        # tuples for 15,000 phrases took a few hundred milliseconds to free in one go, with the
        # GIL held (the UI thread stalled whenever an old suggester was dropped).
        postings: dict[str, tuple[array[int], array[float]]] = {}
        for i, c in enumerate(docs):
            weights = {t: (1 + math.log(f)) * self._idf[t] for t, f in c.items()}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            for t, w in weights.items():
                entry = postings.get(t)
                if entry is None:
                    entry = postings[t] = (array("i"), array("d"))
                entry[0].append(i)
                entry[1].append(w / norm)
            # Freed one phrase at a time, inside this loop (the GIL can change hands between
            # iterations), rather than all 15,000 counters at once when the list goes.
            docs[i] = Counter()
        self._postings = postings
        self._boost = [1.0 + USAGE_WEIGHT * math.log1p(self._usage.get(p.id, 0)) for p in self._phrases]
        used = [(n, i) for i, p in enumerate(self._phrases) if (n := self._usage.get(p.id, 0)) > 0]
        self._most_used = [i for _n, i in sorted(used, key=lambda t: (-t[0], t[1]))[:MOST_USED_KEPT]]

    def __len__(self) -> int:
        return len(self._phrases)

    def release(self) -> None:
        """Free the index piece by piece (call it on a worker once the suggester is replaced):
        dropping it whole would hold the GIL for as long as freeing takes."""
        postings = self._postings
        while postings:
            postings.popitem()
        idf = self._idf
        while idf:
            idf.popitem()

    def suggest(self, message: str, k: int = 3) -> list[Suggestion]:
        """The ``k`` best phrases for a buyer's message, best first; fewer (or none) when nothing
        is similar enough."""
        q = terms(message)
        if not q or not self._phrases:
            return []
        weights = {t: (1 + math.log(f)) * self._idf[t] for t, f in q.items() if t in self._idf}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        scores: dict[int, float] = {}
        get = scores.get
        # Without a telling term (a bare 好的 on a large library) similarity says nothing: only the
        # most used phrases are offered, below.
        usable = [t for t in weights if t not in self._skip]
        # Rarest terms first (highest IDF, shortest lists); stop adding terms once the budget of
        # postings is spent: what is left is the more common, less telling part of a long message.
        usable.sort(key=lambda t: len(self._postings[t][0]))
        spent = 0
        for t in usable:
            spent += len(self._postings[t][0])
            if spent > MAX_POSTINGS and t != usable[0]:
                break
            qw = weights[t] / norm
            ids, dws = self._postings[t]
            for i, dw in zip(ids, dws, strict=True):
                scores[i] = get(i, 0.0) + qw * dw
        boost = self._boost
        best = heapq.nlargest(
            k,
            ((s * boost[i], s, i) for i, s in scores.items() if s >= MIN_SIMILARITY),
        )
        out = [Suggestion(self._phrases[i], score, sim) for score, sim, i in best]
        if len(out) < k:
            # Nothing else is similar: the agent's most used phrases are the next best guess (the
            # 好的 and 稍等 that answer a bare "在吗"); never phrases nobody used.
            taken = {i for _score, _sim, i in best}
            for i in self._most_used:
                if len(out) >= k:
                    break
                if i not in taken:
                    out.append(Suggestion(self._phrases[i], 0.0, scores.get(i, 0.0)))
        return out
