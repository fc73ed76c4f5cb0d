"""Renderers: each takes a resolved SOP (and its layout) and writes one output format."""
