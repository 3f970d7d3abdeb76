"""Tests for nnkit._format: how many digits a number gets, one rule a kind of number."""

import pytest

from nnkit._format import format_fixed, format_probability, format_short, format_value


class TestFormatValue:
    @pytest.mark.parametrize("x, text", [
        (0.7311, "0.73"), (-0.1966, "-0.20"), (0.1, "0.10"), (1.3679, "1.37"), (12.18, "12.18"),
        (0.09, "0.090"), (0.045, "0.045"), (-0.0032, "-0.0032"), (-1.2e-05, "-1.2e-05"), (5e-05, "5.0e-05"),
        (485165195.4, "4.85e+08"), (10000.0, "1.00e+04"), (0.0, "0.00"), (-0.0, "0.00"), (-0.001, "-0.0010"),
    ])
    def test_one_rule(self, x, text):
        """Two decimals; under 0.1 two significant digits, trailing zero kept; from 10,000 three."""
        assert format_value(x) == text

    def test_small_numbers_all_show_two_digits(self):
        """0.09 and 0.045 side by side both show two significant digits (the mix a learner saw)."""
        digits = [sum(c.isdigit() for c in format_value(x).lstrip("-0.")) for x in (0.09, 0.045, 0.012, 0.0032)]
        assert digits == [2, 2, 2, 2]

    def test_never_minus_zero(self):
        """A tiny negative number that rounds to 0 at two decimals is not printed as -0.00."""
        assert format_value(-0.001) == "-0.0010" and format_value(-0.004) == "-0.0040"
        assert format_value(-0.0) == "0.00"


class TestFormatFixed:
    def test_decimals_and_no_minus_zero(self):
        """A fixed number of decimals, and -0.0001 at two decimals is 0.00."""
        assert format_fixed(1.23456, 3) == "1.235" and format_fixed(-0.0001) == "0.00"


class TestFormatShort:
    def test_no_trailing_zeros(self):
        """At most three decimals, no trailing zeros."""
        assert [format_short(x) for x in (2.0, 2.5, -0.125, 1 / 3)] == ["2", "2.5", "-0.125", "0.333"]


class TestFormatProbability:
    def test_tiny_probabilities_are_not_zero(self):
        """0.000318 keeps a digit, 2.1e-9 goes to the exponent form, exactly 0 is 0."""
        assert [format_probability(p) for p in (0.574, 0.000318, 2.1e-9, 0.0)] == ["0.574", "0.0003", "2e-09", "0"]
