"""Turns `raif evolve` output for the held-out seeds into an IFEval input file (Google's input_data.jsonl format).

    bin/raif evolve --set evolve.seeds=tools/heldout/heldout_seeds.jsonl --set evolve.output=/tmp/heldout_evolved.jsonl \
        --set evolve.min_constraints=1 --set evolve.max_constraints=3 --set evolve.chain_weight=0 \
        --set evolve.selection_weight=0 --set evolve.variants=3 --set evolve.seed=2026
    python3 tools/heldout/make_heldout.py /tmp/heldout_evolved.jsonl

Each seed keeps one of its evolved variants, chosen so that prompts with 1, 2 and 3 constraints come out in about
equal numbers (seeds with fewer choices first, then in file order; ties go to the lower variant). Rows that are not a
plain And label of 1 to 3 IFEval ids with exactly the kwargs IFEval's build_description takes are dropped, as are
seeds whose wording shares an 8-word shingle with the training seeds or the built-in prompts, and repeated prompts.
Keys start at 1001, in seed order. Deterministic: the same evolve output gives the same file. Standard library only.
"""

import argparse
import collections
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "jobs/src/main/resources/ai/raif/jobs"
DEFAULT_SEEDS = ROOT / "tools/heldout/heldout_seeds.jsonl"
DEFAULT_OUT = RESOURCES / "heldout/ifeval_heldout.jsonl"
TRAINING_SEEDS = RESOURCES / "evolve/seeds.jsonl"
BUILTIN_PROMPTS = RESOURCES / "prompts/builtin.jsonl"
FIRST_KEY = 1001
SHINGLE = 8

