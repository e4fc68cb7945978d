"""The model's error types: every refused change says in one sentence what was wrong."""


class ModelError(Exception):
    """Base of all errors raised by the model."""


class InvariantError(ModelError, ValueError):
    """A change would break a rule of the model (bad value, dangling reference, forbidden cycle)."""


class NotFoundError(ModelError, KeyError):
    """An id that names no element of the document."""

    def __str__(self) -> str:  # KeyError quotes its argument; we want the sentence.
        return str(self.args[0]) if self.args else "Element not found."


class OutsideTransactionError(ModelError, RuntimeError):
    """The document was changed without an open transaction."""
