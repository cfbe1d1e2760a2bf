"""python -m citegraph"""

from .cli import main

main()
