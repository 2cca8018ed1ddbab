"""Golden outputs for the text primitives of the rewards module (package ai.raif.rewards.text).

For every case it records what the Python reference of the IFEval checkers computes:
  sentences    nltk.sent_tokenize(text)                      (Punkt, English punkt_tab parameters)
  words        nltk.word_tokenize(text)                      (Punkt + NLTKWordTokenizer)
  count_re     len(re.findall(r"\\w+", text))                 (stdlib re: the \\w semantics the Java port pins)
  count_nltk   len(RegexpTokenizer(r"\\w+").tokenize(text))  (NLTK 3.10 compiles it with the third-party regex module)
  lang         langdetect.detect(text) with DetectorFactory.seed = 0, or null on LangDetectException
The versions are those of shared/benchmarks/ifeval/golden/text_bison/metrics.json: NLTK 3.10.3, langdetect 1.0.9,
Python 3.11 (its float sum() and Unicode 14 tables matter). It also writes, for every code point, where Python's
str predicates used by the port hold (unicode_tables.json.gz), so the Java tests can compare whole Unicode.

Punkt parameters and langdetect profiles come from bin/fetch-rewards-data (the same files the Java module ships);
langdetect loads its profiles in sorted file-name order, the order the Java port uses (upstream uses os.listdir order).

Run once:  /tmp/goldenv/bin/python tools/golden/text_golden.py
"""

import argparse
import gzip
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared" / "benchmarks"
OUT_DIR = REPO_ROOT / "rewards/src/test/resources/text"
PINNED = ["nltk==3.10.3", "langdetect==1.0.9"]
RANDOM_SEED = 20261123
RANDOM_CASES = 400

