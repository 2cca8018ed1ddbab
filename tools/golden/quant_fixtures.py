"""Reference fixtures for the GGUF reader and the ggml (de)quantisers of trainer/src/main/java/ai/raif/trainer/weights.

gguf-py (the GGUF library maintained in llama.cpp) is the independent reference. The script writes, under
trainer/src/test/resources/weights/:

* quant_fixtures.gguf: one [2, 256] tensor per ggml type plus metadata of every GGUF value type, written by
  gguf-py's GGUFWriter with a 64-byte data alignment (so a reader that ignores general.alignment fails).
  F32/F16/BF16 and the legacy quants are gguf.quants.quantize(...) of random floats; the K-quants, which gguf-py
  can only dequantise, hold random block bytes (with finite fp16 super-scales), which exercises every bit field.
* quant_fixtures.f32: little-endian float32 values: per tensor the source floats (when there are any) and
  gguf.quants.dequantize(...) of the stored bytes, at the float offsets listed in quant_fixtures.json.
* quant_fixtures.json: that manifest plus the metadata the GGUF holds (float32 values as the double they widen to).
* safetensors/: files written by the safetensors library (safetensors.torch.save_file) and a sharded checkpoint
  written by huggingface_hub.save_torch_state_dict, with their source values in safetensors_fixtures.json: our
  reader must read them, and our writers must reproduce the single files byte for byte and the shard split.
* smollm2_reference.json (only when the embedded model is present): a few dequantised values and float64 sums of
  whole tensors of SmolLM2-135M-Instruct.Q4_1.gguf, as gguf-py reads them.

Run once: /tmp/goldenv/bin/python tools/golden/quant_fixtures.py (gguf 0.19.0, numpy 2.x, safetensors 0.8,
huggingface_hub 2.4, torch 2.x).
"""

import json
from pathlib import Path

import numpy as np
import torch
from huggingface_hub import save_torch_state_dict
from safetensors.torch import save_file
from gguf import GGUFReader, GGUFValueType, GGUFWriter, GGMLQuantizationType as T
from gguf.constants import GGML_QUANT_SIZES
from gguf.quants import dequantize, quantize

REPO_ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = REPO_ROOT / "trainer/src/test/resources/weights"
SMOLLM2 = Path.home() / ".cache/raif/models/SmolLM2-135M-Instruct.Q4_1.gguf"
SEED = 20250611
ROWS, COLS = 2, 256
ALIGNMENT = 64

QUANTIZED_FROM_FLOATS = [T.F32, T.F16, T.BF16, T.Q4_0, T.Q4_1, T.Q5_0, T.Q5_1, T.Q8_0]
RANDOM_BLOCK_BYTES = [T.Q2_K, T.Q3_K, T.Q4_K, T.Q5_K, T.Q6_K]
# byte offsets of the fp16 super-scales (d, dmin) inside each K-quant block (ggml-common.h)
K_SCALE_OFFSETS = {T.Q2_K: [80, 82], T.Q3_K: [108], T.Q4_K: [0, 2], T.Q5_K: [0, 2], T.Q6_K: [208]}


def source_floats(rng, qtype):
    """Weight-like values with the edge cases quantisers get wrong: an all-zero block, an outlier, halves."""
    x = (rng.standard_normal((ROWS, COLS)) * 0.05).astype(np.float32)
    x[0, :32] = 0.0
    x[1, 40] = 3.5
    x[1, 64:96] = np.float32(0.125) * rng.integers(-8, 8, 32)  # values sitting exactly on quantisation steps
    if qtype == T.F16:
        # subnormal, tie-to-even and overflow cases of float -> half rounding
        x[0, :12] = [0.0, -0.0, 1e-7, 6e-8, 2.98e-8, 65504.0, 65519.0, 65520.0, 1e5, -1e-5, 1.00048828125, 2049.0]
    return x


