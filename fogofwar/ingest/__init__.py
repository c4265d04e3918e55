"""fogofwar.ingest stage."""
