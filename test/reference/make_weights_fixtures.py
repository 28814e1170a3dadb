"""Writes weights.json: the PyTorch side of the weights round trip, which
test/workers/weights.test.ts compares rnn-lab with (1e-5, relative, float32).
Run from the repository root with Debian's python3-torch, after
make_rnn_lab_export.mjs (whose rnn-lab-export.json it reads):
    /usr/bin/python3 test/reference/make_weights_fixtures.py

Models are built as the textbook's code (seed_ref.py) builds them; the recurrent
layer's state_dict names (`rnn.` there) are written as rnn-lab's (`gru.`, `lstm.`,
`rnn.`), and read back the same way, as a README reader would.
  pytorch: weights made by PyTorch's own init (torch.manual_seed), as state_dict
           JSON, and the closed-loop test rollout of that model from a zero
           state on data/sine-1000.csv (input test[0], len(test) - 1 steps), with
           what rnn-lab's gate recording records at each step (GRU z, r, h;
           LSTM i, f, o, c; RNN h), computed from PyTorch's gate formulas and
           checked against nn.GRU / nn.LSTM / nn.RNN's own hidden states.
  rnn_lab: for each model in rnn-lab-export.json (weights exported by rnn-lab),
           PyTorch's rollout of those weights, loaded with load_state_dict, and
           PyTorch continuing to train them there: CONTINUE more epochs of the
           textbook's loop (fresh Adam, zero state, as rnn-lab starts from
           `weights`), each epoch's train and test MSE. The script asserts that
           the load is lossless (every float32 bit as exported, and the state_dict
           written back is the exported JSON) and that rnn-lab's export is where
           PyTorch's own training of the same run ends (1e-6 absolute)."""
import json, os
import numpy as np, torch, torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = 'data/sine-1000.csv'
torch.set_num_threads(1)


from textbook import Rec, build, build_in_order, f32, to_json, train  # noqa: E402 (the shared models, beside this script)

CONTINUE = 5


def load_json(model, kind, state_dict):
    """The README's recipe, with the textbook class's module name."""
    model.load_state_dict({('rnn.' + k[len(kind) + 1:] if k.startswith(kind + '.') else k): torch.tensor(v)
                           for k, v in state_dict.items()})


def recorded(model, kind, x, h, c):
    """One step of PyTorch's gate formulas: (what rnn-lab records, next h, next c)."""
    cell = model.rnn
    gi = x @ cell.weight_ih_l0.T + cell.bias_ih_l0
    gh = h @ cell.weight_hh_l0.T + cell.bias_hh_l0
    if kind == 'gru':
        ir, iz, i_n = gi.chunk(3, 1)
        hr, hz, hn = gh.chunk(3, 1)
        r, z = torch.sigmoid(ir + hr), torch.sigmoid(iz + hz)
        h2 = (1 - z) * torch.tanh(i_n + r * hn) + z * h
        return [z, r, h2], h2, None
    if kind == 'lstm':
        i, f, g, o = (gi + gh).chunk(4, 1)
        i, f, o = torch.sigmoid(i), torch.sigmoid(f), torch.sigmoid(o)
        c2 = f * c + i * torch.tanh(g)
        h2 = o * torch.tanh(c2)
        return [i, f, o, c2], h2, c2
    h2 = torch.tanh(gi + gh)
    return [h2], h2, None


def rollout(model, kind, hidden, x0, steps):
    """seed_ref.py's rollout from a zero state, and the recorded gates [name][step][unit]."""
    pred, inp, state, gates = [], torch.tensor([[x0]], dtype=torch.float32), None, []
    h = torch.zeros(1, hidden)
    c = torch.zeros(1, hidden)
    with torch.no_grad():
        for _ in range(steps):
            if kind == 'mlp':
                p = model(inp)
            else:
                rec, h, c = recorded(model, kind, inp, h, c)
                p, state = model(inp, state)
                torch_h = state[0] if kind == 'lstm' else state
                assert torch.allclose(torch_h.reshape(1, -1), h, atol=1e-6), 'gate formulas differ from PyTorch'
                gates.append(torch.cat(rec).numpy())
            pred.append(p)
            inp = p
    values = np.stack(gates, 1).reshape(-1) if gates else np.zeros(0, np.float32)
    return f32(torch.cat(pred).numpy()), f32(values)


test = np.loadtxt(DATA, delimiter=',').astype(np.float32)[int(0.8 * 1000):]
x0, steps = float(test[0]), len(test) - 1

pytorch = []
for kind, hidden, seed in [('gru', 16, 0), ('gru', 5, 1), ('lstm', 16, 0), ('rnn', 16, 0), ('mlp', 16, 0)]:
    torch.manual_seed(seed)
    model = build(kind, hidden)
    predictions, gates = rollout(model, kind, hidden, x0, steps)
    pytorch.append({'kind': kind, 'hidden': hidden, 'seed': seed, 'stateDict': to_json(model, kind),
                    'rollout': predictions, 'gates': gates})

with open(os.path.join(HERE, 'rnn-lab-export.json')) as f:
    export = json.load(f)
series = np.loadtxt(DATA, delimiter=',')


def check_export(run, exported):
    """rnn-lab's export is where PyTorch's own training of the same run ends, and loads losslessly."""
    kind, hidden = run['model'], run['hiddenSize']
    [own] = build_in_order([kind], hidden, run['seed'])
    train(own, kind, series, run['seqLen'], run['epochs'], run['learningRate'])
    mine = to_json(own, kind)
    worst = max(float(np.max(np.abs(np.array(mine[k]) - np.array(exported[k])))) for k in exported)
    assert worst < 1e-6, f'{run["key"]}: PyTorch ends {worst} away from rnn-lab\'s export'
    model = build(kind, hidden)
    load_json(model, kind, exported)
    for k, v in model.state_dict().items():
        name = kind + k[3:] if k.startswith('rnn.') else k
        assert np.array_equal(v.numpy(), np.array(exported[name], dtype=np.float32)), f'{name} changed on load'
    # The README's way back out, `v.tolist()`, writes the very numbers rnn-lab wrote.
    back = {(kind + k[3:] if k.startswith('rnn.') else k): v.tolist() for k, v in model.state_dict().items()}
    assert json.loads(json.dumps(back)) == exported, 'the state_dict written back differs'
    return model, worst


rnn_lab, continued = {}, {}
for run in export['runs']:
    model, worst = check_export(run, export['models'][run['key']])
    print(run['key'], 'rnn-lab export vs PyTorch training, max abs difference', worst)
    rnn_lab[run['key']] = rollout(model, run['model'], run['hiddenSize'], x0, steps)[0]
    train_losses, test_losses = train(model, run['model'], series, run['seqLen'], CONTINUE, run['learningRate'])
    continued[run['key']] = {'train': train_losses, 'test': test_losses}

with open(os.path.join(HERE, 'weights.json'), 'w') as f:
    json.dump({'torch': torch.__version__, 'data': DATA, 'pytorch': pytorch,
               'rnnLab': {'export': 'test/reference/rnn-lab-export.json', 'rollouts': rnn_lab, 'continued': continued}}, f)
    f.write('\n')