HAND_CASES = {
    "empty": "",
    "spaces_only": "   \n\t  ",
    "dr_smith": "Dr. Smith went home. He was tired.",
    "mr_smith_pm": "Mr. Smith went to Washington. He arrived at 3 p.m. on Monday.",
    "us_abbrev": "The U.S. economy grew. The U.S.A. is large. I live in the U.S. Many people do.",
    "initials": "J. R. R. Tolkien wrote books. J. Bach composed music. A. Smith and B. Jones met.",
    "eg_ie": "Use tools, e.g. hammers. Avoid others, i.e. saws. See p. 5 for more.",
    "ellipsis": "Wait... what? I thought so... But no. Hmm.... Fine. . . Done.",
    "quote_after_period": 'He said "Stop." Then he left. She asked, "Why?" Nobody knew.',
    "single_quote_after_period": "It was 'done.' Then it wasn't. 'Really?' she asked.",
    "paren_after_period": "(Sent one.) Sent two. [Another one.] {And one more.} Fin.",
    "curly_quotes": "\u201cHello.\u201d She smiled. \u2018Yes.\u2019 He nodded. \u00abBonjour.\u00bb Fin.",
    "numbers": "Pi is 3.14. It has 3,141.59 cents. Version 2.0.1 is out. Call 555-1234. 1. 2. 3.",
    "numbered_list": "Steps:\n1. Open the box.\n2. Take the item.\n3. Close it.\n\nDone.",
    "bullet_list": "* First item.\n* Second item\n- third item!\n- fourth?\n\n**Bold** end.",
    "multiple_spaces": "Too   many    spaces.   Here  too.\n\n\n\nAnd   newlines.",
    "poem_no_periods": "Line one\nLine two\nLine three",
    "crlf": "First line.\r\nSecond line.\r\n\r\nThird paragraph!\r\n",
    "question_exclaim": "Really?! No way!!! Yes way. What?? Okay.",
    "contractions": "I can't go. You won't know. They'd've left. It's John's. We're gonna win, gimme that, lemme see, "
                    "wanna go? 'Tis true, 'twas night. Cannot, d'ye, gotta, more'n.",
    "contractions_caps": "I DON'T KNOW. SHE'LL GO. WE'RE HERE. THEY'VE WON. I'M OK. CAN'T STOP.",
    "contractions_odd_case": "\u017fhe can\u017f \u212aeep it. I'\u017f fine. DON'T. \u0130t's here.",
    "quotes_inner": "She said ''hi'' and ``bye''. He said \"x\" then 'y'. O'Neil's rock'n'roll.",
    "brackets": "f(x) = [a, b] {c: d} <tag> (nested (parens)).",
    "dashes": "Wait--what? A \u2013 B \u2014 C \u2012 D \u2015 E. Well - fine.",
    "symbols": "Cost: $5.00; tax 7% & tip #2 @ noon * star. a@b.com http://x.org/a?b=c.",
    "url_email": "Visit https://example.com/path?q=1&r=2. Mail me at john.doe@example.org. Thanks.",
    "colon_comma_numbers": "Ratio 1:2, time 10:30, 1,000,000 and a,b and c:d.",
    "final_period_in_brackets": "This ends with a bracket (really.)",
    "all_caps_english": "THIS IS AN ENGLISH SENTENCE. EVERY LETTER IS CAPITALIZED!!! AMAZING.",
    "all_lower_english": "this is an english sentence written entirely in lowercase letters, with no capitals at all.",
    "digits_only": "12345 !!!",
    "punct_only": "... !!! ??? ---",
    "emoji": "I love it \U0001F600\U0001F44D! Great job \U0001F389. Next \U0001F680 step.",
    "emoji_only": "\U0001F600\U0001F601\U0001F602",
    "math_bold": "\U0001D400\U0001D401\U0001D402 letters. And \U0001D7CE\U0001D7CF digits.",
    "indic_marks": "\u0939\u093f\u0928\u094d\u0926\u0940 \u092d\u093e\u0937\u093e",
    "superscripts": "x\u00b2 \u00bd a\u203fb snake_case 3.14 don't",
    "fr": "Bonjour tout le monde. Je m'appelle Marie et j'habite \u00e0 Paris depuis dix ans. C'est une belle ville.",
    "de": "Guten Tag! Ich hei\u00dfe Hans und wohne seit zehn Jahren in M\u00fcnchen. Das Wetter ist sch\u00f6n.",
    "es": "Hola, \u00bfc\u00f3mo est\u00e1s? Me llamo Juan y vivo en Madrid. \u00a1Qu\u00e9 bonito d\u00eda!",
    "it": "Ciao a tutti. Mi chiamo Giulia e abito a Roma da molti anni. La citt\u00e0 \u00e8 bellissima.",
    "pt": "Ol\u00e1 a todos. Eu moro em Lisboa h\u00e1 muitos anos e gosto muito da cidade. Obrigado.",
    "nl": "Hallo allemaal. Ik woon al jaren in Amsterdam en ik vind het een mooie stad.",
    "ru": "\u041f\u0440\u0438\u0432\u0435\u0442! \u041c\u0435\u043d\u044f \u0437\u043e\u0432\u0443\u0442 "
          "\u0418\u0432\u0430\u043d. \u042f \u0436\u0438\u0432\u0443 \u0432 \u041c\u043e\u0441\u043a\u0432\u0435.",
    "uk": "\u041f\u0440\u0438\u0432\u0456\u0442! \u042f \u0436\u0438\u0432\u0443 \u0432 \u041a\u0438\u0454\u0432\u0456 "
          "\u0456 \u0434\u0443\u0436\u0435 \u043b\u044e\u0431\u043b\u044e \u0446\u0435 \u043c\u0456\u0441\u0442\u043e.",
    "zh": "\u4eca\u5929\u5929\u6c14\u5f88\u597d\u3002\u6211\u4eec\u53bb\u516c\u56ed\u6563\u6b65\u5427\u3002"
          "\u4f60\u89c9\u5f97\u600e\u4e48\u6837\uff1f",
    "zh_tw": "\u4eca\u5929\u5929\u6c23\u5f88\u597d\u3002\u6211\u5011\u53bb\u516c\u5712\u6563\u6b65\u5427\u3002"
             "\u81fa\u7063\u7684\u98df\u7269\u5f88\u597d\u5403\u3002",
    "ja": "\u4eca\u65e5\u306f\u3044\u3044\u5929\u6c17\u3067\u3059\u306d\u3002\u516c\u5712\u306b\u884c\u304d\u307e"
          "\u3057\u3087\u3046\u3002\u30b3\u30fc\u30d2\u30fc\u3092\u98f2\u307f\u307e\u3059\u3002",
    "ko": "\uc548\ub155\ud558\uc138\uc694. \uc800\ub294 \uc11c\uc6b8\uc5d0 \uc0b4\uace0 \uc788\uc2b5\ub2c8\ub2e4. "
          "\ub9cc\ub098\uc11c \ubc18\uac11\uc2b5\ub2c8\ub2e4.",
    "ar": "\u0645\u0631\u062d\u0628\u0627 \u0628\u0643\u0645. \u0623\u0646\u0627 \u0623\u0639\u064a\u0634 \u0641\u064a "
          "\u0627\u0644\u0642\u0627\u0647\u0631\u0629 \u0645\u0646\u0630 \u0633\u0646\u0648\u0627\u062a "
          "\u0637\u0648\u064a"
          "\u0644\u0629.",
    "fa": "\u0633\u0644\u0627\u0645 \u062f\u0648\u0633\u062a\u0627\u0646. \u0645\u0646 \u062f\u0631 \u062a\u0647\u0631"
          "\u0627\u0646 \u0632\u0646\u062f\u06af\u06cc \u0645\u06cc\u200c\u06a9\u0646\u0645.",
    "hi": "\u0928\u092e\u0938\u094d\u0924\u0947\u0964 \u092e\u0948\u0902 \u0926\u093f\u0932\u094d\u0932\u0940 \u092e"
          "\u0947\u0902 \u0930\u0939\u0924\u093e \u0939\u0942\u0901\u0964 \u092f\u0939 \u090f\u0915 \u092c\u0921"
          "\u093c\u093e \u0936\u0939\u0930 \u0939\u0948\u0964",
    "el": "\u0393\u03b5\u03b9\u03b1 \u03c3\u03b1\u03c2. \u039c\u03ad\u03bd\u03c9 \u03c3\u03c4\u03b7\u03bd \u0391\u03b8"
          "\u03ae\u03bd\u03b1 \u03ba\u03b1\u03b9 \u03b1\u03b3\u03b1\u03c0\u03ce \u03c4\u03b7\u03bd \u03c0\u03cc\u03bb"
          "\u03b7. \u039f\u0394\u039f\u03a3 \u039a\u0391\u0399 \u039b\u039f\u0393\u039f\u03a3.",
    "he": "\u05e9\u05dc\u05d5\u05dd \u05dc\u05db\u05d5\u05dc\u05dd. \u05d0\u05e0\u05d9 \u05d2\u05e8 \u05d1\u05ea\u05dc "
          "\u05d0\u05d1\u05d9\u05d1 \u05db\u05d1\u05e8 \u05e9\u05e0\u05d9\u05dd \u05e8\u05d1\u05d5\u05ea.",
    "th": "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35\u0e04\u0e23\u0e31\u0e1a "
          "\u0e27\u0e31\u0e19\u0e19\u0e35\u0e49\u0e2d\u0e32"
          "\u0e01\u0e32\u0e28\u0e14\u0e35\u0e21\u0e32\u0e01",
    "vi": "Xin ch\u00e0o c\u00e1c b\u1ea1n. T\u00f4i s\u1ed1ng \u1edf H\u00e0 N\u1ed9i \u0111\u00e3 l\u00e2u r\u1ed3i. "
          "Ph\u1edf r\u1ea5t ngon.",
    "vi_combining": "Xin cha\u0300o ca\u0301c ba\u0323n. "
                    "To\u0302i so\u0302\u0301ng o\u031b\u0309 Ha\u0300 No\u0323\u0302i.",
    "tr": "Merhaba arkada\u015flar. \u0130stanbul'da ya\u015f\u0131yorum ve bu \u015fehri \u00e7ok seviyorum.",
    "pl": "Cze\u015b\u0107 wszystkim. Mieszkam w Krakowie od wielu lat i bardzo lubi\u0119 to miasto.",
    "sv": "Hej allihopa. Jag bor i Stockholm sedan m\u00e5nga \u00e5r och tycker mycket om staden.",
    "ro": "Bun\u0103 ziua. Locuiesc \u00een Bucure\u0219ti de mul\u021bi ani \u0219i \u00eemi place ora\u0219ul.",
    "sw": "Habari zenu. Ninaishi Nairobi kwa miaka mingi na ninapenda mji huu sana.",
    "bn": "\u0986\u09ae\u09bf \u09ac\u09be\u0982\u09b2\u09be\u09af\u09bc \u0995\u09a5\u09be \u09ac\u09b2\u09bf\u0964",
    "mixed_scripts": "English text with \u4e2d\u6587 and \u0420\u0443\u0441\u0441\u043a\u0438\u0439 and "
                     "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 mixed. OK.",
    "latin_in_cyrillic": "\u042d\u0442\u043e \u0442\u0435\u043a\u0441\u0442 \u043d\u0430 \u0440\u0443\u0441\u0441"
                         "\u043a\u043e\u043c ABC \u0441 \u043b\u0430\u0442\u0438\u043d\u0438\u0446\u0435\u0439 xyz.",
    "unicode_spaces": "One.\u00a0Two.\u2003Three.\u3000Four.\u2028Five.\u2029Six.\x85Seven.\x0bEight.\x1cNine.",
    "tabs_and_vt": "Tab\tseparated. Vertical\x0btab. Form\x0cfeed. End.",
    "zero_width": "Zero\u200bwidth. Joiner\u200dhere. Soft\u00adhyphen. End.",
    "greek_sigma": "\u039f\u0394\u039f\u03a3. \u03a3\u039f\u03a6\u039f\u03a3 "
                   "\u0391\u039d\u0398\u03a1\u03a9\u03a0\u039f\u03a3.",
    "turkish_dotted": "\u0130STANBUL. \u0131\u015f\u0131k. I\u0307. D\u0130YARBAKIR.",
    "sentence_starters": "He left at 5 p.m. However, nobody noticed. The end. It was late. But why?",
    "collocation_numbers": "It rose 5. Abreast of others. In 1987. Cooper won. Item no. 5 is here.",
    "abbrev_with_hyphen": "See the ex-gen. Smith case. Talk to Lt. Col. Jones. Visit St. Louis.",
    "sentence_end_no_space": "End.Next sentence.Third one. Fourth!Fifth?",
    "period_then_quote_then_text": "He said \"go.\"Then left. 'Ok.'Fine.",
    "starting_quote_at_start": "\"Hello,\" he said. 'Hi,' she replied. `Odd` quotes.",
    "double_quotes_inside": "The word \"cat\" is short. \"Yes\", he said.",
    "only_periods": "....",
    "single_char": ".",
    "single_word": "Hello",
    "trailing_spaces": "Hello there.   ",
    "leading_newlines": "\n\n\nHello there. General Kenobi.",
    "json_like": '{"a": 1, "b": [1, 2, 3], "c": "x. y"}',
    "code_block": "```python\ndef f(x):\n    return x.y()\n```\nThat is code. It works.",
    "markdown_headers": "# Title\n\n## Section 1\nSome text here. More text.\n\n## Section 2\n*Italic* and **bold**.",
    "ifeval_capital_words": "HELLO WORLD, it's a U.S.A. THING. Don't STOP-NOW!",
    "ifeval_i_dont": "I think DON'T",
    "ifeval_words_example": "Don't stop-believing, it's 3.14!",
    "postscript": "Body text.\n\nP.S. I love you.\nP.P.S. Me too.",
    "long_abbrev_chain": "Prof. Dr. Mrs. Gen. Sen. Rep. Jones et al. arrived on Jan. 5, 2024 at 10 a.m. sharp.",
    "url_only": "https://example.com/a/b/c?d=e#f",
    "cjk_punct_mix": "\u3053\u3093\u306b\u3061\u306f\u3002Hello. \u4f60\u597d\uff01World!",
    "hangul_jamo_halfwidth": "\u1100\u1161 \uffa1\uffc2 \u3131\u314f",
    "astral_before_quote": "\U0001D400'\U0001D401 and \U0001D400'tis and 'x and \U0001D400cannot \U0001D401gonna go.",
    "astral_contractions": "\U00010400cannot stop. I cannot stop. x\U00010428's car. \U0001F600'hello' there.",
    "astral_letters": "\U00020000\U0002A700 \U00010400\U00010428 done.",
}


