"""The pure domain core: plain typed Python, no I/O, no framework.

Modules here import nothing else from midback and nothing that touches files, databases or
the network. Pydantic is used as a validation library only (frozen value objects).
"""
