"""The textbook chapter's experiment (PyTorch reference for rnn-lab) (per-sequence Adam, hidden carried across
sequences, autoregressive test rollout), headless, one model at a time.
Usage: python3 seed_ref.py CELL SEQ_LEN EPOCHS SEED DATA.csv [HIDDEN]   CELL in gru|lstm|rnn|mlp
A copy of the project's shared seed_ref.py with one addition, the optional HIDDEN
size (default 16, the original's constant), so the bench can run H = 64 too.
Needs Debian python3-torch (1.13) and python3-numpy: apt-get install -y python3-torch
Prints one JSON line: seconds, epochs/s, final train and test MSE, best test MSE."""
import json, sys, time
import numpy as np, torch, torch.nn as nn

cell, seq_len, max_epoch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
seed = int(sys.argv[4])
data = np.loadtxt(sys.argv[5], delimiter=',')
split = int(0.8 * len(data))
train_data, test_data = data[:split], data[split:]
train_num = len(train_data) // (seq_len + 1) * (seq_len + 1)
train_data = train_data[:train_num].reshape(-1, seq_len + 1, 1)
np.random.seed(seed); torch.manual_seed(seed)
x_train = torch.from_numpy(train_data[:, :seq_len]).float()
y_train = torch.from_numpy(train_data[:, 1:]).float()
x_test = torch.from_numpy(test_data[:-1]).float()
y_test = torch.from_numpy(test_data[1:]).float()
H = int(sys.argv[6]) if len(sys.argv) > 6 else 16

class Rec(nn.Module):
    def __init__(self, kind):
        super().__init__()
        self.rnn = {'gru': nn.GRU, 'lstm': nn.LSTM, 'rnn': nn.RNN}[kind](input_size=1, hidden_size=H)
        self.linear = nn.Linear(H, 1)
    def forward(self, x, hidden):
        out, hidden = self.rnn(torch.transpose(x, 0, 1), hidden)
        return self.linear(out.reshape(-1, H)), hidden

def detach(h):
    return None if h is None else (tuple(t.detach() for t in h) if isinstance(h, tuple) else h.detach())
def last(h):
    return tuple(t[:, -1] for t in h) if isinstance(h, tuple) else h[:, -1]

if cell == 'mlp':
    model = nn.Sequential(nn.Linear(1, 32), nn.ReLU(), nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 1))
else:
    model = Rec(cell)
opt = torch.optim.Adam(model.parameters(), lr=5e-4)
crit = nn.functional.mse_loss
hidden = None
train_losses, test_losses = [], []

def rollout(x, hidden, steps):
    pred, inp = [], x.view(-1, 1)
    with torch.no_grad():
        for _ in range(steps):
            if cell == 'mlp':
                p = model(inp)
            else:
                p, hidden = model(inp, hidden)
            pred.append(p); inp = p
    return torch.cat(pred).reshape(-1)

t0 = time.perf_counter()
for epoch in range(max_epoch):
    tot = 0.0
    for X, y in zip(x_train, y_train):
        if cell == 'mlp':
            p = model(X.view(-1, 1))
        else:
            hidden = detach(hidden)
            p, hidden = model(X[None, ...], hidden)
        loss = crit(p.view(y.shape), y)
        opt.zero_grad(); loss.backward(); opt.step()
        tot += loss.item()
    train_losses.append(tot / len(x_train))
    pred = rollout(x_test[0], None if cell == 'mlp' else last(hidden), len(y_test))
    test_losses.append(crit(pred, y_test).item())
dt = time.perf_counter() - t0
print(json.dumps({'cell': cell, 'seq_len': seq_len, 'epochs': max_epoch, 'seed': seed,
                  'seconds': round(dt, 3), 'epochs_per_s': round(max_epoch / dt, 3),
                  'train_mse': round(train_losses[-1], 5), 'test_mse': round(test_losses[-1], 5),
                  'best_test_mse': round(min(test_losses), 5), 'hidden': H, 'threads': torch.get_num_threads(),
                  'torch': torch.__version__}))