# IFEval's instruction ids and the arguments each one's build_description takes (instructions_registry.py).
KWARGS = {
    "keywords:existence": {"keywords"},
    "keywords:frequency": {"keyword", "frequency", "relation"},
    "keywords:forbidden_words": {"forbidden_words"},
    "keywords:letter_frequency": {"letter", "let_frequency", "let_relation"},
    "language:response_language": {"language"},
    "length_constraints:number_sentences": {"num_sentences", "relation"},
    "length_constraints:number_paragraphs": {"num_paragraphs"},
    "length_constraints:number_words": {"num_words", "relation"},
    "length_constraints:nth_paragraph_first_word": {"num_paragraphs", "nth_paragraph", "first_word"},
    "detectable_content:number_placeholders": {"num_placeholders"},
    "detectable_content:postscript": {"postscript_marker"},
    "detectable_format:number_bullet_lists": {"num_bullets"},
    "detectable_format:constrained_response": set(),
    "detectable_format:number_highlighted_sections": {"num_highlights"},
    "detectable_format:multiple_sections": {"section_spliter", "num_sections"},
    "detectable_format:json_format": set(),
    "detectable_format:title": set(),
    "combination:two_responses": set(),
    "combination:repeat_prompt": {"prompt_to_repeat"},
    "startend:end_checker": {"end_phrase"},
    "change_case:capital_word_frequency": {"capital_frequency", "capital_relation"},
    "change_case:english_capital": set(),
    "change_case:english_lowercase": set(),
    "punctuation:no_comma": set(),
    "startend:quotation": set(),
}
RELATIONS = {"less than", "at least"}
# Kwargs whose values the prompt must spell out literally, so that the text and the label say the same thing.
LITERAL_KWARGS = {"keywords", "keyword", "forbidden_words", "first_word", "postscript_marker", "end_phrase",
                  "section_spliter"}


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def shingles(text):
    words = re.sub(r"[^\w\s]", " ", text.lower()).split()
    return {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def training_shingles():
    out = set()
    for row in read_jsonl(TRAINING_SEEDS):
        out |= shingles(row["instruction"])
    for row in read_jsonl(BUILTIN_PROMPTS):
        for message in row["messages"]:
            if message["role"] == "user":
                out |= shingles(message["content"])
    return out


def problem(row):
    """Why an evolved prompt cannot be an IFEval row, or None."""
    if row.get("source") != "ifeval":
        return "source is not ifeval"
    messages = row.get("messages", [])
    if len(messages) != 1 or messages[0].get("role") != "user":
        return "not a single user message"
    prompt = messages[0]["content"]
    label = row.get("constraints") or {}
    if set(label) != {"instruction_id_list", "kwargs"}:
        return "not a plain And label: keys %s" % sorted(label)
    ids, kwargs = label["instruction_id_list"], label["kwargs"]
    if len(ids) != len(kwargs) or not 1 <= len(ids) <= 3:
        return "%d ids, %d kwargs" % (len(ids), len(kwargs))
    if len(set(ids)) != len(ids):
        return "repeated instruction id"
    for iid, kw in zip(ids, kwargs):
        if iid not in KWARGS:
            return "unknown instruction id " + iid
        if set(kw) != KWARGS[iid] or any(v is None for v in kw.values()):
            return "%s: kwargs %s, IFEval takes %s" % (iid, sorted(kw), sorted(KWARGS[iid]))
        for key, value in kw.items():
            if "relation" in key and value not in RELATIONS:
                return "%s: %s is %r" % (iid, key, value)
            if isinstance(value, bool) or (isinstance(value, (int, float)) and (value < 0 or value != int(value))):
                return "%s: %s is %r" % (iid, key, value)
            if key in LITERAL_KWARGS:
                for literal in value if isinstance(value, list) else [value]:
                    if not literal or literal not in prompt:
                        return "%s: %s %r is not in the prompt" % (iid, key, literal)
        if iid == "combination:repeat_prompt" and not prompt.startswith(kw["prompt_to_repeat"]):
            return "prompt_to_repeat is not the start of the prompt"
    return None


def choose(variants_by_seed, seed_order):
    """One variant per seed, balancing the number of constraints per prompt (1, 2, 3)."""
    def n(row):
        return len(row["constraints"]["instruction_id_list"])

    tally = collections.Counter()
    chosen = {}
    order = sorted(variants_by_seed, key=lambda s: (len({n(v) for v in variants_by_seed[s]}), seed_order[s]))
    for seed_id in order:
        options = variants_by_seed[seed_id]  # in variant order
        best = min(range(len(options)), key=lambda i: (tally[n(options[i])], i))
        chosen[seed_id] = options[best]
        tally[n(options[best])] += 1
    return chosen


def variant_of(prompt_id):
    seed_id, _, variant = prompt_id.rpartition("-v")
    return seed_id, int(variant)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("evolved", type=Path, help="the evolve.output file of `raif evolve` over the held-out seeds")
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()

    seeds = read_jsonl(args.seeds)
    seed_order = {s["seed_id"]: i for i, s in enumerate(seeds)}
    seen_training = training_shingles()
    dropped = collections.Counter()

    copied = {s["seed_id"] for s in seeds if shingles(s["instruction"]) & seen_training}
    for seed_id in sorted(copied):
        print("dropped seed %s: shares an %d-word shingle with the training prompts" % (seed_id, SHINGLE),
              file=sys.stderr)

    variants = collections.defaultdict(list)
    for row in sorted(read_jsonl(args.evolved), key=lambda r: variant_of(r["prompt_id"])):
        seed_id, _ = variant_of(row["prompt_id"])
        if seed_id not in seed_order:
            raise SystemExit("%s: prompt %s comes from no seed in %s" % (args.evolved, row["prompt_id"], args.seeds))
        if seed_id in copied:
            continue
        why = problem(row)
        if why:
            dropped["invalid"] += 1
            print("dropped %s: %s" % (row["prompt_id"], why), file=sys.stderr)
            continue
        variants[seed_id].append(row)

    chosen = choose(variants, seed_order)
    rows, prompts = [], set()
    for seed_id in sorted(chosen, key=seed_order.get):
        row = chosen[seed_id]
        prompt = row["messages"][0]["content"]
        if prompt in prompts:
            dropped["duplicate"] += 1
            continue
        prompts.add(prompt)
        label = row["constraints"]
        rows.append({"key": FIRST_KEY + len(rows), "prompt": prompt,
                     "instruction_id_list": label["instruction_id_list"], "kwargs": label["kwargs"]})

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")

    per_prompt = collections.Counter(len(r["instruction_id_list"]) for r in rows)
    per_id = collections.Counter(i for r in rows for i in r["instruction_id_list"])
    print("%s: %d rows (seeds %d, without an evolved variant %d, copied wording %d, invalid variants %d,"
          " duplicate prompts %d)" % (args.out, len(rows), len(seeds), len(seeds) - len(copied) - len(chosen),
                                      len(copied), dropped["invalid"], dropped["duplicate"]))
    print("constraints per prompt: " + ", ".join("%d: %d" % (k, per_prompt[k]) for k in sorted(per_prompt)))
    print("instruction ids:")
    for iid, count in sorted(per_id.items(), key=lambda e: (-e[1], e[0])):
        print("  %-48s %d" % (iid, count))


if __name__ == "__main__":
    main()
