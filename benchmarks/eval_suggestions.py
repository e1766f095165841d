"""Top-3 accuracy of the phrase suggestions (``workstation.suggest``), with baselines.

Run: ``.venv/bin/python benchmarks/eval_suggestions.py`` (a few seconds).

Two data sets, one method: the buyer's message is compared with the phrase texts (TF-IDF over
Chinese character unigrams and bigrams, cosine), blended with usage; a hit is the right phrase
among the three shown.

1. **Demo data** (``central.demodata``, the simulator): for each shop, the library is the shop's
   team phrases plus one agent's personal ones, as the demo seeds them. Buyer openings are drawn
   from the simulator per skill group and *topic* (spec, price, deposit, stock, ship_when, where,
   address, return, quality, exchange, attitude, threat, fake, stuck). "The phrase the agent should
   pick" is defined by hand, per topic, as the set of phrase codes that answer it (``GOLD`` below,
   written by reading the phrase texts, not by looking at the suggester's output); a suggestion is
   right when one of the three is in that set. No usage counts (the demo has none).

2. **Real conversations** (``../shared/data/ecd/valid.tsv``, the E-commerce Dialogue Corpus sample:
   77 real Taobao dialogues). The phrase library is the set of distinct real agent replies in
   them (what a shop would have collected as phrases). Every agent turn is a test case: the buyer
   message right before it is the query, the real reply is the phrase to find. Held out by
   dialogue: the usage counts (and, in the "learned" variant, the buyer messages attached to a
   phrase) come only from the *other* 76 dialogues. Reported:

   * ``all replies``: library = all distinct replies; every agent turn counts;
   * ``frequent replies``: library = replies used in at least two dialogues (what a team would
     keep as phrases); only the turns answered with such a reply count (most real replies are
     one-off sentences no phrase library holds);
   * ``learned`` variants: each phrase's text is extended with the buyer messages that preceded
     it in the other dialogues (``Suggester(examples=...)``) — what the workstation does with its
     own history (``workstation.phrases.answered_examples``: the agent's cached replies that start
     with a phrase, and the buyer message before each);
   * ``R2@1``: the corpus's own task — for the 77 final turns, is the real reply ranked above the
     corpus's distractor reply.

   Baselines in the same run: random (the exact expectation of three random phrases) and
   frequency (the three most used replies of the other dialogues).
"""

from __future__ import annotations

import math
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workstation.suggest import Suggester  # noqa: E402
from workstation.sync import PhraseView  # noqa: E402

ECD = ROOT.parent / "shared" / "data" / "ecd" / "valid.tsv"
K = 3

#: topic → codes of the demo phrases that answer it (hand-labelled from the phrase texts)
GOLD: dict[str, set[str]] = {
    "spec": {"cs", "ypsm", "nkcm", "db", "tj"},
    "price": {"yh", "mj", "yhq", "bj", "hd", "hdgz", "gj", "zh"},
    "deposit": {"ys", "cwk"},
    "stock": {"xh", "kc", "cfkc"},
    "ship_when": {"fh", "zdfh", "dc", "xh"},
    "where": {"cx", "wl", "cj", "dh", "ycj", "qs", "yz", "bd", "wlgz"},
    "address": {"gdz", "xgdz", "dz", "xgdd"},
    "return": {"th", "tk", "jtk", "thdz", "jjtk", "yfx", "hh", "sx", "tzj"},
    "quality": {"zl", "wt", "ps", "bf", "tzj", "zswt", "th"},
    "exchange": {"hh", "th", "thdz"},
    "attitude": {"qy", "lj", "ts", "xs", "zr", "bq"},
    "threat": {"qy", "sj", "lj", "zr", "xs", "gjcl", "hf"},
    "fake": {"zp", "xsbz", "qy", "zr"},
    "stuck": {"cj", "ycj", "sj", "wl", "cx"},
}


