"""Stage 4, exchange: plans to and from spreadsheets (columns, cells, rows, reader, writer) and open data."""
