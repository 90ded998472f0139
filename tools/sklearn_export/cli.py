"""The command line: arguments, loading the pickle, writing the artifact, and error reporting."""

import argparse
import hashlib
import sys
import warnings

from .errors import ExportError

DESCRIPTION = """\
Turns a fitted scikit-learn model (a pickle or joblib file) into a ratchet
model artifact (format ratchet.model/v1), written as JSON on stdout.

From scikit-learn to predictions in five lines:

  # in Python, after fitting:   joblib.dump(model, "churn.pkl")
  /usr/bin/python3 tools/export_sklearn.py churn.pkl --target churned > churn.json
  deno run -A main.ts models add churn churn.json      # publishes churn@1
  deno run -A main.ts predict churn --input new_rows.csv   # predicts with it
  deno run -A main.ts evaluate churn --input labelled.csv  # measures it

Supported: LinearRegression, Ridge, Lasso, ElasticNet, LogisticRegression,
DecisionTree/RandomForest/ExtraTrees/GradientBoosting Classifier and Regressor,
GaussianNB; alone or at the end of a Pipeline of StandardScaler, MinMaxScaler,
SimpleImputer, OneHotEncoder and ColumnTransformer.

WARNING: loading a pickle runs code stored in it. Only export pickles you
trust (ones you or your team wrote), never one downloaded or received.
"""

EPILOG = """\
The artifact has no name or version: `models add` assigns them and the hash.
Errors go to stderr with exit code 2.
"""


def _parser():
    parser = argparse.ArgumentParser(
        prog="export_sklearn.py",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("model", metavar="MODEL.pkl", help="a fitted model saved with pickle.dump or joblib.dump")
    parser.add_argument("--target", metavar="NAME", help='the target column of labelled data (default "target")')
    parser.add_argument(
        "--positive",
        metavar="LABEL",
        help="binary classifiers: the positive class, one of classes_ (default: classes_[1])",
    )
    parser.add_argument(
        "--features",
        metavar="a,b,…",
        help="column names, in training order, for a model fitted on a numpy array (no feature_names_in_)",
    )
    parser.add_argument("--name", metavar="NAME", help="the model name to show in the `models add` hint on stderr")
    parser.add_argument("--description", metavar="TEXT", help="a one-line description stored in the artifact")
    return parser


def _fail(message):
    print(f"export_sklearn: error: {message}", file=sys.stderr)
    return 2


def _note(message):
    print(f"export_sklearn: note: {message}", file=sys.stderr)


def _load(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise ExportError(f"cannot read {path}: {e.strerror or e}; give the path of a pickle or joblib file") from e
    import joblib

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            model = joblib.load(path)
        except Exception as e:  # unpickling can raise anything the pickled code raises
            raise ExportError(
                f"cannot load {path} ({type(e).__name__}: {e}); it must be a pickle or joblib file of a fitted "
                "scikit-learn model, loadable with the installed scikit-learn"
            ) from e
    for w in caught:
        _note(f"while loading {path}: {w.message}")
    return model, hashlib.sha256(data).hexdigest()


def _feature_list(text):
    if text is None:
        return None
    names = [name.strip() for name in text.split(",")]
    if any(not name for name in names) or len(set(names)) != len(names):
        raise ExportError(f"--features {text!r} must be distinct, non-empty column names separated by commas")
    return names


def main(argv=None):
    """Runs the exporter; returns the process exit code (0, or 2 on error)."""
    args = _parser().parse_args(argv)
    try:
        from .artifact import build_artifact
        from .pretty_json import pretty_json

        features = _feature_list(args.features)
        model, sha = _load(args.model)
        body = build_artifact(
            model,
            target=args.target or "target",
            positive=args.positive,
            features=features,
            description=args.description,
            pickle_sha256=sha,
        )
        text = pretty_json(body)
    except ExportError as e:
        return _fail(str(e))
    except Exception as e:  # a bug or an estimator state we do not understand: still exit 2, say so
        return _fail(
            f"unexpected {type(e).__name__} while exporting {args.model}: {e}. This model may use a feature the "
            "exporter does not handle; please report it with the scikit-learn version"
        )
    sys.stdout.write(text)
    sys.stdout.flush()
    if args.target is None:
        _note('no --target given: the target is named "target" (use --target NAME for its column in labelled data)')
    name = args.name or "NAME"
    _note(
        f"exported {body['provenance']['estimator']} as a {body['task']} {body['plugin']['id']} model "
        f"({len(body['features'])} features, {len(body['inputs'])} inputs). Next: "
        f"deno run -A main.ts models add {name} artifact.json"
    )
    return 0
