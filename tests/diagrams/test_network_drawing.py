"""Tests for nnkit.diagrams.network: draw_network and the NetworkDrawing it returns."""

import warnings

import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.text import Text

from figures import axes_texts, layout_problems, new_axes, png_bytes
from nnkit._palette import NEGATIVE, POSITIVE
from nnkit.diagrams import NetworkDrawing, draw_network
from nnkit.diagrams._look import MIN_PT

BLUE, RED = to_rgba(POSITIVE), to_rgba(NEGATIVE)  # the palette's colours for w ≥ 0 and w < 0


class TestDrawNetwork:
    def test_counts_circles_and_arrows(self):
        """A 2-4-3 network has 9 circles and 2·4 + 4·3 = 20 arrows."""
        drawing = draw_network([2, 4, 3], ax=new_axes((6, 4)))
        assert [len(layer) for layer in drawing.neurons] == [2, 4, 3]
        assert sum(len(row) for layer in drawing.edges for row in layer) == 20
        assert len(drawing.ax.patches) == 29
        assert isinstance(drawing, NetworkDrawing)

    def test_captions(self):
        """Layers are captioned input, hidden, output with their sizes; weights name their shapes."""
        ax = new_axes((6, 4))
        draw_network([2, 4, 3], ax=ax)
        shown = axes_texts(ax)
        assert "input\n2 neurons" in shown and "hidden\n4 neurons" in shown and "output\n3 neurons" in shown
        assert "$W_{1}$: 2×4" in shown and "$W_{2}$: 4×3" in shown

    def test_deeper_network_numbers_its_hidden_layers(self):
        """With two hidden layers the captions read hidden 1 and hidden 2."""
        ax = new_axes((8, 4))
        draw_network([3, 5, 5, 2], ax=ax)
        assert "hidden 1\n5 neurons" in axes_texts(ax) and "hidden 2\n5 neurons" in axes_texts(ax)

    def test_big_layers_are_not_named(self):
        """Layers of more than ten neurons leave their neurons unnamed, so no name is squeezed."""
        drawing = draw_network([3, 12, 2], ax=new_axes((8, 4)))
        assert drawing.neuron_texts == [[], [], []]
        assert [len(t) for t in draw_network([3, 10, 2], ax=new_axes((8, 4))).neuron_texts] == [3, 10, 2]

    def test_weights_set_colour_and_width(self):
        """Positive weights are blue, negative red, and a larger magnitude draws a wider arrow."""
        W1 = np.array([[1.0, -2.0, 0.5, 0.0], [-0.1, 3.0, -1.0, 2.0]])
        W2 = np.ones((4, 3))
        drawing = draw_network([2, 4, 3], ax=new_axes((6, 4)), weights=[W1, W2])
        e = drawing.edges[0]
        assert e[0][0].get_edgecolor() == BLUE
        assert e[0][1].get_edgecolor() == RED
        assert e[1][1].get_linewidth() > e[0][1].get_linewidth() > e[0][0].get_linewidth()
        assert drawing.key_text is not None

    def test_leaves_the_weights_alone(self):
        """The weight matrices passed in are not changed."""
        W1, W2 = np.array([[1.0, -2.0], [0.5, 0.0]]), np.array([[3], [-1]])
        copies = W1.copy(), W2.copy()
        draw_network([2, 2, 1], ax=new_axes((6, 4)), weights=[W1, W2])
        assert np.array_equal(W1, copies[0]) and np.array_equal(W2, copies[1]) and W2.dtype.kind == "i"

    @pytest.mark.parametrize("sizes", [[2, 4, 3], [3, 8, 8, 2], [1, 1]])
    def test_no_text_overlaps(self, sizes):
        """Neuron names, captions and weight names never meet."""
        ax = new_axes((6, 4))
        draw_network(sizes, ax=ax, weights=[np.ones((a, b)) for a, b in zip(sizes, sizes[1:])])
        assert layout_problems(ax.figure, slack=0.5) == []

    @pytest.mark.parametrize("sizes, figsize", [([2, 4], (5, 3.8)), ([2, 4, 3], (6, 4.4)), ([2, 4, 3], (3, 2))])
    def test_text_never_goes_under_the_floor(self, sizes, figsize):
        """On axes too small for 10-pt text (notebook 01's old sizes among them) the figure grows, quietly, and nothing overlaps."""
        ax = new_axes(figsize)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            drawing = draw_network(sizes, ax=ax, weights=[np.ones((a, b)) for a, b in zip(sizes, sizes[1:])])
        smallest = min(t.get_fontsize() for t in ax.figure.findobj(Text) if t.get_text())
        assert smallest >= MIN_PT - 1e-9
        assert drawing.key_text.get_fontsize() == drawing.layer_texts[0].get_fontsize()  # the key as big as the rest
        assert layout_problems(ax.figure, slack=0.5) == []

    def test_a_very_deep_network_says_its_figure_grew(self):
        """Ten layers need a figure wider than a page shows: one warning sentence says so and what to do."""
        with pytest.warns(UserWarning, match=r"draw_network grew the figure from 6\.0×4\.0 to .*; draw fewer layers"):
            draw_network([3] * 10, ax=new_axes((6, 4)))

    def test_renders_to_png(self):
        """The network renders to PNG bytes."""
        ax = new_axes((6, 4))
        draw_network([2, 4, 3], ax=ax)
        assert png_bytes(ax.figure).startswith(b"\x89PNG")

    def test_rejects_one_layer(self):
        """Fewer than two layers is a ValueError."""
        with pytest.raises(ValueError, match=r"at least 2 layers, an input and an output \(got 1\)"):
            draw_network([3], ax=new_axes())

    @pytest.mark.parametrize("sizes, message", [
        ([2, 0, 3], r"draw_network expects the size of layer 1 to be a positive whole number \(got 0\)"),
        ([2.5, 3], r"the size of layer 0 to be a positive whole number \(got 2.5\)"),
        ([2, True], r"the size of layer 1 to be a positive whole number \(got True\)"),
    ])
    def test_rejects_a_bad_size(self, sizes, message):
        """A size that is not a positive whole number names its layer."""
        with pytest.raises(ValueError, match=message):
            draw_network(sizes, ax=new_axes())

    @pytest.mark.parametrize("sizes", ["243", 3, None])
    def test_rejects_what_is_not_a_list_of_sizes(self, sizes):
        """A string or a lone number is not a list of sizes."""
        with pytest.raises(ValueError, match=r"draw_network expects a list of layer sizes such as \[2, 4, 3\]"):
            draw_network(sizes, ax=new_axes())

    def test_accepts_numpy_sizes(self):
        """Sizes may be numpy integers, such as a model's shapes."""
        drawing = draw_network(np.array([2, 4, 3]), ax=new_axes((6, 4)))
        assert repr(drawing) == "NetworkDrawing(2-4-3)"

    def test_rejects_mismatched_weights(self):
        """A weight matrix of the wrong shape names the layer and both shapes."""
        with pytest.raises(ValueError, match=r"weights\[1\] of shape \(4, 3\) to connect layer 1 \(4 neurons\) "
                                             r"to layer 2 \(3 neurons\) \(got shape \(4, 2\)\)"):
            draw_network([2, 4, 3], ax=new_axes(), weights=[np.ones((2, 4)), np.ones((4, 2))])

    def test_transposed_weights_get_a_hint(self):
        """A transposed (PyTorch-style) matrix gets a hint to pass W.T."""
        with pytest.raises(ValueError, match=r"\(got shape \(4, 2\)\) \(that is the transpose"):
            draw_network([2, 4, 3], ax=new_axes(), weights=[np.ones((4, 2)), np.ones((4, 3))])

    def test_rejects_a_wrong_number_of_matrices(self):
        """One matrix for three layers, or two for two, is refused with the count expected."""
        with pytest.raises(ValueError, match=r"expects 2 weight matrices for 3 layers \(got 1\)"):
            draw_network([2, 4, 3], ax=new_axes(), weights=[np.ones((2, 4))])
        with pytest.raises(ValueError, match=r"expects 1 weight matrix for 2 layers \(got 2\)"):
            draw_network([2, 4], ax=new_axes(), weights=[np.ones((2, 4))] * 2)

    def test_rejects_one_matrix_not_in_a_list(self):
        """A lone matrix (not a list of them) is a TypeError saying a list is expected."""
        with pytest.raises(TypeError, match=r"draw_network expects a list of weight matrices such as \[W1, W2\], "
                                            r"one per pair of adjacent layers \(got array of shape \(2, 4\)"):
            draw_network([2, 4], ax=new_axes(), weights=np.ones((2, 4)))

    def test_rejects_weights_that_are_not_numbers(self):
        """A NaN weight or a matrix of strings is refused in one sentence naming the matrix."""
        with pytest.raises(ValueError, match=r"draw_network expects finite numbers in weights\[0\]"):
            draw_network([2, 2], ax=new_axes(), weights=[[[1.0, np.nan], [0.0, 1.0]]])
        with pytest.raises(TypeError, match=r"draw_network expects weights\[0\] to be an array of numbers"):
            draw_network([2, 2], ax=new_axes(), weights=[[["a", "b"], ["c", "d"]]])


