"""Geometry of the official SOP sheet, in millimetres, computed once and drawn by every renderer."""
