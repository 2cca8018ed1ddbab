"""Reference generation speed: Hugging Face transformers + torch on the same GGUF weights (fp32), measured the way
GenerationBenchmark measures ours: random prompts, one timed prefill, then greedy decode steps with the KV cache.
Called by `bin/raif bench generate`; prints one JSON object per batch size. Needs: torch, transformers, gguf."""
import argparse, json, time

import torch
from transformers import AutoModelForCausalLM


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gguf", required=True)
    ap.add_argument("--batches", default="1,8,32")
    ap.add_argument("--prompt-tokens", type=int, default=64)
    ap.add_argument("--steps", type=int, default=32)
    ap.add_argument("--threads", type=int, default=0)
    a = ap.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    d, f = a.gguf.rsplit("/", 1)
    model = AutoModelForCausalLM.from_pretrained(d, gguf_file=f, dtype=torch.float32).eval()
    vocab = model.config.vocab_size
    g = torch.Generator().manual_seed(42)
    for b in [int(x) for x in a.batches.split(",")]:
        ids = torch.randint(100, vocab, (b, a.prompt_tokens), generator=g)
        for measured in (False, True):  # the first pass warms up
            steps = a.steps if measured else min(a.steps, 4)
            with torch.inference_mode():
                t0 = time.perf_counter()
                out = model(input_ids=ids, use_cache=True)
                prefill = time.perf_counter() - t0
                past, nxt = out.past_key_values, out.logits[:, -1].argmax(-1, keepdim=True)
                t0 = time.perf_counter()
                for _ in range(steps):
                    out = model(input_ids=nxt, past_key_values=past, use_cache=True)
                    past, nxt = out.past_key_values, out.logits[:, -1].argmax(-1, keepdim=True)
                decode = time.perf_counter() - t0
        print(json.dumps({"batch": b, "prefill_tok_s": b * a.prompt_tokens / prefill,
                          "decode_tok_s": b * steps / decode, "decode_ms_per_step": 1000 * decode / steps,
                          "torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)


if __name__ == "__main__":
    main()
