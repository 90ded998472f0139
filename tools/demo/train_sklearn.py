"""Trains the demo's scikit-learn model: what a data scientist would hand over.

    /usr/bin/python3 tools/demo/train_sklearn.py data/samples/seattle-days.csv rain.pkl

Will it rain tomorrow in Seattle? A Pipeline of a ColumnTransformer (impute and
scale the numbers, one-hot the categories) and a GradientBoostingClassifier,
fitted on the days of 2012-2014 and saved with joblib. Needs Debian's
python3-sklearn and python3-pandas.
"""

import sys

import joblib
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMBERS = ["precipitation", "precipitation_yesterday", "temp_max", "temp_min", "wind"]
CATEGORIES = ["season", "weather"]


def main(csv_path: str, out_path: str) -> None:
    days = pd.read_csv(csv_path)
    train = days[days["date"] < "2015"]
    model = Pipeline([
        ("prep", ColumnTransformer([
            ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), NUMBERS),
            ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORIES),
        ])),
        ("model", GradientBoostingClassifier(n_estimators=120, max_depth=2, learning_rate=0.05, random_state=0)),
    ])
    model.fit(train[NUMBERS + CATEGORIES], train["rain_tomorrow"])
    joblib.dump(model, out_path)
    print(f"trained {type(model[-1]).__name__} on {len(train)} days; saved {out_path}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
