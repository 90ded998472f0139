"""Trains the demo's scikit-learn model: what a data scientist would hand over.

    /usr/bin/python3 tools/demo/train_sklearn.py data/samples/churn.csv churn.pkl

A Pipeline of a ColumnTransformer (impute + scale the numbers, one-hot the
categories) and a GradientBoostingClassifier, fitted on churn.csv and saved
with joblib. Needs Debian's python3-sklearn and python3-pandas.
"""

import sys

import joblib
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMBERS = ["tenure_months", "monthly_charges", "support_calls"]
CATEGORIES = ["plan", "region"]


def main(csv_path: str, out_path: str) -> None:
    df = pd.read_csv(csv_path)
    X = df[NUMBERS + CATEGORIES + ["autopay"]]
    y = df["churned"]
    model = Pipeline([
        ("prep", ColumnTransformer([
            ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), NUMBERS),
            ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORIES),
        ], remainder="passthrough")),
        ("model", GradientBoostingClassifier(n_estimators=150, max_depth=3, learning_rate=0.05, random_state=0)),
    ])
    model.fit(X, y)
    joblib.dump(model, out_path)
    print(f"trained {type(model[-1]).__name__} on {len(df)} rows; saved {out_path}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
