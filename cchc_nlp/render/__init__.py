"""Turning results into what people and programs read: JSON, tables, Markdown, HTML."""
