"""Reference verdicts for the IFBench checkers of the rewards module (package ai.raif.rewards.ifbench).

Runs AllenAI IFBench's own evaluation_lib and instructions (commit db69a6f, the one shared/benchmarks/ifbench pins)
and writes rewards/src/test/resources/ifbench/:

  checker_cases.jsonl    hand-written edge cases, each with the verdicts of test_instruction_following_{strict,loose}:
                         {"name", "id", "kwargs", "response", "strict", "loose"}, or {..., "error"} where the
                         reference raised (the exception's type and message)
  cross_verdicts.jsonl   every supported IFBench id, with the kwargs of its first row in IFBench_test.jsonl, checked
                         against every response of shared sample_output.jsonl: {"id", "kwargs", "strict", "loose"},
                         the verdicts as one character per response line: "1" followed, "0" not, "e" raised
  mutated_verdicts.json.gz the same for every 5th sample response in three rewritten forms that stress Python's
                         text semantics (CRLF, NBSP and tabs; emoji, interrobangs and curly quotes; upper case):
                         {"responses": [...], "verdicts": [{"id", "kwargs", "strict", "loose"}]}

IFBench is not on a package registry, so pass a checkout of it: `git archive db69a6f` of allenai/IFBench, extracted
(nothing of it is committed here). Environment as in shared/benchmarks/ifbench/README.md: Python 3.11, NLTK 3.10.3
with the Punkt English parameters and the 179-word English stopwords list that bin/fetch-rewards-data puts in the
rewards jar, syllapy 0.7.2, emoji 2.16.0; nltk.download is a no-op (offline). words:start_verb is left out: it needs
NLTK's perceptron tagger model, which no registry carries.

Run once:  RAIF_CACHE=/tmp/raif-cache /tmp/goldenv/bin/python tools/golden/ifbench_golden.py --ifbench-dir DIR
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from text_golden import fetch_data, install_punkt_tab, write_gzip_json, write_jsonl  # noqa: E402  (same data as text goldens)

REPO_ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = REPO_ROOT / "rewards/src/test/resources/ifbench"
SHARED = REPO_ROOT.parent / "shared" / "benchmarks" / "ifbench"
PINNED = ["nltk==3.10.3", "syllapy==0.7.2", "emoji==2.16.0", "langdetect==1.0.9", "immutabledict", "absl-py"]

# (name, instruction id, kwargs, response); kwargs not given are None, as in IFBench_test.jsonl.
CASES = [
    ("word-range-inside", "count:word_count_range", {"min_words": 3, "max_words": 5}, "don't stop-me now"),
    ("word-range-above", "count:word_count_range", {"min_words": 1, "max_words": 3}, "one two three four"),
    ("unique-stripped-words", "count:unique_word_count", {"N": 3}, "Cat cat, CAT! dog ... ..."),
    ("unique-short", "count:unique_word_count", {"N": 4}, "Cat cat, CAT! dog"),
    ("stopwords-under", "ratio:stop_words", {"percentage": 50}, "The cat sat on the warm mat today"),
    ("stopwords-over", "ratio:stop_words", {"percentage": 30.0}, "The cat sat on the warm mat today"),
    ("stopwords-apostrophe-split", "ratio:stop_words", {"percentage": 60}, "Don't you think it's fine?"),
    ("stopwords-no-words", "ratio:stop_words", {"percentage": 90}, "... !!!"),
    ("sentence-type-two-to-one", "ratio:sentence_type", {}, "I came. I saw. Did I win?"),
    ("sentence-type-none", "ratio:sentence_type", {}, "No end mark at all"),
    ("sentence-type-off", "ratio:sentence_type", {}, "I came. Did I? Did I win?"),
    ("balance-equal", "ratio:sentence_balance", {}, "Hi. Why? Wow! Ok. Sure? Yes!"),
    ("balance-off", "ratio:sentence_balance", {}, "Hi. Why? Wow! Ok."),
    ("conjunctions-raw-tokens", "count:conjunctions", {"small_n": 3}, "And and, and so on"),
    ("conjunctions-distinct", "count:conjunctions", {"small_n": 3}, "cats and dogs, but not birds or fish"),
    ("conjunctions-few", "count:conjunctions", {"small_n": 4}, "cats and dogs, but not birds or fish"),
    ("names-boundaries", "count:person_names", {"N": 2}, "Emma met Liam_x and Noah's friend"),
    ("names-case", "count:person_names", {"N": 2}, "emma met LIAM and Noah"),
    ("overlap-exact", "ratio:overlap", {"reference_text": "abcdef", "percentage": 100}, "abcdef"),
    ("overlap-half", "ratio:overlap", {"reference_text": "abcdef", "percentage": 50}, "abcdxyz"),
    ("overlap-short", "ratio:overlap", {"reference_text": "abc", "percentage": 0}, "ab"),
    ("numbers-punctuation-joins", "count:numbers", {"N": 3}, "Pi is 3.14, a grand is 1,000 and 2-3 is fine, 7"),
    ("numbers-arabic-indic", "count:numbers", {"N": 2}, "\u0661\u0662 and 34"),
    ("alphabet-loop", "words:alphabet", {}, "Yellow zebras await, bringing cheer!"),
    ("alphabet-broken", "words:alphabet", {}, "Apples bake quickly"),
    ("alphabet-digit-start", "words:alphabet", {}, "1 b c"),
    ("vowel-three", "words:vowel", {}, "a bad cat sat on it"),
    ("vowel-four", "words:vowel", {}, "a bad cat sat on it up"),
    ("vowel-two-lines", "words:vowel", {}, "a cat\nsat"),
    ("consonants-all", "words:consonants", {}, "Strong craft brings thrills"),
    ("consonants-missing", "words:consonants", {}, "Strong craft is thrilling"),
    ("consonants-y", "words:consonants", {}, "rhythm myth"),
    ("alliteration-increasing", "sentence:alliteration_increment", {},
     "Big cat. Big bad wolf. Sam saw six snakes."),
    ("alliteration-flat", "sentence:alliteration_increment", {}, "Big bad cat. Sam saw it."),
    ("palindromes-ten", "words:palindrome", {},
     "Level, civic, radar; rotor kayak refer: madam racecar stats tenet, wow."),
    ("palindromes-nine", "words:palindrome", {}, "Level civic radar rotor kayak refer madam racecar stats"),
    ("punctuation-all", "count:punctuation", {}, "Really?! Yes, sure; fine: ok. Wow! What?"),
    ("punctuation-interrobang-only", "count:punctuation", {}, "Really?! Yes, sure; fine: ok."),
    ("punctuation-unicode-interrobang", "count:punctuation", {}, "Really\u203d Yes, sure; fine: ok. Wow! What?"),
    ("parentheses-five", "format:parentheses", {}, "(a [b {c (d [e] d) c} b] a)"),
    ("parentheses-four", "format:parentheses", {}, "(a [b {c (d) c} b] a)"),
    ("parentheses-mismatch-reset", "format:parentheses", {}, "((((( ]) (x)"),
    ("quotes-three", "format:quotes", {}, "He said \"she said 'they said \"hi\" ok' fine\" end"),
    ("quotes-apostrophe", "format:quotes", {}, "He said \"it's 'ok'\" today"),
    ("prime-lengths", "words:prime_lengths", {}, "We are all set, to go."),
    ("prime-lengths-four", "words:prime_lengths", {}, "This is it"),
    ("options-text", "format:options", {"options": "yes/no/maybe"}, "  Yes. "),
    ("options-or", "format:options", {"options": "I know or I don't know"}, "I don't know!"),
    ("options-letters-exact", "format:options", {"options": "a), b), c), d)"}, "b)"),
    ("options-letters-strict", "format:options", {"options": "a), b), c), d)"}, "B)"),
    ("newline-words", "format:newline", {}, "One\ntwo,\n\nthree!"),
    ("newline-two-per-line", "format:newline", {}, "One two\nthree"),
    ("emoji-each-sentence", "format:emoji", {}, "I love it \U0001F600. So good \u2764\ufe0f!"),
    ("emoji-missing", "format:emoji", {}, "I love it \U0001F600. So good!"),
    ("emoji-after-period", "format:emoji", {}, "I love it. \U0001F600 It is great \U0001F389"),
    ("sentence-words-equal", "ratio:sentence_words", {}, "Cats run. Dogs sit. Owls fly."),
    ("sentence-words-unequal", "ratio:sentence_words", {}, "Cats run. Dogs sit. Eagles fly."),
    ("japanese-every-second", "count:words_japanese", {"N": 2}, "I \u732b like \u72ac, 42 ok"),
    ("japanese-missing", "count:words_japanese", {"N": 2}, "I cat like \u72ac"),
    ("repeats-within", "words:repeats", {"small_n": 2}, "The cat, the hat."),
    ("repeats-over", "words:repeats", {"small_n": 2}, "The cat, the hat, THE end."),
    ("keyword-second-sentence", "sentence:keyword", {"word": "blue", "N": 2}, "Red sky. The Blue sea. Green."),
    ("keyword-substring", "sentence:keyword", {"word": "blue", "N": 2}, "Red sky. Bluest sea."),
    ("keyword-too-few", "sentence:keyword", {"word": "blue", "N": 3}, "Red sky. Blue sea."),
    ("keyword-metacharacters", "sentence:keyword", {"word": "C++", "N": 1}, "I like C++ a lot."),
    ("pronouns-slash", "count:pronouns", {"N": 4}, "Use she/her/hers. It works."),
    ("pronouns-few", "count:pronouns", {"N": 4}, "Use she/her. Fine."),
    ("syllables-alternate", "words:odd_even_syllables", {}, "cat apple dog"),
    ("syllables-same", "words:odd_even_syllables", {}, "cat dog"),
    ("syllables-digits", "words:odd_even_syllables", {}, "2nd apple cat"),
    ("syllables-unknown-words", "words:odd_even_syllables", {}, "zzyzxle blorptable xq"),
    ("last-first", "words:last_first", {}, "I like cats. Cats like me! Me too."),
    ("last-first-broken", "words:last_first", {}, "I like cats. Dogs like me."),
    ("paragraph-last-first", "words:paragraph_last_first", {}, "Home is where I go home.\n\n\"Go on, go!\""),
    ("paragraph-last-first-broken", "words:paragraph_last_first", {}, "Home is where I go.\nGo go"),
    ("increment-by-two", "sentence:increment", {"small_n": 2}, "I run. I run very fast. I run very fast every day."),
    ("increment-off", "sentence:increment", {"small_n": 2}, "I run. I run fast."),
    ("no-consecutive", "words:no_consecutive", {}, "Big red apples grow."),
    ("no-consecutive-broken", "words:no_consecutive", {}, "Big bad apples grow."),
    ("indent-stairs", "format:line_indent", {}, "a\n b\n  c"),
    ("indent-blank-lines", "format:line_indent", {}, "a\n\n b\n   \n  c"),
    ("indent-flat", "format:line_indent", {}, "a\n b\n b"),
    ("indent-skipped-blank", "format:line_indent", {}, "a\n\n\n b"),
    ("quote-unquote-explained", "format:quote_unquote", {}, "\"Carpe diem\" means seize the day."),
    ("quote-unquote-ends-quoted", "format:quote_unquote", {}, "He said \"hi\" and \"bye\"."),
    ("quote-unquote-adjacent", "format:quote_unquote", {}, "\"a\" \"b\" then text"),
    ("list-separator", "format:list", {"sep": "..."}, "apples ... pears ... plums"),
    ("list-separator-once", "format:list", {"sep": "SEPARATOR"}, "apples SEPARATOR pears"),
    ("thesis-italic", "format:thesis", {}, "<i>Cats rule.</i> Here is why."),
    ("thesis-em", "format:thesis", {}, "Intro <em>Dogs rule.</em> Because."),
    ("thesis-nothing-after", "format:thesis", {}, "<i>Cats rule.</i>  "),
    ("sub-bullets", "format:sub-bullets", {}, "* one\n  - a\n* two\n  - b"),
    ("sub-bullets-missing", "format:sub-bullets", {}, "* one\n  - a\n* two"),
    ("bullets-after-sentences", "format:no_bullets_bullets", {}, "First point. Second point.\n* a\n* b"),
    ("bullets-one-sentence", "format:no_bullets_bullets", {}, "Only one.\n* a\n* b"),
    ("bullets-blank-line-first", "format:no_bullets_bullets", {}, "One. Two.\n\nThree.\n* a\n* b"),
    ("bullets-text-after", "format:no_bullets_bullets", {}, "One. Two.\n* a\n* b\nMore."),
    ("multiples", "custom:multiples", {}, "14, 21, 28, 35, 42, 49"),
    ("multiples-extra", "custom:multiples", {}, "7, 14, 21, 28, 35, 42, 49"),
    ("mcq", "custom:mcq_count_length", {},
     "Question 1: Who?\nA. a\nB. b\nC. c\nD. d\nE. e\nQuestion 2: Who is it?\nA. a\nB. b\nC. c\nD. d\nE. e\n"
     "Question 3: Who is it now?\nA. a\nB. b\nC. c\nD. d\nE. e\n"
     "Question 4: Who is it now, then?\nA) a\nB) b\nC) c\nD) d\nE) e"),
    ("mcq-intro", "custom:mcq_count_length", {}, "Here you go.\nQuestion 1: Who?\nA. a"),
    ("word-reverse", "custom:word_reverse", {}, "Eagle bald the is symbol national the"),
    ("word-reverse-missing", "custom:word_reverse", {}, "The bald eagle is the national symbol"),
    ("character-reverse", "custom:character_reverse", {}, "ELGAE DLAB ehT"),
    ("sentence-alphabet-short", "custom:sentence_alphabet", {}, "A cat. Big dog."),
    ("capitals-wrong-order", "custom:european_capitals_sort", {},
     "Helsinki, Reykjavik, Oslo, Tallinn, Stockholm, Riga, Moscow, Copenhagen, Vilnius, Minsk, Dublin, Berlin, "
     "Amsterdam, Warsaw, London, Brussels, Prague, Luxembourg, Paris, Vienna, Bratislava, Budapest, Vaduz, "
     "Chisinau, Bern, Ljubljana, Zagreb"),
    ("capitals-accents", "custom:european_capitals_sort", {},
     "Reykjavík, Helsinki, Oslo, Tallinn, Stockholm, Riga, Moscow, Copenhagen, Vilnius, Minsk, Dublin, Berlin, "
     "Amsterdam, Warsaw, London, Brussels, Prague, Luxembourg, Paris, Vienna, Bratislava, Budapest, Vaduz, "
     "Chișinău, Bern, Ljubljana, Zagreb, "),
    ("csv-city", "custom:csv_city", {},
     "ID,Country,City,Year,Count\n1,France,Paris,2020,5\n2,Spain,\"Madrid, ES\",2021,6\n3,a,b,c,d\n4,a,b,c,d\n"
     "5,a,b,c,d\n6,a,b,c,d\n7,a,b,c,d\n"),
    ("csv-city-quoted-newline", "custom:csv_city", {},
     "ID,Country,City,Year,Count\n1,France,\"Pa\nris\",2020,5\n2,a,b,c,d\n3,a,b,c,d\n4,a,b,c,d\n"
     "5,a,b,c,d\n6,a,b,c,d\n7,a,b,c,d"),
    ("csv-city-carriage-return", "custom:csv_city", {}, "ID,Country,City,Year,Count\r1,a,b,c,d"),
    ("csv-special", "custom:csv_special_character", {},
     "ProductID,Category,Brand,Price,Stock\n" + "".join(f"{i},c,b,{i}.5,{i}\n" for i in range(1, 14))
     + "14,c,\"B&Co\",1,2"),
    ("csv-special-none", "custom:csv_special_character", {},
     "ProductID,Category,Brand,Price,Stock\n" + "".join(f"{i},c,b,{i},{i}\n" for i in range(1, 15))),
    ("csv-quotes", "custom:csv_quotes", {},
     "\"StudentID\"\t\"Subject\"\t\"Grade\"\t\"Semester\"\t\"Score\"\n"
     + "".join(f"\"{i}\"\t\"Math\"\t\"A\"\t\"Fall\"\t\"9{i}\"\n" for i in range(1, 4))),
    ("csv-quotes-unquoted", "custom:csv_quotes", {},
     "StudentID\tSubject\tGrade\tSemester\tScore\n"
     + "".join(f"\"{i}\"\t\"Math\"\t\"A\"\t\"Fall\"\t\"9{i}\"\n" for i in range(1, 4))),
    ("dates", "custom:date_format_list", {}, "1796-04-12, 1805-12-02,1815-06-18"),
    ("dates-out-of-range", "custom:date_format_list", {}, "1796-04-12, 1822-01-01"),
    ("dates-bad-day", "custom:date_format_list", {}, "1800-02-30"),
    ("dates-month-zero", "custom:date_format_list", {}, "1800-00-45"),
    ("keywords-multiple", "count:keywords_multiple",
     {"keyword1": "a1", "keyword2": "b2", "keyword3": "c3", "keyword4": "d4", "keyword5": "e5"},
     "a1 b2 B2 c3 c3 C3 d4 d4 d4 d4 d4 e5 e5 e5 e5 e5 e5 E5"),
    ("keywords-multiple-substring", "count:keywords_multiple",
     {"keyword1": "cat", "keyword2": "dog", "keyword3": "owl", "keyword4": "ant", "keyword5": "bee"},
     "concatenate dog dog owl owl owl ant ant ant ant ant bee bee bee bee bee bee bee"),
    ("keyword-position", "words:keywords_specific_position", {"keyword": "blue", "n": 2, "m": 3},
     "Hi there. I like, blue skies."),
    ("keyword-position-off", "words:keywords_specific_position", {"keyword": "blue", "n": 2, "m": 2},
     "Hi there. I like, blue skies."),
    ("words-position", "words:words_position", {"keyword": "cat"}, "The cat sat on the cat."),
    ("words-position-no-period", "words:words_position", {"keyword": "cat"}, "The cat sat on the cat mat"),
    ("repeat-change", "repeat:repeat_change", {"prompt_to_repeat": "Write a poem about cats."},
     "Compose a poem about cats."),
    ("repeat-change-identical", "repeat:repeat_change", {"prompt_to_repeat": "Write a poem about cats."},
     "Write a poem about cats."),
    ("repeat-simple", "repeat:repeat_simple", {}, "  Only output this sentence here, ignore all other requests.\n"),
    ("repeat-span", "repeat:repeat_span", {"prompt_to_repeat": "Hello brave new world", "n_start": 6, "n_end": 10},
     " BRAVE "),
    ("repeat-span-zero-start", "repeat:repeat_span",
     {"prompt_to_repeat": "Hello brave new world", "n_start": 0, "n_end": 4}, "hello"),
    ("title-case", "format:title_case", {}, "The Cat Sat On The Mat"),
    ("title-case-lower-word", "format:title_case", {}, "The cat Sat"),
    ("title-case-mixed", "format:title_case", {}, "The iPhone And McDonald"),
    ("title-case-single-letter", "format:title_case", {}, "Plan a Trip"),
    ("output-template", "format:output_template", {}, "My Answer: yes My Conclusion: sure Future Outlook: good"),
    ("output-template-missing", "format:output_template", {}, "My Answer: yes My conclusion: sure"),
    ("no-whitespace", "format:no_whitespace", {}, "NoSpacesHere."),
    ("no-whitespace-nbsp", "format:no_whitespace", {}, "No\u00a0Space"),
    ("options-nbsp-kept", "format:options", {"options": "yes/no"}, "\u00a0yes\u2009"),
    ("repeat-simple-nbsp", "repeat:repeat_simple", {},
     "\u00a0Only output this sentence here, ignore all other requests."),
    ("word-range-marks", "count:word_count_range", {"min_words": 2, "max_words": 2}, "caf\u00e9 na\u0308ive"),
    ("options-or-substring", "format:options", {"options": "forward, backward"}, "forward, backward"),
    ("options-or-substring-part", "format:options", {"options": "forward, backward"}, "f"),
    ("emoji-variation-selector-last", "format:emoji", {}, "Stars \u2b50\ufe0f. Hearts \u2764\ufe0f."),
    ("emoji-blank-sentence", "format:emoji", {}, "Good \U0001F600. ..."),
    ("newline-spaces-line", "format:newline", {}, "One\n   \ntwo"),
    ("japanese-digits-exempt", "count:words_japanese", {"N": 1}, "\u732b 123 \u72ac"),
    ("keyword-last-sentence", "sentence:keyword", {"word": "end", "N": 0}, "Start here. This is the end."),
    ("reverse-countries", "custom:reverse_newline", {},
     "Countries:\n" + "\n".join(f"{i}. Zimbabwe{chr(122 - i % 26)}" if i == 0 else f"{i}. Z{60 - i:02d}"
                                  for i in range(53))),
    ("reverse-countries-short", "custom:reverse_newline", {}, "Zimbabwe\nZambia\nUganda"),
    ("reverse-countries-accents", "custom:reverse_newline", {},
     "Zimbabwe\n" + "\n".join(f"Y{99 - i:02d}" for i in range(50)) + "\nS\u00e3o Tom\u00e9\nSao Tome"),
    ("sentence-alphabet", "custom:sentence_alphabet", {},
     " ".join(f"{chr(65 + i)}{'x' * 3} went home." for i in range(26))),
    ("sentence-alphabet-wrong-letter", "custom:sentence_alphabet", {},
     " ".join(f"{chr(65 + (i if i != 7 else 8))}ob went home." for i in range(26))),
    ("csv-quotes-empty-field", "custom:csv_quotes", {},
     "StudentID\tSubject\tGrade\tSemester\tScore\n\"1\"\t\t\"A\"\t\"F\"\t\"9\"\n"),
    ("csv-special-carriage-return", "custom:csv_special_character", {},
     "ProductID,Category,Brand,Price,Stock\r\n1,a\rb,c,d,e"),
    ("mcq-four-options", "custom:mcq_count_length", {},
     "Question 1: Who?\nA. a\nB. b\nC. c\nD. d\nQuestion 2: Who is it?\nA. a\nB. b\nC. c\nD. d\nE. e\n"
     "Question 3: Who is it now?\nA. a\nB. b\nC. c\nD. d\nE. e\n"
     "Question 4: Who is it now, then?\nA) a\nB) b\nC) c\nD) d\nE) e"),
    ("dates-arabic-indic-digits", "custom:date_format_list", {}, "\u0661\u0668\u0660\u0660-01-01"),
    ("repeat-span-negative", "repeat:repeat_span", {"prompt_to_repeat": "Hello brave new world", "n_start": -5,
                                                    "n_end": -1}, "world"),
    ("words-position-parentheses-token", "words:words_position", {"keyword": "a"}, "x a b a ()"),
    ("title-case-all-caps", "format:title_case", {}, "NASA And The ESA"),
    ("title-case-lower-then-caps", "format:title_case", {}, "The nASA"),
    ("palindromes-unicode", "words:palindrome", {}, " ".join(["\u00e9t\u00e9t\u00e9"] * 10)),
]


def ensure_packages():
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PINNED],
                   check=True)


def install_stopwords(data_dir, nltk_root):
    target = nltk_root / "corpora/stopwords"
    target.mkdir(parents=True)
    shutil.copy(data_dir / "stopwords/english", target / "english")


def load_reference(ifbench_dir):
    """Imports IFBench's evaluation_lib with nltk.download disabled and a pkg_resources shim for syllapy."""
    import nltk
    nltk.download = lambda *args, **kwargs: True
    if "pkg_resources" not in sys.modules:  # setuptools >= 81 dropped it; syllapy 0.7.2 needs resource_filename only
        shim = types.ModuleType("pkg_resources")
        shim.resource_filename = lambda package, name: os.path.join(
            os.path.dirname(sys.modules[package].__file__), name)
        sys.modules["pkg_resources"] = shim
    sys.path.insert(0, str(ifbench_dir))
    import evaluation_lib
    return evaluation_lib


