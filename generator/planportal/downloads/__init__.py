"""Stage 5, downloads: the files the site offers besides its pages (spreadsheets, open data, feeds, calendars)."""
