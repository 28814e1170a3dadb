"""Writes init.json: PyTorch's initial state_dicts, the fixture of the bit-equality
test of rnn-lab's `seed` (test/workers/engine/params.test.ts). For each seed,
hidden size and order of models: torch.manual_seed(seed), then the models built
in that order from the one generator, as the textbook's notebook builds them.
Each tensor is stored as its float32 bit pattern (little-endian bytes, base64),
so the test compares bits, not decimals. Recurrent names are written as rnn-lab
names them (`gru.weight_ih_l0`; the textbook's class calls the layer `rnn`).
Run from the repository root with Debian's python3-torch:
    /usr/bin/python3 test/reference/make_init_fixtures.py"""
import base64, json, os, sys
import numpy as np, torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from textbook import build_in_order  # noqa: E402

# 2**32 + 5: torch seeds mt19937 with the low 32 bits, so this starts as seed 5 does.
SEEDS = [0, 1, 42, 2024, 2**32 + 5]
ORDERS = {16: ['gru mlp', 'lstm gru', 'rnn mlp lstm gru', 'mlp rnn'], 7: ['gru mlp', 'lstm gru', 'mlp rnn']}


def bits(tensor):
    return base64.b64encode(tensor.detach().numpy().astype('<f4').tobytes()).decode('ascii')


def state_dict(model, kind):
    return {(kind + k[3:] if k.startswith('rnn.') else k): {'shape': list(v.shape), 'bits': bits(v)}
            for k, v in model.state_dict().items()}


cases = []
for seed in SEEDS:
    for hidden, orders in ORDERS.items():
        for order in orders:
            models = order.split()
            built = build_in_order(models, hidden, seed)
            cases.append({'seed': seed, 'hidden': hidden, 'models': models,
                          'stateDicts': {kind: state_dict(m, kind) for kind, m in zip(models, built)}})

with open(os.path.join(HERE, 'init.json'), 'w') as f:
    json.dump({'script': 'test/reference/make_init_fixtures.py', 'torch': torch.__version__, 'cases': cases}, f)
    f.write('\n')