def ensure_packages():
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PINNED],
                   check=True)


def fetch_data():
    subprocess.run(["bash", str(REPO_ROOT / "bin/fetch-rewards-data")], check=True)
    return Path(os.environ.get("RAIF_CACHE", Path.home() / ".cache/raif")) / "data"


def install_punkt_tab(data_dir, nltk_root):
    """Writes punkt_tab/english in NLTK's tab format from the module's converted parameters."""
    params = json.loads((data_dir / "punkt/english.json").read_text(encoding="utf-8"))
    english = nltk_root / "tokenizers/punkt_tab/english"
    english.mkdir(parents=True)
    (english / "abbrev_types.txt").write_text("\n".join(params["abbrev_types"]), encoding="utf-8")
    (english / "sent_starters.txt").write_text("\n".join(params["sent_starters"]), encoding="utf-8")
    (english / "collocations.tab").write_text("\n".join("\t".join(c) for c in params["collocations"]),
                                              encoding="utf-8")
    (english / "ortho_context.tab").write_text(
        "\n".join(f"{k}\t{v}" for k, v in params["ortho_context"].items()), encoding="utf-8")


def langdetect_factory(data_dir, order):
    from langdetect.detector_factory import DetectorFactory
    profiles = data_dir / "langdetect/profiles"
    names = (profiles.parent / "profiles.txt").read_text(encoding="utf-8").split()
    if order == "reversed":
        names = names[::-1]
    elif order == "listdir":
        names = os.listdir(profiles)
    factory = DetectorFactory()
    factory.load_json_profile([(profiles / n).read_text(encoding="utf-8") for n in names])
    return factory


