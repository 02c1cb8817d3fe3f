"""Selling rules: products and price books, quote arithmetic, bundles, contracts."""
