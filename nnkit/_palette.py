"""Every colour of the kit that carries meaning, in one place.

The hues are Okabe and Ito's colour-blind-safe set (Okabe & Ito 2008, "Color Universal
Design", https://jfly.uni-koeln.de/color/). They replace the CS231n look's green and red
(forward values and gradients), the pair that deuteranopes and protanopes, about one man
in twelve, cannot tell apart. Each pair that means something is listed in ``PAIRS``, and
``tests/test_palette.py`` simulates protanopia, deuteranopia and tritanopia on it (Machado
et al. 2009) and greyscale, and asks for a perceptual distance (CIEDE2000) between the two
colours of each pair. Change a colour here and that test says whether every eye can still
tell it from its partners.

Colour is never the only cue: values sit above an edge and gradients below it, the
classes have one marker shape each, the target bar has a black outline, the tangent is a
thin straight line across the curve.
"""

from typing import NamedTuple

__all__ = [
    "OKABE_ITO", "VALUE", "GRADIENT", "HIGHLIGHT", "CLASS_COLORS", "CLASS_MARKERS", "REGION_COLORS",
    "CURVE", "TANGENT", "FAINT", "WARNING", "POSITIVE", "NEGATIVE", "PLAIN", "INK", "LINE", "NAME",
    "NODE_FACE", "LEAF_FACE", "PAGE", "INPUT_FACE", "HIDDEN_FACE", "OUTPUT_FACE", "Pair", "PAIRS",
]

#: Okabe and Ito's eight colours, by their own names.
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky blue": "#56B4E9", "bluish green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish purple": "#CC79A7",
}


def _tint(colour, white):
    """``colour`` mixed with ``white`` parts of white (0: the colour, 1: white), as #rrggbb."""
    rgb = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * white):02x}" for c in rgb)


# -- the computational graph: the CS231n look, green above and red below ----------------
#: Forward values, written above each edge: Okabe-Ito's bluish green made darker, so the
#: numbers read well on white and stay darker than the gradients in grey (L* 41 vs 54).
VALUE = "#006E52"
#: Gradients, written below each edge: vermillion, Okabe-Ito's colour-blind-safe red.
GRADIENT = OKABE_ITO["vermillion"]
#: The face of the node the current backward step is at: sky blue, a hue no number of the
#: graph is written in (orange would sit too close to the vermillion gradients in words).
HIGHLIGHT = OKABE_ITO["sky blue"]

# -- classes: points, bars, decision regions ---------------------------------------------
#: One colour a class, shared by every plot and explorer: Okabe-Ito in the order that
#: keeps the first three (the toy sets' classes) apart in every simulation and in grey.
CLASS_COLORS = tuple(OKABE_ITO[name] for name in
                     ("blue", "orange", "bluish green", "vermillion", "reddish purple", "sky blue"))
#: One marker shape a class, so a point's class can be read without its colour.
CLASS_MARKERS = ("o", "s", "^", "D", "v", "P")
#: The pale region colour of each class. Each class gets its own share of white: pale
#: blue and pale bluish green look alike to a tritanope unless their lightness differs.
REGION_COLORS = tuple(_tint(c, w) for c, w in zip(CLASS_COLORS, (0.7, 0.6, 0.85, 0.65, 0.65, 0.65)))

# -- curves: a function, its tangent, a path downhill --------------------------------------
CURVE = OKABE_ITO["blue"]  # the function's curve, a descent path
TANGENT = OKABE_ITO["vermillion"]  # the tangent line, the point it touches, the current step
FAINT = "#BFBFBF"  # what stays behind for reference: σ(x), the bowl w², the other bars
WARNING = OKABE_ITO["vermillion"]  # a status that needs attention ("diverges"), in words too

# -- the network drawing -----------------------------------------------------------------
POSITIVE, NEGATIVE, PLAIN = OKABE_ITO["blue"], OKABE_ITO["vermillion"], "#90A4AE"  # arrows: w ≥ 0, w < 0, no w
INPUT_FACE, HIDDEN_FACE, OUTPUT_FACE = (_tint(OKABE_ITO[n], 0.88) for n in ("blue", "bluish green", "orange"))

# -- neutrals: text, outlines, faces -------------------------------------------------------
INK = "#212121"  # the text inside a node
LINE = "#37474F"  # outlines, arrows and captions
NAME = "#546E7A"  # a node's name above it, the network's colour key
NODE_FACE, LEAF_FACE = "#FFFFFF", "#ECEFF1"
PAGE = "#FFFFFF"  # the figure's background, which every mark must stand out from


class Pair(NamedTuple):
    """Two colours a learner must tell apart, what they mean, and how they are drawn.

    ``kind`` is "mark" for thin things (lines, dots, text) and "area" for large fills
    side by side (decision regions, a highlighted node against the others); an area
    needs a smaller difference to be seen than a mark does.
    """

    what: str
    first: str
    second: str
    kind: str


def _pairs():
    pairs = [
        Pair("forward values vs gradients", VALUE, GRADIENT, "mark"),
        Pair("highlighted node vs an operation node", HIGHLIGHT, NODE_FACE, "area"),
        Pair("highlighted node vs an input node", HIGHLIGHT, LEAF_FACE, "area"),
        Pair("curve vs tangent", CURVE, TANGENT, "mark"),
        Pair("curve vs the faint reference", CURVE, FAINT, "mark"),
        Pair("tangent vs the faint reference", TANGENT, FAINT, "mark"),
        Pair("descent path vs the current step", CURVE, TANGENT, "mark"),
        Pair("descent path vs the bowl's contours", CURVE, FAINT, "mark"),
        Pair("loss curve vs accuracy curve", CLASS_COLORS[0], CLASS_COLORS[1], "mark"),
        Pair("weight w ≥ 0 vs w < 0", POSITIVE, NEGATIVE, "mark"),
        Pair("status warning vs plain text", WARNING, "#000000", "mark"),
        Pair("target bar vs the other bars (plot_softmax)", CLASS_COLORS[0], FAINT, "area"),
        Pair("a forward value's text on the page", VALUE, PAGE, "mark"),
        Pair("a gradient's text on the page", GRADIENT, PAGE, "mark"),
        Pair("the faint reference on the page", FAINT, PAGE, "mark"),
    ]
    three = range(3)  # the toy data sets' classes (spiral, XOR has two)
    pairs += [Pair(f"class {i} vs class {j}", CLASS_COLORS[i], CLASS_COLORS[j], "mark")
              for i in three for j in three if i < j]
    pairs += [Pair(f"region {i} vs region {j}", REGION_COLORS[i], REGION_COLORS[j], "area")
              for i in three for j in three if i < j]
    pairs += [Pair(f"a class {i} point on region {j}", CLASS_COLORS[i], REGION_COLORS[j], "mark")
              for i in three for j in three]
    pairs += [Pair(f"class {i} (a point, a line, a pale bar's outline) on the page", CLASS_COLORS[i], PAGE, "mark")
              for i in range(len(CLASS_COLORS))]
    pairs += [Pair(f"class {i}'s target bar vs its pale bar (softmax explorer)", CLASS_COLORS[i], REGION_COLORS[i], "area")
              for i in range(len(CLASS_COLORS))]
    return tuple(pairs)


#: Every pair of colours that carries meaning somewhere in the kit.
PAIRS = _pairs()