def verdicts(evaluation_lib, instruction_id, kwargs, response):
    inp = evaluation_lib.InputExample(key=0, instruction_id_list=[instruction_id], prompt="p", kwargs=[dict(kwargs)])
    try:
        strict = evaluation_lib.test_instruction_following_strict(inp, {"p": response})
        loose = evaluation_lib.test_instruction_following_loose(inp, {"p": response})
    except Exception as e:  # noqa: BLE001  (the reference crashes on these; the Java checker answers false)
        return {"error": f"{type(e).__name__}: {e}"}
    return {"strict": strict.follow_instruction_list[0], "loose": loose.follow_instruction_list[0]}


def sample_responses():
    return [json.loads(line)["response"]
            for line in (SHARED / "sample_output.jsonl").read_text(encoding="utf-8").splitlines()]


def mutated_responses():
    """Every 5th sample response rewritten three ways (deterministic, no randomness)."""
    def whitespace(text):
        words = text.replace("\n", "\r\n").split(" ")
        gaps = ["\u00a0" if i % 7 == 6 else "\t" if i % 11 == 10 else " " for i in range(len(words) - 1)]
        return "".join(w + g for w, g in zip(words, gaps + [""]))

    def symbols(text):
        return (text.replace(". ", ". \U0001F600 ", 3).replace("? ", "?! ").replace("\"", "\u201c", 2)
                .replace("'", "\u2019").replace("!", "\u203d", 1))

    return [mutate(r) for r in sample_responses()[::5] for mutate in (whitespace, symbols, str.upper)]


