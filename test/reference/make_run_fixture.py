"""Writes runs-sine-1000.json: whole runs of the textbook's experiment in PyTorch
on data/sine-1000.csv, the fixture of the run-level parity test
(test/workers/run-parity.test.ts). Each case is (seed, models in order, seq-len):
torch.manual_seed(seed), then the models built in that order from the one
generator, as the textbook's notebook does (a GRU then an MLP in ex. 5, an LSTM
then a GRU in ex. 6), each then trained for 150 epochs by seed_ref.py's loop.
Run from the repository root with Debian's python3-torch:
    /usr/bin/python3 test/reference/make_run_fixture.py
Takes several minutes."""
import json, os, sys
import numpy as np, torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from textbook import build_in_order, train  # noqa: E402

DATA, EPOCHS, HIDDEN, LR = 'data/sine-1000.csv', 150, 16, 5e-4
CASES = [(0, ['gru', 'mlp'], 30), (0, ['lstm', 'gru'], 20), (1, ['mlp', 'gru'], 20), (2, ['rnn', 'lstm'], 30),
         (3, ['gru', 'rnn'], 20)]
torch.set_num_threads(1)


def sig(values):
    """Six significant digits: far finer than any tolerance the test applies."""
    return [float('%.6g' % v) for v in values]


series = np.loadtxt(DATA, delimiter=',')
cases = []
for seed, models, seq_len in CASES:
    runs = {}
    for kind, model in zip(models, build_in_order(models, HIDDEN, seed)):
        train_losses, test_losses = train(model, kind, series, seq_len, EPOCHS, LR)
        runs[kind] = {'train': sig(train_losses), 'test': sig(test_losses)}
        print(seed, ' '.join(models), seq_len, kind, runs[kind]['train'][-1], runs[kind]['test'][-1], file=sys.stderr)
    cases.append({'seed': seed, 'models': models, 'seq_len': seq_len, 'runs': runs})

fixture = {'script': 'test/reference/make_run_fixture.py', 'data': DATA, 'epochs': EPOCHS, 'hidden': HIDDEN,
           'learning_rate': LR, 'torch': torch.__version__, 'cases': cases}
with open(os.path.join(HERE, 'runs-sine-1000.json'), 'w') as f:
    json.dump(fixture, f, indent=1)
    f.write('\n')
