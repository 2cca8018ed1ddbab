"""Golden numbers for the causal-LM parity tests of the trainer module.

Loads SmolLM2-135M-Instruct from its GGUF file with Hugging Face transformers (which dequantises every tensor to
float32 and undoes llama.cpp's q/k row permutation), runs float32 CPU inference and writes
trainer/src/test/resources/golden/smollm2_transformers.json. See README.md next to this file for the pinned versions.
"""

import argparse
import hashlib
import math
import platform
import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from golden_common import f32, positions_from_mask, r5, write_json

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GGUF = Path.home() / ".cache/raif/models/SmolLM2-135M-Instruct.Q4_1.gguf"
DEFAULT_OUT = REPO_ROOT / "trainer/src/test/resources/golden/smollm2_transformers.json"

TOP_K = 64
BATCH_TOP_K = 16
GREEDY_NEW_TOKENS = 32
PROBE_COUNT = 64
PROBE_SEED = 20240601

LONG_PARAGRAPH = (
    "Apache Spark is a distributed engine for large-scale data processing. A driver program splits each job into "
    "stages, and every stage into tasks that run in parallel on executors spread across a cluster. Data lives in "
    "partitions; narrow transformations such as map and filter work on one partition at a time, while wide "
    "transformations such as groupBy and join shuffle records between machines, which is usually the most expensive "
    "step. Spark keeps intermediate results in memory when it can, spilling to disk only under pressure, and it "
    "recomputes lost partitions from their lineage instead of replicating them. The Catalyst optimizer rewrites "
    "DataFrame queries into efficient physical plans, pushing filters down to the data source and pruning unused "
    "columns. For machine learning, a common pattern is to broadcast a small model to every executor and score rows "
    "inside a user-defined function, so that the expensive weights are loaded once per worker rather than once per "
    "record. Reinforcement learning adds a twist: the same"
)

# Each case is either raw text (encoded without special tokens, as the GGUF says add_bos_token=false)
# or a chat rendered by the GGUF's own chat template with the generation prompt appended.
CASES = [
    {"name": "chat_capital_of_france",
     "messages": [{"role": "user", "content": "What is the capital of France?"}]},
    {"name": "chat_haiku_with_system",
     "messages": [{"role": "system", "content": "You are a poet who answers only in verse."},
                  {"role": "user", "content": "Write a haiku about Spark."}]},
    {"name": "raw_quick_brown_fox", "text": "The quick brown fox"},
    {"name": "raw_single_token", "text": "Hello"},
    {"name": "raw_long_paragraph", "text": LONG_PARAGRAPH},
    {"name": "raw_code_and_digits",
     "text": "def area(r):\n    return 3.14159 * r ** 2\n\n# 2024 + 365 = 2389\nprint(area(12), [0, 7, 42])\n"},
    {"name": "chat_multi_turn",
     "messages": [{"role": "user", "content": "Give me a number between 1 and 10."},
                  {"role": "assistant", "content": "7"},
                  {"role": "user", "content": "Now double it and add 3."}]},
    {"name": "raw_non_english",
     "text": "Le renard brun rapide saute par-dessus le chien paresseux. Où est la bibliothèque ? 日本の首都は東京です。"},
]

# Dequantised tensors fingerprinted so a parity failure can be traced to the loader (Q8_0, Q4_1, q/k un-permutation)
# before suspecting the forward pass; names are transformers' (q/k rows already in Hugging Face order).
FINGERPRINTED_WEIGHTS = [
    "model.embed_tokens.weight",
    "model.layers.0.self_attn.q_proj.weight",
    "model.layers.0.self_attn.k_proj.weight",
    "model.layers.0.self_attn.v_proj.weight",
    "model.layers.0.self_attn.o_proj.weight",
    "model.layers.0.mlp.gate_proj.weight",
    "model.layers.0.mlp.down_proj.weight",
    "model.layers.0.input_layernorm.weight",
    "model.layers.29.self_attn.k_proj.weight",
    "model.norm.weight",
]
TRACE_CASE = "raw_quick_brown_fox"
PREVIEW_WIDTH = 8

BATCH_PROMPTS = ["The quick brown fox", "Once upon a time, in a small village by the sea, there lived"]

# (prompt, continuation) pairs for teacher-forced scoring; a prompt given as messages is chat-rendered.
SCORE_PAIRS = [
    {"name": "capital_answer",
     "messages": [{"role": "user", "content": "What is the capital of France?"}],
     "continuation": "The capital of France is Paris."},
    {"name": "fox_sentence", "text": "The quick brown fox", "continuation": " jumps over the lazy dog."},
    {"name": "yes_no_verdict",
     "messages": [{"role": "user", "content": "Is 17 a prime number? Answer YES or NO."}],
     "continuation": "YES"},
]


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def render_prompt(tok, spec):
    """Returns (rendered_prompt or None, input_ids) for a case or score pair."""
    if "messages" in spec:
        rendered = tok.apply_chat_template(spec["messages"], add_generation_prompt=True, tokenize=False)
        return rendered, tok.encode(rendered, add_special_tokens=False)
    return None, tok.encode(spec["text"], add_special_tokens=False)


