"""Stage 1, the source: plan files read as YAML with positions, checked against the model, problems in staff's words."""