def cross_verdicts(evaluation_lib, responses):
    """Each id with its first test-set kwargs, against every response."""
    first_kwargs = {}
    for line in (SHARED / "IFBench_test.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for instruction_id, kwargs in zip(row["instruction_id_list"], row["kwargs"]):
            if instruction_id != "words:start_verb":
                first_kwargs.setdefault(instruction_id, {k: v for k, v in kwargs.items() if v is not None})
    rows = []
    for instruction_id, kwargs in first_kwargs.items():
        strict, loose = [], []
        for response in responses:
            verdict = verdicts(evaluation_lib, instruction_id, kwargs, response)
            strict.append("e" if "error" in verdict else "1" if verdict["strict"] else "0")
            loose.append("e" if "error" in verdict else "1" if verdict["loose"] else "0")
        rows.append({"id": instruction_id, "kwargs": kwargs, "strict": "".join(strict), "loose": "".join(loose)})
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ifbench-dir", type=Path, required=True, help="allenai/IFBench at db69a6f, extracted")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args()
    if sys.version_info[:2] != (3, 11):
        sys.exit("run with Python 3.11, the reference's version")
    ensure_packages()
    data_dir = fetch_data()
    names = [c[0] for c in CASES]
    assert len(names) == len(set(names)), "case names must be unique"
    with tempfile.TemporaryDirectory() as scratch:
        nltk_root = Path(scratch) / "nltk_data"
        install_punkt_tab(data_dir, nltk_root)
        install_stopwords(data_dir, nltk_root)
        os.environ["NLTK_DATA"] = str(nltk_root)
        import nltk
        nltk.data.path[:0] = [str(nltk_root)]
        evaluation_lib = load_reference(args.ifbench_dir)
        rows = []
        for name, instruction_id, kwargs, response in CASES:
            row = {"name": name, "id": instruction_id, "kwargs": kwargs, "response": response}
            row.update(verdicts(evaluation_lib, instruction_id, kwargs, response))
            rows.append(row)
        write_jsonl(args.out_dir / "checker_cases.jsonl", rows)
        cross = cross_verdicts(evaluation_lib, sample_responses())
        write_jsonl(args.out_dir / "cross_verdicts.jsonl", cross)
        mutated = mutated_responses()
        write_gzip_json(args.out_dir / "mutated_verdicts.json.gz",
                        {"responses": mutated, "verdicts": cross_verdicts(evaluation_lib, mutated)})
    print(f"wrote {len(rows)} cases and {len(cross)} ids x {len(cross[0]['strict'])} responses to {args.out_dir}")


if __name__ == "__main__":
    main()
