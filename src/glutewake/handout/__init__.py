"""The printable handout: HTML from a template, made into a PDF by WeasyPrint.

A driven adapter like the store: the application layer gathers what goes in
(:class:`render.HandoutContent`) and calls :func:`render.pdf`; nothing here reads the database.
"""
