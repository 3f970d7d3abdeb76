"""The playground: TensorFlow Playground in a notebook, on nnkit's own layers, training live.

Pick a data set, a hidden size, an activation, a learning rate and an optimizer; Play
trains a 2-hidden-K network epoch by epoch while the decision regions and the loss curve
redraw; Pause stops; Step trains one epoch; Reset starts again from the same seed.

How it trains live without blocking the kernel: the clock is an ``ipywidgets.Play``
whose ``value`` is the epoch. The front end ticks it (every ``INTERVAL_MS``) and sends
each new value to the kernel like any slider move; the kernel trains up to that epoch,
renders one frame and goes back to answering messages. Nothing runs in the kernel between
ticks, so a slider moved while it plays is handled at once, and no thread or asyncio task
is needed (those behave differently in JupyterLab, Voilà and Notebook 6, and under
ipykernel 6 and 7). When a frame takes longer than a tick, ipywidgets' message throttle
(one update in flight, the latest one pending; ipywidgets issue #3469, fixed in 7.7.1 and
8.0) sends only the newest epoch, so the kernel catches up in one go instead of queueing
frames: training and drawing share the time. The Play widget's own stop button (■) sets
the clock back to 0, which is a Reset too; in ipywidgets 8 play and pause are one button.

A run is a pure function of its settings and its epoch: the initial weights and every
shuffle come from one ``default_rng(seed)`` stream that ``fit`` continues epoch after
epoch, so training 120 epochs in one call or in 120 ticks gives the same weights. So the
line under the figure, ``playground(data=..., ..., epochs=120)``, rebuilds exactly what is
shown. Changing any setting starts again at epoch 0 (as TensorFlow Playground does for the
data and the network), which keeps that line true.
"""

import html
import math
import warnings

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.ticker import MultipleLocator

from .._validation import check_count
from ..data import circles, moons, spiral, xor
from ..layers import Affine, ReLU, Sigmoid, SoftmaxWithLoss, Tanh
from ..models import Sequential
from ..optim import SGD, Adam, Momentum
from ..plotting import CLASS_COLORS, CLASS_MARKERS, REGION_COLORS, WARNING_COLOR, decision_grid
from ..train import DivergenceWarning, fit
from ._words import label, say
from .base import Explorer, readout_line, readout_lines

__all__ = ["Playground", "playground"]

DATA_SETS = {"spiral": spiral, "xor": xor, "moons": moons, "circles": circles}
ACTIVATIONS = {"relu": ReLU, "tanh": Tanh, "sigmoid": Sigmoid}
OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
MAX_HIDDEN = 32
MAX_EPOCHS = 5000  # the Play clock's end: at 20 epochs a second, four minutes of training
BATCH_SIZE = 10
INTERVAL_MS = 50  # the Play clock's tick: at most 20 frames a second
RESOLUTION = 60  # grid points a side of the decision regions
MAX_CLASSES = 3  # the spiral's arms; the other sets have 2 classes


def _set_playing(play, playing):
    """Start or stop a Play widget from the kernel (ipywidgets 8: ``playing``; 7: ``_playing``)."""
    if "playing" in play.keys:
        play.playing = playing
    else:  # ipywidgets 7
        play._playing = playing


def _playing(play):
    return bool(play.playing if "playing" in play.keys else play._playing)


def _network(hidden, activation, classes, rng):
    """A 2-hidden-K network; He initial weights for ReLU, Xavier for tanh and sigmoid (notebook 07)."""
    gain = 2.0 if activation == "relu" else 1.0
    W1 = math.sqrt(gain / 2) * rng.standard_normal((2, hidden))
    W2 = math.sqrt(1.0 / hidden) * rng.standard_normal((hidden, classes))
    layers = [Affine(W1, np.zeros(hidden)), ACTIVATIONS[activation](), Affine(W2, np.zeros(classes))]
    return Sequential(layers, SoftmaxWithLoss())


