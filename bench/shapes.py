#!/usr/bin/env python3
"""Writes the script-written roadmaps of BENCHMARKS.md ("Other shapes").

The generator (`trailmap-bench generate`) writes the shapes the benchmarks
were tuned on; these are the other files measured against issue 17's bounds,
written the way a user's script would write them: Python's `json.dump`,
indented (`indent=2`) or on one line (its default), ids `skill-N` and names
"Skill number N" unless a shape says otherwise. Each shape is seeded, so a
file is the same on every run.

Usage (Python's standard library only):
  python3 bench/shapes.py --list                         # every shape and what it is
  python3 bench/shapes.py                                # every shape, 100k skills, both spellings
  python3 bench/shapes.py --shapes all5,hub --spelling one-line --skills 1M
  python3 bench/shapes.py --shapes mix16,binom --listing oldest-first  # each list sorted, as authors write them
  python3 bench/sweep.py --files bench/out/shapes/*.json # then measure them

Files go to bench/out/shapes/<shape>-<spelling>.json (ignored by git).
"""

import argparse
import json
import math
import os
import random
import sys
import uuid

SYLLABLES = ["ka", "to", "ri", "ne", "lo", "mi", "su", "pa", "de", "vo", "qui", "zan", "bel", "tor", "wy"]


def window(rng, i, back, most, least=0):
    """`least`-`most` distinct skills among the `back` before skill `i` (all before if `back` is None)."""
    low = 0 if back is None else max(0, i - back)
    return rng.sample(range(low, i), min(rng.randint(least, most), i - low))


def word(rng, syllables, least=2, most=4):
    return "".join(rng.choice(SYLLABLES[:syllables]) for _ in range(rng.randint(least, most))).capitalize()


def distinct(rng, n, make):
    """`n` distinct names from `make(rng)`, in the order first made."""
    seen, names = set(), []
    while len(names) < n:
        name = make(rng)
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


# How each skill's plain prerequisites are listed (`--listing`): as each
# shape makes them, or sorted by the skills' places in the shape's own
# order, oldest (or newest) first; `any_of` groups stay after them.
LISTINGS = ("as-made", "oldest-first", "newest-first")
listing = "as-made"


def listed(entries):
    """`entries` (skill numbers and `any_of` groups) in the order `listing` says."""
    if listing == "as-made":
        return entries
    plain = sorted((e for e in entries if not isinstance(e, dict)), reverse=listing == "newest-first")
    return plain + [e for e in entries if isinstance(e, dict)]


def graph_shape(needs, ids=None, names=None, order=None):
    """A shape from a function of (rng, i, n) giving skill i's prerequisites."""

    def build(rng, n):
        id_of = ids(rng, n) if ids else [f"skill-{i}" for i in range(n)]
        name_of = names(rng, n) if names else [f"Skill number {i}" for i in range(n)]
        skills = []
        for i in range(n):
            skill = {"id": id_of[i], "name": name_of[i]}
            entries = listed(needs(rng, i, n))
            if entries:
                skill["prerequisites"] = [e if isinstance(e, dict) else id_of[e] for e in entries]
            skills.append(skill)
        for entry in (e for s in skills for e in s.get("prerequisites", []) if isinstance(e, dict)):
            entry["any_of"] = [id_of[m] for m in entry["any_of"]]
        if order:
            order(rng, skills)
        return {"skills": skills}

    return build


def w5000(rng, i, n):
    return window(rng, i, 5000, 3)


def preferential(most):
    """0-`most` prerequisites among everything before, each half the time a
    skill already needed (so as often as it was) and half the time any."""
    pool = []

    def needs(rng, i, n):
        if i == 0:
            pool.clear()
        chosen = set()
        while len(chosen) < min(rng.randint(0, most), i):
            chosen.add(rng.choice(pool) if pool and rng.random() < 0.5 else rng.randrange(i))
        pool.extend(chosen)
        pool.append(i)
        return sorted(chosen)

    return needs


def hub(rng, i, n):
    if i < 2:
        return [0] * i
    return [0] + rng.sample(range(max(1, i - 100), i), min(2, i - max(1, i - 100)))


