"""WeightingEditor driven as a user would: real widgets, numbers checked against the core."""

import math

import numpy as np
import pytest

from attn_gui.core.config import TrainConfig
from attn_gui.core.formula import FormulaError, compile_formula
from attn_gui.core.weighting import WeightingError, WeightingSpec, preview, validate_spec
from attn_gui.ui.panels.weighting_editor import WeightingEditor


@pytest.fixture
def editor(qtbot) -> WeightingEditor:
    widget = WeightingEditor()
    qtbot.addWidget(widget)
    widget.resize(480, 800)
    widget.show()
    return widget


def choose(combo, value: str) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def test_default_preview_is_softmax_of_1_2_3(editor):
    assert editor.example_edit.text() == "1, 2, 3"
    np.testing.assert_array_equal(np.round(editor.preview_weights(), 3), [0.090, 0.245, 0.665])
    assert editor.bar_labels() == ["0.090", "0.245", "0.665"]
    assert editor.is_valid() and editor.error_text() == ""
    assert "exp(z_i / T)" in editor.math_label.text()


@pytest.mark.parametrize("text", ["open('x')", "x+1"])
def test_bad_formula_shows_the_exact_reason(editor, text):
    choose(editor.field("weighting"), "custom")
    assert editor.field("formula").isEnabled()
    editor.field("formula").setText(text)
    with pytest.raises(FormulaError) as formula_error:
        compile_formula(text)
    with pytest.raises(WeightingError) as spec_error:
        validate_spec(WeightingSpec(kind="custom", formula=text))
    assert editor.formula_status.text() == str(formula_error.value)
    assert editor.formula_status.isVisible()
    assert "c62828" in editor.formula_status.styleSheet()  # red
    assert not editor.is_valid()
    assert editor.error_text() == str(spec_error.value)
    assert editor.preview_weights().size == 0
    assert editor.bar_labels() == []


def test_good_formula_says_ok_with_its_derivative_and_changes_the_preview(editor):
    before = editor.preview_weights()
    choose(editor.field("weighting"), "custom")
    editor.field("formula").setText("exp(z)*0.9**i")
    derivative = compile_formula("exp(z)*0.9**i").derivative_text
    assert editor.formula_status.text() == f"ok — ds/dz = {derivative}"
    assert "2e7d32" in editor.formula_status.styleSheet()  # green
    assert editor.is_valid()
    expected = preview(WeightingSpec(kind="custom", formula="exp(z)*0.9**i"), [1.0, 2.0, 3.0])
    np.testing.assert_allclose(editor.preview_weights(), expected)
    assert not np.allclose(editor.preview_weights(), before)
    assert editor.bar_labels() == [f"{w:.3f}" for w in expected]


def test_formula_field_is_only_enabled_for_custom(editor):
    for kind in ("softmax", "exponential", "linear", "sparsemax"):
        choose(editor.field("weighting"), kind)
        assert not editor.field("formula").isEnabled()
    choose(editor.field("weighting"), "softmax")
    assert editor.field("temperature").isEnabled() and not editor.field("base").isEnabled()
    choose(editor.field("weighting"), "exponential")
    assert editor.field("base").isEnabled() and not editor.field("temperature").isEnabled()


def test_sparsemax_gives_exact_zeros(editor):
    choose(editor.field("weighting"), "sparsemax")
    editor.example_edit.setText("1, 2, 5")
    weights = editor.preview_weights()
    assert weights[0] == 0.0 and weights[1] == 0.0
    assert weights.sum() == pytest.approx(1.0)
    assert editor.bar_labels() == ["0.000", "0.000", "1.000"]
    assert "2 of 3 are exactly 0" in editor.preview_status.text()


def test_parameters_change_the_preview_as_the_core_says(editor):
    editor.field("temperature").setValue(0.5)
    np.testing.assert_allclose(editor.preview_weights(),
                               preview(WeightingSpec(temperature=0.5), [1.0, 2.0, 3.0]))
    choose(editor.field("weighting"), "linear")
    choose(editor.field("linear_score"), "relu")
    editor.field("decay").setValue(0.8)
    editor.example_edit.setText("-1, 0.5, 2, 2")
    spec = WeightingSpec(kind="linear", linear_score="relu", decay=0.8, temperature=0.5)
    np.testing.assert_allclose(editor.preview_weights(), preview(spec, [-1.0, 0.5, 2.0, 2.0]))
    assert len(editor.bar_labels()) == 4


def test_bad_example_vector_gives_a_message(editor):
    editor.example_edit.setText("1, two, 3")
    assert editor.preview_weights().size == 0
    assert "numbers separated by commas" in editor.preview_status.text()
    assert editor.is_valid()  # the example is not a setting
    editor.example_edit.setText("4 5")
    assert editor.preview_weights().size == 2


