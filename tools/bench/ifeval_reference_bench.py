"""Reference speed of the IFEval reward checks: the Python checkers of lm-eval (lm_eval/tasks/ifeval, the reference of
ai.raif.rewards.ifeval) on the workload of ai.raif.rewards.bench.RewardsBenchmark. Called by `bin/raif bench rewards`;
prints one JSON line, {"checks_per_sec", "checks", "seconds", "passed_strict", "passed_loose", ...}, or
{"skipped": reason} when this interpreter lacks the reference.

Workload (as the Java side): line n of the input data pairs with line n of the responses; each response and its first
N variants (the response, ASCII letters upper-cased, text up to the first blank line dropped, the response twice
joined by a blank line) is checked against every instruction of its row, strictly and loosely, with the reference's
own utils.test_instruction_following_{strict,loose}. One check = one instruction verdict. One warm-up pass, then the
median of the timed passes, single process.

Setup as tools/golden/ifeval_golden.py: only lm_eval/tasks/ifeval is imported, never lm_eval/__init__ (so
`pip install --no-deps lm-eval==0.4.13` is enough, next to nltk, langdetect and immutabledict); Punkt English
parameters from bin/fetch-rewards-data; langdetect seed 0. One deliberate change, the Java port's documented one:
keywords:letter_frequency with a character outside a-z (keys 1122 "#" and 1129 "!") counts that character, where
the reference scores a random letter, so that both sides give the same verdicts. The random draw still happens.
"""

import argparse
import importlib.metadata
import importlib.util
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "golden"))
from text_golden import fetch_data, install_punkt_tab  # noqa: E402  (the Punkt data the Java module ships)

UPPER_ASCII = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
VARIANTS = [  # the order and meaning of ai.raif.rewards.bench.ResponseVariant
    lambda r: r,
    lambda r: r.translate(UPPER_ASCII),
    lambda r: r[r.find("\n\n") + 2:] if "\n\n" in r else r,
    lambda r: r + "\n\n" + r,
]


class Skipped(Exception):
    pass


def require_modules():
    for module in ("nltk", "langdetect", "immutabledict"):
        if importlib.util.find_spec(module) is None:
            raise Skipped(f"{sys.executable} lacks {module}")


def load_reference():
    """lm_eval.tasks.ifeval.utils of the installed lm-eval, without running lm_eval/__init__."""
    spec = importlib.util.find_spec("lm_eval")
    if spec is None or not spec.submodule_search_locations:
        raise Skipped(f"{sys.executable} lacks lm-eval (pip install --no-deps lm-eval==0.4.13)")
    root = Path(next(iter(spec.submodule_search_locations)))
    if not (root / "tasks/ifeval/utils.py").is_file():
        raise Skipped(f"{root} has no tasks/ifeval/utils.py")
    for package in ("lm_eval", "lm_eval.tasks", "lm_eval.tasks.ifeval"):
        module = types.ModuleType(package)
        module.__path__ = [str(root.parent / package.replace(".", "/"))]
        sys.modules[package] = module
    from lm_eval.tasks.ifeval import instructions_registry, utils
    count_non_letters_themselves(instructions_registry)
    return utils


def count_non_letters_themselves(registry):
    reference = registry.INSTRUCTION_DICT["keywords:letter_frequency"]

    class LetterFrequency(reference):
        def build_description(self, *, letter=None, **kwargs):
            description = super().build_description(letter=letter, **kwargs)
            if letter and len(letter) == 1 and not "a" <= letter.lower() <= "z":
                self._letter = letter.lower()
            return description

    registry.INSTRUCTION_DICT["keywords:letter_frequency"] = LetterFrequency


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def workload(input_data, responses, variants):
    inputs, answers = read_jsonl(input_data), read_jsonl(responses)
    if len(inputs) != len(answers):
        sys.exit(f"{input_data} has {len(inputs)} rows but {responses} has {len(answers)}")
    return [(row, [variant(answer["response"]) for variant in VARIANTS[:variants]])
            for row, answer in zip(inputs, answers)]


def one_pass(utils, rows):
    checks = passed_strict = passed_loose = 0
    for row, texts in rows:
        inp = utils.InputExample(key=row["key"], instruction_id_list=row["instruction_id_list"], prompt=row["prompt"],
                                 kwargs=row["kwargs"])
        for text in texts:
            strict = utils.test_instruction_following_strict(inp, text).follow_instruction_list
            loose = utils.test_instruction_following_loose(inp, text).follow_instruction_list
            checks += len(strict) + len(loose)
            passed_strict += sum(strict)
            passed_loose += sum(loose)
    return checks, passed_strict, passed_loose


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input-data", type=Path, required=True)
    parser.add_argument("--responses", type=Path, required=True)
    parser.add_argument("--variants", type=int, default=4, choices=range(1, len(VARIANTS) + 1))
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    rows = workload(args.input_data, args.responses, args.variants)
    with tempfile.TemporaryDirectory() as nltk_root:
        try:
            require_modules()
            data_dir = fetch_data()
            install_punkt_tab(data_dir, Path(nltk_root))
            os.environ["NLTK_DATA"] = nltk_root
            import nltk
            nltk.data.path[:0] = [nltk_root]
            from langdetect import DetectorFactory
            DetectorFactory.seed = 0
            utils = load_reference()
        except Skipped as e:
            print(json.dumps({"skipped": str(e)}), flush=True)
            return
        one_pass(utils, rows)  # warm-up: imports, regex compilation, langdetect profiles
        seconds = []
        for _ in range(args.repetitions):
            start = time.perf_counter()
            checks, passed_strict, passed_loose = one_pass(utils, rows)
            seconds.append(time.perf_counter() - start)
    median = statistics.median(seconds)
    print(json.dumps({
        "checks_per_sec": checks / median, "checks": checks, "seconds": median, "repetitions": args.repetitions,
        "passed_strict": passed_strict, "passed_loose": passed_loose, "python": platform.python_version(),
        "nltk": importlib.metadata.version("nltk"), "langdetect": importlib.metadata.version("langdetect"),
        "lm_eval": importlib.metadata.version("lm_eval"),
    }), flush=True)


if __name__ == "__main__":
    main()