class Playground(Explorer):
    """A network learning a toy data set live: decision regions and loss curve, with Play, Pause, Step and Reset.

    Attributes:
        play: the ``ipywidgets.Play`` clock; its value is the epoch asked for.
        step_button, reset_button: the Step and Reset buttons.
        code_line: the ``ipywidgets.HTML`` under the figure with ``code``.
        model: the network being trained (a ``Sequential``).
        epoch: the epochs trained so far.
        losses: the loss at epoch 0 (the initial weights, whole set) then each epoch's mean minibatch loss.
        accuracies: the accuracy on the whole set at epoch 0, 1, 2, …
        diverged_at: the epoch in which training diverged (the optimizer refused NaN or inf), else None.
    """

    figsize = (7.6, 3.4)
    _factory = "playground"

    def __init__(self, *, data="spiral", hidden=10, activation="relu", lr=0.03, optimizer="adam", seed=0,
                 epochs=0, size="normal"):
        who = self._factory
        for name, value, allowed in (("data", data, DATA_SETS), ("activation", activation, ACTIVATIONS),
                                     ("optimizer", optimizer, OPTIMIZERS)):
            if not isinstance(value, str) or value not in allowed:
                raise ValueError(f"{who} expects {name} to be one of {list(allowed)} (got {value!r}).")
        if lr not in LEARNING_RATES:
            raise ValueError(f"{who} expects lr to be one of {list(LEARNING_RATES)} (got {lr!r}).")
        hidden = check_count(hidden, who, "hidden")
        if hidden > MAX_HIDDEN:
            raise ValueError(f"{who} expects hidden between 1 and {MAX_HIDDEN}, the slider's range (got {hidden}).")
        self.seed = check_count(seed, who, "seed", minimum=0)
        epochs = check_count(epochs, who, "epochs", minimum=0)
        if epochs > MAX_EPOCHS:
            raise ValueError(f"{who} expects epochs between 0 and {MAX_EPOCHS} (got {epochs}).")
        self._start = dict(data=data, hidden=hidden, activation=activation, lr=float(lr), optimizer=optimizer)
        self._key = None
        self._data_shown = None
        self._static_changed = False
        self.play = widgets.Play(value=epochs, min=0, max=MAX_EPOCHS, step=1, interval=INTERVAL_MS,
                                 description=say(self, "explorer.playground.play"), show_repeat=False)
        super().__init__(size=size)
        self.step_button = widgets.Button(description=say(self, "explorer.playground.step"),
                                          tooltip=say(self, "explorer.playground.step_tip"),
                                          layout=widgets.Layout(width="auto"))
        self.reset_button = widgets.Button(description=say(self, "explorer.playground.reset"),
                                           tooltip=say(self, "explorer.playground.reset_tip"),
                                           layout=widgets.Layout(width="auto"))
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset())
        self.play.observe(self._on_clock, names="value")
        self.code_line = widgets.HTML(self._code_html())
        self.code_line.add_class("nnkit-code-line")
        style, controls, readout, image = self.children
        buttons = widgets.HBox([self.play, self.step_button, self.reset_button])
        buttons.add_class("nnkit-playground-buttons")
        self.children = [style, controls, buttons, readout, image, self.code_line]

    # ----- what a learner (and a test) does -------------------------------------------------

    def step(self):
        """Train one epoch more (what the Step button does); nothing after a divergence or at the end."""
        if self.diverged_at is None and self.play.value < MAX_EPOCHS:
            self.play.value += 1

    def reset(self):
        """Start again from epoch 0 with the same seed (what the Reset button does)."""
        self.play.value = 0
        if self.epoch != 0 or self.diverged_at is not None:  # the clock was at 0 already
            self._key = None
            self.refresh()

    def pause(self):
        """Stop the Play clock (what its pause button does)."""
        _set_playing(self.play, False)

    @property
    def playing(self):
        return _playing(self.play)

    @property
    def settings(self):
        """The settings chosen now: data, hidden, activation, lr, optimizer."""
        return dict(data=self.value("data"), hidden=int(self.value("hidden")),
                    activation=self.value("activation"), lr=float(self.value("learning rate")),
                    optimizer=self.value("optimizer"))

    @property
    def code(self):
        """The one line of code that rebuilds exactly this state."""
        s = self.settings
        line = (f'playground(data="{s["data"]}", hidden={s["hidden"]}, activation="{s["activation"]}", '
                f'lr={s["lr"]:g}, optimizer="{s["optimizer"]}", seed={self.seed}')
        shown = self.diverged_at if self.diverged_at is not None else self.epoch
        return line + (f", epochs={shown})" if shown else ")")

    # ----- the explorer's two methods ---------------------------------------------------------

    def _build(self):
        start = self._start
        grid = self.figure.add_gridspec(1, 2, width_ratios=[1, 1.35])
        left = self._left = self.figure.add_subplot(grid[0])
        right = self._loss_ax = self.figure.add_subplot(grid[1])
        self._style_axes(left, "x₁", "x₂")
        left.set_aspect("equal")
        # Ticks every 0.5 whatever the axes' height: with the default locator a taller box
        # (after a new data set's layout) gets ticks every 0.25, wider labels (−1.25) and, on
        # matplotlib 3.8, an x₂ label pushed off the figure.
        for axis in (left.xaxis, left.yaxis):
            axis.set_major_locator(MultipleLocator(0.5))
        self._regions = self._dynamic_artist(left.imshow(
            np.zeros((RESOLUTION, RESOLUTION)), origin="lower", extent=(0, 1, 0, 1),
            cmap=ListedColormap(REGION_COLORS[:MAX_CLASSES]), vmin=-0.5, vmax=MAX_CLASSES - 0.5,
            interpolation="nearest",
        ))
        self._points = [self._dynamic_artist(left.scatter(
            np.zeros(0), np.zeros(0), s=self._marker(3) ** 2, color=CLASS_COLORS[k], marker=CLASS_MARKERS[k],
            edgecolors="white", linewidths=0.3, zorder=3)) for k in range(MAX_CLASSES)]
        self._left_title = self._dynamic_artist(left.set_title(" ", fontsize=self.look["title"]))
        self._style_axes(right, say(self, "fig.epoch"), say(self, "fig.loss"))
        (self._loss_line,) = right.plot([], [], color=CLASS_COLORS[0])
        self._dynamic_artist(self._loss_line)
        self._loss_title = self._dynamic_artist(right.set_title(" ", fontsize=self.look["title"]))
        self._diverged_text = self._dynamic_artist(right.text(
            0.97, 0.93, " ", transform=right.transAxes, ha="right", va="top", color=WARNING_COLOR,
            fontsize=self.look["text"], visible=False))
        self._limits = (0, 0)

        label(self, self._choice("data", [(say(self, f"explorer.data.{name}"), name) for name in DATA_SETS],
                                 start["data"]),
              "explorer.control.data")
        label(self, self._slider("hidden", 1, MAX_HIDDEN, 1, start["hidden"], integer=True), "explorer.control.hidden")
        label(self, self._choice("activation", [(name, name) for name in ACTIVATIONS], start["activation"]),
              "explorer.control.activation")
        label(self, self._choice("learning rate", [(f"{v:g}", v) for v in LEARNING_RATES], start["lr"], dropdown=True),
              "explorer.control.learning_rate")
        label(self, self._choice("optimizer", [(say(self, f"explorer.optimizer.{name}"), name) for name in OPTIMIZERS],
                                 start["optimizer"]), "explorer.control.optimizer")

    def _update(self):
        settings = self.settings
        key = tuple(settings.values())
        if key != self._key:
            first = self._key is None and not hasattr(self, "code_line")
            self._restart(settings)
            if not first and self.play.value != 0:
                self.play.value = 0  # a new setting starts at epoch 0 (_on_clock sees the epoch is there)
        elif self.play.value < self.epoch:
            self._restart(settings)
        self._train_to(self.play.value)
        self._draw()
        if hasattr(self, "code_line"):  # made after the first _update
            self.code_line.value = self._code_html()
        return self._readout()

    # ----- the machinery ------------------------------------------------------------------------

    def _on_clock(self, change):
        # Ticks after a divergence change nothing (the clock is being paused); going back restarts.
        new = change["new"]
        if new < self.epoch or (new > self.epoch and self.diverged_at is None):
            self.refresh()

    def _restart(self, settings):
        """A fresh network, optimizer and shuffle stream from the seed: epoch 0."""
        self._key = tuple(settings.values())
        if settings["data"] != self._data_shown:
            self._x, self._t = DATA_SETS[settings["data"]]()
            self._classes = int(self._t.max()) + 1
            self._show_data()
        self._rng = np.random.default_rng(self.seed)
        self.model = _network(settings["hidden"], settings["activation"], self._classes, self._rng)
        self._optimizer = OPTIMIZERS[settings["optimizer"]](lr=settings["lr"])
        self.epoch = 0
        self.diverged_at = None
        self.losses = [self.model.forward(self._x, self._t)]
        self.accuracies = [self.model.accuracy(self._x, self._t)]

    def _train_to(self, target):
        """Train from ``self.epoch`` up to epoch ``target``; stop (and pause the clock) on divergence."""
        if target <= self.epoch or self.diverged_at is not None:
            return

        def keep(epoch, history):
            self.losses.append(history.loss[-1])
            self.accuracies.append(history.accuracy[-1])

        with warnings.catch_warnings():
            # Divergence is shown on the figure and in the readout, not as a warning.
            warnings.simplefilter("ignore", DivergenceWarning)
            history = fit(self.model, self._optimizer, self._x, self._t, epochs=target - self.epoch,
                          batch_size=BATCH_SIZE, seed=self._rng, callback=keep)
        if history.diverged_at is not None:
            self.diverged_at = self.epoch + history.diverged_at
            self.pause()
        self.epoch += history.epochs

    def _show_data(self):
        """Put a new data set's points and grid in place (a static change: full redraw)."""
        xs, ys, self._grid = decision_grid(self._x, RESOLUTION)
        self._regions.set_extent((xs[0], xs[-1], ys[0], ys[-1]))
        self._left.set_xlim(xs[0], xs[-1])
        self._left.set_ylim(ys[0], ys[-1])
        for k, points in enumerate(self._points):
            points.set_offsets(self._x[self._t == k] if k < self._classes else np.zeros((0, 2)))
        first = self._data_shown is None
        self._data_shown = self._key[0]
        if not first:  # the new set's tick labels may be wider (xor's −1.25): place the axes again
            self._lay_out()
        self._static_changed = True  # drawn in full by _draw, under the key of its whole static picture

    def _draw(self):
        # Weights that blew up just short of a divergence may overflow on the grid; the
        # readout then already says what happened, so no numpy warning on top.
        with np.errstate(over="ignore", invalid="ignore"):
            classes = self.model.predict(self._grid).argmax(axis=1)
        self._regions.set_data(classes.reshape(RESOLUTION, RESOLUTION))
        accuracy = self.accuracies[-1]
        self._left_title.set_text(say(self, "explorer.training.title", epoch=self.epoch, accuracy=f"{accuracy:.2f}"))
        losses = np.asarray(self.losses)
        # The axis limits grow by doubling, so the figure is drawn in full only now and then.
        right, top = self._limits
        if self.epoch > right or right == 0 or right > 4 * max(self.epoch, 50):
            right = 100 * 2 ** max(0, math.ceil(math.log2(max(self.epoch, 1) / 100)))
        peak = float(losses.max())
        if peak > top or top == 0 or top > 8 * max(peak, 0.5):
            top = 1.1 * 2 ** math.ceil(math.log2(max(peak, 0.5) / 1.1 * 1.0001))
        if (right, top) != self._limits or self._static_changed:
            self._loss_ax.set_xlim(0, right)
            self._loss_ax.set_ylim(0, top)
            self._limits = (right, top)
            self._static_changed = False
            # The data set's limits, the loss axes' and where the axes sit (a new data set lays
            # them out again) are all the static picture has, so a Reset (back to the first
            # limits) puts a kept background back instead of drawing.
            placed = tuple(tuple(round(v, 6) for v in ax.get_position().bounds) for ax in self.figure.axes)
            self._full_redraw(key=("static", self._data_shown, right, top, placed))
        self._loss_line.set_data(np.arange(len(losses)), losses)
        # The optimizer and its rate in the figure too: they change nothing else at epoch 0,
        # and a stored picture then says how it was trained.
        s = self.settings
        self._loss_title.set_text(say(self, "explorer.playground.loss_title", loss=f"{losses[-1]:.3f}",
                                      optimizer=say(self, f"explorer.optimizer.{s['optimizer']}"), lr=f"{s['lr']:g}"))
        self._diverged_text.set_visible(self.diverged_at is not None)
        if self.diverged_at is not None:
            self._diverged_text.set_text(say(self, "explorer.playground.diverged_at", epoch=self.diverged_at))

    def _readout(self):
        s = self.settings
        optimizer = say(self, f"explorer.optimizer.{s['optimizer']}")
        net = f"2-{s['hidden']}-{self._classes} {s['activation']}, {optimizer} lr {s['lr']:g}"
        first = readout_line(say(self, "explorer.readout.epoch", epoch=self.epoch),
                             say(self, "explorer.readout.loss", loss=f"{self.losses[-1]:.3f}"),
                             say(self, "explorer.readout.accuracy", accuracy=f"{self.accuracies[-1]:.3f}"), net)
        if self.diverged_at is None:
            return first
        return readout_lines(first, html.escape(say(self, "explorer.playground.diverged", epoch=self.diverged_at,
                                                    last=self.epoch)))

    def _code_html(self):
        return f"<code>{html.escape(self.code)}</code>"

    def __repr__(self):
        return f"{self.code}: " + say(self, "explorer.repr.training", epoch=self.epoch, loss=f"{self.losses[-1]:.3f}",
                                      accuracy=f"{self.accuracies[-1]:.3f}")


