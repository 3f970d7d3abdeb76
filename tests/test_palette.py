"""Tests for nnkit._palette: every pair of colours that carries meaning stays apart for every eye.

Each pair of ``nnkit._palette.PAIRS`` is seen four ways (normal vision and the three
dichromacies, simulated with Machado et al. 2009 at severity 1.0) and the distance of
its two colours is measured with CIEDE2000; greyscale (a grey projector, a photocopy)
keeps only the lightness L*. The formulas are carried here, with their sources, and
checked against the published test data.

Thresholds (our choice, against CIEDE2000's just-noticeable difference of about 1 to 2):
a mark (a line, a dot, a number's text) needs ΔE00 ≥ 12 and ΔL* ≥ 8, so it is seen at a
glance at its thin size; an area (a region, a node's face) beside another needs ΔE00 ≥ 8
and ΔL* ≥ 4, because large fields side by side show smaller differences.
"""

import itertools
import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib.colors import to_hex, to_rgb

import nnkit
from nnkit import _palette as P

VISIONS = ("normal", "protanopia", "deuteranopia", "tritanopia")
MIN_DELTA_E = {"mark": 12.0, "area": 8.0}
MIN_DELTA_L = {"mark": 8.0, "area": 4.0}

# Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation of
# Color Vision Deficiency", IEEE TVCG 15(6), 1291-1298; the matrices for severity 1.0
# from the authors' table (https://www.inf.ufrgs.br/~oliveira/pubs_files/CVD_Simulation/
# CVD_Simulation.html). They act on linear RGB.
MACHADO_2009 = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779],
                            [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}

# sRGB (IEC 61966-2-1) linear RGB to CIE XYZ, D65 white.
SRGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                        [0.2126729, 0.7151522, 0.0721750],
                        [0.0193339, 0.1191920, 0.9503041]])


def linear_rgb(colour):
    """The sRGB colour's linear RGB (the sRGB transfer function undone)."""
    c = np.asarray(to_rgb(colour), dtype=np.float64)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab_of_linear(rgb):
    """CIE L*a*b* (D65) of a linear RGB triple, clipped to the displayable cube first."""
    xyz = SRGB_TO_XYZ @ np.clip(rgb, 0.0, 1.0)
    f = xyz / SRGB_TO_XYZ.sum(axis=1)
    d = 6 / 29
    f = np.where(f > d**3, np.cbrt(f), f / (3 * d * d) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen(colour, vision):
    """L*a*b* of ``colour`` as seen with ``vision`` ("normal", a dichromacy or "greyscale")."""
    rgb = linear_rgb(colour)
    if vision == "greyscale":
        rgb = np.full(3, SRGB_TO_XYZ[1] @ rgb)  # luminance Y kept, hue and chroma gone
    elif vision != "normal":
        rgb = MACHADO_2009[vision] @ rgb
    return lab_of_linear(rgb)


def delta_e2000(lab1, lab2):
    """CIEDE2000 colour difference, as written out by Sharma, Wu & Dalal (2005),
    "The CIEDE2000 color-difference formula", Color Res. Appl. 30(1), 21-30."""
    (L1, a1, b1), (L2, a2, b2) = lab1, lab2
    c_bar = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_bar**7 / (c_bar**7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360 if c2p else 0.0
    if c1p * c2p == 0:
        dhp, h_bar = 0.0, h1p + h2p
    else:
        dhp = h2p - h1p
        dhp -= 360 * np.sign(dhp) if abs(dhp) > 180 else 0
        h_bar = (h1p + h2p) / 2 if abs(h1p - h2p) <= 180 else (h1p + h2p + (360 if h1p + h2p < 360 else -360)) / 2
    dLp, dCp = L2 - L1, c2p - c1p
    dHp = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dhp / 2))
    L_bar, c_barp = (L1 + L2) / 2, (c1p + c2p) / 2
    t = (1 - 0.17 * np.cos(np.radians(h_bar - 30)) + 0.24 * np.cos(np.radians(2 * h_bar))
         + 0.32 * np.cos(np.radians(3 * h_bar + 6)) - 0.20 * np.cos(np.radians(4 * h_bar - 63)))
    s_l = 1 + 0.015 * (L_bar - 50) ** 2 / np.sqrt(20 + (L_bar - 50) ** 2)
    s_c = 1 + 0.045 * c_barp
    s_h = 1 + 0.015 * c_barp * t
    r_t = (-np.sin(np.radians(60 * np.exp(-(((h_bar - 275) / 25) ** 2))))
           * 2 * np.sqrt(c_barp**7 / (c_barp**7 + 25.0**7)))
    return float(np.sqrt((dLp / s_l) ** 2 + (dCp / s_c) ** 2 + (dHp / s_h) ** 2 + r_t * (dCp / s_c) * (dHp / s_h)))