def detect(factory, text):
    from langdetect.lang_detect_exception import LangDetectException
    detector = factory.create()
    detector.append(text)
    try:
        return detector.detect()
    except LangDetectException:
        return None


def random_text(rng):
    """Random strings weighted toward the characters the tokenizers treat specially."""
    pools = [
        "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789",
        " " * 8 + "\n\n\t\r",
        ".....!!??,,;;::''\"\"``()[]{}<>--*@#$%&_/\\^~|+=",
        "\u2018\u2019\u201c\u201d\u00ab\u00bb\u2012\u2013\u2014\u2015\u2026\u00a0\u2028\u3000\x85\x0b\x1c",
        "\u00e9\u00df\u0131\u0130\u017f\u212a\u03a3\u03c3\u0394\u0416\u0436\u05d0\u0627\u0939\u093f\u094d\u0e01",
        "\u4e2d\u6587\u3042\u30a2\u3105\uac00\u1ea0\u0300\u0301\u0323\u00b2\u00bd\u203f\u200b\u200d",
        "\U0001F600\U0001D400\U0001D7CE\U00020000\U00010400",
    ]
    weights = [30, 8, 5, 14, 20, 5, 6, 5, 2]
    words = ["Dr.", "Mr.", "U.S.", "e.g.", "p.m.", "can't", "gonna", "'tis", "3.14", "No.", "St.", "etc.",
             "However", "The", "J.", "...", "--", "''", "``", "n't", "1.", "(a)", "Inc.", "vs."]
    out = []
    for _ in range(rng.randrange(0, 120)):
        if rng.random() < 0.12:
            out.append(rng.choice(words))
        else:
            pool = rng.choices(pools, weights)[0]
            out.append(rng.choice(pool))
    return "".join(out)


