"""The textbook's models as seed_ref.py builds them, shared by the fixture scripts
(run with Debian's python3-torch: /usr/bin/python3)."""
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
