"""Golden data for ai.raif.trainer.text (TextTokenizer, ChatTemplate), produced with transformers as the reference.

Run once with the golden venv; the small results are committed under trainer/src/test/resources/text/:

    /tmp/goldenv/bin/python tools/golden/tokenizer_golden.py [path/to/SmolLM2-135M-Instruct.Q4_1.gguf]

Writes
  smollm2_tokenizer_golden.json           ids / decodes / chat renderings of the embedded model's GGUF tokenizer,
                                          loaded by transformers (AutoTokenizer.from_pretrained(..., gguf_file=...))
  smollm2_gguf_tokenizer_metadata.json.gz the GGUF's tokenizer.* metadata, so the Java test can feed
                                          TextTokenizer.fromGgufMetadata without a GGUF reader of its own
  spm_tokenizer_golden.json               a tiny SentencePiece-style ("llama") GGUF vocabulary and what transformers
                                          makes of it
  chat_template_golden.json               renderings of the templates in templates/ by transformers' own renderer
"""

import gzip
import json
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from unittest import mock

import gguf
import numpy as np
from transformers import AutoTokenizer
from transformers.utils import chat_template_utils

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "trainer/src/test/resources/text"
TEMPLATES = OUT / "templates"
DEFAULT_GGUF = Path.home() / ".cache/raif/models/SmolLM2-135M-Instruct.Q4_1.gguf"

TEXTS = [
    "",
    "Hello, world!",
    " leading space",
    "  two leading spaces",
    "trailing space ",
    "12345 3.14",
    "1,000,000 and 0.001 and -42",
    "def add(a, b):\n    return a + b\n",
    "for (int i = 0; i < n; i++) { sum += x[i]; }",
    "a    b\t\tc     ",
    "line1\nline2\r\nline3\n\n\n",
    "\t\tindented\ttabs",
    "I \u2764\ufe0f emoji \U0001F600\U0001F44D\U0001F3FD",
    "\u4f60\u597d\uff0c\u4e16\u754c\uff01\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8",
    "\uc548\ub155\ud558\uc138\uc694",
    "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u00c5ngstr\u00f6m",
    "<|im_start|>user\nHi there<|im_end|>\n",
    "text<|im_end|>more text",
    "<|endoftext|>",
    "<|im_start|incomplete",
    "don't I'm we'll they've she'd",
    "ALL CAPS SHOUTING",
    "camelCaseIdentifier snake_case_name",
    "https://example.com/path?q=1&r=2#frag",
    "$100.50 + 20% = ???",
    "\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac \u0438 \u0440\u0443\u0441\u0441\u043a\u0438\u0439 \u0442\u0435\u043a\u0441\u0442",
    "\u0639\u0631\u0628\u064a",
    "\u2211_{i=1}^{n} x_i\u00b2 \u2264 \u221e",
    "     ",
    "\n",
    "a\u00a0b and zero\u200bwidth",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "<think>step by step</think> The answer is 4.",
    "Hello world . How are you ? I'm fine , thanks !",
]

SMOLLM_CHATS = [
    ([{"role": "user", "content": "What is 2+2?"}], True),
    ([{"role": "user", "content": "What is 2+2?"}], False),
    ([{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Name a colour."}], True),
    (
        [
            {"role": "user", "content": "Hi!"},
            {"role": "assistant", "content": "Hello! How can I help?"},
            {"role": "user", "content": "Write \"hi\" in \u65e5\u672c\u8a9e.\nThanks."},
        ],
        True,
    ),
    (
        [
            {"role": "system", "content": "Answer in JSON."},
            {"role": "user", "content": "  spaced  "},
            {"role": "assistant", "content": "{\"a\": 1}"},
        ],
        False,
    ),
]

# A fixed "now" for strftime_now, so renderings that print today's date are reproducible.
NOW = datetime(2024, 7, 26, 9, 30, 5)

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Get the current weather in a city, e.g. \"Z\u00fcrich\".",
            "parameters": {
                "type": "object",
                "properties": {
                    "city": {"type": "string", "description": "City name"},
                    "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                    "days": {"type": "integer", "minimum": 1, "default": 1},
                },
                "required": ["city"],
            },
        },
    }
]

