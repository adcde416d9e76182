"""``python -m claimkit``: the same as the ``claimkit`` command."""

from claimkit.cli import main

main()