@dataclass
class Score:
    hits: int = 0
    total: int = 0
    expected_random: float = 0.0

    def add(self, hit: bool, random_p: float = 0.0) -> None:
        self.hits += int(hit)
        self.total += 1
        self.expected_random += random_p

    def pct(self) -> str:
        return f"{100 * self.hits / self.total:5.1f}%" if self.total else "  n/a"

    def random_pct(self) -> str:
        return f"{100 * self.expected_random / self.total:5.1f}%" if self.total else "  n/a"


def random_top_k(n_library: int, n_right: int, k: int = K) -> float:
    """Probability that k phrases drawn at random include one of n_right right ones."""
    if n_library <= 0 or n_right <= 0:
        return 0.0
    k = min(k, n_library)
    return 1.0 - math.comb(n_library - n_right, k) / math.comb(n_library, k)


# ----------------------------------------------------------------------------- demo data


def eval_demo(per_topic: int = 40, seed: int = 7) -> None:
    try:
        from central import demodata as d

        opening: Callable[..., str] = d._opening  # the simulator's buyer line for a given topic
        make_ctx: Callable[..., object] = d._Ctx
        topics_of: dict[str, Sequence[str]] = {g: list(t) for g, t in d._BUYER.items()}
    except (ImportError, AttributeError) as exc:
        print(f"demo data: not evaluated (the simulator's API changed: {exc})")
        return
    rng = random.Random(seed)
    agent = next(u for u in d.demo_users() if u.role == "agent")
    overall = Score()
    by_topic: dict[str, Score] = {}
    missing_codes: set[str] = set()
    for shop in d.demo_shops():
        lib = [
            PhraseView(f"{shop.key}:{p.code}", 1, None, p.group_name, p.code, p.text, i)
            for i, p in enumerate(d.demo_phrases([shop], [agent]))
        ]
        codes = {p.code for p in lib}
        suggester = Suggester(lib)
        for group, topics in topics_of.items():
            for topic in topics:
                gold = GOLD.get(topic, set())
                missing_codes |= gold - codes
                right = gold & codes
                if not right:
                    continue
                for _ in range(per_topic):
                    message = opening(make_ctx(rng, shop), group, topic)
                    top = [s.phrase.code for s in suggester.suggest(message, K)]
                    hit = bool(right & set(top))
                    p = random_top_k(len(lib), len(right))
                    overall.add(hit, p)
                    by_topic.setdefault(topic, Score()).add(hit, p)
    print(f"demo data ({len(d.demo_shops())} shops, {per_topic} simulated buyer openings per topic and shop)")
    print(f"  top-{K}: {overall.pct()} of {overall.total}   random baseline {overall.random_pct()}")
    print("  by topic: " + ", ".join(f"{t} {s.pct().strip()}" for t, s in sorted(by_topic.items())))
    if missing_codes:
        print(
            "  (gold codes missing from some shop's library, ignored there: "
            f"{', '.join(sorted(missing_codes))})"
        )


# ----------------------------------------------------------------------------- ECD

_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")


def unsegment(text: str) -> str:
    """The corpus separates words by spaces; between Chinese characters they were not typed."""
    return _CJK_SPACE.sub("", text.strip())


@dataclass
class Dialogue:
    turns: list[str]  # buyer, agent, buyer, ... ending with the real agent reply
    distractor: str


