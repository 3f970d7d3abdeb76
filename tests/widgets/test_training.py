"""Tests for nnkit.widgets.training: notebook 06's training explorer and its cached runs."""

import numpy as np
import pytest

import nnkit
from figures import text_strings
from nnkit.widgets import TrainingExplorer, training_explorer
from nnkit.widgets import training as training_module
from nnkit.widgets.training import RUN_CACHE_SIZE, TrainingRun, prefetch_runs, run_is_ready, training_run


class TestTrainingExplorer:
    def test_defaults_learn_the_spiral(self):
        """After 300 epochs at lr 1 the 2-10-3 network classifies most of the spiral."""
        explorer = training_explorer()
        assert isinstance(explorer, TrainingExplorer)
        assert repr(explorer) == "TrainingExplorer(lr=1, hidden=10, epoch=300): loss 0.133, accuracy 0.963"
        assert "epoch 300: accuracy 0.96" in text_strings(explorer.figure)

    def test_epoch_zero_is_untrained(self):
        """At epoch 0 the weights are the initial ones: one class everywhere, about a third right."""
        explorer = training_explorer(epoch=0)
        assert len(np.unique(explorer._regions.get_array().reshape(-1, 3), axis=0)) == 1
        assert "epoch 0 (random weights)" in explorer.readout.value
        assert not explorer._epoch_dot.get_visible()
        loss, accuracy = explorer.run.numbers(0)
        assert repr(explorer).endswith(f"loss {loss:.3f}, accuracy {accuracy:.3f}") and 0.2 < accuracy < 0.5

    def test_regions_are_smoothed_and_coloured_by_class(self):
        """The regions image holds each grid point's class colour and is drawn smoothed, not as the grid's steps."""
        explorer = training_explorer()
        rgb = explorer._regions.get_array().reshape(-1, 3)
        assert len(np.unique(rgb, axis=0)) == 3 and explorer._regions.get_interpolation() == "bilinear"

    def test_the_loss_label_keeps_clear_of_the_boundary_panel(self):
        """The loss axis's label leaves at least 12 px between itself and the boundary panel's right edge."""
        explorer = training_explorer()
        renderer = explorer.figure.canvas.get_renderer()
        label = explorer._loss_ax.yaxis.label.get_window_extent(renderer)
        boundary = explorer._regions.axes.get_window_extent(renderer)
        assert label.x0 - boundary.x1 >= 12

    def test_marker_sits_on_the_loss_curve(self):
        """The marker at epoch 120 is at that epoch's loss."""
        explorer = training_explorer()
        explorer.set_value("epoch", 120)
        assert explorer._epoch_dot.get_xdata()[0] == 120
        assert explorer._epoch_dot.get_ydata()[0] == explorer.run.history.loss[119]

    def test_runs_are_cached_and_deterministic(self):
        """Switching the learning rate away and back reuses the cached run; a fresh explorer agrees."""
        explorer = training_explorer()
        explorer.set_value("learning rate", 0.3)
        first = explorer.run
        explorer.set_value("learning rate", 1.0)
        explorer.set_value("learning rate", 0.3)
        assert explorer.run is first
        assert repr(explorer) == repr(training_explorer(lr=0.3))

    def test_reading_the_numbers_changes_nothing(self):
        """repr reads the loss and accuracy without loading weights into the network the figure draws with."""
        explorer = training_explorer()
        with explorer.hold_render():
            explorer.set_value("epoch", 0)  # not drawn yet: the network still holds epoch 300's weights
            held = [p.copy() for model in explorer._models.values() for p in model.params]
            text = repr(explorer)
            after = [p.copy() for model in explorer._models.values() for p in model.params]
        assert text.startswith("TrainingExplorer(lr=1, hidden=10, epoch=0)")
        assert all(np.array_equal(a, b) for a, b in zip(held, after))

    def test_unknown_learning_rate(self):
        """A learning rate that is not one of the choices is refused with the choices."""
        message = r"training_explorer expects lr to be one of \[0.1, 0.3, 1.0, 3.0\] \(got 0.5\)"
        with pytest.raises(ValueError, match=message):
            training_explorer(lr=0.5)

    def test_epoch_must_be_a_whole_number_on_the_slider(self):
        """A fractional epoch or one past the last is refused."""
        with pytest.raises(ValueError, match=r"training_explorer expects epoch to be a whole number ≥ 0 \(got 2.5\)"):
            training_explorer(epoch=2.5)
        with pytest.raises(ValueError, match=r"expects epoch between 0 and 300, the slider's range \(got 301\)"):
            training_explorer(epoch=301)


    def test_the_settings_one_click_away_are_trained_ahead(self):
        """Once the explorer is shown, every other hidden size (and learning rate) is ready before it is asked for."""
        explorer = training_explorer(lr=0.3, hidden=3)
        x, t = explorer._x, explorer._t
        for lr, hidden in explorer._neighbours():
            future = training_module._PENDING.get(training_module._run_key(x, t, lr, hidden, 300, 0))
            if future is not None:
                future.result()
            assert run_is_ready(x, t, lr=lr, hidden=hidden, epochs=300, seed=0), (lr, hidden)
        assert {(0.3, 10), (0.3, 30)} <= set(explorer._neighbours())

    def test_a_run_that_must_train_says_so_first(self, monkeypatch):
        """A setting not trained yet puts a 'training …' line in the readout before the run starts."""
        explorer = training_explorer()
        monkeypatch.setattr(training_module, "prefetch_runs", lambda *args, **kwargs: 0)
        monkeypatch.setattr(training_module, "_RUNS", training_module.collections.OrderedDict())
        monkeypatch.setattr(training_module, "_PENDING", {})
        shown = []
        explorer.readout.observe(lambda change: shown.append(change["new"]), names="value")
        explorer.set_value("hidden size", 30)
        assert shown[0] == "training the 2-30-3 network at lr 1 (300 epochs; once, then kept) …"
        assert shown[-1].startswith("epoch 300")

    def test_no_training_message_for_a_ready_run(self):
        """Going back to a run already trained changes the readout once, straight to its numbers."""
        explorer = training_explorer()
        explorer.set_value("hidden size", 3)
        shown = []
        explorer.readout.observe(lambda change: shown.append(change["new"]), names="value")
        explorer.set_value("hidden size", 10)
        assert len(shown) == 1 and shown[0].startswith("epoch 300")


