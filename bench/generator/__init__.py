"""Synthetic but realistic Ofsted children's services trails for benchmarks.

``plan`` decides who is inspected when and what each document says about
which matter; ``genres`` lays a document out the way its genre is printed;
``render_txt`` / ``render_pdf`` write it. Text is composed from phrase
templates in ``vocabulary``: no real report text is copied.
"""
