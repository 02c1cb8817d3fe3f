"""Selling: products, price books, quotes, documents and contracts."""
