"""Exporting fitted scikit-learn models as ratchet model artifacts (``ratchet.model/v1``).

``tools/export_sklearn.py`` is the command; :func:`main` in ``cli`` runs it.
The modules follow the artifact: ``pipeline`` and ``transformers`` build the
preprocessing ``plan``, ``estimators`` (with ``linear`` and ``trees``) the
coefficients, ``artifact`` the whole body, ``pretty_json`` the text.
"""
