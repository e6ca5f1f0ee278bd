"""``python -m yusuan``: the same command line as ``yusuan``."""

from .cli import main

main()
