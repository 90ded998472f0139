#!/usr/bin/env python3
"""Export a fitted scikit-learn model as a ratchet artifact: see --help.

Run it with the Python that has scikit-learn (on Debian, /usr/bin/python3):

    /usr/bin/python3 tools/export_sklearn.py model.pkl --target y > model.json

Loading a pickle runs code stored in it: only export pickles you trust.
"""

import os
import sys

# The package sits beside this script; keep the source tree free of __pycache__.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sklearn_export.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