@pytest.mark.parametrize("text,fragment", [
    ("log(z)", "'log(z)' gives -inf at z = 0;"), ("sin(z)", "gives -0.8415 at z = -1;"),
    ("exp(1000*z)", "gives inf at z = 1;"), ("relu(z)", "scores every feature 0 at z = 0"),
])
def test_a_formula_training_would_refuse_is_refused_not_ok(editor, text, fragment):
    choose(editor.field("weighting"), "custom")
    editor.field("formula").setText(text)
    with pytest.raises(WeightingError) as spec_error:
        validate_spec(WeightingSpec(kind="custom", formula=text))
    assert fragment in editor.formula_status.text()
    assert editor.formula_status.text() == str(spec_error.value)
    assert "ok" not in editor.formula_status.text().split()
    assert "c62828" in editor.formula_status.styleSheet()  # red
    assert not editor.is_valid() and editor.error_text() == str(spec_error.value)
    assert editor.preview_weights().size == 0


def test_a_formula_negative_for_the_example_is_reported_at_the_preview(editor):
    choose(editor.field("weighting"), "custom")
    editor.field("formula").setText("z + 11")  # positive on the logits training reaches
    editor.example_edit.setText("-20, 1")
    assert editor.is_valid()
    assert "negative or non-finite" in editor.preview_status.text()
    assert editor.preview_weights().size == 0


def test_plot_items_are_created_once(editor):
    bars = editor.bars
    items = len(editor.plot.getPlotItem().items)
    for text in ("1, 2, 3, 4, 5", "1", "3, 1", "1, 2, 3, 4, 5"):
        editor.example_edit.setText(text)
    assert editor.bars is bars
    # one text label per bar, reused: at most the five of the longest vector were added
    assert len(editor.plot.getPlotItem().items) == items + 2


def test_attention_off_disables_the_function_settings(editor):
    choose(editor.field("attention"), "off")
    assert not editor.field("weighting").isEnabled()
    assert not editor.field("temperature").isEnabled()
    assert "Attention is off" in editor.math_label.text()
    config = TrainConfig()
    editor.apply_to(config)
    assert config.attention == "off"


def test_scorer_units_apply_to_per_row_attention_only(editor):
    assert not editor.field("attention_hidden").isEnabled()
    choose(editor.field("attention"), "row")
    assert editor.field("attention_hidden").isEnabled()
    editor.field("attention_hidden").setValue(8)
    config = TrainConfig()
    editor.apply_to(config)
    assert (config.attention, config.attention_hidden) == ("row", 8)


def test_changed_is_emitted_on_user_edits_only(editor, qtbot):
    with qtbot.waitSignal(editor.changed, timeout=1000):
        editor.field("entropy").setValue(0.05)
    with qtbot.assertNotEmitted(editor.changed):
        editor.set_from(TrainConfig(weighting="sparsemax"))
        editor.example_edit.setText("1, 2")


def test_set_from_apply_to_round_trip(editor):
    config = TrainConfig(attention="row", weighting="custom", temperature=0.7, base=3.5,
                         linear_score="relu", decay=0.85, formula="softplus(z) * 0.9**i",
                         entropy=0.01)
    editor.set_from(config)
    out = TrainConfig()
    editor.apply_to(out)
    for name in ("attention", "weighting", "temperature", "base", "linear_score", "decay",
                 "formula", "entropy"):
        assert getattr(out, name) == getattr(config, name), name
    assert editor.is_valid()


def test_default_base_e_survives_unrounded(editor):
    editor.set_from(TrainConfig(weighting="exponential"))
    out = TrainConfig(base=2.0)
    editor.apply_to(out)
    assert out.base == math.e
    editor.field("base").setValue(2.5)  # a user edit is taken as shown
    editor.apply_to(out)
    assert out.base == 2.5
    np.testing.assert_allclose(editor.preview_weights(),
                               preview(WeightingSpec(kind="exponential", base=2.5), [1, 2, 3]))


def test_a_keystroke_checks_the_formula_once(editor, monkeypatch):
    """Checking a formula's score over the logit grid is the editor's costly step."""
    import attn_gui.core.weighting as weighting

    calls = []
    real = weighting.check_score
    monkeypatch.setattr(weighting, "check_score", lambda f: calls.append(f) or real(f))
    choose(editor.field("weighting"), "custom")
    calls.clear()
    editor.field("formula").setText("exp(z)*0.8**i")
    assert len(calls) == 1
    assert editor.is_valid() and editor.preview_weights().size == 3
