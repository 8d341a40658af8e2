"""Errors that end the processing of one input and are reported with a position."""
from __future__ import annotations


class InputError(Exception):
    """The input cannot be read or parsed; `line` and `column` are 1-based (0 when unknown)."""

    def __init__(self, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class VerificationError(Exception):
    """The edited text does not mean what the declared changes say: nothing is written."""


class Unrenderable(Exception):
    """A change cannot be written safely at its place; it becomes a manual finding."""
