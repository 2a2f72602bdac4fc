#!/usr/bin/env python3
"""PyTorch reference of the usual PyTorch LeNet-5 tutorials' recipe, for `make bench`.

LeNet-5 (tanh, average pooling, 32x32 input by padding), SGD lr 0.01 momentum 0.9, batch 64,
the same MNIST files as the course, and whole-tensor batching (no DataLoader): each batch is one
index into the preloaded tensors. Prints one JSON line per epoch, then one with peak RSS.

    python3 bench/reference.py --epochs 3 --seed 42 --threads 2
"""
import argparse
import json
import os
import resource
import sys
import time

try:
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError as e:
    sys.exit("The PyTorch reference needs Debian's PyTorch (%s): sudo apt-get install python3-torch, "
             "then run it with /usr/bin/python3 (make bench does)." % e)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def idx(path, header, shape):
    with open(path, "rb") as f:
        return np.frombuffer(f.read()[header:], dtype=np.uint8).reshape(shape)


VALIDATION = 5000  # the last training images held out, as the course's LeNetInputs does


def load(data_dir):
    x = torch.from_numpy(idx(os.path.join(data_dir, "train_data"), 16, (-1, 1, 28, 28)).astype(np.float32) / 255)
    y = torch.from_numpy(idx(os.path.join(data_dir, "train_labels"), 8, (-1,)).astype(np.int64))
    sx = torch.from_numpy(idx(os.path.join(data_dir, "test_data"), 16, (-1, 1, 28, 28)).astype(np.float32) / 255)
    sy = torch.from_numpy(idx(os.path.join(data_dir, "test_labels"), 8, (-1,)).astype(np.int64))
    tx, ty, vx, vy = x[:-VALIDATION], y[:-VALIDATION], x[-VALIDATION:], y[-VALIDATION:]
    mean, std = tx.mean().item(), tx.std().item()
    prep = lambda images: (F.pad(images, (2, 2, 2, 2)) - mean) / std
    return prep(tx), ty, prep(vx), vy, prep(sx), sy


def accuracy(net, x, y):
    net.eval()
    with torch.no_grad():
        return sum((net(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum().item() for i in range(0, len(y), 1000)) / len(y)


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 6, 5)
        self.c3 = nn.Conv2d(6, 16, 5)
        self.c5 = nn.Conv2d(16, 120, 5)
        self.f6 = nn.Linear(120, 84)
        self.out = nn.Linear(84, 10)

    def forward(self, x):
        x = F.avg_pool2d(torch.tanh(self.c1(x)), 2)
        x = F.avg_pool2d(torch.tanh(self.c3(x)), 2)
        x = torch.tanh(self.c5(x)).flatten(1)
        return self.out(torch.tanh(self.f6(x)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--data", default=os.path.join(ROOT, "build", "data", "mnist"))
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    tx, ty, vx, vy, sx, sy = load(a.data)
    net = LeNet5()
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    n = tx.shape[0]
    for epoch in range(1, a.epochs + 1):
        net.train()
        start = time.perf_counter()
        perm = torch.randperm(n)
        loss_sum = 0.0
        for i in range(0, n, a.batch):
            b = perm[i:i + a.batch]
            opt.zero_grad()
            loss = F.cross_entropy(net(tx[b]), ty[b])
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(b)
        seconds = time.perf_counter() - start
        print(json.dumps({"epoch": epoch, "seconds": seconds, "images_per_second": n / seconds,
                          "train_loss": loss_sum / n, "validation_accuracy": accuracy(net, vx, vy)}), flush=True)
    print(json.dumps({"test_accuracy": accuracy(net, sx, sy),
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "threads": torch.get_num_threads(), "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
