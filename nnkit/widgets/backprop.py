"""Notebook 04's explorer: the backward pass of a computational graph, one node at a time, on its drawing."""

import html

from matplotlib.figure import Figure
from matplotlib.text import Text

from .._format import format_fixed, format_value
from .._validation import check_count, check_number, describe
from ..diagrams import draw_graph
from ..diagrams.computational_graph import MAX_ROWS
from ..graph import Value, logistic_neuron, rebuild
from ._look import SIZES, check_size
from ._words import label, language_of, say
from .base import Explorer, readout_line, readout_lines

__all__ = ["GraphExplorer", "graph_explorer"]


class GraphExplorer(Explorer):
    r"""Walk the backward pass of a computational graph, one node at a time, on its drawing.

    Sliders set the input numbers (the graph is computed again with ``nnkit.graph.rebuild``:
    same structure, new numbers); the step slider shows the backward pass after that many
    steps, the node of the current step in sky blue and the gradients it just sent in bold.
    The default graph is ``nnkit.graph.logistic_neuron()``, the CS231n neuron
    $\sigma(w_0 x_0 + w_1 x_1 + w_2)$ with $\sigma$ written out as ×(-1), exp, +1 and 1/x.
    The learner's graph is never changed (not its numbers, not its ``grad``s). Its words
    are in the language current when it is built.
    """

    _factory = "graph_explorer"
    _auto_layout = False  # the drawing fills an axes placed by hand
    MARGIN = 0.15  # inches around the drawing, in "normal" inches

    def __init__(self, root=None, *, step=0, size="normal"):
        who = self._factory
        self._default = root is None
        if root is None:
            root = logistic_neuron()
        elif not isinstance(root, Value):
            raise TypeError(f"{who} expects root to be a Value from nnkit.graph (got {describe(root)}).")
        self._source = root  # the template every move rebuilds from; only read
        order = root.topological_order()
        # an input is known by its position in the topological order, which rebuild keeps
        self._inputs = [i for i, node in enumerate(order) if not node.inputs and not node.is_constant]
        if not self._inputs:
            raise ValueError(f"{who} expects a graph with at least one input Value to slide (got only constants).")
        self._names = []  # the slider (and readout) name of each input: its label, made unique
        for k, i in enumerate(self._inputs, start=1):
            name = order[i].label or say(self, "explorer.graph.input", k=k)
            while name in self._names or name == "step":
                name += "′"
            self._names.append(name)
        self._leaves = [order[i] for i in self._inputs]  # the template's inputs, whose numbers the sliders set
        self._start = [leaf.data for leaf in self._leaves]
        self._root = rebuild(root, {})  # a copy: the drawing never holds the learner's nodes
        self._n_steps = sum(1 for node in order if node.inputs)
        step = check_count(step, who, "step", minimum=0)
        self._step0 = int(check_number(step, who, "step", 0, self._n_steps))
        self._problem = ""
        self.figsize = self._natural_size(check_size(size, who))
        super().__init__(size=size)

    def _natural_size(self, size):
        """The figure size (normal inches) at which the drawing's smallest text is the size's
        small font, and the rows it is drawn in: one, or as few more as fit the size's ``max_px``.

        ``draw_graph`` scales the drawing, text included, to the room its axes offer. A
        first drawing on a big square scratch figure tells the graph's extent and its
        smallest font at a known scale; the figure is then sized for the font wanted. A
        long graph in one row would be wider than the size allows, and squeezing it to fit
        by lowering the dpi shrinks its text on screen: it goes in bands instead.
        """
        look = SIZES[size]
        for rows in range(1, MAX_ROWS + 1):
            side = 100.0  # inches: big enough that draw_graph never grows it
            scratch = Figure(figsize=(side, side))
            ax = scratch.add_axes((0, 0, 1, 1))
            drawing = draw_graph(self._root, ax=ax, rows=rows)
            smallest = min(a.get_fontsize() for a in drawing.artists() if isinstance(a, Text) and a.get_text())
            (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
            # (a hair more, so that round-off never leaves the smallest text just under the size)
            inches_per_unit = min(side / (x1 - x0), side / (y1 - y0)) * look["small"] / smallest * 1.001
            width = (x1 - x0) * inches_per_unit / look["scale"] + 2 * self.MARGIN
            height = (y1 - y0) * inches_per_unit / look["scale"] + 2 * self.MARGIN
            if width * look["scale"] * look["dpi"] <= look["max_px"]:
                break
        self._rows = rows
        return width, height

    def _build(self):
        width, height = self.figure.get_size_inches()
        margin = self.MARGIN * self.look["scale"]
        ax = self.figure.add_axes((margin / width, margin / height, 1 - 2 * margin / width,
                                   1 - 2 * margin / height))
        self._drawing = draw_graph(self._root, ax=ax, step=self._step0, rows=self._rows)
        d = self._drawing
        # update() changes only texts and the node patches' faces: those are redrawn each
        # frame, the arrows and copy dots stay in the background.
        patches = set(d.node_patches.values())
        for artist in d.artists():
            if isinstance(artist, Text) or artist in patches:
                self._dynamic_artist(artist)
        for name, value in zip(self._names, self._start):
            lo, hi = (-5.0, 5.0) if -5 <= value <= 5 else (value - 5, value + 5)
            self._slider(name, lo, hi, 0.1, value)
        label(self, self._slider("step", 0, self._n_steps, 1, self._step0, integer=True), "explorer.control.step")

    def _update(self):
        values = {leaf: self.value(name) for leaf, name in zip(self._leaves, self._names)}
        try:
            root = rebuild(self._source, values)
            self._problem = ""
        except (ZeroDivisionError, ValueError, OverflowError) as err:
            root = None  # keep showing the last numbers that worked
            self._problem = say(self, "explorer.graph.problem", error=err)
        step = self.value("step")
        self._drawing.update(root, step=step)
        self._root = self._drawing.root
        return self._readout(step)

    def _input_grads(self, step):
        """d(output)/d(input) for each input, by slider name, after ``step`` backward steps (None: not reached yet)."""
        order = self._root.topological_order()
        name_of = {order[i]: name for i, name in zip(self._inputs, self._names)}
        grads = dict.fromkeys(self._names)
        for s in self._drawing.steps[:step]:
            for child, down in zip(s.inputs, s.downstream):
                if child in name_of:
                    name = name_of[child]
                    grads[name] = (grads[name] or 0.0) + down
        return grads

    def _readout(self, step):
        f = self._root.data
        # The output goes by its label when it has one (notebook 05's loss is "L"), else by f.
        out = self._root.label or "f"
        what = "f = σ(w0·x0 + w1·x1 + w2)" if self._default else say(self, "explorer.graph.output", out=out)
        # Every number here follows the drawing's one rule (format_value), so the readout
        # and the picture never show the same kind of number with different digits.
        lines = [readout_line(f"{what} = {format_value(f)}",
                              say(self, "explorer.graph.step", step=step, total=self._n_steps))]
        if step == 0:
            lines.append(html.escape(say(self, "explorer.graph.step_zero", out=out)))
        else:
            lines.append(html.escape(self._drawing.steps[step - 1].sentence(language_of(self))))
        # The inputs' gradients as they arrive ("?" until the pass reaches them): the same
        # number of lines at every step, so the figure below never jumps.
        lines.append(readout_line(*(f"∂{out}/∂{name} = {'?' if grad is None else format_value(grad)}"
                                    for name, grad in self._input_grads(step).items())))
        if self._problem:
            lines.append(html.escape(self._problem))
        return readout_lines(*lines)

    def __repr__(self):
        step = self.value("step")
        head = f"GraphExplorer(step={step} of {self._n_steps})"
        inputs = ", ".join(f"{name}={format_fixed(self.value(name))}" for name in self._names)
        full = f"GraphExplorer({inputs}, step={step} of {self._n_steps})"
        tail = f": f = {format_fixed(self._root.data, 3)}"
        return (full if len(full + tail) <= 110 else head) + tail


def graph_explorer(root=None, *, step=0, size="normal"):
    r"""Input sliders and a backward-step slider on the drawing of a computational graph.

    Args:
        root: a ``nnkit.graph.Value``; its input leaves (the Values that are not
            constants) get sliders, named by their labels. None draws
            ``nnkit.graph.logistic_neuron()``, σ(w0·x0 + w1·x1 + w2) at w0=2, x0=-1,
            w1=-3, x1=-2, w2=-3.
        step: the backward step shown first (0: only the output's gradient 1).
        size: "normal", or "large" for a projector.
    """
    return GraphExplorer(root, step=step, size=size)