EXTRA = {
    "name": "Zo\u00eb",
    "flag": True,
    "count": 3,
    "ratio": 0.5,
    "tiny": 1e-07,
    "big": 12345678901234567890,
    "whole": 2.0,
    "tags": ["a", "b"],
    "nested": {"k": None, "quote": "say \"hi\"\n<tag> & \u00e9 \U0001F600\t\\"},
    "empty": {},
    "none_list": [],
}

CONVERSATIONS = {
    "user_only": [{"role": "user", "content": "Hello, how are you?"}],
    "system_user": [
        {"role": "system", "content": "  You are a helpful assistant.  "},
        {"role": "user", "content": "What's the weather in Paris?"},
    ],
    "multi_turn": [
        {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": "Hello! How can I help?"},
        {"role": "user", "content": "Tell me a joke, please!"},
    ],
    "system_multi_turn": [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "One, two, three?"},
        {"role": "assistant", "content": " Four. "},
        {"role": "user", "content": "Five?\nSix!"},
    ],
    "not_alternating": [
        {"role": "user", "content": "first"},
        {"role": "user", "content": "second"},
    ],
    "bad_role": [{"role": "user", "content": "hi"}, {"role": "critic", "content": "meh"}],
    "features": [
        {"role": "user", "content": "  Hello, world. How are you?  "},
        {"role": "assistant", "content": "Fine, thanks!"},
        {"role": "user", "content": "one two  three,four"},
    ],
}

# (template file, case name, conversation, add_generation_prompt, variables, bos, eos)
TEMPLATE_CASES = [
    ("qwen2_5_style.jinja", "default_system", "user_only", True, {}, None, "<|im_end|>"),
    ("qwen2_5_style.jinja", "own_system", "system_user", True, {}, None, "<|im_end|>"),
    ("qwen2_5_style.jinja", "multi_turn_no_prompt", "multi_turn", False, {}, None, "<|im_end|>"),
    ("qwen2_5_style.jinja", "tools_default_system", "user_only", True, {"tools": TOOLS}, None, "<|im_end|>"),
    ("qwen2_5_style.jinja", "tools_own_system", "system_multi_turn", True, {"tools": TOOLS}, None, "<|im_end|>"),
    ("llama3_1_style.jinja", "date_from_clock", "user_only", True, {}, "<|begin_of_text|>", "<|eot_id|>"),
    ("llama3_1_style.jinja", "system_stripped", "system_user", True, {"date_string": "01 Jan 2025"},
     "<|begin_of_text|>", "<|eot_id|>"),
    ("llama3_1_style.jinja", "multi_turn", "system_multi_turn", False, {}, "<|begin_of_text|>", "<|eot_id|>"),
    ("llama3_1_style.jinja", "tools_in_user_message", "multi_turn", True, {"tools": TOOLS},
     "<|begin_of_text|>", "<|eot_id|>"),
    ("llama3_1_style.jinja", "tools_in_system", "system_user", True,
     {"tools": TOOLS, "tools_in_user_message": False}, "<|begin_of_text|>", "<|eot_id|>"),
    ("llama3_1_style.jinja", "raises_on_repeated_role", "not_alternating", True, {}, "<|begin_of_text|>", "<|eot_id|>"),
    ("mistral_style.jinja", "user_only", "user_only", False, {}, "<s>", "</s>"),
    ("mistral_style.jinja", "system_folded_in", "system_multi_turn", False, {}, "<s>", "</s>"),
    ("mistral_style.jinja", "multi_turn", "multi_turn", True, {}, "<s>", "</s>"),
    ("mistral_style.jinja", "raises_on_alternation", "not_alternating", False, {}, "<s>", "</s>"),
    ("mistral_style.jinja", "raises_on_role", "bad_role", False, {}, "<s>", "</s>"),
    ("python_features.jinja", "features", "features", True, {"extra": EXTRA}, "<s>", "</s>"),
    ("python_features.jinja", "features_no_prompt", "user_only", False, {"extra": {"name": "x"}}, "<s>", "</s>"),
    ("whitespace_edge_cases.jinja", "with_prompt", "multi_turn", True, {}, None, None),
    ("whitespace_edge_cases.jinja", "without_prompt", "user_only", False, {}, None, None),
]

