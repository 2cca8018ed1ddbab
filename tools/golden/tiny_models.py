"""Tiny random-weight Hugging Face checkpoints with reference logits, for architecture parity tests.

For each architecture below writes trainer/src/test/resources/golden/tiny/<name>/ holding config.json,
model.safetensors and expected.json (logits computed by transformers after reloading that very directory).
Some configs are rewritten to the older Hub layout (rope_theta + rope_scaling, torch_dtype), which is how
the real Qwen2.5 / Llama-3.1 / Ministral checkpoints ship; the others keep what transformers 5 writes
(rope_parameters, dtype). See README.md next to this file for the pinned versions.
"""

import argparse
import json
import math
import platform
import shutil
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import torch
from transformers import (AutoModelForCausalLM, LlamaConfig, LlamaForCausalLM, MistralConfig, MistralForCausalLM,
                          Qwen2Config, Qwen2ForCausalLM, Qwen3Config, Qwen3ForCausalLM)

from golden_common import f32, positions_from_mask, write_json

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO_ROOT / "trainer/src/test/resources/golden/tiny"

INPUT_IDS = [1, 5, 9, 77, 3, 200, 17, 42]
PAD_ID = 0
PAD_COUNT = 2
# Row 1 is row 0's first six tokens behind two masked pads, so its last logits must equal row 0's logits at position 5.
BATCH_IDS = [INPUT_IDS, [PAD_ID] * PAD_COUNT + INPUT_IDS[:len(INPUT_IDS) - PAD_COUNT]]
BATCH_MASK = [[1] * len(INPUT_IDS), [0] * PAD_COUNT + [1] * (len(INPUT_IDS) - PAD_COUNT)]
# A long input reaches positions where rotary angles (and llama3 frequency scaling) differ strongly.
LONG_INPUT_IDS = [(7 * i * i + 3 * i + 1) % 256 for i in range(200)]

# hidden 32 / intermediate 64 keeps each checkpoint near 140 KB; vocab stays 256 because the input uses id 200.
COMMON = dict(vocab_size=256, hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4,
              num_key_value_heads=2, max_position_embeddings=256, bos_token_id=1, eos_token_id=2,
              pad_token_id=PAD_ID)
RESIDUAL_WRITE_GAIN = 3.0


@dataclass(frozen=True)
class TinySpec:
    name: str
    config_class: type
    model_class: type
    seed: int
    overrides: dict = field(default_factory=dict)
    hub_legacy_layout: bool = False


