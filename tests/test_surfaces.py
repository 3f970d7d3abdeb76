"""Two-parameter loss surfaces and the optimizer paths on them: notebook 07's third section."""

import numpy as np
import pytest

from nnkit import SGD, Adam, Momentum, numerical_gradient
from nnkit.surfaces import BOWL, ROUND, SURFACES, VALLEY, Path, optimizer_path


class TestSurface:
    @pytest.mark.parametrize("surface", [ROUND, BOWL, VALLEY])
    @pytest.mark.parametrize("w", [(0.3, -0.7), (-1.5, 2.0), (1.0, 1.0)])
    def test_gradient_matches_central_differences(self, surface, w):
        """The gradient is the loss's numerical gradient, in float64."""
        w = np.array(w)
        numerical = numerical_gradient(lambda v: surface.loss(v[0], v[1]), w, h=1e-6)
        np.testing.assert_allclose(surface.gradient(w), numerical, rtol=1e-7, atol=1e-9)

    @pytest.mark.parametrize("surface", [ROUND, BOWL, VALLEY])
    def test_minimum(self, surface):
        """The gradient is zero at the minimum."""
        np.testing.assert_allclose(surface.gradient(np.array(surface.minimum)), 0, atol=1e-15)

    def test_repr(self):
        """The repr gives the formula."""
        assert repr(BOWL) == "Surface('bowl': L = 0.2·w₁² + w₂²)"


class TestOptimizerPath:
    def test_sgd_on_bowl_is_sgd(self):
        """SGD's path is w ← w − lr·∇L, step by step."""
        path = optimizer_path(BOWL, SGD(0.1), 3)
        w = np.array(BOWL.start)
        for k in range(1, 4):
            w = w - 0.1 * BOWL.gradient(w)
            np.testing.assert_allclose(path.points[k], w, rtol=1e-15)

    def test_diverges_above_two_over_lambda_max(self):
        """SGD on the bowl converges at lr 0.99 and diverges at 1.01 (2/λ_max = 1.0), without NaN."""
        good = optimizer_path(BOWL, SGD(0.99), 200)
        bad = optimizer_path(BOWL, SGD(1.01), 2000)
        assert not good.diverged
        assert bad.diverged and bad.why == "left" and np.all(np.isfinite(bad.points))

    def test_refused_is_divergence(self):
        """A step the optimizer refuses (DivergenceError) ends the walk as divergence."""
        path = optimizer_path(BOWL, SGD(1e300), 5, limit=np.inf)
        assert path.diverged and path.why == "refused" and np.all(np.isfinite(path.points))

    @pytest.mark.parametrize("optimizer", [Momentum(0.1, 0.9), Adam(0.1)])
    def test_others_converge_on_valley(self, optimizer):
        """Momentum and Adam reach the valley's floor where SGD at the same lr crawls."""
        assert optimizer_path(VALLEY, optimizer, 300).losses[-1] < 1e-2
        assert optimizer_path(VALLEY, SGD(0.1), 100).losses[-1] > 0.1

    def test_round_bowl_is_a_straight_line(self):
        """On the round bowl SGD walks straight at the minimum: every point on the line from the start to 0."""
        points = optimizer_path(ROUND, SGD(0.3), 10).points
        np.testing.assert_allclose(points[:, 1] / points[:, 0], ROUND.start[1] / ROUND.start[0], rtol=1e-12)

    def test_steps_to(self):
        """steps_to gives the first step under a loss, None when never reached."""
        path = Path(np.zeros((3, 2)), np.array([1.0, 0.5, 0.1]), False, "")
        assert path.steps_to(0.5) == 1 and path.steps_to(0.01) is None

    def test_by_name_and_bad_name(self):
        """A surface may be given by name; an unknown one gets one sentence."""
        assert optimizer_path("valley", SGD(0.1), 2).steps == 2
        with pytest.raises(ValueError, match=r"optimizer_path expects a surface among \['bowl', 'round', 'valley'\]"):
            optimizer_path("saddle", SGD(0.1), 2)

    def test_start_unchanged(self):
        """A caller's start array is not changed."""
        start = np.array([1.0, 1.0])
        optimizer_path(BOWL, SGD(0.1), 3, start=start)
        assert np.array_equal(start, [1.0, 1.0])


def test_surfaces_by_name():
    """Every surface is reachable by name."""
    assert SURFACES == {"round": ROUND, "bowl": BOWL, "valley": VALLEY}
