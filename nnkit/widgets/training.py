"""Notebook 06's explorer: a network learning the spiral, epoch by epoch, for a few learning rates and sizes."""

import collections
import concurrent.futures
import hashlib
import html
import math
import time
import warnings

import numpy as np
from matplotlib.colors import to_rgb

from .._validation import check_count, check_number, check_positive
from ..data import spiral
from ..models import TwoLayerNet
from ..optim import SGD
from ..plotting import CLASS_COLORS, CLASS_MARKERS, REGION_COLORS, decision_grid
from ..train import DivergenceWarning, fit
from ._words import label, say
from .base import Explorer, readout_line, readout_lines

__all__ = ["TrainingExplorer", "TrainingRun", "prefetch_runs", "run_is_ready", "training_explorer", "training_run"]

CLASSES = 3  # the spiral's arms: the network is 2-hidden-3
BATCH_SIZE = 30
WEIGHT_SCALE = 0.01
RUN_CACHE_SIZE = 16  # runs kept (the explorer offers 12 settings); a run of hidden size 30 is ~0.5 MB


class TrainingRun:
    """One seeded training run: the weights after every epoch, the ``History``, and where it started.

    Attributes:
        snapshots: ``snapshots[e]`` is the list of the params after epoch e (0: the initial weights).
        history: the ``History`` that ``fit`` returned (epochs 1, 2, …).
        start_loss: the loss of the initial weights on the whole set.
        start_accuracy: their accuracy on the whole set.
    """

    def __init__(self, snapshots, history, start_loss, start_accuracy):
        self.snapshots = snapshots
        self.history = history
        self.start_loss = start_loss
        self.start_accuracy = start_accuracy

    @property
    def last_epoch(self):
        """The last epoch with weights: the number of epochs, or the last good one of a run that diverged."""
        return len(self.snapshots) - 1

    def numbers(self, epoch):
        """(loss, accuracy) at ``epoch``: the initial weights' at 0, else that epoch's mean loss and its accuracy."""
        if epoch == 0:
            return self.start_loss, self.start_accuracy
        return self.history.loss[epoch - 1], self.history.accuracy[epoch - 1]

    def __repr__(self):
        return f"TrainingRun({self.last_epoch} epochs, {self.history!r})"


_RUNS = collections.OrderedDict()  # run key -> TrainingRun, least recently used first
_PENDING = {}  # run key -> Future of a run being trained ahead of time in the helper thread
_HELPER = None  # the helper thread's executor, started on first use
_QUIET_AFTER_MOVE = 0.4  # seconds the helper pauses after a move, so the frame is not slowed by it
_paused_until = 0.0  # time.monotonic() until which the helper waits between epochs


def _digest(a):
    """A fingerprint of an array's content (dtype, shape and every byte)."""
    a = np.ascontiguousarray(a)
    return hashlib.blake2b(f"{a.dtype.str}{a.shape}".encode() + a.tobytes(), digest_size=16).hexdigest()


def training_run(x, t, *, lr, hidden, epochs, seed):
    """Train a 2-hidden-3 sigmoid ``TwoLayerNet`` on (x, t) with SGD, keeping the weights of every epoch.

    This is the run ``training_explorer`` shows: batch 30, initial weights scaled by
    0.01, the model and the shuffles seeded by ``seed``. Runs are deterministic, so they
    are cached, keyed by everything that decides them (the content of x and t, lr,
    hidden, epochs, seed); the cache keeps the ``RUN_CACHE_SIZE`` runs used last.

    Args:
        x: the inputs, shape (N, 2).
        t: the integer labels 0, 1, 2, shape (N,).
        lr: the learning rate.
        hidden: the hidden size.
        epochs: how many epochs to train.
        seed: the seed of the initial weights and of the minibatch shuffles.

    Returns:
        A ``TrainingRun``; a diverging run stops where the loss stopped being a number
        (``history.diverged_at``), without a warning.
    """
    key = _run_key(x, t, lr, hidden, epochs, seed)
    if key in _RUNS:
        _RUNS.move_to_end(key)
        return _RUNS[key]
    run = None
    future = _PENDING.pop(key, None)
    # A run still waiting in the helper's queue is trained here at once; one already being
    # trained there is waited for (it is nearer done than a fresh start).
    if future is not None and not future.cancel():
        try:
            run = future.result()
        except Exception:  # a helper that died: train here, the numbers are the same
            run = None
    if run is None:
        run = _train(x, t, lr, hidden, epochs, seed)
    _RUNS[key] = run
    while len(_RUNS) > RUN_CACHE_SIZE:
        _RUNS.popitem(last=False)
    return run


