"""Output formats: each module renders a list of diagnostics as one format's text."""
