"""Judge: check a questionnaire against its ruleset, evaluate the conditions (three-valued), choose profiles, score, waves."""