def playground(*, data="spiral", hidden=10, activation="relu", lr=0.03, optimizer="adam", seed=0, epochs=0,
               size="normal"):
    """TensorFlow Playground in a notebook: a 2-hidden-K network trained live on a toy data set.

    Play trains epoch after epoch (up to 20 a second) while the decision regions and the
    loss curve redraw; Pause stops; Step trains one epoch; Reset starts again from the
    seed. Changing a setting starts again at epoch 0. Under the figure is the line of
    code that rebuilds exactly what is shown. Minibatches of 10; He initial weights for
    ReLU, Xavier for tanh and sigmoid. A learning rate so large that the weights would
    become NaN or infinite stops training, and the figure says so.

    Args:
        data: "spiral" (3 classes), "xor", "moons" or "circles" (2 classes).
        hidden: the hidden size, 1 to 32.
        activation: "relu", "tanh" or "sigmoid".
        lr: the learning rate, one of 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30.
        optimizer: "sgd", "momentum" (0.9) or "adam".
        seed: the seed of the initial weights and of the shuffles.
        epochs: how many epochs to train before showing it (0 to 5000).
        size: "normal", or "large" for a projector.
    """
    return Playground(data=data, hidden=hidden, activation=activation, lr=lr, optimizer=optimizer, seed=seed,
                      epochs=epochs, size=size)
