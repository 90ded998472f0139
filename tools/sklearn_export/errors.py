"""The one error the exporter raises for problems a user can fix."""


class ExportError(Exception):
    """A model the exporter cannot turn into an artifact; the message says why and what to do."""