SPECS = [
    TinySpec("llama_tied", LlamaConfig, LlamaForCausalLM, 11,
             dict(tie_word_embeddings=True, rms_norm_eps=1e-5,
                  rope_parameters={"rope_type": "default", "rope_theta": 10000.0})),
    TinySpec("llama_untied", LlamaConfig, LlamaForCausalLM, 12,
             dict(tie_word_embeddings=False, rms_norm_eps=1e-6,
                  rope_parameters={"rope_type": "default", "rope_theta": 500000.0})),
    # original_max_position_embeddings 64 with head_dim 8 puts the four rotary wavelengths (~6, ~63, ~628, ~6283)
    # in all three llama3 regimes: kept, smoothly interpolated, divided by factor.
    TinySpec("llama3_rope_scaling", LlamaConfig, LlamaForCausalLM, 13,
             dict(tie_word_embeddings=False, rms_norm_eps=1e-5,
                  rope_parameters={"rope_type": "llama3", "rope_theta": 10000.0, "factor": 8.0,
                                   "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                                   "original_max_position_embeddings": 64}),
             hub_legacy_layout=True),
    TinySpec("qwen2_qkv_bias", Qwen2Config, Qwen2ForCausalLM, 14,
             dict(tie_word_embeddings=True, rms_norm_eps=1e-6,
                  rope_parameters={"rope_type": "default", "rope_theta": 1000000.0},
                  use_sliding_window=False, max_window_layers=2),
             hub_legacy_layout=True),
    # head_dim 16 != hidden/heads (8), as in real Qwen3 checkpoints, so q/o projections are not square.
    TinySpec("qwen3_qk_norm", Qwen3Config, Qwen3ForCausalLM, 15,
             dict(tie_word_embeddings=True, rms_norm_eps=1e-6, head_dim=16,
                  rope_parameters={"rope_type": "default", "rope_theta": 1000000.0})),
    TinySpec("mistral", MistralConfig, MistralForCausalLM, 16,
             dict(tie_word_embeddings=False, rms_norm_eps=1e-5, head_dim=8, sliding_window=4096,
                  rope_parameters={"rope_type": "default", "rope_theta": 100000000.0}),
             hub_legacy_layout=True),
]


@torch.no_grad()
def randomize(model, seed):
    """Seeded weights with unit-scale activations; norm weights and biases are kept away from 1 and 0 so a
    loader that skips them produces visibly different logits. The projections writing into the residual stream
    get a larger gain so the layers, not the raw (tied) embedding, dominate the logits."""
    generator = torch.Generator().manual_seed(seed)
    for name, param in model.named_parameters():
        noise = torch.randn(param.shape, generator=generator, dtype=torch.float32)
        if name.endswith("norm.weight"):
            param.copy_(1.0 + 0.2 * noise)
        elif name.endswith(".bias"):
            param.copy_(0.5 * noise)
        elif name.endswith("embed_tokens.weight"):
            param.copy_(noise)
        elif name.endswith(("o_proj.weight", "down_proj.weight")):
            param.copy_(RESIDUAL_WRITE_GAIN * noise / math.sqrt(param.shape[1]))
        else:
            param.copy_(noise / math.sqrt(param.shape[1]))


def to_hub_legacy_layout(config):
    """Rewrites a transformers-5 config dict into the layout of checkpoints saved by transformers 4."""
    legacy = dict(config)
    rope = dict(legacy.pop("rope_parameters"))
    legacy["rope_theta"] = rope.pop("rope_theta")
    legacy["rope_scaling"] = None if rope["rope_type"] == "default" else rope
    legacy["torch_dtype"] = legacy.pop("dtype")
    legacy.pop("layer_types", None)
    return dict(sorted(legacy.items()))


@torch.no_grad()
def logits_of(model, ids, mask=None):
    ids_t = torch.tensor(ids)
    if mask is None:
        return model(input_ids=ids_t).logits
    mask_t = torch.tensor(mask)
    return model(input_ids=ids_t, attention_mask=mask_t, position_ids=positions_from_mask(mask_t)).logits


def as_f32_lists(tensor):
    if tensor.dim() == 1:
        return [f32(x) for x in tensor.tolist()]
    return [as_f32_lists(t) for t in tensor]


def build(spec, out_root):
    torch.manual_seed(spec.seed)
    config = spec.config_class(**COMMON, **spec.overrides, attn_implementation="eager")
    model = spec.model_class(config).to(torch.float32).eval()
    randomize(model, spec.seed)
    directory = out_root / spec.name
    shutil.rmtree(directory, ignore_errors=True)
    model.save_pretrained(directory)
    (directory / "generation_config.json").unlink(missing_ok=True)  # only config + weights are under test
    config_path = directory / "config.json"
    if spec.hub_legacy_layout:
        config_path.write_text(json.dumps(to_hub_legacy_layout(json.loads(config_path.read_text())), indent=2) + "\n")

    # Golden numbers come from the directory as written, so they also cover how transformers reads its config.
    reloaded = AutoModelForCausalLM.from_pretrained(directory, dtype=torch.float32,
                                                    attn_implementation="eager").eval()
    logits = logits_of(reloaded, [INPUT_IDS])
    if not torch.equal(logits, logits_of(model, [INPUT_IDS])):
        raise SystemExit(f"{spec.name}: reloaded checkpoint gives different logits than the in-memory model")
    batch_last = logits_of(reloaded, BATCH_IDS, BATCH_MASK)[:, -1]
    padded_vs_unpadded = (batch_last[1] - logits[0, len(INPUT_IDS) - PAD_COUNT - 1]).abs().max().item()
    if padded_vs_unpadded > 1e-4:
        raise SystemExit(f"{spec.name}: left-padded row differs from the unpadded prefix by {padded_vs_unpadded}")

    expected = {
        "model": spec.name,
        "architecture": type(reloaded).__name__,
        "config_layout": "hub_legacy" if spec.hub_legacy_layout else "transformers5",
        "versions": {"python": platform.python_version(),
                     **{package: version(package) for package in ("torch", "transformers", "safetensors")}},
        "attn_implementation": "eager",
        "input_ids": [INPUT_IDS],
        "logits": as_f32_lists(logits),
        "batch": {"input_ids": BATCH_IDS, "attention_mask": BATCH_MASK,
                  "position_ids": positions_from_mask(torch.tensor(BATCH_MASK)).tolist(),
                  "last_logits": as_f32_lists(batch_last),
                  "padded_row_max_abs_diff_vs_unpadded": float(f"{padded_vs_unpadded:.3e}")},
        "long": {"input_ids": [LONG_INPUT_IDS],
                 "last_logits": as_f32_lists(logits_of(reloaded, [LONG_INPUT_IDS])[0, -1])},
    }
    write_json(directory / "expected.json", expected)
    return directory


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)
    for spec in SPECS:
        directory = build(spec, args.out)
        sizes = {p.name: p.stat().st_size for p in sorted(directory.iterdir())}
        print(f"{spec.name}: {sizes}")


if __name__ == "__main__":
    main()
