"""fogofwar.eval stage."""
