"""What Chronicle knows before reading a text: name folding, the country gazetteer and built-in
people and organisations (``chronicle/data``), and the optional imported actor knowledge base.

Extractors, the store and the API all read from here; nothing here reads an article.
"""
