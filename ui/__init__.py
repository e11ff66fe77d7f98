"""The Gradio app's parts: HTML rendering, uploads, and the per-session controller (app.py wires them)."""
