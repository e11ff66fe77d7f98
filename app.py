"""Gradio app (placeholder, filled in later)."""