def load_ecd(path: Path) -> list[Dialogue]:
    real: dict[tuple[str, ...], str] = {}
    fake: dict[tuple[str, ...], str] = {}
    order: list[tuple[str, ...]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        label, *utterances = parts
        context = tuple(unsegment(u) for u in utterances[:-1])
        reply = unsegment(utterances[-1])
        if context not in real and context not in fake:
            order.append(context)
        (real if label.strip() == "1" else fake)[context] = reply
    return [Dialogue([*c, real[c]], fake.get(c, "")) for c in order if c in real]


def norm(reply: str) -> str:
    return re.sub(r"\s+", "", reply)


def eval_ecd(path: Path) -> None:
    dialogues = load_ecd(path)
    # (dialogue index, buyer message, reply key)
    cases: list[tuple[int, str, str]] = []
    used_in: dict[str, set[int]] = {}
    text_of: dict[str, str] = {}
    for di, dlg in enumerate(dialogues):
        for j in range(1, len(dlg.turns), 2):
            key = norm(dlg.turns[j])
            if not key:
                continue
            text_of.setdefault(key, dlg.turns[j])
            used_in.setdefault(key, set()).add(di)
            cases.append((di, dlg.turns[j - 1], key))
    uses = Counter(key for _di, _q, key in cases)
    use_by_dialogue: dict[int, Counter[str]] = {}
    examples_by_dialogue: dict[int, dict[str, list[str]]] = {}
    for di, q, key in cases:
        use_by_dialogue.setdefault(di, Counter())[key] += 1
        examples_by_dialogue.setdefault(di, {}).setdefault(key, []).append(q)

    print(
        f"ECD sample ({len(dialogues)} real dialogues, {len(cases)} agent turns, "
        f"{len(text_of)} distinct replies; {path})"
    )
    for variant in ("all replies", "frequent replies"):
        keys = (
            sorted(text_of)
            if variant == "all replies"
            else sorted(k for k, d in used_in.items() if len(d) >= 2)
        )
        library = [PhraseView(k, 1, None, "", "", text_of[k], i) for i, k in enumerate(keys)]
        in_lib = set(keys)
        plain, learned, freq = Score(), Score(), Score()
        for di in range(len(dialogues)):
            mine = [(q, key) for d_, q, key in cases if d_ == di and key in in_lib]
            if not mine:
                continue
            # Held out: counts and examples from the other dialogues only.
            other_uses = uses - use_by_dialogue.get(di, Counter())
            usage = {k: other_uses[k] for k in keys if other_uses[k]}
            examples: dict[str, list[str]] = {}
            for dj, ex in examples_by_dialogue.items():
                if dj != di:
                    for k, qs in ex.items():
                        if k in in_lib:
                            examples.setdefault(k, []).extend(qs)
            s_plain = Suggester(library, usage)
            s_learned = Suggester(library, usage, examples=examples)
            top_freq = {k for k, _n in Counter(usage).most_common(K)}
            for q, key in mine:
                p = random_top_k(len(library), 1)
                plain.add(key in {s.phrase.id for s in s_plain.suggest(q, K)}, p)
                learned.add(key in {s.phrase.id for s in s_learned.suggest(q, K)}, p)
                freq.add(key in top_freq)
        print(f"  {variant}: library {len(library)} phrases, {plain.total} test turns")
        print(f"    top-{K} text similarity + usage : {plain.pct()}")
        print(f"    top-{K} learned (held-out pairs): {learned.pct()}")
        print(f"    baseline frequency             : {freq.pct()}")
        print(f"    baseline random                : {plain.random_pct()}")

    # The corpus's own task on the final turns: real reply vs distractor.
    wins = ties = n = 0
    for dlg in dialogues:
        if not dlg.distractor:
            continue
        real, fake = dlg.turns[-1], dlg.distractor
        lib = [PhraseView("real", 1, None, "", "", real, 0), PhraseView("fake", 1, None, "", "", fake, 1)]
        ranked = Suggester(lib).suggest(dlg.turns[-2], 2)
        n += 1
        if not ranked:
            ties += 1
        elif ranked[0].phrase.id == "real" and (len(ranked) == 1 or ranked[0].score > ranked[1].score):
            wins += 1
    print(
        f"  R2@1 (real reply above the corpus's distractor, last buyer message): "
        f"{100 * (wins + ties / 2) / n:5.1f}% of {n} (ties count half; random 50.0%)"
    )


def main() -> None:
    eval_demo()
    print()
    if ECD.exists():
        eval_ecd(ECD)
    else:
        print(f"ECD sample: not evaluated ({ECD} does not exist in this checkout)")


if __name__ == "__main__":
    main()
