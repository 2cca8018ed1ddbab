"""Reference training speed: Hugging Face transformers + torch on the same weights (fp32; transformers dequantises a
GGUF itself), measured the way TrainingBenchmark measures ours: one optimizer step = per micro-batch a no-grad
reference forward (when beta > 0; beta = 0 loads no reference model) and a policy forward and backward of the GRPO
loss (clipped surrogate + beta * k3 KL, sequence mean), then behaviour cloning (response-token NLL) on the expert
sequences, then AdamW with gradient clipping at norm 1. Random token ids (fixed seed), one warm-up step, then the
measured steps. Peak RSS is VmHWM, reset after loading. Called by `bin/raif bench train`; prints one JSON object.
Needs: torch, transformers, gguf (for a GGUF)."""
import argparse, copy, json, os, re, time

import torch
import transformers
from transformers import AutoModelForCausalLM


def status_bytes(key):
    try:
        with open("/proc/self/status") as f:
            m = re.search(key + r":\s+(\d+)", f.read())
        return int(m.group(1)) * 1024 if m else -1
    except OSError:
        return -1


def reset_peak():
    """Resets VmHWM to the current RSS (Linux 4.0+), as ProcessMemory.resetPeak does."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def token_logprobs(model, ids, cont, entropy=False):
    """Log-probs of the last `cont` tokens of each row given everything before them; the head runs on those
    positions only, as our Scorer does."""
    hidden = model.model(input_ids=ids).last_hidden_state
    total = ids.shape[1]
    logp = torch.log_softmax(model.lm_head(hidden[:, total - 1 - cont:total - 1]), -1)
    lp = logp.gather(-1, ids[:, total - cont:].unsqueeze(-1)).squeeze(-1)
    ent = None
    if entropy:  # logged by the trainer, off the graph
        with torch.no_grad():
            ent = -(logp.exp() * logp).sum(-1)
    return lp, ent


def grpo_loss(lp, old, ref, adv, beta, eps=0.2):
    w = 1.0 / lp.numel()  # sequence mean of token means; every row has the same length here
    ratio = torch.exp(lp - old)
    surrogate = -torch.minimum(ratio * adv, ratio.clamp(1 - eps, 1 + eps) * adv)
    if ref is None:  # beta = 0: no reference model, no KL term
        return (surrogate * w).sum()
    d = lp - ref
    kl = torch.exp(-d) + d - 1
    return (surrogate * w).sum() + beta * (kl * w).sum()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True, help="a .gguf file or a Hugging Face checkpoint directory")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--micro-batch", type=int, default=4)
    ap.add_argument("--prompt-tokens", type=int, default=128)
    ap.add_argument("--response-tokens", type=int, default=128)
    ap.add_argument("--experts", type=int, default=2)
    ap.add_argument("--steps", type=int, default=3)
    ap.add_argument("--beta", type=float, default=0.001)
    ap.add_argument("--lr", type=float, default=1e-6)
    ap.add_argument("--threads", type=int, default=0)
    a = ap.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    if a.model.endswith(".gguf"):
        d, f = os.path.split(os.path.abspath(a.model))
        policy = AutoModelForCausalLM.from_pretrained(d, gguf_file=f, dtype=torch.float32)
    else:
        policy = AutoModelForCausalLM.from_pretrained(a.model, dtype=torch.float32)
    # a second copy of the same weights, only when the KL term needs it
    reference = copy.deepcopy(policy).eval().requires_grad_(False) if a.beta > 0 else None
    policy.train()
    vocab = policy.config.vocab_size
    length = a.prompt_tokens + a.response_tokens
    g = torch.Generator().manual_seed(42)
    rl = torch.randint(100, vocab, (a.batch, length), generator=g)
    adv = torch.randn(a.batch, 1, generator=g)
    experts = torch.randint(100, vocab, (a.experts, length), generator=g)
    mb = a.micro_batch
    with torch.no_grad():
        old = torch.cat([token_logprobs(policy, rl[i:i + mb], a.response_tokens)[0] for i in range(0, a.batch, mb)])
    reset = reset_peak()
    params = [p for p in policy.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=a.lr, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.0)

    def step():
        t0 = time.perf_counter()
        total = 0.0
        for i in range(0, a.batch, mb):
            ids = rl[i:i + mb]
            share = ids.shape[0] / a.batch
            ref = None
            if reference is not None:
                with torch.no_grad():
                    ref, _ = token_logprobs(reference, ids, a.response_tokens)
            lp, _ = token_logprobs(policy, ids, a.response_tokens, entropy=True)
            loss = grpo_loss(lp, old[i:i + mb], ref, adv[i:i + mb], a.beta)
            (loss * share).backward()
            total += loss.item() * share
        for i in range(0, a.experts, mb):
            ids = experts[i:i + mb]
            lp, _ = token_logprobs(policy, ids, a.response_tokens)
            nll = -lp.mean()
            (nll * (ids.shape[0] / a.experts)).backward()
            total += nll.item() * ids.shape[0] / a.experts
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        opt.zero_grad()
        return time.perf_counter() - t0, total

    warmup, _ = step()
    seconds, losses = 0.0, []
    for _ in range(a.steps):
        s, loss = step()
        seconds += s
        losses.append(loss)
    tokens = a.steps * (a.batch + a.experts) * length
    print(json.dumps({"batch": a.batch, "micro_batch": mb, "tokens_per_step": (a.batch + a.experts) * length,
                      "tok_s": tokens / seconds, "seconds_per_step": seconds / a.steps, "warmup_seconds": warmup,
                      "peak_rss_bytes": status_bytes("VmHWM"), "peak_covers_steps_only": reset,
                      "first_loss": losses[0], "last_loss": losses[-1], "torch": torch.__version__,
                      "transformers": transformers.__version__, "threads": torch.get_num_threads()}), flush=True)


if __name__ == "__main__":
    main()
