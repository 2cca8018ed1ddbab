"""Reference verdicts for the IFEval checkers of the rewards module (package ai.raif.rewards.ifeval).

Runs the Python reference checkers, the lm-eval copy of Google's instruction_following_eval (lm_eval/tasks/ifeval
of PyPI lm-eval 0.4.13, identical to EleutherAI/lm-evaluation-harness 4e7e0d47f that made the shared golden files),
and writes rewards/src/test/resources/ifeval/:

  checker_cases.jsonl   hand-written edge cases: {"name", "id", "kwargs", "response", "strict", "loose"}
  row_verdicts.jsonl    every instruction of every row of shared input_data.jsonl checked against the text_bison
                        response on the same line (prompt wordings differ, which does not matter for checking):
                        {"line", "key", "strict": [bool], "loose": [bool]}; the two rows with a random letter
                        (keys 1122, 1129) have null verdicts for that instruction.

Strict and loose verdicts come from the reference's own utils.test_instruction_following_{strict,loose}. Only the
lm_eval/tasks/ifeval files are taken from the wheel; lm_eval/__init__ (and its heavy dependencies) is never imported.
Versions as in shared/benchmarks/ifeval/golden/text_bison/metrics.json: Python 3.11, NLTK 3.10.3, langdetect 1.0.9
with DetectorFactory.seed = 0, Punkt English parameters from bin/fetch-rewards-data (see text_golden.py).

Run once:  /tmp/goldenv/bin/python tools/golden/ifeval_golden.py
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import types
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from text_golden import fetch_data, install_punkt_tab, write_jsonl  # noqa: E402  (same Punkt data as the text golden files)

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared" / "benchmarks" / "ifeval"
OUT_DIR = REPO_ROOT / "rewards/src/test/resources/ifeval"
PINNED = ["nltk==3.10.3", "langdetect==1.0.9", "immutabledict", "packaging"]
LM_EVAL = "lm-eval==0.4.13"
RANDOM_LETTER_KEYS = {1122, 1129}

WS = "\u00a0\u2009\x1c\x85"  # Python whitespace that Java's strip() keeps

# (name, instruction id, kwargs, response). Kwargs avoid falsy values: lm-eval drops them, evaluation_lib does not.
CASES = [
    # keywords:existence
    ("existence-substring", "keywords:existence", {"keywords": ["cat"]}, "Concatenate strings"),
    ("existence-case", "keywords:existence", {"keywords": ["Mona Lisa", "river"]}, "the mona lisa by the RIVER"),
    ("existence-missing-one", "keywords:existence", {"keywords": ["mona lisa", "seine"]}, "the Mona Lisa, the Loire"),
    ("existence-unicode-case", "keywords:existence", {"keywords": ["straße", "ÉTÉ"]}, "STRAßE in the été"),
    ("existence-kelvin", "keywords:existence", {"keywords": ["k"]}, "\u212a only"),
    # keywords:frequency
    ("frequency-substrings", "keywords:frequency", {"keyword": "war", "frequency": 3, "relation": "at least"},
     "War, warfare, software"),
    ("frequency-less-than", "keywords:frequency", {"keyword": "war", "frequency": 3, "relation": "less than"},
     "War, warfare, software"),
    ("frequency-stripped-keyword", "keywords:frequency", {"keyword": "  keyword ", "frequency": 4,
                                                           "relation": "less than"}, "keyword, Keyword, KEYWORD"),
    ("frequency-non-overlapping", "keywords:frequency", {"keyword": "aa", "frequency": 3, "relation": "at least"},
     "aaaaa"),
    ("frequency-blank-keyword", "keywords:frequency", {"keyword": "   ", "frequency": 5, "relation": "at least"},
     "a\U0001F600b"),
    ("frequency-blank-keyword-2", "keywords:frequency", {"keyword": "   ", "frequency": 4, "relation": "less than"},
     "a\U0001F600b"),
    # keywords:forbidden_words
    ("forbidden-possessive", "keywords:forbidden_words", {"forbidden_words": ["cat"]}, "Concatenate the CAT's toys"),
    ("forbidden-inside-word", "keywords:forbidden_words", {"forbidden_words": ["cat"]}, "Concatenate catalogs"),
    ("forbidden-underscore", "keywords:forbidden_words", {"forbidden_words": ["cat"]}, "my_cat and cat_food"),
    ("forbidden-digit-neighbour", "keywords:forbidden_words", {"forbidden_words": ["cat"]}, "cat9 and 2cat"),
    ("forbidden-combining-mark", "keywords:forbidden_words", {"forbidden_words": ["cafe"]}, "cafe\u0301 time"),
    ("forbidden-hindi", "keywords:forbidden_words", {"forbidden_words": ["भाषा"]}, "हिन्दी भाषा है"),
    ("forbidden-dup-words", "keywords:forbidden_words", {"forbidden_words": ["dead", "dead", "night"]}, "Deadline"),
    ("forbidden-second-occurrence", "keywords:forbidden_words", {"forbidden_words": ["run"]}, "running, run!"),
    ("forbidden-overlap", "keywords:forbidden_words", {"forbidden_words": ["aa"]}, "aaa aa"),
    # keywords:letter_frequency
    ("letter-case-folded", "keywords:letter_frequency", {"letter": "e", "let_frequency": 2, "let_relation": "less than"},
     "EEe"),
    ("letter-upper-kwarg", "keywords:letter_frequency", {"letter": "T", "let_frequency": 4,
                                                          "let_relation": "at least"}, "There is the T. Four T's."),
    ("letter-kelvin", "keywords:letter_frequency", {"letter": "k", "let_frequency": 2, "let_relation": "at least"},
     "\u212a k"),
    ("letter-dotted-i", "keywords:letter_frequency", {"letter": "i", "let_frequency": 2, "let_relation": "at least"},
     "\u0130 i"),
    # language:response_language
    ("language-english", "language:response_language", {"language": "en"}, "The response is English"),
    ("language-no-features", "language:response_language", {"language": "en"}, "12345 !!!"),
    ("language-german", "language:response_language", {"language": "de"},
     "Heute ist ein schöner Tag und wir gehen in den Park."),
    ("language-wrong", "language:response_language", {"language": "fr"}, "This is clearly an English sentence."),
    ("language-hindi", "language:response_language", {"language": "hi"}, "यह एक हिंदी वाक्य है और यह बहुत सुंदर है।"),
    # length_constraints:number_sentences
    ("sentences-poem", "length_constraints:number_sentences", {"num_sentences": 2, "relation": "less than"},
     "Line one\nLine two\nLine three"),
    ("sentences-abbrev", "length_constraints:number_sentences", {"num_sentences": 2, "relation": "at least"},
     "Mr. Smith went to Washington. He arrived at 3 p.m. on Monday."),
    ("sentences-three", "length_constraints:number_sentences", {"num_sentences": 3, "relation": "less than"},
     "One. Two! Three?"),
    # length_constraints:number_paragraphs
    ("paragraphs-empty-interior", "length_constraints:number_paragraphs", {"num_paragraphs": 2},
     "A\n***\n\n***\nB"),
    ("paragraphs-inline", "length_constraints:number_paragraphs", {"num_paragraphs": 3}, "A *** B ***C"),
    ("paragraphs-four-stars", "length_constraints:number_paragraphs", {"num_paragraphs": 2}, "A\n****\nB"),
    ("paragraphs-edges", "length_constraints:number_paragraphs", {"num_paragraphs": 3},
     "\n  ***\n  p1\n  ***\n  p2\n  ***\n  p3\n  ***"),
    ("paragraphs-trailing-double", "length_constraints:number_paragraphs", {"num_paragraphs": 2},
     "p1\n***\np2\n***\n***"),
    ("paragraphs-nbsp", "length_constraints:number_paragraphs", {"num_paragraphs": 2}, "A\u00a0***\u00a0B"),
    ("paragraphs-one", "length_constraints:number_paragraphs", {"num_paragraphs": 1}, "Just one paragraph."),
    # length_constraints:number_words
    ("words-contractions", "length_constraints:number_words", {"num_words": 8, "relation": "at least"},
     "Don't stop-believing, it's 3.14!"),
    ("words-less-than", "length_constraints:number_words", {"num_words": 8, "relation": "less than"},
     "Don't stop-believing, it's 3.14!"),
    ("words-snake", "length_constraints:number_words", {"num_words": 2, "relation": "less than"}, "snake_case"),
    # length_constraints:nth_paragraph_first_word
    ("nth-quoted", "length_constraints:nth_paragraph_first_word",
     {"num_paragraphs": 2, "nth_paragraph": 1, "first_word": "weekend"}, '"Weekend, fun."\n\nSecond.'),
    ("nth-leading-blank-bug", "length_constraints:nth_paragraph_first_word",
     {"num_paragraphs": 2, "nth_paragraph": 2, "first_word": "summary"}, "\n\nFirst para.\n\nSummary: done."),
    ("nth-bold", "length_constraints:nth_paragraph_first_word",
     {"num_paragraphs": 1, "nth_paragraph": 1, "first_word": "summary"}, "**Summary** here"),
    ("nth-count-mismatch", "length_constraints:nth_paragraph_first_word",
     {"num_paragraphs": 3, "nth_paragraph": 2, "first_word": "i"}, "p1\n\nI p2"),
    ("nth-fifth", "length_constraints:nth_paragraph_first_word",
     {"num_paragraphs": 5, "nth_paragraph": 5, "first_word": "haha"}, "a\n\nb\n\nc\n\nd\n\nHaha, right."),
    ("nth-apostrophe-cut", "length_constraints:nth_paragraph_first_word",
     {"num_paragraphs": 2, "nth_paragraph": 2, "first_word": "rea"}, "a\n\nRea!lly more"),
    ("nth-triple-newline", "length_constraints:nth_paragraph_first_word",
     {"num_paragraphs": 2, "nth_paragraph": 2, "first_word": "second"}, "First.\n\n\nSecond one."),
    ("nth-nbsp-split", "length_constraints:nth_paragraph_first_word",
     {"num_paragraphs": 1, "nth_paragraph": 1, "first_word": "word"}, "Word\u00a0rest"),
    ("nth-sigma", "length_constraints:nth_paragraph_first_word",
     {"num_paragraphs": 1, "nth_paragraph": 1, "first_word": "οδος"}, "ΟΔΟΣ here"),
    # detectable_content:number_placeholders
    ("placeholders-link", "detectable_content:number_placeholders", {"num_placeholders": 2},
     "[] and [link](http://x)"),
    ("placeholders-multiline", "detectable_content:number_placeholders", {"num_placeholders": 1}, "[multi\nline]"),
    ("placeholders-nested", "detectable_content:number_placeholders", {"num_placeholders": 2}, "[[a]] [b"),
    ("placeholders-unclosed-then", "detectable_content:number_placeholders", {"num_placeholders": 2},
     "[a [b\n[c] [d]"),
    # detectable_content:postscript
    ("postscript-lowercase", "detectable_content:postscript", {"postscript_marker": "P.S."},
     "Body\np. s. lowercase works"),
    ("postscript-false-positive", "detectable_content:postscript", {"postscript_marker": "P.S."},
     "It is a step. S. said hi"),
    ("postscript-missing-dot", "detectable_content:postscript", {"postscript_marker": "P.S."}, "Body\nP.S without dot"),
    ("postscript-pps", "detectable_content:postscript", {"postscript_marker": "P.P.S"}, "Body\n\nP.P.S. more"),
    ("postscript-pps-spaced", "detectable_content:postscript", {"postscript_marker": "P.P.S"}, "Body p. p. s"),
    ("postscript-pps-only-ps", "detectable_content:postscript", {"postscript_marker": "P.P.S"}, "Body P.S. only"),
    ("postscript-two-spaces", "detectable_content:postscript", {"postscript_marker": "P.S."}, "Body P.  S. x"),
    ("postscript-nbsp", "detectable_content:postscript", {"postscript_marker": "P.S."}, "Body P.\u00a0S. x"),
    ("postscript-custom", "detectable_content:postscript", {"postscript_marker": "PS:"}, "Body\n\nps: hello"),
    ("postscript-custom-missing", "detectable_content:postscript", {"postscript_marker": "PS:"},
     "Body\n\nP.S. hello"),
    # detectable_format:number_bullet_lists
    ("bullets-rule-and-bold", "detectable_format:number_bullet_lists", {"num_bullets": 2},
     "* a\n* b\n---\n**bold** line"),
    ("bullets-lone-star", "detectable_format:number_bullet_lists", {"num_bullets": 2}, "*\nfoo\n- bar"),
    ("bullets-negative-number", "detectable_format:number_bullet_lists", {"num_bullets": 1}, "-5 degrees today"),
    ("bullets-indented", "detectable_format:number_bullet_lists", {"num_bullets": 3},
     "Intro:\n  * one\n\t* two\n    - three\n. not a bullet"),
    ("bullets-blank-runs", "detectable_format:number_bullet_lists", {"num_bullets": 2},
     "\n\n\n   \n* a\n\n\n\n- b\n\n"),
    ("bullets-inline-star", "detectable_format:number_bullet_lists", {"num_bullets": 1},
     "Use an asterisk (*), like * this.\n* real"),
    ("bullets-star-newline-star", "detectable_format:number_bullet_lists", {"num_bullets": 1}, "*\n*x"),
    ("bullets-crlf", "detectable_format:number_bullet_lists", {"num_bullets": 2}, "* a\r\n* b\r\n"),
    ("bullets-u2028", "detectable_format:number_bullet_lists", {"num_bullets": 1}, "text\u2028* a"),
    ("bullets-star-at-end", "detectable_format:number_bullet_lists", {"num_bullets": 1}, "x\n*"),
    ("bullets-star-star-line", "detectable_format:number_bullet_lists", {"num_bullets": 2}, "*\n\n*\n\nx"),
    # detectable_format:constrained_response
    ("constrained-case", "detectable_format:constrained_response", {}, "my answer is yes."),
    ("constrained-embedded", "detectable_format:constrained_response", {}, "Well. My answer is maybe. Because."),
    # detectable_format:number_highlighted_sections
    ("highlights-bold-text", "detectable_format:number_highlighted_sections", {"num_highlights": 2}, "**bold** text"),
    ("highlights-bold", "detectable_format:number_highlighted_sections", {"num_highlights": 1}, "**bold**"),
    ("highlights-mixed", "detectable_format:number_highlighted_sections", {"num_highlights": 4},
     "*two different* and *sections in one*\nline. **This is true** for **double ones.**"),
    ("highlights-unclosed-lines", "detectable_format:number_highlighted_sections", {"num_highlights": 2},
     "*Finite difference\n*Finite element*\n*Boundary\n*Monte Carlo"),
    ("highlights-blank", "detectable_format:number_highlighted_sections", {"num_highlights": 1}, "* * and ** **"),
    ("highlights-triple", "detectable_format:number_highlighted_sections", {"num_highlights": 2}, "***x***"),
    ("highlights-triple-1", "detectable_format:number_highlighted_sections", {"num_highlights": 1}, "***x***"),
    # detectable_format:multiple_sections
    ("sections-case", "detectable_format:multiple_sections", {"section_spliter": "SECTION", "num_sections": 2},
     "Section 1\nfoo\nSection 2\nbar"),
    ("sections-glued", "detectable_format:multiple_sections", {"section_spliter": "SECTION", "num_sections": 2},
     "SECTION1 a SECTION2 b"),
    ("sections-arabic-digit", "detectable_format:multiple_sections", {"section_spliter": "Section",
                                                                        "num_sections": 1}, "Section \u0663 text"),
    ("sections-mid-sentence", "detectable_format:multiple_sections", {"section_spliter": "Section",
                                                                        "num_sections": 3},
     "Mark each section with Section X:\nSection 1\n[a]\nSection 2\n[b]"),
    ("sections-stripped-splitter", "detectable_format:multiple_sections", {"section_spliter": " Day ",
                                                                             "num_sections": 2},
     "Day 1: rest. Day 2: more."),
    ("sections-two-spaces", "detectable_format:multiple_sections", {"section_spliter": "Section",
                                                                      "num_sections": 1}, "Section  1"),
    # detectable_format:json_format
    ("json-nan", "detectable_format:json_format", {}, "NaN"),
    ("json-trailing", "detectable_format:json_format", {}, '{"a": 1} trailing'),
    ("json-bom", "detectable_format:json_format", {}, '\ufeff{"a": 1}'),
    ("json-single-quotes", "detectable_format:json_format", {}, "{'a': 1}"),
    ("json-fence-upper", "detectable_format:json_format", {}, "```JSON\n[1, 2]\n```"),
    ("json-fence-lower", "detectable_format:json_format", {}, '```json\n{"k": [true, null, -0.5e3]}\n```'),
    ("json-fence-twice", "detectable_format:json_format", {}, "```json```Json```JSON```1```"),
    ("json-fence-python", "detectable_format:json_format", {}, "```python\n{}\n```"),
    ("json-scalar-string", "detectable_format:json_format", {}, '"just a string"'),
    ("json-leading-zero", "detectable_format:json_format", {}, "[01]"),
    ("json-trailing-comma", "detectable_format:json_format", {}, "[1, 2,]"),
    ("json-control-char", "detectable_format:json_format", {}, '{"a": "tab\there"}'),
    ("json-escapes", "detectable_format:json_format", {}, '{"a": "\\u00e9\\ud83d\\ude00\\n\\/"}'),
    ("json-bad-escape", "detectable_format:json_format", {}, '{"a": "\\x41"}'),
    ("json-short-unicode", "detectable_format:json_format", {}, '"\\u12"'),
    ("json-minus-infinity", "detectable_format:json_format", {}, "[-Infinity, Infinity]"),
    ("json-plus-infinity", "detectable_format:json_format", {}, "+Infinity"),
    ("json-huge-float", "detectable_format:json_format", {}, "1e400"),
    ("json-long-int", "detectable_format:json_format", {}, "1" * 4300),
    ("json-too-long-int", "detectable_format:json_format", {}, "1" * 4301),
    ("json-long-float", "detectable_format:json_format", {}, "1" * 5000 + ".5"),
    ("json-dot-no-digit", "detectable_format:json_format", {}, "1."),
    ("json-exponent-no-digit", "detectable_format:json_format", {}, "1e"),
    ("json-duplicate-keys", "detectable_format:json_format", {}, '{"a": 1, "a": 2}'),
    ("json-nbsp-around", "detectable_format:json_format", {}, "\u00a0{}\u00a0"),
    ("json-nbsp-inside", "detectable_format:json_format", {}, "[1,\u00a02]"),
    ("json-comment", "detectable_format:json_format", {}, "[1] // c"),
    ("json-nested", "detectable_format:json_format", {}, "[" * 500 + "]" * 500),
    ("json-empty-fence", "detectable_format:json_format", {}, "``````"),
    ("json-non-ascii-digit", "detectable_format:json_format", {}, "[\u0663]"),
    # detectable_format:title
    ("title-blank-then-real", "detectable_format:title", {}, "<<  >> and <<Real Title>>"),
    ("title-blank", "detectable_format:title", {}, "<< >>\nThere is no title."),
    ("title-across-lines", "detectable_format:title", {}, "<<This is not a title.\nThis is a paragraph.>>"),
    ("title-at-end", "detectable_format:title", {}, "Text first.\n<<Title at the end>>"),
    ("title-brackets-only", "detectable_format:title", {}, "<<<>>>"),
    ("title-nested", "detectable_format:title", {}, "<<<a>> b >>"),
    ("title-cr", "detectable_format:title", {}, "<<a\rb>>"),
    ("title-unclosed-many", "detectable_format:title", {}, "<<" * 50 + "x"),
    # combination:two_responses
    ("two-same", "combination:two_responses", {}, "A\n******\nA"),
    ("two-empty-interior", "combination:two_responses", {}, "A\n******\n******\nB"),
    ("two-seven-stars", "combination:two_responses", {}, "A*******B"),
    ("two-ok", "combination:two_responses", {}, "This is response 1.\n******\nThis is response 2."),
    ("two-three", "combination:two_responses", {}, "1\n******\n2\n******\n3"),
    ("two-edges", "combination:two_responses", {}, "******\nResponse 1\n******\nResponse 2\n******"),
    # combination:repeat_prompt
    ("repeat-case", "combination:repeat_prompt", {"prompt_to_repeat": "Write a poem."},
     "  write a POEM. Roses are red."),
    ("repeat-not-first", "combination:repeat_prompt", {"prompt_to_repeat": "Write a CL description."},
     "Hi. Write a CL description. Thanks."),
    ("repeat-quoted", "combination:repeat_prompt", {"prompt_to_repeat": "Write a poem."}, '"Write a poem." Roses.'),
    # startend:end_checker
    ("end-quoted-trailing", "startend:end_checker", {"end_phrase": "Any other questions?"},
     'Bye. any other questions?"  '),
    ("end-stripped-phrase", "startend:end_checker", {"end_phrase": "\n  This is the end.\n  "},
     "I must say that this is the end.\n"),
    ("end-wrong", "startend:end_checker", {"end_phrase": "This will fail."}, "This will fail. Paris is cool."),
    ("end-nbsp", "startend:end_checker", {"end_phrase": "Peace!"}, "Peace!\u00a0"),
    ("end-smart-quote", "startend:end_checker", {"end_phrase": "Peace!"}, "\u201cPeace!\u201d"),
    # change_case:capital_word_frequency
    ("capital-mixed", "change_case:capital_word_frequency", {"capital_frequency": 3, "capital_relation": "at least"},
     "HELLO WORLD, it's a U.S.A. THING. Don't STOP-NOW!"),
    ("capital-dont", "change_case:capital_word_frequency", {"capital_frequency": 2, "capital_relation": "less than"},
     "I think DON'T"),
    ("capital-four", "change_case:capital_word_frequency", {"capital_frequency": 4, "capital_relation": "less than"},
     "THERE are Four FULLY CAPITAL WORDS. Many Others Are Only Partially So."),
    # change_case:english_capital / english_lowercase
    ("capital-english", "change_case:english_capital", {},
     "THIS IS AN ENGLISH SENTENCE. EVERY LETTER IS CAPITALIZED!!! AMAZING."),
    ("capital-title-case", "change_case:english_capital", {}, "Every Word Is Capitalized."),
    ("capital-digits", "change_case:english_capital", {}, "123 456"),
    ("capital-german", "change_case:english_capital", {}, "DAS IST EIN DEUTSCHER SATZ UND ER IST GROSS."),
    ("lowercase-english", "change_case:english_lowercase", {}, "every letter is lowercase."),
    ("lowercase-one-capital", "change_case:english_lowercase", {}, "Almost every letter is lowercase."),
    ("lowercase-titlecase-char", "change_case:english_lowercase", {}, "the \u01c5 digraph is titlecase"),
    ("lowercase-superscript", "change_case:english_lowercase", {}, "\u1d43\u1d47\u1d9c only modifier letters"),
    # punctuation:no_comma
    ("comma-fullwidth", "punctuation:no_comma", {}, "No commas here\uff0cbut\u2026"),
    ("comma-present", "punctuation:no_comma", {}, "Since the start, people punctuate."),
    # startend:quotation
    ("quotation-smart", "startend:quotation", {}, "\u201csmart quotes\u201d"),
    ("quotation-ok", "startend:quotation", {}, '  "wrapped"\n'),
    ("quotation-single-char", "startend:quotation", {}, '"'),
    ("quotation-two", "startend:quotation", {}, '""'),
    ("quotation-partial", "startend:quotation", {}, '"wrapped." But not everything.'),
    ("quotation-nbsp", "startend:quotation", {}, '\u00a0"x"\u00a0'),
    # loose-mode variants
    ("loose-first-line", "startend:quotation", {}, 'Sure, here it is:\n"The answer."'),
    ("loose-last-line", "detectable_format:json_format", {}, '{"a": 1}\nHope this helps!'),
    ("loose-both-lines", "detectable_format:json_format", {}, 'Here:\n{"a": 1}\nDone.'),
    ("loose-stars", "punctuation:no_comma", {}, "**Note** no commas"),
    ("loose-star-removal", "detectable_format:title", {}, "<<*>>"),
    ("loose-one-line", "startend:end_checker", {"end_phrase": "bye"}, "Hello, bye."),
    ("loose-cr-kept", "startend:quotation", {}, 'Intro\r\n"quoted"\r'),
    ("blank-response", "punctuation:no_comma", {}, " \n\t" + WS),
]


def ensure_packages():
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PINNED],
                   check=True)


def load_reference(scratch):
    """Imports lm_eval.tasks.ifeval from the lm-eval wheel without running lm_eval/__init__."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--disable-pip-version-check",
                    "-d", str(scratch), LM_EVAL], check=True)
    wheel = next(scratch.glob("lm_eval-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            if name.startswith("lm_eval/tasks/ifeval/") and name.endswith(".py") and "multilingual" not in name:
                z.extract(name, scratch)
    for package in ("lm_eval", "lm_eval.tasks", "lm_eval.tasks.ifeval"):
        module = types.ModuleType(package)
        module.__path__ = [str(scratch / package.replace(".", "/"))]
        sys.modules[package] = module
    from lm_eval.tasks.ifeval import utils
    return utils


def verdicts(utils, key, prompt, ids, kwargs, response):
    inp = utils.InputExample(key=key, instruction_id_list=ids, prompt=prompt, kwargs=kwargs)
    strict = utils.test_instruction_following_strict(inp, response).follow_instruction_list
    loose = utils.test_instruction_following_loose(inp, response).follow_instruction_list
    return strict, loose


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args()
    if sys.version_info[:2] != (3, 11):
        sys.exit("run with Python 3.11, the reference's version")
    ensure_packages()
    data_dir = fetch_data()
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        nltk_root = scratch / "nltk_data"
        install_punkt_tab(data_dir, nltk_root)
        os.environ["NLTK_DATA"] = str(nltk_root)
        import nltk
        nltk.data.path[:0] = [str(nltk_root)]
        from langdetect import DetectorFactory
        DetectorFactory.seed = 0
        utils = load_reference(scratch)

        names = [c[0] for c in CASES]
        assert len(names) == len(set(names)), "case names must be unique"
        cases = []
        for name, instruction_id, kwargs, response in CASES:
            strict, loose = verdicts(utils, 0, "", [instruction_id], [kwargs], response)
            cases.append({"name": name, "id": instruction_id, "kwargs": kwargs, "response": response,
                          "strict": strict[0], "loose": loose[0]})
        write_jsonl(args.out_dir / "checker_cases.jsonl", cases)

        inputs = [json.loads(l) for l in (SHARED / "input_data.jsonl").read_text(encoding="utf-8").splitlines()]
        responses = [json.loads(l)["response"]
                     for l in (SHARED / "responses_text_bison.jsonl").read_text(encoding="utf-8").splitlines()]
        rows = []
        for line, (row, response) in enumerate(zip(inputs, responses), start=1):
            strict, loose = verdicts(utils, row["key"], row["prompt"], row["instruction_id_list"], row["kwargs"],
                                     response)
            if row["key"] in RANDOM_LETTER_KEYS:
                for i, instruction_id in enumerate(row["instruction_id_list"]):
                    if instruction_id == "keywords:letter_frequency":
                        strict[i] = loose[i] = None
            rows.append({"line": line, "key": row["key"], "strict": strict, "loose": loose})
        write_jsonl(args.out_dir / "row_verdicts.jsonl", rows)
    print(f"wrote {len(cases)} cases and {len(rows)} rows to {args.out_dir}")


if __name__ == "__main__":
    main()