def random_k_blocks(rng, qtype):
    block_size, type_size = GGML_QUANT_SIZES[qtype]
    blocks = rng.integers(0, 256, (ROWS * COLS // block_size, type_size), dtype=np.uint8)
    for off in K_SCALE_OFFSETS[qtype]:
        scale = rng.uniform(0.0005, 0.01, blocks.shape[0]).astype(np.float16)
        blocks[:, off:off + 2] = scale.view(np.uint8).reshape(-1, 2)
    return blocks.reshape(ROWS, -1)


def add_metadata(writer):
    """One key per GGUF value type; returns what a reader must report (type name and value)."""
    entries = [
        ("test.u8", GGUFValueType.UINT8, 200),
        ("test.i8", GGUFValueType.INT8, -100),
        ("test.u16", GGUFValueType.UINT16, 60000),
        ("test.i16", GGUFValueType.INT16, -30000),
        ("test.u32", GGUFValueType.UINT32, 4000000000),
        ("test.i32", GGUFValueType.INT32, -2000000000),
        ("test.f32", GGUFValueType.FLOAT32, 0.1),
        ("test.bool", GGUFValueType.BOOL, True),
        ("test.string", GGUFValueType.STRING, "héllo ✓ GGUF"),
        ("test.u64", GGUFValueType.UINT64, 2**63 + 5),
        ("test.i64", GGUFValueType.INT64, -(2**62)),
        ("test.f64", GGUFValueType.FLOAT64, 2.718281828459045),
        ("test.strings", GGUFValueType.ARRAY, ["a", "", "ß"]),
        ("test.ints", GGUFValueType.ARRAY, [1, -2, 3]),
        ("test.nested", GGUFValueType.ARRAY, [[1, 2], [3]]),
    ]
    for key, vtype, value in entries:
        writer.add_key_value(key, value, vtype)
    writer.add_custom_alignment(ALIGNMENT)
    expected = {key: java_value(vtype, value) for key, vtype, value in entries}
    expected["general.architecture"] = "llama"
    expected["general.alignment"] = ALIGNMENT
    return expected


def java_value(vtype, value):
    if vtype == GGUFValueType.FLOAT32:
        return float(np.float32(value))
    if vtype == GGUFValueType.UINT64:
        return value - 2**64 if value >= 2**63 else value  # a Java long holds the same 64 bits
    return value


def write_fixtures():
    rng = np.random.default_rng(SEED)
    writer = GGUFWriter(OUT_DIR / "quant_fixtures.gguf", arch="llama")
    metadata = add_metadata(writer)
    floats, manifest = [], []

    def append(values):
        offset = sum(len(f) for f in floats)
        floats.append(np.asarray(values, dtype=np.float32).ravel())
        return offset

    for qtype in QUANTIZED_FROM_FLOATS + RANDOM_BLOCK_BYTES:
        name = f"t.{qtype.name.lower()}"
        if qtype in QUANTIZED_FROM_FLOATS:
            src = source_floats(rng, qtype)
            stored = quantize(src, qtype)
            source_offset = append(src)
        else:
            stored = random_k_blocks(rng, qtype)
            source_offset = None
        expected = dequantize(stored, qtype).astype(np.float32)
        assert expected.shape == (ROWS, COLS), (qtype, expected.shape)
        if qtype in (T.F32, T.F16):
            writer.add_tensor(name, stored)
        else:
            writer.add_tensor(name, stored.view(np.uint8), raw_shape=stored.view(np.uint8).shape, raw_dtype=qtype)
        manifest.append({"name": name, "type": qtype.name, "shape": [ROWS, COLS],
                         "source_offset": source_offset, "expected_offset": append(expected)})

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    np.concatenate(floats).astype("<f4").tofile(OUT_DIR / "quant_fixtures.f32")
    write_json(OUT_DIR / "quant_fixtures.json", {"alignment": ALIGNMENT, "tensors": manifest, "metadata": metadata})
    check_readback(manifest)


def check_readback(manifest):
    """gguf-py must read its own file back as written (guards the fixture, not our code)."""
    reader = GGUFReader(OUT_DIR / "quant_fixtures.gguf")
    stored = {t.name: t for t in reader.tensors}
    for entry in manifest:
        tensor = stored[entry["name"]]
        assert tensor.tensor_type.name == entry["type"]
        assert list(tensor.shape) == [COLS, ROWS], tensor.shape  # ggml order: ne[0] first


def write_smollm2_reference():
    reader = GGUFReader(SMOLLM2)
    out = {}
    for name in ["token_embd.weight", "blk.0.attn_q.weight", "blk.0.ffn_down.weight", "blk.0.attn_norm.weight",
                 "output_norm.weight"]:
        tensor = next(t for t in reader.tensors if t.name == name)
        values = dequantize(tensor.data, tensor.tensor_type).astype(np.float32)
        flat = values.ravel()
        out[name] = {
            "type": tensor.tensor_type.name,
            "torch_shape": list(values.shape),
            "first": [float(v) for v in flat[:8]],
            "last": [float(v) for v in flat[-8:]],
            "sum": float(flat.astype(np.float64).sum()),
            "abs_sum": float(np.abs(flat.astype(np.float64)).sum()),
        }
    write_json(OUT_DIR / "smollm2_reference.json", out)


def write_safetensors_fixtures():
    out_dir = OUT_DIR / "safetensors"
    out_dir.mkdir(exist_ok=True)
    gen = torch.Generator().manual_seed(SEED)
    mixed = {
        "a.f32": torch.randn(3, 4, generator=gen),
        "b.bf16": torch.randn(2, 8, generator=gen).to(torch.bfloat16),
        "c.f16": torch.tensor([0.0, -1.5, 65504.0, 6e-8, 1e-4], dtype=torch.float16),
        "d.i64": torch.tensor([7, -9], dtype=torch.int64),
        "e.scalar": torch.tensor(2.5),
    }
    save_file(mixed, out_dir / "mixed.safetensors", metadata={"format": "pt", "note": "fixture"})
    fixtures = {"mixed": {name: {"dtype": str(t.dtype).removeprefix("torch."), "shape": list(t.shape),
                                 "values": [float(v) for v in t.float().flatten()]}
                          for name, t in mixed.items() if t.is_floating_point()}}

    # odd values in every dtype's rounding: ties, subnormals, overflow to inf in f16
    layout_source = {"w": torch.tensor([1.0, 1.00390625, -3.3e-5, 70000.0]), "x.y": torch.randn(2, 3, generator=gen),
                     "a": torch.tensor([1.0 + 2**-9])}
    fixtures["layout_source"] = {name: {"shape": list(t.shape), "values": [float(v) for v in t.flatten()]}
                                 for name, t in layout_source.items()}
    for dtype, name in ((torch.float32, "F32"), (torch.float16, "F16"), (torch.bfloat16, "BF16")):
        converted = {tensor: t.to(dtype) for tensor, t in layout_source.items()}
        save_file(converted, out_dir / f"layout_{name}.safetensors", metadata={"format": "pt"})

    # a state dict in model order, sharded at 64 bytes: [8] float32 fills a shard, [20] float32 exceeds it
    sharded = {"model.embed.weight": torch.randn(2, 4, generator=gen), "model.big.weight": torch.randn(20, generator=gen),
               "model.norm.weight": torch.randn(4, generator=gen), "lm_head.weight": torch.randn(3, 2, generator=gen)}
    (out_dir / "sharded").mkdir(exist_ok=True)
    save_torch_state_dict(sharded, out_dir / "sharded", max_shard_size=64, metadata={"format": "pt"})
    fixtures["sharded"] = {"max_shard_size": 64,
                           "order": list(sharded),
                           "tensors": {name: {"shape": list(t.shape), "values": [float(v) for v in t.flatten()]}
                                       for name, t in sharded.items()}}
    write_json(OUT_DIR / "safetensors_fixtures.json", fixtures)


def write_json(path, obj):
    path.write_text(json.dumps(obj, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    write_fixtures()
    write_safetensors_fixtures()
    if SMOLLM2.exists():
        write_smollm2_reference()