def capstone(chained):
    def needs(rng, i, n):
        if i == n - 1:
            return list(range(n - 1))
        return [i - 1] if chained and i > 0 else []

    return needs


def chainpick(k):
    def needs(rng, i, n):
        if i < 1000:
            return [i - 1] if i else []
        return rng.sample(range(1000), k)

    return needs


def consecutive(k, descending):
    def needs(rng, i, n):
        before = list(range(max(0, i - k), i))
        return before[::-1] if descending else before

    return needs


def layers(width, each, anywhere=0):
    def needs(rng, i, n):
        layer = i // width
        if layer == 0:
            return []
        previous = range((layer - 1) * width, layer * width)
        picked = list(previous) if each >= width else rng.sample(previous, each)
        extra = [p for p in window(rng, (layer - 1) * width, None, anywhere, anywhere) if p not in picked]
        return picked + extra

    return needs


def grid(rev):
    def needs(rng, i, n):
        row, col = divmod(i, 316)
        left, up = ([i - 1] if col else []), ([i - 316] if row else [])
        if not rev:
            return up + left
        diagonal = [i - 317] if row and col and rng.random() < 0.3 else []
        return left + up + diagonal

    return needs


def powerdist(rng, i, n):
    picked = set()
    for _ in range(rng.randint(0, 4) if i else 0):
        picked.add(i - max(1, min(i, int(math.exp(rng.uniform(0, math.log(i + 1)))))))
    return sorted(picked)


def any_of(rng, i, groups, size, back):
    low = max(0, i - back) if back else 0
    if i - low < size:
        return []
    return [{"any_of": rng.sample(range(low, i), size)} for _ in range(groups)]


def foundations(rng, i, n):
    """1-3 of the 50 before and one of the first 10, as a roadmap whose every skill needs a foundation too."""
    if i == 0:
        return []
    near = {rng.randrange(max(0, i - 50), i) for _ in range(rng.randint(1, 3))}
    return sorted(near | ({rng.randrange(10)} if i > 10 else set()))


def heavy_tail(rng, i, n):
    """A count drawn from a Pareto distribution (most skills 0-2, a few hundreds), among the 2,000 before."""
    low = max(0, i - 2000)
    return rng.sample(range(low, i), min(int(rng.paretovariate(1.2)) - 1, 500, i - low))


def ancestors(parent_of):
    """Each skill needs every ancestor in a tree, from its parent up (`parent_of(rng, i)`: skill i's parent), as
    authors who list everything a skill builds on write it: every entry but the parent's is redundant."""
    parents = []

    def needs(rng, i, n):
        if i == 0:
            parents.clear()
            parents.append(None)
            return []
        parents.append(parent_of(rng, i))
        up, a = [], parents[i]
        while a is not None:
            up.append(a)
            a = parents[a]
        return up

    return needs


def names_of(make):
    return lambda rng, n: [make(rng, i) for i in range(n)]


def pair_names(edited):
    def make(rng, i):
        base = f"Skill number {i // 2}"
        return base.replace("number", "numbr") if edited and i % 2 else base

    return names_of(make)


def shuffled(rng, skills):
    rng.shuffle(skills)


def reversed_order(rng, skills):
    skills.reverse()


def made_up_words(rng, count):
    return ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 10))) for _ in range(count)]


def vocab_names(rng, n):
    words = made_up_words(rng, 1000)
    return [" ".join(rng.choice(words) for _ in range(rng.randint(2, 4))).title() for _ in range(n)]


def long_names(rng, n):
    words = made_up_words(rng, 2000)
    return [" ".join(rng.choice(words) for _ in range(rng.randint(10, 20))) for _ in range(n)]


def letters_from(start, count):
    """The first `count` letters from code point `start` on that are lower-case or uncased (so that
    lowercasing a name leaves them as they are)."""
    found, c = [], start
    while len(found) < count:
        letter = chr(c)
        if letter.isalpha() and letter.lower() == letter:
            found.append(letter)
        c += 1
    return found


