"""`python -m bench [--tiny] [--output FILE]`: see bench/run.py."""

from bench.run import main

raise SystemExit(main())