def distance(first, second, vision):
    return delta_e2000(seen(first, vision), seen(second, vision))


def lightness_gap(first, second):
    return abs(seen(first, "greyscale")[0] - seen(second, "greyscale")[0])


class TestColourScience:
    # Sharma, Wu & Dalal (2005), Table 1: pairs 1, 7, 17, 19, 25 and 34 with their ΔE00.
    SHARMA = [
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((50.0, 2.5, 0.0), (50.0, 3.1736, 0.5854), 1.0),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
    ]

    @pytest.mark.parametrize("lab1, lab2, expected", SHARMA)
    def test_delta_e2000_matches_the_published_test_data(self, lab1, lab2, expected):
        """The CIEDE2000 written here gives Sharma et al.'s values to their four decimals, both ways round."""
        assert delta_e2000(lab1, lab2) == pytest.approx(expected, abs=5e-5)
        assert delta_e2000(lab2, lab1) == pytest.approx(expected, abs=5e-5)

    @pytest.mark.parametrize("vision", VISIONS[1:])
    def test_a_simulation_keeps_white_and_greys(self, vision):
        """Machado's matrices keep white white and greys grey (each row sums to 1), as a dichromat sees them."""
        assert MACHADO_2009[vision].sum(axis=1) == pytest.approx(np.ones(3), abs=1e-5)
        assert seen("#ffffff", vision) == pytest.approx([100, 0, 0], abs=1e-3)

    def test_the_old_green_and_red_fail_the_thresholds(self):
        """The kit's former CS231n green and red (#1b7f3b, #c62828) would fail this test: a deuteranope's ΔE00
        between them is about 8 and their lightness differs by 3, though normal eyes see ΔE00 65."""
        green, red = "#1b7f3b", "#c62828"
        assert distance(green, red, "normal") > 60
        assert distance(green, red, "deuteranopia") < MIN_DELTA_E["mark"]
        assert lightness_gap(green, red) < MIN_DELTA_L["mark"]

    def test_greyscale_is_lightness_only(self):
        """A grey projector keeps L* and drops a* and b*; white, mid grey and black land where CIELAB puts them."""
        assert seen("#ffffff", "greyscale") == pytest.approx([100, 0, 0], abs=1e-3)
        assert seen("#777777", "greyscale")[0] == pytest.approx(50.0, abs=0.5)
        assert seen("#000000", "greyscale") == pytest.approx([0, 0, 0], abs=1e-9)


class TestPairs:
    @pytest.mark.parametrize("pair", P.PAIRS, ids=lambda p: p.what)
    @pytest.mark.parametrize("vision", VISIONS)
    def test_every_meaningful_pair_stays_apart(self, pair, vision):
        """The two colours of each meaningful pair are at least MIN_DELTA_E apart (CIEDE2000) for this eye."""
        gap = distance(pair.first, pair.second, vision)
        assert gap >= MIN_DELTA_E[pair.kind], (
            f"{pair.what}: {pair.first} and {pair.second} are ΔE00 {gap:.1f} apart under {vision} "
            f"(a {pair.kind} needs {MIN_DELTA_E[pair.kind]})"
        )

    @pytest.mark.parametrize("pair", P.PAIRS, ids=lambda p: p.what)
    def test_every_meaningful_pair_stays_apart_in_grey(self, pair):
        """The two colours of each meaningful pair differ in lightness by at least MIN_DELTA_L."""
        gap = lightness_gap(pair.first, pair.second)
        assert gap >= MIN_DELTA_L[pair.kind], (
            f"{pair.what}: {pair.first} and {pair.second} are ΔL* {gap:.1f} apart in greyscale "
            f"(a {pair.kind} needs {MIN_DELTA_L[pair.kind]})"
        )

    def test_pairs_name_every_meaning(self):
        """PAIRS covers every meaning the kit draws in colour, so dropping one cannot make the test pass."""
        whats = {p.what for p in P.PAIRS}
        needed = {"forward values vs gradients", "highlighted node vs an operation node", "curve vs tangent",
                  "descent path vs the current step", "loss curve vs accuracy curve", "weight w ≥ 0 vs w < 0",
                  "class 0 vs class 1", "class 0 vs class 2", "class 1 vs class 2",
                  "region 0 vs region 1", "region 0 vs region 2", "region 1 vs region 2"}
        assert needed <= whats
        assert {f"a class {i} point on region {j}" for i in range(3) for j in range(3)} <= whats
        assert all(p.kind in MIN_DELTA_E for p in P.PAIRS)

    def test_pairs_hold_the_palettes_own_colours(self):
        """Each pair is made of the palette's current values, so a colour changed in the palette is what is tested."""
        assert ("forward values vs gradients", P.VALUE, P.GRADIENT) == P.PAIRS[0][:3]
        assert {to_hex(c) for p in P.PAIRS for c in (p.first, p.second)} >= {
            to_hex(c) for c in (P.VALUE, P.GRADIENT, P.HIGHLIGHT, P.CURVE, P.TANGENT, P.FAINT, P.POSITIVE,
                                P.NEGATIVE, *P.CLASS_COLORS[:3], *P.REGION_COLORS[:3])}

    @pytest.mark.parametrize("vision", VISIONS)
    def test_all_six_class_colours_differ_for_every_eye(self, vision):
        """Beyond the toy sets' three, all six class colours differ by ΔE00 ≥ 10; in grey their markers tell them apart."""
        gaps = {(a, b): distance(a, b, vision) for a, b in itertools.combinations(P.CLASS_COLORS, 2)}
        assert min(gaps.values()) >= 10.0, min(gaps.items(), key=lambda kv: kv[1])
        assert len(set(P.CLASS_MARKERS)) == len(P.CLASS_MARKERS) == len(P.CLASS_COLORS)


