"""The textbook's models as seed_ref.py builds them, shared by the fixture scripts
(run with Debian's python3-torch: /usr/bin/python3)."""
import numpy as np
import torch
import torch.nn as nn


class Rec(nn.Module):
    """seed_ref.py's recurrent model: nn.GRU / nn.LSTM / nn.RNN named `rnn`, then `linear`."""
    def __init__(self, kind, hidden):
        super().__init__()
        self.hidden = hidden
        self.rnn = {'gru': nn.GRU, 'lstm': nn.LSTM, 'rnn': nn.RNN}[kind](input_size=1, hidden_size=hidden)
        self.linear = nn.Linear(hidden, 1)

    def forward(self, x, hidden):
        out, hidden = self.rnn(torch.transpose(x, 0, 1), hidden)
        return self.linear(out.reshape(-1, self.hidden)), hidden


def build(kind, hidden):
    """The textbook's model of `kind`: the MLP is point-wise, 1-32-16-1 with ReLU."""
    if kind == 'mlp':
        return nn.Sequential(nn.Linear(1, 32), nn.ReLU(), nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 1))
    return Rec(kind, hidden)


def build_in_order(models, hidden, seed):
    """The textbook notebook's start: torch.manual_seed(seed), then each model of
    `models` built in turn, all drawing their default init from that one generator."""
    torch.manual_seed(seed)
    return [build(kind, hidden) for kind in models]


def _detach(h):
    return None if h is None else (tuple(t.detach() for t in h) if isinstance(h, tuple) else h.detach())


def _last(h):
    return tuple(t[:, -1] for t in h) if isinstance(h, tuple) else h[:, -1]


def train(model, kind, series, seq_len, epochs, lr=5e-4):
    """seed_ref.py's loop on `series` (float64 numpy): per-sequence Adam, the state
    carried across sequences and epochs (detached), a closed-loop test after every
    epoch. Returns the per-epoch train and test MSE."""
    split = int(0.8 * len(series))
    train_data, test_data = series[:split], series[split:]
    train_num = len(train_data) // (seq_len + 1) * (seq_len + 1)
    train_data = train_data[:train_num].reshape(-1, seq_len + 1, 1)
    x_train = torch.from_numpy(train_data[:, :seq_len]).float()
    y_train = torch.from_numpy(train_data[:, 1:]).float()
    x_test = torch.from_numpy(test_data[:-1]).float()
    y_test = torch.from_numpy(test_data[1:]).float()
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    crit = nn.functional.mse_loss
    hidden, train_losses, test_losses = None, [], []
    for _ in range(epochs):
        total = 0.0
        for X, y in zip(x_train, y_train):
            if kind == 'mlp':
                p = model(X.view(-1, 1))
            else:
                hidden = _detach(hidden)
                p, hidden = model(X[None, ...], hidden)
            loss = crit(p.view(y.shape), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        train_losses.append(total / len(x_train))
        state, inp, pred = None if kind == 'mlp' else _last(hidden), x_test[0].view(-1, 1), []
        with torch.no_grad():
            for _ in range(len(y_test)):
                if kind == 'mlp':
                    p = model(inp)
                else:
                    p, state = model(inp, state)
                pred.append(p)
                inp = p
        test_losses.append(crit(torch.cat(pred).reshape(-1), y_test).item())
    return train_losses, test_losses


def f32(values):
    """float32 values as the shortest decimals that read back as the same float32 (9 digits)."""
    return [float('%.9g' % v) for v in np.asarray(values, dtype=np.float32).reshape(-1)]


def to_json(model, kind):
    """state_dict as rnn-lab names it: nested lists of float32 values."""
    return {(kind + k[3:] if k.startswith('rnn.') else k): np.array(f32(v.numpy())).reshape(v.shape).tolist()
            for k, v in model.state_dict().items()}
