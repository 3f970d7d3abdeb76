"""The training loop: it learns the spiral, reports each epoch, and names divergence."""

import numpy as np
import pytest

from nnkit import SGD, Affine, DivergenceWarning, MeanSquaredError, Sequential, TwoLayerNet, fit, moons, spiral, xor


def test_learns_the_spiral():
    """The benchmark's setting reaches accuracy ≥ 0.97 with a falling loss."""
    x, t = spiral(seed=0)
    net = TwoLayerNet(2, 10, 3, seed=0)
    history = fit(net, SGD(1.0), x, t, epochs=300, batch_size=30, seed=0)
    assert history.epochs == 300 and len(history.accuracy) == 300
    assert history.accuracy[-1] >= 0.97
    assert history.loss[-1] < history.loss[0] / 5
    assert repr(history) == f"History(300 epochs, loss {history.loss[0]:.4f} → {history.loss[-1]:.4f}, accuracy 0.970)"


@pytest.mark.parametrize("make", [xor, moons])
def test_learns_two_class_sets(make):
    """XOR and the moons are learned too."""
    x, t = make(seed=0)
    net = TwoLayerNet(2, 8, 2, activation="tanh", weight_scale=1.0, seed=0)
    history = fit(net, SGD(0.5), x, t, epochs=200, batch_size=20, seed=0)
    assert history.accuracy[-1] >= 0.95


def test_callback_sees_each_epoch_and_can_stop():
    """The callback gets (epoch, history) and returning False stops."""
    x, t = spiral(n_per_class=10, seed=0)
    seen = []

    def callback(epoch, history):
        seen.append((epoch, history.epochs))
        return epoch < 3

    history = fit(TwoLayerNet(2, 4, 3, seed=0), SGD(0.1), x, t, epochs=10, batch_size=10, seed=0, callback=callback)
    assert seen == [(1, 1), (2, 2), (3, 3)] and history.epochs == 3


def test_same_seed_same_run():
    """Seeded shuffling and weights make a run repeat exactly."""
    x, t = spiral(n_per_class=20, seed=0)
    runs = [fit(TwoLayerNet(2, 4, 3, seed=1), SGD(0.5), x, t, epochs=5, batch_size=12, seed=2).loss for _ in range(2)]
    assert runs[0] == runs[1]


