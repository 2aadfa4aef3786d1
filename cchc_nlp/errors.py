"""Typed errors.  The CLI catches :class:`CchcError` only and prints it as one line."""


class CchcError(Exception):
    """Base class: a problem with the user's input or setup, not a bug."""


class UnreadableFile(CchcError):
    """The file cannot be read as a report; the message says why and what to do."""


class UnsupportedFormat(UnreadableFile):
    """The file's format is not one we read."""


class ModelNotFound(CchcError):
    """A trained model is missing or was trained with incompatible library versions."""


class NotCchcDocument(CchcError):
    """The file reads, but nothing in it is about administrative reform (a README, a
    novel): it is kept out of scores and the index unless the user asks."""