class TestNetworkDrawing:
    def test_one_constructor_makes_it_whole(self):
        """NetworkDrawing(ax, sizes, weights) draws everything draw_network's drawing has."""
        weights = [np.ones((2, 4)), -np.ones((4, 3))]
        made = NetworkDrawing(new_axes((6, 4)), [2, 4, 3], weights)
        drawn = draw_network([2, 4, 3], ax=new_axes((6, 4)), weights=weights)
        assert axes_texts(made.ax) == axes_texts(drawn.ax)
        assert made.key_text is not None and len(made.weight_texts) == 2
        assert [[a.get_edgecolor() for row in layer for a in row] for layer in made.edges] == \
            [[a.get_edgecolor() for row in layer for a in row] for layer in drawn.edges]

    def test_update_recolours(self):
        """update(weights) recolours the same arrows."""
        drawing = draw_network([2, 3], ax=new_axes((5, 3)))
        arrows = [a for row in drawing.edges[0] for a in row]
        drawing.update([-np.ones((2, 3))])
        assert drawing.edges[0][1][2].get_edgecolor() == RED
        assert [a for row in drawing.edges[0] for a in row] == arrows

    def test_update_checks_the_shapes(self):
        """update refuses weights of other shapes, naming itself."""
        drawing = draw_network([2, 3], ax=new_axes((5, 3)))
        with pytest.raises(ValueError, match=r"NetworkDrawing.update expects weights\[0\] of shape \(2, 3\)"):
            drawing.update([np.ones((2, 2))])

    def test_repr(self):
        """The repr names the layer sizes."""
        assert repr(draw_network([2, 4, 3], ax=new_axes((6, 4)))) == "NetworkDrawing(2-4-3)"