def test_divergence_is_reported_not_hidden():
    """A learning rate that makes the weights blow up stops training with a warning that says what to do."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((40, 3))
    y = x @ rng.standard_normal((3, 2))
    model = Sequential([Affine(np.zeros((3, 2)), np.zeros(2))], MeanSquaredError())
    with pytest.warns(DivergenceWarning, match="try a smaller learning rate"):
        history = fit(model, SGD(5.0), x, y, epochs=500, batch_size=10, seed=0)
    assert history.diverged_at is not None and history.epochs == history.diverged_at - 1
    assert all(np.isfinite(history.loss))


def test_bad_arguments():
    """Mismatched rows and bad batch sizes are named."""
    x, t = spiral(n_per_class=5, seed=0)
    net = TwoLayerNet(2, 4, 3)
    with pytest.raises(ValueError, match=r"fit expects one target per row of x \(got x \(15, 2\) and t \(14,\)\)"):
        fit(net, SGD(0.1), x, t[:-1], epochs=1, batch_size=5)
    with pytest.raises(ValueError, match=r"fit expects batch_size ≤ the 15 rows of x \(got 20\)"):
        fit(net, SGD(0.1), x, t, epochs=1, batch_size=20)
    with pytest.raises(ValueError, match=r"TwoLayerNet.forward expects labels from 0 to 2"):
        fit(net, SGD(0.1), x, t + 5, epochs=1, batch_size=5)
    with pytest.raises(TypeError, match=r"fit expects callback to be a function called as callback\(epoch, history\) \(got int 3\)"):
        fit(net, SGD(0.1), x, t, epochs=1, batch_size=5, callback=3)


def _run(t, make=spiral, classes=3, **kwargs):
    x, _ = make(n_per_class=20, seed=0)
    net = TwoLayerNet(2, 6, classes, seed=0)
    return fit(net, SGD(0.5), x, t, epochs=5, batch_size=10, seed=0, **kwargs), net


class TestLabels:
    def test_whole_number_float_labels_train_like_integers(self):
        """t.astype(float), which model.forward accepts, trains exactly like the integer labels (it crashed with IndexError)."""
        _, t = spiral(n_per_class=20, seed=0)
        ints, _ = _run(t)
        floats, _ = _run(t.astype(float))
        assert floats.loss == ints.loss and floats.accuracy == ints.accuracy

    def test_bool_labels_are_zero_and_one(self):
        """Bool labels of a two-class set train like 0/1 labels."""
        _, t = xor(n_per_class=20, seed=0)
        ints, _ = _run(t, make=xor, classes=2)
        bools, _ = _run(t.astype(bool), make=xor, classes=2)
        assert bools.loss == ints.loss and bools.accuracy == ints.accuracy

    def test_one_hot_targets_train_too(self):
        """One-hot rows are targets as well, with the same accuracy record."""
        _, t = spiral(n_per_class=20, seed=0)
        ints, _ = _run(t)
        rows, _ = _run(np.eye(3)[t])
        np.testing.assert_allclose(rows.loss, ints.loss, rtol=1e-12)
        assert rows.accuracy == ints.accuracy

    def test_bad_one_hot_rows_are_named(self):
        """A one-hot row of zeros is refused before training starts."""
        _, t = spiral(n_per_class=20, seed=0)
        onehot = np.eye(3)[t]
        onehot[7] = 0.0
        with pytest.raises(ValueError, match=r"TwoLayerNet.forward expects each one-hot row of t .* \(got row 7 of t = \[0, 0, 0\], summing to 0\)"):
            _run(onehot)

    def test_a_bad_label_message_is_one_short_line(self):
        """Non-integer labels are shown by a few values, not the whole array over many lines."""
        _, t = spiral(n_per_class=20, seed=0)
        with pytest.raises(TypeError) as info:
            _run(t + 0.5)
        message = str(info.value)
        assert "\n" not in message and len(message) < 200, message
        assert "0.5, 0.5, 0.5, … (60 values), which are not whole numbers" in message

    def test_no_targets(self):
        """t = None is named."""
        with pytest.raises(ValueError, match=r"fit expects t with one target per row of x \(got None\)"):
            _run(None)


class TestDivergence:
    def test_the_weights_stay_finite(self):
        """When the weights blow up, fit stops before NaN or inf is written into them (the optimizer refuses)."""
        rng = np.random.default_rng(0)
        x = rng.standard_normal((40, 3))
        y = x @ rng.standard_normal((3, 2))
        model = Sequential([Affine(np.zeros((3, 2)), np.zeros(2))], MeanSquaredError())
        with pytest.warns(DivergenceWarning, match=r"^fit stopped at epoch 1: SGD.update left every parameter as it was, because "
                                                   r"the step would make params\[0\] -inf at index \(0, 0\); .*try a smaller learning rate\.$"):
            history = fit(model, SGD(1e100), x, y, epochs=3, batch_size=10, seed=0)
        assert history.diverged_at is not None
        assert all(np.isfinite(p).all() for p in model.params)

    def test_a_learners_optimizer_still_stops_on_a_non_finite_loss(self):
        """An optimizer without the guard writes NaN; fit still stops on the loss and says so."""

        class PlainSGD:
            def update(self, params, grads):
                for p, g in zip(params, grads):
                    p -= 5.0 * g

        rng = np.random.default_rng(0)
        x = rng.standard_normal((40, 3))
        y = x @ rng.standard_normal((3, 2))
        model = Sequential([Affine(np.zeros((3, 2)), np.zeros(2))], MeanSquaredError())
        with pytest.warns(DivergenceWarning, match="the loss became"):
            history = fit(model, PlainSGD(), x, y, epochs=500, batch_size=10, seed=0)
        assert history.diverged_at is not None
