"""enface: aligned plain-text translations in, parallel-text (en face) editions out."""

__version__ = "0.1.0"
