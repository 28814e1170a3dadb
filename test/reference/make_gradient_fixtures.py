"""Writes gradients.json: PyTorch's BPTT gradients on the last training sequence of
an epoch, which rnn-lab's gradient recording (trainer.gradients) is compared with:
test/workers/engine/gradient-probe.test.ts (1e-5 of each vector's largest value)
and test/elements/gradient-chart-parity.test.ts (end to end, 1e-3).
Run from the repository root with Debian's python3-torch:
    /usr/bin/python3 test/reference/make_gradient_fixtures.py

Three cases on data/sine-1000.csv at seq-len 50, hidden size 16: a GRU trained
here for a while (seed_ref.py's loop, lr 5e-3), an untrained RNN and an untrained
LSTM (PyTorch's init after torch.manual_seed(0)). For each, from its weights
(`stateDict`, rnn-lab's names), one epoch of seed_ref.py's loop at lr 1e-9 (the
state starts at zero and is carried, detached), stopping before the last
sequence's step; then, on that last sequence, from the state carried into it and
with the parameters of that moment, its predictions yhat_t (`outputs`) and:
  connectivity[t] = |d yhat_{T-1} / d x_t|
  hiddenGrad[t]   = ||dL/dh_t||_2, L the sequence's MSE, h_t the hidden state
                    after step t (the LSTM's h), the total derivative.
Both come from a step-by-step unrolled module (nn.GRUCell / LSTMCell / RNNCell
holding the layer's weights, in float64) that retains each h_t's grad; its
outputs are checked against the nn.GRU / LSTM / RNN layer's own."""
import json, os
import numpy as np, torch, torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = 'data/sine-1000.csv'
SEQ_LEN, HIDDEN, LR = 50, 16, 1e-9
torch.set_num_threads(1)

from textbook import build, f32, to_json  # noqa: E402 (the shared models and JSON helpers, beside this script)



def detach(h):
    return None if h is None else (tuple(t.detach() for t in h) if isinstance(h, tuple) else h.detach())


def sequences(series):
    split = int(0.8 * len(series))
    count = split // (SEQ_LEN + 1)
    train = torch.from_numpy(series[:count * (SEQ_LEN + 1)]).view(count, SEQ_LEN + 1, 1)
    return [(s[:SEQ_LEN], s[1:].view(-1)) for s in train]


def train(model, seqs, lr, epochs, stop_before_last=False):
    """seed_ref.py's loop; with stop_before_last, returns the state carried into the last sequence instead of stepping on it."""
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    hidden = None
    for _ in range(epochs):
        for i, (x, y) in enumerate(seqs):
            hidden = detach(hidden)
            if stop_before_last and i == len(seqs) - 1:
                return hidden
            out, hidden = model(x[None, ...], hidden)
            loss = nn.functional.mse_loss(out.view(y.shape), y)
            opt.zero_grad(); loss.backward(); opt.step()
    return hidden


def unrolled(model, kind, x, y, state):
    """The last sequence, one cell step at a time in float64: (connectivity, hiddenGrad, outputs)."""
    layer = model.rnn
    cell = {'gru': nn.GRUCell, 'lstm': nn.LSTMCell, 'rnn': nn.RNNCell}[kind](1, HIDDEN).double()
    with torch.no_grad():
        for name in ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh']:
            getattr(cell, name).copy_(getattr(layer, name + '_l0'))
    head = nn.Linear(HIDDEN, 1).double()
    with torch.no_grad():
        head.weight.copy_(model.linear.weight)
        head.bias.copy_(model.linear.bias)
    xs = x.double().view(-1, 1, 1).clone().requires_grad_(True)
    if kind == 'lstm':
        h, c = state[0].double().view(1, -1), state[1].double().view(1, -1)
    else:
        h = state.double().view(1, -1)
    hs, outs = [], []
    for t in range(SEQ_LEN):
        if kind == 'lstm':
            h, c = cell(xs[t], (h, c))
        else:
            h = cell(xs[t], h)
        h.retain_grad()
        hs.append(h)
        outs.append(head(h).view(()))
    outs = torch.stack(outs)
    loss = nn.functional.mse_loss(outs, y.double())
    loss.backward(retain_graph=True)
    hidden_grad = torch.stack([h.grad.norm() for h in hs])
    # After the loss's: retained grads would also collect this pass's (torch.autograd.grad runs their hooks too).
    connectivity = torch.autograd.grad(outs[-1], xs)[0].abs().view(-1)
    return connectivity, hidden_grad, outs


def case(kind, series, trained_epochs):
    torch.manual_seed(0)
    model = build(kind, HIDDEN)
    seqs = sequences(series)
    if trained_epochs:
        train(model, seqs, 5e-3, trained_epochs)
    state_dict = to_json(model, kind)
    state = train(model, seqs, LR, 1, stop_before_last=True)
    x, y = seqs[-1]
    with torch.no_grad():
        layer_out, _ = model(x[None, ...], state)
    connectivity, hidden_grad, outs = unrolled(model, kind, x, y, state)
    assert torch.allclose(outs.float(), layer_out.view(-1), atol=1e-5), 'the unrolled cells differ from the layer'
    carried = torch.cat(state).view(-1) if kind == 'lstm' else state.view(-1)
    return {
        'kind': kind, 'hidden': HIDDEN, 'seqLen': SEQ_LEN, 'trainedEpochs': trained_epochs,
        'stateDict': state_dict,
        'params': f32([v for p in model.state_dict().values() for v in p.reshape(-1).numpy()]),
        'state': f32(carried.numpy()), 'x': f32(x.view(-1).numpy()), 'target': f32(y.numpy()),
        'connectivity': [float(v) for v in connectivity], 'hiddenGrad': [float(v) for v in hidden_grad],
        'outputs': [float(v) for v in outs.detach()],
    }


series = np.loadtxt(DATA, delimiter=',').astype(np.float32)
cases = [case('gru', series, 60), case('rnn', series, 0), case('lstm', series, 0)]
with open(os.path.join(HERE, 'gradients.json'), 'w') as f:
    json.dump({'torch': torch.__version__, 'data': DATA, 'learningRate': LR, 'cases': cases}, f)
    f.write('\n')
