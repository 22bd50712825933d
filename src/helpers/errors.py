"""The one error type users see: a short message, no traceback."""


class LeadertoneError(Exception):
    """Input the tool cannot analyse; the command line prints ``error: <message>`` and exits 2."""
