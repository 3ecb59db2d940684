"""Lupus Companion: a kind, private Discord companion for a lupus community."""

__version__ = "0.1.0"