STRFTIME_FORMATS = ["%d %b %Y", "%Y-%m-%d %H:%M:%S", "%A, %B %d, %Y", "%a %j %y %I%p %%"]


def write_json(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(REPO)} ({path.stat().st_size} bytes)")


def encoding_cases(tok, texts):
    cases = []
    for text in texts:
        ids = tok.encode(text, add_special_tokens=False)
        cases.append(
            {
                "text": text,
                "ids": ids,
                "ids_with_special": tok.encode(text, add_special_tokens=True),
                "tokens": tok.convert_ids_to_tokens(ids),
                "decoded": tok.decode(ids, skip_special_tokens=False),
                "decoded_skip_special": tok.decode(ids, skip_special_tokens=True),
            }
        )
    return cases


def decode_only_cases(tok, id_lists):
    return [
        {"ids": ids, "decoded": tok.decode(ids, skip_special_tokens=False),
         "decoded_skip_special": tok.decode(ids, skip_special_tokens=True)}
        for ids in id_lists
    ]


def smollm_golden(gguf_path: Path):
    tok = AutoTokenizer.from_pretrained(str(gguf_path.parent), gguf_file=gguf_path.name)
    reader = gguf.GGUFReader(str(gguf_path))
    metadata = {key: field.contents() for key, field in reader.fields.items() if key.startswith("tokenizer.")}
    meta_path = OUT / "smollm2_gguf_tokenizer_metadata.json.gz"
    # mtime=0 keeps the file byte-identical across runs
    packed = json.dumps(metadata, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    meta_path.write_bytes(gzip.compress(packed, compresslevel=9, mtime=0))
    print(f"wrote {meta_path.relative_to(REPO)} ({meta_path.stat().st_size} bytes)")

    emoji_ids = tok.encode("\U0001F600\U0001F44D", add_special_tokens=False)
    chats = []
    for messages, add_generation_prompt in SMOLLM_CHATS:
        rendered = tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=add_generation_prompt)
        chats.append(
            {
                "messages": messages,
                "add_generation_prompt": add_generation_prompt,
                "rendered": rendered,
                "ids": tok.encode(rendered, add_special_tokens=False),
            }
        )
    golden = {
        "source": f"transformers AutoTokenizer.from_pretrained(gguf_file={gguf_path.name!r})",
        "vocab_size": len(tok),
        "bos_token": tok.bos_token,
        "bos_token_id": tok.bos_token_id,
        "eos_token": tok.eos_token,
        "eos_token_id": tok.eos_token_id,
        "pad_token_id": tok.pad_token_id,
        "unk_token_id": tok.unk_token_id,
        "chat_template": tok.chat_template,
        "encodings": encoding_cases(tok, TEXTS),
        # partial UTF-8 sequences and special tokens in the middle, as a streaming decoder would see them
        "decode_only": decode_only_cases(tok, [emoji_ids[:1], emoji_ids[:2], emoji_ids[1:], [1, 9690, 2, 198, 0], []]),
        "chats": chats,
    }
    write_json(OUT / "smollm2_tokenizer_golden.json", golden)


def spm_metadata():
    """A tiny SentencePiece-style vocabulary as llama.cpp writes it: no merges, scores decide merge order."""
    tokens = ["<unk>", "<s>", "</s>"] + [f"<0x{b:02X}>" for b in range(256)]
    types = [2, 3, 3] + [6] * 256
    scores = [0.0, 0.0, 0.0] + [0.0] * 256
    pieces = ["\u2581", "e", "h", "l", "o", "w", "r", "d", "t", "s", "a", "i", "n", "c", "\u00e9",
              "\u2581h", "he", "ll", "llo", "\u2581he", "\u2581hello", "\u2581w", "or", "\u2581wor", "\u2581world",
              "\u2581t", "es", "\u2581te", "\u2581test", "in", "\u2581in", "ca", "\u2581ca", "f", "\u2581caf",
              "\u2581\u2581", "\u2581\u2581\u2581"]
    for rank, piece in enumerate(pieces):
        tokens.append(piece)
        types.append(1)
        # single characters score lowest; longer pieces are merged later, as SentencePiece scores work
        scores.append(-100.0 - rank if len(piece) == 1 else -float(rank))
    tokens.append("<tool>")
    types.append(4)
    scores.append(0.0)
    return {
        "general.architecture": "llama",
        "tokenizer.ggml.model": "llama",
        "tokenizer.ggml.pre": "default",
        "tokenizer.ggml.tokens": tokens,
        "tokenizer.ggml.scores": scores,
        "tokenizer.ggml.token_type": types,
        "tokenizer.ggml.bos_token_id": 1,
        "tokenizer.ggml.eos_token_id": 2,
        "tokenizer.ggml.unknown_token_id": 0,
        "tokenizer.ggml.add_bos_token": True,
        "tokenizer.ggml.add_eos_token": False,
    }


