"""Render: the outputs of one assessment (text, JSON, HTML, PDF, DOCX, charts) and of a blank questionnaire (YAML, workbook)."""
