"""Stage 2, the portal: the files joined and cross-checked, and what is worked out from them (status, dashboards,
reports, completeness, changes, publications)."""