def spm_golden():
    meta = spm_metadata()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tiny-spm.gguf"
        writer = gguf.GGUFWriter(str(path), "llama")
        writer.add_context_length(64)
        writer.add_embedding_length(8)
        writer.add_block_count(1)
        writer.add_feed_forward_length(16)
        writer.add_head_count(2)
        writer.add_head_count_kv(2)
        writer.add_layer_norm_rms_eps(1e-5)
        writer.add_tokenizer_model("llama")
        writer.add_tokenizer_pre("default")
        writer.add_token_list(meta["tokenizer.ggml.tokens"])
        writer.add_token_scores(meta["tokenizer.ggml.scores"])
        writer.add_token_types(meta["tokenizer.ggml.token_type"])
        writer.add_bos_token_id(1)
        writer.add_eos_token_id(2)
        writer.add_unk_token_id(0)
        writer.add_add_bos_token(True)
        writer.add_add_eos_token(False)
        writer.add_tensor("token_embd.weight", np.zeros((len(meta["tokenizer.ggml.tokens"]), 8), dtype=np.float32))
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
        writer.close()
        tok = AutoTokenizer.from_pretrained(tmp, gguf_file=path.name)
        texts = ["hello world", " hello  world", "Hello test", "caf\u00e9 in test", "x\u00e9z\u4e2d", "<s>hello</s>",
                 "hello<tool>world", "", "   ", "\u2581literal", "a<unk>b", "\n\thello\n"]
        golden = {
            "source": "transformers AutoTokenizer.from_pretrained(gguf_file=tiny-spm.gguf) written by gguf.GGUFWriter",
            "metadata": meta,
            "vocab_size": len(tok),
            "encodings": encoding_cases(tok, texts),
            "decode_only": decode_only_cases(tok, [[3 + 0xE4, 3 + 0xB8], [1, 3 + 0x41, 2]]),
        }
    write_json(OUT / "spm_tokenizer_golden.json", golden)


class FixedClock(datetime):
    @classmethod
    def now(cls, tz=None):
        return NOW


def template_golden():
    cases = []
    with mock.patch.object(chat_template_utils, "datetime", FixedClock):
        for template_file, name, conversation, add_generation_prompt, variables, bos, eos in TEMPLATE_CASES:
            source = (TEMPLATES / template_file).read_text(encoding="utf-8")
            messages = CONVERSATIONS[conversation]
            kwargs = dict(variables)
            if bos is not None:
                kwargs["bos_token"] = bos
            if eos is not None:
                kwargs["eos_token"] = eos
            tools = kwargs.pop("tools", None)
            case = {
                "template": template_file,
                "name": name,
                "messages": messages,
                "add_generation_prompt": add_generation_prompt,
                "bos_token": bos,
                "eos_token": eos,
                "variables": variables,
            }
            try:
                rendered, _ = chat_template_utils.render_jinja_template(
                    conversations=[messages],
                    tools=tools,
                    chat_template=source,
                    add_generation_prompt=add_generation_prompt,
                    **kwargs,
                )
                case["expected"] = rendered[0]
            except Exception as error:  # the template's raise_exception
                case["error"] = str(error)
            cases.append(case)
    golden = {
        "source": "transformers.utils.chat_template_utils.render_jinja_template",
        "now": NOW.isoformat(),
        "strftime": {fmt: NOW.strftime(fmt) for fmt in STRFTIME_FORMATS},
        "cases": cases,
    }
    write_json(OUT / "chat_template_golden.json", golden)


def main():
    gguf_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_GGUF
    OUT.mkdir(parents=True, exist_ok=True)
    smollm_golden(gguf_path)
    spm_golden()
    template_golden()


if __name__ == "__main__":
    main()