@torch.no_grad()
def forward_logits(model, ids):
    """Logits [seq, vocab] for one unpadded sequence."""
    return model(input_ids=torch.tensor([ids])).logits[0]


def last_position_summary(last_logits, probe_ids):
    top = torch.topk(last_logits, TOP_K)
    return {
        "top_ids": top.indices.tolist(),
        "top_logits": [f32(x) for x in top.values.tolist()],
        "probe_logits": [f32(x) for x in last_logits[probe_ids].tolist()],
        "logsumexp": f32(torch.logsumexp(last_logits, dim=-1).item()),
        "argmax": int(torch.argmax(last_logits).item()),
    }


@torch.no_grad()
def greedy_decode(model, ids, new_tokens):
    """Argmax decoding with a KV cache that never stops at EOS, so exactly `new_tokens` tokens come out.

    EOS is not suppressed (unlike min_new_tokens): a sampler that stops at EOS matches the prefix up to it.
    """
    out = model(input_ids=torch.tensor([ids]), use_cache=True)
    cache, step_logits = out.past_key_values, out.logits[0, -1]
    chosen, logprobs, margins = [], [], []
    for _ in range(new_tokens):
        token = int(torch.argmax(step_logits).item())
        top2 = torch.topk(step_logits, 2).values
        chosen.append(token)
        logprobs.append(torch.log_softmax(step_logits, dim=-1)[token].item())
        margins.append((top2[0] - top2[1]).item())
        out = model(input_ids=torch.tensor([[token]]), past_key_values=cache, use_cache=True)
        cache, step_logits = out.past_key_values, out.logits[0, -1]
    return chosen, logprobs, margins


def greedy_agrees_without_cache(model, ids, chosen):
    """Re-runs prompt+greedy tokens in one uncached pass and checks each argmax, guarding the cache loop."""
    logits = forward_logits(model, ids + chosen)
    start = len(ids) - 1
    return torch.argmax(logits[start:start + len(chosen)], dim=-1).tolist() == chosen


def weight_fingerprints(model):
    params = dict(model.named_parameters())
    prints = {}
    for name in FINGERPRINTED_WEIGHTS:
        w = params[name].detach()
        rows = w if w.dim() == 2 else w.unsqueeze(0)
        prints[name] = {"shape": list(w.shape),
                        "rows": {str(r): [f32(x) for x in rows[r, :PREVIEW_WIDTH].tolist()] for r in (0, 1)
                                 if r < rows.shape[0]},
                        "sum": r5(w.double().sum().item()), "abs_sum": r5(w.double().abs().sum().item())}
    return prints


@torch.no_grad()
def layer_trace(model, ids):
    """Last-position activations after the embedding, every decoder layer and the final norm, to bisect a mismatch."""
    captured = []
    modules = [("embed_tokens", model.model.embed_tokens)]
    modules += [(f"layer_{i}", layer) for i, layer in enumerate(model.model.layers)]
    modules += [("final_norm", model.model.norm)]
    hooks = [module.register_forward_hook(
        lambda _m, _in, out, name=name: captured.append((name, out[0] if isinstance(out, tuple) else out)))
        for name, module in modules]
    try:
        model(input_ids=torch.tensor([ids]))
    finally:
        for hook in hooks:
            hook.remove()
    return [{"after": name, "first_values": [f32(x) for x in out[0, -1, :PREVIEW_WIDTH].tolist()],
             "l2_norm": r5(out[0, -1].double().norm().item())} for name, out in captured]


def run_case(model, tok, spec, probe_ids):
    rendered, ids = render_prompt(tok, spec)
    logits = forward_logits(model, ids)
    greedy, greedy_logprobs, margins = greedy_decode(model, ids, GREEDY_NEW_TOKENS)
    if not greedy_agrees_without_cache(model, ids, greedy):
        sys.exit(f"case {spec['name']}: cached and uncached greedy decoding disagree")
    case = {"name": spec["name"], "kind": "chat" if rendered is not None else "raw"}
    if rendered is not None:
        case["messages"] = spec["messages"]
        case["rendered_prompt"] = rendered
    else:
        case["text"] = spec["text"]
    case["input_ids"] = ids
    case.update(last_position_summary(logits[-1], probe_ids))
    case["argmax_per_position"] = torch.argmax(logits, dim=-1).tolist()
    case["logsumexp_per_position"] = [r5(x) for x in torch.logsumexp(logits, dim=-1).tolist()]
    case["greedy_ids"] = greedy
    case["greedy_text"] = tok.decode(greedy, skip_special_tokens=False)
    case["greedy_logprobs"] = [f32(x) for x in greedy_logprobs]
    # Smallest top1-top2 gap along the greedy path: a tiny gap means a numerically close tie a parity test may flip.
    case["greedy_min_margin"] = r5(min(margins))
    return case


