"""Checks that a checkpoint written by RAIF (`bin/raif export`, or a trainer checkpoint) loads in Hugging Face
transformers as-is and gives the same logits as the model it was written from.

    bin/raif export --model default --out /tmp/smollm2-hf
    python tools/golden/checkpoint_check.py /tmp/smollm2-hf --reference-gguf ~/.cache/raif/models/SmolLM2-135M-Instruct.Q4_1.gguf

The reference is the source GGUF loaded by transformers itself (its own dequantisation), so the check covers our
safetensors writer, config.json, and the tokenizer files (same token ids, same chat template rendering).
Exit status 0 when the max |logit difference| is under --tolerance and every token id and rendering matches.
"""

import argparse
import sys
from pathlib import Path

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MESSAGES = [
    [{"role": "user", "content": "Name three rivers, in lowercase."}],
    [{"role": "system", "content": "Think first."}, {"role": "user", "content": "What is 12 * 7? Use \\boxed{}."}],
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("checkpoint", type=Path)
    ap.add_argument("--reference-gguf", type=Path, required=True)
    ap.add_argument("--tolerance", type=float, default=1e-4)
    args = ap.parse_args()
    torch.manual_seed(0)
    ours_tok = AutoTokenizer.from_pretrained(args.checkpoint)
    ours = AutoModelForCausalLM.from_pretrained(args.checkpoint, torch_dtype=torch.float32).eval()
    gguf_dir, gguf_name = str(args.reference_gguf.parent), args.reference_gguf.name
    ref_tok = AutoTokenizer.from_pretrained(gguf_dir, gguf_file=gguf_name)
    ref = AutoModelForCausalLM.from_pretrained(gguf_dir, gguf_file=gguf_name, torch_dtype=torch.float32).eval()
    worst = 0.0
    ok = True
    for messages in MESSAGES:
        a = ours_tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        b = ref_tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        ids_a = ours_tok(a, add_special_tokens=False)["input_ids"]
        ids_b = ref_tok(b, add_special_tokens=False)["input_ids"]
        if a != b or ids_a != ids_b:
            print(f"MISMATCH in rendering or token ids for {messages!r}")
            ok = False
            continue
        with torch.no_grad():
            la = ours(torch.tensor([ids_a])).logits[0]
            lb = ref(torch.tensor([ids_b])).logits[0]
        diff = (la - lb).abs().max().item()
        worst = max(worst, diff)
        print(f"{len(ids_a)} tokens: max |logit diff| = {diff:.3g}")
    print(f"worst max |logit diff| = {worst:.3g} (tolerance {args.tolerance})")
    return 0 if ok and worst < args.tolerance else 1


if __name__ == "__main__":
    sys.exit(main())
