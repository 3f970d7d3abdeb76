"""Tests for nnkit.widgets.tangent: notebook 03's tangent explorer."""

import warnings

import numpy as np
import pytest

from figures import text_strings
from nnkit.widgets import TangentExplorer, tangent_explorer


class TestTangentExplorer:
    def test_slope_four_at_two(self):
        """y = x² at x0 = 2: slope 4.00 in the readout, the title and the repr."""
        explorer = tangent_explorer()
        assert isinstance(explorer, TangentExplorer)
        assert repr(explorer) == "TangentExplorer(x0=2.00): slope = 4.00"
        assert "slope = 4.00" in explorer.readout.value
        assert "tangent at x = 2.00: slope 4.00" in text_strings(explorer.figure)

    def test_slope_ten_at_five(self):
        """Moving x0 to 5 gives slope 10, the tangent line through (5, 25)."""
        explorer = tangent_explorer()
        explorer.set_value("x0", 5)
        (xa, xb), (ya, yb) = explorer._tangent.get_data()
        assert (yb - ya) / (xb - xa) == pytest.approx(10)
        assert ya + 10 * (5 - xa) == pytest.approx(25)
        assert "slope = 10.00" in explorer.readout.value

    def test_numerical_slope_for_a_given_f(self):
        """For f = sin without df the slope is measured: cos(0) = 1."""
        explorer = tangent_explorer(np.sin, x0=0.0)
        assert "slope = 1.00" in explorer.readout.value
        assert "central difference" in explorer.readout.value

    def test_given_derivative_is_used(self):
        """With df given the readout says the slope comes from it (once: not "slope from from df")."""
        explorer = tangent_explorer(np.sin, np.cos, x0=0.0)
        assert "slope = 1.00" in explorer.readout.value
        assert "slope from df" in explorer.readout.value and "from from" not in explorer.readout.value

    def test_f_undefined_somewhere(self):
        """For f = log, x0 ≤ 0 hides the tangent and says so, with no warning."""
        explorer = tangent_explorer(np.log, x0=1.0, x_range=(-1.0, 3.0))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            explorer.set_value("x0", -0.5)
        assert not explorer._tangent.get_visible()
        assert "no slope" in explorer.readout.value
        assert "f has no tangent at x = -0.50" in text_strings(explorer.figure)
        assert repr(explorer) == "TangentExplorer(x0=-0.50): slope = undefined"

    def test_f_must_be_a_function(self):
        """tangent_explorer(f=3) is refused in one sentence."""
        message = r"tangent_explorer expects f to be a function of one number, like lambda x: x\*\*2 \(got int 3\)\."
        with pytest.raises(TypeError, match=message):
            tangent_explorer(f=3)

    def test_df_must_be_a_function(self):
        """A df that cannot be called is refused, saying it should be f's derivative."""
        message = r"tangent_explorer expects df to be the derivative of f, a function \(got the string 'cos'\)\."
        with pytest.raises(TypeError, match=message):
            tangent_explorer(np.sin, "cos")

    def test_df_without_f(self):
        """A derivative without its function is refused."""
        with pytest.raises(ValueError, match="tangent_explorer expects df only together with its f"):
            tangent_explorer(df=np.cos)

    @pytest.mark.parametrize("x_range, error, message", [
        ((1, 2, 3), TypeError, r"expects x_range as a pair of numbers \(lo, hi\) \(got tuple\)"),
        ("ab", TypeError, r"expects x_range as a pair of numbers \(lo, hi\) \(got the string 'ab'\)"),
        ((3.0, -3.0), ValueError, r"expects x_range = \(lo, hi\) with finite lo < hi \(got \(3.0, -3.0\)\)"),
        ((0.0, float("inf")), ValueError, r"expects x_range = \(lo, hi\) with finite lo < hi \(got \(0.0, inf\)\)"),
    ])
    def test_bad_x_range(self, x_range, error, message):
        """An x_range that is not a finite pair lo < hi is refused, in the sentence the plots use too."""
        with pytest.raises(error, match="tangent_explorer " + message):
            tangent_explorer(x_range=x_range)

    def test_x0_outside_the_range(self):
        """A starting x0 outside x_range is refused with the slider's range."""
        with pytest.raises(ValueError, match=r"tangent_explorer expects x0 between 0 and 1, the slider's range \(got 2\)"):
            tangent_explorer(x_range=(0, 1))