def long_words(rng, n):
    """One made-up word of 40-120 letters a name; one in ten followed by a copy one edit away."""
    letters = "abcdefghijklmnopqrstuvwxyz"

    def edited(w):
        k = rng.randrange(len(w))
        op = rng.randrange(4)
        if op == 0:
            return w[:k] + rng.choice(letters) + w[k + 1 :]
        if op == 1:
            return w[:k] + rng.choice(letters) + w[k:]
        if op == 2:
            return w[:k] + w[k + 1 :]
        k = min(k, len(w) - 2)
        return w[:k] + w[k + 1] + w[k] + w[k + 2 :]

    seen, names = set(), []
    while len(names) < n:
        w = "".join(rng.choice(letters) for _ in range(rng.randint(40, 120)))
        for name in [w, edited(w)] if rng.random() < 0.1 else [w]:
            if name not in seen and len(names) < n:
                seen.add(name)
                names.append(name.capitalize())
    return names


def one_letter_apart(rng, n):
    """"Kubernete" and one more letter from U+3400 on (CJK ideographs, Yi, Hangul and others, lower-case
    or uncased): every name one edit from every other (there are about 100,000 such letters below the
    supplementary ideographs' end, hence the shape's cap)."""
    return ["Kubernete" + c for c in letters_from(0x3400, n)]


