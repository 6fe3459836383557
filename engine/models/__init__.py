"""Pydantic models: the single source of the JSON Schemas and of loaded data."""
