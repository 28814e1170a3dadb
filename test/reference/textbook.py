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


def f32(values):
    """float32 values as the shortest decimals that read back as the same float32 (9 digits)."""
    return [float('%.9g' % v) for v in np.asarray(values, dtype=np.float32).reshape(-1)]


def to_json(model, kind):
    """state_dict as rnn-lab names it: nested lists of float32 values."""
    return {(kind + k[3:] if k.startswith('rnn.') else k): np.array(f32(v.numpy())).reshape(v.shape).tolist()
            for k, v in model.state_dict().items()}