class TestKitUsesPalette:
    def test_no_colour_is_written_outside_the_palette(self):
        """No module of nnkit but _palette spells a colour in hex: the palette is the one place colours live."""
        root = Path(nnkit.__file__).parent
        hex_colour = re.compile(r"""["']#[0-9a-fA-F]{3,8}["']""")
        found = [f"{path.relative_to(root)}:{n}" for path in root.rglob("*.py") if path.name != "_palette.py"
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if hex_colour.search(line)]
        assert found == []

    def test_the_graph_drawing_writes_values_and_gradients_in_the_palette(self):
        """draw_graph colours values, gradients and the highlighted node with the palette, and puts values above
        each edge and gradients below it (the cue that survives without colour)."""
        from figures import new_axes
        from nnkit.diagrams import draw_graph
        from nnkit.graph import Value

        x, y = Value(2.0, "x"), Value(-3.0, "y")
        drawing = draw_graph((x * y).exp() + x, ax=new_axes((8, 3)), step=2)
        assert drawing.value_texts and drawing.grad_texts
        for edge, text in drawing.value_texts.items():
            assert to_hex(text.get_color()) == to_hex(P.VALUE)
            assert text.get_position()[1] > drawing.grad_texts[edge].get_position()[1]
            assert text.get_va() == "bottom" and drawing.grad_texts[edge].get_va() == "top"
        assert {to_hex(t.get_color()) for t in drawing.grad_texts.values()} == {to_hex(P.GRADIENT)}
        faces = {to_hex(p.get_facecolor()) for p in drawing.node_patches.values()}
        assert to_hex(P.HIGHLIGHT) in faces

    def test_plots_draw_classes_curves_and_tangents_in_the_palette(self):
        """plot_decision_boundary, plot_tangent and plot_loss_curve take their colours and markers from the palette."""
        from figures import new_axes
        from nnkit.plotting import plot_decision_boundary, plot_tangent

        class Nearest:
            def predict(self, x):
                return -np.abs(x[:, :1] - np.array([[-1.0, 0.0, 1.0]]))

        x = np.array([[-1.0, 0.0], [0.0, 0.5], [1.0, -0.5]])
        regions, points = plot_decision_boundary(Nearest(), x, np.array([0, 1, 2]), ax=new_axes((4, 4)), resolution=20)
        # one filled contour set a class, each in its region colour
        assert [to_hex(r.get_facecolor()[0]) for r in regions] == [to_hex(c) for c in P.REGION_COLORS[:3]]
        assert [to_hex(p.get_facecolor()[0]) for p in points] == [to_hex(c) for c in P.CLASS_COLORS[:3]]
        assert len({p.get_paths()[0].vertices.tobytes() for p in points}) == 3  # three marker shapes
        curve, tangent = plot_tangent(np.sin, 0.5, ax=new_axes((4, 3)))[:2]
        assert (to_hex(curve.get_color()), to_hex(tangent.get_color())) == (to_hex(P.CURVE), to_hex(P.TANGENT))

    def test_explorers_draw_in_the_palette(self):
        """The descent and training explorers draw path, current step, classes and markers from the palette."""
        from nnkit.widgets import gradient_descent_explorer, training_explorer

        descent = gradient_descent_explorer()
        assert to_hex(descent._path1.get_color()) == to_hex(P.CURVE)
        assert to_hex(descent._now1.get_color()) == to_hex(P.TANGENT)
        training = training_explorer()
        scatters = [c for c in training.figure.axes[0].collections if len(c.get_offsets())]
        assert [to_hex(s.get_facecolor()[0]) for s in scatters] == [to_hex(c) for c in P.CLASS_COLORS[:3]]
        assert len({s.get_paths()[0].vertices.tobytes() for s in scatters}) == 3
