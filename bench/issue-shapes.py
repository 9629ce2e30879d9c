#!/usr/bin/env python3
"""Bare roadmaps as a user would write them to try a shape: ids `skill-N`,
names "Skill number N", prerequisites only, `json.dump(indent=2)`. Unlike
the generator's shapes (`trailmap-bench generate`), nothing keeps the
graph free of redundant prerequisites: a fan's hub is needed directly by
skills that already need it through others, as in a hand-written script.
BENCHMARKS.md ("Shapes as a user writes them") measures these files.

Usage: python3 bench/issue-shapes.py SHAPE SKILLS > FILE.json
Shapes: window-100, window-5000, window-all, chain, fan, dense, hubs,
names-edits.
"""

import json
import random
import sys

WORDS = ["tensor", "vector", "kernel", "graph", "cache", "model", "stream", "batch", "query", "index", "shard", "token"]


def prerequisites(shape, i, rnd, ends):
    """The prerequisites of skill `i` (indices below it)."""
    if i == 0:
        return set()
    if shape.startswith("window-"):
        width = i if shape == "window-all" else int(shape.split("-")[1])
        return {rnd.randrange(max(0, i - width), i) for _ in range(rnd.randrange(0, 4))}
    if shape == "chain":
        return {i - 1}
    if shape == "fan":
        # Everything needs skill 0, and 0-2 skills among the previous 5,000.
        return {0} | {rnd.randrange(max(0, i - 5000), i) for _ in range(rnd.randrange(0, 3))}
    if shape == "dense":
        return {rnd.randrange(max(0, i - 5000), i) for _ in range(rnd.randrange(0, 21))}
    if shape == "hubs":
        # Preferential attachment: an end of an earlier edge nine times in ten.
        return {
            rnd.choice(ends) if ends and rnd.random() < 0.9 else rnd.randrange(0, i)
            for _ in range(rnd.randrange(0, 4))
        }
    return {rnd.randrange(max(0, i - 5000), i) for _ in range(rnd.randrange(0, 4))}


def name(shape, i):
    if shape != "names-edits":
        return f"Skill number {i}"
    # Words that differ by one letter, every seventh name misspelt.
    text = f"{WORDS[i % 12]}{WORDS[(i // 12) % 12]}ing {i // 144}"
    return text[:3] + "x" + text[4:] if i % 7 == 0 else text


def main():
    shape, n = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(3)
    ends, skills = [], []
    for i in range(n):
        skill = {"id": f"skill-{i}", "name": name(shape, i)}
        needs = prerequisites(shape, i, rnd, ends)
        needs.discard(i)
        if needs:
            skill["prerequisites"] = [f"skill-{j}" for j in sorted(needs)]
            ends.extend(needs)
        ends.append(i)
        skills.append(skill)
    roadmap = {"id": "shape", "title": f"Shape {shape}", "version": "1.0.0", "skills": skills}
    json.dump(roadmap, sys.stdout, indent=2)


if __name__ == "__main__":
    main()
