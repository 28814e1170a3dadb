"""The textbook chapter's experiment (PyTorch reference for rnn-lab), headless, one model at a time:
per-sequence Adam, the hidden state carried across sequences, a closed-loop test after every epoch.
Usage: python3 seed_ref.py CELL SEQ_LEN EPOCHS SEED DATA.csv [HIDDEN]   CELL in gru|lstm|rnn|mlp
The bench (test/bench/cases/engine.mjs) times it against rnn-lab. The model and the loop are
textbook.py's, which the fixture scripts share; HIDDEN (default 16) lets the bench run H = 64 too.
Needs Debian python3-torch (1.13) and python3-numpy: apt-get install -y python3-torch
Prints one JSON line: seconds, epochs/s, final train and test MSE, best test MSE."""
import json, os, sys, time
import numpy as np, torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from textbook import build_in_order, train  # noqa: E402 (the shared models, beside this script)

cell, seq_len, max_epoch, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
data = np.loadtxt(sys.argv[5], delimiter=',')
hidden = int(sys.argv[6]) if len(sys.argv) > 6 else 16

np.random.seed(seed)
[model] = build_in_order([cell], hidden, seed)
t0 = time.perf_counter()
train_losses, test_losses = train(model, cell, data, seq_len, max_epoch)
dt = time.perf_counter() - t0
print(json.dumps({'cell': cell, 'seq_len': seq_len, 'epochs': max_epoch, 'seed': seed,
                  'seconds': round(dt, 3), 'epochs_per_s': round(max_epoch / dt, 3),
                  'train_mse': round(train_losses[-1], 5), 'test_mse': round(test_losses[-1], 5),
                  'best_test_mse': round(min(test_losses), 5), 'hidden': hidden, 'threads': torch.get_num_threads(),
                  'torch': torch.__version__}))