def collect_cases():
    cases = []
    for i, line in enumerate((SHARED / "ifeval/responses_text_bison.jsonl").read_text(encoding="utf-8").splitlines()):
        cases.append(("ifeval-response-%03d" % i, "verdict", json.loads(line)["response"]))
    for line in (SHARED / "ifeval/input_data.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        cases.append(("ifeval-prompt-%d" % row["key"], "verdict", row["prompt"]))
    for i, line in enumerate((SHARED / "ifbench/sample_output.jsonl").read_text(encoding="utf-8").splitlines()):
        cases.append(("ifbench-response-%03d" % i, "verdict", json.loads(line)["response"]))
    for name, text in HAND_CASES.items():
        cases.append(("hand-" + name, "hand", text))
    rng = random.Random(RANDOM_SEED)
    for i in range(RANDOM_CASES):
        cases.append(("random-%03d" % i, "random", random_text(rng)))
    return cases


def ranges(predicate):
    """[[first, last], ...] of the code points where predicate holds."""
    result, start = [], None
    for cp in range(0x110000 + 1):
        hit = cp < 0x110000 and predicate(chr(cp))
        if hit and start is None:
            start = cp
        elif not hit and start is not None:
            result.append([start, cp - 1])
            start = None
    return result


def unicode_tables():
    import regex
    re_word, re_digit, re_space = re.compile(r"\w"), re.compile(r"\d"), re.compile(r"\s")
    regex_word = regex.compile(r"\w", regex.UNICODE | regex.MULTILINE | regex.DOTALL)
    return {
        "python": sys.version.split()[0],
        "unicodedata": unicodedata.unidata_version,
        "re_word": ranges(lambda c: re_word.match(c) is not None),
        "re_digit": ranges(lambda c: re_digit.match(c) is not None),
        "re_space": ranges(lambda c: re_space.match(c) is not None),
        "str_isupper": ranges(str.isupper),
        "str_islower": ranges(str.islower),
        "regex_word": ranges(lambda c: regex_word.match(c) is not None),
        "assigned": ranges(lambda c: unicodedata.category(c) != "Cn"),
    }


def write_jsonl(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_gzip_json(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args()
    if sys.version_info[:2] != (3, 11):
        sys.exit("run with Python 3.11: its float sum() and Unicode tables are the reference's")
    ensure_packages()
    data_dir = fetch_data()

    with tempfile.TemporaryDirectory() as nltk_root:
        install_punkt_tab(data_dir, Path(nltk_root))
        os.environ["NLTK_DATA"] = nltk_root
        import nltk
        nltk.data.path[:0] = [nltk_root]
        from nltk.tokenize import RegexpTokenizer
        import langdetect
        from langdetect.detector_factory import DetectorFactory
        DetectorFactory.seed = 0

        factories = {order: langdetect_factory(data_dir, order) for order in ("sorted", "reversed", "listdir")}
        counter = RegexpTokenizer(r"\w+")
        rows, order_sensitive = [], []
        for case_id, kind, text in collect_cases():
            lang = detect(factories["sorted"], text)
            if any(detect(factories[o], text) != lang for o in ("reversed", "listdir")):
                order_sensitive.append(case_id)
            rows.append({
                "id": case_id, "kind": kind, "text": text,
                "sentences": nltk.sent_tokenize(text),
                "words": nltk.word_tokenize(text),
                "count_re": len(re.findall(r"\w+", text)),
                "count_nltk": len(counter.tokenize(text)),
                "lang": lang,
            })

    meta = {
        "python": sys.version.split()[0], "unicodedata": unicodedata.unidata_version,
        "nltk": nltk.__version__, "langdetect": "1.0.9", "langdetect_seed": 0,
        "langdetect_profile_order": "sorted file names",
        "langdetect_profile_order_sensitive": order_sensitive,
        "random_seed": RANDOM_SEED,
    }
    write_gzip_json(args.out_dir / "text_golden.json.gz", {"meta": meta, "cases": rows})
    write_gzip_json(args.out_dir / "unicode_tables.json.gz", unicode_tables())
    differ = [r["id"] for r in rows if r["count_re"] != r["count_nltk"]]
    print(f"{len(rows)} cases; langdetect order-sensitive: {order_sensitive}; re/regex \\w+ counts differ: {differ}")


if __name__ == "__main__":
    main()
