"""Tests for nnkit.widgets.playground: the live playground, stepped deterministically (no timing)."""

import warnings

import ipywidgets
import numpy as np
import pytest

from figures import control_values, layout_problems, text_strings
from nnkit import widgets as W
from nnkit.widgets import Playground, playground
from nnkit.widgets.playground import DATA_SETS, LEARNING_RATES, MAX_EPOCHS, OPTIMIZERS


def _same_weights(a, b):
    return all(np.array_equal(p, q) for p, q in zip(a.model.params, b.model.params))


def _blow_up(explorer):
    """Weights so large that the next backward pass overflows to inf: the optimizer must refuse the step."""
    explorer.model.params[0][...] = 1e200


class TestPlayground:
    def test_is_an_explorer_with_play_step_reset_and_the_code_line(self):
        """The playground is an Explorer showing its controls, a Play clock, Step, Reset, the figure and the code line."""
        explorer = playground()
        assert isinstance(explorer, Playground) and isinstance(explorer, W.Explorer)
        assert isinstance(explorer.play, ipywidgets.Play) and explorer.play.value == 0
        assert explorer.code_line in explorer.children and explorer.image in explorer.children
        assert explorer.children.index(explorer.code_line) == explorer.children.index(explorer.image) + 1
        buttons = [c for c in explorer.children if isinstance(c, ipywidgets.HBox) and explorer.play in c.children]
        assert buttons and explorer.step_button in buttons[0].children and explorer.reset_button in buttons[0].children
        assert set(explorer.controls) == {"data", "hidden", "activation", "learning rate", "optimizer"}
        assert explorer.render_png()[:8] == b"\x89PNG\r\n\x1a\n"

    def test_step_trains_one_epoch(self):
        """Each Step trains one epoch: the epoch, the loss list and the title move on by one."""
        explorer = playground()
        start = explorer.render_png()
        explorer.step()
        assert explorer.epoch == 1 and explorer.play.value == 1 and len(explorer.losses) == 2
        explorer.step()
        assert explorer.epoch == 2 and len(explorer.accuracies) == 3
        assert explorer.render_png() != start
        assert f"epoch 2: accuracy {explorer.accuracies[-1]:.2f}" in text_strings(explorer.figure)

    def test_the_step_button_steps(self):
        """Clicking Step (the button's own click) trains one epoch."""
        explorer = playground()
        explorer.step_button.click()
        assert explorer.epoch == 1

    def test_the_clock_jumping_ahead_trains_up_to_it(self):
        """When the Play clock skips ticks (a slow frame), the kernel trains every epoch up to it at once."""
        explorer = playground()
        renders = explorer.render_count
        explorer.play.value = 7
        assert explorer.epoch == 7 and len(explorer.losses) == 8
        assert explorer.render_count == renders + 1

    def test_training_in_ticks_equals_training_at_once(self):
        """Forty single steps give bit for bit the weights of one jump to 40 and of playground(epochs=40)."""
        stepped, jumped = playground(data="moons"), playground(data="moons")
        for _ in range(40):
            stepped.step()
        jumped.play.value = 40
        built = playground(data="moons", epochs=40)
        assert _same_weights(stepped, jumped) and _same_weights(stepped, built)
        assert stepped.losses == built.losses and repr(stepped) == repr(built)

    def test_the_code_line_rebuilds_the_state(self):
        """The line under the figure, run, gives a playground with the same settings, epoch and weights."""
        explorer = playground()
        explorer.set_values({"data": "circles", "hidden": 5, "activation": "tanh", "learning rate": 0.3,
                             "optimizer": "momentum"})
        for _ in range(12):
            explorer.step()
        assert explorer.code == ('playground(data="circles", hidden=5, activation="tanh", lr=0.3, '
                                 'optimizer="momentum", seed=0, epochs=12)')
        assert "epochs=12" in explorer.code_line.value
        rebuilt = eval(explorer.code, {"playground": playground})
        assert rebuilt.settings == explorer.settings and rebuilt.epoch == 12 and _same_weights(rebuilt, explorer)

    def test_default_code_line_has_no_epochs(self):
        """At epoch 0 the line is the plain call of the issue's example form."""
        assert playground(data="moons", hidden=10, activation="relu", lr=0.3, optimizer="adam").code == (
            'playground(data="moons", hidden=10, activation="relu", lr=0.3, optimizer="adam", seed=0)')

    def test_reset_starts_again_from_the_seed(self):
        """Reset goes back to epoch 0 with the very initial weights and loss; training again repeats the run."""
        explorer = playground()
        fresh = playground()
        for _ in range(5):
            explorer.step()
        first_run = list(explorer.losses)
        explorer.reset_button.click()
        assert explorer.epoch == 0 and explorer.play.value == 0 and _same_weights(explorer, fresh)
        assert explorer.losses == [first_run[0]]
        for _ in range(5):
            explorer.step()
        assert explorer.losses == first_run

    def test_a_new_setting_starts_at_epoch_zero(self):
        """Changing a setting while trained (or playing) resets the clock and the run to epoch 0."""
        explorer = playground(epochs=10)
        explorer.set_value("learning rate", 0.1)
        assert explorer.epoch == 0 and explorer.play.value == 0
        assert repr(explorer).startswith('playground(data="spiral", hidden=10, activation="relu", lr=0.1,')

    def test_every_data_set_and_optimizer_learns(self):
        """Each data set with each optimizer lowers the loss from where it started within 30 epochs."""
        for data in DATA_SETS:
            for optimizer in OPTIMIZERS:
                lr = 0.03 if optimizer == "adam" else 0.3
                explorer = playground(data=data, optimizer=optimizer, lr=lr, epochs=30)
                assert explorer.losses[-1] < 0.8 * explorer.losses[0], (data, optimizer, explorer.losses[-1])

    def test_two_class_sets_draw_two_classes(self):
        """On moons the network has 2 outputs and the third class's points are empty."""
        explorer = playground(data="moons")
        assert explorer.model.params[-1].shape == (2,)
        assert len(explorer._points[2].get_offsets()) == 0 and len(explorer._points[0].get_offsets()) == 100

    def test_divergence_is_shown_never_raised(self):
        """Weights blown up: Step does not raise; training stops, the clock is paused and the figure and readout say so."""
        explorer = playground(data="circles", epochs=2)
        explorer.play.value = explorer.play.value  # no change: nothing happens
        _set_play(explorer, True)
        _blow_up(explorer)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            explorer.step()
        assert explorer.diverged_at == 3 and explorer.epoch == 2 and not explorer.playing
        assert "diverged in epoch 3" in text_strings(explorer.figure)
        assert "training diverged in epoch 3" in explorer.readout.value
        assert np.isfinite(explorer.losses).all() and "loss nan" not in repr(explorer).lower()
        assert explorer.code.endswith("epochs=3)")
        explorer.step()  # further steps change nothing
        explorer.play.value = 9  # nor do clock ticks that arrive before the pause
        assert explorer.epoch == 2 and explorer.diverged_at == 3

    def test_reset_after_divergence_trains_again(self):
        """After a divergence Reset gives back the seed's run, divergence forgotten."""
        explorer = playground(data="circles", epochs=2)
        _blow_up(explorer)
        explorer.step()
        explorer.reset()
        assert explorer.diverged_at is None and explorer.epoch == 0 and _same_weights(explorer, playground(data="circles"))
        explorer.step()
        assert explorer.epoch == 1 and "diverged" not in explorer.readout.value

    def test_updates_draw_what_a_full_draw_draws(self):
        """After steps, new limits and new settings, the partly drawn picture equals a full draw pixel for pixel."""
        explorer = playground()
        moves = [lambda: explorer.step(), lambda: setattr(explorer.play, "value", 150),
                 lambda: explorer.set_value("data", "xor"), lambda: explorer.set_value("hidden", 3)]
        for move in moves:
            move()
            partial = explorer.render_png()
            explorer.refresh(full=True)
            assert explorer.render_png() == partial

    def test_reset_and_a_data_set_again_draw_what_a_full_draw_draws(self):
        """Reset and a data set shown before reuse their kept backgrounds: the picture equals a full draw."""
        explorer = playground()
        moves = [lambda: setattr(explorer.play, "value", 150), explorer.reset,
                 lambda: explorer.set_value("data", "moons"), lambda: explorer.set_value("data", "spiral"),
                 explorer.step]
        for move in moves:
            move()
            partial = explorer.render_png()
            explorer.refresh(full=True)
            assert explorer.render_png() == partial

    @pytest.mark.parametrize("description, value", [("learning rate", 0.001), ("optimizer", "momentum")])
    def test_a_training_setting_shows_in_the_figure_at_epoch_zero(self, description, value):
        """At epoch 0 a new optimizer or rate changes no region, yet the picture changes: it names them."""
        explorer = playground()
        before = explorer.render_png()
        explorer.set_value(description, value)
        assert explorer.epoch == 0 and explorer.render_png() != before
        shown = f"{value:g}" if isinstance(value, float) else value
        assert any(shown in t for t in text_strings(explorer.figure))

    def test_sweep_every_control_quietly(self):
        """Every control swept over its values, with a few epochs each, raises nothing and warns nothing."""
        explorer = playground()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            for description, control in explorer.controls.items():
                start = control.value
                for value in control_values(control):
                    control.value = value
                    explorer.play.value = 3
                    assert "nan" not in explorer.readout.value.lower()
                control.value = start

    def test_loss_axis_grows_by_doubling(self):
        """The epoch axis is 0..100 at first and doubles as training passes it (a full draw only then)."""
        explorer = playground()
        assert explorer._loss_ax.get_xlim() == (0, 100)
        explorer.play.value = 101
        assert explorer._loss_ax.get_xlim() == (0, 200)
        explorer.play.value = 150
        assert explorer._loss_ax.get_xlim() == (0, 200)

    @pytest.mark.parametrize("size", ["normal", "large"])
    def test_texts_stay_apart_and_inside(self, size):
        """No text of the figure overlaps another or runs off, at epoch 0, at 300 and after a divergence."""
        explorer = playground(size=size)
        assert not layout_problems(explorer.figure)
        explorer.play.value = 300
        assert not layout_problems(explorer.figure)
        _blow_up(explorer)
        explorer.step()
        assert not layout_problems(explorer.figure)

    def test_bad_arguments(self):
        """Each bad argument is refused in one sentence naming it, what was expected and what came."""
        cases = [
            (dict(data="iris"), r"playground expects data to be one of \['spiral', 'xor', 'moons', 'circles'\] \(got 'iris'\)"),
            (dict(activation="gelu"), r"expects activation to be one of \['relu', 'tanh', 'sigmoid'\] \(got 'gelu'\)"),
            (dict(optimizer="rmsprop"), r"expects optimizer to be one of \['sgd', 'momentum', 'adam'\]"),
            (dict(lr=0.5), r"expects lr to be one of \[0.001, .*30.0\] \(got 0.5\)"),
            (dict(hidden=0), r"playground expects hidden to be a positive whole number \(got 0\)"),
            (dict(hidden=33), r"expects hidden between 1 and 32, the slider's range \(got 33\)"),
            (dict(epochs=-1), r"playground expects epochs to be a whole number ≥ 0 \(got -1\)"),
            (dict(epochs=MAX_EPOCHS + 1), rf"expects epochs between 0 and {MAX_EPOCHS} \(got {MAX_EPOCHS + 1}\)"),
            (dict(seed=1.5), r"playground expects seed to be a whole number ≥ 0 \(got 1.5\)"),
        ]
        for kwargs, message in cases:
            with pytest.raises(ValueError, match=message):
                playground(**kwargs)
        assert all(playground(lr=lr).settings["lr"] == lr for lr in LEARNING_RATES[:2])


def _set_play(explorer, playing):
    from nnkit.widgets.playground import _set_playing

    _set_playing(explorer.play, playing)
