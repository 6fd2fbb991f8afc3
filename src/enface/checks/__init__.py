"""Checks on built outputs: EPUBCheck, TEI schema, PDF structure, text fidelity."""
