"""Assertions shared by the test modules: a passing gradient check, a ✗ verdict, a stub's verdict."""


def assert_passes(report, tol=1e-7):
    """The gradient check passed, below ``tol``; the report's table is the failure message."""
    assert report.passed, str(report)
    assert report.max_rel_error < tol, str(report)


def assert_wrong(verdict, hint_part):
    """A ✗ verdict whose hint names the slip."""
    assert not verdict.passed and verdict.done, repr(verdict)
    assert hint_part in verdict.hint, repr(verdict)


def assert_not_done(verdict, hint_part=""):
    """The kind "not done yet" verdict a stub gets (with ``hint_part`` in its hint)."""
    assert not verdict.passed and not verdict.done, repr(verdict)
    assert repr(verdict).startswith("… not done yet"), repr(verdict)
    assert hint_part in verdict.hint, repr(verdict)
