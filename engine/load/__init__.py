"""Load: read YAML (with positions) and spreadsheets, validate against the schemas, load rulesets; every problem as file:line:col."""