def one_position_apart(rng, n):
    """A word of 13 letters with one of them replaced by another letter from U+00E0 on (lower-case or
    uncased), a position at a time: the names replacing one position are each one edit from the others."""
    base, per = "kubernetesops", -(-n // 13)
    letters = letters_from(0xE0, per)
    return [base[:p] + letters[k] + base[p + 1 :] for p in range(13) for k in range(per)][:n]


def swapped_pairs(rng, n):
    """One word of 4-6 syllables a pair; the second of a pair has two neighbouring letters swapped."""
    words = distinct(rng, (n + 1) // 2, lambda r: word(r, 15, 4, 6))
    names = []
    for w in words:
        k = next((k for k in range(2, len(w) - 1) if w[k] != w[k + 1]), None)
        names += [w, w[:k] + w[k + 1] + w[k] + w[k + 2 :] if k is not None else w + "s"]
    seen, unique = set(), []
    for name in names[:n]:
        while name in seen:
            name += "x"
        seen.add(name)
        unique.append(name)
    return unique


def any_of_huge(rng, i, n):
    """Every hundredth skill from 5,000 on: an `any_of` of 2,000 among the previous 5,000; the rest as `w5000`."""
    if i >= 5000 and i % 100 == 0:
        return [{"any_of": rng.sample(range(i - 5000, i), 2000)}]
    return w5000(rng, i, n)


def w5000_with(kind):
    """The `w5000` graph with phases (or projects, or details) that fire rules on most skills."""

    def build(rng, n):
        doc = graph_shape(w5000)(rng, n)
        ids = [s["id"] for s in doc["skills"]]
        if kind == "phases-backward":
            doc["phases"] = [
                {"id": f"phase-{p}", "title": f"Phase {p}", "skills": ids[n - 5 * (p + 1) : n - 5 * p]}
                for p in range(n // 5)
            ]
        elif kind == "phase-one":
            doc["phases"] = [{"id": "phase-0", "title": "Phase 0", "skills": ids[:1]}]
        elif kind == "phases-overlap":
            doc["phases"] = [
                {"id": f"phase-{p}", "title": f"Phase {p}", "skills": ids[5 * p : 5 * p + 5],
                 "span": {"unit": "week", "start": p + 1, "end": p + 3}}
                for p in range(n // 5)
            ]
        elif kind == "projects-many":
            doc["projects"] = [
                {"id": f"project-{p}", "title": f"Project {p}", "skills": rng.sample(ids, 30)} for p in range(n // 5)
            ]
        elif kind == "projects-later":
            # 20 phases in learning order; every project in the first,
            # using 30 skills of the others (TM110 on each).
            size = max(1, n // 20)
            doc["phases"] = [
                {"id": f"phase-{p}", "title": f"Phase {p}", "skills": ids[p * size : (p + 1) * size]} for p in range(20)
            ]
            later = ids[size:] or ids
            doc["projects"] = [
                {"id": f"project-{p}", "title": f"Project {p}", "phase": "phase-0",
                 "skills": rng.sample(later, min(30, len(later)))}
                for p in range(n // 5)
            ]
        elif kind == "bigphase":
            doc["phases"] = [{"id": "phase-all", "title": "Everything", "skills": ids}]
            doc["projects"] = [
                {"id": f"project-{p}", "title": f"Project {p}", "skills": rng.sample(ids, min(500, n))}
                for p in range(200)
            ]
        elif kind == "optional":
            for s in doc["skills"][1::2]:
                s["optional"] = True
        elif kind == "resources":
            for s in doc["skills"]:
                s["resources"] = [
                    {"title": f"Doc {r}", "url": f"{'http' if r % 2 else 'https'}://example.com/{s['id']}/{r}"}
                    for r in range(4)
                ]
        elif kind == "topics-heavy":
            for s in doc["skills"]:
                s["description"] = f"What {s['name']} covers, in a sentence or two of prose."
                s["topics"] = [f"Topic {t} of {s['name']}" for t in range(20)]
                s["resources"] = [
                    {"title": f"Resource {r}", "url": f"https://example.com/{s['id']}/{r}"} for r in range(5)
                ]
        return doc

    return build


# name -> (what it is, builder(rng, n) -> {"skills": [...], ...}, default skills)
SHAPES = {
    "w5000": ("the issue's own: 0-3 prerequisites among the previous 5,000", graph_shape(w5000), None),
    **{
        f"all{k}": (f"0-{k} prerequisites among everything before",
                    graph_shape(lambda rng, i, n, k=k: window(rng, i, None, k)), None)
        for k in (3, 5, 7, 10)
    },
    "shuf5": ("`all5` with its skills shuffled in the file", graph_shape(lambda rng, i, n: window(rng, i, None, 5), order=shuffled), None),
    "rev5": ("`all5` with its skills listed last first", graph_shape(lambda rng, i, n: window(rng, i, None, 5), order=reversed_order), None),
    "dense20w": ("0-20 among the previous 1,000", graph_shape(lambda rng, i, n: window(rng, i, 1000, 20)), None),
    "dense20all": ("0-20 among everything before", graph_shape(lambda rng, i, n: window(rng, i, None, 20)), None),
    **{
        f"w{back // 1000}k{most}": (f"0-{most} among the previous {back:,}",
                                    graph_shape(lambda rng, i, n, back=back, most=most: window(rng, i, back, most)), None)
        for back, most in ((10_000, 20), (20_000, 10), (30_000, 8), (50_000, 5))
    },
    "preferential": ("0-5 among everything before, half of them chosen as often as already needed",
                     graph_shape(preferential(5)), None),
    "hub": ("`skill-0` and 2 of the previous 100: `skill-0` redundant in each", graph_shape(hub), None),
    "skip2": ("each needs the two before it (one redundant a skill)", graph_shape(lambda rng, i, n: [j for j in (i - 1, i - 2) if j >= 0]), None),
    "skip3": ("each needs `i-1`, `i-2`, `i-4`", graph_shape(lambda rng, i, n: [j for j in (i - 1, i - 2, i - 4) if j >= 0]), None),
    "deepfan": ("each needs the one before and 0-3 from anywhere earlier",
                graph_shape(lambda rng, i, n: ([i - 1] if i else []) + [p for p in window(rng, i, None, 3) if p != i - 1]), None),
    "grid": ("316 wide: each needs its upper and left neighbours", graph_shape(grid(False)), None),
    "grid-rev": ("as `grid`, the left one listed first, 30% with the diagonal too", graph_shape(grid(True)), None),
    "tree": ("a binary tree: skill `i` needs `(i-1)/2`", graph_shape(lambda rng, i, n: [(i - 1) // 2] if i else []), None),
    "revtree": ("a binary tree the other way: each needs its two children",
                graph_shape(lambda rng, i, n: [c for c in (2 * i + 1, 2 * i + 2) if c < n]), None),
    "star": ("every skill needs `skill-0`", graph_shape(lambda rng, i, n: [0] if i else []), None),
    **{
        f"ladder{k}": (f"each needs the one before and the one {k:,} before",
                       graph_shape(lambda rng, i, n, k=k: [p for p in (i - 1, i - k) if p >= 0]), None)
        for k in (2, 100, 10000)
    },
    "diamond": ("layers of 10, each skill needing 2 of the layer before", graph_shape(layers(10, 2)), None),
    "layers20": ("layers of 20, each needing all 20 of the layer before (2M edges)", graph_shape(layers(20, 20)), None),
    "sqrtlayers": ("layers of 316, each needing 8 of the layer before", graph_shape(layers(316, 8)), None),
    "layermix": ("layers of 1,000: 3 of the layer before and 2 from anywhere earlier", graph_shape(layers(1000, 3, 2)), None),
    "chainpick": ("a chain of 1,000; every other skill needs 5 of it (four redundant)", graph_shape(chainpick(5)), None),
    "chainpick10": ("the same, 10 of the chain each (nine redundant)", graph_shape(chainpick(10)), None),
    "powerdist": ("0-4 at log-uniform distances (as the generator's `log-distance`)", graph_shape(powerdist), None),
    "toporev": ("`w5000` listed last-needed first", graph_shape(w5000, order=reversed_order), None),
    "shufwin": ("`w5000` shuffled in the file", graph_shape(w5000, order=shuffled), None),
    "anyof": ("one plain prerequisite and an `any_of` of three, from everything before",
              graph_shape(lambda rng, i, n: window(rng, i, None, 1, 1) + any_of(rng, i, 1, 3, None)), None),
    "multiany": ("three `any_of` groups of three among the previous 5,000", graph_shape(lambda rng, i, n: any_of(rng, i, 3, 3, 5000)), None),
    "any-wide": ("an `any_of` of 10 among the previous 1,000 and one plain prerequisite",
                 graph_shape(lambda rng, i, n: window(rng, i, 1000, 1, 1) + any_of(rng, i, 1, 10, 1000)), None),
    "anyof50": ("one plain prerequisite and an `any_of` of 50, among the previous 2,000",
                graph_shape(lambda rng, i, n: window(rng, i, 2000, 1, 1) + any_of(rng, i, 1, 50, 2000)), None),
    "dense60": ("60 among the previous 1,000 (6M edges at 100k)", graph_shape(lambda rng, i, n: window(rng, i, 1000, 60, 60)), None),
    "bipartite": ("a fifth of the skills topics needing nothing, the rest each needing 5 of them",
                  graph_shape(lambda rng, i, n: rng.sample(range(n // 5), 5) if i >= n // 5 else []), None),
    "cap-chain": ("a capstone: one skill needs all others, which form a chain; ids `s<N>`, names \"Topic N\"",
                  graph_shape(capstone(True), ids=lambda rng, n: [f"s{i}" for i in range(n)],
                              names=names_of(lambda rng, i: f"Topic {i}")), None),
    "cap-flat": ("the same, the others needing nothing",
                 graph_shape(capstone(False), ids=lambda rng, n: [f"s{i}" for i in range(n)],
                             names=names_of(lambda rng, i: f"Topic {i}")), None),
    "c20a": ("ids `s<N>`: each needs the 20 before it, in order", graph_shape(consecutive(20, False), ids=lambda rng, n: [f"s{i}" for i in range(n)]), None),
    "c20d": ("the same, listed nearest first", graph_shape(consecutive(20, True), ids=lambda rng, n: [f"s{i}" for i in range(n)]), None),
    "c32a": ("ids `s<N>`: each needs the 32 before it", graph_shape(consecutive(32, False), ids=lambda rng, n: [f"s{i}" for i in range(n)]), None),
    "tournament": ("2,000 skills, ids `s<N>`, each needing all before it (2M edges)",
                   graph_shape(lambda rng, i, n: list(range(i)), ids=lambda rng, n: [f"s{i}" for i in range(n)]), 2000),
    "tournament4k": ("4,000 skills, ids `s<N>`, each needing all before it (8M edges)",
                     graph_shape(lambda rng, i, n: list(range(i)), ids=lambda rng, n: [f"s{i}" for i in range(n)]), 4000),
    "chains": ("chains of 100 skills, none joined to another", graph_shape(lambda rng, i, n: [i - 1] if i % 100 else []), None),
    "halves": ("each needs the one before and the one at half its number", graph_shape(
        lambda rng, i, n: sorted({j for j in (i - 1, i // 2) if 0 <= j < i})), None),
    "mix16": ("the 8 before and up to 8 from everything before", graph_shape(
        lambda rng, i, n: list(dict.fromkeys(list(range(max(0, i - 8), i)) + window(rng, i, None, 8)))), None),
    "near8far2": ("the 8 before and up to 2 from everything before, oldest first", graph_shape(
        lambda rng, i, n: sorted(set(range(max(0, i - 8), i)) | set(window(rng, i, None, 2)))), None),
    "near3far3": ("the 3 before and up to 3 from everything before, oldest first", graph_shape(
        lambda rng, i, n: sorted(set(range(max(0, i - 3), i)) | set(window(rng, i, None, 3)))), None),
    "longids": ("`w5000` with ids of 120 characters", graph_shape(w5000, ids=lambda rng, n: [f"skill-{'x' * 110}-{i}" for i in range(n)]), None),
    "uuid": ("`w5000` with UUID ids and 32-hex-digit names",
             graph_shape(w5000, ids=lambda rng, n: [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(n)],
                         names=lambda rng, n: [uuid.UUID(int=rng.getrandbits(128)).hex for _ in range(n)]), None),
    "bad-ids": ("`w5000` with ids `Skill_N` (a TM108 finding each)",
                graph_shape(w5000, ids=lambda rng, n: [f"Skill_{i}" for i in range(n)]), None),
    # Names, on the `w5000` graph.
    "vocab": ("names of 2-4 words from 1,000 made-up ones", graph_shape(w5000, names=vocab_names), None),
    "word": ("one word of 6-14 random letters a name", graph_shape(w5000, names=lambda rng, n: distinct(
        rng, n, lambda r: "".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(r.randint(6, 14))).capitalize())), None),
    "syll": ("one word of 4-7 syllables of 8 (\"Katorine\")", graph_shape(w5000, names=lambda rng, n: distinct(
        rng, n, lambda r: "".join(r.choice(SYLLABLES[:8]) for _ in range(r.randint(4, 7))).capitalize())), None),
    "ab": ("one word of 10-22 letters `a` and `b`", graph_shape(w5000, names=lambda rng, n: distinct(
        rng, n, lambda r: "".join(r.choice("ab") for _ in range(r.randint(10, 22))))), None),
    "twowords": ("two words of 2-4 of 15 syllables (\"Kato Rine\")", graph_shape(w5000, names=names_of(
        lambda rng, i: f"{word(rng, 15)} {word(rng, 15)}")), None),
    "threewords": ("three words of 1-3 of 15 syllables", graph_shape(w5000, names=names_of(
        lambda rng, i: " ".join(word(rng, 15, 1, 3) for _ in range(3)))), None),
    "learnword": ("\"Learn\" and a word of 2-4 syllables", graph_shape(w5000, names=names_of(lambda rng, i: f"Learn {word(rng, 15)}")), None),
    "wordnum": ("a word and a number of 1-99 (\"Quilo 4\")", graph_shape(w5000, names=names_of(
        lambda rng, i: f"{word(rng, 15)} {rng.randint(1, 99)}")), None),
    "abbrev": ("2-4 capitals, a dash and a number (\"KTR-12\")", graph_shape(w5000, names=names_of(
        lambda rng, i: "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(rng.randint(2, 4))) + f"-{rng.randint(1, 99)}")), None),
    "longnames": ("names of 10-20 words from 2,000 made-up ones", graph_shape(w5000, names=long_names), None),
    "unicode": ("Cyrillic names with a CJK character", graph_shape(w5000, names=names_of(
        lambda rng, i: f"Навык номер {i} — {chr(0x4E00 + i % 20000)}")), None),
    "names1000": ("1,000 names of two words, each given to a thousandth of the skills",
                  graph_shape(w5000, names=lambda rng, n: [names[i % 1000] for names in [distinct(
                      rng, 1000, lambda r: f"{word(r, 15)} {word(r, 15)}")] for i in range(n)]), None),
    "pad8": ("a word and a number of 8 digits (\"Topic 00001234\")", graph_shape(w5000, names=names_of(lambda rng, i: f"Topic {i:08d}")), None),
    "digits9": ("a number of 9 digits (\"100001234\")", graph_shape(w5000, names=names_of(lambda rng, i: f"{100_000_000 + i}")), None),
    "prefixnum": ("eight words, the last a number (\"Introduction to machine learning concepts part N\")",
                  graph_shape(w5000, names=names_of(lambda rng, i: f"Introduction to machine learning concepts part {i}")), None),
    "longword": ("one made-up word of 40-120 letters, one in ten with a copy one edit away", graph_shape(w5000, names=long_words), None),
    "abcd": ("one word of 9-12 letters `a` to `d`", graph_shape(w5000, names=lambda rng, n: distinct(
        rng, n, lambda r: "".join(r.choice("abcd") for _ in range(r.randint(9, 12))))), None),
    "punct": ("0-2 from everything before; names of symbols and numbers (\"C++/C# 12 (part 5)!\")", graph_shape(
        lambda rng, i, n: window(rng, i, None, 2), names=names_of(lambda rng, i: f"C++/C# {i} (part {i % 7})!")), None),
    "tw4": ("two words of 1-3 of 4 syllables and a digit (\"Kato Rika 3\")", graph_shape(w5000, names=names_of(
        lambda rng, i: f"{word(rng, 4, 1, 3)} {word(rng, 4, 1, 3)} {i % 10}")), None),
    "samename": ("every name \"Python\", a chain", graph_shape(lambda rng, i, n: [i - 1] if i else [], names=names_of(lambda rng, i: "Python")), None),
    "pairs": ("every name twice (\"Skill number N\" for `2N` and `2N+1`)", graph_shape(w5000, names=pair_names(False)), None),
    "pairsw": ("every other name one edit from the one before (\"Skill numbr N\")", graph_shape(w5000, names=pair_names(True)), None),
    "clique": ("\"Kubernete\" and one letter from U+3400 on (CJK, Yi, Hangul): every name one edit from every other (at most 100,000)", graph_shape(w5000, names=one_letter_apart), 100_000),
    "clique-pos": ("a 13-letter word with one letter replaced, thousands of names one edit from each", graph_shape(w5000, names=one_position_apart), None),
    "swaps": ("one word of syllables a pair, the second with two neighbouring letters swapped", graph_shape(w5000, names=swapped_pairs), None),
    "styles": ("every name twice, in two spellings (\"Skill number N\", \"skill_NUMBER-N\")", graph_shape(w5000, names=names_of(
        lambda rng, i: f"Skill number {i // 2}" if i % 2 == 0 else f"skill_NUMBER-{i // 2}")), None),
    "repeats": ("`w5000` and the skill before listed five times (four TM120 repeats a skill, TM107 on most)",
                graph_shape(lambda rng, i, n: [i - 1] * 5 + w5000(rng, i, n) if i else []), None),
    "anyof-huge": ("every hundredth skill an `any_of` of 2,000 among the previous 5,000", graph_shape(any_of_huge), None),
    # Findings from phases, projects and details, on the `w5000` graph.
    "phases-backward": ("20,000 phases of 5 skills, taught in reverse order", w5000_with("phases-backward"), None),
    "phase-one": ("one phase of one skill (TM102 on every other)", w5000_with("phase-one"), None),
    "phases-overlap": ("20,000 phases of 5 skills whose week spans overlap", w5000_with("phases-overlap"), None),
    "projects-many": ("20,000 projects of 30 skills", w5000_with("projects-many"), None),
    "projects-later": ("20 phases; 20,000 projects in the first using 30 skills of the others (TM110 on each)",
                       w5000_with("projects-later"), None),
    "bigphase": ("one phase of every skill and 200 projects of 500", w5000_with("bigphase"), None),
    "optional": ("every other skill optional (TM114 at most prerequisites of the others)", w5000_with("optional"), None),
    "topics-heavy": ("a description, 20 topics and 5 resources a skill", w5000_with("topics-heavy"), None),
    "resources": ("4 resources a skill, two with `http://` URLs (TM112 on half of them)", w5000_with("resources"), None),
    # Chains and powers of two (7 December).
    "chain1": ("a single chain: each skill needs the one before", graph_shape(lambda rng, i, n: [i - 1] if i else []), None),
    "chainhub": ("the one before and `skill-0` (TM107 on every skill)",
                 graph_shape(lambda rng, i, n: [i - 1, 0] if i > 1 else [i - 1] if i else []), None),
    "binom": ("`i-1`, `i-2`, `i-4`, ... (up to 20; all but the first redundant)",
              graph_shape(lambda rng, i, n: [i - (1 << k) for k in range(20) if (1 << k) <= i]), None),
    "sqrtchain": ("the one before and the one 1,000 before",
                  graph_shape(lambda rng, i, n: [i - 1] + ([i - 1000] if i >= 1000 else []) if i else []), None),
    # Foundations, heavy tails and denser graphs (7 December, later).
    "dense40all": ("0-40 among everything before (2M edges at 100k)", graph_shape(lambda rng, i, n: window(rng, i, None, 40)), None),
    "foundations": ("1-3 of the previous 50 and one of the first 10 (TM107 on most skills)",
                    graph_shape(foundations), None),
    "heavytail": ("a Pareto-distributed count (most 0-2, a few up to 500) among the previous 2,000",
                  graph_shape(heavy_tail), None),
    "grandparent": ("a binary tree: each needs its parent and its grandparent (redundant)",
                    graph_shape(lambda rng, i, n: ([(i - 1) // 2] if i else []) + ([(i - 3) // 4] if i >= 3 else [])), None),
    "ancestors": ("a random tree (each parent drawn among the skills before): each needs every ancestor, its parent first",
                  graph_shape(ancestors(lambda rng, i: rng.randrange(i))), None),
    "ancestors-bin": ("a binary tree: each needs every ancestor, its parent first (16 at 100k, 19 at 1M)",
                      graph_shape(ancestors(lambda rng, i: (i - 1) // 2)), None),
}




def count(text):
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * scale)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shapes", default="all", help="comma-separated shapes, or all")
    parser.add_argument("--skills", default="100k", help="skills a file (100k, 1M, ...); `tournament` at most 2,000, `tournament4k` 4,000")
    parser.add_argument("--spelling", default="indented,one-line", help="comma-separated: indented, one-line")
    parser.add_argument("--listing", default="as-made", choices=LISTINGS,
                        help="each skill's prerequisites as the shape makes them, or sorted oldest (newest) first; "
                             "files are then named <shape>-<listing>-<spelling>.json")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out", "shapes"))
    parser.add_argument("--list", action="store_true", help="print every shape and what it is")
    args = parser.parse_args()
    if args.list:
        for name, (what, _, _) in SHAPES.items():
            print(f"{name:16} {what}")
        return 0
    names = list(SHAPES) if args.shapes == "all" else args.shapes.split(",")
    unknown = [n for n in names if n not in SHAPES]
    spellings = args.spelling.split(",")
    if unknown or not set(spellings) <= {"indented", "one-line"}:
        print(f"unknown shape or spelling: {', '.join(unknown) or args.spelling} (see --list)", file=sys.stderr)
        return 2
    global listing
    listing = args.listing
    suffix = "" if listing == "as-made" else f"-{listing}"
    os.makedirs(args.out, exist_ok=True)
    for name in names:
        _, build, own = SHAPES[name]
        n = min(own, count(args.skills)) if own else count(args.skills)
        doc = {"id": name, "title": f"Shape {name}", "version": "1.0.0", **build(random.Random(name), n)}
        for spelling in spellings:
            path = os.path.join(args.out, f"{name}{suffix}-{spelling}.json")
            with open(path + ".tmp", "w", encoding="utf-8") as f:
                json.dump(doc, f, indent=2 if spelling == "indented" else None, ensure_ascii=False)
            os.replace(path + ".tmp", path)
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