class TestPrefetchRuns:
    def test_a_run_trained_ahead_has_the_same_numbers(self):
        """The helper thread's run equals one trained here, number for number."""
        x, t = nnkit.spiral()
        assert prefetch_runs(x, t, [(0.7, 4)], epochs=5, seed=3) == 1
        assert prefetch_runs(x, t, [(0.7, 4)], epochs=5, seed=3) == 0  # queued once
        ahead = training_run(x, t, lr=0.7, hidden=4, epochs=5, seed=3)
        here = training_module._train(x, t, 0.7, 4, 5, 3)
        assert ahead.history.loss == here.history.loss
        assert all((a == b).all() for a, b in zip(ahead.snapshots[-1], here.snapshots[-1]))

    def test_a_failed_run_ahead_is_trained_again(self):
        """If the helper's run raised, training_run trains it here instead of failing."""
        x, t = nnkit.spiral()
        key = training_module._run_key(x, t, 0.9, 2, 2, 0)
        broken = training_module.concurrent.futures.Future()
        broken.set_running_or_notify_cancel()
        broken.set_exception(RuntimeError("the helper broke"))
        training_module._PENDING[key] = broken
        run = training_run(x, t, lr=0.9, hidden=2, epochs=2, seed=0)
        assert run.history.loss == training_module._train(x, t, 0.9, 2, 2, 0).history.loss


class TestTrainingRun:
    def test_keeps_the_weights_of_every_epoch(self):
        """A run of 3 epochs keeps 4 snapshots (the start and each epoch) and the history of 3."""
        x, t = nnkit.spiral()
        run = training_run(x, t, lr=1.0, hidden=3, epochs=3, seed=0)
        assert isinstance(run, TrainingRun)
        assert run.last_epoch == 3 and len(run.snapshots) == 4 and len(run.history.loss) == 3
        assert run.numbers(2) == (run.history.loss[1], run.history.accuracy[1])
        model = nnkit.TwoLayerNet(2, 3, 3, activation="sigmoid")
        for p, saved in zip(model.params, run.snapshots[0]):
            p[...] = saved
        assert run.numbers(0) == (model.forward(x, t), model.accuracy(x, t))

    def test_the_cache_is_keyed_by_the_data_not_its_shape(self):
        """Other data of the same shape trains another run; the same data in a new array reuses the run."""
        x, t = nnkit.spiral()
        run = training_run(x, t, lr=1.0, hidden=3, epochs=2, seed=0)
        moved = training_run(x + 0.5, t, lr=1.0, hidden=3, epochs=2, seed=0)
        assert moved is not run and moved.history.loss != run.history.loss
        relabelled = training_run(x, (t + 1) % 3, lr=1.0, hidden=3, epochs=2, seed=0)
        assert relabelled is not run and relabelled.history.loss != run.history.loss
        assert training_run(x.copy(), t.copy(), lr=1.0, hidden=3, epochs=2, seed=0) is run

    def test_every_setting_is_part_of_the_key(self):
        """A different lr, hidden size, number of epochs or seed is a different run."""
        x, t = nnkit.spiral()
        base = dict(lr=1.0, hidden=3, epochs=2, seed=0)
        run = training_run(x, t, **base)
        for change in ({"lr": 0.5}, {"hidden": 4}, {"epochs": 3}, {"seed": 1}):
            assert training_run(x, t, **{**base, **change}) is not run, change

    def test_the_cache_is_bounded(self):
        """After RUN_CACHE_SIZE other runs the first one is trained again: the cache keeps the runs used last."""
        x, t = nnkit.spiral()
        first = training_run(x, t, lr=0.01, hidden=2, epochs=1, seed=0)
        for k in range(RUN_CACHE_SIZE):
            training_run(x, t, lr=0.02 + 0.01 * k, hidden=2, epochs=1, seed=0)
        again = training_run(x, t, lr=0.01, hidden=2, epochs=1, seed=0)
        assert again is not first and again.history.loss == first.history.loss

    def test_bad_settings(self):
        """A hidden size that is not a positive whole number is refused in one sentence."""
        x, t = nnkit.spiral()
        with pytest.raises(ValueError, match=r"training_run expects hidden to be a positive whole number \(got 2.5\)"):
            training_run(x, t, lr=1.0, hidden=2.5, epochs=1, seed=0)
