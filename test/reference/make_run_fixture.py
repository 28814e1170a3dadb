"""Writes runs-sine-1000.json: the PyTorch reference (seed_ref.py beside this file)
on data/sine-1000.csv, seqLen 20, 150 epochs, seeds 0-4, for each model: the
fixture of the run-level parity test (test/workers/run-parity.test.ts).
Run from the repository root with Debian's python3-torch:
    /usr/bin/python3 test/reference/make_run_fixture.py
Takes a few minutes (one process per run, as the textbook runs them)."""
import json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA, SEQ_LEN, EPOCHS, SEEDS = 'data/sine-1000.csv', 20, 150, range(5)

runs = []
for cell in ['gru', 'lstm', 'rnn', 'mlp']:
    for seed in SEEDS:
        args = [sys.executable, os.path.join(HERE, 'seed_ref.py'), cell, str(SEQ_LEN), str(EPOCHS), str(seed), DATA]
        out = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
        print(json.dumps(out), file=sys.stderr)
        runs.append({k: out[k] for k in ['cell', 'seed', 'train_mse', 'test_mse', 'best_test_mse']})

fixture = {'script': 'test/reference/seed_ref.py', 'data': DATA, 'seq_len': SEQ_LEN, 'epochs': EPOCHS,
           'hidden': 16, 'learning_rate': 5e-4, 'torch': out['torch'], 'runs': runs}
with open(os.path.join(HERE, 'runs-sine-1000.json'), 'w') as f:
    json.dump(fixture, f, indent=1)
    f.write('\n')
