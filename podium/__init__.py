"""Podium: plan and run the panels and roundtables of intergovernmental bodies."""

__version__ = "0.1.0"