@torch.no_grad()
def run_batch(model, tok):
    """Left-padded batch forward; position ids follow the attention mask like transformers' generate()."""
    rows = [tok.encode(p, add_special_tokens=False) for p in BATCH_PROMPTS]
    width = max(len(r) for r in rows)
    pad_id = tok.pad_token_id
    input_ids = [[pad_id] * (width - len(r)) + r for r in rows]
    mask = [[0] * (width - len(r)) + [1] * len(r) for r in rows]
    mask_t = torch.tensor(mask)
    positions = positions_from_mask(mask_t)
    logits = model(input_ids=torch.tensor(input_ids), attention_mask=mask_t, position_ids=positions).logits
    out_rows = []
    for i, row in enumerate(rows):
        last = logits[i, -1]
        unpadded_last = forward_logits(model, row)[-1]
        top = torch.topk(last, BATCH_TOP_K)
        out_rows.append({
            "top_ids": top.indices.tolist(),
            "top_logits": [f32(x) for x in top.values.tolist()],
            "max_abs_diff_vs_unpadded": float(f"{(last - unpadded_last).abs().max().item():.3e}"),
        })
    return {"prompts": BATCH_PROMPTS, "pad_token_id": pad_id, "input_ids": input_ids, "attention_mask": mask,
            "position_ids": positions.tolist(), "rows": out_rows}


@torch.no_grad()
def run_score(model, tok, spec):
    """Teacher-forced log-probs of a separately tokenized continuation appended to the prompt ids."""
    rendered, prompt_ids = render_prompt(tok, spec)
    cont_ids = tok.encode(spec["continuation"], add_special_tokens=False)
    log_probs = torch.log_softmax(forward_logits(model, prompt_ids + cont_ids), dim=-1)
    start = len(prompt_ids) - 1
    token_logprobs = [log_probs[start + j, t].item() for j, t in enumerate(cont_ids)]
    score = {"name": spec["name"]}
    if rendered is not None:
        score["rendered_prompt"] = rendered
    else:
        score["text"] = spec["text"]
    score.update({"continuation": spec["continuation"], "prompt_ids": prompt_ids, "continuation_ids": cont_ids,
                  "token_logprobs": [f32(x) for x in token_logprobs], "sum_logprob": f32(math.fsum(token_logprobs))})
    return score


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gguf", type=Path, default=DEFAULT_GGUF)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    if not args.gguf.is_file():
        sys.exit(f"GGUF file not found: {args.gguf}")

    torch.manual_seed(0)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)  # a fixed reduction order keeps reruns bit-identical
    directory, name = str(args.gguf.parent), args.gguf.name
    tok = AutoTokenizer.from_pretrained(directory, gguf_file=name)
    model = AutoModelForCausalLM.from_pretrained(directory, gguf_file=name, dtype=torch.float32,
                                                 attn_implementation="eager").eval()
    dtypes = sorted({str(p.dtype) for p in model.parameters()})
    print(f"tokenizer: {type(tok).__name__}, vocab {len(tok)}; parameter dtypes: {dtypes}; "
          f"tied embeddings: {model.lm_head.weight is model.model.embed_tokens.weight}")
    if dtypes != ["torch.float32"]:
        sys.exit(f"expected float32 weights, got {dtypes}")

    vocab = model.config.vocab_size
    probe_ids = sorted(np.random.default_rng(PROBE_SEED).choice(vocab, PROBE_COUNT, replace=False).tolist())
    cases = [run_case(model, tok, spec, probe_ids) for spec in CASES]
    for case in cases:
        print(f"{case['name']}: {len(case['input_ids'])} ids -> {case['greedy_text']!r} "
              f"(min margin {case['greedy_min_margin']})")
    capital = next(c for c in cases if c["name"] == "chat_capital_of_france")
    if "Paris" not in capital["greedy_text"]:
        sys.exit(f"sanity check failed: greedy answer does not mention Paris: {capital['greedy_text']!r}")

    golden = {
        "model": name,
        "gguf_sha256": sha256_of(args.gguf),
        "versions": {"python": platform.python_version(),
                     **{package: version(package) for package in ("torch", "transformers", "gguf", "numpy")}},
        "settings": {"dtype": "float32", "device": "cpu", "attn_implementation": "eager", "seed": 0,
                     "raw_text_special_tokens": False, "greedy_new_tokens": GREEDY_NEW_TOKENS,
                     "greedy_stops_at_eos": False, "probe_seed": PROBE_SEED},
        "config": {k: model.config.to_dict()[k] for k in ("vocab_size", "hidden_size", "num_hidden_layers",
                                                           "num_attention_heads", "num_key_value_heads",
                                                           "rms_norm_eps", "rope_parameters", "tie_word_embeddings")},
        "special_tokens": {"bos": tok.bos_token_id, "eos": tok.eos_token_id, "pad": tok.pad_token_id,
                           "unk": tok.unk_token_id},
        "weights": weight_fingerprints(model),
        "probe_ids": probe_ids,
        "cases": cases,
        "layer_trace": {"case": TRACE_CASE,
                        "steps": layer_trace(model, next(c for c in cases if c["name"] == TRACE_CASE)["input_ids"])},
        "batch": run_batch(model, tok),
        "scores": [run_score(model, tok, spec) for spec in SCORE_PAIRS],
    }
    write_json(args.out, golden)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
