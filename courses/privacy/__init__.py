"""Learners' data: export, erasure, retention (services) and the views behind them."""
