# Metadata and the version live in pyproject.toml; this file lets older tooling (pip < 21.3,
# `python setup.py develop`) install the app too.
from setuptools import setup

setup()
