"""Stage 4, exchange: plans to and from spreadsheets (columns, cells, rows) and open data."""
