"""Text utilities shared by the stages (ingest and merge): sentence splitting."""
