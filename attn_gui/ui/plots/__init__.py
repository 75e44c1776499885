"""Plots, one class a file, and their export to PNG or SVG."""