def _run_key(x, t, lr, hidden, epochs, seed):
    """Everything that decides a run, checked: the content of x and t, lr, hidden, epochs, seed."""
    who = "training_run"
    return (_digest(x), _digest(t), check_positive(lr, who, "lr"), check_count(hidden, who, "hidden"),
            check_count(epochs, who, "epochs"), check_count(seed, who, "seed", minimum=0))


def _train(x, t, lr, hidden, epochs, seed, *, quiet=True):
    """One run; ``quiet=False`` in the helper thread, which leaves the warning filters alone."""
    model = TwoLayerNet(2, hidden, CLASSES, activation="sigmoid", weight_scale=WEIGHT_SCALE, seed=seed)
    snapshots = [[p.copy() for p in model.params]]
    start_loss, start_accuracy = model.forward(x, t), model.accuracy(x, t)

    def keep(epoch, history):
        snapshots.append([p.copy() for p in model.params])
        if not quiet:  # the helper: wait while the learner is moving a control (one GIL for both)
            while time.monotonic() < _paused_until:
                time.sleep(0.02)

    def train():
        return fit(model, SGD(lr), x, t, epochs=epochs, batch_size=BATCH_SIZE, seed=seed, callback=keep)

    if quiet:
        with warnings.catch_warnings():
            # A diverging run is shown as such (history.diverged_at), not as a warning.
            warnings.simplefilter("ignore", DivergenceWarning)
            history = train()
    else:
        history = train()
    return TrainingRun(snapshots, history, start_loss, start_accuracy)


def _helper():
    """The thread that trains runs ahead of time, started on first use.

    A background run's DivergenceWarning is attributed to the executor's module (the
    first frame outside nnkit), so one filter on that module keeps it out of the
    notebook without ``warnings.catch_warnings`` in a thread, which would race with
    the learner's (the filters are global). Should the filter be gone (a test's own
    filters) or turn the warning into an error, the run is simply trained again when
    asked for: its numbers are the same.
    """
    global _HELPER
    warnings.filterwarnings("ignore", category=DivergenceWarning, module=r"concurrent\.futures\.thread")
    if _HELPER is None:
        _HELPER = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="nnkit-training")
    return _HELPER


def run_is_ready(x, t, *, lr, hidden, epochs, seed):
    """Whether ``training_run`` with these settings answers at once (cached, or already trained ahead)."""
    key = _run_key(x, t, lr, hidden, epochs, seed)
    return key in _RUNS or (key in _PENDING and _PENDING[key].done() and not _PENDING[key].cancelled())


def prefetch_runs(x, t, settings, *, epochs, seed):
    """Queue the runs of ``settings`` (pairs of lr and hidden size) in the helper thread, in order.

    Returns the number of runs queued; ``training_run`` picks them up when they are asked for.
    """
    helper = _helper()
    queued = 0
    for lr, hidden in settings:
        key = _run_key(x, t, lr, hidden, epochs, seed)
        if key in _RUNS or key in _PENDING:
            continue
        try:
            _PENDING[key] = helper.submit(_train, x.copy(), t.copy(), lr, hidden, epochs, seed, quiet=False)
        except RuntimeError:  # the pool was shut down (interpreter exit) or broke
            break
        queued += 1
    return queued


