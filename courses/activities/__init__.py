"""Activity types: one self-contained plugin (a Django app) per folder."""
