"""Writes cells.json: PyTorch's numbers for each recurrent cell and the MLP with
fixed weights, input and initial state, which test/workers/engine/pytorch-parity.test.ts
compares rnn-lab's kernels and training step with (1e-5, relative, float32).
Run from the repository root with Debian's python3-torch:
    /usr/bin/python3 test/reference/make_cell_fixtures.py

Each case has two parts, built exactly as the textbook's code (seed_ref.py) builds
its models (module names `rnn` and `linear`, renamed here to rnn-lab's `gru.`,
`lstm.`, `rnn.`; the MLP is an nn.Sequential):
  sequence: one sequence from a given state: outputs, final state, MSE loss and
            the gradient of every parameter (state_dict order and names);
  training: one epoch of seed_ref's loop (three sequences, state starting at zero
            and carried, detached, one Adam step each, lr 0.01), then its
            closed-loop test rollout: the three losses, the parameters after the
            three steps, the rollout and its test MSE."""
import json, os
import numpy as np, torch, torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS, SEQUENCES, TEST_POINTS, LR = 7, 3, 8, 0.01
torch.set_num_threads(1)


from textbook import Rec, build  # noqa: E402 (the shared models, beside this script)


def floats(t):
    return [float(v) for v in t.detach().reshape(-1).numpy().astype(np.float32)]


def name_of(kind, name):
    return kind + name[3:] if name.startswith('rnn.') else name


def flat_params(model):
    return [v for p in model.state_dict().values() for v in floats(p)]


def set_params(model, flat):
    flat, offset = torch.tensor(flat, dtype=torch.float32), 0
    with torch.no_grad():
        for p in model.state_dict().values():
            p.copy_(flat[offset:offset + p.numel()].view_as(p))
            offset += p.numel()


def state_of(kind, hidden, values):
    if kind == 'mlp':
        return None
    t = torch.tensor(values, dtype=torch.float32).view(-1, 1, 1, hidden)
    return (t[0], t[1]) if kind == 'lstm' else t[0]


def flat_state(kind, hidden):
    if kind == 'mlp':
        return []
    return floats(torch.cat(hidden)) if kind == 'lstm' else floats(hidden)


def run(model, kind, x, hidden):
    """seed_ref.py's forward of one sequence x of shape (T, 1)."""
    if kind == 'mlp':
        return model(x.view(-1, 1)), None
    return model(x[None, ...], hidden)


def sequence_part(kind, hidden, rng, params):
    model = build(kind, hidden)
    set_params(model, params)
    x = rng.uniform(-1, 1, STEPS).astype(np.float32)
    target = rng.uniform(-1, 1, STEPS).astype(np.float32)
    state = rng.uniform(-0.5, 0.5, 0 if kind == 'mlp' else (2 if kind == 'lstm' else 1) * hidden).astype(np.float32)
    X, Y = torch.from_numpy(x).view(-1, 1), torch.from_numpy(target)
    out, final = run(model, kind, X, state_of(kind, hidden, state))
    loss = nn.functional.mse_loss(out.view(Y.shape), Y)
    loss.backward()
    return {
        'x': [float(v) for v in x], 'target': [float(v) for v in target], 'state': [float(v) for v in state],
        'outputs': floats(out), 'finalState': flat_state(kind, final), 'loss': float(loss),
        'grads': {name_of(kind, n): floats(p.grad) for n, p in model.named_parameters()},
    }


def detach(h):
    return None if h is None else (tuple(t.detach() for t in h) if isinstance(h, tuple) else h.detach())


def last(h):
    return tuple(t[:, -1] for t in h) if isinstance(h, tuple) else h[:, -1]


def training_part(kind, hidden, rng, params):
    model = build(kind, hidden)
    set_params(model, params)
    train_points = SEQUENCES * (STEPS + 1)
    series = rng.uniform(-1, 1, train_points + TEST_POINTS).astype(np.float32)
    train = torch.from_numpy(series[:train_points]).view(SEQUENCES, STEPS + 1, 1)
    test = torch.from_numpy(series[train_points:])
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    hidden_state, losses = None, []
    for seq in train:
        X, Y = seq[:STEPS], seq[1:]
        hidden_state = detach(hidden_state)
        out, hidden_state = run(model, kind, X, hidden_state)
        loss = nn.functional.mse_loss(out.view(Y.shape), Y)
        opt.zero_grad(); loss.backward(); opt.step()
        losses.append(float(loss))
    pred, inp, h = [], test[0].view(-1, 1), None if kind == 'mlp' else last(hidden_state)
    with torch.no_grad():
        for _ in range(TEST_POINTS - 1):
            if kind == 'mlp':
                p = model(inp)
            else:
                p, h = model(inp, h)
            pred.append(p); inp = p
    pred = torch.cat(pred).reshape(-1)
    return {
        'series': [float(v) for v in series], 'split': train_points / len(series), 'learningRate': LR,
        'losses': losses, 'params': flat_params(model), 'carriedState': flat_state(kind, hidden_state),
        'rollout': floats(pred), 'testLoss': float(nn.functional.mse_loss(pred, test[1:])),
    }


cases = []
for kind, hidden in [('gru', 5), ('gru', 16), ('lstm', 5), ('lstm', 16), ('rnn', 5), ('rnn', 16), ('mlp', 16)]:
    rng = np.random.RandomState(len(cases) + 1)
    params = [float(v) for v in rng.uniform(-0.5, 0.5, len(flat_params(build(kind, hidden)))).astype(np.float32)]
    cases.append({'kind': kind, 'hidden': hidden, 'steps': STEPS, 'params': params,
                  'sequence': sequence_part(kind, hidden, rng, params),
                  'training': training_part(kind, hidden, rng, params)})

with open(os.path.join(HERE, 'cells.json'), 'w') as f:
    json.dump({'torch': torch.__version__, 'cases': cases}, f)
    f.write('\n')