class TrainingExplorer(Explorer):
    """Watch a 2-hidden-3 network learn the spiral: the decision boundary and the loss, epoch by epoch.

    Each (learning rate, hidden size) is one ``training_run``: SGD, batch 30, 300 epochs,
    sigmoid hidden layer, every seed fixed, so the same settings always show the same
    pictures; it is trained the first time it is shown and cached. The settings one
    click away are trained ahead in a helper thread, so a change answers at once; one
    that still has to train says so in the readout while it does. Its words are in the
    language current when it is built.
    """

    figsize = (7.6, 3.4)
    _factory = "training_explorer"
    LEARNING_RATES = (0.1, 0.3, 1.0, 3.0)
    HIDDEN_SIZES = (3, 10, 30)
    EPOCHS = 300
    SEED = 0
    RESOLUTION = 120  # grid points a side of the decision regions

    def __init__(self, *, lr=1.0, hidden=10, epoch=300, size="normal"):
        who = self._factory
        if lr not in self.LEARNING_RATES:
            raise ValueError(f"{who} expects lr to be one of {list(self.LEARNING_RATES)} (got {lr!r}).")
        if hidden not in self.HIDDEN_SIZES:
            raise ValueError(f"{who} expects hidden to be one of {list(self.HIDDEN_SIZES)} (got {hidden!r}).")
        epoch = check_count(epoch, who, "epoch", minimum=0)
        check_number(epoch, who, "epoch", 0, self.EPOCHS)
        self._start = (float(lr), int(hidden), epoch)
        self._x, self._t = spiral()
        self._shown = None  # the run whose curves are drawn
        self._models = {}
        super().__init__(size=size)

    @property
    def run(self):
        """The ``TrainingRun`` of the learning rate and hidden size chosen now."""
        lr, hidden, _ = self._settings()
        return training_run(self._x, self._t, lr=lr, hidden=hidden, epochs=self.EPOCHS, seed=self.SEED)

    def _build(self):
        lr, hidden, epoch = self._start
        # (wspace: room between the boundary panel and the loss axis's label, which crowded it)
        grid = self.figure.add_gridspec(1, 2, width_ratios=[1, 1.35], wspace=0.12)
        left = self.figure.add_subplot(grid[0])
        right = self.figure.add_subplot(grid[1])
        xs, ys, self._grid = decision_grid(self._x, self.RESOLUTION)
        self._style_axes(left, "x₁", "x₂")
        left.set_aspect("equal")
        # The regions as colours, smoothed between grid points (bilinear on the colours, never
        # on the class numbers, which would invent a class between two others): the
        # sigmoid network's boundary shows as the smooth curve it is, not the grid's staircase.
        self._region_rgb = np.array([to_rgb(c) for c in REGION_COLORS[:CLASSES]])
        self._regions = self._dynamic_artist(left.imshow(
            np.zeros((len(ys), len(xs), 3)), origin="lower", extent=(xs[0], xs[-1], ys[0], ys[-1]),
            interpolation="bilinear",
        ))
        for k in range(CLASSES):  # drawn each frame too, to stay on top of the regions
            self._dynamic_artist(left.scatter(
                self._x[self._t == k, 0], self._x[self._t == k, 1], s=self._marker(3) ** 2, color=CLASS_COLORS[k],
                marker=CLASS_MARKERS[k], edgecolors="white", linewidths=0.3, zorder=3,
            ))
        self._left_title = self._dynamic_artist(left.set_title(" ", fontsize=self.look["title"]))

        self._style_axes(right, say(self, "fig.epoch"), say(self, "fig.loss"))
        self._twin = right.twinx()
        self._style_axes(self._twin, None, say(self, "fig.accuracy"))
        right.set_xlim(0, self.EPOCHS)
        self._twin.set_ylim(0, 1.05)
        self._twin.set_yticks([0.25, 0.5, 0.75, 1.0])  # no 0 tick: it would sit on the last epoch's label
        # The curves are dynamic too: another run redraws two lines, not the whole figure.
        self._loss_line = self._dynamic_artist(right.plot([], [], color=CLASS_COLORS[0],
                                                          label=say(self, "fig.loss"))[0])
        self._acc_line = self._dynamic_artist(self._twin.plot([], [], color=CLASS_COLORS[1],
                                                              label=say(self, "fig.accuracy"))[0])
        # The legend is the panel's title: above the axes it never covers a curve.
        right.legend(handles=[self._loss_line, self._acc_line], loc="lower center", bbox_to_anchor=(0.5, 1.0),
                     ncol=2, frameon=False, fontsize=self.look["title"])
        self._epoch_line = self._dynamic_artist(right.axvline(0, color="0.4", linestyle="--", linewidth=1))
        dot = dict(marker="o", linestyle="none", markersize=self._marker(7))
        self._epoch_dot = self._dynamic_artist(right.plot([], [], color=CLASS_COLORS[0], **dot)[0])
        self._acc_dot = self._dynamic_artist(self._twin.plot([], [], color=CLASS_COLORS[1], **dot)[0])
        self._loss_ax = right

        label(self, self._slider("epoch", 0, self.EPOCHS, 1, epoch, integer=True), "explorer.control.epoch")
        label(self, self._choice("learning rate", [(f"{v:g}", v) for v in self.LEARNING_RATES], lr),
              "explorer.control.learning_rate")
        label(self, self._choice("hidden size", [(str(h), h) for h in self.HIDDEN_SIZES], hidden),
              "explorer.control.hidden_size")

    def _settings(self):
        return float(self.value("learning rate")), int(self.value("hidden size")), int(self.value("epoch"))

    def _numbers(self):
        """(run, epoch shown, loss, accuracy) at the controls; reads only, changes nothing."""
        run = self.run
        epoch = min(self._settings()[2], run.last_epoch)
        return (run, epoch) + run.numbers(epoch)

    def _classes(self, run, epoch, hidden):
        """The class the network gives each grid point with the weights of ``epoch``."""
        if hidden not in self._models:  # one network a hidden size, its weights overwritten each frame
            self._models[hidden] = TwoLayerNet(2, hidden, CLASSES, activation="sigmoid", seed=self.SEED)
        model = self._models[hidden]
        for p, saved in zip(model.params, run.snapshots[epoch]):
            p[...] = saved
        return model.predict(self._grid).argmax(axis=1)

    def _show_run(self, run):
        """Put a new run's loss and accuracy curves in place; redraw in full only when the loss axis must change.

        The loss axis goes up to the run's highest loss, rounded up to a half: most runs
        share one axis (1.5), so a change of setting only moves the two curves.
        """
        history = run.history
        epochs = np.arange(1, len(history.loss) + 1)
        self._loss_line.set_data(epochs, history.loss)
        self._acc_line.set_data(epochs, history.accuracy)
        top = max(history.loss) if history.loss else 1.0
        top = math.ceil(2 * 1.08 * max(top, 1.0)) / 2
        self._shown = run
        if self._loss_ax.get_ylim() != (0, top):
            self._loss_ax.set_ylim(0, top)
            self._full_redraw(key=("loss axis", top))  # the loss axis is all that differs between runs

    def _neighbours(self):
        """The settings one click away: the other hidden sizes at this learning rate first, then the other rates."""
        lr, hidden, _ = self._settings()
        return ([(lr, h) for h in self.HIDDEN_SIZES if h != hidden]
                + [(r, hidden) for r in self.LEARNING_RATES if r != lr])

    def _update(self):
        global _paused_until
        _paused_until = time.monotonic() + _QUIET_AFTER_MOVE
        lr, hidden, _ = self._settings()
        if not run_is_ready(self._x, self._t, lr=lr, hidden=hidden, epochs=self.EPOCHS, seed=self.SEED):
            # Training takes a moment: say so at once (the readout reaches the page before
            # the run starts), instead of a slider that seems stuck.
            self.readout.value = html.escape(say(self, "explorer.training.training", hidden=hidden, classes=CLASSES,
                                                 lr=f"{lr:g}", epochs=self.EPOCHS))
        run, epoch, loss, accuracy = self._numbers()
        prefetch_runs(self._x, self._t, self._neighbours(), epochs=self.EPOCHS, seed=self.SEED)
        if run is not self._shown:
            self._show_run(run)
        classes = self._classes(run, epoch, hidden)
        self._regions.set_data(self._region_rgb[classes.reshape(self.RESOLUTION, self.RESOLUTION)])
        self._epoch_line.set_xdata([epoch, epoch])
        shown = epoch >= 1
        self._epoch_dot.set_visible(shown)
        self._acc_dot.set_visible(shown)
        if shown:
            self._epoch_dot.set_data([epoch], [loss])
            self._acc_dot.set_data([epoch], [accuracy])
        self._left_title.set_text(say(self, "explorer.training.title", epoch=epoch, accuracy=f"{accuracy:.2f}"))
        net = f"2-{hidden}-{CLASSES}, lr {lr:g}"
        if epoch == 0:
            first = readout_line(say(self, "explorer.training.epoch_zero"),
                                 say(self, "explorer.readout.loss", loss=f"{loss:.3f}"),
                                 say(self, "explorer.readout.accuracy", accuracy=f"{accuracy:.3f}"), net)
        else:
            first = readout_line(say(self, "explorer.readout.epoch", epoch=epoch),
                                 say(self, "explorer.training.loss_mean", loss=f"{loss:.3f}"),
                                 say(self, "explorer.readout.accuracy", accuracy=f"{accuracy:.3f}"), net)
        diverged = run.history.diverged_at
        if diverged is not None:
            return readout_lines(first, html.escape(say(self, "explorer.training.diverged", epoch=diverged,
                                                        last=run.last_epoch)))
        return first

    def __repr__(self):
        lr, hidden, _ = self._settings()
        _, epoch, loss, accuracy = self._numbers()
        return (f"TrainingExplorer(lr={lr:g}, hidden={hidden}, epoch={epoch}): "
                + say(self, "explorer.repr.loss_accuracy", loss=f"{loss:.3f}", accuracy=f"{accuracy:.3f}"))


def training_explorer(*, lr=1.0, hidden=10, epoch=300, size="normal"):
    """An epoch slider over a training run on the spiral, with learning rate and hidden size choices.

    Shows the decision boundary at that epoch beside the loss and accuracy curves
    (a marker at the epoch). The runs one click away are trained ahead in a helper
    thread; a change that has to wait for training says so in the readout.

    Args:
        lr: the starting learning rate, one of 0.1, 0.3, 1, 3.
        hidden: the starting hidden size, one of 3, 10, 30.
        epoch: the epoch shown first, 0 to 300.
        size: "normal", or "large" for a projector.
    """
    return TrainingExplorer(lr=lr, hidden=hidden, epoch=epoch, size=size)
