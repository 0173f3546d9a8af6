"""``python -m chronicle.scale INPUT... --out DIR``: the Spark job (see chronicle.scale.job)."""
import sys

from chronicle.scale.job import main

sys.exit(main())
